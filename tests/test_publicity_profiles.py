"""The law of each agency (issue 15): publicity profiles, 信用修复, permits that end lawfully,
minors, statistics that keep history, the public withdrawal register, no invented dates.

Cases are official ones: a 警告-only market-regulation penalty is never published (45号令
第二条第二款); a 一般 penalty under the credit rules leaves one year after its decision date;
a 严重 one is still public at two years.
"""

import csv
import io
import json
from datetime import date, timedelta

import pytest
from pelican.settings import read_settings

from conftest import ROOT, assert_built, build_site
from disclosure import pipeline
from disclosure.data import schema
from disclosure.data.problems import DisclosureDataError
from disclosure.rules.gate import EXCLUDED, EXPIRED, PUBLIC_URL_KEY, PUBLISHED, WITHDRAWN, record_slug
from disclosure.testing.synthetic import make_id_number, write_dataset
from site_files import site_texts

DECIDED = date(2025, 3, 10)


def read_rows(path):
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    return rows[0], rows[1:]


def write_rows(path, header, rows):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows([header] + rows)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")


def add_rows(data, table, changes):
    """Append copies of the file's first row of a company (or of a natural person when the change
    asks for one), each updated with one dict of changes; return the new rows' ids."""
    header, rows = read_rows(data / table.path)
    col = {name: i for i, name in enumerate(header)}
    ids = []
    for n, change in enumerate(changes):
        wanted = change.get(table.party_type_column, "法人及非法人组织")
        template = next(r for r in rows if r[col[table.party_type_column]] == wanted)
        row = list(template)
        for name in ("状态", "状态变更日期", "状态说明", "新决定文书号", "公示截止期", "失信程度", "当事人为未成年人",
                     "涉及未成年人", "未成年人姓名"):
            if name in col:
                row[col[name]] = ""
        row[col["程序类型"]] = "普通"
        row[col[table.id_column]] = f"测试〔2025〕{900 + n}号"
        row[col[table.date_column]] = DECIDED.isoformat()
        row[col["公开日期"]] = (DECIDED + timedelta(days=2)).isoformat()
        if table is schema.PENALTIES:
            # 处罚内容 agrees with the amount (a disagreement is an input error).
            fine = change.get("罚款金额（万元）", "0")
            row[col["罚款金额（万元）"]] = fine
            row[col["处罚内容"]] = f"处罚款人民币{round(float(fine) * 10000)}元。" if float(fine) else "予以警告。"
        for name, value in change.items():
            row[col[name]] = value.isoformat() if isinstance(value, date) else value
        rows.append(row)
        ids.append(row[col[table.id_column]])
    write_rows(data / table.path, header, rows)
    return ids


def settings_for(profile="credit", **overrides):
    settings = read_settings(str(ROOT / "publishconf.py"))
    settings["DISCLOSURE_PUBLICITY_PROFILE"] = profile
    settings.update(overrides)
    return settings


def states(settings, data, as_of, table=schema.PENALTIES):
    result = pipeline.run(settings, data, as_of)
    return {s.id: s for s in result.states if s.table == table.key}, result


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    write_dataset(folder, n_decisions=24, seed=7)
    return folder


# -- profiles ------------------------------------------------------------------------

def test_a_warning_only_penalty_of_a_market_regulator_is_never_published(data):
    warning, simple, low_fine = add_rows(data, schema.PENALTIES, [
        {"处罚类别": "警告", "罚款金额（万元）": "0"},
        {"处罚类别": "罚款", "罚款金额（万元）": "10", "程序类型": "简易"},
        {"处罚类别": "警告；罚款", "罚款金额（万元）": "0.2"},
    ])
    found, _ = states(settings_for("samr45"), data, DECIDED + timedelta(days=30))
    assert found[warning].state == EXCLUDED and "仅受到警告" in found[warning].reason
    assert found[simple].state == EXCLUDED and "简易程序" in found[simple].reason
    # 通报批评 or a low fine: 3 months from the publication date (第十三条).
    assert found[low_fine].state == PUBLISHED
    assert found[low_fine].public_until == date(2025, 6, 11)  # 3 months from the publication date, 2025-03-12


