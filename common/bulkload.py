"""Bulk loads: many rows into a few tables at the speed of the database's own loader.

For the commands that write hundreds of thousands of rows at once (synthesize, the
scoretable rebuild), never for a request:

- `insert(model, columns, rows)`: COPY on PostgreSQL, one prepared INSERT on SQLite; rows
  are tuples already in a form the database reads (str, int, date, None).
- `reserve_ids(model, n)`: n primary keys taken at once, so rows can point at rows of the
  same load without reading them back.
- `deferred_indexes(*models)`: the tables' secondary indexes, unique constraints and
  foreign keys dropped for the load and built again at its end, in the same transaction,
  from the database's own definitions of them (so exactly as the migrations left them);
  one sort per index instead of an index entry, and one join per foreign key instead of
  a lookup, per row.
- `session()`: around the load's transaction, Python's cyclic garbage collector paused
  and, on SQLite, a page cache big enough for the indexes of a million rows and no
  fsync; restored afterwards.
- `empty(*models)`: every row deleted (TRUNCATE on PostgreSQL).
- `analyze(*models)`: the planner's statistics for the tables loaded. Without them,
  PostgreSQL planned one page's query for empty tables after a load (6 s instead of 0.3 s).
"""

import contextlib
import gc
import itertools
from collections.abc import Iterable, Iterator

from django.core.management.color import no_style
from django.db import IntegrityError, connection, models

COPY_BATCH = 2000


def _table(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def insert(model: type[models.Model], names: Iterable[str], rows: Iterable[tuple]) -> None:
    """Write `rows`, tuples in the order of the fields `names`, in one statement."""
    fields = [model._meta.get_field(name) for name in names]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # psycopg2's own cursor: its errors become Django's (IntegrityError...) here.
            with connection.wrap_database_errors:
                cursor.cursor.copy_expert(
                    f"COPY {_table(model)} ({columns}) FROM STDIN", CopyStream(rows, len(fields))
                )
        else:
            marks = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {_table(model)} ({columns}) VALUES ({marks})", rows)


class CopyStream:
    """What COPY reads from (its text format), written as it is read: the rows are made
    while the server parses the ones before. psycopg2 sends each piece read() returns,
    whatever its size.

    A row is formatted in one step, then the piece is checked for what the text format
    gives a meaning (tab, newline, backslash, NULL's None): a piece with any is written
    again value by value, escaped.
    """

    def __init__(self, rows: Iterable[tuple], width: int) -> None:
        self.rows = iter(rows)
        self.width = width
        self.line = "\t".join(["%s"] * width) + "\n"

    def read(self, size: int = -1) -> str:
        batch = [tuple(row) for row in itertools.islice(self.rows, COPY_BATCH)]
        line = self.line
        text = "".join([line % row for row in batch])
        plain = (
            text.count("\n") == len(batch)
            and text.count("\t") == len(batch) * (self.width - 1)
            and "\\" not in text
            and "\r" not in text
            and "None" not in text
        )
        if plain:
            return text
        return "".join("\t".join(map(_copy_text, row)) + "\n" for row in batch)


_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value) -> str:
    return "\\N" if value is None else str(value).translate(_ESCAPES)


def reserve_ids(model: type[models.Model], n: int) -> int:
    """The first of n consecutive primary keys no other row will take.

    PostgreSQL: the sequence moved past them at once. Take the table's lock first (as
    deferred_indexes does): a concurrent insert could otherwise draw one between the
    statement's nextval and setval.
    SQLite: the writer holds the database's lock; an explicit id moves AUTOINCREMENT's
    counter past itself.
    """
    table, pk = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, %s), "
                "nextval(pg_get_serial_sequence(%s, %s)) + %s - 1)",
                [table, pk, table, pk, max(n, 1)],
            )
            return cursor.fetchone()[0] - max(n, 1) + 1
        cursor.execute(
            f"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "
            f"coalesce((SELECT max({connection.ops.quote_name(pk)}) FROM {_table(model)}), 0))",
            [table],
        )
        return cursor.fetchone()[0] + 1


