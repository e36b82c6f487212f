"""The signed decision in a real browser: the office downloads the final PDF, the issuer signs it outside the
app (pyHanko here, as the agency's signing tool would), the office uploads it, and the public page shows
"Đã ký số bởi …" with a link to the signed file."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import expect

from awards.models import Decision, SignedDecision
from tests.awards.signing_pki import make_pki, sign_external

from .conftest import DEMO_PASSWORD, assert_no_horizontal_scroll, axe_check, browser_login


def _sign(data: bytes, identity) -> bytes:
    """pyHanko's sync API calls asyncio.run(), which Playwright's running loop forbids in this thread."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(sign_external, data, identity).result()


@pytest.fixture
def decided_live(transactional_db, settings, tmp_path):
    """The demo played on through the chairman's decision (seed_anhai --through decided); the final PDF to
    sign is made at issue, so the media folder is set first."""
    settings.MEDIA_ROOT = tmp_path / "media"
    from django.core.management import call_command

    call_command("seed_anhai", through="decided", verbosity=0)
    yield Decision.objects.get(status="issued")
    # tests/conftest.py empties the council tables past the closed-poll guard before the flush.


@pytest.mark.browser
def test_office_uploads_signed_decision_and_public_page_shows_it(
    page, live_server, decided_live, tmp_path, settings
):
    settings.SITE_URL = live_server.url
    decision = decided_live
    pki = make_pki(decision.signer_name, "Lê Thị Thu Hà", "ỦY BAN NHÂN DÂN PHƯỜNG AN HẢI")
    settings.TRUST_ROOTS_DIR = str(pki.write_trust_roots(tmp_path / "trust"))
    settings.AGENCY_PKCS12_PATH = ""

    browser_login(page, live_server, "vhxh", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/khen-thuong/quyet-dinh/{decision.pk}/")
    page.get_by_role("link", name="Ký số, tải lên bản đã ký").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ký số Quyết định số")
    expect(page.locator("#unsigned")).to_have_text("Chưa có bản đã ký.")
    axe_check(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải bản cuối để ký số (PDF)").click()
    final = tmp_path / "ban-de-ky.pdf"
    download_info.value.save_as(final)

    # The issuer signs outside the app; first someone else's certificate: refused, the message on the form.
    wrong = tmp_path / "sai-nguoi-ky.pdf"
    wrong.write_bytes(_sign(final.read_bytes(), pki.other))
    page.get_by_label("Tệp Quyết định đã ký số (PDF)").set_input_files(str(wrong))
    page.get_by_role("button", name="Tải lên bản đã ký số").click()
    expect(page.locator("#signed-form")).to_contain_text("không phải của người ký ban hành")

    signed = tmp_path / "da-ky.pdf"
    signed.write_bytes(_sign(final.read_bytes(), pki.issuer))
    page.get_by_label("Tệp Quyết định đã ký số (PDF)").set_input_files(str(signed))
    page.get_by_role("button", name="Tải lên bản đã ký số").click()
    expect(page.get_by_text("Đã chấp nhận Quyết định đã ký số.")).to_be_visible()
    expect(page.locator(".signature-headline")).to_contain_text(f"Đã ký số bởi {decision.signer_name}, lúc")
    axe_check(page)
    page.set_viewport_size({"width": 390, "height": 844})
    assert_no_horizontal_scroll(page)
    assert SignedDecision.objects.get(decision=decision).kind == "digital"

    # Anyone, without signing in, sees the signature on the public page and gets the signed file.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/khen-thuong/cong-khai/")
    expect(page.locator(".signature-headline").first).to_contain_text(f"Đã ký số bởi {decision.signer_name}")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải Quyết định đã ký số (PDF)").click()
    served = tmp_path / "cong-khai.pdf"
    download_info.value.save_as(served)
    assert served.read_bytes() == signed.read_bytes()
