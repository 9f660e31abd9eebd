"""The example agency's site, built for real: every page type, links, meta, no outside hosts."""

import re

from disclosure.data import schema
from disclosure.rules.gate import PUBLIC_URL_KEY, record_slug
from disclosure.testing.synthetic import LANDMARKS

from site_files import html_files

HREF = re.compile(r'(?:href|src)="([^"]*)"')


def landmark_url(key):
    landmark = LANDMARKS[key]
    table = schema.TABLES_BY_KEY[landmark["table"]]
    return f"{table.key}/{record_slug(table, landmark['id'], PUBLIC_URL_KEY)}.html"


def test_every_page_type_exists(example_site):
    expected = [
        "index.html", "search.html", "verify.html", "officers.html", "404.html", "sitemap.xml",
        "penalties/index.html", "penalties/page-2.html", "permits/index.html", "others/index.html",
        "lists/matters.html", "lists/random_checks.html", "lists/av_records.html",
        "lists/legal_review_catalog.html", "guides/index.html", "flowcharts/index.html",
        "guides/qiye-touzi-xiangmu-hezhun.html", "flowcharts/xingzheng-xuke-liucheng.html",
        "pages/zhifa-zhuti.html", "pages/jiandu-jiuji.html", "pages/fazhi-shenhe-banfa.html",
        "data/index.html", "data/penalties.csv", "pagefind/pagefind.js",
        landmark_url("penalty_published"), landmark_url("permit_published"), landmark_url("other_published"),
    ]
    missing = [p for p in expected if not (example_site / p).is_file()]
    assert missing == []


def test_home_is_the_column_in_three_parts(example_site):
    home = (example_site / "index.html").read_text(encoding="utf-8")
    positions = [home.index(f">{part}</h2>") for part in ("事前公开", "事中公示", "事后公开")]
    assert positions == sorted(positions)
    for label in ("执法主体", "执法人员", "执法事项清单", "随机抽查事项清单", "服务指南", "流程图",
                  "监督方式和救济渠道", "执法证件核验", "音像记录事项清单", "行政处罚", "行政许可", "其他执法决定"):
        assert f">{label}</a>" in home, label


def test_every_internal_link_and_asset_resolves(example_site):
    broken = []
    for page in html_files(example_site):
        for target in HREF.findall(page.read_text(encoding="utf-8")):
            if target.startswith(("http://", "https://", "#", "mailto:", "tel:")) or not target:
                continue
            path = target.split("#")[0].split("?")[0]
            resolved = example_site / path.lstrip("/") if path.startswith("/") else page.parent / path
            if path and not resolved.exists():
                broken.append(f"{page.relative_to(example_site)} → {target}")
    assert broken == []


def test_nothing_loads_from_another_host(example_site):
    offenders = []
    resource = re.compile(r'<(?:script|img|link|iframe|source|video|audio)\b[^>]*(?:src|href)="(?:https?:)?//', re.I)
    for page in html_files(example_site):
        if resource.search(page.read_text(encoding="utf-8")):
            offenders.append(str(page.relative_to(example_site)))
    for sheet in example_site.rglob("*.css"):
        if re.search(r"url\(\s*['\"]?(?:https?:)?//|@import", sheet.read_text(encoding="utf-8")):
            offenders.append(str(sheet.relative_to(example_site)))
    assert offenders == []


def test_pages_are_chinese_and_carry_government_site_meta(example_site):
    for page in html_files(example_site):
        text = page.read_text(encoding="utf-8")
        assert '<html lang="zh-CN">' in text, page
        for name in ("SiteName", "SiteDomain", "SiteIDCode", "ColumnName"):
            assert f'<meta name="{name}"' in text, (page, name)
    decision = (example_site / landmark_url("penalty_published")).read_text(encoding="utf-8")
    for name in ("ArticleTitle", "PubDate", "ContentSource"):
        assert f'<meta name="{name}"' in decision
    footer = (example_site / "index.html").read_text(encoding="utf-8")
    for text in ("主办单位", "网站标识码", "ICP备", "公网安备"):
        assert text in footer


def test_decision_urls_are_stable_ascii_without_the_party(example_site):
    for table in schema.DECISION_TABLES:
        for page in (example_site / table.key).glob("*.html"):
            assert re.fullmatch(r"[a-z0-9-]+\.html", page.name), page.name
    url = landmark_url("penalty_published")
    assert "华清" not in url
    page = (example_site / url).read_text(encoding="utf-8")
    assert "示发改罚〔2026〕8号" in page and "示例市华清能源科技有限公司" in page


