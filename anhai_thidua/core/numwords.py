"""Numbers in Vietnamese words, as money is written on legal documents: "710.000 đồng (Bảy trăm mười nghìn
đồng)". One function for every document (decisions, tờ trình, payment lists, workbooks).

Rules of reading (the southern/standard written form used in administrative documents):
- groups of three digits: nghìn, triệu, tỷ (then nghìn tỷ, triệu tỷ…);
- tens: "mười" for 1x, "mươi" for 2x–9x; ones after a ten: 1 → "mốt" (from 21), 5 → "lăm" (from 15),
  4 stays "bốn";
- a zero ten before a non-zero one inside a number: "linh" ("một trăm linh năm");
- a group after a higher one keeps "không trăm" ("một triệu không trăm năm mươi nghìn").
"""

from __future__ import annotations

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
SCALES = ["", "nghìn", "triệu", "tỷ"]


def _group(n: int, *, full: bool) -> list[str]:
    """A group 0–999 in words; `full` when a higher group precedes it (hundreds spoken as "không trăm")."""
    hundreds, tens, ones = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if full or hundreds:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if ones and words:
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [DIGITS[tens], "mươi"]
    if ones:
        if ones == 1 and tens >= 2:
            words.append("mốt")
        elif ones == 5 and tens >= 1:
            words.append("lăm")
        else:
            words.append(DIGITS[ones])
    return words


def number_words(n: int) -> str:
    """A non-negative integer in Vietnamese words, lower case: 1_410_000 → "một triệu bốn trăm mười nghìn"."""
    if n < 0:
        raise ValueError("negative amount")
    if n == 0:
        return "không"
    # Split into groups of three from the right; beyond "tỷ" the scale repeats (nghìn tỷ, triệu tỷ).
    groups: list[int] = []
    while n:
        groups.append(n % 1000)
        n //= 1000
    words: list[str] = []
    top = len(groups) - 1
    for index in range(top, -1, -1):
        value = groups[index]
        if value == 0:
            # "một tỷ" + zero groups: the "tỷ" of a billions block is still said when a block above exists.
            if index % 3 == 0 and index and index != top and any(groups[index + 1 : index + 3]):
                words.append("tỷ")
            continue
        words += _group(value, full=index != top)
        scale = SCALES[index % 3] if index % 3 else ""
        if index and index % 3 == 0:
            scale = "tỷ"
        if scale:
            words.append(scale)
    return " ".join(words)
