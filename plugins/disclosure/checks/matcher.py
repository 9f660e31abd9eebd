"""The leak check's matcher: every secret in one Aho–Corasick automaton, looked up in one pass per file."""

import re
from dataclasses import dataclass

import ahocorasick
import ahocorasick_rs

from .views import (
    ASCII_DROP,
    canonical,
    fast_view,
    has_trigger,
    is_specific,
    partial,
    slow_view,
    trigger_characters,
    views_of,
)

# -- the matcher ---------------------------------------------------------------------------------


# The kinds of secret, as findings name them.
NAME_KIND = "自然人全名"
REPRESENTATIVE_KIND = "未公开记录的法定代表人"
NAME_KINDS = (NAME_KIND, REPRESENTATIVE_KIND)
PARTY_KIND, PARTY_CODE_KIND = "未公开记录的当事人名称", "未公开记录的当事人代码"
ORGANISATION_KINDS = (PARTY_KIND, PARTY_CODE_KIND, REPRESENTATIVE_KIND)
ID_KIND = "证件号码"
_SECRET, _TRIGGER = 0, 1
_NUMBER_SECRET = re.compile(r"[0-9][0-9\-]{5,}[0-9Xx]")
ASCII_WORD = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")


@dataclass
class Secret:
    value: str
    kind: str
    record: str
    page: object = None  # own page, or None: everywhere

    def describe(self):
        return f"{self.kind}“{partial(self.value)}”（{self.record}）"


def _counts(key, kind, page):
    """Whether a secret is specific enough to count (see the module docstring)."""
    if kind in NAME_KINDS:
        return len(key) >= 3 or (len(key) == 2 and page is not None)
    if kind == PARTY_KIND:
        return len(key) >= 4
    return is_specific(key)


def compile_secrets(data):
    """Sort out the secrets that count, their views, and the public values around them."""
    public = {canonical(v) for v in data.public} if data.filter_public else set()
    everywhere, own, seen = {}, {}, set()
    for value, kind, record, page in data.secrets:
        value = value.strip()
        if not value or (value, page) in seen:
            continue  # the first (the validated record's) describes it
        seen.add((value, page))
        key = canonical(value)
        if data.filter_public and (key in public or not _counts(key, kind, page)):
            continue
        if page is not None and kind in NAME_KINDS and len(key) > 2:
            page = None  # a longer name counts everywhere
            if (value, None) in seen:
                continue
            seen.add((value, None))
        secret = Secret(value, kind, record, page)
        table = everywhere if page is None else own.setdefault(page, {})
        for view in views_of(value):
            table.setdefault(view.decode("latin-1"), []).append(secret)
    # Secrets that are numbers (digits, maybe X): also looked up among the numbers of a text
    # with its spaces (pattern_findings), where 11010519491231002X 13912345678 is two.
    numbers = {}
    for key, entries in everywhere.items():
        if _NUMBER_SECRET.fullmatch(key):
            numbers.setdefault(key.replace("-", "").upper().encode("ascii"), entries)
    data.everywhere, data.own, data.number_secrets = everywhere, own, numbers
    data.containers, published_in_text = _containers(data)
    # An organisation's name, code or 法定代表人 that the gate itself published in another
    # record's facts is public, in whatever file carries those facts (an XLSX cell, a search
    # index that keeps words apart): not a secret at all.
    for key in published_in_text:
        entries = [s for s in everywhere.get(key, ()) if s.kind not in ORGANISATION_KINDS]
        if entries:
            everywhere[key] = entries
        else:
            everywhere.pop(key, None)
            numbers.pop(key.replace("-", "").upper().encode("latin-1", "replace"), None)
    data.secrets = []  # all in the tables now
    return data


def _containers(data):
    """(view → the public values (views) around it that make it no leak: 田强华 for 田强 (any
    public value that is not free text); the views of organisations' names, codes or
    法定代表人 that published free text names: the gate publishes organisations in other
    records' facts (a natural person's name there is a leak))."""
    automaton = ahocorasick.Automaton()
    for key, entries in data.everywhere.items():
        # Only a name (or an organisation's code) can sit inside a longer public value; a withheld 文书号 or ID
        # number inside any published value is still a leak.
        if not any(s.kind in NAME_KINDS + ORGANISATION_KINDS for s in entries):
            continue
        automaton.add_word(key, (key, any(s.kind in ORGANISATION_KINDS for s in entries)))
    for page in data.own.values():
        for key in page:
            automaton.add_word(key, (key, False))
    if not len(automaton):
        return {}, set()
    automaton.make_automaton()
    containers, published_in_text = {}, set()
    for values, organisations_only in ((data.public, False), (data.public_text, True)):
        for value in values:
            for view in _container_views(value):
                haystack = view.decode("latin-1")
                for _end, (key, organisation) in automaton.iter(haystack):
                    if len(key) < len(haystack) and (organisation or not organisations_only):
                        containers.setdefault(key, set()).add(haystack)
                    if organisations_only and organisation:
                        published_in_text.add(key)
    return containers, published_in_text


# ASCII but digits, capitals, "-", < and > (kept as the ends of tags) and SEP: the words
# view (below) has no markup in it, so the words automaton walks far fewer bytes.
_KEPT = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-<>\x00")
MARKUP = bytes(c for c in range(0x80) if c not in _KEPT)
_WORDS_DROP = bytes(sorted(set(ASCII_DROP) | set(MARKUP)))
_CODE_RUN = re.compile(rb"[0-9]{7}")
_CODE_WORD = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-")


def words_view(raw, lines=False):
    """The fast view without ASCII letters and punctuation: what the words automaton reads."""
    return fast_view(raw, lines, _WORDS_DROP)


