"""The publication gate: the one place that decides what the public may see.

Every record gets exactly one state at the as-of date. Only `published`
records, masked, leave this module; every output reads `GateResult` and
nothing else. Withdrawn decisions leave only a notice that names no party.
"""

import calendar as month_calendar
import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import timedelta

from ..data import schema
from ..data.validation import parse_number, split_multi
from .masking import NameMatcher, mask_free_text, mask_person_name
from .notice import strip_identifiers

PUBLISHED = "published"
SCHEDULED = "scheduled"
EXPIRED = "expired"
WITHDRAWN = "withdrawn"
EXCLUDED = "excluded"
STATES = (PUBLISHED, SCHEDULED, EXPIRED, WITHDRAWN, EXCLUDED)
STATE_LABELS = {
    PUBLISHED: "已公开", SCHEDULED: "待公开", EXPIRED: "公示期满",
    WITHDRAWN: "已撤下", EXCLUDED: "不予公开",
}


@dataclass
class PublicRecord:
    """A published record, masked: the only form in which data reaches an output."""

    table: object
    id: str
    slug: str
    values: dict  # public columns only, masked
    date: object = None  # decision date (decisions), else None
    publish_date: object = None
    public_until: object = None
    due_date: object = None  # legal publication deadline (decisions)

    @property
    def url(self):
        return f"{self.table.key}/{self.slug}.html"

    @property
    def party(self):
        return self.values.get(self.table.party_column, "")

    @property
    def category(self):
        if self.table.category_column:
            return self.values.get(self.table.category_column) or self.table.title
        return self.table.category_label or self.table.title

    @property
    def authority(self):
        return self.values.get(self.table.authority_column, "")

    @property
    def title(self):
        return f"{self.party}{self.category}决定（{self.id}）"


@dataclass
class WithdrawalNotice:
    """What stands at a withdrawn decision's old URL: no party, no 文书号, no facts."""

    table: object
    slug: str
    status: str
    status_date: object
    reason: str  # 状态说明, masked, every identifier of the party and the old decision removed
    authority: str = ""  # the authority that made the decision (public)
    # URL of the new decision (新决定文书号) when it is published; only the URL, so the
    # notice cannot show the new decision's title, which names the party.
    replacement_url: str = ""

    @property
    def url(self):
        return f"{self.table.key}/{self.slug}.html"


@dataclass
class RecordState:
    table: str
    id: str
    state: str
    reason: str
    decision_date: object = None
    due_date: object = None
    publish_date: object = None
    late_workdays: int = 0
    public_until: object = None


@dataclass
class GateResult:
    as_of: object
    published: dict = field(default_factory=dict)  # table key → [PublicRecord]
    notices: list = field(default_factory=list)
    states: list = field(default_factory=list)  # RecordState for every record
    warnings: list = field(default_factory=list)
    next_change: object = None
    # The key of record_slug (never written anywhere): the leak check recomputes page names.
    url_key: bytes = field(default=b"", repr=False)
    # (table key, record id, column, name): another record's natural person masked in this
    # record's free text; listed in the admins' report so over-masking can be checked.
    masked_names: list = field(default_factory=list)

    def counts(self):
        counts = {}
        for s in self.states:
            counts.setdefault(s.table, dict.fromkeys(STATES, 0))[s.state] += 1
        return counts


