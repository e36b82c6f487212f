"""Vietnamese text helpers: NFC storage, diacritic-free search keys, Vietnamese name order."""

import unicodedata

from django.utils.translation import gettext as _

# Vietnamese alphabet order: ă and â after a, đ after d, ê after e, ô and ơ after o, ư after u.
# Tone marks only break ties between words with the same letters (as dictionaries sort), in this order:
# none, huyền, sắc, hỏi, ngã, nặng.
_LETTERS = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {ch: 100 + i for i, ch in enumerate(_LETTERS)}
_TONES = {"\u0300": "1", "\u0301": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5"}


def nfc(value: str) -> str:
    """Normalise to Unicode NFC and trim; every Vietnamese text is stored this way."""
    return unicodedata.normalize("NFC", value or "").strip()


def fold(value: str) -> str:
    """Lower-case without diacritics, for search: "Nguyễn Văn Hùng" → "nguyen van hung"."""
    text = unicodedata.normalize("NFD", (value or "").lower().replace("đ", "d").replace("Đ", "d"))
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn")


def _char_rank(base: str) -> int:
    if base in _LETTER_RANK:
        return _LETTER_RANK[base]
    code = ord(base[0]) if base else 0
    return code if code < 100 else 200 + code % 800  # digits and punctuation before letters


def _word_key(word: str) -> str:
    # Fixed-width letter codes, then the tones: plain string comparison follows the Vietnamese order.
    letters, tones = [], []
    for ch in nfc(word).lower():
        base, tone = "", "0"
        for part in unicodedata.normalize("NFD", ch):
            if part in _TONES:
                tone = _TONES[part]
            else:
                base += part
        letters.append(f"{_char_rank(unicodedata.normalize('NFC', base)):03d}")
        tones.append(tone)
    return "".join(letters) + "." + "".join(tones)


def name_sort_key(full_name: str) -> str:
    """Sort key for a person: given name, then middle names, then family name."""
    parts = nfc(full_name).split()
    if not parts:
        return ""
    ordered = [parts[-1], *parts[1:-1], parts[0]] if len(parts) > 1 else parts
    return " ".join(_word_key(p) for p in ordered)[:500]


def document_code(value: str) -> str:
    """A unit's code in document symbols ("TTSNC", "VPHĐND"): NFC, upper case, Vietnamese letters kept."""
    return nfc(value).upper()


def document_code_problem(value: str) -> str | None:
    """Why `value` cannot be a unit's document code, in Vietnamese; None when it can.

    Letters (Vietnamese ones included) and digits only, as ký hiệu văn bản are written (NĐ 30/2020)."""
    code = document_code(value)
    if not code:
        return None
    if not all(ch.isalnum() for ch in code):
        return _(
            "Ký hiệu văn bản chỉ gồm chữ cái (giữ dấu tiếng Việt) và chữ số, không có khoảng trắng hay dấu “-”, “/”."
        )
    if not code[0].isalpha():
        return _("Ký hiệu văn bản phải bắt đầu bằng chữ cái.")
    return None
