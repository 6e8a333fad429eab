"""The language of e-mails (notifications.language): a staff user's account language; an
anonymous subscriber's language of subscription; English for anything unknown."""

import pytest
from django.urls import reverse

from accounts.models import Preferences as AccountPreferences
from alignment.models import Status
from alignment.services import approve_change
from notifications import digests, subscriptions
from notifications.models import EmailKind, OutgoingEmail
from tests import factories
from tests.notifications.conftest import logged_in, subscribe


def reviewer_digest_for(reviewer, editor, world) -> OutgoingEmail:
    factories.change(world.al, world.strategy, approve=False, by=editor)
    digests.send_reviewer_digests()
    return OutgoingEmail.objects.get(kind=EmailKind.REVIEWER_DIGEST, to=reviewer.email)


def approve_adopted(country, requirement) -> None:
    change = factories.change(country, requirement, Status.ADOPTED, approve=False)
    approve_change(change=change, reviewer=None)


def test_a_staff_users_digest_is_in_the_language_of_their_account(world, reviewer, editor):
    AccountPreferences.objects.create(user=reviewer, language="sr")
    email = reviewer_digest_for(reviewer, editor, world)
    assert "Није усклађено" in email.body  # "Not aligned" in Serbian
    assert "Not aligned" not in email.body


def test_choosing_a_language_from_the_menu_sets_the_digests_language(world, reviewer, editor):
    logged_in(reviewer).post(reverse("set_language"), {"language": "sr-latn", "next": "/"})
    email = reviewer_digest_for(reviewer, editor, world)
    assert "Nije usklađeno" in email.body  # "Not aligned" in Serbian, Latin script


@pytest.mark.parametrize("language", ["", "xx", "klingon-with-a-long-code"])
def test_no_or_an_unknown_account_language_writes_english(world, reviewer, editor, language):
    AccountPreferences.objects.create(user=reviewer, language=language[:10])
    email = reviewer_digest_for(reviewer, editor, world)
    assert "Not aligned" in email.body


def test_a_staff_user_without_preferences_reads_english(world, reviewer, editor):
    assert not AccountPreferences.objects.filter(user=reviewer).exists()
    assert "Not aligned" in reviewer_digest_for(reviewer, editor, world).body


def test_the_preferences_page_names_the_language_of_the_emails(world, reviewer):
    AccountPreferences.objects.create(user=reviewer, language="mk")
    client = logged_in(reviewer)
    page = client.get(reverse("admin:notifications_preferences_changelist"), follow=True)
    assert "Македонски" in page.content.decode()


def test_a_subscriber_reads_in_the_language_they_subscribed_in(world):
    world.law.title_sr = "Закон о високотехнолошком криминалу"
    world.law.save(update_fields=["title_sr"])
    world.rs.name_sr = "Србија"
    world.rs.save(update_fields=["name_sr"])
    subscribe("sr@example.org", language="sr", country=world.rs)
    subscribe("en@example.org", language="en", country=world.rs)
    approve_adopted(world.rs, world.law)
    serbian = OutgoingEmail.objects.get(to="sr@example.org")
    assert "Србија, eu-ch24/cybercrime-law: Закон о високотехнолошком криминалу" in serbian.body
    assert "Усвојено" in serbian.body and "Adopted" not in serbian.body
    assert "not yet translated" not in serbian.body
    english = OutgoingEmail.objects.get(to="en@example.org")
    assert "Requirement cybercrime-law" in english.body and "Adopted" in english.body


def test_an_untranslated_title_in_an_email_is_marked_in_plain_text(world):
    subscribe("sr@example.org", language="sr", frequency="daily", country=world.rs)
    factories.change(world.rs, world.strategy, Status.ADOPTED)
    assert subscriptions.send_daily_summaries() == 1
    body = OutgoingEmail.objects.get(kind=EmailKind.SUMMARY).body
    assert "Requirement cybercrime-strategy (" in body  # the English title, then the mark
    assert "<span" not in body  # plain text, not the page's HTML


@pytest.mark.parametrize("language", ["zz", "", "sr_LATN"])
def test_a_subscription_in_an_unknown_language_writes_english(world, language):
    subscribe("who@example.org", language=language, country=world.rs)
    approve_adopted(world.rs, world.law)
    body = OutgoingEmail.objects.get(to="who@example.org").body
    if language == "sr_LATN":  # a known language in another spelling is that language
        assert "Usvojeno" in body and "Adopted" not in body
    else:
        assert "Adopted" in body
