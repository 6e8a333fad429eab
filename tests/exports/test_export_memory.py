"""Exports stream: memory stays flat however many rows (100,000 synthetic rows here).

tracemalloc measures the peak of Python memory while a response is read to the end. A
one-framework export (about 10,000 rows, five database chunks) and the whole synthetic
set (over 100,000 rows) must peak at about the same height, and below 50 bytes a row: a
row held in memory costs hundreds (nine Python objects at least), so nothing holds the
rows or the file at once.
"""

import gc
import tracemalloc

import pytest
from django.core.management import call_command
from django.http import QueryDict

from alignment.filters import StatusFilterSet
from alignment.models import Framework
from alignment.opendata import public_scope


def peak_while_reading(client, url: str) -> tuple[int, int]:
    """(peak bytes allocated, body bytes) while the response is read chunk by chunk."""
    gc.collect()
    tracemalloc.start()
    try:
        response = client.get(url)
        assert response.status_code == 200, url
        size = sum(len(chunk) for chunk in response.streaming_content)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak, size


@pytest.fixture
def synthetic(db) -> tuple[str, str, int]:
    """50 countries x 2,100 requirements x 2 changes: about 104,000 pairs with data."""
    call_command("synthesize", countries=50, requirements=2100, changes=2, seed=1, verbosity=0)
    codes = Framework.objects.filter(synthetic=True).values_list("code", flat=True)
    everything = "&".join(f"framework={code}" for code in codes)
    params = QueryDict(everything)
    rows = StatusFilterSet(params, queryset=public_scope(params)).qs.count()
    return "framework=synthetic-01", everything, rows


def test_status_exports_stream_100000_rows_in_flat_memory(client, synthetic):
    one_framework, everything, rows = synthetic
    assert rows >= 100_000

    for fmt in ("csv", "json", "xlsx"):
        client.get(f"/export/status.{fmt}?{one_framework}")  # imports and caches warmed
        small_peak, small_size = peak_while_reading(client, f"/export/status.{fmt}?{one_framework}")
        large_peak, large_size = peak_while_reading(client, f"/export/status.{fmt}?{everything}")

        assert large_size > 8 * small_size, fmt  # ten times the rows, in fact
        assert large_peak < 1.5 * small_peak + 512 * 1024, (fmt, small_peak, large_peak)
        assert large_peak < 50 * rows, (fmt, large_peak, rows)
