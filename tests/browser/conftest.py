"""Browser tests: Playwright (sync API) driving Debian's chromium against pytest-django's live server.

Every test here is marked ``@pytest.mark.browser``. The tests are skipped, with the reason shown, only when
``/usr/bin/chromium`` is missing (CI installs it). The live server serves static files itself (pytest-django
wraps it in StaticFilesHandler when django.contrib.staticfiles is installed), so Bootstrap and axe-core come
from ``static/vendor`` exactly as in development.

Helpers:
- ``browser_login(page, live_server, username, password)`` signs in through the login form;
- ``axe_check(page)`` injects axe-core and fails on any violation of impact "serious" or "critical";
- ``assert_no_horizontal_scroll(page)`` for the mobile viewport.

Every page the fixtures hand out watches itself: a Content-Security-Policy violation (the policy is on, as in
production) or a console error fails the test at teardown (``page_problems(page)`` lists them earlier).
A console "Failed to load resource" for an HTTP status is left to the test, which checks statuses itself.
"""

import json
import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from such a thread unless
# told it is fine (the live server runs in its own thread anyway).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
BASE_DIR = Path(__file__).resolve().parents[2]
AXE_JS = BASE_DIR / "static" / "vendor" / "axe-core" / "axe.min.js"
DEMO_PASSWORD = "AnHai@2025"
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(config, items):
    """Skip (with a visible reason) the browser tests when there is no chromium to drive."""
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is not installed (apt-get install chromium); CI installs it")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


# Runs in every document before its own scripts: records CSP violations where the test can read them.
_WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline") +
    " at " + e.sourceFile + ":" + e.lineNumber);
});
"""


def _watch(page):
    """Collect console errors, page errors and CSP violations of every document the page shows."""
    problems = []
    page._anhai_problems = problems

    def on_console(message):
        if message.type != "error":
            return
        text = message.text
        if text.startswith("Failed to load resource: the server responded with a status of"):
            return  # a status the test asked for (403/404 pages); tests check statuses themselves
        problems.append(f"console error on {page.url}: {text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"script error on {page.url}: {error}"))
    page.add_init_script(_WATCH_CSP)
    return page


def page_problems(page) -> list[str]:
    """CSP violations and console errors seen so far on this page (and the current document)."""
    problems = list(getattr(page, "_anhai_problems", []))
    try:
        violations = page.evaluate("() => window.__cspViolations || []")
    except Exception:  # noqa: BLE001 - a closed or navigating page has nothing more to say
        violations = []
    problems += [f"CSP violation on {page.url}: {v}" for v in violations]
    return list(dict.fromkeys(problems))


def assert_no_page_problems(page):
    problems = page_problems(page)
    assert problems == [], "\n".join(problems)


def _new_page(browser, **context_options):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", **context_options)
    context.set_default_timeout(15_000)
    page = _watch(context.new_page())
    return context, page


@pytest.fixture
def page(browser):
    """A desktop page (1280x900) in a fresh browser context (no cookies shared between tests)."""
    context, page = _new_page(browser, viewport=DESKTOP, accept_downloads=True)
    yield page
    problems = page_problems(page)
    context.close()
    assert problems == [], "\n".join(problems)


@pytest.fixture
def mobile_page(browser):
    """A phone-sized page (390x844, touch) in a fresh browser context."""
    context, page = _new_page(
        browser,
        viewport=MOBILE,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        accept_downloads=True,
    )
    yield page
    problems = page_problems(page)
    context.close()
    assert problems == [], "\n".join(problems)


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    """seed_anhai hashes a password per demo account; PBKDF2 would cost seconds per test here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def seeded_live(transactional_db):
    """The whole An Hải demo (``seed_anhai``) in a database the live server thread can see."""
    from django.core.management import call_command

    call_command("seed_anhai", verbosity=0)
    from campaigns.models import Campaign

    return Campaign.objects.get(slug="cchc-2025-h2")


def browser_login(page, live_server, username, password=DEMO_PASSWORD):
    """Sign in through the login form and wait for the home page."""
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")
    return page


def _format_violations(violations) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})"
        )
        for node in violation["nodes"][:8]:
            lines.append(f"    at {', '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"       {summary[:300]}")
        if len(violation["nodes"]) > 8:
            lines.append(f"    ... and {len(violation['nodes']) - 8} more")
    return "\n".join(lines)


def axe_check(page, impacts=("serious", "critical")):
    """Run axe-core on the page as it is now; fail on violations of the given impacts.

    Returns every violation (any impact) so a test may look further.
    """
    assert AXE_JS.exists(), f"{AXE_JS} is missing: run `npm install && scripts/vendor-assets.sh`"
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Loaded from our own origin: the page's CSP (script-src 'self') refuses an inline copy.
        origin = page.evaluate("() => location.origin")
        page.add_script_tag(url=f"{origin}/static/vendor/axe-core/axe.min.js")
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target, html: n.html, failureSummary: n.failureSummary}))
            }));
        }"""
    )
    bad = [v for v in result if v["impact"] in impacts]
    if bad:
        report = _format_violations(bad)
        print(f"axe-core violations on {page.url}:\n{report}")
        pytest.fail(f"axe-core found {len(bad)} serious/critical violation(s) on {page.url}:\n{report}")
    return result


def assert_no_horizontal_scroll(page):
    widths = page.evaluate("() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})")
    assert widths["scroll"] <= widths["inner"] + 1, f"horizontal scroll on {page.url}: {json.dumps(widths)}"