def format_number(value):
    """2.50 → 2.5, 3.0 → 3: plain decimals, no exponent, for pages and data files alike."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text or "0"


# The documented fallback key of record_slug when the agency has set none (pipeline.resolve_url_key
# warns): stable URLs, but as public as this source file, so anyone can recompute them.
PUBLIC_URL_KEY = b"disclosure-public-url-key: DISCLOSURE_URL_KEY not set"


def record_slug(table, record_id, key):
    """A record's page name: keyed HMAC-SHA256 of table + 文书号, 16 hex digits.

    Stable for the same key; without the key nobody can tell which 文书号 (a guessable
    agency prefix + year + sequence) a page name, e.g. a withdrawal notice's, stands for.
    """
    return hmac.new(key, f"{table.key}\n{record_id}".encode("utf-8"), hashlib.sha256).hexdigest()[:16]


def add_months(day, months):
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, month_calendar.monthrange(year, month)[1]))


class Gate:
    def __init__(self, settings, as_of, workdays, url_key):
        self.settings = settings
        self.as_of = as_of
        self.workdays = workdays
        self.url_key = url_key
        self.result = GateResult(as_of, url_key=url_key)
        self._replacements = []  # (notice, 新决定文书号)
        self._changes = set()

    # -- public entry -------------------------------------------------------
    def run(self, records_by_table):
        self.names = self._name_matcher(records_by_table)
        for table in schema.ALL_TABLES:
            records = records_by_table.get(table.key, [])
            if table.kind == "decision":
                self._decisions(table, records)
            elif table.kind == "officer":
                self._officers(table, records)
            elif table.kind == "supplement":
                self._supplement(table, records)
            else:
                self._lists(table, records)
        self._link_replacements()
        self.result.warnings += self.workdays.warnings()
        self.result.next_change = min(self._changes) if self._changes else None
        return self.result

    # -- decisions ----------------------------------------------------------
    def _decisions(self, table, records):
        published = []
        deadline = self.settings["DISCLOSURE_DEADLINE_WORKDAYS"][table.key]
        for record in records:
            decided = record.decision_date
            due = self.workdays.add_workdays(decided, deadline)
            publish = record.dates.get("公开日期") or decided
            until = self._public_until(table, record, publish)
            state, reason = self._decision_state(record, publish, until)
            late = self.workdays.workdays_between(due, publish) if publish > due else 0
            self.result.states.append(RecordState(
                table.key, record.id, state, reason, decided, due, publish, late, until,
            ))
            if state == WITHDRAWN:
                notice = WithdrawalNotice(
                    table, record_slug(table, record.id, self.url_key), record.get("状态"),
                    record.dates.get("状态变更日期"), self._notice_reason(record),
                    mask_free_text(record.get(table.authority_column), self._natural_person_names(record)),
                )
                self.result.notices.append(notice)
                if record.get("新决定文书号"):
                    self._replacements.append((notice, record.get("新决定文书号")))
            elif state == PUBLISHED:
                public = self._public(table, record, decided, publish, until)
                public.due_date = due
                published.append(public)
        published.sort(key=lambda r: (r.date, r.id), reverse=True)
        self.result.published[table.key] = published

    def _decision_state(self, record, publish, until):
        status = record.get("状态") or schema.STATUS_VALID
        if status in schema.WITHDRAWING_STATUSES:
            return WITHDRAWN, f"状态为“{status}”（{record.dates.get('状态变更日期')}）"
        for rule in self.settings["DISCLOSURE_EXCLUSIONS"]:
            if record.get(rule["column"]) in rule["values"]:
                return EXCLUDED, rule["reason"]
        if publish > self.as_of:
            self._changes.add(publish)
            return SCHEDULED, f"公开日期 {publish} 尚未到"
        if until is not None and until < self.as_of:
            return EXPIRED, f"公示期至 {until} 已满"
        if until is not None:
            self._changes.add(until + timedelta(days=1))
        return PUBLISHED, ""

    def _public_until(self, table, record, publish):
        if "公示截止期" in record.dates:
            return record.dates["公示截止期"]
        months = self.settings["DISCLOSURE_PUBLICITY_MONTHS"].get(table.key)
        if table is schema.PENALTIES and self._is_minor_penalty(record):
            months = self.settings["DISCLOSURE_MINOR_PENALTY_MONTHS"]
        if months is None:
            return None
        return add_months(publish, months) - timedelta(days=1)

    def _is_minor_penalty(self, record):
        kinds = set(split_multi(record.get("处罚类别")))
        minor_kinds = set(self.settings["DISCLOSURE_MINOR_PENALTY_TYPES"])
        fine = parse_number(record.get("罚款金额（万元）") or "0")
        if kinds <= minor_kinds:
            return True
        return kinds <= minor_kinds | {"罚款"} and 0 < fine <= self.settings["DISCLOSURE_LOW_FINE_WAN"]

    # -- officers and lists -------------------------------------------------
    def _officers(self, table, records):
        published = []
        for record in records:
            valid_until = record.dates["证件有效期至"]
            if record.get("状态") != "在岗":
                state, reason = EXCLUDED, f"状态为“{record.get('状态')}”"
            elif valid_until < self.as_of:
                state, reason = EXPIRED, f"执法证件有效期至 {valid_until}，已过期"
            else:
                state, reason = PUBLISHED, ""
                self._changes.add(valid_until + timedelta(days=1))
            self.result.states.append(RecordState(table.key, record.id, state, reason, public_until=valid_until))
            if state == PUBLISHED:
                published.append(self._public(table, record, until=valid_until))
        published.sort(key=lambda r: (r.values["单位"], r.id))
        self.result.published[table.key] = published

    def _lists(self, table, records):
        published = []
        for record in records:
            starts, ends = record.dates.get("生效日期"), record.dates.get("废止日期")
            if starts and starts > self.as_of:
                state, reason = SCHEDULED, f"生效日期 {starts} 尚未到"
                self._changes.add(starts)
            elif ends and ends <= self.as_of:
                state, reason = EXPIRED, f"已于 {ends} 废止"
            else:
                state, reason = PUBLISHED, ""
                if ends:
                    self._changes.add(ends)
            self.result.states.append(RecordState(table.key, record.id, state, reason, publish_date=starts))
            if state == PUBLISHED:
                published.append(self._public(table, record, publish=starts))
        self.result.published[table.key] = published

    def _supplement(self, table, records):
        # Aggregate yearly figures: nothing personal, nothing dated; all of it is public.
        for record in records:
            self.result.states.append(RecordState(table.key, record.id, PUBLISHED, ""))
        self.result.published[table.key] = sorted(
            (self._public(table, record) for record in records), key=lambda r: r.id,
        )

    # -- masking --------------------------------------------------------------
    def _name_matcher(self, records_by_table):
        """Every natural person named as a party in any record, whatever its state (a withheld
        or withdrawn party too), is masked in every record's free text; the longer public names
        that may contain such a name (authorities, organisations, officers' units) shield it."""
        people = []
        public = [self.settings.get("AGENCY_NAME", ""), *self.settings.get("DISCLOSURE_ORDINARY_WORDS", ())]
        for table in schema.ALL_TABLES:
            for record in records_by_table.get(table.key, []):
                if table.party_column:
                    natural = record.get(table.party_type_column) == schema.NATURAL_PERSON
                    (people if natural else public).append(record.get(table.party_column))
                if table.authority_column:
                    public.append(record.get(table.authority_column))
                if table.kind == "officer":
                    public.append(record.get("单位"))
        return NameMatcher(filter(None, people), filter(None, public))

    def _natural_person_names(self, record):
        table = record.table
        if table.party_type_column and record.get(table.party_type_column) == schema.NATURAL_PERSON:
            return (record.get(table.party_column),)
        return ()

    @staticmethod
    def _named_columns(table):
        """Columns that hold a name published as such (the record's id, its party, the authority,
        a company's legal representative, an officer): other people's names are not looked for there."""
        return {table.id_column, table.party_column, table.authority_column, "法定代表人", "姓名"}

    def _notice_reason(self, record):
        """状态说明 for the public notice, with nothing that identifies the party or the old decision."""
        # Identifiers first, whole (a party code must not be half-masked as a card number first).
        text = strip_identifiers(record.get("状态说明"), record)
        return mask_free_text(text, self._natural_person_names(record), self.names)

    def _public(self, table, record, decided=None, publish=None, until=None):
        names = self._natural_person_names(record)
        values = {}
        named_columns = self._named_columns(table)
        for column in table.public_columns:
            text = record.get(column.name)
            if column.free_text or (column.type == schema.TEXT and column.name not in named_columns):
                masked = []
                text = mask_free_text(text, names, self.names, masked)
                self.result.masked_names += [(table.key, record.id, column.name, n) for n in masked if n not in names]
            elif column.type == schema.TEXT:
                text = mask_free_text(text, names)
            elif text and column.type == schema.DATE:
                text = record.dates[column.name].isoformat()  # one date format in every output
            elif text and column.type == schema.NUMBER:
                text = format_number(parse_number(text))
            values[column.name] = text
        if names:
            values[table.party_column] = mask_person_name(names[0])
        return PublicRecord(table, record.id, record_slug(table, record.id, self.url_key), values, decided, publish, until)

    def _link_replacements(self):
        published_by_id = {
            key: {r.id: r for r in records} for key, records in self.result.published.items()
        }
        for notice, new_id in self._replacements:
            new = published_by_id[notice.table.key].get(new_id)
            notice.replacement_url = new.url if new else ""
