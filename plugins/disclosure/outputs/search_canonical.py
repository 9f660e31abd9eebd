"""Make Pagefind's bundle byte-identical across builds of the same pages.

Pagefind 1.5 writes each filter's values in hash-map order, which changes from
run to run, and with them the filter files' names, the metadata file that
lists them and the entry file (upstream: Pagefind issue #638, "other files will
still change, such as the filter/metadata indexes"). Fragments and word
indexes are already stable. Here the filter values and the filter list are
sorted, and the three kinds of files re-encoded and renamed by their content.
"""

import gzip
import hashlib
import json
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"


def _read(path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{path} is not a Pagefind data file")
    return cbor2.loads(raw[len(SIGNATURE):])


def _encode(value):
    # mtime=0: gzip headers carry no clock.
    return gzip.compress(SIGNATURE + cbor2.dumps(value), compresslevel=9, mtime=0)


def _content_name(language, data, length):
    return f"{language}_{hashlib.sha256(data).hexdigest()[:length]}"


def canonicalise_bundle(bundle):
    """Rewrite the bundle in place; return {filter name: {value: page count}}."""
    bundle = Path(bundle)
    counts = {}
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = []
        for name, file_hash in meta[3]:
            old = bundle / "filter" / f"{file_hash}.pf_filter"
            content = _read(old)
            content[1].sort(key=lambda chunk: chunk[0])
            counts[name] = {value: len(pages) for value, pages in content[1]}
            data = _encode(content)
            new_hash = _content_name(language, data, 7)
            old.unlink()
            (bundle / "filter" / f"{new_hash}.pf_filter").write_bytes(data)
            filters.append([name, new_hash])
        meta[3] = sorted(filters)
        data = _encode(meta)
        info["hash"] = _content_name(language, data, 13)
        meta_path.unlink()
        (bundle / f"pagefind.{info['hash']}.pf_meta").write_bytes(data)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return counts
