"""Files published from the repository stay inside it.

A symbolic link in data/ or content/ could point at /etc/passwd or at another
agency's files; Pelican and pandas would follow it and publish what it points at.
"""

import os
from pathlib import Path, PurePosixPath, PureWindowsPath

from .problems import Problem


def links_leaving(root, shown_root):
    """[Problem] for every symbolic link under root whose target resolves outside root."""
    root = Path(root)
    if not root.exists():
        return []
    real_root = root.resolve()
    problems = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(folder, name)
            if not path.is_symlink():
                continue
            target = path.resolve()
            if target != real_root and real_root not in target.parents:
                shown = f"{shown_root}/{path.relative_to(root).as_posix()}"
                problems.append(Problem(
                    shown, f"这是指向 {shown_root}/ 以外（{os.readlink(path)}）的符号链接，不能发布",
                    f"把文件本身复制到 {shown_root}/ 中，或删除这个链接",
                ))
    return problems


def is_plain_file_name(name):
    """True for a bare file name: no folder part, no '..', not absolute (POSIX or Windows)."""
    if not name or name in (".", ".."):
        return False
    return (len(PurePosixPath(name).parts) == 1 and len(PureWindowsPath(name).parts) == 1
            and not PureWindowsPath(name).drive)
