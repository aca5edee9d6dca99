"""Which all-day entries are absences that lower the week's available hours."""

from __future__ import annotations

import pytest

from pillars.domain.attendance import is_out_of_office

from .builders import activity


@pytest.mark.parametrize(
    ("summary", "away"),
    [
        ("Vacation", True),
        ("Out of office - Ana", True),
        ("Bank holiday", True),
        ("PTO", True),
        ("Vacaciones", True),
        ("Baja médica", True),
        ("Concepto review", False),  # "pto" inside a word
        ("Fooo planning", False),  # "ooo" inside a word
        ("Fasching [Not a public holiday]", False),  # holiday calendars' own negation
        ("No es festivo", False),
        ("Kein Feiertag: holiday party", True),  # the negation is not in front of the word
    ],
)
def test_absence_words_count_as_whole_words_and_not_after_a_negation(
    summary: str, away: bool
) -> None:
    assert is_out_of_office(activity(summary, all_day=True)) is away


def test_a_timed_entry_is_never_an_absence() -> None:
    assert not is_out_of_office(activity("Vacation planning"))


def test_outlooks_busy_status_decides_whatever_the_title() -> None:
    assert is_out_of_office(
        activity("Fasching [Not a public holiday]", all_day=True, busy_status="OOF")
    )
