"""Walk a running Kechuang as the demo bureau admin: every page reachable from the home page (up to a limit)
answers 200, and every /static/ file a page names is served. Standard library only, so the freshly
installed virtual environment runs it.   python crawl.py http://127.0.0.1:PORT [MAX_PAGES]"""

from __future__ import annotations

import http.cookiejar
import re
import sys
import urllib.parse
import urllib.request
from collections import deque

# Links that change state or leave the HTML pages: logging out, switching language, downloads, the admin.
SKIPPED = re.compile(r"^/(accounts/logout|i18n/|admin/|media/|api/)|export|\.pdf|\.xlsx|download")
LINK = re.compile(r'(?:href|src)="([^"#]+)"')


def main(base: str, limit: int) -> int:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login = opener.open(f"{base}/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login).group(1)
    form = urllib.parse.urlencode(
        {"username": "demo-bureau", "password": "kechuang-demo", "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(f"{base}/accounts/login/", data=form, headers={"Referer": f"{base}/"})  # noqa: S310
    landed = opener.open(request)
    if "/accounts/login" in landed.url:
        print("login failed", file=sys.stderr)
        return 1
    pages, assets, failures = deque(["/"]), set(), []
    seen = {"/"}
    visited = 0
    while pages and visited < limit:
        path = pages.popleft()
        visited += 1
        try:
            response = opener.open(base + path)
        except urllib.error.HTTPError as error:
            failures.append(f"{error.code} {path}")
            continue
        if "text/html" not in response.headers.get("Content-Type", ""):
            continue
        for link in LINK.findall(response.read().decode()):
            link = urllib.parse.urljoin(path, link.replace("&amp;", "&"))
            if link.startswith("/static/"):
                assets.add(link.split("?")[0])
            elif link.startswith("/") and not link.startswith("//") and not SKIPPED.search(link):
                page = link.split("?")[0]  # one visit per page, not per filter or pager position
                if page not in seen:
                    seen.add(page)
                    pages.append(page)
    for asset in sorted(assets):
        try:
            opener.open(base + asset).read()
        except urllib.error.HTTPError as error:
            failures.append(f"{error.code} {asset}")
    print(f"{visited} pages, {len(assets)} static files, {len(failures)} failures")
    for failure in failures:
        print(f"  {failure}", file=sys.stderr)
    return 1 if failures or visited < 10 or not any("echarts" in asset for asset in assets) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1].rstrip("/"), int(sys.argv[2]) if len(sys.argv) > 2 else 150))
