"""Simulated time: minutes since day 0 of the proleptic calendar, local (Europe/Copenhagen).

Every instant is an int (`day ordinal * 1440 + minute of day`), which is fast to compare and
sort; ordering local minutes equals ordering UTC instants because the simulator never creates
a time inside the hour the clocks are set back. Formatting gives ISO 8601 with the right
offset, computed from the EU rule (summer time from the last Sunday of March to the last
Sunday of October, switching at 01:00 UTC).
"""

from __future__ import annotations

from datetime import date, timedelta

MINUTES_PER_DAY = 1440
DAYS_PER_MONTH = 30.44  # a mean month, to turn measures' mean durations into days
_HHMM = [f"T{m // 60:02d}:{m % 60:02d}:00" for m in range(MINUTES_PER_DAY)]


def _last_sunday(year: int, month: int) -> int:
    last = date(year, month + 1, 1) - timedelta(days=1)
    return (last - timedelta(days=(last.weekday() + 1) % 7)).toordinal()


class Clock:
    """Formats days and minutes; caches the strings since most events share few days."""

    def __init__(self) -> None:
        self._dates: dict[int, str] = {}
        self._summer: dict[int, tuple[int, int]] = {}
        self._days: dict[int, tuple[str, bool | None]] = {}

    def date(self, day: int) -> str:
        text = self._dates.get(day)
        if text is None:
            text = self._dates[day] = date.fromordinal(day).isoformat()
        return text

    def datetime(self, minute: int) -> str:
        day, m = divmod(minute, MINUTES_PER_DAY)
        info = self._days.get(day)
        if info is None:
            info = self._days[day] = self._day_info(day)
        text, summer = info
        if summer is None:  # a day the clocks change
            hour = m // 60
            if hour == 2:  # the hour that does not exist / exists twice: shown as 03:xx
                m += 60
                hour = 3
            summer = (hour >= 3) if date.fromordinal(day).month == 3 else (hour < 2)
        return text + _HHMM[m] + ("+02:00" if summer else "+01:00")

    def _day_info(self, day: int) -> tuple[str, bool | None]:
        text = self.date(day)
        year = int(text[:4])
        spring, autumn = self._summer.get(year) or self._summer.setdefault(
            year, (_last_sunday(year, 3), _last_sunday(year, 10))
        )
        if day in (spring, autumn):
            return text, None
        return text, spring < day < autumn

    @staticmethod
    def year(day: int) -> int:
        return date.fromordinal(day).year


def month_starts(start: date, end: date) -> list[int]:
    """Ordinals of the first day of every month from start's month through end's month."""
    days = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        days.append(date(year, month, 1).toordinal())
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return days


def add_years(day: int, years: int) -> int:
    """The same calendar day `years` later (29 February becomes 1 March)."""
    d = date.fromordinal(day)
    try:
        return d.replace(year=d.year + years).toordinal()
    except ValueError:
        return date(d.year + years, 3, 1).toordinal()
