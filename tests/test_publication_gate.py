"""What the gate withholds appears in no output file; what it publishes is masked."""

from disclosure.data import schema
from disclosure.rules.gate import PUBLIC_URL_KEY, record_slug
from disclosure.rules.masking import ID_NUMBER, is_resident_id_number
from disclosure.testing.synthetic import LANDMARKS

from site_files import site_texts

WITHHELD = ("penalty_revoked", "penalty_expired", "penalty_scheduled", "permit_reissued")
# The reissued permit's party holds the new, published permit: only its old 文书号 must go.
PARTY_ALSO_WITHHELD = ("penalty_revoked", "penalty_expired", "penalty_scheduled")


def test_withheld_decisions_appear_in_no_output_file(example_site):
    texts = site_texts(example_site)
    assert any(name.startswith("pagefind/fragment/") for name in texts)
    leaks = []
    for key in WITHHELD:
        landmark = LANDMARKS[key]
        values = (landmark["id"], landmark["name"]) if key in PARTY_ALSO_WITHHELD else (landmark["id"],)
        for value in values:
            leaks += [(key, value, name) for name, text in texts.items() if value in text]
    assert leaks == []


def test_officers_withheld_by_the_gate_appear_nowhere(example_site):
    texts = site_texts(example_site)
    for key in ("officer_expired", "officer_transferred"):
        number = LANDMARKS[key]["id"]
        assert [n for n, t in texts.items() if number in t] == []


def test_withdrawn_decision_leaves_a_notice_without_the_party(example_site):
    landmark = LANDMARKS["penalty_revoked"]
    notice = (example_site / "penalties" / f"{record_slug(schema.PENALTIES, landmark['id'], PUBLIC_URL_KEY)}.html").read_text(encoding="utf-8")
    assert "本条行政处罚信息已撤下" in notice
    assert "2025年9月10日依法撤销" in notice
    assert "经行政复议，原处罚决定认定事实不清，依法予以撤销。" in notice
    assert landmark["name"] not in notice and landmark["id"] not in notice
    assert "data-pagefind-body" not in notice


def test_reissued_decision_notice_links_to_the_new_decision(example_site):
    landmark = LANDMARKS["permit_reissued"]
    notice = (example_site / "permits" / f"{record_slug(schema.PERMITS, landmark['id'], PUBLIC_URL_KEY)}.html").read_text(encoding="utf-8")
    assert f"permits/{record_slug(schema.PERMITS, landmark['new_id'], PUBLIC_URL_KEY)}.html" in notice
    assert landmark["id"] not in notice


def test_natural_person_is_masked_everywhere(example_site):
    landmark = LANDMARKS["penalty_natural_person"]
    page = (example_site / "penalties" / f"{record_slug(schema.PENALTIES, landmark['id'], PUBLIC_URL_KEY)}.html").read_text(encoding="utf-8")
    assert "欧阳某某" in page
    texts = site_texts(example_site)
    for secret in (landmark["name"], landmark["phone"]):
        assert [n for n, t in texts.items() if secret in t] == []


def test_no_unmasked_id_number_anywhere(example_site):
    found = [
        (n, m.group(0)) for n, t in site_texts(example_site).items()
        for m in ID_NUMBER.finditer(t) if is_resident_id_number(m.group(0))
    ]
    assert found == []


def test_notice_reason_never_names_the_party_or_the_old_decision(small_data, tmp_path):
    from conftest import assert_built, build_site
    from test_input_errors import rewrite_csv
    from site_files import site_texts

    captured = {}

    def revoke_and_name_everything(rows):
        header = rows[0]
        row = next(r for r in rows[1:] if r[header.index("行政相对人类别")] == "法人及非法人组织")
        captured.update(id=row[header.index("行政处罚决定书文号")], name=row[header.index("行政相对人名称")],
                        code=row[header.index("行政相对人代码_1")])
        row[header.index("状态")] = "撤销"
        row[header.index("状态变更日期")] = "2026-11-01"
        row[header.index("状态说明")] = (f"经复议，{captured['name']}（{captured['code']}）的"
                                         f"{captured['id']}认定事实不清，予以撤销。")

    rewrite_csv(small_data / schema.PENALTIES.path, revoke_and_name_everything)
    output = tmp_path / "site"
    assert_built(build_site(output, small_data))
    notice = (output / "penalties" / f"{record_slug(schema.PENALTIES, captured['id'], PUBLIC_URL_KEY)}.html").read_text(encoding="utf-8")
    assert "认定事实不清，予以撤销" in notice
    for value in captured.values():
        assert value not in notice
    assert [n for n, t in site_texts(output).items() if captured["id"] in t] == []
