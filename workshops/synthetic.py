"""A synthetic workshop on the synthesize command's data, for benchmarks and tests.

Not real data, and labelled so: every synthetic country a beneficiary, a recommendation on
each of the first leaf requirements of `synthetic-01`, every twentieth to every beneficiary.
"""

import datetime as dt

from alignment.models import Requirement, Source
from countries.models import Country
from workshops.models import (
    Participation,
    ParticipationRole,
    Recommendation,
    Workshop,
    WorkshopKind,
)


def synthetic_workshop(*, recommendations: int | None = None) -> Workshop:
    """Build it after `synthesize`; `recommendations` caps their number (default: one a leaf)."""
    countries = list(Country.objects.filter(name__startswith="Synthetic country"))
    leaves = list(Requirement.objects.filter(framework__code="synthetic-01").leaves())
    source = Source.objects.get(key="synthetic-benchmark-data")
    workshop = Workshop.objects.create(
        slug="synthetic-workshop",
        title="Synthetic workshop (benchmark data, not real)",
        kind=WorkshopKind.OTHER,
        starts_on=dt.date(2012, 1, 1),
        ends_on=dt.date(2012, 1, 2),
        city="Synthetic city",
        host_country=countries[0],
        organiser="Alignment Tracker synthetic data",
        source=source,
    )
    Participation.objects.bulk_create(
        Participation(workshop=workshop, country=c, role=ParticipationRole.BENEFICIARY)
        for c in countries
    )
    Recommendation.objects.bulk_create(
        Recommendation(
            workshop=workshop,
            code=f"S{i + 1}",
            country=None if i % 20 == 0 else countries[i % len(countries)],
            requirement=leaf,
            text="Synthetic recommendation (benchmark data, not real).",
            source=source,
        )
        for i, leaf in enumerate(leaves[:recommendations])
    )
    return workshop