def test_low_fine_threshold_excludes_the_figure_itself_and_depends_on_the_party(data):
    at, below, person_below = add_rows(data, schema.PENALTIES, [
        {"处罚类别": "罚款", "罚款金额（万元）": "5"},  # 50,000 元 = the 法人 threshold: not 较低数额
        {"处罚类别": "罚款", "罚款金额（万元）": "4.99"},
        {"处罚类别": "罚款", "罚款金额（万元）": "0.49", "行政相对人类别": "自然人"},
    ])
    found, _ = states(settings_for("samr45"), data, DECIDED + timedelta(days=200))
    assert found[at].public_until == date(2028, 3, 11)  # 3 years from publication (2025-03-12)
    assert found[below].state == EXPIRED and found[below].public_until == date(2025, 6, 11)
    assert found[person_below].state == EXPIRED


def test_credit_periods_count_from_the_decision_date(data):
    general, severe, minor = add_rows(data, schema.PENALTIES, [
        {"处罚类别": "罚款；没收违法所得", "罚款金额（万元）": "20"},
        {"处罚类别": "罚款；吊销许可证件", "罚款金额（万元）": "20"},
        {"处罚类别": "通报批评"},
    ])
    settings = settings_for("credit")
    day_before_a_year, _ = states(settings, data, date(2026, 3, 9))
    assert day_before_a_year[general].state == PUBLISHED
    a_year, _ = states(settings, data, date(2026, 3, 10))
    assert a_year[general].state == EXPIRED and a_year[general].public_until == date(2026, 3, 9)
    two_years, _ = states(settings, data, date(2027, 3, 10))
    assert two_years[severe].state == PUBLISHED and two_years[severe].public_until == date(2028, 3, 9)
    assert two_years[minor].state == EXCLUDED and "轻微" in two_years[minor].reason


def test_the_row_can_state_the_class(data):
    stated, ambiguous = add_rows(data, schema.PENALTIES, [
        {"处罚类别": "罚款", "罚款金额（万元）": "20", "失信程度": "严重"},
        {"处罚类别": "暂扣或者吊销许可证、暂扣或者吊销执照"},
    ])
    found, result = states(settings_for("credit"), data, date(2027, 1, 1))
    assert found[stated].state == PUBLISHED and found[stated].public_until == date(2028, 3, 9)
    assert found[ambiguous].state == EXPIRED  # 一般: one year
    assert any("失信程度" in w and "暂扣或者吊销" in w for w in result.warnings)


def test_samr45_restriction_longer_than_three_years_is_public_until_it_ends(data):
    (restricted,) = add_rows(data, schema.PENALTIES, [
        {"处罚类别": "限制从业", "处罚有效期": date(2030, 3, 9)},
    ])
    found, _ = states(settings_for("samr45"), data, date(2029, 1, 1))
    assert found[restricted].state == PUBLISHED and found[restricted].public_until == date(2030, 3, 9)


def test_an_unknown_or_incomplete_profile_is_an_error_naming_the_setting(data):
    with pytest.raises(DisclosureDataError) as error:
        pipeline.run(settings_for("provincial"), data, DECIDED)
    assert "pelicanconf.py" in error.value.report() and "provincial" in error.value.report()
    settings = settings_for("custom")
    broken = dict(settings["DISCLOSURE_PUBLICITY_PROFILES"]["credit"], severe_types=("吊销执照",))
    del broken["class_citations"]
    settings["DISCLOSURE_PUBLICITY_PROFILES"] = {**settings["DISCLOSURE_PUBLICITY_PROFILES"], "custom": broken}
    with pytest.raises(DisclosureDataError) as error:
        pipeline.run(settings, data, DECIDED)
    assert "class_citations" in error.value.report()


def test_credit_repair_ends_publicity_on_its_date_without_a_notice(data, tmp_path):
    (repaired,) = add_rows(data, schema.PENALTIES, [
        {"处罚类别": "罚款；没收违法所得", "罚款金额（万元）": "20", "状态": "信用修复", "状态变更日期": date(2025, 8, 1)},
    ])
    before, _ = states(settings_for(), data, date(2025, 7, 31))
    assert before[repaired].state == PUBLISHED
    after, _ = states(settings_for(), data, date(2025, 8, 1))
    assert after[repaired].state == EXPIRED and "信用修复" in after[repaired].reason
    output = tmp_path / "site"
    assert_built(build_site(output, data, as_of="2025-08-01"))
    slug = record_slug(schema.PENALTIES, repaired, PUBLIC_URL_KEY)
    assert not (output / "penalties" / f"{slug}.html").exists()
    assert [name for name, text in site_texts(output).items() if repaired in text or slug in text] == []


