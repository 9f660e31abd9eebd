"""Privacy masking rules, one by one."""

from disclosure.rules.masking import (
    BANK_CARD_MASK, ID_MASK, MOBILE_MASK, mask_free_text, mask_person_name,
)


def test_person_names_keep_only_the_surname():
    assert mask_person_name("张三") == "张某某"
    assert mask_person_name("李建国") == "李某某"


def test_compound_surnames_are_kept_whole():
    assert mask_person_name("欧阳明辉") == "欧阳某某"
    assert mask_person_name("司马懿") == "司马某某"


def test_id_mobile_and_bank_numbers_are_masked():
    text = "当事人身份证号11010519491231002X，电话13912345678，账户6222 0212 3456 7890 128。"
    masked = mask_free_text(text)
    assert "11010519491231002X" not in masked and ID_MASK in masked
    assert "13912345678" not in masked and MOBILE_MASK in masked
    assert "6222 0212 3456 7890 128" not in masked and BANK_CARD_MASK in masked


def test_short_numbers_and_dates_stay():
    text = "于2025年3月12日罚款2.5万元，文书号示发改罚〔2025〕17号，面积12000平方米。"
    assert mask_free_text(text) == text


def test_full_name_in_free_text_is_masked():
    masked = mask_free_text("欧阳明辉未按规定报送能源利用状况报告。", ["欧阳明辉"])
    assert masked == "欧阳某某未按规定报送能源利用状况报告。"


def test_resident_id_check_is_strict_enough_for_credit_codes():
    from disclosure.rules.masking import is_resident_id_number

    assert is_resident_id_number("11010519491231002X")
    assert not is_resident_id_number("919901717831035665")  # an all-digit 统一社会信用代码
    assert not is_resident_id_number("110105194912310021")  # wrong check digit


def test_a_project_code_is_not_a_bank_card_but_a_card_beside_it_is():
    # 投资项目统一代码: 20 digits, of which the last 16 are grouped like a card.
    text = "项目代码2025-990104-34-03-443701，备案证明见附件。"
    assert mask_free_text(text) == text
    carded = "项目代码2025-990104-34-03-443701，退款账户6222-0212-3456-7890-128。"
    masked = mask_free_text(carded)
    assert "2025-990104-34-03-443701" in masked
    assert "6222-0212-3456-7890-128" not in masked and BANK_CARD_MASK in masked
    # Only that exact shape: a longer run, or one with a different grouping, is still masked.
    assert BANK_CARD_MASK in mask_free_text("账户990104-34-03-443701")
    assert BANK_CARD_MASK in mask_free_text("账户2025-9901043-4-03-443701")
