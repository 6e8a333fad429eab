"""What the exports and the API share: the public scope, parameter checks, ETags.

The filtering itself lives in alignment.filters (one definition of every filter); this
module only decides which rows those filters start from and how a bad value is reported.
"""

from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict

from alignment import pagecache
from alignment.models import StatusChange

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
    """A weak ETag for an export: the data version's (alignment.pagecache), one query.

    Exports are streamed, so they cannot be hashed before they are sent; the data version
    moves with every approval and every change of reference data, in the same transaction.
    """
    return pagecache.public_etag(request)
