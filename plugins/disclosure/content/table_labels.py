"""Python-Markdown extension: tables written in Markdown stack on phones like the data tables.

A Markdown table (a service guide's 申请材料, the 投诉举报途径) gets class="stack" and each
body cell a data-label with its column's header, so on a narrow screen site.css shows each row
as a card with the header beside every value. Without CSS the table is unchanged. Tables
without a header row are left alone: there is nothing to label the cells with.

Enabled in pelicanconf.py as MARKDOWN["extension_configs"]["disclosure.content.table_labels"].
"""

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor


def _text(element):
    return " ".join("".join(element.itertext()).split())


class TableLabels(Treeprocessor):
    def run(self, root):
        for table in root.iter("table"):
            head = table.find("thead")
            header_row = head.find("tr") if head is not None else None
            if header_row is None:
                continue
            headers = [_text(th) for th in header_row]
            if not any(headers):
                continue
            classes = (table.get("class") or "").split()
            table.set("class", " ".join(classes + ["stack"]))
            for body in table.findall("tbody"):
                for row in body.findall("tr"):
                    for index, cell in enumerate(row):
                        if cell.tag == "td" and index < len(headers) and headers[index]:
                            cell.set("data-label", headers[index])


class TableLabelsExtension(Extension):
    def extendMarkdown(self, md):
        # After the inline patterns (20), so a header's text is final.
        md.treeprocessors.register(TableLabels(md), "table_labels", 15)


def makeExtension(**kwargs):
    return TableLabelsExtension(**kwargs)
