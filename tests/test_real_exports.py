"""Real exports load as they are: a corpus of export-shaped files (invented names and numbers)
in the shapes the 双公示 standards, provincial exporters and Excel produce, each checked for
the values it publishes in the built pages and data files, or for the error it must raise."""

import csv
import io
from datetime import date, datetime

import pytest

from conftest import EVERY_PENALTY_SETTINGS, assert_built, build_site
from disclosure import pipeline
from disclosure.data import schema
from disclosure.rules.gate import PUBLIC_URL_KEY, record_slug
from disclosure.testing.synthetic import make_id_number, make_uscc

AGENCY = "示例市市场监督管理局"
AGENCY_CODE = make_uscc("11", "110000", "00000001")
COMPANY_CODE = make_uscc("91", "110105", "59800001")
SHOP_CODE = make_uscc("92", "110105", "59800002")
PERSON_ID = make_id_number("110105", date(1980, 5, 17), 123)
LEGAL_REP_ID = make_id_number("110105", date(1975, 1, 2), 456)
PLACEHOLDER = "0" * 17 + "X"

# 2019 standard as one provincial exporter writes it: 处罚金额（万元）, 代码-1 with a hyphen,
# 法定代表人身份证号, and the meaning of every code in brackets.
EXPORT_2019_HEADER = [
    "行政相对人名称", "行政相对人类别", "行政相对人代码-1（统一社会信用代码）", "行政相对人代码_2(工商注册号)",
    "法定代表人", "法定代表人身份证号", "行政处罚决定书文号", "违法行为类型", "违法事实", "处罚依据", "处罚类别",
    "处罚内容", "处罚金额（万元）", "没收违法所得、没收非法财务的金额（万元）", "处罚决定日期", "处罚有效期",
    "处罚机关", "处罚机关统一社会信用代码", "数据来源单位", "数据来源单位统一社会信用代码", "备注",
]


def export_row(name, kind, code, doc, category, content, fine, decided, **extra):
    row = {
        "行政相对人名称": name, "行政相对人类别": kind, "行政相对人代码-1（统一社会信用代码）": code,
        "行政相对人代码_2(工商注册号)": extra.get("reg", ""), "法定代表人": extra.get("rep", ""),
        "法定代表人身份证号": extra.get("rep_id", ""), "行政处罚决定书文号": doc, "违法行为类型": "违反产品质量管理规定",
        "违法事实": "销售不合格产品。", "处罚依据": "《中华人民共和国产品质量法》第四十九条", "处罚类别": category,
        "处罚内容": content, "处罚金额（万元）": fine, "没收违法所得、没收非法财务的金额（万元）": extra.get("confiscated", ""),
        "处罚决定日期": decided, "处罚有效期": extra.get("valid", ""), "处罚机关": AGENCY,
        "处罚机关统一社会信用代码": AGENCY_CODE, "数据来源单位": AGENCY, "数据来源单位统一社会信用代码": AGENCY_CODE,
        "备注": extra.get("note", ""),
    }
    return [row[h] for h in EXPORT_2019_HEADER]


EXPORT_2019_ROWS = [
    export_row("示例甲贸易有限公司", "法人", COMPANY_CODE, "示市监罚〔2026〕101号", "罚款；没收违法所得、没收非法财物",
               "罚款人民币5000元，没收违法所得。", "0.5万元", "2026-10-03 00:00:00.000",
               rep="王某", rep_id=LEGAL_REP_ID, reg="110105000000123", confiscated="1200元", valid="长期"),
    export_row("示例乙商店", "个体户", PLACEHOLDER, "示市监罚〔2026〕102号", "罚款",
               "罚款人民币5000元。", "5000元", "2026-10-04T00:00:00+08:00"),
    export_row("张三丰", "个人", "", "示市监罚〔2026〕103号", "警告",
               "警告。", "— —", "2026-10-05 14:30"),
    export_row("示例丙科技有限公司", "非法人组织", COMPANY_CODE, "示市监罚〔2026〕104号", "其他（需注明）：责令改正",
               "责令改正违法行为。", "-", "2026/10/06", reg="-"),
    [""] * len(EXPORT_2019_HEADER),  # a row of only commas, as Excel leaves behind
    export_row("示例丁有限公司", "法人", COMPANY_CODE, "示市监罚〔2026〕105号", "暂扣或者吊销许可证、暂扣或者吊销执照",
               "吊销营业执照。", "", "2026年10月7日"),
]

