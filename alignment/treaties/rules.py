"""A treaty's steps go forwards in time: signed, then ratified, then in force.

Recording a step that puts the pipeline out of order (in force before signed, or a later
step below an earlier one) is allowed only with evidence that says why; the admin warns
before saving (alignment/admin/status.py, RecordStatusForm).
"""

import datetime as dt

from alignment.models import SCORES, Status, StatusChange, is_treaty_kind
from countries.models import Country


def out_of_order(country: Country, requirement, status: str, day: dt.date) -> StatusChange | None:
    """An existing row on the pair that `status` on `day` would step backwards from, if any.

    Only on a treaty or protocol, and never for not_applicable (it is not a step).
    Returned rather than raised: the caller decides how to warn.
    """
    score = SCORES.get(status)
    if score is None or not is_treaty_kind(requirement.framework.kind):
        return None
    rows = (
        StatusChange.objects.for_pair(country, requirement)
        .exclude(status=Status.NOT_APPLICABLE)
        .exclude(review_state="returned")
        .order_by("effective_on", "id")
    )
    for row in rows:
        later_but_lower = row.effective_on > day and SCORES[row.status] < score
        earlier_but_higher = row.effective_on < day and SCORES[row.status] > score
        if later_but_lower or earlier_but_higher:
            return row
    return None
