"""A load test of the public site: pages, exports and API as of random dates.

Run by benchmarks/load.py, which builds the data, starts gunicorn and prints the figures;
by hand (name the user class: `Reader` is the mix, `FloorAlone` the floor page alone):

    LOAD_COUNTRIES=AA,QM LOAD_GROUPS=area-01 LOAD_LEAVES=area-01.req-0001 \\
        .venv/bin/locust -f benchmarks/locustfile.py Reader --headless -u 50 -r 10 -t 60s \\
        --host http://127.0.0.1:8100

Every address is on the loopback; synthetic data only (`synthetic-01`). /floor (the base
template, no query) is the measure the rest is compared to: alone first (`FloorAlone`,
the server doing nothing else), and in the mix under its own name.
"""

import datetime as dt
import os
import random

from locust import HttpUser, between, task

FRAMEWORK = os.environ.get("LOAD_FRAMEWORK", "synthetic-01")
COUNTRIES = os.environ.get("LOAD_COUNTRIES", "AA").split(",")
GROUPS = os.environ.get("LOAD_GROUPS", "area-01").split(",")
LEAVES = os.environ.get("LOAD_LEAVES", "area-01.req-0001").split(",")
FIRST = dt.date(2005, 1, 1)
# A few dates readers share (today, year ends) and any day at all: some answers repeat,
# most are new.
SHARED = [None, *(dt.date(year, 12, 31) for year in range(2008, 2025, 4))]


def as_of() -> str:
    if random.random() < 0.5:
        day = random.choice(SHARED)
    else:
        day = FIRST + dt.timedelta(days=random.randrange((dt.date.today() - FIRST).days))
    return "" if day is None else f"&as_of={day.isoformat()}"


class Reader(HttpUser):
    wait_time = between(0.5, 2)

    @task(4)
    def overview(self) -> None:
        self.client.get(f"/?framework={FRAMEWORK}{as_of()}", name="overview")

    @task(3)
    def country(self) -> None:
        code = random.choice(COUNTRIES)
        self.client.get(f"/countries/{code}/?framework={FRAMEWORK}{as_of()}", name="country")

    @task(2)
    def group(self) -> None:
        code = random.choice(GROUPS)
        self.client.get(f"/frameworks/{FRAMEWORK}/requirements/{code}/?{as_of()[1:]}", name="group")

    @task(2)
    def cell(self) -> None:
        country, leaf = random.choice(COUNTRIES), random.choice(LEAVES)
        self.client.get(
            f"/countries/{country}/frameworks/{FRAMEWORK}/requirements/{leaf}/", name="cell"
        )

    @task(1)
    def workshop(self) -> None:
        self.client.get("/workshops/synthetic-workshop/", name="workshop")

    @task(1)
    def export(self) -> None:
        code = random.choice(COUNTRIES)
        self.client.get(
            f"/export/status.csv?framework={FRAMEWORK}&country={code}{as_of()}", name="export"
        )

    @task(2)
    def api_scores(self) -> None:
        self.client.get(f"/api/v1/scores/?framework={FRAMEWORK}{as_of()}", name="api scores")

    @task(2)
    def api_assessments(self) -> None:
        code = random.choice(COUNTRIES)
        self.client.get(
            f"/api/v1/assessments/?framework={FRAMEWORK}&country={code}{as_of()}",
            name="api assessments",
        )

    @task(2)
    def floor(self) -> None:
        self.client.get("/floor", name="floor")


class FloorAlone(HttpUser):
    """The floor page and nothing else, at the mix's pace: the p95 the mix's is held to."""

    wait_time = between(0.5, 2)

    @task
    def floor(self) -> None:
        self.client.get("/floor", name="floor alone")
