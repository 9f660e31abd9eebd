"""A corpus of export-shaped files, one site built from all of them: every table in the form a
real export or spreadsheet leaves it (both 双公示 standards, provincial exporters' headers, Excel
workbooks with title rows, merged cells, date serials, a .XLSX written on Windows, GB18030 and
UTF-8 CSV, rows of only commas), and every amount, code and date checked where the public reads
it: the built pages and the data files (CSV and JSON). Names and numbers are invented.

Also: the filled-in Excel template for every table, built and checked value by value; and
the faults that must stop the build, all reported in one error list."""

import csv
import html
import io
import json
import re
from datetime import date, datetime

import pytest
from pelican.settings import read_settings

from conftest import EVERY_PENALTY_SETTINGS, EXAMPLE_AS_OF, assert_built, build_site
from disclosure import pipeline
from disclosure.checks import scanner
from disclosure.data import schema, template
from disclosure.data.validation import NO_DOCUMENT_NUMBER
from disclosure.rules.gate import PUBLIC_URL_KEY, record_slug
from disclosure.testing.synthetic import make_id_number, make_uscc, write_dataset
from test_real_exports import every_output_text, load_error

AGENCY = "示例市市场监督管理局"
AGENCY_CODE = make_uscc("11", "110000", "00000031")
CODE_A = make_uscc("91", "110105", "59800011")
CODE_B = make_uscc("91", "110105", "59800021")
CODE_C = make_uscc("91", "110105", "59800031")
PERSON_1 = make_id_number("110105", date(1982, 3, 9), 211)
PERSON_2 = make_id_number("110106", date(1990, 7, 1), 322)
REP_ID = make_id_number("110105", date(1970, 12, 24), 433)
PLACEHOLDER = "0" * 17 + "X"
EXCEL_EPOCH = date(1899, 12, 30)


def serial(day):
    """The number Excel stores for a date (a cell formatted 常规 shows it)."""
    return (day - EXCEL_EPOCH).days


# -- 行政处罚: a workbook (title row merged across, header in row 2), 2019 standard as one
# provincial exporter writes it -------------------------------------------------------------

PENALTY_HEADER = [
    "行政相对人名称", "行政相对人类别", "行政相对人代码-1（统一社会信用代码）", "行政相对人代码_2(工商注册号)",
    "行政相对人代码3", "法定代表人身份证号", "自然人证件类型", "自然人证件号码", "行政处罚决定书文号", "违法行为类型",
    "违法事实", "处罚依据 ", "处罚类别", "处罚内容", "处罚金额（万元）", "没收违法所得、没收非法财务的金额（万元）",
    "处罚决定日期", "处罚有效期", "处罚机关", "处罚机关统一社会信用代码", "数据来源单位", "数据来源单位统一社会信用代码",
    "备注",
]


def penalty(name, kind, codes, ids, doc, category, content, fine, confiscated, decided, valid, note=""):
    return [name, kind, *codes, *ids, doc, "违反产品质量管理规定", "销售不合格产品。", "《中华人民共和国产品质量法》第四十九条",
            category, content, fine, confiscated, decided, valid, AGENCY, AGENCY_CODE, AGENCY, AGENCY_CODE, note]


PENALTY_ROWS = [
    # 工商注册号 typed as a number (15 digits: Excel keeps them), a real date cell, “长期”.
    penalty("示例庚商贸有限公司", "法人", [CODE_A, 110105000000321, "59800011-2"], [REP_ID, "", ""],
            "示市监罚〔2026〕201号", "罚款；没收违法所得、没收非法财物", "罚款人民币8000元，没收违法所得。",
            "0.8万元", "2500元", datetime(2026, 10, 12), "长期"),
    # The standard's placeholder for a 个体工商户 without a credit code; a date cell shown as a serial.
    penalty("示例辛便利店", "个体户", [PLACEHOLDER, "", ""], ["", "", ""], "示市监罚〔2026〕202号", "罚款",
            "罚款人民币5000元。", "5000元", "", serial(date(2026, 10, 13)), ""),
    penalty("张三丰", "个人", ["", "", ""], ["", "居民身份证", PERSON_1], "示市监罚〔2026〕203号", "警告", "警告。",
            "— —", "", "2026-10-14 14:30:00", ""),
    penalty("示例壬科技中心（有限合伙）", "非法人组织", [CODE_B, "-", ""], ["", "", ""], "示市监罚〔2026〕204号",
            "其他（需注明）：责令改正", "责令改正违法行为。", "-", "", "2026-10-15T00:00:00+08:00", ""),
    [None] * len(PENALTY_HEADER),  # an empty row inside the used range
    penalty("示例癸有限公司", "法人及非法人组织", [CODE_C, "", ""], ["", "", ""], "示市监罚〔2026〕205号",
            "暂扣或者吊销许可证、暂扣或者吊销执照", "吊销营业执照。", "", "", "2026-10-16 00:00:00.000", "长期有效",
            note="当事人已履行。"),
]

