"""City statistics from the merged published data: per agency and in total, by year.

Counted from the rows each agency published (its JSON files), so the figures are
those of the decisions the citizens can see: withdrawn, scheduled and excluded
decisions never reach an agency's files and so are never counted here. Which
table holds decisions, and its date column, come from the schema (the input
contract); the amounts are the 双公示 columns in 万元.
"""

from dataclasses import dataclass, field

from ..data import schema

FINE_COLUMNS = ("罚款金额（万元）", "没收违法所得、没收非法财物的金额（万元）")


@dataclass
class Figures:
    decisions: int = 0
    by_table: dict = field(default_factory=dict)  # table title → count
    amounts: float = 0.0  # 万元, fines and confiscations
    withdrawals: int = 0

    def add(self, other):
        self.decisions += other.decisions
        for title, n in other.by_table.items():
            self.by_table[title] = self.by_table.get(title, 0) + n
        self.amounts = round(self.amounts + other.amounts, 6)
        self.withdrawals += other.withdrawals


def _year(value):
    text = str(value or "")
    return int(text[:4]) if len(text) >= 4 and text[:4].isdigit() else None


def _first_date_field(table):
    for f in table.resource.get("schema", {}).get("fields", []):
        if f.get("type") == "date":
            return f["name"]
    return None


def agency_figures(output, withdrawal_resources):
    """{year: Figures} for one agency's published output."""
    years = {}
    for decision_table in schema.DECISION_TABLES:
        table = output.tables.get(decision_table.key)
        if table is None:
            continue
        for row in table.json_rows():
            year = _year(row.get(decision_table.date_column))
            if year is None:
                continue
            figures = years.setdefault(year, Figures())
            figures.decisions += 1
            figures.by_table[decision_table.title] = figures.by_table.get(decision_table.title, 0) + 1
            figures.amounts = round(figures.amounts + sum(float(row.get(c) or 0) for c in FINE_COLUMNS), 6)
    for name in withdrawal_resources:
        table = output.tables.get(name)
        date_field = _first_date_field(table) if table else None
        for row in (table.json_rows() if table and date_field else []):
            year = _year(row.get(date_field))
            if year is not None:
                years.setdefault(year, Figures()).withdrawals += 1
    return years


def city_statistics(outputs, withdrawal_resources):
    """(years newest first, {slug: {year: Figures}}, {year: Figures} in total)."""
    per_agency = {o.agency.slug: agency_figures(o, withdrawal_resources) for o in outputs}
    totals = {}
    for figures_by_year in per_agency.values():
        for year, figures in figures_by_year.items():
            totals.setdefault(year, Figures()).add(figures)
    return sorted(totals, reverse=True), per_agency, totals
