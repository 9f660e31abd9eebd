"""From git push to the live site: validate, atomic builds, deploy with deletion, sub-paths, reproducibility, CI."""

import os
import re
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import yaml

from conftest import EXAMPLE_AS_OF, ROOT, assert_built, background_deletions_done, build_site, tree_snapshot
from disclosure.data import schema
from disclosure.rules.gate import PUBLIC_URL_KEY, record_slug
from site_files import html_files
from test_input_errors import rewrite_csv, set_cell


def run_module(module, *args, data_dir=None, as_of=EXAMPLE_AS_OF, report_dir=None, **extra_env):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISCLOSURE_")}
    env.update(PYTHONPATH=str(ROOT / "plugins"), DISCLOSURE_AS_OF=as_of, **extra_env)
    if data_dir:
        env["DISCLOSURE_DATA_DIR"] = str(data_dir)
    if report_dir:
        env["DISCLOSURE_REPORT_DIR"] = str(report_dir)
    return subprocess.run([sys.executable, "-m", module, *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


def first_penalty_id(data):
    import csv
    import io

    rows = list(csv.reader(io.StringIO((data / schema.PENALTIES.path).read_text(encoding="utf-8-sig"))))
    return rows[1][rows[0].index("行政处罚决定书文号")]


# -- make validate ---------------------------------------------------------------

def test_validate_passes_on_good_data_and_lists_every_problem_on_bad(small_data, tmp_path):
    good = run_module("disclosure.commands.validate", data_dir=small_data)
    assert good.returncode == 0 and "检查通过" in good.stdout
    rewrite_csv(small_data / schema.PENALTIES.path, set_cell("处罚决定日期", "2025-13-01"))
    rewrite_csv(small_data / schema.OFFICERS.path, set_cell("状态", "在职"))
    bad = run_module("disclosure.commands.validate", data_dir=small_data)
    assert bad.returncode == 1
    assert "data/decisions/penalties.csv 第2行“处罚决定日期”列" in bad.stderr
    assert "data/officers.csv 第2行“状态”列：“在职”不是可用的值" in bad.stderr
    assert not (tmp_path / "output").exists()


# -- atomic builds -----------------------------------------------------------------

def test_atomic_build_with_a_bad_row_leaves_the_previous_site_byte_identical(small_data, tmp_path):
    output = tmp_path / "site"
    first = run_module("disclosure.commands.build", "--output", output, data_dir=small_data, report_dir=tmp_path / "r")
    assert first.returncode == 0, first.stderr
    before = tree_snapshot(output)
    rewrite_csv(small_data / schema.PENALTIES.path, set_cell("行政相对人类别", "企业"))
    second = run_module("disclosure.commands.build", "--output", output, data_dir=small_data, report_dir=tmp_path / "r")
    assert second.returncode != 0
    assert "原有的网站保持不变" in second.stderr
    assert tree_snapshot(output) == before
    background_deletions_done(tmp_path)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_atomic_build_refuses_a_site_that_fails_the_leak_check(small_data, tmp_path):
    output = tmp_path / "site"
    assert run_module("disclosure.commands.build", "--output", output, data_dir=small_data, report_dir=tmp_path / "r").returncode == 0
    before = tree_snapshot(output)
    # A withdrawn decision's 文书号 written into another table's public column is a leak the gate
    # cannot know to remove (it masks names and numbers, not other records' ids).
    from disclosure.pipeline import load_and_validate

    records, _ = load_and_validate(small_data)
    withdrawn = next(r for r in records["penalties"] if r.get("状态") in schema.WITHDRAWING_STATUSES)
    rewrite_csv(small_data / schema.MATTERS.path, set_cell("承办机构", f"见{withdrawn.id}"))
    refused = run_module("disclosure.commands.build", "--output", output, data_dir=small_data, report_dir=tmp_path / "r")
    assert refused.returncode == 3, refused.stdout + refused.stderr
    assert "泄露检查未通过" in refused.stderr
    assert tree_snapshot(output) == before


# -- deploy with deletion -------------------------------------------------------------

def test_deploy_after_a_withdrawal_leaves_no_file_of_the_withdrawn_decision(small_data, tmp_path):
    target = tmp_path / "www"
    withdrawn_id = first_penalty_id(small_data)

    def build(output):
        # Only what make build made (and leak-checked) may be published.
        assert_built(run_module("disclosure.commands.build", "--output", output, data_dir=small_data,
                                report_dir=tmp_path / "reports"))
    build(tmp_path / "out1")
    deployed = run_module("disclosure.commands.deploy", tmp_path / "out1", target, data_dir=small_data)
    assert deployed.returncode == 0, deployed.stderr
    # A folder holding the deploy marker is the deploy's own: a stray file in it goes too.
    (target / "stale-from-someone-else.html").write_text("old", encoding="utf-8")

    def revoke(rows):
        header = rows[0]
        rows[1][header.index("状态")] = "撤销"
        rows[1][header.index("状态变更日期")] = "2026-11-01"
        rows[1][header.index("状态说明")] = "经复议撤销。"
    rewrite_csv(small_data / schema.PENALTIES.path, revoke)
    build(tmp_path / "out2")
    # The second deploy finds its target in the DISCLOSURE_DEPLOY_TARGET setting.
    redeployed = run_module("disclosure.commands.deploy", tmp_path / "out2", data_dir=small_data,
                            DISCLOSURE_DEPLOY_TARGET=str(target))
    assert redeployed.returncode == 0, redeployed.stderr
    markers = (".disclosure-build", ".disclosure-deploy")
    assert ({n: c for n, c in tree_snapshot(target).items() if n not in markers}
            == {n: c for n, c in tree_snapshot(tmp_path / "out2").items() if n not in markers})
    assert (target / ".disclosure-deploy").is_file()
    from site_files import site_texts

    assert [n for n, t in site_texts(target).items() if withdrawn_id in t] == []
    notice = target / "penalties" / f"{record_slug(schema.PENALTIES, withdrawn_id, PUBLIC_URL_KEY)}.html"
    assert "已撤下" in notice.read_text(encoding="utf-8")


def test_publish_without_a_target_explains_itself(example_site):
    process = run_module("disclosure.commands.deploy", example_site)
    assert process.returncode == 2 and "DEPLOY_TARGET" in process.stderr


# -- sub-path sites and reproducibility ----------------------------------------------------

ROOT_RELATIVE = re.compile(r'(?:href|src|action|data-base)="(/[^"]*)"')


def test_sub_path_site_has_no_link_or_asset_escaping_the_sub_path(small_data, tmp_path):
    output = tmp_path / "zfgs"
    assert_built(build_site(output, small_data, DISCLOSURE_SITEURL="/zfgs"))
    escaping = []
    for page in html_files(output):
        text = page.read_text(encoding="utf-8")
        for target in ROOT_RELATIVE.findall(text):
            if not target.startswith("/zfgs/") and target != "/zfgs":
                escaping.append((str(page.relative_to(output)), target))
            elif target.startswith("/zfgs/"):
                path = target[len("/zfgs/"):].split("#")[0].split("?")[0]
                assert (output / path).exists(), (page, target)
    assert escaping == []
    assert 'data-base="/zfgs"' in (output / "search.html").read_text(encoding="utf-8")
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    assert re.findall(r"<loc>([^<]+)</loc>", sitemap) and all(
        loc.startswith("https://fgw.example.gov.cn/zfgs/") for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)
    )
    assert all(line.startswith(("#", "/zfgs/")) for line in
               (output.with_name("zfgs.server") / "withdrawn.map").read_text(encoding="utf-8").splitlines())


def test_two_builds_of_the_same_inputs_are_byte_identical(small_data, tmp_path):
    assert_built(build_site(tmp_path / "a" / "site", small_data))
    assert_built(build_site(tmp_path / "b" / "elsewhere", small_data))
    first, second = tree_snapshot(tmp_path / "a" / "site"), tree_snapshot(tmp_path / "b" / "elsewhere")
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert all(str(tmp_path).encode() not in content for content in first.values())


# -- CI templates for the agency's repository ----------------------------------------------------

def test_github_actions_workflow_runs_the_pipeline_on_push_and_just_after_midnight_in_shanghai():
    workflow = yaml.safe_load((ROOT / "deploy/github-actions.yml").read_text(encoding="utf-8"))
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads `on` as true
    assert triggers["push"]["branches"] == ["main"]
    (schedule,) = triggers["schedule"]
    minute, hour, *rest = schedule["cron"].split()
    assert rest == ["*", "*", "*"]
    utc = datetime(2026, 1, 1, int(hour), int(minute), tzinfo=timezone.utc)
    shanghai = utc.astimezone(timezone(timedelta(hours=8)))
    assert shanghai.hour == 0, "the daily rebuild must run just after midnight Asia/Shanghai"
    steps = " ".join(step.get("run", "") for step in workflow["jobs"]["publish"]["steps"])
    order = [steps.index(f"make {target}") for target in ("validate", "build", "check", "publish")]
    assert order == sorted(order)
    assert "next_change" in steps and "GITHUB_STEP_SUMMARY" in steps


def test_gitlab_ci_runs_the_same_pipeline():
    pipeline = yaml.safe_load((ROOT / "deploy/gitlab-ci.yml").read_text(encoding="utf-8"))
    assert pipeline["stages"] == ["validate", "build", "publish"]
    scripts = [" ".join(pipeline[job]["script"]) for job in ("validate", "build", "publish")]
    assert "make validate" in scripts[0]
    assert "make build" in scripts[1] and "make check" in scripts[1] and "next_change" in scripts[1]
    assert "make publish" in scripts[2]
    rules = [rule["if"] for rule in pipeline["workflow"]["rules"]]
    assert any("schedule" in rule for rule in rules) and any("main" in rule for rule in rules)


def test_a_replaced_site_is_deleted_after_the_build_and_only_ours(small_data, tmp_path):
    import time

    output = tmp_path / "site"
    assert run_module("disclosure.commands.build", "--output", output, data_dir=small_data, report_dir=tmp_path / "r").returncode == 0
    # Someone's folder that merely looks like a leftover, and a real leftover (marked as ours).
    stranger = tmp_path / ".site.previous.deleting-1-1"
    (stranger / "keep").mkdir(parents=True)
    leftover = tmp_path / ".site.previous.deleting-2-2"
    (leftover / "penalties").mkdir(parents=True)
    (leftover / ".disclosure-build").write_text("{}", encoding="utf-8")
    assert_built(run_module("disclosure.commands.build", "--output", output, data_dir=small_data, report_dir=tmp_path / "r"))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (leftover.exists() or [
            p for p in tmp_path.iterdir() if p.name.startswith(".site.") and p != stranger]):
        time.sleep(0.2)
    left = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("."))
    assert left == [stranger.name], left
    assert (stranger / "keep").is_dir()