PENALTIES_EXPECTED = {
    "示市监罚〔2026〕201号": {
        "行政相对人名称": "示例庚商贸有限公司", "行政相对人类别": "法人及非法人组织", "行政相对人代码_1": CODE_A,
        "行政相对人代码_2": "110105000000321", "行政相对人代码_3": "59800011-2", "处罚类别": "罚款；没收违法所得、没收非法财物",
        "处罚内容": "罚款人民币8000元，没收违法所得。", "罚款金额（万元）": "0.8",
        "没收违法所得、没收非法财物的金额（万元）": "0.25", "处罚决定日期": "2026-10-12", "处罚有效期": "2099-12-31",
        "处罚依据": "《中华人民共和国产品质量法》第四十九条", "处罚机关统一社会信用代码": AGENCY_CODE,
    },
    "示市监罚〔2026〕202号": {
        "行政相对人名称": "示例辛便利店", "行政相对人类别": "个体工商户", "行政相对人代码_1": "", "处罚类别": "罚款",
        "罚款金额（万元）": "0.5", "没收违法所得、没收非法财物的金额（万元）": "", "处罚决定日期": "2026-10-13",
        "处罚有效期": "",
    },
    "示市监罚〔2026〕203号": {
        "行政相对人名称": "张某某", "行政相对人类别": "自然人", "证件类型": "居民身份证", "处罚类别": "警告",
        "罚款金额（万元）": "", "处罚决定日期": "2026-10-14",
    },
    "示市监罚〔2026〕204号": {
        "行政相对人类别": "法人及非法人组织", "行政相对人代码_1": CODE_B, "行政相对人代码_2": "",
        "处罚类别": "其他（需注明）：责令改正", "罚款金额（万元）": "", "处罚决定日期": "2026-10-15",
    },
    "示市监罚〔2026〕205号": {
        "行政相对人代码_1": CODE_C, "处罚类别": "暂扣或者吊销许可证、暂扣或者吊销执照", "处罚决定日期": "2026-10-16",
        "处罚有效期": "2099-12-31", "备注": "当事人已履行。",
    },
}

# -- 行政许可: GB18030 CSV in the 2016 (first) standard, where 代码_2 is 组织机构代码, 代码_3
# 工商登记码 and 代码_5 居民身份证号 ------------------------------------------------------------

PERMIT_HEADER = [
    "行政相对人名称", "行政相对人类别", "行政相对人代码_1", "行政相对人代码_2（组织机构代码）", "行政相对人代码_3（工商登记码）",
    "行政相对人代码_4", "行政相对人代码_5（居民身份证号）", "行政许可决定文书名称", "行政许可决定文书号", "许可类别",
    "许可证书名称", "许可编号", "许可内容", "许可决定日期", "有效期自", "有效期至", "许可机关", "许可机关统一社会信用代码",
    "当前状态", "数据来源单位", "数据来源单位统一社会信用代码", "备注",
]


def permit(name, kind, codes, title, doc, category, certificate, number, content, decided, start, end):
    return [name, kind, *codes, title, doc, category, certificate, number, content, decided, start, end,
            AGENCY, AGENCY_CODE, "有效", AGENCY, AGENCY_CODE, ""]


PERMIT_ROWS = [
    permit("示例子食品有限公司", "法人", [CODE_A, "59800011-2", "110105000000654", "", ""], "食品经营许可决定书",
           "示市监许〔2026〕301号", "普通许可", "食品经营许可证", "JY2026301", "准予食品经营许可。",
           "2026/10/20", "2026-10-20", "长期"),
    [""] * len(PERMIT_HEADER),  # ,,,,, as Excel leaves it
    permit("李四海", "自然人", ["", "", "", "", PERSON_2], "准予行政许可决定书", "示市监许〔2026〕302号",
           "其他（需注明）", "", "", "准予设立。", "2026年10月21日", "2026-10-21 00:00:00", "2031-10-20"),
    permit("示例丑商店", "个体工商户", [PLACEHOLDER, "", "110105000000987", "", ""], "登记决定书",
           "示市监许〔2026〕303号", "登记", "营业执照", "", "准予登记。", "20261022", "2026.10.22", "长期有效"),
]

PERMITS_EXPECTED = {
    "示市监许〔2026〕301号": {
        "行政相对人名称": "示例子食品有限公司", "行政相对人类别": "法人及非法人组织", "行政相对人代码_1": CODE_A,
        "行政相对人代码_3": "59800011-2", "行政相对人代码_2": "110105000000654", "行政相对人代码_5": "",
        "许可类别": "普通", "许可编号": "JY2026301", "许可决定日期": "2026-10-20", "有效期自": "2026-10-20",
        "有效期至": "2099-12-31", "许可机关统一社会信用代码": AGENCY_CODE,
    },
    "示市监许〔2026〕302号": {
        "行政相对人名称": "李某某", "行政相对人类别": "自然人", "行政相对人代码_5": "", "许可类别": "其他",
        "许可决定日期": "2026-10-21", "有效期自": "2026-10-21", "有效期至": "2031-10-20",
    },
    "示市监许〔2026〕303号": {
        "行政相对人类别": "个体工商户", "行政相对人代码_1": "", "行政相对人代码_2": "110105000000987", "许可类别": "登记",
        "许可决定日期": "2026-10-22", "有效期自": "2026-10-22", "有效期至": "2099-12-31",
    },
}

# -- 其他执法决定: UTF-8 CSV (no BOM) with 执法主体 / 执法结果 / 执法结果日期 and no 文书号 ------------

OTHER_HEADER = ["执法主体", "执法对象", "执法对象类别", "执法类别", "执法结果", "执法结果日期"]
OTHER_ROWS = [
    [AGENCY, "示例寅餐饮有限公司", "法人", "行政检查", "经检查，未发现违法行为。", "2026-11-02"],
    [AGENCY, "王五", "自然人", "行政强制", "查封涉案物品一批。", "2026-11-03 09:00"],
    # Same authority, category, date and kind of party: told apart by their order.
    [AGENCY, "赵六", "自然人", "行政强制", "扣押涉案工具一套。", "2026/11/03"],
]
# By 执法对象 as published.
OTHERS_EXPECTED = {
    "示例寅餐饮有限公司": {"执法机关": AGENCY, "执法对象类别": "法人及非法人组织", "执法类别": "行政检查",
                          "执法结论": "经检查，未发现违法行为。", "决定日期": "2026-11-02", "决定文书号": ""},
    "王某某": {"执法对象类别": "自然人", "执法类别": "行政强制", "执法结论": "查封涉案物品一批。", "决定日期": "2026-11-03",
               "决定文书号": ""},
    "赵某某": {"执法对象类别": "自然人", "执法结论": "扣押涉案工具一套。", "决定日期": "2026-11-03", "决定文书号": ""},
}

