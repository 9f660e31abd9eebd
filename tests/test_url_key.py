"""Decision URLs are a keyed hash: without the key, guessing 文书号 recovers nothing (issue 13, item 4).

The attack: 文书号 are an agency prefix, a year and a sequence number, so anyone can list
every likely one, hash each the way the site does, and look the hashes up in the notice
URLs and in the server's 410 map. With a secret key (DISCLOSURE_URL_KEY) that finds
nothing; the server's files are not in the deployed site at all.
"""

import hashlib
import json
import re

import pytest

from conftest import assert_built, build_site, tree_snapshot
from disclosure.data import schema
from disclosure.rules.gate import PUBLIC_URL_KEY, record_slug
from disclosure.testing.synthetic import OTHER_TYPES
from site_files import site_texts
from test_input_errors import rewrite_csv
from test_publishing import run_module

KEY = "kV3q8-9xWz1mP0rT7yLb4nQe6uJc2HsA"  # what an agency keeps as a CI secret
OTHER_KEY = "Zr5tY2uI8oP1aS4dF7gH0jK3lQ6wE9xC"
# 文书号 as the synthetic generator (and a real agency) makes them: prefix〔year〕n号.
PREFIXES = {schema.PENALTIES: ("示发改罚",), schema.PERMITS: ("示发改许",),
            schema.OTHERS: tuple(prefix for prefix, _, _ in OTHER_TYPES.values())}
SLUG = re.compile(r"(?<![0-9a-f])[0-9a-f]{16}(?![0-9a-f])")
EXTRA_WITHDRAWN = {schema.PENALTIES: "示发改罚〔2025〕2号", schema.OTHERS: "示发改检〔2026〕1号"}


def guesses():
    """Every likely 文书号 of every decision table: prefix × year × sequence."""
    for table, prefixes in PREFIXES.items():
        for prefix in prefixes:
            for year in range(2020, 2028):
                for number in range(1, 151):
                    yield table, f"{prefix}〔{year}〕{number}号"


def unsalted(table, record_id):
    """The old page name: SHA-256 of table + 文书号 with no key."""
    return hashlib.sha256(f"{table.key}\n{record_id}".encode("utf-8")).hexdigest()[:16]


def withdraw_more(data):
    for table, doc_id in EXTRA_WITHDRAWN.items():
        def revoke(rows, doc_id=doc_id, table=table):
            row = next(r for r in rows[1:] if r[rows[0].index(table.id_column)] == doc_id)
            row[rows[0].index("状态")] = "撤销"
            row[rows[0].index("状态变更日期")] = "2026-11-02"
            row[rows[0].index("状态说明")] = "经复议撤销。"
        rewrite_csv(data / table.path, revoke)


@pytest.fixture(scope="module")
def keyed(tmp_path_factory):
    """A dataset with withdrawn decisions, built by make build's command with the secret key and deployed."""
    from disclosure.testing.synthetic import write_dataset

    box = tmp_path_factory.mktemp("keyed")
    data = box / "data"
    write_dataset(data, n_decisions=24, seed=7)
    withdraw_more(data)
    output, reports, www = box / "output", box / "reports", box / "www"
    built = run_module("disclosure.commands.build", "--output", output, data_dir=data, report_dir=reports,
                       DISCLOSURE_URL_KEY=KEY)
    assert_built(built)
    deployed = run_module("disclosure.commands.deploy", output, www, data_dir=data, report_dir=reports,
                          DISCLOSURE_URL_KEY=KEY)
    assert deployed.returncode == 0, deployed.stdout + deployed.stderr
    return {"box": box, "data": data, "output": output, "reports": reports, "www": www,
            "logs": built.stdout + built.stderr + deployed.stdout + deployed.stderr}


def notice_slugs(result_site):
    """(table key, slug) of every withdrawal notice in a built site."""
    found = set()
    for page in result_site.glob("*/*.html"):
        if "信息已撤下" in page.read_text(encoding="utf-8"):
            found.add((page.parent.name, page.stem))
    return found