# -- permits ------------------------------------------------------------------------

def test_a_cancelled_permit_stays_public_marked_and_a_revoked_one_is_withdrawn(data, tmp_path):
    cancelled, revoked = add_rows(data, schema.PERMITS, [
        {"状态": "注销", "状态变更日期": date(2025, 9, 1)},
        {"状态": "撤销", "状态变更日期": date(2025, 9, 1), "状态说明": "申请人以欺骗手段取得许可，依法撤销。"},
    ])
    output = tmp_path / "site"
    assert_built(build_site(output, data, as_of="2025-10-01"))
    page = (output / "permits" / f"{record_slug(schema.PERMITS, cancelled, PUBLIC_URL_KEY)}.html").read_text(encoding="utf-8")
    assert cancelled in page and "已注销（2025-09-01）" in page
    notice = (output / "permits" / f"{record_slug(schema.PERMITS, revoked, PUBLIC_URL_KEY)}.html").read_text(encoding="utf-8")
    assert revoked not in notice and "撤销" in notice
    found, _ = states(settings_for(), data, date(2025, 10, 1), schema.PERMITS)
    assert found[cancelled].state == PUBLISHED and found[revoked].state == WITHDRAWN


# -- minors -------------------------------------------------------------------------

def test_a_minor_party_is_withheld_and_a_decision_involving_a_minor_is_published_masked(data, tmp_path):
    minor_id = make_id_number("990101", date(2010, 3, 15), 1)  # 15 at the decision
    party, by_id, involving = add_rows(data, schema.PENALTIES, [
        {"处罚类别": "罚款", "罚款金额（万元）": "20", "当事人为未成年人": "是"},
        {"处罚类别": "罚款", "罚款金额（万元）": "20", "行政相对人类别": "自然人", "行政相对人名称": "司马小川",
         "证件号码": minor_id},
        {"处罚类别": "罚款", "罚款金额（万元）": "20", "涉及未成年人": "是", "未成年人姓名": "诸葛晓明",
         "违法事实": "经查，当事人经营的网吧于营业时间接纳未成年人诸葛晓明进入上网。"},
    ])
    # The minor's name in another record's free text is masked too.
    (other,) = add_rows(data, schema.OTHERS, [{"执法结论": "经检查，已对诸葛晓明的监护人进行告知。"}])
    output = tmp_path / "site"
    assert_built(build_site(output, data, as_of="2025-04-01"))
    found, result = states(settings_for(), data, date(2025, 4, 1))
    assert found[party].state == EXCLUDED and found[by_id].state == EXCLUDED
    assert found[involving].state == PUBLISHED
    texts = site_texts(output)
    page = texts[f"penalties/{record_slug(schema.PENALTIES, involving, PUBLIC_URL_KEY)}.html"]
    assert "接纳未成年人诸葛某某进入上网" in page
    assert [name for name, text in texts.items() if "诸葛晓明" in text or "司马小川" in text] == []
    assert (schema.PENALTIES.key, involving, True) in result.minors_review
    report = json.loads((tmp_path / "reports" / "compliance.json").read_text(encoding="utf-8"))
    assert involving in json.dumps(report, ensure_ascii=False)


# -- statistics, register, dates -----------------------------------------------------

def statistics_of(output, year):
    html = (output / "statistics" / f"{year}.html").read_text(encoding="utf-8")
    start = html.index("<main")
    return html[start:html.index("</main>")].replace("生成日期 ", "").split("（生成日期")[0], html


def figures(html):
    """The figures block and every table of a year's statistics page, without the as-of date."""
    import re

    body = html[html.index('<dl class="figures">'):html.index("</main>")]
    return re.sub(r"\d{4}-\d{2}-\d{2}", "", body)