# -- 执法人员: officers.XLSX (the suffix as Windows may write it), the officers export's headers --

OFFICER_HEADER = ["姓名", "单位", "职务", "执法证号", "执法类别", "执法区域", "证件有效期", "发布状态"]
OFFICER_ROWS = [
    ["孙七", AGENCY, "科长", "SL11010026000001", "市场监管综合执法", "示例市", "长期", "在岗"],
    ["周八", AGENCY, "", "SL11010026000002", "市场监管综合执法", "示例市城东区", datetime(2028, 6, 30), "在岗"],
    ["吴九", AGENCY, "", "SL11010026000003", "市场监管综合执法", "示例市", datetime(2028, 6, 30), "调离"],
]
OFFICERS_EXPECTED = {
    "SL11010026000001": {"姓名": "孙七", "单位": AGENCY, "职务": "科长", "执法类别": "市场监管综合执法",
                         "执法区域": "示例市", "证件有效期至": "2099-12-31"},
    "SL11010026000002": {"姓名": "周八", "执法区域": "示例市城东区", "证件有效期至": "2028-06-30"},
}

# -- 执法事项: CSV with the categories 行政收费/给付/奖励/裁决, dates with times, rows of commas --

MATTER_HEADER = ["事项编码", "事项名称", "事项类别", "实施主体", "承办机构", "职责权限", "执法依据", "生效日期", "废止日期"]
MATTER_ROWS = [
    ["SJ-SF-001", "计量检定收费", "行政收费", AGENCY, "计量科", "依法收取检定费用。", "《中华人民共和国计量法》", "2026-01-01 00:00:00", "长期"],
    ["", "", "", "", "", "", "", "", ""],
    ["SJ-GF-001", "见义勇为人员生活补助", "行政给付", AGENCY, "办公室", "", "《示例市见义勇为人员奖励和保护条例》", "", ""],
    ["SJ-JL-001", "质量奖评定奖励", "行政奖励", AGENCY, "质量科", "", "《示例市质量奖管理办法》", "2026/02/01", "2030-12-31"],
    ["SJ-CJ-001", "商标权属争议裁决", "行政裁决", AGENCY, "知识产权科", "", "《中华人民共和国商标法》", "", "— —"],
    ["", "", "", "", "", "", "", "", ""],
]
MATTERS_EXPECTED = {
    "SJ-SF-001": {"事项名称": "计量检定收费", "事项类别": "行政收费", "承办机构": "计量科", "生效日期": "2026-01-01", "废止日期": ""},
    "SJ-GF-001": {"事项类别": "行政给付", "生效日期": "", "废止日期": ""},
    "SJ-JL-001": {"事项类别": "行政奖励", "生效日期": "2026-02-01", "废止日期": "2030-12-31"},
    "SJ-CJ-001": {"事项类别": "行政裁决", "执法依据": "《中华人民共和国商标法》", "废止日期": ""},
}

# -- 随机抽查: a workbook with a merged title row, the subject merged down four rows, the words
# 重点检查事项 / 一般检查事项 / 重点抽查 / 一般抽查 ----------------------------------------------

CHECK_HEADER = ["事项编码", "抽查事项", "抽查类别", "抽查主体", "抽查依据", "抽查对象", "抽查内容", "抽查比例", "抽查方式", "抽查频次"]
CHECK_ROWS = [
    ["CC-001", "食品经营者检查", "重点检查事项", AGENCY, "《中华人民共和国食品安全法》", "食品经营者", "经营条件", "5%", "现场检查", "每年1次"],
    ["CC-002", "广告发布检查", "一般检查事项", None, "《中华人民共和国广告法》", "广告发布者", "广告内容", "3%", "书面检查", "每年1次"],
    ["CC-003", "特种设备检查", "重点抽查", None, "《中华人民共和国特种设备安全法》", "使用单位", "使用登记", "10%", "现场检查", "每年2次"],
    ["CC-004", "计量器具检查", "一般抽查", None, "《中华人民共和国计量法》", "集贸市场", "强制检定", "2%", "现场检查", "每年1次"],
]
CHECKS_EXPECTED = {
    "CC-001": {"抽查类别": "重点检查", "抽查主体": AGENCY, "抽查比例": "5%"},
    "CC-002": {"抽查类别": "一般检查", "抽查主体": AGENCY, "抽查比例": "3%"},
    "CC-003": {"抽查类别": "重点检查", "抽查主体": AGENCY, "抽查比例": "10%", "抽查频次": "每年2次"},
    "CC-004": {"抽查类别": "一般检查", "抽查主体": AGENCY, "抽查比例": "2%"},
}

# -- 音像记录: UTF-8 CSV with a title line and a blank line above the header -------------------

AV_ROWS = [
    ["示例市市场监督管理局音像记录事项清单"], [],
    ["编号", "执法类别", "执法环节", "记录内容", "记录方式", "是否全过程音像记录", "生效日期", "废止日期"],
    ["AV-01", "行政强制", "查封扣押", "查封、扣押的全过程", "执法记录仪", "是", "2026-03-01T00:00:00+08:00", ""],
    ["AV-02", "行政检查", "现场检查", "检查过程", "录像、照相", "否", "", "长期"],
]
AV_EXPECTED = {
    "AV-01": {"执法类别": "行政强制", "记录方式": "执法记录仪", "是否全过程音像记录": "是", "生效日期": "2026-03-01"},
    "AV-02": {"执法类别": "行政检查", "是否全过程音像记录": "否", "废止日期": ""},
}