@contextlib.contextmanager
def deferred_indexes(*tables: type[models.Model]) -> Iterator[None]:
    """Load the tables of `tables` without their secondary indexes and constraints.

    Inside a transaction (atomic) only: on an error the transaction takes the drops back
    with the rows. Primary keys, NOT NULL and CHECK constraints stay; SQLite checks the
    CHECK constraints once per table at the end (IntegrityError). On SQLite the unique constraints
    written in CREATE TABLE cannot be dropped; rows loaded in key order only append to
    them.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("deferred_indexes() drops indexes: call it inside atomic().")
    if connection.vendor == "postgresql":
        with _postgresql_deferred([m._meta.db_table for m in tables]):
            yield
    else:
        with _sqlite_deferred(tables):
            yield


def _settle() -> None:
    """On PostgreSQL, run the pending checks of deferred foreign keys now, as Django's
    loaddata does (check_constraints), and defer again: while any wait, ALTER TABLE and
    TRUNCATE refuse their tables."""
    if connection.vendor == "postgresql":
        connection.check_constraints()


@contextlib.contextmanager
def _postgresql_deferred(tables: list[str]) -> Iterator[None]:
    with connection.cursor() as cursor:
        _settle()
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        # Constraints (unique, foreign key) and the indexes no constraint owns; never the
        # primary key, nor an index another table's foreign key depends on.
        cursor.execute(
            """
            SELECT c.conrelid::regclass::text, quote_ident(c.conname),
                   pg_get_constraintdef(c.oid), c.contype = 'f'
            FROM pg_constraint c
            WHERE c.conrelid = ANY(%(tables)s::regclass[]) AND c.contype IN ('u', 'f')
              AND NOT EXISTS (SELECT FROM pg_constraint f
                              WHERE f.contype = 'f' AND f.conindid = c.conindid
                                AND c.contype = 'u')
            ORDER BY c.contype DESC, c.conname
            """,
            {"tables": tables},
        )
        constraints = cursor.fetchall()
        cursor.execute(
            """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            WHERE i.indrelid = ANY(%(tables)s::regclass[]) AND NOT i.indisprimary
              AND NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            ORDER BY 1
            """,
            {"tables": tables},
        )
        indexes = cursor.fetchall()
        for table, name, _definition, _foreign in constraints:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
    yield
    with connection.cursor() as cursor:
        _settle()
        for _name, definition in indexes:
            cursor.execute(definition)
        # Unique constraints first: their indexes are the foreign keys' fastest checks.
        for table, name, definition, _foreign in sorted(constraints, key=lambda c: c[3]):
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}")


@contextlib.contextmanager
def _sqlite_deferred(tables: tuple[type[models.Model], ...]) -> Iterator[None]:
    names = [m._meta.db_table for m in tables]
    with connection.cursor() as cursor:
        marks = ", ".join(["%s"] * len(names))
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({marks}) ORDER BY name",
            names,
        )
        indexes = cursor.fetchall()
        for name, _sql in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        # SQLite evaluates a CHECK (... IN (...)) at about the cost of the insert itself:
        # each is checked once per table at the end instead.
        cursor.execute("PRAGMA ignore_check_constraints = ON")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA ignore_check_constraints = OFF")
    for model in tables:
        _check(model)
    with connection.cursor() as cursor:
        for _name, sql in indexes:
            cursor.execute(sql)


def _check(model: type[models.Model]) -> None:
    """Refuse rows that break one of the table's CHECK constraints: one query for each
    of Meta.constraints; PRAGMA quick_check (slower: it reads every page) for a table
    whose fields add their own."""
    if any(field.db_check(connection) for field in model._meta.local_concrete_fields):
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA quick_check({_table(model)})")
            problems = [row[0] for row in cursor.fetchall() if row[0] != "ok"]
    else:
        problems = [
            constraint.name
            for constraint in model._meta.constraints
            if isinstance(constraint, models.CheckConstraint)
            and model._base_manager.exclude(constraint.condition).exists()
        ]
    if problems:
        raise IntegrityError(f"{model._meta.db_table}: {'; '.join(problems[:5])}")


@contextlib.contextmanager
def session() -> Iterator[None]:
    """Around a load's transaction (outside atomic() for the whole effect).

    Python's cyclic garbage collector paused: a load makes and drops millions of rows
    (lists and tuples, in no cycle) and each of its passes walks every one alive. On
    SQLite: a page cache big enough for the indexes being filled, sorts in memory and a
    helper thread for the index builds, no fsync (a crash mid-load loses the load only);
    all restored afterwards. WAL stays: leaving it needs every other connection closed.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        if connection.vendor == "sqlite":
            with _sqlite_pragmas():
                yield
        else:
            yield
    finally:
        if collecting:
            gc.enable()


@contextlib.contextmanager
def _sqlite_pragmas() -> Iterator[None]:
    load = {"cache_size": -1048576, "temp_store": 2, "threads": 2, "synchronous": 0}
    if connection.in_atomic_block:  # SQLite refuses to change these inside a transaction
        del load["synchronous"], load["temp_store"]
    with connection.cursor() as cursor:
        before = {}
        for pragma, value in load.items():
            cursor.execute(f"PRAGMA {pragma}")
            (before[pragma],) = cursor.fetchone()
            cursor.execute(f"PRAGMA {pragma} = {value}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for pragma, value in before.items():
                cursor.execute(f"PRAGMA {pragma} = {int(value)}")


def empty(*tables: type[models.Model]) -> None:
    """Delete every row of `tables` (TRUNCATE on PostgreSQL: no dead rows left behind)."""
    statements = connection.ops.sql_flush(
        no_style(), [m._meta.db_table for m in tables], allow_cascade=False
    )
    _settle()
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def analyze(*tables: type[models.Model]) -> None:
    """Fresh planner statistics for `tables` (PostgreSQL's, SQLite's sqlite_stat1)."""
    names = ", ".join(dict.fromkeys(_table(m) for m in tables))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {names}")
        else:
            for name in names.split(", "):
                cursor.execute(f"ANALYZE {name}")
