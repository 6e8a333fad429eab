"""Exports stream: memory stays flat however many rows.

tracemalloc measures the peak of Python memory while a response is read to the end. A
two-framework export (about 4,300 rows, three database chunks: the peak holds two) and
the whole synthetic set (five times as many) must peak at about the same height, and
each further row may add less than 50 bytes to the peak: a row held in memory costs
hundreds (nine Python objects at least), so nothing holds the rows or the file at once.
(The 100,000-row run this test once made took minutes; its figures are in the README.)
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


def rows_in(query: str) -> int:
    params = QueryDict(query)
    return StatusFilterSet(params, queryset=public_scope(params)).qs.count()


@pytest.fixture
def synthetic(db) -> tuple[str, str, int, int]:
    """12 countries x 2,000 requirements (ten frameworks) x 1 change: about 21,000 rows."""
    call_command("synthesize", countries=12, requirements=2000, changes=1, seed=1, verbosity=0)
    codes = Framework.objects.filter(synthetic=True).values_list("code", flat=True)
    two = "framework=synthetic-01&framework=synthetic-02"
    everything = "&".join(f"framework={code}" for code in codes)
    return two, everything, rows_in(two), rows_in(everything)


def test_status_exports_stream_in_flat_memory(client, synthetic):
    two, everything, small_rows, rows = synthetic
    assert rows >= 20_000 and rows > 4.5 * small_rows

    for fmt in ("csv", "json", "xlsx"):
        client.get(f"/export/status.{fmt}?{two}")  # imports and caches warmed
        small_peak, small_size = peak_while_reading(client, f"/export/status.{fmt}?{two}")
        large_peak, large_size = peak_while_reading(client, f"/export/status.{fmt}?{everything}")

        assert large_size > 4 * small_size, fmt  # five times the rows, in fact
        assert large_peak < 1.5 * small_peak + 512 * 1024, (fmt, small_peak, large_peak)
        per_row = (large_peak - small_peak) / (rows - small_rows)
        assert per_row < 50, (fmt, small_peak, large_peak, rows)