# -- 法制审核目录: GB18030 CSV with headers padded by spaces and a full-width note -------------

REVIEW_ROWS = [
    ["编号 ", " 执法类别", "审核事项", "重大执法决定标准", "审核依据", "审核机构", "生效日期（YYYY-MM-DD）"],
    ["FZ-01", "行政处罚", "较大数额罚款", "对法人罚款十万元以上", "《示例市重大行政执法决定法制审核办法》", "法规科", "2026年1月1日"],
]
REVIEW_EXPECTED = {"FZ-01": {"执法类别": "行政处罚", "审核事项": "较大数额罚款", "审核机构": "法规科", "生效日期": "2026-01-01"}}

EXPECTED = {
    "penalties": PENALTIES_EXPECTED, "permits": PERMITS_EXPECTED, "officers": OFFICERS_EXPECTED,
    "matters": MATTERS_EXPECTED, "random_checks": CHECKS_EXPECTED, "av_records": AV_EXPECTED,
    "legal_review_catalog": REVIEW_EXPECTED,
}


def save_workbook(path, rows, title="", sheet_name="Sheet1", merge_down=None):
    """rows as a sheet: strings stay strings (as an export writes text cells), numbers and
    datetimes are Excel's numbers and dates. merge_down: (first row, column, last row) merged."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = sheet_name
    if title:
        sheet.append([title])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
    for row in rows:
        sheet.append(row)
    if merge_down:
        first, column, last = merge_down
        sheet.merge_cells(start_row=first, start_column=column, end_row=last, end_column=column)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def write_text_csv(path, rows, encoding):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue().encode(encoding))


def guide_matters(data):
    """The synthetic 事项 the example guides link to (content/guides): kept, or the build stops."""
    text = (data / schema.MATTERS.path).read_text(encoding="utf-8-sig")
    return [row for row in csv.reader(io.StringIO(text))][1:]


def write_corpus(data):
    write_dataset(data, n_decisions=4, seed=3)  # the annual supplement and the guides' 事项
    kept_matters = guide_matters(data)
    for table in schema.DECISION_TABLES + (schema.OFFICERS,) + schema.LIST_TABLES:
        (data / table.path).unlink()
    save_workbook(data / "decisions" / "penalties.xlsx", [PENALTY_HEADER] + PENALTY_ROWS,
                  title="示例市市场监督管理局行政处罚信息（2026年10月）", sheet_name="行政处罚")
    write_text_csv(data / schema.PERMITS.path, [PERMIT_HEADER] + PERMIT_ROWS, "gb18030")
    write_text_csv(data / schema.OTHERS.path, [OTHER_HEADER] + OTHER_ROWS, "utf-8")
    save_workbook(data / "officers.XLSX", [OFFICER_HEADER] + OFFICER_ROWS)
    write_text_csv(data / schema.MATTERS.path, [MATTER_HEADER] + MATTER_ROWS + kept_matters, "utf-8-sig")
    save_workbook(data / "lists" / "random_checks.xlsx", [CHECK_HEADER] + CHECK_ROWS,
                  title="示例市市场监督管理局“双随机、一公开”抽查事项清单", merge_down=(3, 4, 6))
    write_text_csv(data / schema.AV_RECORDS.path, AV_ROWS, "utf-8-sig")
    write_text_csv(data / schema.LEGAL_REVIEW_CATALOG.path, REVIEW_ROWS, "gb18030")


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory):
    data = tmp_path_factory.mktemp("corpus") / "data"
    write_corpus(data)
    output = data.parent / "output"
    process = build_site(output, data, settings=EVERY_PENALTY_SETTINGS)
    assert_built(process)
    return data, output, process.stdout + process.stderr


# -- reading what the public reads -------------------------------------------------------------

def data_csv(output, key):
    text = (output / "data" / f"{key}.csv").read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def data_json(output, key):
    return json.loads((output / "data" / f"{key}.json").read_text(encoding="utf-8"))


def json_text(value):
    """A JSON data file's value as the CSV writes it."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def cell_texts(fragment, tag):
    return [html.unescape(re.sub(r"<[^>]+>", "", m)).strip()
            for m in re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", fragment, re.S)]


def decision_page(output, table, record_id):
    return (output / table.key / f"{record_slug(table, record_id, PUBLIC_URL_KEY)}.html").read_text(encoding="utf-8")


def row_fragment(page_text, row_id):
    match = re.search(rf'<tr id="{re.escape(row_id)}"[^>]*>(.*?)</tr>', page_text, re.S)
    assert match, row_id
    return match.group(1)


def assert_published(output, key, expected, by):
    """Every expected value in data/<key>.csv and data/<key>.json, keyed by column `by`."""
    csv_rows = {r[by]: r for r in data_csv(output, key)}
    json_rows = {json_text(r[by]): r for r in data_json(output, key)}
    assert set(expected) <= set(csv_rows), (key, sorted(csv_rows))
    for record_id, values in expected.items():
        for column, value in values.items():
            assert csv_rows[record_id][column] == value, (key, record_id, column, csv_rows[record_id][column])
            assert json_text(json_rows[record_id][column]) == value, (key, record_id, column)
    return csv_rows


# -- the corpus ---------------------------------------------------------------------------------

def test_every_table_of_the_corpus_is_read(corpus_site):
    data, _, log = corpus_site
    records, _ = pipeline.load_and_validate(data)
    assert sorted(r.id for r in records["penalties"]) == sorted(PENALTIES_EXPECTED)
    assert sorted(r.id for r in records["permits"]) == sorted(PERMITS_EXPECTED)
    assert len(records["others"]) == 3
    assert sorted(r.id for r in records["officers"]) == sorted(OFFICERS_EXPECTED) + ["SL11010026000003"]
    assert sorted(r.id for r in records["random_checks"]) == sorted(CHECKS_EXPECTED)
    assert sorted(r.id for r in records["av_records"]) == sorted(AV_EXPECTED)
    assert set(MATTERS_EXPECTED) <= {r.id for r in records["matters"]}
    # Where each was found, and what was converted, is said in the build's report.
    assert "penalties.xlsx：表头在第2行，上面第1行（标题等）未作为数据读取" in log
    assert "av_records.csv：表头在第3行，上面第1–2行（标题等）未作为数据读取" in log
    assert "2016 年（第一版）双公示数据标准" in log
    assert "“5000元”已按元换算为 0.5 万元" in log and "“2500元”已按元换算为 0.25 万元" in log
    assert "不存在" not in log  # no table taken for missing


@pytest.mark.parametrize("key", ["penalties", "permits"])
def test_decisions_publish_every_amount_code_and_date(corpus_site, key):
    _, output, _ = corpus_site
    expected = EXPECTED[key]
    table = schema.TABLES_BY_KEY[key]
    rows = assert_published(output, key, expected, table.id_column)
    assert set(rows) == set(expected)
    for record_id, values in expected.items():
        shown = cell_texts(decision_page(output, table, record_id), "dd")
        for column, value in values.items():
            if value:
                assert value in shown, (record_id, column, value)
            else:
                # An empty value has no line on the page.
                assert f">{column}：</dt>" not in decision_page(output, table, record_id), (record_id, column)


def test_decision_list_shows_every_date_and_amount(corpus_site):
    _, output, _ = corpus_site
    listing = (output / "penalties" / "index.html").read_text(encoding="utf-8")
    for record_id, values in PENALTIES_EXPECTED.items():
        assert record_id in listing
        assert values["处罚决定日期"] in listing


def test_others_without_document_numbers(corpus_site):
    """No 文书号 is invented: the data files leave it empty; the pages are told apart by an
    identity that says there is none."""
    data, output, _ = corpus_site
    rows = assert_published(output, "others", OTHERS_EXPECTED, "执法对象")
    assert set(rows) == set(OTHERS_EXPECTED)
    listing = (output / "others" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="[^"]*/others/([0-9a-f]{16})\.html">([^<]*)</a>', listing)
    assert len(links) == 3
    labels = sorted(label for _, label in links)
    assert all(re.fullmatch(rf"{NO_DOCUMENT_NUMBER}-202611\d\d-[0-9a-f]{{8}}(-2)?", label) for label in labels), labels
    assert sum(label.endswith("-2") for label in labels) == 1
    for slug, label in links:
        page = (output / "others" / f"{slug}.html").read_text(encoding="utf-8")
        shown = cell_texts(page, "dd")
        party = next(p for p in OTHERS_EXPECTED if p in shown)
        for column, value in OTHERS_EXPECTED[party].items():
            if value:
                assert value in shown, (party, column)
        assert "决定文书号：" not in page  # no line for the 文书号 at all
        assert label[len(NO_DOCUMENT_NUMBER) + 1:].startswith(OTHERS_EXPECTED[party]["决定日期"].replace("-", ""))
    text = every_output_text(output)
    assert "王五" not in text and "赵六" not in text
    assert '"primaryKey": ["决定文书号"]' not in (output / "data" / "datapackage.json").read_text(encoding="utf-8")


def test_officers_from_an_uppercase_xlsx(corpus_site):
    _, output, _ = corpus_site
    assert_published(output, "officers", OFFICERS_EXPECTED, "执法证号")
    page = (output / "officers.html").read_text(encoding="utf-8")
    for record_id, values in OFFICERS_EXPECTED.items():
        shown = cell_texts(row_fragment(page, f"cert-{record_id}"), "td")
        for value in values.values():
            assert value in shown, (record_id, value)
    assert "吴九" not in page and "SL11010026000003" not in every_output_text(output)


@pytest.mark.parametrize("key", ["matters", "random_checks", "av_records", "legal_review_catalog"])
def test_lists_publish_every_value(corpus_site, key):
    _, output, _ = corpus_site
    table = schema.TABLES_BY_KEY[key]
    assert_published(output, key, EXPECTED[key], table.id_column)
    page = (output / "lists" / f"{key}.html").read_text(encoding="utf-8")
    for record_id, values in EXPECTED[key].items():
        shown = cell_texts(row_fragment(page, f"item-{record_id}"), "td")
        for column, value in values.items():
            index = [c.name for c in table.public_columns].index(column)
            assert shown[index] == value, (key, record_id, column, shown[index])


def test_corpus_never_publishes_id_numbers_placeholders_or_full_names(corpus_site):
    data, output, _ = corpus_site
    text = every_output_text(output)
    for secret in (PERSON_1, PERSON_2, REP_ID, PLACEHOLDER, "张三丰", "李四海"):
        assert secret not in text, secret
    # The leak check `make build` ends with reads the workbooks and exports too, and passes.
    settings = read_settings(EVERY_PENALTY_SETTINGS)
    assert scanner.check_site(output, settings, data, date.fromisoformat(EXAMPLE_AS_OF)) == []


def test_identity_without_document_number_is_stable_and_names_no_natural_person(tmp_path):
    """Rewording the conclusion keeps every page name; the natural person's name is no part of it
    (a guessed full name cannot be confirmed from the page name); the date is."""
    def ids(rows):
        data = tmp_path / f"d{len(list(tmp_path.iterdir()))}"
        write_dataset(data, n_decisions=4, seed=3)
        write_text_csv(data / schema.OTHERS.path, [OTHER_HEADER] + rows, "utf-8")
        records, _ = pipeline.load_and_validate(data)
        return [r.id for r in records["others"]]

    first = ids(OTHER_ROWS)
    reworded = [row[:4] + [row[4] + "（已复查）"] + row[5:] for row in OTHER_ROWS]
    assert ids(reworded) == first
    renamed = [row[:1] + ["钱十"] + row[2:] if row[1] == "王五" else row for row in OTHER_ROWS]
    assert ids(renamed) == first
    redated = [row[:5] + ["2026-11-05"] if row[1] == "示例寅餐饮有限公司" else row for row in OTHER_ROWS]
    changed = ids(redated)
    assert changed[0] != first[0] and changed[0].startswith(f"{NO_DOCUMENT_NUMBER}-20261105-") and changed[1:] == first[1:]


def test_an_others_row_repeated_without_document_number_is_a_duplicate(small_data):
    write_text_csv(small_data / schema.OTHERS.path, [OTHER_HEADER] + OTHER_ROWS + [OTHER_ROWS[1]], "utf-8")
    message = load_error(small_data)
    assert "data/decisions/others.csv 第5行“决定文书号”列" in message
    assert "与第3行完全相同，是重复的一行" in message


@pytest.mark.parametrize("code", ["1", "02", "6"])
def test_permit_category_codes_are_an_error_not_a_guess(small_data, code):
    rows = [PERMIT_HEADER, PERMIT_ROWS[0][:9] + [code] + PERMIT_ROWS[0][10:]]
    write_text_csv(small_data / schema.PERMITS.path, rows, "gb18030")
    message = load_error(small_data)
    assert f"data/decisions/permits.csv 第2行“许可类别”列：“{code}”是数字代码" in message
    assert "无法确认" in message and "普通、特许、认可、核准、登记、其他" in message
    assert message.count("第2行“许可类别”列") == 1  # not again as “not an allowed value”


# -- faults reported in one error list ----------------------------------------------------------

def test_faults_of_several_files_are_reported_in_one_list(small_data, tmp_path):
    """A table present only as a workbook under a name the site does not read, a header below a
    title row with a misspelt column, and a rejected file's unknown columns: one build, one list."""
    (small_data / schema.PENALTIES.path).unlink()
    save_workbook(small_data / "decisions" / "行政处罚.xlsx", [PENALTY_HEADER] + PENALTY_ROWS[:1])
    header = [h if h != "许可类别" else "许可类 别" for h in PERMIT_HEADER] + ["内部编号"]
    write_text_csv(small_data / schema.PERMITS.path,
                   [["示例市市场监督管理局行政许可信息"], header, PERMIT_ROWS[0] + ["A-1"]], "gb18030")
    write_text_csv(small_data / schema.OTHERS.path,
                   [OTHER_HEADER + ["经办人"], OTHER_ROWS[0] + ["某甲"], OTHER_ROWS[1] + ["某乙", "多出的一格"]], "utf-8")
    output = tmp_path / "output"
    process = build_site(output, small_data, settings=EVERY_PENALTY_SETTINGS)
    assert process.returncode != 0
    report = process.stdout + process.stderr
    errors, _, warnings = report.partition("另有")
    # The penalties workbook under another name: an error, not a “file missing” warning.
    assert "data/decisions/penalties.csv：行政处罚没有数据文件" in errors and "“行政处罚.xlsx”" in errors
    assert "改名为 penalties.xlsx" in errors
    # The header is in row 2 (a title row above it): the error says row 2.
    assert "data/decisions/permits.csv 第2行：第10列表头“许可类 别”不是可用的列名" in errors
    assert "是否应为“许可类别”？" in errors
    assert "data/decisions/others.csv 第3行：这一行有 8 个字段，表头只有 7 列" in errors
    # The rejected files' header notes come with the errors, in the same report.
    assert "data/decisions/permits.csv：表头在第2行" in warnings
    assert "data/decisions/permits.csv：不认识的列“内部编号”" in warnings
    assert "data/decisions/others.csv：不认识的列“经办人”" in warnings
    assert not output.exists() or not any(output.rglob("*.html"))


def test_a_table_file_under_an_uppercase_suffix_is_read(small_data):
    path = small_data / schema.PENALTIES.path
    path.rename(path.with_suffix(".CSV"))
    records, warnings = pipeline.load_and_validate(small_data)
    assert records["penalties"] and not any("penalties" in w and "不存在" in w for w in warnings)


def test_a_header_not_in_the_first_rows_is_one_error(small_data):
    rows = [["示例市市场监督管理局"]] + [[f"说明第{i}行"] for i in range(1, 12)] + [OTHER_HEADER] + OTHER_ROWS
    write_text_csv(small_data / schema.OTHERS.path, rows, "utf-8")
    message = load_error(small_data)
    assert "data/decisions/others.csv 第1行：前10行中没有表头" in message
    assert "缺少必填列" not in message


# -- the Excel template, filled in for every table ------------------------------------------------

TEMPLATE_ROWS = {
    "penalties": [{
        "行政相对人名称": "示例卯建材有限公司", "行政相对人类别": "法人及非法人组织", "行政相对人代码_1": CODE_C,
        "行政相对人代码_2": "110105000000111", "法定代表人证件号码": REP_ID, "行政处罚决定书文号": "示市监罚〔2026〕401号",
        "违法行为类型": "违反计量管理规定", "违法事实": "使用未经检定的计量器具。", "处罚依据": "《中华人民共和国计量法》第二十六条",
        "处罚类别": "警告；罚款", "处罚内容": "警告，罚款人民币12000元。", "罚款金额（万元）": 1.2,
        "处罚决定日期": datetime(2026, 11, 2), "处罚有效期": datetime(2027, 11, 1), "处罚机关": AGENCY,
        "处罚机关统一社会信用代码": AGENCY_CODE, "数据来源单位": AGENCY, "数据来源单位统一社会信用代码": AGENCY_CODE,
    }],
    "permits": [{
        "行政相对人名称": "示例辰药房", "行政相对人类别": "个体工商户", "行政相对人代码_1": PLACEHOLDER,
        "行政许可决定文书名称": "药品经营许可决定书", "行政许可决定文书号": "示市监许〔2026〕402号", "许可类别": "核准",
        "许可证书名称": "药品经营许可证", "许可编号": "YJ2026402", "许可内容": "准予药品零售。",
        "许可决定日期": datetime(2026, 11, 3), "有效期自": datetime(2026, 11, 3), "有效期至": datetime(2031, 11, 2),
        "许可机关": AGENCY, "许可机关统一社会信用代码": AGENCY_CODE, "当前状态": "有效", "数据来源单位": AGENCY,
        "数据来源单位统一社会信用代码": AGENCY_CODE,
    }],
    "others": [{
        "执法机关": AGENCY, "执法对象": "示例巳物流有限公司", "执法对象类别": "法人及非法人组织", "执法类别": "行政征收",
        "执法结论": "依法征收。", "决定文书号": "示市监征〔2026〕403号", "决定日期": datetime(2026, 11, 4),
    }],
    "officers": [{
        "姓名": "郑十一", "单位": AGENCY, "职务": "副科长", "执法证号": "SL11010026000404", "执法类别": "市场监管综合执法",
        "执法区域": "示例市", "证件有效期至": datetime(2029, 12, 31), "状态": "在岗",
    }],
    "matters": [{
        "事项编码": code, "事项名称": f"事项{code}", "事项类别": "行政许可" if "XK" in code else "行政处罚",
        "实施主体": AGENCY, "执法依据": "《示例条例》", "生效日期": datetime(2026, 1, 1),
    } for code in ("SFGW-XK-001", "SFGW-XK-002", "SFGW-XK-003", "SFGW-CF-001", "SFGW-CF-002")],
    "random_checks": [{
        "事项编码": "TC-001", "抽查事项": "电梯使用单位检查", "抽查类别": "重点检查", "抽查主体": AGENCY,
        "抽查依据": "《特种设备安全监察条例》", "抽查对象": "电梯使用单位", "抽查内容": "维护保养", "抽查比例": "8%",
        "抽查方式": "现场检查", "抽查频次": "每年1次",
    }],
    "av_records": [{
        "编号": "TAV-01", "执法类别": "行政处罚", "执法环节": "听证", "记录内容": "听证全过程", "记录方式": "录音、录像",
        "是否全过程音像记录": "是", "废止日期": datetime(2030, 12, 31),
    }],
    "legal_review_catalog": [{
        "编号": "TFZ-01", "执法类别": "行政许可", "审核事项": "不予许可", "重大执法决定标准": "涉及重大公共利益",
        "审核依据": "《示例办法》", "审核机构": "法规科",
    }],
    "annual_supplement": [{"年度": 2025, "行政复议申请数": 7, "行政复议纠错数": 1, "行政诉讼案件数": 3,
                           "行政诉讼败诉数": 0, "投诉举报数": 41, "说明": "模板填写。"}],
    "holidays": [{"日期": datetime(2027, 1, 1), "类型": "休", "说明": "元旦"}],
}


def as_published(value):
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, (int, float)):
        return format(value, "g")
    return value


