"""Numbers as each language writes them in legal texts: roman, Chinese, Arabic ordinal words."""

from __future__ import annotations

_ROMAN = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(number: int) -> str:
    """1 → I, 14 → XIV (chapters of a civil-law code)."""
    out = ""
    for value, letters in _ROMAN * 4:
        while number >= value:
            out += letters
            number -= value
    return out


_CHINESE_DIGITS = "零一二三四五六七八九"


def chinese(number: int) -> str:
    """1 → 一, 16 → 十六, 23 → 二十三 (article and chapter numbers in Chinese legal texts, up to 99)."""
    tens, units = divmod(number, 10)
    if number < 10:
        return _CHINESE_DIGITS[number]
    head = "" if tens == 1 else _CHINESE_DIGITS[tens]
    return head + "十" + (_CHINESE_DIGITS[units] if units else "")


_ARABIC_ORDINALS = [
    "الأول",
    "الثاني",
    "الثالث",
    "الرابع",
    "الخامس",
    "السادس",
    "السابع",
    "الثامن",
    "التاسع",
    "العاشر",
    "الحادي عشر",
    "الثاني عشر",
]


def written_number(kind: str, count: int, lang: str) -> str:
    """How a ``kind`` number is written: chapters in roman numerals (Chinese numerals in Chinese, ordinal
    words in Arabic: الباب الأول), everything else in digits."""
    if lang == "zh" and kind in ("chapter", "article"):
        return chinese(count)
    if lang == "ar" and kind in ("chapter", "part") and count <= len(_ARABIC_ORDINALS):
        return _ARABIC_ORDINALS[count - 1]
    if lang == "fr" and kind == "article" and count == 1:
        return "1er"  # « Article 1er », as French statutes write it
    return roman(count) if kind == "chapter" else str(count)
