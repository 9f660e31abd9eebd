"""A 投资项目统一代码 (2025-440104-34-03-443705) is public in permits: neither masked nor a finding,
though its last 16 digits are grouped like a bank card and may even pass the card check."""

from disclosure.rules.masking import BANK_CARD_MASK, mask_free_text
from test_leak_check_fast_paths import messages

CODE = "2025-440104-34-03-443705"  # 4401043403443705 passes Luhn and starts like a card
CARD = "6222-0212-3456-7890-128"


def test_the_leak_check_reads_a_project_code_whole():
    assert messages({"permits/a.html": f"<p>项目代码：{CODE}</p>"}) == []
    found = messages({"permits/a.html": f"<p>项目代码：{CODE}，退款账户{CARD}</p>"})
    assert len(found) == 1 and "银行卡号" in found[0]
    # The same 16 digits without the year are still a card.
    assert any("银行卡号" in m for m in messages({"permits/a.html": f"<p>账户{CODE[5:]}</p>"}))


def test_masking_leaves_the_project_code_and_the_leak_check_agrees():
    text = f"项目代码{CODE}，退款账户{CARD}。"
    masked = mask_free_text(text)
    assert CODE in masked and CARD not in masked and BANK_CARD_MASK in masked
    assert messages({"permits/a.html": f"<p>{masked}</p>"}) == []
