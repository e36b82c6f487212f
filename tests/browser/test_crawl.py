"""Every page every demo role can reach, at 1280 px and at 390 px: the check that keeps issue 11 fixed.

The demo is played on through the chairman's decision (``seed_anhai --through decided``). Each role signs in
and follows links from the home page (GET only, same origin; no sign-out, language, download or document
links), breadth first, at most ``PAGE_CAP`` pages and ``PER_PATTERN`` pages of one URL shape (``/ho-so/N/``).
The same pages are then opened on a phone. A page fails on:

- a status of 400 or more, or being sent back to the sign-in page (the role followed a link it was shown);
- a console error, a script error or a Content-Security-Policy violation;
- horizontal scrolling of the page (``scrollWidth > innerWidth``);
- an axe-core violation of impact serious or critical (once per URL shape and width, to keep the run short);
- English left on a Vietnamese page (a few tell-tale words), or text not in Unicode NFC;
- a zero group ("0 cá nhân", "00 tập thể"), a slug in the breadcrumbs, or a choice promised to show whole
  names (``select.select-whole``, the plan editor's award form) narrower than its longest option.

All problems are gathered and reported together.
"""

import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest

from .conftest import DEMO_PASSWORD, DESKTOP, MOBILE, _new_page, axe_check, page_problems

pytestmark = pytest.mark.browser

ROLES = ["vhxh", "thutruong", "hoidong", "chutich", "phochutich", "tuyentruyen", "quantri", None]
PAGE_CAP = 25
PER_PATTERN = 1
SKIP = re.compile(
    r"^/(dang-xuat|i18n|quan-tri|healthz)"
    r"|\.(pdf|xlsx|zip|docx)$"
    r"|/tai-xuong/$|/tai-lieu/\d+/$|/minh-chung/\d+/$|/noi-dung/$"
)
# Words that only an untranslated English string would put on a Vietnamese page.
ENGLISH = re.compile(
    r"\b(Submit|Cancel|Save|Delete|Edit|Search|Previous|Next|Required|This field|Forbidden|Not Found|"
    r"Page not found|Server Error|Sign in|Log in|Logout|Password|Username|None|True|False|Download|"
    r"January|February|March|April|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|ago|minutes|hours|days)\b"
)
# Pages named in issue 11 that lie deeper than the page cap reaches: visited first.
FIRST = {
    "vhxh": [
        "/tham-dinh/cchc-2025-h2/",
        "/tham-dinh/ho-so/{dossier}/",  # the first dossier's review (its id is not 1 on PostgreSQL)
        "/phong-trao/cchc-2025-h2/sua/khen-thuong/",
        "/phong-trao/cchc-2025-h2/sua/tieu-chi/",
        "/tieu-chi/cchc-2025-h2/don-vi/ttphcc/",
    ],
}
ZERO_GROUP = re.compile(r"(?<![\d.,])0+ (tập thể|cá nhân)\b")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)+$")


@pytest.fixture
def decided_live(transactional_db, monkeypatch):
    """The whole demo through the issued decision, in a database the live server thread can see."""
    from django.core.management import call_command

    monkeypatch.setenv("DEMO", "true")  # seed_anhai refuses to run on a production database otherwise
    call_command("seed_anhai", through="decided", verbosity=0)
    yield
    # tests/conftest.py empties the council tables past the closed-poll guard before the flush.


def _shape(path: str) -> str:
    return re.sub(r"/\d+/", "/N/", re.sub(r"/[0-9a-f-]{36}/", "/U/", path))


def _sign_in(page, base, username):
    page.goto(f"{base}/dang-nhap/")
    if username is None:
        return
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base}/")


def _links(page, base) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)")
    found = []
    for href in hrefs:
        href = urldefrag(href)[0]
        if not href.startswith(base + "/"):
            continue
        path = urlsplit(href).path
        if SKIP.search(path):
            continue
        found.append(href[len(base) :])
    return found


