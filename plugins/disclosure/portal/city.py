"""The example city: three agencies written by the synthetic generator, each with its own
name, 文书号 prefix, credit code, certificate numbers and seed, ready to build.

    PYTHONPATH=plugins python -m disclosure.portal.city city --decisions 300

writes city/agencies/<slug>/data/ (the agency's CSV files), city/agencies/<slug>/agencyconf.py
(its settings: the normal publishconf.py with its own name, data, reports and search
cache, served under /<slug>) and city/agencies.json (the portal's list: each agency's
published folder city/www/<slug> and its URL). `make city` then builds every agency
with the normal build command, in parallel, and the portal over them.
"""

import argparse
import json
from pathlib import Path

from ..testing import synthetic

ROOT = Path(__file__).resolve().parents[3]

# slug, name, 文书号 prefix, certificate prefix, organisation code body, seed
EXAMPLE_AGENCIES = (
    ("fgw", "示例市发展和改革委员会", "示发改", "SL", "00812345", 2026),
    ("scjg", "示例市市场监督管理局", "示市监", "SJ", "00812352", 2027),
    ("sthj", "示例市生态环境局", "示环", "HJ", "00812369", 2028),
)
GENERATED_PREFIX = "示发改"
GENERATED_CERTIFICATES = "SL9901"


def _rename(data_dir, name, prefix, certificates, uscc):
    """The generator writes one agency; turn its name, codes and numbers into this agency's."""
    replacements = ((synthetic.AGENCY, name), (synthetic.AGENCY_USCC, uscc), (GENERATED_PREFIX, prefix),
                    (GENERATED_CERTIFICATES, certificates + GENERATED_CERTIFICATES[2:]))
    for path in sorted(Path(data_dir).rglob("*.csv")):
        text = path.read_text(encoding="utf-8-sig")
        for old, new in replacements:
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8-sig")


def settings_text(slug, name, folder):
    return (
        f'"""Settings of the example agency {slug} ({name}): publishconf.py with its own name and folders."""\n\n'
        "import os\nimport sys\n\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from publishconf import *  # noqa: E402,F401,F403\n\n"
        f"AGENCY_NAME = SITE_SPONSOR = {name!r}\n"
        f"SITENAME = {name + ' 行政执法公示专栏'!r}\n"
        f"SITE_ORIGIN = 'https://{slug}.example.gov.cn'\n"
        f"SITEURL = os.environ.get('DISCLOSURE_SITEURL', '/{slug}').rstrip('/')\n"
        f"PATH = {str(ROOT / 'content')!r}\n"
        f"THEME = {str(ROOT / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
        f"DISCLOSURE_DATA_DIR = {str(folder / 'data')!r}\n"
        f"DISCLOSURE_REPORT_DIR = {str(folder / 'reports')!r}\n"
        f"DISCLOSURE_SEARCH_CACHE = {str(folder / '.cache' / 'search')!r}\n"
    )


def write_agency(folder, slug, name, prefix, certificates, body, seed, decisions):
    folder = Path(folder).resolve()
    synthetic.write_dataset(folder / "data", n_decisions=decisions, seed=seed)
    _rename(folder / "data", name, prefix, certificates, synthetic.make_uscc("11", synthetic.CITY_CODE, body))
    (folder / "agencyconf.py").write_text(settings_text(slug, name, folder), encoding="utf-8")
    return folder


def write_city(city, decisions, agencies=EXAMPLE_AGENCIES):
    """Every example agency's data and settings under city/agencies/, and city/agencies.json."""
    city = Path(city).resolve()
    listing = []
    for slug, name, prefix, certificates, body, seed in agencies:
        write_agency(city / "agencies" / slug, slug, name, prefix, certificates, body, seed, decisions)
        listing.append({"slug": slug, "name": name, "output": str(city / "www" / slug), "url": f"/{slug}"})
    (city / "agencies.json").write_text(json.dumps(listing, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return listing


def main(argv=None):
    parser = argparse.ArgumentParser(description="生成示例城市：三个示例机关的数据和设置。")
    parser.add_argument("city", type=Path, help="示例城市目录，如 city")
    parser.add_argument("--decisions", type=int, default=300, help="每个机关的执法决定数（默认 300）")
    args = parser.parse_args(argv)
    for entry in write_city(args.city, args.decisions):
        print(f"{entry['name']}：{args.city}/agencies/{entry['slug']}/")


if __name__ == "__main__":
    main()
