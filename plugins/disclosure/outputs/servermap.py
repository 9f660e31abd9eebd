"""A map of withdrawn decisions' URLs for the web server, so it can answer 410 Gone.

Written inside the output (so a deploy carries it along) under _server/, which
the sample nginx config refuses to serve. It holds only the hashed URLs.
"""

from pathlib import Path

SERVER_FOLDER = "_server"

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
    folder = Path(output_path) / SERVER_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "security-headers.conf").write_text(SECURITY_HEADERS, encoding="utf-8")
    lines = sorted(f"{siteurl}/{notice.url} 1;" for notice in notices)
    (folder / "withdrawn.map").write_text(
        "# 已撤下的决定：nginx 对这些网址返回 410 Gone（页面内容为撤下说明）。由生成程序写出，请勿手工修改。\n"
        + "".join(line + "\n" for line in lines),
        encoding="utf-8",
    )
