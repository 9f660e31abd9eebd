"""No command destroys what it did not make (issue 12).

make build replaces only a folder an earlier build made; make publish mirrors (with deletion)
only into a folder an earlier deploy made, after scanning what it sends; make serve and make
clean keep to their own folders. Every command runs for real, as a subprocess; whatever could
be destroyed is a temporary copy: the "repository" here is a fresh git repository in tmp_path.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

import pytest

from conftest import EXAMPLE_AS_OF, ROOT, assert_built, build_site, require_tool, tree_snapshot
from test_publishing import run_module

BUILD_MARKER = ".disclosure-build"
DEPLOY_MARKER = ".disclosure-deploy"
# A resident ID number with a valid check digit: a leak the scanner must stop.
LEAKED_ID = "11010519491231002X"


def everything(folder):
    """Every file's bytes and every folder under folder (bytecode aside): "intact" means equal."""
    return {
        str(p.relative_to(folder)): p.read_bytes() if p.is_file() else "folder"
        for p in sorted(folder.rglob("*")) if "__pycache__" not in p.parts
    }


def without_markers(snapshot):
    return {name: content for name, content in snapshot.items() if name not in (BUILD_MARKER, DEPLOY_MARKER)}


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISCLOSURE_")}
    env.update(DISCLOSURE_AS_OF=EXAMPLE_AS_OF, PYTHONDONTWRITEBYTECODE="1", **extra)
    return env


def deploy(source, *args, data, **env):
    return run_module("disclosure.commands.deploy", source, *args, data_dir=data, PYTHONDONTWRITEBYTECODE="1", **env)