@pytest.fixture(scope="module")
def template_site(tmp_path_factory):
    import openpyxl

    folder = tmp_path_factory.mktemp("template")
    book = openpyxl.load_workbook(template.build(folder / "模板.xlsx"))
    for table in schema.INPUT_TABLES:
        sheet = book[table.title]
        for number, row in enumerate(TEMPLATE_ROWS[table.key], start=2):
            for index, column in enumerate(table.columns, start=1):
                sheet.cell(row=number, column=index, value=row.get(column.name))
    data = folder / "data"
    data.mkdir()
    book.save(data / schema.COMBINED_WORKBOOK)
    output = folder / "output"
    process = build_site(output, data, settings=EVERY_PENALTY_SETTINGS)
    assert_built(process)
    return data, output


def test_template_covers_every_table():
    assert {t.key for t in schema.INPUT_TABLES} == set(TEMPLATE_ROWS)


@pytest.mark.parametrize("table", schema.ALL_TABLES, ids=lambda t: t.key)
def test_template_round_trip_publishes_every_value(template_site, table):
    _, output = template_site
    if table is schema.ANNUAL_SUPPLEMENT:
        by = "年度"
    else:
        by = table.id_column
    expected = {
        as_published(row[by]): {c.name: as_published(row[c.name]) for c in table.public_columns if c.name in row
                                and (c.name != "行政相对人代码_1" or row[c.name] != PLACEHOLDER)}
        for row in TEMPLATE_ROWS[table.key]
    }
    assert_published(output, table.key, expected, by)
    if table.kind == "decision":
        for record_id, values in expected.items():
            shown = cell_texts(decision_page(output, table, record_id), "dd")
            for column, value in values.items():
                assert value in shown, (table.key, column, value)
    elif table.kind == "list":
        page = (output / "lists" / f"{table.key}.html").read_text(encoding="utf-8")
        for record_id, values in expected.items():
            shown = cell_texts(row_fragment(page, f"item-{record_id}"), "td")
            for value in values.values():
                assert value in shown, (table.key, value)
    elif table.kind == "officer":
        page = (output / "officers.html").read_text(encoding="utf-8")
        for record_id, values in expected.items():
            shown = cell_texts(row_fragment(page, f"cert-{record_id}"), "td")
            for column, value in values.items():
                if column != "状态":
                    assert value in shown, value
    else:
        page = (output / "statistics" / "2025.html").read_text(encoding="utf-8")
        for column, value in expected["2025"].items():
            if column not in ("年度", "说明"):
                assert re.search(rf"{column}</th><td>{value}</td>", page), column


