"""The publication gate: the one place that decides what the public may see.

Every record gets exactly one state at the as-of date. Only `published`
records, masked, leave this module; every output reads `GateResult` and
nothing else. Withdrawn decisions leave only a notice that names no party.
"""

import hashlib
import hmac
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..data import schema
from ..data.validation import parse_number, split_multi
from .masking import NO_NAMES, NameMatcher, mask_free_text, mask_person_name
from .notice import strip_identifiers
from .publicity import PublicityProfile, add_months

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
    status_note: str = ""  # a permit that ended lawfully: “已注销（2026-05-01）”

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
class DecisionFacts:
    """What yearly statistics keep of a decision that was lawfully published (public now, or
    its publicity over) or withdrawn: counts and sums only, no party, no 文书号. A past year's
    figures do not change when its decisions leave the column."""

    table: str
    state: str  # PUBLISHED, EXPIRED or WITHDRAWN
    date: object  # decision date
    category: str
    penalty_types: tuple = ()
    permit_type: str = ""
    fine: float = 0.0  # 万元
    confiscated: float = 0.0  # 万元
    on_time: object = None  # published by the deadline; None when the publication date is unknown
    left_on: object = None  # the day an expired decision left the column
    status: str = ""  # the status that withdrew it


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
    # DecisionFacts of every decision published now or before, and of every withdrawal.
    history: list = field(default_factory=list)
    # (table key, record id, minors' names given): decisions involving a minor, published
    # with the minors' names masked; the report lists them for a manual look.
    minors_review: list = field(default_factory=list)
    profile_title: str = ""
    # The working-day calendar the gate used (checks.compliance counts withdrawal deadlines with it).
    workdays: object = field(default=None, repr=False)

    def counts(self):
        counts = {}
        for s in self.states:
            counts.setdefault(s.table, dict.fromkeys(STATES, 0))[s.state] += 1
        return counts


def _amount(record, column):
    text = record.get(column)
    return parse_number(text) if text else 0.0


def birth_date_of(id_number):
    """The birth date in an 18- or 15-digit 居民身份证号码, or None."""
    digits = "".join((id_number or "").split()).upper()
    if len(digits) == 18 and digits[:17].isdigit():
        year, rest = digits[6:10], digits[10:14]
    elif len(digits) == 15 and digits.isdigit():
        year, rest = "19" + digits[6:8], digits[8:12]
    else:
        return None
    try:
        return date(int(year), int(rest[:2]), int(rest[2:]))
    except ValueError:
        return None


def minor_names(text):
    return [name for name in re.split(r"[；;、，,\s]+", text or "") if name]


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


