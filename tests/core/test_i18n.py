"""The English translation: complete, not fuzzy, and reachable through the language switcher."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _unquote(line: str) -> str:
    text = line.strip()
    assert text.startswith('"') and text.endswith('"'), f"not a quoted string: {line!r}"
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(1)), text[1:-1])


def parse_po(path: Path) -> list[dict]:
    """A small .po reader: one dict per entry with its flags, msgid, msgid_plural and msgstr(s)."""
    entries = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        entry = {"flags": set(), "msgid": None, "msgid_plural": None, "msgstr": {}, "obsolete": False}
        current = None
        for line in block.splitlines():
            if line.startswith("#~"):
                entry["obsolete"] = True
                continue
            if line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
                continue
            if line.startswith("#") or not line.strip():
                continue
            match = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")$", line)
            if match:
                keyword, index, value = match.groups()
                if keyword.startswith("msgstr"):
                    current = ("msgstr", int(index or 0))
                    entry["msgstr"][current[1]] = _unquote(value)
                else:
                    current = (keyword, None)
                    entry[keyword] = _unquote(value)
            else:
                assert current, f"unexpected line in {path.name}: {line!r}"
                if current[0] == "msgstr":
                    entry["msgstr"][current[1]] += _unquote(line)
                else:
                    entry[current[0]] += _unquote(line)
        if entry["msgid"] is not None or entry["obsolete"]:
            entries.append(entry)
    return entries


def test_english_po_is_complete_and_has_no_fuzzy_entries():
    assert PO.exists(), "run makemessages -l en"
    entries = parse_po(PO)
    header = [e for e in entries if e["msgid"] == ""]
    assert header and "fuzzy" not in header[0]["flags"], "the header is fuzzy: compilemessages would drop it"
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header[0]["msgstr"][0]
    messages = [e for e in entries if e["msgid"] and not e["obsolete"]]
    assert len(messages) > 100
    fuzzy = [e["msgid"] for e in messages if "fuzzy" in e["flags"]]
    assert not fuzzy, f"fuzzy entries: {fuzzy[:10]}"
    untranslated = [
        e["msgid"]
        for e in messages
        if not e["msgstr"]
        or any(not text for text in e["msgstr"].values())
        or (e["msgid_plural"] and len(e["msgstr"]) < 2)
    ]
    assert not untranslated, f"{len(untranslated)} untranslated: {untranslated[:10]}"


def test_translations_keep_placeholders():
    placeholder = re.compile(r"%\(\w+\)[sd]|%[sd]")
    for entry in parse_po(PO):
        if not entry["msgid"] or entry["obsolete"]:
            continue
        expected = sorted(placeholder.findall(entry["msgid"]))
        for index, text in entry["msgstr"].items():
            source = entry["msgid_plural"] if index and entry["msgid_plural"] else entry["msgid"]
            if entry["msgid_plural"] and index:
                expected = sorted(placeholder.findall(source))
            assert sorted(placeholder.findall(text)) == expected, (entry["msgid"], text)


@pytest.fixture
def english_compiled():
    """Compile the English catalogue when the .mo is missing or older than the .po (make does it at set-up)."""
    if not MO.exists() or MO.stat().st_mtime < PO.stat().st_mtime:
        call_command(
            "compilemessages", locale=["en"], ignore_patterns=[".venv", "node_modules", "var"], verbosity=0
        )
        from django.utils.translation import trans_real

        trans_real._translations = {}
        trans_real._default = None
    yield
    translation.activate(settings.LANGUAGE_CODE)


def test_language_switcher_turns_the_home_page_english(english_compiled, office_user, login):
    client = login(office_user)
    page = client.get("/").content.decode()
    assert '<html lang="vi">' in page
    assert "Xin chào" in page and "Trang chủ" in page

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    page = client.get("/").content.decode()
    assert '<html lang="en">' in page
    assert f"Hello, {office_user.display_name}" in page
    for english in (
        "Home",
        "Emulation campaigns",
        "Sign out",
        "Skip to main content",
        "Culture and Social Affairs Office",
    ):
        assert english in page, english
    assert "Xin chào" not in page and "Đăng xuất" not in page
    # The switcher names each language in that language, with the current one selected.
    assert re.search(r'<option value="en" lang="en"\s+selected>English</option>', page)
    assert re.search(r'<option value="vi" lang="vi"\s*>Tiếng Việt</option>', page)

    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert "Xin chào" in client.get("/").content.decode()


def test_english_login_page(english_compiled, client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/dang-nhap/").content.decode()
    assert "Sign in" in page and "Emulation and commendation management system" in page
    response = client.post("/dang-nhap/", {"username": "nobody", "password": "wrong"})
    assert "Please enter a correct" in response.content.decode()
