"""Public subscriptions: double opt-in, e-mails on approval, unsubscribe, bad links,
rate limits, and answers that never tell whether an address is subscribed."""

import re

import pytest
from django.core import signing
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alignment.models import Status
from alignment.services import approve_change
from notifications import subscriptions
from notifications.models import EmailKind, Frequency, OutgoingEmail, Subscription
from tests import factories
from tests.notifications.conftest import subscribe

ADDRESS = "reader@example.org"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def subscribe_url(kind="country", code="RS") -> str:
    return reverse("notifications:subscribe", args=[kind, code])


def ask(client, email=ADDRESS, frequency=Frequency.EACH, kind="country", code="RS", **extra):
    return client.post(subscribe_url(kind, code), {"email": email, "frequency": frequency}, **extra)


def link_in(body: str, name: str) -> str:
    prefix = reverse(f"notifications:{name}", args=["TOKEN"]).replace("TOKEN/", "")
    return re.search(rf"https?://[^\s]*{re.escape(prefix)}[^\s>]+", body).group(0)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def test_subscribing_stores_nothing_until_the_link_is_confirmed(client, world, sent):
    page = client.get(subscribe_url())
    assert "Serbia" in page.content.decode()
    assert "never shown on any page" in page.content.decode()

    response = ask(client)
    assert response.status_code == 200
    assert "Check your inbox" in response.content.decode()
    assert not Subscription.objects.exists()
    (email,) = OutgoingEmail.objects.all()
    assert (email.kind, email.to) == (EmailKind.CONFIRM, ADDRESS)

    confirm = path_of(link_in(email.body, "confirm"))
    assert "Serbia" in client.get(confirm).content.decode()
    assert not Subscription.objects.exists()  # a GET (a mail scanner) confirms nothing
    assert client.post(confirm).status_code == 200
    (subscription,) = Subscription.objects.all()
    assert (subscription.email, subscription.country, subscription.frequency) == (
        ADDRESS,
        world.rs,
        Frequency.EACH,
    )


def test_confirming_twice_or_again_with_another_frequency_keeps_one_row(client, world):
    ask(client)
    ask(client, frequency=Frequency.DAILY)
    first, second = (
        path_of(link_in(e.body, "confirm")) for e in OutgoingEmail.objects.order_by("id")
    )
    client.post(first)
    client.post(first)
    client.post(second)
    (subscription,) = Subscription.objects.all()
    assert subscription.frequency == Frequency.DAILY


def test_the_answer_is_the_same_for_a_subscribed_and_an_unknown_address(client, world):
    subscribe(ADDRESS, country=world.rs)
    known = ask(client, email=ADDRESS)
    unknown = ask(client, email="nobody@example.org")
    strip = lambda r: re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", r.content.decode())  # noqa: E731
    assert (known.status_code, strip(known)) == (unknown.status_code, strip(unknown))
    assert Subscription.objects.count() == 1


@pytest.mark.parametrize(
    "kind, code",
    [("country", "ZZ"), ("framework", "no-such"), ("workshop", "nope"), ("shop", "RS")],
)
def test_an_unknown_topic_is_a_clear_404_and_changes_nothing(client, world, kind, code):
    response = ask(client, kind=kind, code=code)
    assert response.status_code == 404
    assert code in response.content.decode() or kind in response.content.decode()
    assert not OutgoingEmail.objects.exists()


def test_a_synthetic_framework_cannot_be_subscribed_to(client, world):
    factories.framework("synthetic-1", synthetic=True)
    assert ask(client, kind="framework", code="synthetic-1").status_code == 404


def test_a_malformed_address_is_refused_and_nothing_is_sent(client, world):
    response = ask(client, email="not an address")
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert not OutgoingEmail.objects.exists()