def tokens_of(*folders):
    """Every 16-hex-digit token in every file (decompressed, unescaped) of the folders."""
    found = set()
    for folder in folders:
        for text in site_texts(folder).values():
            found.update(SLUG.findall(text))
    return found


def test_guessing_withdrawn_numbers_finds_nothing_without_the_key(keyed):
    www = keyed["www"]
    notices = notice_slugs(www)
    assert len(notices) == 4  # the example's two withdrawals and two more
    deployed = tokens_of(www, www.with_name("www.server"))
    assert {slug for _, slug in notices} <= deployed  # the 410 map and the notice pages carry them

    without_key = {f(table, doc_id) for table, doc_id in guesses()
                   for f in (unsalted, lambda t, d: record_slug(t, d, PUBLIC_URL_KEY))}
    assert without_key & deployed == set()

    # The same guesses with the key do find every withdrawn 文书号: the attack itself is sound.
    with_key = {(table.key, record_slug(table, doc_id, KEY.encode())): doc_id for table, doc_id in guesses()}
    recovered = {with_key[n] for n in notices if n in with_key}
    assert recovered == {"示发改罚〔2025〕21号", "示发改许〔2025〕40号", *EXTRA_WITHDRAWN.values()}


def test_server_files_are_beside_the_site_and_deployed_beside_it_too(keyed):
    output, www = keyed["output"], keyed["www"]
    for site in (output, www):
        assert not [p for p in site.rglob("*") if p.name in ("withdrawn.map", "security-headers.conf")]
        assert not (site / "_server").exists()
    built_map = (output.with_name("output.server") / "withdrawn.map").read_text(encoding="utf-8")
    deployed_map = (www.with_name("www.server") / "withdrawn.map").read_text(encoding="utf-8")
    assert built_map == deployed_map
    assert sorted(re.findall(r"^(/\w+/[0-9a-f]{16}\.html) 1;$", deployed_map, re.M)) == sorted(
        f"/{key}/{slug}.html" for key, slug in notice_slugs(www))
    assert "〔" not in deployed_map and "示发改" not in deployed_map


def test_the_key_appears_in_no_file_and_no_message(keyed):
    box = keyed["box"]
    secret = KEY.encode()
    leaks = [str(p.relative_to(box)) for p in box.rglob("*")
             if p.is_file() and "data" not in p.relative_to(box).parts[:1] and secret in p.read_bytes()]
    assert leaks == []
    assert KEY not in keyed["logs"]
    assert "未设置 DISCLOSURE_URL_KEY" not in keyed["logs"]


def test_same_key_same_bytes_other_key_other_urls(keyed, tmp_path):
    data = keyed["data"]
    again, other = tmp_path / "again", tmp_path / "other"
    assert_built(build_site(again, data, DISCLOSURE_URL_KEY=KEY))
    assert_built(build_site(other, data, DISCLOSURE_URL_KEY=OTHER_KEY))
    built = {n: c for n, c in tree_snapshot(keyed["output"]).items() if n != ".disclosure-build"}
    assert tree_snapshot(again) == built
    server = {n: c for n, c in tree_snapshot(keyed["output"].with_name("output.server")).items()
              if n != ".disclosure-build"}
    assert tree_snapshot(again.with_name("again.server")) == server

    def pages(site):
        return {p.relative_to(site).as_posix() for p in site.glob("*/*.html") if SLUG.fullmatch(p.stem)}
    assert pages(again) and not pages(again) & pages(other)
    assert len(pages(other)) == len(pages(again))


