"""Vietnamese text helpers: NFC storage, diacritic-free search keys, Vietnamese name order."""

import unicodedata

# Vietnamese alphabet order: đ sorts after d, and vowels with marks after the bare vowel.
_ALPHABET = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệfghiìíỉĩịjklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvwxyỳýỷỹỵz"
_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}


def nfc(value: str) -> str:
    """Normalise to Unicode NFC and trim; every Vietnamese text is stored this way."""
    return unicodedata.normalize("NFC", value or "").strip()


def fold(value: str) -> str:
    """Lower-case without diacritics, for search: "Nguyễn Văn Hùng" → "nguyen van hung"."""
    text = unicodedata.normalize("NFD", (value or "").lower().replace("đ", "d").replace("Đ", "d"))
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn")


def _word_key(word: str) -> str:
    # Fixed-width code per letter so that plain string comparison follows the Vietnamese alphabet.
    return "".join(f"{_RANK.get(ch, 200 + ord(ch) % 700):03d}" for ch in nfc(word).lower())


def name_sort_key(full_name: str) -> str:
    """Sort key for a person: given name, then middle names, then family name."""
    parts = nfc(full_name).split()
    if not parts:
        return ""
    ordered = [parts[-1], *parts[1:-1], parts[0]] if len(parts) > 1 else parts
    return " ".join(_word_key(p) for p in ordered)[:500]
