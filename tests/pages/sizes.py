"""Two synthetic worlds of different sizes, for pinning a page's query count as fixed
whatever the data size (issue 10): the same page must ask the same number of queries on
both. Synthetic data (labelled so by the synthesize command), built in the test's
transaction."""

from types import SimpleNamespace

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

# 45 leaves either way (one framework shown in full); the larger world has more
# countries, a longer history and more recommendations.
SIZES = {
    "small": {"countries": 3, "changes": 2, "recommendations": 5},
    "larger": {"countries": 8, "changes": 6, "recommendations": 30},
}


def build(size: str) -> SimpleNamespace:
    from alignment.models import Requirement
    from countries.models import Country
    from workshops.synthetic import synthetic_workshop

    chosen = SIZES[size]
    call_command(
        "synthesize",
        countries=chosen["countries"],
        requirements=45,
        changes=chosen["changes"],
        seed=2,
        verbosity=0,
    )
    return SimpleNamespace(
        countries=list(Country.objects.filter(name__startswith="Synthetic country")),
        leaves=list(Requirement.objects.filter(framework__code="synthetic-01").leaves()),
        workshop=synthetic_workshop(recommendations=chosen["recommendations"]),
    )


def queries(client, url: str) -> int:
    """The queries `url` asks, uncached (the page cache is emptied first)."""
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context)
