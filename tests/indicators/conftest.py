"""Indicators, countries, events and staff for the indicator tests, built in code.

eu-dap covers AL and RS (not AT). `arrests` is typed (a count), `initiatives` is counted
from events. The editor records for AL, `rs_editor` for RS, the reviewer for everyone.
"""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from indicators.models import Better, Derivation, Indicator
from indicators.services import record_value
from tests import factories


@pytest.fixture
def world(db):
    al, rs, at = factories.countries("AL", "RS", "AT")
    dap = factories.framework("eu-dap", countries=[al, rs])
    online = factories.requirement(dap, "supply.online-markets")
    cross = factories.requirement(dap, "international.cross-border")
    source = factories.source("workshop-news", title="Workshop news")
    arrests = Indicator.objects.create(
        code="arrests",
        title="Arrests for online drug crime",
        definition="People arrested.",
        unit="arrests",
        better=Better.HIGHER,
        framework=dap,
        source=source,
        covers_from=dt.date(2010, 1, 1),
    )
    arrests.requirements.add(online)
    initiatives = Indicator.objects.create(
        code="initiatives",
        title="Joint initiatives",
        definition="Counted from events.",
        unit="initiatives",
        better=Better.HIGHER,
        derivation=Derivation.EVENTS,
        framework=dap,
        source=source,
        position=1,
    )
    initiatives.requirements.add(cross)
    return SimpleNamespace(
        al=al,
        rs=rs,
        at=at,
        dap=dap,
        online=online,
        cross=cross,
        source=source,
        arrests=arrests,
        initiatives=initiatives,
    )


def value(world, country, period=(2016,), number="12", approve=True, by=None, **extra):
    first = dt.date(period[0], 1, 1)
    return record_value(
        indicator=extra.pop("indicator", world.arrests),
        country=country,
        period_start=first,
        period_end=dt.date(period[0], 12, 31),
        value=None if number is None else Decimal(number),
        source=world.source,
        recorded_by=by,
        approve=approve,
        **extra,
    )


