"""synthesize fills the kept score totals as the approval path would have."""

from django.core.management import call_command

from alignment import dataversion, scoretable


def test_synthesize_fills_the_kept_totals_equal_to_the_history(db):
    before = dataversion.current()
    call_command("synthesize", countries=3, requirements=45, changes=6, seed=5, verbosity=0)

    assert scoretable.ScoreTotal.objects.exists()
    assert scoretable.differences() == []
    assert dataversion.current() != before
