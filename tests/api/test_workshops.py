"""/api/v1/workshops/ and /api/v1/recommendations/."""

from tests.world import workshops


def test_workshop_shows_who_took_part_and_what_it_recommended(client, world):
    workshops(1, [world.rs, world.al], world.strategy)

    response = client.get("/api/v1/workshops/workshop-01/")

    assert response.status_code == 200
    body = response.json()
    assert body["host_country"] == "RS"
    assert body["partner_institution"] == "Ministry of Security"
    assert body["source"] == "workshop-reports"
    assert body["participants"] == [  # by role, then country name
        {
            "country": "AL",
            "role": "beneficiary",
            "delegates": [{"name": "Delegate of AL", "function": "", "institution": None}],
        },
        {
            "country": "RS",
            "role": "host",
            "delegates": [
                {"name": "Delegate of RS", "function": "", "institution": "Ministry of Security"}
            ],
        },
    ]
    assert body["recommendations"] == ["C1", "C2"]


def test_a_recommendation_to_all_is_addressed_to_every_beneficiary(client, world):
    workshops(1, [world.rs, world.al, world.at], world.strategy)

    one = client.get("/api/v1/workshops/workshop-01/recommendations/C1/").json()
    everyone = client.get("/api/v1/workshops/workshop-01/recommendations/C2/").json()

    assert (one["country"], one["addressees"]) == ("AT", ["AT"])
    assert one["requirement"] == "eu-ch24/cybercrime-strategy"
    assert everyone["country"] is None
    assert sorted(everyone["addressees"]) == ["AL", "AT", "RS"]
    assert everyone["requirement"] is None


def test_recommendations_can_be_chosen_by_workshop(client, world):
    workshops(3, [world.rs, world.al], world.strategy)

    rows = client.get("/api/v1/recommendations/?workshop=workshop-02").json()["results"]

    assert [(r["workshop"], r["code"]) for r in rows] == [
        ("workshop-02", "C1"),
        ("workshop-02", "C2"),
    ]


def test_unknown_slugs_and_codes_are_404s_or_400s_naming_them(client, world):
    workshops(1, [world.rs], world.strategy)

    workshop = client.get("/api/v1/workshops/nope/")
    recommendation = client.get("/api/v1/workshops/workshop-01/recommendations/C9/")
    chosen = client.get("/api/v1/recommendations/?workshop=nope")

    assert workshop.status_code == 404
    assert workshop.json()["detail"] == "slug: no workshop has the slug “nope”."
    assert recommendation.status_code == 404
    assert recommendation.json()["detail"].startswith("code: ")
    assert chosen.status_code == 400
    assert list(chosen.json()) == ["workshop"]


def test_workshop_list_query_count_does_not_grow(client, world, django_assert_num_queries):
    workshops(8, [world.rs, world.al, world.at], world.strategy)

    # The count, the workshops (host, partner, source joined), their participations with
    # countries, the participations' delegates with institutions, the recommendations.
    # + 1: the data version, the ETag and cache key (alignment.pagecache).
    with django_assert_num_queries(5 + 1):
        response = client.get("/api/v1/workshops/")

    assert response.json()["count"] == 8
    assert [w["slug"] for w in response.json()["results"]][:2] == ["workshop-08", "workshop-07"]


def test_recommendation_list_query_count_does_not_grow(client, world, django_assert_num_queries):
    workshops(8, [world.rs, world.al, world.at], world.strategy)

    # The count, the recommendations (workshop, country, requirement, framework, source
    # joined), the workshops' participations with their countries for the addressees.
    # + 1: the data version, the ETag and cache key (alignment.pagecache).
    with django_assert_num_queries(3 + 1):
        response = client.get("/api/v1/recommendations/")

    results = response.json()["results"]
    assert len(results) == 16
    assert all(len(r["addressees"]) in (1, 3) for r in results)