def test_decision_lists_are_paginated_newest_first(example_site):
    dates = []
    page, number = example_site / "permits" / "index.html", 1
    while page.exists():
        text = page.read_text(encoding="utf-8")
        dates += re.findall(r'<td data-label="决定日期"><time datetime="([\d-]+)">', text)
        number += 1
        page = example_site / "permits" / f"page-{number}.html"
    assert number > 3
    assert dates == sorted(dates, reverse=True)
    published_pages = [p for p in (example_site / "permits").glob("*.html")
                       if p.name != "index.html" and not p.name.startswith("page-")
                       and "本条行政许可信息已撤下" not in p.read_text(encoding="utf-8")]
    assert len(dates) == len(published_pages)


def test_guides_link_to_their_matter_and_flowchart_and_back(example_site):
    guide = (example_site / "guides/qiye-touzi-xiangmu-hezhun.html").read_text(encoding="utf-8")
    assert "lists/matters.html#item-SFGW-XK-001" in guide
    assert "flowcharts/xingzheng-xuke-liucheng.html" in guide
    matters = (example_site / "lists/matters.html").read_text(encoding="utf-8")
    assert 'id="item-SFGW-XK-001"' in matters and "guides/qiye-touzi-xiangmu-hezhun.html" in matters


def test_certificate_check_lists_only_officers_on_duty(example_site):
    page = (example_site / "verify.html").read_text(encoding="utf-8")
    assert LANDMARKS["officer_valid"]["id"] in page and "李建国" in page
    assert LANDMARKS["officer_expired"]["id"] not in page
    assert LANDMARKS["officer_transferred"]["id"] not in page
    assert "verify.js" in page and '<form id="verify-form"' in page


def test_sitemap_lists_published_pages_only(example_site):
    sitemap = (example_site / "sitemap.xml").read_text(encoding="utf-8")
    assert landmark_url("penalty_published") in sitemap
    assert landmark_url("penalty_revoked") not in sitemap
    assert "guides/jieneng-shencha.html" in sitemap


def test_data_downloads_have_a_bom_and_only_published_rows(example_site):
    import pandas as pd

    raw = (example_site / "data/penalties.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(example_site / "data/penalties.csv", dtype=str, keep_default_na=False)
    ids = set(frame["行政处罚决定书文号"])
    assert LANDMARKS["penalty_published"]["id"] in ids
    assert LANDMARKS["penalty_revoked"]["id"] not in ids
    assert "证件号码" not in frame.columns and "法定代表人证件号码" not in frame.columns


def test_build_writes_nothing_outside_its_output_folder(example_site):
    from conftest import ROOT

    assert not (ROOT / "pagefind").exists()
    assert (example_site / "pagefind" / "pagefind-entry.json").is_file()


def test_document_samples_are_listed_with_type_size_and_date(example_site):
    page = (example_site / "documents" / "index.html").read_text(encoding="utf-8")
    for name in ("行政处罚决定书（样本）", "准予行政许可决定书（样本）", "现场检查笔录（样本）"):
        assert name in page
    assert page.count('<td data-label="类型">Word</td>') == 3 and "2025年3月1日" in page
    assert (example_site / "documents" / "xingzheng-chufa-jueding-shu.docx").is_file()


def test_document_index_naming_a_missing_file_is_an_error(tmp_path):
    from disclosure.content.documents import list_documents

    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "目录.csv").write_text("文件,名称,日期,说明\nnone.pdf,样本,2025-01-01,\n", encoding="utf-8")
    documents, problems = list_documents(tmp_path)
    assert documents == [] and "content/documents/目录.csv 第2行“文件”列" in str(problems[0])


def test_pages_work_under_the_sample_content_security_policy(example_site):
    """deploy/nginx.conf allows scripts and styles from the site's own files only."""
    offenders = []
    for page in html_files(example_site):
        text = page.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(r"\sstyle=\"", text) or re.search(r"\son[a-z]+=\"", text):
            offenders.append(str(page.relative_to(example_site)))
    assert offenders == []


def test_flowcharts_link_back_to_the_guides_that_use_them(example_site):
    flowchart = (example_site / "flowcharts/xingzheng-xuke-liucheng.html").read_text(encoding="utf-8")
    for guide in ("qiye-touzi-xiangmu-hezhun", "jieneng-shencha", "kexingxing-yanjiu-baogao-shenpi"):
        assert f"guides/{guide}.html" in flowchart
    assert "guides/jieneng-weifa-chufa.html" not in flowchart
