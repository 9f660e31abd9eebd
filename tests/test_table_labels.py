"""Markdown tables get their column names on every cell, so they stack on phones like data tables."""

import markdown

from disclosure.content.sanitize import sanitize_html

EXTENSIONS = ["markdown.extensions.extra", "disclosure.content.table_labels"]

MATERIALS = """
| 材料名称 | 份数 | 说明 |
| --- | --- | --- |
| 申请书 | 1 | **加盖**公章 |
| 营业执照 | 1 | |
"""


def test_cells_carry_their_column_name_through_the_sanitizer():
    html = str(sanitize_html(markdown.markdown(MATERIALS, extensions=EXTENSIONS)))
    assert '<table class="stack">' in html
    assert '<td data-label="材料名称">申请书</td>' in html
    assert '<td data-label="说明"><strong>加盖</strong>公章</td>' in html
    assert html.count('data-label="份数"') == 2
    assert '<th data-label' not in html


def test_a_table_without_a_header_row_is_left_alone():
    html = markdown.markdown("<table><tr><td>一</td></tr></table>", extensions=EXTENSIONS)
    assert "stack" not in html and "data-label" not in html


def test_the_site_turns_it_on():
    import pelicanconf

    assert "disclosure.content.table_labels" in pelicanconf.MARKDOWN["extension_configs"]