# The published values expected for every row above, by 文书号.
EXPECTED_2019 = {
    "示市监罚〔2026〕101号": {
        "行政相对人名称": "示例甲贸易有限公司", "行政相对人类别": "法人及非法人组织", "行政相对人代码_1": COMPANY_CODE,
        "行政相对人代码_2": "110105000000123", "罚款金额（万元）": "0.5",
        "没收违法所得、没收非法财物的金额（万元）": "0.12", "处罚决定日期": "2026-10-03", "处罚有效期": "2099-12-31",
        "处罚类别": "罚款；没收违法所得、没收非法财物",
    },
    "示市监罚〔2026〕102号": {
        "行政相对人名称": "示例乙商店", "行政相对人类别": "个体工商户", "行政相对人代码_1": "",
        "罚款金额（万元）": "0.5", "处罚决定日期": "2026-10-04",
    },
    "示市监罚〔2026〕103号": {
        "行政相对人名称": "张某某", "行政相对人类别": "自然人", "罚款金额（万元）": "", "处罚决定日期": "2026-10-05",
    },
    "示市监罚〔2026〕104号": {
        "行政相对人类别": "法人及非法人组织", "罚款金额（万元）": "", "行政相对人代码_2": "", "处罚决定日期": "2026-10-06",
        "处罚类别": "其他（需注明）：责令改正",
    },
    "示市监罚〔2026〕105号": {"处罚决定日期": "2026-10-07", "处罚类别": "暂扣或者吊销许可证、暂扣或者吊销执照"},
}


def write_csv(path, rows, encoding="utf-8-sig"):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue().encode(encoding))


def write_xlsx(path, rows, title="", sheet="Sheet1", text_columns=()):
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    if title:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=4)
    for row in rows:
        ws.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def published(output, key):
    text = (output / "data" / f"{key}.csv").read_text(encoding="utf-8-sig")
    return {r[schema.TABLES_BY_KEY[key].id_column]: r for r in csv.DictReader(io.StringIO(text))}


def page(output, table, doc):
    return (output / table.key / f"{record_slug(table, doc, PUBLIC_URL_KEY)}.html").read_text(encoding="utf-8")


def every_output_text(output):
    return "\n".join(
        p.read_text(encoding="utf-8", errors="replace") for p in output.rglob("*")
        if p.is_file() and p.suffix in (".html", ".csv", ".json", ".xml", ".txt")
    )


def load_error(data):
    with pytest.raises(pipeline.DisclosureDataError) as error:
        pipeline.load_and_validate(data)
    return str(error.value)


# -- a 2019-standard export with its variants, as GB18030 CSV ---------------------------------

@pytest.fixture(scope="module")
def export_2019_site(tmp_path_factory):
    from disclosure.testing.synthetic import write_dataset

    data = tmp_path_factory.mktemp("export2019") / "data"
    write_dataset(data, n_decisions=24, seed=7)
    write_csv(data / schema.PENALTIES.path, [EXPORT_2019_HEADER] + EXPORT_2019_ROWS, encoding="gb18030")
    output = data.parent / "output"
    process = build_site(output, data, settings=EVERY_PENALTY_SETTINGS)
    assert_built(process)
    return data, output, process.stdout + process.stderr


def test_2019_export_values_are_published_in_canonical_form(export_2019_site):
    _, output, _ = export_2019_site
    rows = published(output, "penalties")
    assert set(rows) == set(EXPECTED_2019)
    for doc, expected in EXPECTED_2019.items():
        for column, value in expected.items():
            assert rows[doc][column] == value, (doc, column, rows[doc][column])


def test_2019_export_pages_show_the_values(export_2019_site):
    _, output, _ = export_2019_site
    first = page(output, schema.PENALTIES, "示市监罚〔2026〕101号")
    for value in (COMPANY_CODE, "2026-10-03", "0.5", "法人及非法人组织", "没收违法所得、没收非法财物", "2099-12-31"):
        assert value in first, value
    person = page(output, schema.PENALTIES, "示市监罚〔2026〕103号")
    assert "张某某" in person and "张三丰" not in person and "自然人" in person


def test_2019_export_never_publishes_id_numbers_or_the_placeholder(export_2019_site):
    _, output, _ = export_2019_site
    text = every_output_text(output)
    assert LEGAL_REP_ID not in text
    assert PLACEHOLDER not in text


