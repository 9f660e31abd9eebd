"""Atom feeds of newly published decisions (all, and one per category) and of withdrawals.
Only gated records and the gate's withdrawal notices.

Entry times are publication dates (the decision date when no publication date is recorded;
then the entry has no <published>) or withdrawal dates, at midnight Asia/Shanghai, so the same
data and as-of date give the same feed.
"""

from pathlib import Path
from xml.sax.saxutils import escape

from ..data import schema

FEED_FOLDER = "feeds"
FEED_LENGTH = 50


def _timestamp(day):
    return f"{day.isoformat()}T00:00:00+08:00"


def _entry_date(record):
    return record.publish_date or record.date


def _entry(record, base):
    link = f"{base}/{record.url}"
    summary = "；".join(
        f"{name}：{record.values[name]}" for name in record.table.summary_columns if record.values.get(name)
    )
    published = f"    <published>{_timestamp(record.publish_date)}</published>\n" if record.publish_date else ""
    return (
        "  <entry>\n"
        f"    <id>{escape(link)}</id>\n"
        f"    <title>{escape(record.title)}</title>\n"
        f'    <link rel="alternate" type="text/html" href="{escape(link)}"/>\n'
        + published +
        f"    <updated>{_timestamp(_entry_date(record))}</updated>\n"
        f"    <author><name>{escape(record.authority)}</name></author>\n"
        f"    <category term=\"{escape(record.category)}\"/>\n"
        f"    <summary>{escape(record.category)}决定，决定日期 {record.date.isoformat()}。{escape(summary)}</summary>\n"
        "  </entry>\n"
    )


def _withdrawal_entry(notice, base):
    """No party, no 文书号: what the register and the notice page say, nothing more."""
    link = f"{base}/{notice.url}"
    return (
        "  <entry>\n"
        f"    <id>{escape(link)}</id>\n"
        f"    <title>{escape(withdrawal_title(notice))}</title>\n"
        f'    <link rel="alternate" type="text/html" href="{escape(link)}"/>\n'
        f"    <updated>{_timestamp(notice.status_date)}</updated>\n"
        f"    <author><name>{escape(notice.authority)}</name></author>\n"
        f"    <summary>{escape(notice.reason or '未说明理由')}</summary>\n"
        "  </entry>\n"
    )


def withdrawal_title(notice):
    return f"一件{notice.table.title}决定因“{notice.status}”撤下（{notice.status_date.isoformat()}）"


def _feed(entries, title, relative, base, as_of):
    """entries: [(date, sort key, entry XML)], newest first after sorting."""
    newest = sorted(entries, reverse=True)[:FEED_LENGTH]
    updated = newest[0][0] if newest else as_of
    self_link = f"{base}/{relative}"
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">\n'
        f"  <id>{escape(self_link)}</id>\n"
        f"  <title>{escape(title)}</title>\n"
        f"  <updated>{_timestamp(updated)}</updated>\n"
        f'  <link rel="self" type="application/atom+xml" href="{escape(self_link)}"/>\n'
        f'  <link rel="alternate" type="text/html" href="{escape(base)}/index.html"/>\n'
        + "".join(entry for _, _, entry in newest)
        + "</feed>\n"
    )


def write_feeds(result, output_path, settings):
    """Write feeds/all.atom.xml and one feed per decision table; return [(title, relative path)]."""
    base = settings["SITE_ORIGIN"] + settings["SITEURL"]
    folder = Path(output_path) / FEED_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    agency = settings["AGENCY_NAME"]
    everything = [r for t in schema.DECISION_TABLES for r in result.published[t.key]]
    feeds = [(f"{agency}：全部执法决定", f"{FEED_FOLDER}/all.atom.xml", everything)]
    feeds += [
        (f"{agency}：{t.title}", f"{FEED_FOLDER}/{t.key}.atom.xml", result.published[t.key])
        for t in schema.DECISION_TABLES
    ]
    for title, relative, records in feeds:
        entries = [(_entry_date(r), (r.date, r.id), _entry(r, base)) for r in records]
        (Path(output_path) / relative).write_text(_feed(entries, title, relative, base, result.as_of), encoding="utf-8")
    withdrawals = (f"{agency}：撤下的执法决定", f"{FEED_FOLDER}/withdrawals.atom.xml")
    entries = [(n.status_date, (n.url,), _withdrawal_entry(n, base)) for n in result.notices]
    (Path(output_path) / withdrawals[1]).write_text(_feed(entries, *withdrawals, base, result.as_of), encoding="utf-8")
    return [(title, relative) for title, relative, _ in feeds] + [withdrawals]