def test_template_round_trip_keeps_the_unpublished_and_the_calendar(template_site):
    data, output = template_site
    records, _ = pipeline.load_and_validate(data)
    assert [(r.dates["日期"], r.get("类型"), r.get("说明")) for r in records["holidays"]] == [(date(2027, 1, 1), "休", "元旦")]
    assert records["penalties"][0].get("法定代表人证件号码") == REP_ID  # read, for the leak check
    text = every_output_text(output)
    assert REP_ID not in text and PLACEHOLDER not in text
    settings = read_settings(EVERY_PENALTY_SETTINGS)
    assert scanner.check_site(output, settings, data, date.fromisoformat(EXAMPLE_AS_OF)) == []


def test_a_spreadsheet_beside_the_tables_is_named_in_a_warning(small_data):
    save_workbook(small_data / "decisions" / "penalties-2025.xlsx", [PENALTY_HEADER] + PENALTY_ROWS[:1])
    (small_data / "~$penalties.xlsx").write_bytes(b"lock")  # Excel's lock file: not data
    _, warnings = pipeline.load_and_validate(small_data)
    assert [w for w in warnings if "不是任何表的文件名" in w] == [
        "data/decisions/penalties-2025.xlsx 不是任何表的文件名，网站不读取它。如果其中有要公开的数据，"
        "请并入对应的表（如 penalties.csv）；否则请移出 data/decisions/。"]


