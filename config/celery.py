"""The Celery application: `celery -A config worker` and `celery -A config beat`.

Its settings are the CELERY_* names in config/settings.py (the notifications block). Without
REDIS_URL every task runs eagerly, in the process that queued it, so the demo and the tests
need no broker and no worker. The periodic jobs, run by beat (one beat per deployment):
"""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # Retries whose back-off is over, rows a dead worker left claimed, anything missed.
    "send-outbox": {"task": "notifications.tasks.send_outbox", "schedule": 60.0},
    "reviewer-digests": {
        "task": "notifications.tasks.send_reviewer_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    "editor-digests": {
        "task": "notifications.tasks.send_editor_digests",
        "schedule": crontab(day_of_week="mon", hour=7, minute=0),
    },
    "purge-sent-emails": {
        "task": "notifications.tasks.purge_outbox",
        "schedule": crontab(hour=3, minute=30),
    },
    "subscriber-summaries": {
        "task": "notifications.tasks.send_daily_summaries",
        "schedule": crontab(hour=6, minute=0),
    },
}
