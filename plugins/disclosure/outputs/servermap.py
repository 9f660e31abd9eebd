"""Files for the web server, not for the public: the map of withdrawn decisions' URLs (so
nginx answers 410 Gone) and the security headers.

They are written beside the site, never inside it: a site built into DIR gets them in
DIR.server/ (`server_folder`), so nothing that syncs the site folder (make publish,
ossutil, aws s3 sync) can publish them. `make build` swaps DIR.server/ in with DIR, and
`make publish` copies them to the server's own folder (DISCLOSURE_SERVER_TARGET,
by default TARGET.server/), which deploy/nginx.conf includes. The map holds only the
keyed page names (rules.gate.record_slug), never a 文书号.
"""

from pathlib import Path

SERVER_SUFFIX = ".server"
SERVER_FILES = ("withdrawn.map", "security-headers.conf")


def server_folder(site):
    """DIR.server beside the site folder DIR."""
    site = Path(site).resolve()
    return site.with_name(site.name + SERVER_SUFFIX)

# Only this site's own origin may supply anything; 'wasm-unsafe-eval' lets
# Pagefind run its WebAssembly (the search page only). The same policy is in a
# <meta> on every page (base.html), so it holds on static hosts that send no
# headers of ours; frame-ancestors only works as a header, so the <meta> leaves it out.
_POLICY = (
    "default-src 'self'; script-src 'self'{wasm}; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
)
CONTENT_SECURITY_POLICY_META = _POLICY.format(wasm="")
CONTENT_SECURITY_POLICY_SEARCH_META = _POLICY.format(wasm=" 'wasm-unsafe-eval'")
CONTENT_SECURITY_POLICY_HEADER = CONTENT_SECURITY_POLICY_SEARCH_META + "; frame-ancestors 'self'"

# Included by deploy/nginx.conf in every location that sets headers (nginx drops
# server-level add_header in a location that has its own).
SECURITY_HEADERS = f"""\
add_header Content-Security-Policy "{CONTENT_SECURITY_POLICY_HEADER}" always;
add_header X-Content-Type-Options "nosniff" always;
add_header Referrer-Policy "strict-origin-when-cross-origin" always;
add_header X-Frame-Options "SAMEORIGIN" always;
"""


def write_server_files(output_path, siteurl, notices):
    """Write SERVER_FILES into server_folder(output_path); nothing else there is touched."""
    folder = server_folder(output_path)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "security-headers.conf").write_text(SECURITY_HEADERS, encoding="utf-8")
    lines = sorted(f"{siteurl}/{notice.url} 1;" for notice in notices)
    (folder / "withdrawn.map").write_text(
        "# 已撤下的决定：nginx 对这些网址返回 410 Gone（页面内容为撤下说明）。由生成程序写出，请勿手工修改。\n"
        + "".join(line + "\n" for line in lines),
        encoding="utf-8",
    )