def _container_views(value):
    """How a public value reads in a page: its fast view (and its slow one, when the page it is
    in must go the slow way, which only a character that sends it there can cause)."""
    views = {fast_view(value.encode("utf-8"))}
    if has_trigger(value):
        views.add(slow_view(value))
    return views - {b""}


class Automaton:
    """Byte strings → values, every (overlapping) occurrence in one pass over bytes.

    ahocorasick_rs (the Rust aho-corasick crate) as a contiguous NFA: several times faster
    than pyahocorasick over the same bytes, at a fraction of the memory of a full DFA."""

    def __init__(self, table):
        self.keys = list(table)
        self.values = [table[key] for key in self.keys]
        self.automaton = ahocorasick_rs.BytesAhoCorasick(
            self.keys, implementation=ahocorasick_rs.Implementation.ContiguousNFA) if self.keys else None

    def __len__(self):
        return len(self.keys)

    def matches(self, haystack):
        """[(value, start, end)] of every occurrence, end exclusive."""
        if self.automaton is None:
            return []
        values = self.values
        return [(values[i], start, end) for i, start, end in
                self.automaton.find_matches_as_indexes(haystack, overlapping=True)]


class Book:
    """The compiled secrets, kept where they are fastest to find:

    - words (a secret with a Chinese character in it and no ASCII letter: names, 文书号):
      one Aho–Corasick automaton over the UTF-8 bytes of the words view; it also holds the
      characters that send a text down the slow path;
    - numbers (digits, maybe X): looked up among the numbers of the text (pattern_findings);
    - codes with a run of 7 digits (统一社会信用代码, 执法证号, passport numbers): looked up
      as the whole code around each such run;
    - other codes (SFGW-XK-001): a small automaton over the fast view, whole words only;
    - every one of them in one more automaton over the raw bytes of Pagefind's index;
    - per page, the two-character names that count there only.

    Keys are the secrets' views as UTF-8 bytes; everything is matched over bytes.
    """

    def __init__(self, data):
        if data.everywhere is None:
            compile_secrets(data)
        self.slugs = data.slugs
        self.public_numbers = data.public_numbers
        self.pages = data.pages
        self.theme_static = data.theme_static
        self.number_secrets = data.number_secrets
        self.own = {page: {key.encode("latin-1"): entries for key, entries in keys.items()}
                    for page, keys in data.own.items()}
        self.containers = {key.encode("latin-1"): {c.encode("latin-1") for c in containers}
                           for key, containers in data.containers.items()}
        self.word_containers = {
            key: {c.translate(None, _WORDS_DROP) for c in containers}
            for key, containers in self.containers.items()
        }
        words, index, code_words = {}, {}, {}
        self.codes = {}
        for key, entries in data.everywhere.items():
            encoded = key.encode("latin-1")
            index[encoded] = (_SECRET, entries, encoded.isascii())
            if encoded.isdigit() and len(encoded) >= 7:
                continue  # a number: pattern_findings looks it up
            if encoded != encoded.upper() and encoded.upper().decode("latin-1") in data.everywhere:
                continue  # the lower-case form is for Pagefind's index only
            if encoded.isascii() and _CODE_RUN.search(encoded):
                self.codes.setdefault(encoded.upper(), entries)
            elif encoded.translate(None, MARKUP) == encoded:
                # In the words view; a code (ASCII only) must be a whole word there.
                words[encoded] = (_SECRET, entries, encoded.isascii())
            else:
                code_words[encoded] = (_SECRET, entries, encoded.isascii())  # lower case or punctuation
        for char in trigger_characters():
            words.setdefault(char.encode("utf-8"), (_TRIGGER, None, False))
        self.words = Automaton(words)
        self.index = Automaton(index)
        self.code_words = Automaton(code_words) if code_words else None
        self.size = len(data.everywhere) + sum(map(len, self.own.values()))

    def match_words(self, haystack, page):
        """(secrets found, triggered) in a words view (bytes)."""
        found, triggered = {}, False
        for (role, entries, ascii_word), start, end in self.words.matches(haystack):
            if role == _TRIGGER:
                triggered = True
                continue
            if ascii_word and (
                (start > 0 and haystack[start - 1] in _CODE_WORD)
                or (end < len(haystack) and haystack[end] in _CODE_WORD)
            ):
                continue
            key = haystack[start:end]
            if key not in found and not self._shielded(haystack, key, start, self.word_containers):
                found[key] = entries
        for key, entries in self.own.get(page, {}).items():
            start = haystack.find(key)
            while start != -1 and key not in found:
                if not self._shielded(haystack, key, start, self.word_containers):
                    found[key] = entries
                start = haystack.find(key, start + 1)
        return found, triggered

    def match_codes(self, haystack, found):
        """Other codes, whole words only, in a fast view (bytes)."""
        if self.code_words is not None:
            self._match(self.code_words, haystack, found, whole_words=True)

    def match_index(self, haystack):
        """Every secret in the raw bytes of a binary file (Pagefind's index)."""
        found = {}
        self._match(self.index, haystack, found, whole_words=False)
        return found

    def _match(self, automaton, haystack, found, whole_words):
        for (_role, entries, ascii_word), start, end in automaton.matches(haystack):
            if whole_words and ascii_word and (
                (start > 0 and haystack[start - 1] in ASCII_WORD)
                or (end < len(haystack) and haystack[end] in ASCII_WORD)
            ):
                continue
            key = haystack[start:end]
            if key not in found and not self._shielded(haystack, key, start, self.containers):
                found[key] = entries

    @staticmethod
    def _shielded(haystack, key, start, containers):
        for container in containers.get(key, ()):
            offset = container.find(key)
            while offset != -1:
                if haystack.startswith(container, start - offset):
                    return True
                offset = container.find(key, offset + 1)
        return False
