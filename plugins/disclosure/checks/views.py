"""The leak check's matching view of text and of secret values (see checks/scanner.py, Normalisation)."""

import re

from ..rules.masking import normalize

# -- the matching view ---------------------------------------------------------------------------

SEP = b"\x00"  # between CSV lines and document paragraphs: never part of a match
ASCII_DROP = b" \t\r\n\x0b\x0c()[]"
IDEOGRAPHIC_SPACE = "\u3000".encode("utf-8")  # in every page's footer
ZERO_WIDTH_SPACE = "\u200b".encode("utf-8")  # Pagefind's, between the words of a fragment
UTF8_BOM = "\ufeff".encode("utf-8")
_OPENING, _CLOSING = "(（[［【〔〖", ")）]］】〕〗"
_BRACKET_RE = re.compile("[" + re.escape(_OPENING + _CLOSING) + "]")
_BRACKET_PAIR = re.compile("[" + re.escape(_OPENING) + "]([^" + re.escape(_CLOSING) + "]*)[" + re.escape(_CLOSING) + "]")
# Styles a bracketed part of a secret is also looked for in on the fast path: ASCII brackets
# are removed from the fast view, 〔〕 and （） are kept; the rarer ones send a text down
# the slow path, which removes every bracket.
_BRACKET_STYLES = (("", ""), ("〔", "〕"), ("（", "）"))
# Full-width punctuation is everywhere in Chinese text; normalize maps it to ASCII, but no
# secret depends on it, so it does not send a text down the slow path.
_FULLWIDTH_PUNCTUATION = {*range(0xFF01, 0xFF10), *range(0xFF1A, 0xFF21), *range(0xFF3B, 0xFF41),
                          *range(0xFF5B, 0xFF5F)} - {0xFF0B, 0xFF0D, 0xFF3B, 0xFF3D}  # ＋－［］ stay rare
JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def fast_view(raw, lines=False, drop=ASCII_DROP):
    """The view of UTF-8 bytes that hold no character that sends a text down the slow path;
    drop: the ASCII bytes it leaves out."""
    if lines:
        raw = raw.replace(b"\n", SEP)
    parts = raw.translate(None, drop).split(IDEOGRAPHIC_SPACE)  # one pass, when there is none
    return b"".join(parts) if len(parts) > 1 else parts[0]


def slow_view(text, lines=False):
    """The view of any text, through rules.masking.normalize: no spaces, no brackets."""
    if lines:
        text = text.replace("\n", "\x00")
    text = "".join(normalize(text).split())
    return _BRACKET_RE.sub("", text).encode("utf-8", "replace")


def views_of(value):
    """The forms a secret or public value is looked for in: the slow path's view, the fast
    path's in each bracket style, and all in lower case too (Pagefind's index is)."""
    if not needs_slow(value):
        views = {value.encode("utf-8")}  # both paths leave it as it is
    else:
        views = {slow_view(value)}
        if _BRACKET_PAIR.search(value):
            for opening, closing in _BRACKET_STYLES:
                styled = _BRACKET_PAIR.sub(lambda m, o=opening, c=closing: o + m.group(1) + c, value)
                views.add(fast_view(styled.encode("utf-8")))
        else:
            views.add(fast_view(value.encode("utf-8")))
    return (views | {v.lower() for v in views}) - {b""}


def canonical(value):
    """The form values are compared in (a secret that is also a public value is none)."""
    return slow_view(value).decode("utf-8") if needs_slow(value) else value


_NEEDS_SLOW = None
_TRIGGER_RE = None


def _compile_slow_patterns():
    global _NEEDS_SLOW, _TRIGGER_RE
    if _NEEDS_SLOW is None:
        triggers = set(map(ord, trigger_characters()))
        _TRIGGER_RE = re.compile("[" + _character_class(triggers) + "]")
        body = _character_class(triggers | _FULLWIDTH_PUNCTUATION | set(map(ord, _OPENING + _CLOSING)))
        _NEEDS_SLOW = re.compile(r"[\s\x00-\x1f\x85\u3000" + body + "]")


def needs_slow(value):
    """Whether a value holds anything a view changes: spaces, brackets, characters that
    normalize changes (full-width punctuation included)."""
    _compile_slow_patterns()
    return _NEEDS_SLOW.search(value) is not None


def has_trigger(value):
    """Whether a value holds a character that sends a whole text through `normalize`."""
    _compile_slow_patterns()
    return _TRIGGER_RE.search(value) is not None


def _character_class(codes):
    codes = sorted(codes)
    ranges, first, last = [], codes[0], codes[0]
    for code in codes[1:]:
        if code == last + 1:
            last = code
            continue
        ranges.append((first, last))
        first = last = code
    ranges.append((first, last))
    return "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges)


_TRIGGERS = None


def trigger_characters():
    """Characters that send a text through `normalize`: those it changes, but for the
    ideographic space (removed the same way on both paths) and full-width punctuation
    (frequent, and in no secret); plus the rarer brackets."""
    global _TRIGGERS
    if _TRIGGERS is None:
        codes = [c for c in range(0x80, 0x110000) if not 0xD800 <= c <= 0xDFFF]
        chars = "".join(map(chr, codes))
        folded = normalize(chars)
        if len(folded) == len(chars):
            changed = {c for c, f in zip(chars, folded) if c != f}
        else:  # a normaliser that changes lengths: ask one character at a time
            changed = {c for c in chars if normalize(c) != c}
        changed.discard("\u3000")
        changed = {c for c in changed if ord(c) not in _FULLWIDTH_PUNCTUATION}
        _TRIGGERS = frozenset(changed | set("［］【】〖〗"))
    return _TRIGGERS


def partial(value):
    """Enough of a secret to find it in the data, not enough to read it: 示发改*********号."""
    value = str(value)
    n = len(value)
    if n <= 1:
        return "*"
    if n <= 4:
        return value[0] + "*" * (n - 1)
    keep = n // 4
    return value[:keep] + "*" * (n - keep - 1) + value[-1]


def is_specific(value):
    """An identifier that means something alone: ≥ 6 characters with ≥ 8 digits or ≥ 2 letters."""
    if len(value) < 6:
        return False
    return sum(map(str.isdigit, value)) >= 8 or sum(map(str.isalpha, value)) >= 2