def test_codes_excel_rounded_to_15_digits_are_an_error_saying_so(small_data):
    """Excel keeps 15 significant digits: a code saved as a number ends in zeros. Such a credit
    code, 工商注册号-column value or ID number is refused, saying Excel did it."""
    rounded_code = CODE_A[:15] + "000"
    rounded_id = PERSON_1[:15] + "000"
    rows = [PENALTY_HEADER,
            penalty("示例庚商贸有限公司", "法人", [rounded_code, "1101050000003210", ""], ["", "", ""],
                    "示市监罚〔2026〕201号", "警告", "警告。", "", "", "2026-10-12", ""),
            penalty("张三丰", "自然人", ["", "", ""], ["", "居民身份证", rounded_id], "示市监罚〔2026〕203号",
                    "警告", "警告。", "", "", "2026-10-14", "")]
    write_text_csv(small_data / schema.PENALTIES.path, rows, "utf-8-sig")
    message = load_error(small_data)
    for row, column, value in ((2, "行政相对人代码_1", rounded_code), (2, "行政相对人代码_2", "1101050000003210"),
                               (3, "证件号码", rounded_id)):
        assert f"第{row}行“{column}”列：“{value}”第15位以后全是 0：这是 Excel 把长号码当作数字保存的结果" in message
    assert message.count("第15位以后全是 0") == 3