def test_a_forged_or_altered_confirmation_link_changes_nothing(client, world):
    forged = signing.dumps(
        {"email": ADDRESS, "kind": "country", "code": "RS", "frequency": "each", "language": "en"},
        key="not-our-secret",
        salt="notifications.subscription.confirm",
    )
    for token in (forged, "garbage", forged[:-2] + "xx"):
        response = client.post(reverse("notifications:confirm", args=[token]))
        assert response.status_code == 400
        assert "Nothing was changed" in response.content.decode()
    assert not Subscription.objects.exists()


def test_an_expired_confirmation_link_changes_nothing(client, world, monkeypatch):
    ask(client)
    confirm = path_of(link_in(OutgoingEmail.objects.get().body, "confirm"))
    later = timezone.now().timestamp() + subscriptions.CONFIRM_MAX_AGE.total_seconds() + 60
    monkeypatch.setattr(signing.time, "time", lambda: later)
    response = client.post(confirm)
    assert response.status_code == 400
    assert not Subscription.objects.exists()


def test_an_approval_writes_one_email_per_follower_with_unsubscribe_headers(world, settings):
    subscribe(ADDRESS, country=world.rs)
    subscribe(ADDRESS, framework=world.ch24)  # same address twice: still one e-mail
    subscribe("workshop@example.org", workshop=world.workshop)
    subscribe("albania@example.org", country=world.al)
    subscribe("daily@example.org", frequency=Frequency.DAILY, country=world.rs)
    change = factories.change(world.rs, world.law, Status.ADOPTED, approve=False)
    approve_change(change=change, reviewer=None)

    emails = {e.to: e for e in OutgoingEmail.objects.filter(kind=EmailKind.CHANGE)}
    assert set(emails) == {ADDRESS, "workshop@example.org"}
    mine = emails[ADDRESS]
    assert "Serbia" in mine.subject and "eu-ch24/cybercrime-law" in mine.subject
    assert "Adopted" in mine.body
    assert "/countries/RS/frameworks/eu-ch24/requirements/cybercrime-law/" in mine.body
    assert mine.body.count("/subscribe/unsubscribe/") == 2  # one link per subscription
    assert mine.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = reverse("notifications:unsubscribe", args=["T"]).removesuffix("T/")
    assert mine.headers["List-Unsubscribe"].startswith(f"<{settings.SITE_URL}{unsubscribe}")


def test_a_returned_change_writes_nothing(world, reviewer):
    from alignment.services import return_change

    subscribe(ADDRESS, country=world.rs)
    change = factories.change(world.rs, world.law, approve=False)
    return_change(change=change, reviewer=reviewer, reason="No source.")
    assert not OutgoingEmail.objects.exists()


def test_headers_reach_the_mail_server(world, sent, django_capture_on_commit_callbacks):
    subscribe(ADDRESS, country=world.rs)
    with django_capture_on_commit_callbacks(execute=True):
        factories.change(world.rs, world.law)
    (message,) = sent
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_daily_summary_lists_the_day_approvals_once(world):
    subscription = subscribe("daily@example.org", frequency=Frequency.DAILY, country=world.rs)
    factories.change(world.rs, world.law, Status.ADOPTED)
    factories.change(world.rs, world.strategy, Status.IN_PREPARATION)
    factories.change(world.al, world.law, Status.ALIGNED)  # another country
    assert subscriptions.send_daily_summaries() == 1
    (email,) = OutgoingEmail.objects.filter(kind=EmailKind.SUMMARY)
    assert email.to == "daily@example.org"
    assert "cybercrime-law" in email.body and "cybercrime-strategy" in email.body
    assert "Albania" not in email.body
    assert email.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert subscriptions.send_daily_summaries() == 0  # nothing new since
    subscription.refresh_from_db()
    assert subscription.summarised_until > subscription.confirmed_at


def test_a_workshop_summary_follows_what_it_recommended_to_whom(world):
    subscribe("ws@example.org", frequency=Frequency.DAILY, workshop=world.workshop)
    factories.change(world.rs, world.law)  # recommended to every beneficiary: RS is one
    factories.change(world.rs, world.strategy)  # not recommended
    subscriptions.send_daily_summaries()
    (email,) = OutgoingEmail.objects.filter(kind=EmailKind.SUMMARY)
    assert "cybercrime-law" in email.body and "cybercrime-strategy" not in email.body


