"""The Chinese working-day calendar, with 调休 make-up days.

Three sources, strongest first:
1. data/holidays.csv rows (日期, 类型 休/班, 说明): the admin's copy of a State Council
   notice; they override everything else.
2. `chinesecalendar`: the State Council's official arrangements for the years it knows.
3. For any other year: the statutory holidays of the setting DISCLOSURE_STATUTORY_HOLIDAYS
   (全国年节及纪念日放假办法 第二条; lunar dates and 清明 computed with lunar_python) plus
   weekends. Only the yearly notice sets that year's 调休 make-up days and 补假, so the
   calendar names every such year it used, and the build warns once per year.

We ask chinesecalendar only `is_workday(day)`: its `find_workday` is one day
late when the start is a holiday, and `get_workdays(include_weekends=False)`
drops make-up Saturdays.
"""

from datetime import date, timedelta
from functools import lru_cache

import chinese_calendar
from lunar_python import Lunar

from ..data.problems import DisclosureDataError, Problem

SETTING = "DISCLOSURE_STATUTORY_HOLIDAYS"
ANCHORS = ("solar", "lunar", "solar_term")


def _date(solar):
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


class StatutoryHolidays:
    """The statutory holidays of any year, from the settings' table.

    Each holiday is anchored on a 公历 (solar) or 农历 (lunar) month and day, or on a
    节气 (solar_term) by name; `offset` moves the first day from the anchor (春节 starts
    on 除夕, the day before 正月初一) and `days` is how many days it lasts.
    """

    def __init__(self, table):
        table = table or {}
        self.basis = table.get("basis", "")
        self.rules = list(table.get("holidays", ()))
        problems = [p for rule in self.rules for p in self._check(rule)]
        if problems:
            raise DisclosureDataError(problems)
        self.of_year = lru_cache(maxsize=None)(self._of_year)

    @staticmethod
    def _check(rule):
        where = f"pelicanconf.py 设置 {SETTING}"
        name = rule.get("name") if isinstance(rule, dict) else None
        anchors = [key for key in ANCHORS if isinstance(rule, dict) and key in rule]
        if not name or len(anchors) != 1:
            return [Problem(where, f"节日“{name or rule}”的写法不对",
                            '{"name": "元旦", "solar": (1, 1), "days": 1}，solar（公历月、日）、lunar（农历月、日）'
                            '或 solar_term（节气名）三者取一')]
        anchor = rule[anchors[0]]
        pair = isinstance(anchor, (tuple, list)) and len(anchor) == 2 and all(isinstance(n, int) for n in anchor)
        if (anchors[0] == "solar_term") != isinstance(anchor, str) or (anchors[0] != "solar_term" and not pair):
            return [Problem(where, f"节日“{name}”的日期“{anchor}”写法不对", "solar、lunar 写作 (月, 日)，如 (10, 1)；solar_term 写节气名，如 \"清明\"")]
        days, offset = rule.get("days"), rule.get("offset", 0)
        if not isinstance(days, int) or days < 1 or not isinstance(offset, int):
            return [Problem(where, f"节日“{name}”的天数（days）或起始偏移（offset）不是整数", "days 为正整数，offset 为整数")]
        return []

    def _first_days(self, rule, year):
        """The anchor dates of a rule for the festival years around `year`."""
        if "solar" in rule:
            month, day = rule["solar"]
            return [date(y, month, day) for y in (year - 1, year)]
        if "lunar" in rule:
            month, day = rule["lunar"]
            return [_date(Lunar.fromYmd(y, month, day).getSolar()) for y in (year - 1, year, year + 1)]
        # A lunar year's table of 节气 runs from the previous winter solstice: read three.
        found = {
            _date(solar) for y in (year - 1, year, year + 1)
            for term, solar in Lunar.fromYmd(y, 1, 1).getJieQiTable().items() if term == rule["solar_term"]
        }
        if not found:
            raise DisclosureDataError([Problem(
                f"pelicanconf.py 设置 {SETTING}", f"“{rule['solar_term']}”不是节气名称", "二十四节气之一，如 清明",
            )])
        return sorted(found)

    def _of_year(self, year):
        """[(holiday name, [its days in `year`])], in the table's order; two holidays may share a day."""
        spans = []
        for rule in self.rules:
            days = sorted({
                anchor + timedelta(days=rule.get("offset", 0) + i)
                for anchor in self._first_days(rule, year) for i in range(rule["days"])
            })
            spans.append((rule["name"], [day for day in days if day.year == year]))
        return [(name, days) for name, days in spans if days]

    def days_off(self, year):
        return {day for _, days in self.of_year(year) for day in days}


class WorkdayCalendar:
    def __init__(self, overrides=None, statutory=None):
        self.overrides = dict(overrides or {})  # date → True (班) / False (休)
        self.override_years = {d.year for d in self.overrides}
        # Without a table (a test, or a site that deleted the setting) a year unknown to
        # chinesecalendar has only weekends off; the warning says which table was used.
        self.statutory = statutory if isinstance(statutory, StatutoryHolidays) else StatutoryHolidays(statutory)
        self.guessed_years = set()
        self.is_workday = lru_cache(maxsize=None)(self._is_workday)
        # Decisions share their dates: the same deadline is asked for thousands of times.
        self.add_workdays = lru_cache(maxsize=None)(self._add_workdays)

    @classmethod
    def from_records(cls, records, statutory=None):
        return cls({r.dates["日期"]: r.get("类型") == "班" for r in records if "日期" in r.dates}, statutory)

    @classmethod
    def from_settings(cls, records, settings):
        return cls.from_records(records, settings.get(SETTING))

    def _is_workday(self, day):
        if day in self.overrides:
            return self.overrides[day]
        try:
            return chinese_calendar.is_workday(day)
        except NotImplementedError:
            if day.year not in self.override_years:
                self.guessed_years.add(day.year)
            return day.weekday() < 5 and day not in self.statutory.days_off(day.year)

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
        return [self._warning(year) for year in sorted(self.guessed_years)]

    def _warning(self, year):
        fix = f"国务院办公厅公布{year}年部分节假日安排后，请把该年的放假（类型“休”）和调休上班（类型“班”）日期填入 data/holidays.csv，或升级 chinesecalendar。"
        holidays = self.statutory.of_year(year)
        if not holidays:
            return (f"{year}年的放假和调休安排不在 chinesecalendar 中，data/holidays.csv 也没有该年的记录，"
                    f"且没有设置法定节假日（{SETTING}）：已按普通周末计算工作日，法定节假日被算作工作日。" + fix)
        listed = "、".join(f"{name}{_span(days)}" for name, days in holidays)
        return (f"{year}年的放假和调休安排不在 chinesecalendar 中，data/holidays.csv 也没有该年的记录：已按"
                f"{self.statutory.basis or '法定节假日'}规定的节日（{listed}）加周末计算工作日。"
                f"该年的调休上班日和补假日期要由国务院办公厅的通知确定，现在未知，未计入。" + fix)


def _span(days):
    first, last = days[0], days[-1]
    if first == last:
        return f"{first.month}月{first.day}日"
    end = f"{last.day}日" if last.month == first.month else f"{last.month}月{last.day}日"
    return f"{first.month}月{first.day}日至{end}"
