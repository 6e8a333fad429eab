"""What the exports and the API share: the public scope, parameter checks, ETags.

The filtering itself lives in alignment.filters (one definition of every filter); this
module only decides which rows those filters start from and how a bad value is reported.
"""

import hashlib

from django.db.models import Count, Max, QuerySet
from django.http import HttpRequest, QueryDict
from django.utils import timezone

from alignment.models import Framework, Requirement, Source, StatusChange
from countries.models import Country

# Pairs by codes: country, framework, requirement. Dotted requirement codes
# (supply.online-markets) keep a subtree together; positions only order siblings.
PAIR_ORDER = ["country__code", "requirement__framework__code", "requirement__code"]


def public_scope(params: QueryDict) -> QuerySet[StatusChange]:
    """The rows a public read starts from: synthetic frameworks only when named.

    Benchmarks reach a synthetic framework by its code (`?framework=synthetic-01`); a
    reader who names no framework never sees generated data. Approval and the as-of rule
    are the FilterSets' job.
    """
    rows = StatusChange.objects.all()
    if not any(value.strip() for value in params.getlist("framework")):
        rows = rows.filter(requirement__framework__synthetic=False)
    return rows


def describe_errors(errors: dict[str, list[str]]) -> str:
    """One line per bad parameter, each starting with the parameter's name."""
    return "\n".join(f"{name}: {' '.join(messages)}" for name, messages in errors.items())


def exports_etag(request: HttpRequest) -> str:
    """A weak ETag for an export: it changes whenever a row of any export could.

    Exports are streamed, so they cannot be hashed before they are sent; instead the ETag
    is built from what they read. StatusChange is append-only and only its review moves,
    so the newest recorded_at and reviewed_at plus the row count catch every change to
    it; the reference tables carry updated_at. Today's date is in it because `as_of`
    defaults to today.
    """
    parts = [request.get_full_path(), timezone.localdate().isoformat()]
    changes = StatusChange.objects.aggregate(Max("recorded_at"), Max("reviewed_at"), Count("pk"))
    parts += [str(value) for value in changes.values()]
    for model in (Country, Framework, Requirement, Source):
        parts += [str(v) for v in model.objects.aggregate(Max("updated_at"), Count("pk")).values()]
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]
    return f'W/"{digest}"'