def test_2019_export_conversions_are_reported(export_2019_site):
    _, _, log = export_2019_site
    assert "“5000元”已按元换算为 0.5 万元" in log
    assert "“1200元”已按元换算为 0.12 万元" in log


def test_compound_categories_count_once_in_statistics(export_2019_site):
    data, _, _ = export_2019_site
    from disclosure.data.validation import split_multi

    assert split_multi("罚款；没收违法所得、没收非法财物") == ["没收违法所得、没收非法财物", "罚款"]
    assert split_multi("其他（需注明）：责令改正") == ["其他"]
    assert split_multi("警告、罚款") == ["警告", "罚款"]


# -- the 2016 (first) national standard ------------------------------------------------------

HEADER_2016 = [
    "行政相对人名称", "行政相对人类别", "行政相对人代码_1", "行政相对人代码_2（组织机构代码）", "行政相对人代码_3",
    "行政相对人代码_4", "行政相对人代码_5", "行政处罚决定书文号", "违法行为类型", "违法事实", "处罚依据", "处罚类别",
    "处罚内容", "罚款金额（万元）", "处罚决定日期", "处罚机关", "处罚机关统一社会信用代码", "数据来源单位",
    "数据来源单位统一社会信用代码",
]


def row_2016(name, kind, codes, doc, fine, content):
    return [name, kind, *codes, doc, "违反食品安全管理规定", "经营超过保质期的食品。", "《中华人民共和国食品安全法》第一百二十四条",
            "罚款", content, fine, "2026-10-10", AGENCY, AGENCY_CODE, AGENCY, AGENCY_CODE]


def test_2016_standard_file_is_mapped_by_its_own_numbering(small_data, tmp_path):
    write_csv(small_data / schema.PENALTIES.path, [
        HEADER_2016,
        row_2016("示例戊食品有限公司", "法人及非法人组织", [COMPANY_CODE, "59800001-5", "110105000000777", "", ""],
                 "示食药罚〔2026〕1号", "2", "罚款人民币20000元。"),
        row_2016("李四", "自然人", ["", "", "", "", PERSON_ID], "示食药罚〔2026〕2号", "0.3", "罚款人民币3000元。"),
    ])
    output = tmp_path / "output"
    process = build_site(output, small_data, settings=EVERY_PENALTY_SETTINGS)
    assert_built(process)
    assert "2016 年（第一版）双公示数据标准" in process.stdout + process.stderr
    rows = published(output, "penalties")
    company = rows["示食药罚〔2026〕1号"]
    assert company["行政相对人代码_3"] == "59800001-5"  # 组织机构代码, not 工商注册号
    assert company["行政相对人代码_2"] == "110105000000777"  # 工商登记码
    assert company["行政相对人代码_5"] == ""  # not 事业单位证书号
    assert company["罚款金额（万元）"] == "2"
    assert rows["示食药罚〔2026〕2号"]["行政相对人名称"] == "李某某"
    assert PERSON_ID not in every_output_text(output)


def test_resident_id_under_a_2019_code_column_is_an_error(small_data):
    header = [h.split("（")[0] if h.startswith("行政相对人代码_2") else h for h in HEADER_2016]
    write_csv(small_data / schema.PENALTIES.path, [
        header, row_2016("李四", "自然人", ["", "", "", "", PERSON_ID], "示食药罚〔2026〕2号", "0.3", "罚款人民币3000元。"),
    ])
    message = load_error(small_data)
    assert "第2行“行政相对人代码_5”列" in message and "居民身份证号" in message and PERSON_ID in message


# -- Excel workbooks ---------------------------------------------------------------------------

