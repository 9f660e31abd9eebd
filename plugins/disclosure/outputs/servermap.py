"""A map of withdrawn decisions' URLs for the web server, so it can answer 410 Gone.

Written inside the output (so a deploy carries it along) under _server/, which
the sample nginx config refuses to serve. It holds only the hashed URLs.
"""

from pathlib import Path

SERVER_FOLDER = "_server"

# Included by deploy/nginx.conf in every location that sets headers (nginx drops
# server-level add_header in a location that has its own). Only this site's own
# origin may supply anything; 'wasm-unsafe-eval' lets Pagefind run its WebAssembly.
SECURITY_HEADERS = """\
add_header Content-Security-Policy "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'" always;
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