def foreign_site(folder):
    """Someone else's website: what a mistyped DEPLOY_TARGET or OUTPUT might name."""
    (folder / "uploads").mkdir(parents=True)
    (folder / "index.php").write_text("<?php require 'wp-blog-header.php';", encoding="utf-8")
    (folder / "uploads" / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    return folder


# -- a throwaway repository and make ------------------------------------------------------

class Repository:
    """A copy of the project in tmp_path/box/repo with its own data/ and .git, driven by make."""

    def __init__(self, tmp_path, data):
        self.box = tmp_path / "box"
        self.path = self.box / "repo"
        self.path.mkdir(parents=True)
        for name in ("Makefile", "pelicanconf.py", "publishconf.py", "requirements.txt"):
            shutil.copy2(ROOT / name, self.path / name)
        for name in ("content", "theme", "plugins"):
            shutil.copytree(ROOT / name, self.path / name, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(data, self.path / "data")
        (self.path / "docs").mkdir()
        (self.path / "docs" / "说明.md").write_text("# 本机关的说明\n", encoding="utf-8")
        subprocess.run(["git", "init", "-q"], cwd=self.path, check=True)
        # make's own BIN: this Python, so make never sets up (or touches) a virtualenv here.
        self.bin = tmp_path / "bin"
        self.bin.mkdir()
        for tool, module in (("python", None), ("pelican", "pelican")):
            run = f'exec {sys.executable} -m {module} "$@"' if module else f'exec {sys.executable} "$@"'
            (self.bin / tool).write_text(f"#!/bin/sh\n{run}\n", encoding="utf-8")
            (self.bin / tool).chmod(0o755)
        (self.bin / ".requirements-installed").touch()

    def make_command(self, *args):
        stamp = f"{self.bin}/.requirements-installed"
        return ["make", "--no-print-directory", f"BIN={self.bin}", "-o", stamp, *args]

    def make(self, *args):
        return subprocess.run(self.make_command(*args), cwd=self.path, env=clean_env(),
                              capture_output=True, text=True, timeout=600)


@pytest.fixture
def repository(tmp_path, small_data):
    require_tool("make", "apt-get install make")
    require_tool("git", "apt-get install git")
    return Repository(tmp_path, small_data)


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    from disclosure.testing.synthetic import write_dataset

    data = tmp_path_factory.mktemp("safety") / "data"
    write_dataset(data, n_decisions=24, seed=7)
    return data


@pytest.fixture(scope="module")
def built(dataset):
    """A site made by make build's command (marker and all); tests copy it before changing it."""
    site = dataset.parent / "site"
    process = run_module("disclosure.commands.build", "--output", site, data_dir=dataset,
                         report_dir=dataset.parent / "reports")
    assert_built(process)
    return site


# -- make build ---------------------------------------------------------------------------

@pytest.mark.parametrize("output", [".", "..", "data", "content", "theme", "plugins", ".git", "data/site", "docs"])
def test_build_refuses_the_repository_its_parent_and_its_source_folders(repository, output):
    whole = repository.box.parent  # the repository, its parent, and where staging folders would go
    before = everything(whole)
    process = repository.make("build", f"OUTPUT={output}")
    assert process.returncode == 2, process.stdout + process.stderr
    assert "不能生成到" in process.stderr and "没有改动任何文件" in process.stderr
    assert everything(whole) == before


def test_build_refuses_a_data_folder_outside_the_repository_and_what_holds_it(small_data, tmp_path):
    before = everything(tmp_path)
    for output in (small_data, small_data / "decisions", tmp_path):
        process = run_module("disclosure.commands.build", "--output", output, data_dir=small_data,
                             report_dir=tmp_path / "reports", PYTHONDONTWRITEBYTECODE="1")
        assert process.returncode == 2, process.stderr
        assert "源文件目录" in process.stderr
    assert everything(tmp_path) == before


def test_build_refuses_a_non_empty_folder_it_did_not_make_and_replaces_its_own(small_data, tmp_path):
    users = foreign_site(tmp_path / "site")
    before = everything(users)
    refused = run_module("disclosure.commands.build", "--output", users, data_dir=small_data, report_dir=tmp_path / "r")
    assert refused.returncode == 2
    assert BUILD_MARKER in refused.stderr and "make build" in refused.stderr
    assert everything(users) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "site"]

    # An empty folder, then the build's own folder, are replaced; the marker says who made it.
    empty = tmp_path / "empty"
    empty.mkdir()
    assert_built(run_module("disclosure.commands.build", "--output", empty, data_dir=small_data, report_dir=tmp_path / "r"))
    marker = json.loads((empty / BUILD_MARKER).read_text(encoding="utf-8"))
    assert marker == {"as_of": EXAMPLE_AS_OF, "generator": "disclosure.commands.build"}
    first = tree_snapshot(empty)
    assert_built(run_module("disclosure.commands.build", "--output", empty, data_dir=small_data, report_dir=tmp_path / "r"))
    assert tree_snapshot(empty) == first, "the same inputs must give the same bytes, the marker included"
    # The replaced site is deleted in the background, after the command returned.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and [p for p in tmp_path.iterdir() if p.name.startswith(".")]:
        time.sleep(0.2)
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_build_never_deletes_a_folder_that_only_happens_to_have_the_staging_name(small_data, tmp_path):
    lookalike = tmp_path / ".site.building"
    lookalike.mkdir()
    (lookalike / "notes.txt").write_text("not the build's", encoding="utf-8")
    process = run_module("disclosure.commands.build", "--output", tmp_path / "site", data_dir=small_data,
                         report_dir=tmp_path / "r")
    assert process.returncode == 2 and ".site.building" in process.stderr
    assert (lookalike / "notes.txt").read_text(encoding="utf-8") == "not the build's"
    assert not (tmp_path / "site").exists()


# -- make publish: where it may write -------------------------------------------------------

def test_publish_refuses_the_repository_its_parent_and_anything_inside_it(repository, tmp_path):
    assert_built(repository.make("build"))
    before = everything(repository.box)
    for target in (".", "..", "docs", "output", "output/site", "data"):
        for extra in ((), ("FORCE=1",), ("DRY_RUN=1",)):
            process = repository.make("publish", f"DEPLOY_TARGET={target}", *extra)
            assert process.returncode == 2, (target, extra, process.stdout + process.stderr)
            assert "不能发布到" in process.stderr and "没有改动任何文件" in process.stderr
    assert everything(repository.box) == before

    # Through make too: FORCE=1 and DRY_RUN=1 reach the command.
    www = foreign_site(tmp_path / "www")
    before = everything(www)
    refused = repository.make("publish", f"DEPLOY_TARGET={www}")
    assert refused.returncode == 2 and "FORCE=1" in refused.stderr and "index.php" in refused.stderr
    listed = repository.make("publish", f"DEPLOY_TARGET={www}", "DRY_RUN=1")
    assert listed.returncode == 0, listed.stderr
    assert "- index.php" in listed.stdout and "+ index.html" in listed.stdout
    assert everything(www) == before
    forced = repository.make("publish", f"DEPLOY_TARGET={www}", "FORCE=1")
    assert forced.returncode == 0, forced.stderr
    assert not (www / "index.php").exists() and (www / DEPLOY_MARKER).is_file()


def test_publish_refuses_the_site_folder_itself_what_is_inside_it_and_what_holds_it(built, dataset, tmp_path):
    site = shutil.copytree(built, tmp_path / "box" / "site")
    before = everything(tmp_path)
    for target in (site, site / "penalties", tmp_path / "box"):
        for extra in ((), ("--force",)):
            process = deploy(site, target, *extra, data=dataset)
            assert process.returncode == 2, (target, extra, process.stdout + process.stderr)
            assert "要发布的网站目录" in process.stderr
    assert everything(tmp_path) == before


def test_publish_into_a_folder_it_did_not_deploy_is_refused_listed_then_forced(built, dataset, tmp_path):
    www = foreign_site(tmp_path / "www")
    before = everything(www)
    refused = deploy(built, www, data=dataset)
    assert refused.returncode == 2
    assert "index.php" in refused.stderr and "uploads/" in refused.stderr and "FORCE=1" in refused.stderr
    assert everything(www) == before

    listed = deploy(built, www, "--dry-run", data=dataset)
    assert listed.returncode == 0, listed.stderr
    assert "FORCE=1" in listed.stdout and "+ index.html" in listed.stdout
    assert "- index.php" in listed.stdout and "- uploads/（整个目录，内有 1 个文件）" in listed.stdout
    assert everything(www) == before

    forced = deploy(built, www, "--force", data=dataset)
    assert forced.returncode == 0, forced.stderr
    assert without_markers(tree_snapshot(www)) == without_markers(tree_snapshot(built))
    assert json.loads((www / DEPLOY_MARKER).read_text(encoding="utf-8"))["generator"] == "disclosure.commands.deploy"
    assert not (www / BUILD_MARKER).exists(), "a deployed site is not a build: make build may not replace it"
    # From now on the folder is ours: no --force needed.
    assert deploy(built, www, data=dataset).returncode == 0


def test_publish_writes_its_marker_and_a_dry_run_lists_add_replace_delete_without_changing_anything(
        built, dataset, tmp_path):
    www = tmp_path / "www"
    first = deploy(built, www, data=dataset)
    assert first.returncode == 0, first.stderr
    assert (www / DEPLOY_MARKER).is_file()

    newer = shutil.copytree(built, tmp_path / "newer")
    (newer / "extra.html").write_text("<p>新增的页面</p>", encoding="utf-8")
    (newer / "index.html").write_text((newer / "index.html").read_text(encoding="utf-8") + "<!-- 改动 -->",
                                      encoding="utf-8")
    gone = next((newer / "penalties").glob("*.html"))
    gone.unlink()
    before = everything(www)
    listed = deploy(newer, www, "--dry-run", data=dataset)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert "  + extra.html" in lines and "  ~ index.html" in lines and f"  - penalties/{gone.name}" in lines
    assert "合计：新增 1 项，替换 1 项，删除 1 项。" in lines
    assert everything(www) == before

    applied = deploy(newer, www, data=dataset)
    assert applied.returncode == 0, applied.stderr
    assert without_markers(tree_snapshot(www)) == without_markers(tree_snapshot(newer))
    assert (www / DEPLOY_MARKER).is_file(), "the deletion pass must keep the marker"


def test_publish_only_sends_what_make_build_made(dataset, tmp_path):
    plain = tmp_path / "plain"
    assert_built(build_site(plain, dataset))  # plain pelican, as make serve does: no leak check, no marker
    refused = deploy(plain, tmp_path / "www", data=dataset)
    assert refused.returncode == 2 and "make build" in refused.stderr and BUILD_MARKER in refused.stderr
    assert not (tmp_path / "www").exists()


def leaky_copy(built, folder):
    site = shutil.copytree(built, folder)
    page = site / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", f"{LEAKED_ID}</body>"), encoding="utf-8")
    return site


def test_a_leaking_site_is_refused_before_anything_is_copied(built, dataset, tmp_path):
    www = tmp_path / "www"
    assert deploy(built, www, data=dataset).returncode == 0
    before = everything(www)
    leaky = leaky_copy(built, tmp_path / "leaky")
    for target in (www, tmp_path / "new"):
        refused = deploy(leaky, target, data=dataset)
        assert everything(www) == before
        assert not (tmp_path / "new").exists()
        assert refused.returncode == 3, refused.stdout + refused.stderr
        assert "身份证号码" in refused.stderr and "没有向" in refused.stderr


# -- make publish to user@host:path, over rsync ------------------------------------------------

def fake_ssh_env(folder):
    """rsync's remote shell, run on this machine: the remote code path without a server."""
    require_tool("rsync", "apt-get install rsync")
    script = folder / "fake-ssh"
    script.write_text('#!/bin/sh\nshift\nexec sh -c "$*"\n', encoding="utf-8")  # drop the host, like ssh would
    script.chmod(0o755)
    return {"RSYNC_RSH": str(script)}


@pytest.fixture
def fake_ssh(tmp_path):
    return fake_ssh_env(tmp_path)


def test_remote_publish_scans_first_keeps_to_its_own_folder_and_can_be_listed(built, dataset, tmp_path, fake_ssh):
    www = foreign_site(tmp_path / "www")
    remote = f"deploy-host:{www}"
    before = everything(www)
    refused = deploy(built, remote, data=dataset, **fake_ssh)
    assert refused.returncode == 2 and "index.php" in refused.stderr and "FORCE=1" in refused.stderr
    listed = deploy(built, remote, "--dry-run", data=dataset, **fake_ssh)
    assert listed.returncode == 0, listed.stderr
    assert "- index.php" in listed.stdout and "+ index.html" in listed.stdout and "- uploads/" in listed.stdout
    assert everything(www) == before

    leaky = leaky_copy(built, tmp_path / "leaky")
    leaking = deploy(leaky, remote, "--force", data=dataset, **fake_ssh)
    assert everything(www) == before
    assert leaking.returncode == 3 and "身份证号码" in leaking.stderr

    forced = deploy(built, remote, "--force", data=dataset, **fake_ssh)
    assert forced.returncode == 0, forced.stderr
    assert without_markers(tree_snapshot(www)) == without_markers(tree_snapshot(built))
    assert (www / DEPLOY_MARKER).is_file() and not (www / BUILD_MARKER).exists()

    (www / "withdrawn.html").write_text("old", encoding="utf-8")
    again = deploy(built, remote, data=dataset, **fake_ssh)
    assert again.returncode == 0, again.stderr
    assert not (www / "withdrawn.html").exists() and (www / DEPLOY_MARKER).is_file()


# -- make serve and make clean --------------------------------------------------------------------

def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_previews_in_its_own_emptied_folder_and_leaves_output_alone(repository):
    output = foreign_site(repository.path / "output")
    before = everything(output)
    preview = repository.path / ".preview"
    preview.mkdir()
    (preview / "withdrawn.json").write_text("{}", encoding="utf-8")
    server = subprocess.Popen(repository.make_command("serve", f"PORT={free_port()}"), cwd=repository.path,
                              env=clean_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        while not (preview / "index.html").is_file() and time.monotonic() < deadline and server.poll() is None:
            time.sleep(0.5)
        assert (preview / "index.html").is_file()
        assert not (preview / "withdrawn.json").exists()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
    assert everything(output) == before
    assert ".preview/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_clean_removes_the_preview_and_the_build_but_not_a_folder_it_did_not_make(repository):
    (repository.path / ".preview").mkdir()
    (repository.path / ".preview" / "index.html").write_text("preview", encoding="utf-8")
    (repository.path / "output").mkdir()
    (repository.path / "output" / BUILD_MARKER).write_text("{}", encoding="utf-8")
    docs = everything(repository.path / "docs")
    kept = repository.make("clean", "OUTPUT=docs")
    assert kept.returncode == 0, kept.stderr
    assert "没有删除" in kept.stdout and everything(repository.path / "docs") == docs
    assert not (repository.path / ".preview").exists()
    cleaned = repository.make("clean")
    assert cleaned.returncode == 0 and not (repository.path / "output").exists()
