"""执法文书样本: the files an agency drops in content/documents/, listed for download.

An optional content/documents/目录.csv (文件, 名称, 日期, 说明) gives each file
its display name, date and note; a file it does not mention is listed under
its file name. Pelican copies the files themselves (STATIC_PATHS).
"""

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from ..data.loading import decode
from ..data.paths import is_plain_file_name
from ..data.problems import Problem
from ..data.validation import parse_date

INDEX_FILE = "目录.csv"
KINDS = {
    ".pdf": "PDF", ".doc": "Word", ".docx": "Word", ".wps": "WPS 文字", ".odt": "ODF 文本",
    ".xls": "Excel", ".xlsx": "Excel", ".et": "WPS 表格", ".ods": "ODF 表格",
}


@dataclass
class Document:
    file: str
    name: str
    kind: str
    size: int
    date: object = None
    note: str = ""

    @property
    def url(self):
        # A file name may hold #, ?, % or spaces; the href must still name the file.
        return f"documents/{quote(self.file)}"


def list_documents(content_dir):
    """Return ([Document], [Problem]) for content/documents."""
    folder = Path(content_dir) / "documents"
    if not folder.is_dir():
        return [], []
    index, problems = {}, []
    index_path = folder / INDEX_FILE
    source = f"content/documents/{INDEX_FILE}"
    if index_path.exists():
        text, _ = decode(index_path.read_bytes())
        for row_number, row in enumerate(csv.DictReader(io.StringIO(text or "")), start=2):
            file = (row.get("文件") or "").strip()
            if not is_plain_file_name(file):
                problems.append(Problem(source, f"“{file}”不是 content/documents 中的文件名", "只写文件名，不含文件夹、“..”或盘符", row_number, "文件"))
                continue
            if not (folder / file).is_file():
                problems.append(Problem(source, f"文件“{file}”不在 content/documents 中", "与文件名完全一致", row_number, "文件"))
                continue
            day = None
            if (row.get("日期") or "").strip():
                try:
                    day = parse_date(row["日期"])
                except ValueError:
                    problems.append(Problem(source, f"“{row['日期']}”不是有效日期", "YYYY-MM-DD", row_number, "日期"))
            index[file] = ((row.get("名称") or "").strip() or Path(file).stem, day, (row.get("说明") or "").strip())
    documents = []
    for path in sorted(folder.iterdir()):
        kind = KINDS.get(path.suffix.lower())
        if kind is None or not path.is_file():
            continue
        name, day, note = index.get(path.name, (path.stem, None, ""))
        documents.append(Document(path.name, name, kind, path.stat().st_size, day, note))
    return documents, problems
