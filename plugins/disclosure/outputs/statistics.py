"""Yearly enforcement statistics (国办发〔2018〕118号: 行政执法总体情况数据), computed from published data only."""

from collections import Counter
from dataclasses import dataclass, field

from ..data import schema
from ..data.validation import split_multi


@dataclass
class YearStatistics:
    year: int
    total: int = 0
    by_category: list = field(default_factory=list)  # [(category, count)]
    by_month: list = field(default_factory=list)  # [(1..12, count)]
    penalties_by_type: list = field(default_factory=list)
    permits_by_type: list = field(default_factory=list)
    fines_total: float = 0.0  # 万元
    confiscated_total: float = 0.0  # 万元
    on_time: int = 0
    supplement: list = field(default_factory=list)  # [(label, value)]
    supplement_note: str = ""
    enough_data: bool = False

    @property
    def on_time_share(self):
        return self.on_time / self.total if self.total else 0.0

    @property
    def url(self):
        return f"statistics/{self.year}.html"


def _amount(record, column):
    text = record.values.get(column, "")
    return float(text) if text else 0.0


def _ordered(counter, order=()):
    known = [(key, counter[key]) for key in order if counter.get(key)]
    rest = sorted((key, n) for key, n in counter.items() if key not in order)
    return known + rest


def yearly_statistics(result, minimum_decisions):
    """{year: YearStatistics} for every year with a published decision or a supplement row."""
    by_year = {}

    def year_of(number):
        return by_year.setdefault(number, YearStatistics(number))

    categories, months, penalty_types, permit_types = {}, {}, {}, {}
    for table in schema.DECISION_TABLES:
        for record in result.published[table.key]:
            stats = year_of(record.date.year)
            stats.total += 1
            stats.on_time += record.publish_date <= record.due_date
            categories.setdefault(stats.year, Counter())[record.category] += 1
            months.setdefault(stats.year, Counter())[record.date.month] += 1
            if table is schema.PENALTIES:
                penalty_types.setdefault(stats.year, Counter()).update(split_multi(record.values["处罚类别"]))
                stats.fines_total += _amount(record, "罚款金额（万元）")
                stats.confiscated_total += _amount(record, "没收违法所得、没收非法财物的金额（万元）")
            elif table is schema.PERMITS:
                permit_types.setdefault(stats.year, Counter())[record.values["许可类别"]] += 1
    category_order = ("行政处罚", "行政许可") + schema.OTHER_DECISION_TYPES
    for year, stats in by_year.items():
        stats.by_category = _ordered(categories.get(year, Counter()), category_order)
        stats.by_month = [(m, months.get(year, Counter())[m]) for m in range(1, 13)]
        stats.penalties_by_type = _ordered(penalty_types.get(year, Counter()), schema.PENALTY_TYPES)
        stats.permits_by_type = _ordered(permit_types.get(year, Counter()), schema.PERMIT_TYPES)
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