class Gate:
    def __init__(self, settings, as_of, workdays, url_key):
        self.settings = settings
        self.as_of = as_of
        self.workdays = workdays
        self.url_key = url_key
        self.result = GateResult(as_of, url_key=url_key)
        self._replacements = []  # (notice, 新决定文书号)
        self._changes = set()
        self._ambiguous_severity = []
        self._masked = {}  # see _mask_cell
        self._plans = {}  # see _public_columns
        self.profile = PublicityProfile.from_settings(settings)
        self.result.profile_title = self.profile.title

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
        if self._ambiguous_severity:
            rows = "、".join(str(r.row) for r in self._ambiguous_severity[:10])
            self.result.warnings.append(
                f"{schema.PENALTIES.path}：{len(self._ambiguous_severity)} 条处罚类别为“暂扣或者吊销许可证、暂扣或者吊销执照”的决定"
                f"（第 {rows} 行{'等' if len(self._ambiguous_severity) > 10 else ''}）无法判断是暂扣还是吊销，按“一般”公示；"
                "如为吊销，请在“失信程度”列填写“严重”。")
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
            # 公开日期 when the row gives it; otherwise the decision is taken as public from its
            # decision date for the gate, but no page, file or report states a publication date.
            given = record.dates.get("公开日期")
            publish = given or decided
            state, reason, until = self._decision_state(table, record, publish)
            late = self.workdays.workdays_between(due, given) if given and given > due else 0
            self.result.states.append(RecordState(
                table.key, record.id, state, reason, decided, due, given, late, until,
            ))
            self._remember(table, record, state, given, due, until)
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
                public = self._public(table, record, decided, given, until)
                public.due_date = due
                public.status_note = self._status_note(table, record)
                published.append(public)
            if record.get("涉及未成年人") == "是" and state in (PUBLISHED, SCHEDULED):
                self.result.minors_review.append((table.key, record.id, bool(record.get("未成年人姓名"))))
        published.sort(key=lambda r: (r.date, r.id), reverse=True)
        self.result.published[table.key] = published

    def _decision_state(self, table, record, publish):
        """(state, reason, last day of publicity or None) at the as-of date."""
        status = record.get("状态") or schema.STATUS_VALID
        if status in schema.WITHDRAWING_STATUSES:
            return WITHDRAWN, f"状态为“{status}”（{record.dates.get('状态变更日期')}）", None
        if self._party_is_minor(record):
            return EXCLUDED, self.settings["DISCLOSURE_MINOR_PARTY_REASON"], None
        for rule in self.settings["DISCLOSURE_EXCLUSIONS"]:
            if table.key in rule.get("tables", (table.key,)) and record.get(rule["column"]) in rule["values"]:
                return EXCLUDED, rule["reason"], None
        until = self._explicit_or_default_until(table, record, publish)
        if table is schema.PENALTIES:
            decision = self.profile.decide(record, publish)
            if not decision.published:
                return EXCLUDED, decision.reason, None
            until = decision.until
            if self.profile.ambiguous(record):
                self._ambiguous_severity.append(record)
        if publish > self.as_of:
            self._changes.add(publish)
            return SCHEDULED, f"公开日期 {publish} 尚未到", until
        ended = record.dates.get("状态变更日期") if table is schema.PENALTIES and self.profile.ends_early(record) else None
        if ended is not None:
            if ended <= self.as_of:
                return EXPIRED, f"{status}：自 {ended} 起停止公示", ended - timedelta(days=1)
            self._changes.add(ended)
            until = min(until, ended - timedelta(days=1)) if until else ended - timedelta(days=1)
        if until is not None and until < self.as_of:
            return EXPIRED, f"公示期至 {until} 已满", until
        if until is not None:
            self._changes.add(until + timedelta(days=1))
        return PUBLISHED, "", until

    def _explicit_or_default_until(self, table, record, publish):
        if "公示截止期" in record.dates:
            return record.dates["公示截止期"]
        months = self.settings["DISCLOSURE_PUBLICITY_MONTHS"].get(table.key)
        return None if months is None else add_months(publish, months) - timedelta(days=1)

    def _party_is_minor(self, record):
        """当事人为未成年人 = 是, or a natural person whose ID number shows them under age on
        the decision date (fail closed: the column may be missing or left empty)."""
        if record.get("当事人为未成年人") == "是":
            return True
        if not self._natural_person_names(record):
            return False
        born = birth_date_of(record.get("证件号码"))
        adult = self.settings["DISCLOSURE_ADULT_AGE"]
        return born is not None and record.decision_date < add_months(born, 12 * adult)

    def _status_note(self, table, record):
        """A permit that ended lawfully stays public, marked: “已注销（2026-05-01）”."""
        status = record.get("状态") or ""
        if table is schema.PERMITS:
            if status in schema.PERMIT_ENDED_STATUSES:
                word = "期满" if status == "期满" else status
                return f"已{word}（{record.dates['状态变更日期'].isoformat()}）"
            valid_until = record.dates.get("有效期至")
            if valid_until and valid_until < self.as_of:
                return f"已失效（有效期至 {valid_until.isoformat()}）"
        return ""

    def _remember(self, table, record, state, given, due, until):
        """What statistics keep of a decision that was lawfully published or was withdrawn."""
        if state not in (PUBLISHED, EXPIRED, WITHDRAWN):
            return
        kinds = tuple(split_multi(record.get("处罚类别"))) if table is schema.PENALTIES else ()
        self.result.history.append(DecisionFacts(
            table.key, state, record.decision_date,
            record.get(table.category_column) if table.category_column else table.category_label,
            kinds, record.get("许可类别") if table is schema.PERMITS else "",
            _amount(record, "罚款金额（万元）"), _amount(record, "没收违法所得、没收非法财物的金额（万元）"),
            None if given is None else given <= due,
            until + timedelta(days=1) if state == EXPIRED and until else None,
            record.get("状态") if state == WITHDRAWN else "",
        ))

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
                # Minors named in a decision (未成年人保护法 第一百零三条): masked everywhere too.
                people += minor_names(record.get("未成年人姓名"))
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

    def _mask_cell(self, text, names, matcher):
        """(masked text, names masked): mask_free_text, remembered per distinct cell. A column
        such as 处罚依据 or 违法行为类型 holds a few texts over 100,000 rows, and masking the
        same text for the same party always gives the same result."""
        if not text:
            return text, ()
        key = (text, names, matcher)
        if key not in self._masked:
            masked = []
            self._masked[key] = (mask_free_text(text, names, matcher, masked), tuple(masked))
        return self._masked[key]

    def _public_columns(self, table):
        """(column, is free text, type) of the table's public columns, worked out once per table
        (not once per record): free text is masked for everyone's names, other text for the
        record's own party only."""
        if table.key not in self._plans:
            named_columns = self._named_columns(table)
            self._plans[table.key] = [
                (column, column.free_text or (column.type == schema.TEXT and column.name not in named_columns),
                 column.type)
                for column in table.public_columns
            ]
        return self._plans[table.key]

    def _public(self, table, record, decided=None, publish=None, until=None):
        names = self._natural_person_names(record)
        values = {}
        cells = record.values
        for column, free, kind in self._public_columns(table):
            text = cells.get(column.name, "")
            if free:
                text, masked = self._mask_cell(text, names, self.names)
                if masked:
                    self.result.masked_names += [(table.key, record.id, column.name, n) for n in masked if n not in names]
            elif kind == schema.TEXT:
                text = self._mask_cell(text, names, NO_NAMES)[0]
            elif text and kind == schema.DATE:
                text = record.dates[column.name].isoformat()  # one date format in every output
            elif text and kind == schema.NUMBER:
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