def test_workbook_with_title_row_is_read_with_its_digits_and_dates(small_data, tmp_path):
    (small_data / schema.PENALTIES.path).unlink()
    rows = [EXPORT_2019_HEADER]
    for row in EXPORT_2019_ROWS[:4]:
        row = list(row)
        rows.append(row)
    # Date cells as Excel stores them: a real date, a date with a time of day, and a serial number.
    date_col = EXPORT_2019_HEADER.index("处罚决定日期")
    rows[1][date_col] = datetime(2026, 10, 3)
    rows[2][date_col] = datetime(2026, 10, 4, 9, 15)
    rows[3][date_col] = (date(2026, 10, 5) - date(1899, 12, 30)).days  # 46300-ish, a General-format cell
    rows[4][date_col] = "2026-10-06"
    write_xlsx(small_data / "decisions" / "penalties.xlsx", rows, title="示例市市场监督管理局行政处罚信息公示（2026年10月）",
               sheet="行政处罚")
    output = tmp_path / "output"
    process = build_site(output, small_data, settings=EVERY_PENALTY_SETTINGS)
    assert_built(process)
    log = process.stdout + process.stderr
    assert "表头在第2行" in log
    published_rows = published(output, "penalties")
    assert set(published_rows) == {"示市监罚〔2026〕101号", "示市监罚〔2026〕102号", "示市监罚〔2026〕103号", "示市监罚〔2026〕104号"}
    assert [published_rows[d]["处罚决定日期"] for d in sorted(published_rows)] == [
        "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06"]
    assert published_rows["示市监罚〔2026〕101号"]["行政相对人代码_1"] == COMPANY_CODE
    assert published_rows["示市监罚〔2026〕101号"]["行政相对人代码_2"] == "110105000000123"
    assert published_rows["示市监罚〔2026〕102号"]["罚款金额（万元）"] == "0.5"
    assert "2026-10-05" in page(output, schema.PENALTIES, "示市监罚〔2026〕103号")


def test_officers_workbook_with_export_headers(small_data, tmp_path):
    header = ["姓名", "单位", "执法证号", "执法类别", "执法区域", "证件有效期", "发布状态"]
    rows = [header,
            ["赵一", "示例市市场监督管理局", "11010001001", "市场监管", "示例市", "长期", "在岗"],
            ["钱二", "示例市市场监督管理局", "11010001002", "市场监管", "示例市", datetime(2028, 6, 30), "在岗"],
            [None] * len(header)]
    (small_data / schema.OFFICERS.path).unlink()
    write_xlsx(small_data / "officers.xlsx", rows)
    records, _ = pipeline.load_and_validate(small_data)
    officers = {r.id: r for r in records["officers"]}
    assert set(officers) == {"11010001001", "11010001002"}
    assert officers["11010001001"].dates["证件有效期至"] == date(2099, 12, 31)
    assert officers["11010001002"].dates["证件有效期至"] == date(2028, 6, 30)
    assert officers["11010001002"].get("状态") == "在岗"


def test_long_number_in_a_workbook_is_reported_as_excel_damage(small_data):
    (small_data / schema.PENALTIES.path).unlink()
    rows = [EXPORT_2019_HEADER, list(EXPORT_2019_ROWS[0])]
    rows[1][EXPORT_2019_HEADER.index("行政相对人代码_2(工商注册号)")] = 919901000000000001  # typed as a number
    write_xlsx(small_data / "decisions" / "penalties.xlsx", rows)
    message = load_error(small_data)
    assert "data/decisions/penalties.xlsx 第2行“行政相对人代码_2”列" in message
    assert "科学计数法" in message and "Excel" in message and "文本" in message


def test_table_given_as_csv_and_workbook_is_an_error(small_data):
    write_xlsx(small_data / "decisions" / "penalties.xlsx", [EXPORT_2019_HEADER, EXPORT_2019_ROWS[0]])
    message = load_error(small_data)
    assert "data/decisions/penalties.csv" in message and "data/decisions/penalties.xlsx" in message
    assert "只保留一个" in message


def test_workbook_saved_under_a_csv_name_is_explained(small_data):
    path = small_data / schema.PENALTIES.path
    path.unlink()
    write_xlsx(path.with_suffix(".tmp"), [EXPORT_2019_HEADER, EXPORT_2019_ROWS[0]])
    path.with_suffix(".tmp").rename(path)
    message = load_error(small_data)
    assert "data/decisions/penalties.csv" in message and "Excel 工作簿" in message and "penalties.xlsx" in message


def test_utf16_unicode_text_under_a_csv_name_is_explained(small_data):
    path = small_data / schema.OFFICERS.path
    text = path.read_text(encoding="utf-8-sig").replace(",", "\t")
    path.write_bytes(text.encode("utf-16"))
    message = load_error(small_data)
    assert "data/officers.csv" in message and "UTF-16" in message and "Unicode 文本" in message and "CSV UTF-8" in message


# -- plausibility --------------------------------------------------------------------------------

