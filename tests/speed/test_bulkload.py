"""Bulk loads (common.bulkload) leave the schema as migrated, the rows as given and the
planner's statistics describing them: synthesize and the scoretable rebuild."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from alignment.models import Assessment, Source, Status, StatusChange
from common import bulkload
from tests import factories as f

pytestmark = pytest.mark.django_db

LOADED = [
    "alignment_statuschange",
    "alignment_assessment",
    "alignment_scoreseries",
    "alignment_scoretotal",
]


def schema(tables: list[str]) -> dict:
    """The tables' indexes and constraints as the database itself defines them."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), "
                "condeferrable, condeferred, convalidated FROM pg_constraint "
                "WHERE conrelid = ANY(%s::regclass[]) ORDER BY 1, 2",
                [tables],
            )
            constraints = cursor.fetchall()
            cursor.execute(
                "SELECT tablename, indexname, indexdef FROM pg_indexes "
                "WHERE tablename = ANY(%s) ORDER BY 1, 2",
                [tables],
            )
            return {"constraints": constraints, "indexes": cursor.fetchall()}
        marks = ", ".join(["%s"] * len(tables))
        cursor.execute(
            f"SELECT type, name, tbl_name, sql FROM sqlite_master WHERE tbl_name IN ({marks}) "
            "ORDER BY type, name",
            tables,
        )
        return {"objects": cursor.fetchall()}


def planner_rows(table: str) -> int | None:
    """How many rows the planner's statistics say `table` holds (None: never analysed)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [table])
            (rows,) = cursor.fetchone()
            return None if rows < 0 else int(rows)
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if not cursor.fetchone()[0]:
            return None
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s", [table])
        # A row per index, its first figure the index's rows (fewer for a partial one).
        return max((int(stat.split()[0]) for (stat,) in cursor.fetchall()), default=None)


def count(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
        return cursor.fetchone()[0]


def test_synthesize_leaves_the_indexes_and_constraints_as_migrated():
    migrated = schema(LOADED)
    assert all(migrated.values())

    call_command("synthesize", countries=2, requirements=30, changes=3, seed=2, verbosity=0)

    assert schema(LOADED) == migrated
    # And they hold again: a second Assessment for a pair is refused.
    kept = Assessment.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(
            country_id=kept.country_id,
            requirement_id=kept.requirement_id,
            change_id=kept.change_id,
            status=kept.status,
        )


def test_synthesize_leaves_planner_statistics_of_what_it_loaded():
    # i10: without them one page's plan took 6 s instead of 0.3 s after a bulk load.
    call_command("synthesize", countries=2, requirements=45, changes=3, seed=9, verbosity=0)

    for table in [*LOADED, "alignment_requirement", "countries_country"]:
        assert count(table) > 0
        assert planner_rows(table) == count(table), table


def test_the_scoretable_rebuild_leaves_planner_statistics_of_its_rows():
    country = f.country("AL", "Albania")
    fw = f.framework("fw", countries=[country])
    for n in range(3):
        leaf = f.requirement(fw, f"r{n}")
        f.change(country, leaf, Status.ADOPTED, on=dt.date(2016, 1, 1 + n))

    call_command("scoretable", stdout=open("/dev/null", "w"))

    assert count("alignment_scoretotal") == 3
    for table in ["alignment_scoreseries", "alignment_scoretotal"]:
        assert planner_rows(table) == count(table), table


def test_insert_writes_text_as_given_whatever_it_holds():
    awkward = ["tab\there", "two\nlines\r\n", "back\\slash \\N", "None", "", "100%s"]
    bulkload.insert(
        Source,
        ("key", "title", "publisher", "published_on", "published_precision", "url")
        + ("language", "notes", "updated_at"),
        [
            (f"k{n}", text, text, None if n % 2 else dt.date(2020, 1, n + 1), "day", "")
            + ("", text, "2020-01-01 00:00:00")
            for n, text in enumerate(awkward)
        ],
    )

    found = Source.objects.filter(key__startswith="k").order_by("key")
    assert [(s.title, s.notes) for s in found] == [(t, t) for t in awkward]
    assert [s.published_on for s in found][:2] == [dt.date(2020, 1, 1), None]


def test_a_failed_load_leaves_rows_and_schema_as_they_were():
    migrated = schema(LOADED)
    country = f.country("AL", "Albania")
    leaf = f.requirement(f.framework("fw", countries=[country]), "r")
    source = f.source()
    before = StatusChange.objects.count()

    with pytest.raises(IntegrityError), transaction.atomic():
        with bulkload.deferred_indexes(StatusChange):
            bulkload.insert(
                StatusChange,
                ("uid", "country_id", "requirement_id", "status", "effective_on", "precision")
                + ("evidence", "source_id", "recorded_at", "review_state", "review_note"),
                [
                    (f"{n:032x}", country.pk, leaf.pk, status, "2016-01-01", "day")
                    + ("x", source.pk, "2016-01-02 00:00:00", "approved", "")
                    for n, status in enumerate(["adopted", "not-a-status"])
                ],
            )
            # PostgreSQL refuses the row at once; SQLite when the load ends.

    assert StatusChange.objects.count() == before
    assert schema(LOADED) == migrated