def test_unsubscribe_page_asks_then_deletes_the_address(client, world):
    subscription = subscribe(ADDRESS, country=world.rs)
    url = reverse("notifications:unsubscribe", args=[subscriptions.unsubscribe_token(subscription)])
    assert "Serbia" in client.get(url).content.decode()
    assert Subscription.objects.exists()  # a prefetching mail scanner unsubscribes nobody
    response = client.post(url)
    assert "Unsubscribed" in response.content.decode()
    assert not Subscription.objects.exists()
    assert client.post(url).status_code == 200  # again: the same answer


def test_one_click_unsubscribe_works_without_a_cookie_or_csrf_token(world):
    subscription = subscribe(ADDRESS, country=world.rs)
    token = subscriptions.unsubscribe_token(subscription)
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("notifications:unsubscribe", args=[token]),
        {"List-Unsubscribe": "One-Click"},
    )
    assert response.status_code == 200
    assert not Subscription.objects.exists()


def test_a_forged_unsubscribe_link_changes_nothing(client, world):
    subscribe(ADDRESS, country=world.rs)
    forged = signing.dumps(str(Subscription.objects.get().key), key="wrong", salt="x")
    response = client.post(reverse("notifications:unsubscribe", args=[forged]))
    assert response.status_code == 400
    assert Subscription.objects.count() == 1


def test_no_admin_page_lists_subscribers():
    from django.contrib import admin

    assert Subscription not in admin.site._registry


def test_per_address_limit_sends_nothing_more_and_answers_the_same(client, world, settings):
    settings.SUBSCRIBE_RATE_PER_ADDRESS = "2/h"
    answers = [ask(client, email=ADDRESS, REMOTE_ADDR=f"10.0.0.{i}") for i in range(4)]
    assert {a.status_code for a in answers} == {200}
    assert answers[3].content == answers[0].content
    assert "Check your inbox" in answers[3].content.decode()
    assert OutgoingEmail.objects.filter(to=ADDRESS).count() == 2


def test_per_client_limit_answers_429_and_sends_nothing(client, world, settings):
    settings.SUBSCRIBE_RATE_PER_CLIENT = "3/h"
    answers = [ask(client, email=f"r{i}@example.org") for i in range(5)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429, 429]
    assert "Too many" in answers[3].content.decode()
    assert OutgoingEmail.objects.count() == 3
    # Another client is not affected.
    assert ask(client, email="x@example.org", REMOTE_ADDR="10.9.9.9").status_code == 200


def test_country_framework_and_workshop_pages_link_to_their_subscribe_page(client, world):
    factories.change(world.rs, world.law)
    pages = {
        reverse("alignment:country", args=["RS"]): subscribe_url("country", "RS"),
        reverse("alignment:framework", args=["eu-ch24"]): subscribe_url("framework", "eu-ch24"),
        reverse("workshops:detail", args=["sarajevo"]): subscribe_url("workshop", "sarajevo"),
    }
    for page, link in pages.items():
        assert f'href="{link}"' in client.get(page).content.decode(), page
        assert client.get(link).status_code == 200


def test_matching_an_approval_takes_a_fixed_number_of_queries(world, django_assert_num_queries):
    change = factories.change(world.rs, world.law)
    change = type(change).objects.get(pk=change.pk)  # nothing cached, as in approve_change
    with django_assert_num_queries(1):  # the candidates: nobody follows, nothing more
        assert subscriptions.matching(change) == []
    for i in range(5):
        subscribe(f"c{i}@example.org", country=world.rs)
        subscribe(f"f{i}@example.org", framework=world.ch24)
        subscribe(f"w{i}@example.org", workshop=world.workshop)
    # The candidates; the requirement and its framework (synthetic or not); the workshops,
    # their recommendations with countries, their participations with countries.
    with django_assert_num_queries(1 + 2 + 3):
        assert len(subscriptions.matching(change)) == 15
