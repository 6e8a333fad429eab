"""/api/v1/frameworks/: frameworks, their requirement trees, one requirement."""

from alignment.models import Theme
from tests import factories


def test_list_gives_the_public_frameworks_with_their_countries(client, world):
    world.treaty.source = factories.source("coe-chart-185")
    world.treaty.save(update_fields=["source", "updated_at"])

    results = client.get("/api/v1/frameworks/").json()["results"]

    assert [f["code"] for f in results] == ["coe-ets-185", "eu-ch24"]
    assert results[0]["countries"] == ["AL", "AT", "RS"]
    assert results[0]["source"] == "coe-chart-185"
    assert results[1]["source"] is None


def test_a_synthetic_framework_is_reachable_by_its_code(client, world):
    response = client.get("/api/v1/frameworks/synthetic-01/")

    assert response.status_code == 200
    assert response.json()["synthetic"] is True


def test_an_unknown_framework_is_a_404_naming_it(client, world):
    for url in ["/api/v1/frameworks/nope/", "/api/v1/frameworks/nope/requirements/"]:
        response = client.get(url)
        assert response.status_code == 404
        assert response.json() == {"detail": "framework: no framework has the code “nope”."}


def test_tree_nests_each_requirement_under_its_parent(client, world):
    response = client.get("/api/v1/frameworks/eu-ch24/requirements/")

    assert response.status_code == 200
    tree = response.json()
    assert [node["code"] for node in tree] == ["cybercrime-strategy", "cybercrime-law", "supply"]
    supply = tree[2]
    assert [child["code"] for child in supply["children"]] == [
        "supply.online-markets",
        "supply.asset-recovery",
    ]
    online = supply["children"][0]
    assert online["full_code"] == "eu-ch24/supply.online-markets"
    assert online["themes"] == ["online-drug-markets"]
    assert online["children"] == []


def test_requirement_detail_names_its_parent_children_and_themes(client, world):
    supply = client.get("/api/v1/frameworks/eu-ch24/requirements/supply/").json()
    online = client.get("/api/v1/frameworks/eu-ch24/requirements/supply.online-markets/").json()

    assert supply["parent"] is None
    assert supply["children"] == ["supply.online-markets", "supply.asset-recovery"]
    assert online["parent"] == "supply"
    assert online["framework"] == "eu-ch24"
    assert online["themes"] == ["online-drug-markets"]


def test_an_unknown_requirement_is_a_404_naming_its_full_code(client, world):
    response = client.get("/api/v1/frameworks/eu-ch24/requirements/nope/")

    assert response.status_code == 404
    assert response.json() == {"detail": "requirement: no requirement has the code “eu-ch24/nope”."}


def test_list_query_count_does_not_grow_with_frameworks(client, world, django_assert_num_queries):
    for n in range(15):
        factories.framework(f"extra-{n:02d}", countries=[world.al, world.rs])

    # The count, the page of frameworks with their sources (a join), their countries.
    # + 1: the data version, the ETag and cache key (alignment.pagecache).
    with django_assert_num_queries(3 + 1):
        response = client.get("/api/v1/frameworks/")

    assert response.json()["count"] == 17


def test_tree_query_count_does_not_grow_with_depth_or_size(
    client, world, django_assert_num_queries
):
    theme = Theme.objects.get(code="online-drug-markets")
    parent = None
    for depth in range(6):
        parent = factories.requirement(world.ch24, f"deep-{depth}", parent=parent)
        for n in range(5):
            factories.requirement(world.ch24, f"deep-{depth}.leaf-{n}", parent=parent)
    parent.themes.add(theme)

    # The framework, all its requirements, their themes.
    # + 1: the data version, the ETag and cache key (alignment.pagecache).
    with django_assert_num_queries(3 + 1):
        tree = client.get("/api/v1/frameworks/eu-ch24/requirements/").json()

    node = next(n for n in tree if n["code"] == "deep-0")
    for _ in range(5):
        node = next(c for c in node["children"] if c["code"].startswith("deep-") and c["children"])
    assert node["code"] == "deep-5"
    assert node["themes"] == ["online-drug-markets"]