def test_without_a_key_the_build_warns_and_keeps_stable_public_urls(keyed, tmp_path):
    process = build_site(tmp_path / "site", keyed["data"])
    assert_built(process)
    assert "未设置 DISCLOSURE_URL_KEY：决定网址可被推算" in process.stderr
    report = json.loads((tmp_path / "reports" / "compliance.json").read_text(encoding="utf-8"))
    assert any(w.startswith("未设置 DISCLOSURE_URL_KEY") for w in report["warnings"])
    assert (tmp_path / "site" / "penalties" / f"{record_slug(schema.PENALTIES, '示发改罚〔2025〕21号', PUBLIC_URL_KEY)}.html").is_file()
    # An empty variable (an unset CI secret expands to "") is no key either; a short key is warned about.
    empty = build_site(tmp_path / "empty", keyed["data"], DISCLOSURE_URL_KEY="  ")
    assert "未设置 DISCLOSURE_URL_KEY" in empty.stderr
    short = build_site(tmp_path / "short", keyed["data"], DISCLOSURE_URL_KEY="abc123")
    assert_built(short)
    assert "DISCLOSURE_URL_KEY 太短" in short.stderr and "abc123" not in short.stdout + short.stderr


def test_settings_may_name_another_variable(keyed, tmp_path):
    from conftest import ROOT, settings_with_content

    settings = settings_with_content(tmp_path, ROOT / "content")
    with open(settings, "a", encoding="utf-8") as file:
        file.write("DISCLOSURE_URL_KEY_ENV = 'ZFGS_URL_SECRET'\n")
    process = build_site(tmp_path / "site", keyed["data"], settings=settings, ZFGS_URL_SECRET=KEY)
    assert_built(process)
    assert "未设置" not in process.stderr
    assert (tmp_path / "site" / "penalties" / f"{record_slug(schema.PENALTIES, '示发改罚〔2025〕21号', KEY.encode())}.html").is_file()


def test_publish_sends_the_server_files_only_to_the_server_folder(keyed, tmp_path):
    from test_command_safety import fake_ssh_env

    output, data = keyed["output"], keyed["data"]
    built = {n: c for n, c in tree_snapshot(output.with_name("output.server")).items() if n != ".disclosure-build"}

    def deploy(*args, **env):
        return run_module("disclosure.commands.deploy", output, *args, data_dir=data, DISCLOSURE_URL_KEY=KEY, **env)

    # Inside the site they would be public (and the next deploy would delete them): refused before anything is copied.
    www = tmp_path / "www"
    refused = deploy(www, "--server-target", www / "conf")
    assert refused.returncode == 2 and "不能把服务器文件复制到" in refused.stderr and not www.exists()

    listed = deploy(www, "--server-target", tmp_path / "nginx", "--dry-run")
    assert listed.returncode == 0, listed.stderr
    assert f"复制到 {tmp_path / 'nginx'}：新增 2 项" in listed.stdout and not (tmp_path / "nginx").exists()
    named = deploy(www, "--server-target", tmp_path / "nginx")
    assert named.returncode == 0, named.stderr
    assert tree_snapshot(tmp_path / "nginx") == built  # the two files, no marker
    assert not (tmp_path / "www.server").exists()

    # Over rsync, by default beside the site folder.
    remote = tmp_path / "remote"
    sent = deploy(f"deploy-host:{remote}", **fake_ssh_env(tmp_path))
    assert sent.returncode == 0, sent.stderr
    assert tree_snapshot(remote.with_name("remote.server")) == built
    assert not [p for p in remote.rglob("*") if p.name in ("withdrawn.map", "security-headers.conf")]


def test_ci_templates_pass_the_key_and_carry_the_server_files():
    import yaml

    from conftest import ROOT

    github = yaml.safe_load((ROOT / "deploy/github-actions.yml").read_text(encoding="utf-8"))
    assert github["jobs"]["publish"]["env"]["DISCLOSURE_URL_KEY"] == "${{ secrets.DISCLOSURE_URL_KEY }}"
    gitlab = yaml.safe_load((ROOT / "deploy/gitlab-ci.yml").read_text(encoding="utf-8"))
    assert {"output/", "output.server/"} <= set(gitlab["build"]["artifacts"]["paths"])
    assert "DISCLOSURE_URL_KEY" in (ROOT / "deploy/gitlab-ci.yml").read_text(encoding="utf-8")