class Crawl:
    def __init__(self, base, first_dossier=None):
        self.base = base
        self.first_dossier = first_dossier
        self.problems: list[str] = []
        self.axe_done: set[tuple[str, str]] = set()
        self.shapes: set[str] = set()

    def check(self, page, url, who, width_name, response, axe=True):
        where = f"[{who or 'anonymous'} @ {width_name}] {url}"
        if response is None:
            self.problems.append(f"{where}: no response")
            return
        if response.status >= 400:
            self.problems.append(f"{where}: status {response.status}")
        if who is not None and urlsplit(page.url).path == "/dang-nhap/":
            self.problems.append(f"{where}: sent to the sign-in page")
        for problem in page_problems(page):
            self.problems.append(f"{where}: {problem}")
        page._anhai_problems.clear()
        facts = page.evaluate(
            """() => ({
                scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
                lang: document.documentElement.lang,
                text: document.body.innerText,
                nfc: document.body.innerText === document.body.innerText.normalize('NFC'),
                crumbs: [...document.querySelectorAll('.breadcrumb-item')].map(e => e.innerText.trim()),
                cut: [...document.querySelectorAll('main select.select-whole')].filter(s => s.offsetParent).map(s => {
                    const ctx = document.createElement('canvas').getContext('2d');
                    ctx.font = getComputedStyle(s).font;
                    const need = Math.max(0, ...[...s.options].map(o => ctx.measureText(o.text).width));
                    return need > s.clientWidth ? s.name || s.id : null;
                }).filter(Boolean),
            })"""
        )
        # Against the viewport asked for: a phone's layout viewport (innerWidth) grows to fit a page too wide.
        viewport = page.viewport_size["width"]
        if facts["scroll"] > viewport + 1 or facts["inner"] > viewport + 1:
            wide = page.evaluate(
                """() => [...document.querySelectorAll('main *')]
                    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                              && !e.closest('.table-responsive'))
                    .slice(0, 3).map(e => e.tagName + '.' + [...e.classList].join('.'))"""
            )
            self.problems.append(
                f"{where}: page scrolls sideways ({facts['scroll']} > {facts['inner']} px) {wide}"
            )
        if not facts["nfc"]:
            self.problems.append(f"{where}: text not in Unicode NFC")
        if ZERO_GROUP.search(facts["text"]):
            self.problems.append(f"{where}: a zero group: {ZERO_GROUP.search(facts['text']).group(0)!r}")
        slugs = [crumb for crumb in facts["crumbs"] if SLUG.match(crumb)]
        if slugs:
            self.problems.append(f"{where}: a slug in the breadcrumbs: {slugs}")
        if facts["cut"]:
            self.problems.append(f"{where}: a choice cuts its options' names: {facts['cut'][:5]}")
        if facts["lang"] == "vi":
            english = sorted(set(ENGLISH.findall(facts["text"])))
            if english:
                self.problems.append(f"{where}: English on a Vietnamese page: {english}")
        key = (_shape(urlsplit(url).path), width_name)
        if axe and key not in self.axe_done:
            self.axe_done.add(key)
            try:
                axe_check(page)
            except pytest.fail.Exception as exc:
                self.problems.append(f"{where}: {str(exc).splitlines()[0]}\n{exc}")

    def explore(self, page, who) -> list[str]:
        """Breadth first from the home page (or the sign-in page for an anonymous visitor)."""
        start = [
            "/" if who else "/dang-nhap/",
            *(u.format(dossier=self.first_dossier) for u in FIRST.get(who, [])),
        ]
        queue, seen, shapes, visited = deque(start), set(start), {}, []
        while queue and len(visited) < PAGE_CAP:
            url = queue.popleft()
            response = page.goto(self.base + url)
            visited.append(url)
            self.shapes.add(_shape(urlsplit(url).path))
            self.check(page, url, who, "1280", response)
            for link in _links(page, self.base):
                path = urlsplit(link).path
                if path in seen:
                    continue
                seen.add(path)
                shape = _shape(path)
                if shapes.get(shape, 0) >= PER_PATTERN:
                    continue
                shapes[shape] = shapes.get(shape, 0) + 1
                queue.append(link)
        return visited


def test_every_role_every_page_at_1280_and_390(browser, live_server, decided_live):
    from nominations.models import Dossier

    crawl = Crawl(live_server.url, Dossier.objects.order_by("pk").values_list("pk", flat=True).first())
    visited_total = 0
    for who in ROLES:
        context, page = _new_page(browser, viewport=DESKTOP)
        _sign_in(page, live_server.url, who)
        page._anhai_problems.clear()
        visited = crawl.explore(page, who)
        context.close()
        visited_total += len(visited)
        context, page = _new_page(
            browser, viewport=MOBILE, device_scale_factor=1, is_mobile=True, has_touch=True
        )
        _sign_in(page, live_server.url, who)
        page._anhai_problems.clear()
        for url in visited:
            crawl.check(page, url, who, "390", page.goto(live_server.url + url))
        context.close()
    print(
        f"crawl: {visited_total} pages per width, {len(crawl.axe_done)} axe runs, shapes: {sorted(crawl.shapes)}"
    )
    assert visited_total >= 60, f"the crawl reached only {visited_total} pages"
    assert crawl.problems == [], f"{len(crawl.problems)} problem(s):\n" + "\n".join(crawl.problems)


def test_the_shared_watch_catches_a_csp_violation_and_a_console_error(browser, live_server, transactional_db):
    """The fixtures' watch is real: an inline style and an inline script are refused and reported."""
    context, page = _new_page(browser, viewport=DESKTOP)
    try:
        page.goto(f"{live_server.url}/dang-nhap/")
        assert page.evaluate("() => document.querySelector('link[href$=\"app.css\"]') !== null")
        assert page_problems(page) == []
        page.evaluate(
            """() => {
                document.body.setAttribute('style', 'background: red');
                const s = document.createElement('script'); s.textContent = 'window.ran = 1';
                document.body.appendChild(s);
                console.error('boom');
            }"""
        )
        page.wait_for_timeout(200)
        problems = "\n".join(page_problems(page))
        assert "CSP violation" in problems and "style-src" in problems and "script-src" in problems
        assert "console error" in problems and "boom" in problems
        assert page.evaluate("() => window.ran") is None  # the inline script did not run
    finally:
        context.close()
