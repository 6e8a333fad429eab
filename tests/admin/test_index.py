"""The admin index shows each user what waits for them."""

import datetime as dt

from alignment.models import Status
from tests import factories


def waiting(client):
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def test_reviewers_see_the_proposed_changes_oldest_first(reviewer_client, editor, world):
    old = factories.change(world.al, world.strategy, by=editor, approve=False)
    new = factories.change(world.rs, world.law, Status.ADOPTED, by=editor, approve=False)
    factories.change(world.al, world.law)  # approved: waits for nobody

    page = waiting(reviewer_client)

    assert "2 proposed statuses to review" in page
    assert page.index(f"/statuschange/{old.pk}/change/") < page.index(
        f"/statuschange/{new.pk}/change/"
    )


def test_editors_see_what_was_returned_to_their_country_until_they_correct_it(
    editor_client, reviewer_client, editor, world
):
    mine = factories.change(world.al, world.strategy, by=editor, approve=False)
    elsewhere = factories.change(world.rs, world.strategy, approve=False)
    for change in (mine, elsewhere):
        reviewer_client.post(
            f"/admin/alignment/statuschange/{change.pk}/return/", {"reason": "Which gazette?"}
        )

    before = waiting(editor_client)
    factories.change(world.al, world.strategy, on=dt.date(2016, 6, 1), by=editor, approve=False)
    after = waiting(editor_client)

    assert "1 status returned to you" in before and "Which gazette?" in before
    assert f"/statuschange/{elsewhere.pk}/" not in before
    assert f"?country={world.al.pk}&amp;requirement={world.strategy.pk}" in before
    assert "returned to you" not in after and "Nothing waits for you." in after
    assert "to review" not in before  # editors do not review


def test_the_index_runs_a_fixed_number_of_queries(
    reviewer_client, editor, world, django_assert_num_queries
):
    for requirement in (world.strategy, world.law, world.ratify):
        for country in (world.al, world.rs):
            factories.change(country, requirement, by=editor, approve=False)
    reviewer_client.get("/admin/")

    # session, user, the user's and their groups' permissions; waiting: the first
    # proposed rows with their country,
    # requirement and recorder (counted apart only when there are more than shown), the
    # returned rows of the user's countries; the recent actions. Six rows cost as one.
    with django_assert_num_queries(7):
        page = waiting(reviewer_client)
    assert "6 proposed statuses to review" in page
