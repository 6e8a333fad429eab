"""Reads that scale out: a second connection alias plays the replica (a mirror of the
primary's test database, so it holds the same rows through its own connection)."""

import copy
import logging

import pytest
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from common import replica
from countries.models import Country
from tests import factories as f


@pytest.fixture
def mirror(settings):
    """Reads on: the `replica` alias (tests/conftest.py) mirrors the primary's database."""
    settings.REPLICA_READS = True
    replica.ReplicaHealth.down_until = 0.0
    yield
    connections[replica.REPLICA].close()


@pytest.fixture
def broken(mirror):
    """The replica alias pointed where no database answers (a new connection object: an
    in-memory SQLite connection is never really closed)."""
    saved = connections.settings[replica.REPLICA]
    entry = copy.deepcopy(saved)
    if connection.vendor == "postgresql":
        entry.update(PORT="9", OPTIONS={**entry["OPTIONS"], "connect_timeout": 2})
    else:
        entry["NAME"] = "/nonexistent-directory/replica.sqlite3"
    connections.settings[replica.REPLICA] = entry
    del connections[replica.REPLICA]
    yield
    connections.settings[replica.REPLICA] = saved
    del connections[replica.REPLICA]
    replica.ReplicaHealth.down_until = 0.0


def queries(client, url, **kwargs):
    """The response, and how many queries each connection ran for it."""
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[replica.REPLICA]) as secondary,
    ):
        response = client.get(url, **kwargs)
    return response, len(primary), len(secondary)


@pytest.fixture
def data(transactional_db):
    al = f.country("AL", "Albania")
    staff = f.user("editor", is_staff=True, is_superuser=True)
    return al, staff


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_public_reads_go_to_the_replica(mirror, data, client):
    response, primary, secondary = queries(client, reverse("api:country-detail", args=["AL"]))

    assert response.status_code == 200 and response.json()["name"] == "Albania"
    assert primary == 0 and secondary > 0


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_admin_pages_and_the_requests_after_a_staff_write_use_the_primary(mirror, data, client):
    al, staff = data
    client.force_login(staff)
    _, _, secondary = queries(client, reverse("admin:countries_country_changelist"))
    assert secondary == 0

    response = client.post(
        reverse("admin:alignment_source_add"),
        {"key": "new-report", "title": "New report", "published_precision": "day"},
    )
    assert response.status_code == 302, response.content[:2000]
    assert replica.PIN_COOKIE in response.cookies
    reader = Client()  # no session: only the pin keeps the next reads on the primary
    reader.cookies[replica.PIN_COOKIE] = response.cookies[replica.PIN_COOKIE].value

    response, primary, secondary = queries(
        reader, reverse("api:source-detail", args=["new-report"])
    )
    assert response.json()["title"] == "New report"
    assert secondary == 0 and primary > 0


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_reads_inside_a_write_transaction_stay_on_the_primary(mirror, data):
    from django.db import transaction

    with transaction.atomic():
        Country.objects.filter(code="AL").update(name="Changed")
        with CaptureQueriesContext(connections[replica.REPLICA]) as secondary:
            assert Country.objects.get(code="AL").name == "Changed"
    assert len(secondary) == 0


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_with_the_replica_down_reads_fall_back_to_the_primary(broken, data, client, caplog):
    with caplog.at_level(logging.WARNING):
        response = client.get(reverse("api:country-detail", args=["AL"]))
        again = client.get(reverse("api:country-list"))

    assert response.status_code == 200 and response.json()["name"] == "Albania"
    assert again.status_code == 200
    assert caplog.text.count("Replica unreachable") == 1  # checked again only later
