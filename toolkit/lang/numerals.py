"""Numbers as each language writes them in legal texts: roman, Chinese, Arabic ordinal words."""

from __future__ import annotations

import roman as _roman

ROMAN_MAX = 3999  # MMMCMXCIX: past it roman numerals need a vinculum
CHINESE_MAX = 9999  # 九千九百九十九: past it the next unit is 万


def _check(number: int, largest: int) -> None:
    if isinstance(number, bool) or not isinstance(number, int):
        raise TypeError(f"expected an int, got {number!r}")
    if not 1 <= number <= largest:
        raise ValueError(f"{number} is outside 1–{largest}")


def roman(number: int) -> str:
    """1 → I, 14 → XIV, 1994 → MCMXCIV (chapters of a civil-law code); ValueError outside 1–3999."""
    _check(number, ROMAN_MAX)
    return _roman.toRoman(number)


_CHINESE_DIGITS = "零一二三四五六七八九"
_CHINESE_UNITS = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))


def chinese(number: int) -> str:
    """An article or chapter number as Chinese legal texts write it (第一百零一条), 1–9999.

    16 → 十六, 23 → 二十三, 101 → 一百零一, 110 → 一百一十, 1001 → 一千零一, 1010 → 一千零一十:
    one 零 for any run of zeros between digits, none at the end, and 十 without 一 only at the start.
    ValueError outside 1–9999.
    """
    _check(number, CHINESE_MAX)
    out = ""
    gap = False  # a zero digit after the first non-zero one, not yet written
    for unit, name in _CHINESE_UNITS:
        digit, number = divmod(number, unit)
        if digit == 0:
            gap = gap or bool(out)
            continue
        if gap:
            out += "零"
            gap = False
        if not (out == "" and unit == 10 and digit == 1):  # 十六, but 一百一十
            out += _CHINESE_DIGITS[digit]
        out += name
    return out
