"""Recording and approving at once on PostgreSQL: nothing lost, nothing stale, no error.

Defects 2 and 3 of issue 12: refresh_assessment chose "the current change" before it took
the lock, so two approvals of one pair at once could leave the Assessment on the older
one; two approvals of a pair without an Assessment both inserted one (IntegrityError, a
500 in the admin). 20 threads here each record and approve 50 changes, all threads on
the same pair at the same moment, every pair starting without an Assessment.

PostgreSQL only: SQLite runs one write transaction at a time (config/settings.py), so
there is no interleaving to test there. The figures are printed (pytest -s).
"""

import datetime as dt
import random
import threading

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from alignment.models import Assessment, ReviewState, Status, StatusChange
from alignment.roles import EDITOR, REVIEWER, ensure_roles
from alignment.services import approve_change, record_status
from tests import factories
from tests.admin.conftest import staff
from tests.sheets import BASE, as_csv, upload

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="PostgreSQL only: SQLite runs one write transaction at a time",
    ),
]

THREADS, ROUNDS, PAIRS = 20, 50, 25


def run_in_threads(work, n: int) -> list[str]:
    """Run work(i) in n threads released together; the errors they met, as text."""
    start, errors = threading.Barrier(n), []

    def body(i: int) -> None:
        try:
            start.wait()
            work(i)
        except Exception as error:  # noqa: BLE001 - every error is a finding, reported
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            connection.close()

    threads = [threading.Thread(target=body, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def stale_assessments() -> list[tuple[int, int]]:
    """Pairs whose Assessment is not the as-of rule's answer for today."""
    rule = {
        (c.country_id, c.requirement_id): c.pk
        for c in StatusChange.objects.approved().as_of(timezone.localdate())
    }
    held = {(a.country_id, a.requirement_id): a.change_id for a in Assessment.objects.all()}
    return sorted(pair for pair in rule.keys() | held.keys() if rule.get(pair) != held.get(pair))


@pytest.fixture
def pairs(db):
    countries = [factories.country(code) for code in ["AL", "BA", "ME", "MK", "RS"]]
    fw = factories.framework("fw", countries=countries)
    requirements = [factories.requirement(fw, f"r{n}") for n in range(PAIRS // len(countries))]
    return [(c, r) for r in requirements for c in countries]


def test_records_and_approvals_at_once_lose_nothing_and_leave_no_stale_assessment(pairs):
    source = factories.source("s")
    editors = [factories.user(f"editor{i}") for i in range(THREADS)]
    reviewers = [factories.user(f"reviewer{i}") for i in range(THREADS)]
    written: list[list[int]] = [[] for _ in range(THREADS)]

    def work(i: int) -> None:
        rng = random.Random(i)
        for n in range(ROUNDS):
            country, requirement = pairs[n % len(pairs)]  # every thread on the same pair
            change = record_status(
                country=country,
                requirement=requirement,
                status=rng.choice(Status.values),
                # Few dates, so that equal dates (decided by recorded_at) happen too.
                effective_on=dt.date(2015 + rng.randrange(4), 1 + rng.randrange(2), 1),
                precision="day",
                evidence=f"thread {i} round {n}",
                source=source,
                recorded_by=editors[i],
            )
            written[i].append(change.pk)
            approve_change(change=change, reviewer=reviewers[i])

    errors = run_in_threads(work, THREADS)
    expected = {pk for pks in written for pk in pks}
    approved = set(StatusChange.objects.approved().values_list("pk", flat=True))
    lost, stale = len(expected - approved), stale_assessments()
    print(
        f"\n{len(expected)} changes recorded and approved by {THREADS} threads: "
        f"{lost} lost, {len(stale)} stale Assessments, {len(errors)} errors"
    )
    assert (lost, stale, errors[:5]) == (0, [], [])
    assert len(expected) == StatusChange.objects.count() == THREADS * ROUNDS


def test_two_reviewers_approving_one_new_pair_at_once_both_succeed_in_the_admin(pairs):
    roles = ensure_roles()
    editor = staff("editor", roles[EDITOR], [c for c, _ in pairs])
    reviewers = [staff(f"reviewer{i}", roles[REVIEWER]) for i in range(2)]
    clients = []
    for reviewer in reviewers:
        client = Client()
        client.force_login(reviewer)
        clients.append(client)
    answers: list[int] = []
    for country, requirement in pairs:
        changes = [
            factories.change(country, requirement, Status.ADOPTED, on=day, by=editor, approve=False)
            for day in (dt.date(2018, 1, 1), dt.date(2019, 1, 1))
        ]

        def approve(i: int, changes=changes) -> None:
            url = f"/admin/alignment/statuschange/{changes[i].pk}/approve/"
            answers.append(clients[i].post(url).status_code)

        assert run_in_threads(approve, 2) == []
        later = Assessment.objects.get(country=country, requirement=requirement).change
        assert later == changes[1]
    assert answers == [302] * 2 * len(pairs)
    assert not StatusChange.objects.filter(review_state=ReviewState.PROPOSED).exists()
    print(f"admin: {len(answers)} concurrent approvals, every answer 302, no Assessment stale")


def test_two_confirmations_of_one_upload_at_once_write_it_once(pairs):
    """A double click on "Confirm": the second waits for the first, then finds it done."""
    roles = ensure_roles()
    editor = staff("editor", roles[EDITOR], [c for c, _ in pairs])
    source = factories.source("s")
    rows = [
        {
            "country_code": country.code,
            "requirement_code": requirement.full_code,
            "status": "adopted",
            "effective_on": "2018-07",
            "evidence": "In force.",
            "source_url": source.url,
            "source_title": "",
        }
        for country, requirement in pairs
    ]
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(editor)
    preview = upload(clients[0], as_csv(rows))
    form = preview.context["confirm_form"]
    data = {name: form[name].value() for name in form.fields}
    answers: list[int] = []

    def confirm(i: int) -> None:
        answers.append(clients[i].post(f"{BASE}process_import/", data).status_code)

    assert run_in_threads(confirm, 2) == []
    assert sorted(answers) == [302, 409]
    assert StatusChange.objects.count() == len(pairs)