def test_yuan_typed_into_the_wan_column_is_an_error_naming_both(small_data):
    row = export_row("示例甲贸易有限公司", "法人", COMPANY_CODE, "示市监罚〔2026〕101号", "罚款",
                     "罚款人民币5000元。", "5000", "2026-10-03")
    write_csv(small_data / schema.PENALTIES.path, [EXPORT_2019_HEADER, row])
    message = load_error(small_data)
    assert "第2行“罚款金额（万元）”列" in message
    assert "5000 万元" in message and "罚款人民币5000元" in message and "0.5 万元" in message


def test_scientific_notation_in_a_code_column_is_an_error_saying_excel_did_it(small_data):
    row = export_row("示例甲贸易有限公司", "法人", "9.19901E+17", "示市监罚〔2026〕101号", "警告", "警告。", "", "2026-10-03")
    write_csv(small_data / schema.PENALTIES.path, [EXPORT_2019_HEADER, row])
    message = load_error(small_data)
    assert "第2行“行政相对人代码_1”列" in message and "“9.19901E+17”是科学计数法" in message
    assert "Excel" in message and "“文本”格式" in message and "模板" in message


def test_decision_numbers_differing_only_in_brackets_are_duplicates(small_data):
    docs = ["示市监罚〔2026〕9号", "示市监罚[2026]9号", "示市监罚(2026)9号", "示市监罚（2026）9号", "示市监罚【2026】 9号"]
    rows = [EXPORT_2019_HEADER] + [
        export_row("示例甲贸易有限公司", "法人", COMPANY_CODE, doc, "警告", "警告。", "", "2026-10-03") for doc in docs]
    write_csv(small_data / schema.PENALTIES.path, rows)
    message = load_error(small_data)
    for row in range(3, 7):
        assert f"第{row}行“行政处罚决定书文号”列" in message
    assert message.count("是同一个文书号") == 4


def test_near_miss_of_an_alias_is_still_an_error(small_data):
    header = [h if h != "处罚金额（万元）" else "处罚金 额（万元）" for h in EXPORT_2019_HEADER]
    row = export_row("示例甲贸易有限公司", "法人", COMPANY_CODE, "示市监罚〔2026〕101号", "警告", "警告。", "", "2026-10-03")
    write_csv(small_data / schema.PENALTIES.path, [header, row])
    message = load_error(small_data)
    assert "“处罚金 额（万元）”不是可用的列名" in message and "罚款金额（万元）" in message


@pytest.mark.parametrize("header", ["行政相对人代码_1", "行政相对人代码-1", "行政相对人代码/1", "行政相对人代码1",
                                    "行政相对人代码_1（统一社会信用代码）", "行政相对人代码-1(统一社会信用代码)",
                                    "统一社会信用代码", "行政相对人代码_3（统一社会信用代码）"])
def test_credit_code_header_variants(small_data, header):
    columns = [header if h == "行政相对人代码-1（统一社会信用代码）" else h for h in EXPORT_2019_HEADER]
    row = export_row("示例甲贸易有限公司", "法人", COMPANY_CODE, "示市监罚〔2026〕101号", "警告", "警告。", "", "2026-10-03")
    write_csv(small_data / schema.PENALTIES.path, [columns, row])
    records, _ = pipeline.load_and_validate(small_data)
    assert records["penalties"][0].get("行政相对人代码_1") == COMPANY_CODE


def test_other_decisions_export_headers_and_random_check_words(small_data):
    others = small_data / schema.OTHERS.path
    text = others.read_text(encoding="utf-8-sig")
    first_line, rest = text.split("\n", 1)
    others.write_text(first_line.replace("执法机关", "执法主体").replace("决定日期", "执法结果日期") + "\n" + rest,
                      encoding="utf-8-sig")
    checks = small_data / schema.RANDOM_CHECKS.path
    rows = list(csv.reader(io.StringIO(checks.read_text(encoding="utf-8-sig"))))
    column = rows[0].index("抽查类别")
    for row, word in zip(rows[1:], ["重点检查事项", "一般抽查", "重点抽查", "一般检查事项"]):
        row[column] = word
    # A title row above the header, as the published lists have.
    write_csv(checks, [["示例市市场监督管理局随机抽查事项清单"]] + rows)
    records, warnings = pipeline.load_and_validate(small_data)
    assert records["others"] and all(r.get("执法机关") and r.decision_date for r in records["others"])
    kinds = [r.get("抽查类别") for r in records["random_checks"]][:4]
    assert kinds == ["重点检查", "一般检查", "重点检查", "一般检查"][:len(kinds)]
    assert any("表头在第2行" in w for w in warnings)
    assert records["random_checks"][0].row == 3


