"""The Chinese working-day calendar, with 调休 make-up days.

`chinesecalendar` carries the State Council's official arrangements for the
years it knows. For later years admins add rows to data/holidays.csv
(日期, 类型 休/班, 说明); those rows also override the package. A year known to
neither falls back to plain weekends, with a warning naming the year.

We ask chinesecalendar only `is_workday(day)`: its `find_workday` is one day
late when the start is a holiday, and `get_workdays(include_weekends=False)`
drops make-up Saturdays.
"""

from datetime import timedelta
from functools import lru_cache

import chinese_calendar


class WorkdayCalendar:
    def __init__(self, overrides=None):
        self.overrides = dict(overrides or {})  # date → True (班) / False (休)
        self.override_years = {d.year for d in self.overrides}
        self.guessed_years = set()
        self.is_workday = lru_cache(maxsize=None)(self._is_workday)
        # Decisions share their dates: the same deadline is asked for thousands of times.
        self.add_workdays = lru_cache(maxsize=None)(self._add_workdays)

    @classmethod
    def from_records(cls, records):
        return cls({r.dates["日期"]: r.get("类型") == "班" for r in records if "日期" in r.dates})

    def _is_workday(self, day):
        if day in self.overrides:
            return self.overrides[day]
        try:
            return chinese_calendar.is_workday(day)
        except NotImplementedError:
            if day.year not in self.override_years:
                self.guessed_years.add(day.year)
            return day.weekday() < 5

    def _add_workdays(self, start, count):
        """The count-th working day after start; start itself never counts."""
        day = start
        while count > 0:
            day += timedelta(days=1)
            if self.is_workday(day):
                count -= 1
        return day

    def workdays_between(self, earlier, later):
        """Working days in (earlier, later]; 0 when later is not after earlier."""
        count, day = 0, earlier
        while day < later:
            day += timedelta(days=1)
            count += self.is_workday(day)
        return count

    def warnings(self):
        return [
            f"{year}年的法定节假日安排不在 chinesecalendar 中，data/holidays.csv 也没有该年的记录，"
            f"已按普通周末计算工作日。请在 data/holidays.csv 中补充{year}年的放假和调休安排。"
            for year in sorted(self.guessed_years)
        ]
