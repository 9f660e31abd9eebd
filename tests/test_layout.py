"""The plugin's folders show its data flow; an import never points to a later stage."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "disclosure"

# Stage of each folder (or top-level module). An import must go to a lower stage,
# or stay inside its own folder. `rules` and `content` are siblings: both read
# only `data`, neither the other.
STAGES = {
    "data": 0,
    "rules": 1,
    "content": 1,
    "outputs": 2,
    "pipeline": 2,
    "checks": 3,
    "generator": 4,
    "timings": 3,  # stage timings, written by the generator
    "commands": 5,
    "testing": 5,
    "portal": 6,  # a separate flow over the agencies' published outputs (reads no raw data)
    "__main__": 6,  # python -m disclosure: the command line, on top of everything
}


def unit_of(module_path):
    """'data' for data/schema.py, 'pipeline' for pipeline.py, None for the package's __init__."""
    relative = module_path.relative_to(PACKAGE)
    if len(relative.parts) > 1:
        return relative.parts[0]
    return None if relative.stem == "__init__" else relative.stem


def imported_units(module_path):
    """Each (line, unit) this module imports from inside the package."""
    own_package = module_path.relative_to(PACKAGE).parent.parts
    tree = ast.parse(module_path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(own_package[: len(own_package) - (node.level - 1)])
            elif node.module and node.module.split(".")[0] == "disclosure":
                base = []
                node_module = node.module.split(".", 1)[1] if "." in node.module else ""
                yield from _targets(node, base, node_module)
                continue
            else:
                continue
            yield from _targets(node, base, node.module or "")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "disclosure" and len(parts) > 1:
                    yield node.lineno, parts[1]


def _targets(node, base, module):
    path = base + [p for p in module.split(".") if p]
    if path:
        yield node.lineno, path[0]
    else:  # from . import a, b  at the package root
        for alias in node.names:
            yield node.lineno, alias.name


def test_every_folder_and_module_has_a_stage():
    units = {unit_of(p) for p in PACKAGE.rglob("*.py")} - {None}
    assert units == set(STAGES), "a new folder or top-level module needs its stage in STAGES"


def test_each_folder_says_what_it_owns():
    for folder in (p for p in PACKAGE.iterdir() if p.is_dir() and p.name in STAGES):
        docstring = ast.get_docstring(ast.parse((folder / "__init__.py").read_text(encoding="utf-8")))
        assert docstring and len(docstring) > 80, f"{folder.name}/__init__.py must say what it owns"


def test_no_import_points_to_a_later_stage():
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = unit_of(path)
        if source is None:
            continue  # register(): wires signals to the generator
        for line, target in imported_units(path):
            if target == source:
                continue
            if target not in STAGES or STAGES[target] >= STAGES[source]:
                upward.append(f"{path.relative_to(PACKAGE)}:{line} imports {target}")
    assert not upward, "imports against the data flow:\n" + "\n".join(upward)


def test_the_check_catches_an_upward_import(tmp_path, monkeypatch):
    """The test above is only worth something if it can fail."""
    fake = tmp_path / "disclosure"
    (fake / "data").mkdir(parents=True)
    (fake / "data" / "bad.py").write_text("from ..outputs.pages import PageWriter\n", encoding="utf-8")
    monkeypatch.setattr(__import__(__name__), "PACKAGE", fake)
    found = list(imported_units(fake / "data" / "bad.py"))
    assert found == [(1, "outputs")]
    assert STAGES["outputs"] > STAGES[unit_of(fake / "data" / "bad.py")]