# -- the Excel template --------------------------------------------------------------------------

def test_template_round_trips_every_table(small_data, tmp_path):
    import openpyxl

    from disclosure.data import template

    reference = tmp_path / "from_csv"
    assert_built(build_site(reference, small_data, settings=EVERY_PENALTY_SETTINGS))

    path = template.build(tmp_path / "模板.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "说明"
    for table in schema.INPUT_TABLES:
        sheet = book[table.title]
        assert [c.value for c in sheet[1]] == table.column_names
        source = small_data / table.path
        if not source.exists():
            continue
        rows = list(csv.DictReader(io.StringIO(source.read_text(encoding="utf-8-sig"))))
        for number, row in enumerate(rows, start=2):
            for index, column in enumerate(table.columns, start=1):
                text = row.get(column.name, "")
                value = text
                if text and column.type == schema.DATE:
                    value = datetime.fromisoformat(text)
                elif text and column.type == schema.NUMBER:
                    value = float(text)
                sheet.cell(row=number, column=index, value=value if text else None)
        source.unlink()
    # The code columns are text: what Excel would keep as typed.
    penalties = book[schema.PENALTIES.title]
    code_column = schema.PENALTIES.column_names.index("行政相对人代码_1") + 1
    assert penalties.cell(row=2, column=code_column).number_format == "@"
    assert any(dv.type == "list" for dv in penalties.data_validations.dataValidation)
    book.save(small_data / schema.COMBINED_WORKBOOK)

    output = tmp_path / "from_template"
    assert_built(build_site(output, small_data, settings=EVERY_PENALTY_SETTINGS))
    for table in schema.ALL_TABLES:
        expected = (reference / "data" / f"{table.key}.csv").read_text(encoding="utf-8-sig")
        assert (output / "data" / f"{table.key}.csv").read_text(encoding="utf-8-sig") == expected, table.key


def test_template_sheet_and_csv_for_the_same_table_is_an_error(small_data, tmp_path):
    from disclosure.data import template

    import openpyxl

    book = openpyxl.load_workbook(template.build(tmp_path / "模板.xlsx"))
    sheet = book[schema.PENALTIES.title]
    row = dict(zip(EXPORT_2019_HEADER, EXPORT_2019_ROWS[0]))
    sheet.cell(row=2, column=1, value=row["行政相对人名称"])
    book.save(small_data / schema.COMBINED_WORKBOOK)
    message = load_error(small_data)
    assert "data/decisions/penalties.csv" in message and "data/行政执法公示数据.xlsx 工作表“行政处罚”" in message
    # The other sheets are empty: their CSVs are read as before, without a conflict.
    assert "officers" not in message


def test_random_checks_workbook_with_merged_cells(small_data):
    import openpyxl

    table = schema.RANDOM_CHECKS
    source = small_data / table.path
    rows = list(csv.reader(io.StringIO(source.read_text(encoding="utf-8-sig"))))[:4]
    source.unlink()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["示例市市场监督管理局“双随机、一公开”抽查事项清单"])
    sheet.append(rows[0])
    subject = rows[0].index("抽查主体") + 1
    for row in rows[1:]:
        sheet.append(row)
    sheet.cell(row=3, column=subject, value="示例市市场监督管理局（合并单元格）")
    for r in (4, 5):
        sheet.cell(row=r, column=subject, value=None)
    sheet.merge_cells(start_row=3, start_column=subject, end_row=5, end_column=subject)
    book.save(small_data / "lists" / "random_checks.xlsx")
    records, _ = pipeline.load_and_validate(small_data)
    checks = records["random_checks"]
    assert [r.row for r in checks] == [3, 4, 5]
    assert {r.get("抽查主体") for r in checks} == {"示例市市场监督管理局（合并单元格）"}


@pytest.mark.parametrize("code", ["01", "04", "4"])
def test_numeric_party_type_codes_are_an_error_not_a_guess(small_data, code):
    """Provincial platforms number the party types differently; reading 04 the wrong way would
    publish a natural person's full name, so a code is refused and the words are asked for."""
    from test_input_errors import rewrite_csv

    path = small_data / schema.PENALTIES.path

    def change(rows):
        rows[1][rows[0].index("行政相对人类别")] = code

    rewrite_csv(path, change)
    message = load_error(small_data)
    assert f"“{code}”是数字代码" in message and "行政相对人类别" in message
