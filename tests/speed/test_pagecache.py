"""The data version: ETag and key of the shared page cache; a write makes the next read
fresh; a failed approval moves nothing; Redis down leaves the site answering."""

import datetime as dt
import json
import logging

import pytest
from django.core.management import call_command
from django.db import DatabaseError
from django.test import override_settings
from django.urls import reverse

from alignment import dataversion, scoretable
from alignment.models import Assessment, ReviewState, StatusChange
from alignment.services import approve_change
from tests import factories as f

pytestmark = pytest.mark.django_db

# Nothing listens on port 9 of this machine: a Redis that is down.
REDIS_DOWN = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


def test_a_repeated_page_comes_from_the_cache_for_one_query(
    client, world, django_assert_num_queries
):
    url = reverse("alignment:country", args=["RS"])
    first = client.get(url)
    assert "X-Cache" not in first

    # the data version, by primary key; the page is the cache's
    with django_assert_num_queries(1):
        again = client.get(url)

    assert again["X-Cache"] == "hit"
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    assert again["ETag"] == first["ETag"]


def test_the_etag_gets_304_until_an_approval_moves_the_version(client, world):
    url = reverse("alignment:home")
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304

    waiting = StatusChange.objects.get(review_state=ReviewState.PROPOSED)
    approve_change(change=waiting, reviewer=f.user("reviewer"))

    fresh = client.get(url, headers={"if-none-match": etag})
    assert fresh.status_code == 200
    assert "X-Cache" not in fresh
    assert fresh["ETag"] != etag


def test_the_next_read_after_an_approval_shows_it(client, world):
    url = reverse("alignment:cell", args=["RS", "eu-ch24", "cyber.law"])
    assert b"Aligned" not in client.get(url).content.split(b"<main")[1]

    waiting = StatusChange.objects.get(review_state=ReviewState.PROPOSED)
    approve_change(change=waiting, reviewer=f.user("reviewer"))

    assert b"Aligned" in client.get(url).content.split(b"<main")[1]


def test_reference_data_saved_anywhere_moves_the_version(world, tmp_path):
    before = dataversion.current()
    world.al.name = "Republic of Albania"
    world.al.save()
    after_save = dataversion.current()
    fixture = tmp_path / "one-source.json"
    fixture.write_text(
        json.dumps([{"model": "alignment.source", "fields": {"key": "k", "title": "T"}}])
    )
    call_command("loaddata", str(fixture), verbosity=0)

    assert before < after_save < dataversion.current()


def test_a_failed_approval_leaves_history_assessments_totals_and_version(world, monkeypatch):
    waiting = StatusChange.objects.get(review_state=ReviewState.PROPOSED)
    assessments = list(Assessment.objects.values_list("pk", "change_id", "status"))
    totals = list(scoretable.ScoreTotal.objects.values_list(*scoretable.FIELDS, "effective_on"))
    version = dataversion.current()

    def broken(using=None):
        raise DatabaseError("the disk is full")

    monkeypatch.setattr(dataversion, "bump", broken)  # the last write of the approval fails
    with pytest.raises(DatabaseError):
        approve_change(change=waiting, reviewer=f.user("reviewer"))

    waiting.refresh_from_db()
    assert waiting.review_state == ReviewState.PROPOSED
    assert list(Assessment.objects.values_list("pk", "change_id", "status")) == assessments
    assert (
        list(scoretable.ScoreTotal.objects.values_list(*scoretable.FIELDS, "effective_on"))
        == totals
    )
    assert dataversion.current() == version


def test_with_redis_down_pages_answer_uncached_and_healthz_says_so(client, world, caplog):
    url = reverse("alignment:country", args=["RS"])
    with override_settings(CACHES=REDIS_DOWN), caplog.at_level(logging.WARNING):
        first = client.get(url)
        second = client.get(url)
        health = client.get(reverse("healthz"))

    assert first.status_code == second.status_code == 200
    assert "X-Cache" not in second
    assert b"Serbia" in second.content
    assert "Cache unreachable" in caplog.text
    assert health.status_code == 200
    assert health.json()["status"] == "degraded"
    assert health.json()["database"] == "ok"
    assert health.json()["cache"].startswith("degraded: ")


def test_the_floor_page_renders_the_frame_without_a_query(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("floor"))
    assert b'class="site"' in response.content


def test_admin_and_signed_in_readers_are_never_served_from_the_cache(admin_client, world):
    url = reverse("alignment:country", args=["RS"])
    admin_client.get(url)
    assert "X-Cache" not in admin_client.get(url)
    assert "ETag" not in admin_client.get(reverse("admin:index"))


def test_a_status_written_on_a_day_is_scored_from_the_table(world):
    (score,) = [
        s
        for s in scoretable.totals_as_of(dt.date(2019, 6, 1), groups=[None]).items()
        if s[0][0] == world.rs.pk and s[0][1] == world.ch24.pk
    ]
    # RS on ch24 by mid-2019: strategy adopted (75), law not aligned (0); its aligned
    # law is still proposed.
    assert score[1] == scoretable.Totals(score_total=75, with_data=2, not_applicable=0, aligned=0)
