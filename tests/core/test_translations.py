"""Translations are data: the Serbian catalogue changes what people read, not the code."""

from django.utils import translation

from alignment.models import Status


def test_status_scale_reads_in_serbian():
    with translation.override("sr"):
        assert str(Status.NOT_ALIGNED.label) == "Није усклађено"
        assert str(Status.PENDING_ADOPTION.label) == "Чека усвајање"
    assert str(Status.NOT_ALIGNED.label) == "Not aligned"


def test_pages_follow_the_readers_language(client, db):
    serbian = client.get("/workshops/", HTTP_ACCEPT_LANGUAGE="sr")
    english = client.get("/workshops/", HTTP_ACCEPT_LANGUAGE="en")

    assert serbian["Content-Language"] == "sr"
    assert "Праћење усклађености" in serbian.content.decode()
    assert "Alignment Tracker" in english.content.decode()