def test_a_past_years_statistics_do_not_change_when_its_decisions_expire(data, tmp_path):
    add_rows(data, schema.PENALTIES, [{"处罚类别": "罚款；没收违法所得", "罚款金额（万元）": "20"}])
    early, late = tmp_path / "early", tmp_path / "late"
    assert_built(build_site(early, data, as_of="2026-11-22"))
    assert_built(build_site(late, data, as_of="2029-06-01"))
    found, _ = states(settings_for(), data, date(2029, 6, 1))
    assert all(s.state != PUBLISHED for s in found.values() if s.decision_date.year == 2025)
    early_html = (early / "statistics" / "2025.html").read_text(encoding="utf-8")
    late_html = (late / "statistics" / "2025.html").read_text(encoding="utf-8")
    assert figures(early_html).split('id="left-heading"')[0] == figures(late_html).split('id="left-heading"')[0]
    assert "20.00 万元" in early_html or "罚款金额" in early_html


def test_the_withdrawal_register_lists_every_withdrawal_without_party_or_number(data, tmp_path):
    header, rows = read_rows(data / schema.PENALTIES.path)
    col = {name: i for i, name in enumerate(header)}
    revoked = next(r for r in rows if r[col["行政相对人类别"]] == "法人及非法人组织")
    revoked[col["状态"]], revoked[col["状态变更日期"]] = "撤销", "2026-10-01"
    revoked[col["状态说明"]] = f"经行政复议，{revoked[col['行政相对人名称']]}的决定依法撤销。"
    write_rows(data / schema.PENALTIES.path, header, rows)
    output = tmp_path / "site"
    assert_built(build_site(output, data, as_of="2026-11-22"))
    with (output / "data" / "withdrawals.csv").open(encoding="utf-8-sig") as handle:
        register = list(csv.DictReader(handle))
    mine = [r for r in register if r["撤下日期"] == "2026-10-01" and r["决定类别"] == "行政处罚"]
    assert len(mine) == 1 and mine[0]["撤下原因"] == "撤销" and "依法撤销" in mine[0]["理由"]
    slug = record_slug(schema.PENALTIES, revoked[col["行政处罚决定书文号"]], PUBLIC_URL_KEY)
    assert mine[0]["撤下说明网址"].endswith(f"penalties/{slug}.html")
    _, result = states(settings_for(), data, date(2026, 11, 22))
    assert len(register) == len(result.notices)
    for name in ("withdrawals.html", "data/withdrawals.csv", "data/withdrawals.json", "feeds/withdrawals.atom.xml"):
        text = (output / name).read_text(encoding="utf-8-sig")
        assert revoked[col["行政处罚决定书文号"]] not in text and revoked[col["行政相对人名称"]] not in text, name
        assert slug in text, name


def test_no_publication_date_is_shown_when_none_was_given(data, tmp_path):
    (undated,) = add_rows(data, schema.PENALTIES, [{"处罚类别": "罚款；没收违法所得", "罚款金额（万元）": "20", "公开日期": ""}])
    output = tmp_path / "site"
    assert_built(build_site(output, data, as_of="2025-04-01"))
    page = (output / "penalties" / f"{record_slug(schema.PENALTIES, undated, PUBLIC_URL_KEY)}.html").read_text(encoding="utf-8")
    assert undated in page and "公开日期" not in page and 'name="PubDate"' not in page
    found, _ = states(settings_for(), data, date(2025, 4, 1))
    assert found[undated].publish_date is None and found[undated].late_workdays == 0


def test_government_site_metadata_and_footer_come_from_settings(data, tmp_path):
    output = tmp_path / "site"
    assert_built(build_site(output, data, as_of="2025-04-01"))
    settings = read_settings(str(ROOT / "publishconf.py"))
    home = (output / "index.html").read_text(encoding="utf-8")
    for name in ("SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnDescription", "ColumnKeywords", "ColumnType"):
        assert f'<meta name="{name}"' in home
    assert settings["SITE_COLUMN_DESCRIPTION"] in home
    for text, url in settings["SITE_FOOTER_LINKS"]:
        assert f'<a href="{url}">{text}</a>' in home.replace("&amp;", "&")
