"""Publicity of penalty decisions under the agency's profile: published or not, for how long,
counted from which date.

A profile is data in the settings (DISCLOSURE_PUBLICITY_PROFILES), each rule with its
citation; this module only applies it, so a province's or agency's own rules are a new
profile, not new code. The class of a penalty (轻微 / 一般 / 严重) comes from the row's
失信程度 when filled, else from 处罚类别, 程序类型 and the fine, as the profile says.
"""

import calendar as month_calendar
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from ..data import schema
from ..data.problems import DisclosureDataError, Problem
from ..data.validation import parse_number, split_multi

SETTINGS_FILE = "pelicanconf.py"
REQUIRED_KEYS = {
    "title": str, "citation": str, "count_from": str, "months": dict, "class_citations": dict,
    "severe_types": tuple, "minor_procedures": tuple, "minor_only_types": tuple,
    "low_fine_types": tuple, "low_fine_yuan": dict, "unpublished": tuple,
    "early_end_statuses": tuple, "extend_to_validity_types": tuple,
}
COUNT_FROM = {"decision": "处罚决定日期", "publication": "公开日期"}
# The standards' compound category names both a lighter and a severe penalty (暂扣 or 吊销):
# the row's 失信程度 says which; without it the profile's 一般 applies and the report says so.
AMBIGUOUS_SEVERITY_TYPES = ("暂扣或者吊销许可证、暂扣或者吊销执照",)


def add_months(day, months):
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, month_calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class PenaltyPublicity:
    severity: str  # 轻微 / 一般 / 严重
    published: bool
    reason: str  # why not published, or how the period was set (for the admins' report)
    start: object = None  # the day the period is counted from
    until: object = None  # last day of publicity; None = no end


class PublicityProfile:
    def __init__(self, name, spec):
        self.name = name
        self.spec = spec
        self._check()

    @classmethod
    def from_settings(cls, settings):
        name = settings.get("DISCLOSURE_PUBLICITY_PROFILE") or "credit"
        profiles = settings.get("DISCLOSURE_PUBLICITY_PROFILES") or {}
        if name not in profiles:
            raise DisclosureDataError([Problem(
                SETTINGS_FILE, f"DISCLOSURE_PUBLICITY_PROFILE 设为“{name}”，但 DISCLOSURE_PUBLICITY_PROFILES 中没有这个公示规则",
                "、".join(profiles) or "credit 或 samr45",
            )])
        return cls(name, profiles[name])

    def _check(self):
        problems = []

        def problem(what, expected):
            problems.append(Problem(SETTINGS_FILE, f"公示规则“{self.name}”：{what}", expected))

        for key, kind in REQUIRED_KEYS.items():
            if key not in self.spec:
                problem(f"缺少“{key}”", f"照 credit 或 samr45 写全各项（{kind.__name__}）")
            elif not isinstance(self.spec[key], kind):
                problem(f"“{key}”的写法不对", f"{kind.__name__}，照 credit 或 samr45 的写法")
        if problems:
            raise DisclosureDataError(problems)
        if self.spec["count_from"] not in COUNT_FROM:
            problem(f"count_from 为“{self.spec['count_from']}”", "decision（自决定日期）或 publication（自公开日期）")
        for severity in schema.SEVERITY_CLASSES:
            months = self.spec["months"].get(severity)
            if not isinstance(months, int) or isinstance(months, bool) or months < 0:
                problem(f"months 中“{severity}”为 {months!r}", "0（不公示）或公示的月数")
            if not self.spec["class_citations"].get(severity):
                problem(f"class_citations 中没有“{severity}”的依据", "写明条文出处")
        types = set(schema.PENALTY_TYPES)
        for key in ("severe_types", "minor_only_types", "low_fine_types", "extend_to_validity_types"):
            unknown = [t for t in self.spec[key] if t not in types]
            if unknown:
                problem(f"{key} 中有未知的处罚类别：{'、'.join(unknown)}", "、".join(schema.PENALTY_TYPES))
        for party_type in schema.PARTY_TYPES:
            if not isinstance(self.spec["low_fine_yuan"].get(party_type), (int, float)):
                problem(f"low_fine_yuan 没有“{party_type}”的较低数额", "每类当事人一个数额（元，不含本数）")
        for rule in self.spec["unpublished"]:
            if not rule.get("reason") or not (rule.get("procedures") or rule.get("only_types")):
                problem(f"unpublished 中的规则 {rule!r} 不完整", "procedures 或 only_types，加 reason（含依据）")
        if problems:
            raise DisclosureDataError(problems)

    @property
    def title(self):
        return self.spec["title"]

    def severity(self, record):
        """(class, how it was found) of a penalty record."""
        override = record.get("失信程度")
        if override:
            return override, "按本行“失信程度”"
        kinds = set(split_multi(record.get("处罚类别")))
        severe = kinds & set(self.spec["severe_types"])
        if severe:
            return "严重", f"处罚类别含{'、'.join(sorted(severe))}"
        if record.get("程序类型") in self.spec["minor_procedures"]:
            return "轻微", f"适用{record.get('程序类型')}程序"
        if kinds <= set(self.spec["minor_only_types"]):
            return "轻微", f"仅{'、'.join(sorted(kinds))}"
        threshold = self.spec["low_fine_yuan"][record.get(record.table.party_type_column) or schema.PARTY_TYPES[0]]
        if "罚款" in kinds and kinds <= set(self.spec["low_fine_types"]) and self._fine_yuan(record) < threshold:
            return "轻微", f"较低数额罚款（低于 {threshold:g} 元）"
        return "一般", "其他行政处罚"

    @staticmethod
    def _fine_yuan(record):
        text = record.get("罚款金额（万元）") or "0"
        # Decimal: 0.5 万元 is exactly 5000 元 when compared with a threshold of 5000 (不含本数).
        return Decimal(repr(parse_number(text))) * 10000

    def decide(self, record, publish):
        """PenaltyPublicity of a penalty record first published on `publish`."""
        kinds = set(split_multi(record.get("处罚类别")))
        for rule in self.spec["unpublished"]:
            if record.get("程序类型") in rule.get("procedures", ()):
                return PenaltyPublicity("轻微", False, rule["reason"])
            if rule.get("only_types") and kinds <= set(rule["only_types"]):
                return PenaltyPublicity("轻微", False, rule["reason"])
        severity, how = self.severity(record)
        months = self.spec["months"][severity]
        citation = self.spec["class_citations"][severity]
        if months == 0:
            return PenaltyPublicity(severity, False, f"{severity}（{how}）：不予公示。{citation}")
        start = record.decision_date if self.spec["count_from"] == "decision" else publish
        if "公示截止期" in record.dates:
            return PenaltyPublicity(severity, True, "按本行“公示截止期”", start, record.dates["公示截止期"])
        until = add_months(start, months) - timedelta(days=1)
        restricted_until = record.dates.get("处罚有效期")
        if kinds & set(self.spec["extend_to_validity_types"]) and restricted_until and restricted_until > until:
            return PenaltyPublicity(severity, True, f"{severity}（{how}）：公示至限制期限届满", start, restricted_until)
        return PenaltyPublicity(severity, True, f"{severity}（{how}）：{months} 个月，自{COUNT_FROM[self.spec['count_from']]}起", start, until)

    def ambiguous(self, record):
        """A category whose class the row must state (失信程度) to be certain."""
        if record.get("失信程度"):
            return False
        return bool(set(split_multi(record.get("处罚类别"))) & set(AMBIGUOUS_SEVERITY_TYPES))

    def ends_early(self, record):
        return (record.get("状态") or "") in self.spec["early_end_statuses"]