def write_ods(path, rows):
    """A minimal OpenDocument spreadsheet (what LibreOffice or WPS saves as .ods), written by hand:
    every cell a string cell, as an export writes text."""
    import zipfile
    from xml.sax.saxutils import escape

    cells = "".join(
        "<table:table-row>" + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{escape(str(v))}</text:p></table:table-cell>'
            if v not in (None, "") else "<table:table-cell/>" for v in row) + "</table:table-row>"
        for row in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Sheet1">{cells}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>")
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>")
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as book:
        book.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        book.writestr("META-INF/manifest.xml", manifest)
        book.writestr("content.xml", content)


def test_an_ods_workbook_is_read(small_data):
    (small_data / schema.LEGAL_REVIEW_CATALOG.path).unlink()
    write_ods(small_data / "lists" / "legal_review_catalog.ods",
              [["示例市市场监督管理局重大执法决定法制审核目录"]] + REVIEW_ROWS + [[None] * 7])
    records, warnings = pipeline.load_and_validate(small_data)
    [record] = records["legal_review_catalog"]
    assert record.row == 3 and record.id == "FZ-01"
    for column, value in REVIEW_EXPECTED["FZ-01"].items():
        assert record.get(column) == value, column
    assert "data/lists/legal_review_catalog.ods：表头在第2行，上面第1行（标题等）未作为数据读取。" in warnings


def test_a_withdrawn_decision_without_document_number_leaves_only_its_notice(tmp_path):
    data = tmp_path / "data"
    write_dataset(data, n_decisions=4, seed=3)
    header = OTHER_HEADER + ["状态", "状态变更日期", "状态说明"]
    rows = [OTHER_ROWS[0] + ["撤销", "2026-11-10", "经复查，原检查结论有误，予以撤销。"]] + [
        row + ["", "", ""] for row in OTHER_ROWS[1:]]
    write_text_csv(data / schema.OTHERS.path, [header] + rows, "utf-8")
    records, _ = pipeline.load_and_validate(data)
    withdrawn = records["others"][0]
    assert withdrawn.id.startswith(f"{NO_DOCUMENT_NUMBER}-20261102-")
    output = tmp_path / "output"
    assert_built(build_site(output, data, settings=EVERY_PENALTY_SETTINGS))
    notice = decision_page(output, schema.OTHERS, withdrawn.id)
    assert "撤销" in notice and "示例寅餐饮有限公司" not in notice and withdrawn.id not in notice
    text = every_output_text(output)
    assert "示例寅餐饮有限公司" not in text and withdrawn.id not in text
    assert "示例寅餐饮有限公司" not in {r["执法对象"] for r in data_csv(output, "others")}
    settings = read_settings(EVERY_PENALTY_SETTINGS)
    assert scanner.check_site(output, settings, data, date.fromisoformat(EXAMPLE_AS_OF)) == []
