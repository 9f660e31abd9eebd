"""The sample nginx config, checked by nginx itself and serving the built site on loopback."""

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from conftest import ROOT, require_tool
from disclosure.data import schema
from disclosure.rules.gate import PUBLIC_URL_KEY, record_slug
from disclosure.testing.synthetic import LANDMARKS


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def nginx_config(site, prefix, port):
    sample = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    server = (sample.replace("/var/www/zfgs", str(site))
              .replace("listen 80;", f"listen 127.0.0.1:{port};")
              .replace("server_name fgw.example.gov.cn;", "server_name localhost;"))
    temp = "\n".join(f"{kind}_temp_path {prefix}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;" if os.geteuid() == 0 else ""  # the test's temp folders are private to root
    return (f"{user}\nworker_processes 1;\npid {prefix}/nginx.pid;\nerror_log {prefix}/error.log;\n"
            f"events {{}}\nhttp {{\ninclude /etc/nginx/mime.types;\naccess_log off;\n{temp}\n{server}\n}}\n")


@pytest.fixture(scope="module")
def served(example_site, tmp_path_factory):
    nginx = require_tool("nginx", "apt-get install nginx")
    prefix = tmp_path_factory.mktemp("nginx")
    port = free_port()
    config = prefix / "nginx.conf"
    config.write_text(nginx_config(example_site, prefix, port), encoding="utf-8")
    checked = subprocess.run([nginx, "-t", "-c", str(config), "-p", str(prefix)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    server = subprocess.Popen([nginx, "-c", str(config), "-p", str(prefix), "-g", "daemon off;"],
                              stderr=subprocess.PIPE)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=20)


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8", "replace")


def test_pages_are_served_with_security_headers(served):
    status, headers, body = get(f"{served}/index.html")
    assert status == 200 and "行政执法公示专栏" in body
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "http" not in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_withdrawn_decision_answers_410_with_its_notice(served):
    landmark = LANDMARKS["penalty_revoked"]
    status, headers, body = get(f"{served}/penalties/{record_slug(schema.PENALTIES, landmark['id'], PUBLIC_URL_KEY)}.html")
    assert status == 410
    assert "本条行政处罚信息已撤下" in body and landmark["name"] not in body
    assert "default-src 'self'" in headers["Content-Security-Policy"]


def test_published_decision_is_200_and_unknown_is_404(served):
    landmark = LANDMARKS["penalty_published"]
    status, _, body = get(f"{served}/penalties/{record_slug(schema.PENALTIES, landmark['id'], PUBLIC_URL_KEY)}.html")
    assert status == 200 and landmark["id"] in body
    status, _, body = get(f"{served}/penalties/0000000000000000.html")
    assert status == 404 and "页面不存在" in body


def test_server_files_live_beside_the_site_not_in_it_and_search_bundle_is_cached(served, example_site):
    # nginx reads the map and the headers from <site>.server/ (deploy/nginx.conf); the site has neither.
    server = example_site.with_name(example_site.name + ".server")
    assert sorted(p.name for p in server.iterdir()) == ["security-headers.conf", "withdrawn.map"]
    assert not [p for p in example_site.rglob("*") if p.name in ("withdrawn.map", "security-headers.conf")]
    for path in ("_server/withdrawn.map", "withdrawn.map", "security-headers.conf"):
        assert get(f"{served}/{path}")[0] == 404
    import json

    second = json.loads(urllib.request.urlopen(f"{served}/pagefind/shards.json").read())[1]["path"]
    for entry in ("pagefind/pagefind-entry.json", f"{second}/pagefind-entry.json", "pagefind/shards.json"):
        status, headers, _ = get(f"{served}/{entry}")
        assert status == 200 and headers["Cache-Control"] == "no-cache", entry
    status, headers, _ = get(f"{served}/pagefind/pagefind-ui.css")
    assert status == 200 and "immutable" in headers["Cache-Control"]
    assert "default-src 'self'" in headers["Content-Security-Policy"]
