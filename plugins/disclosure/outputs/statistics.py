"""Yearly enforcement statistics (国办发〔2018〕118号: 行政执法总体情况数据), computed from published data only."""

from collections import Counter
from dataclasses import dataclass, field

from ..data import schema
from ..rules.gate import EXPIRED, PUBLISHED, WITHDRAWN


@dataclass
class YearStatistics:
    year: int
    total: int = 0  # decisions of the year ever lawfully published (public now or expired)
    public_now: int = 0
    expired: int = 0
    withdrawn: int = 0  # 纠错: withdrawn (撤销、变更、确认违法…), counted apart from the total
    withdrawn_by_status: list = field(default_factory=list)  # [(status, count)]
    by_category: list = field(default_factory=list)  # [(category, count)]
    by_month: list = field(default_factory=list)  # [(1..12, count)]
    penalties_by_type: list = field(default_factory=list)
    permits_by_type: list = field(default_factory=list)
    fines_total: float = 0.0  # 万元
    confiscated_total: float = 0.0  # 万元
    on_time: int = 0
    publish_date_known: int = 0  # the on-time share counts only these
    left_by_month: list = field(default_factory=list)  # [(1..12, decisions that left the column that month)]
    supplement: list = field(default_factory=list)  # [(label, value)]
    supplement_note: str = ""
    enough_data: bool = False

    @property
    def on_time_share(self):
        return self.on_time / self.publish_date_known if self.publish_date_known else 0.0

    @property
    def publish_date_unknown(self):
        return self.total - self.publish_date_known

    @property
    def url(self):
        return f"statistics/{self.year}.html"


def _ordered(counter, order=()):
    known = [(key, counter[key]) for key in order if counter.get(key)]
    rest = sorted((key, n) for key, n in counter.items() if key not in order)
    return known + rest


def yearly_statistics(result, minimum_decisions):
    """{year: YearStatistics} for every year with a decision ever published, a withdrawal or a
    supplement row. Read from the gate's history (counts only), so a past year's figures stay
    the same when its decisions' publicity ends."""
    by_year = {}

    def year_of(number):
        return by_year.setdefault(number, YearStatistics(number))

    counters = {}

    def count(year, name, key):
        counters.setdefault((year, name), Counter())[key] += 1

    for facts in result.history:
        stats = year_of(facts.date.year)
        if facts.state == WITHDRAWN:
            stats.withdrawn += 1
            count(stats.year, "withdrawn", facts.status)
            continue
        stats.total += 1
        stats.public_now += facts.state == PUBLISHED
        stats.expired += facts.state == EXPIRED
        if facts.on_time is not None:
            stats.publish_date_known += 1
            stats.on_time += facts.on_time
        count(stats.year, "category", facts.category)
        count(stats.year, "month", facts.date.month)
        for kind in facts.penalty_types:
            count(stats.year, "penalty", kind)
        if facts.permit_type:
            count(stats.year, "permit", facts.permit_type)
        stats.fines_total += facts.fine
        stats.confiscated_total += facts.confiscated
        if facts.left_on:
            count(year_of(facts.left_on.year).year, "left", facts.left_on.month)
    category_order = ("行政处罚", "行政许可") + schema.OTHER_DECISION_TYPES
    for year, stats in by_year.items():
        def counter(name, year=year):
            return counters.get((year, name), Counter())
        stats.by_category = _ordered(counter("category"), category_order)
        stats.by_month = [(m, counter("month")[m]) for m in range(1, 13)]
        stats.left_by_month = [(m, counter("left")[m]) for m in range(1, 13)] if counter("left") else []
        stats.penalties_by_type = _ordered(counter("penalty"), schema.PENALTY_TYPES)
        stats.permits_by_type = _ordered(counter("permit"), schema.PERMIT_TYPES)
        stats.withdrawn_by_status = _ordered(counter("withdrawn"), schema.WITHDRAWING_STATUSES)
        stats.fines_total = round(stats.fines_total, 6)
        stats.confiscated_total = round(stats.confiscated_total, 6)
        stats.enough_data = stats.total >= minimum_decisions
    for record in result.published.get(schema.ANNUAL_SUPPLEMENT.key, []):
        stats = year_of(int(float(record.id)))
        stats.supplement = [
            (c.name, record.values[c.name]) for c in schema.ANNUAL_SUPPLEMENT.columns
            if c.type == schema.NUMBER and c.name != "年度" and record.values.get(c.name)
        ]
        stats.supplement_note = record.values.get("说明", "")
    return dict(sorted(by_year.items(), reverse=True))
