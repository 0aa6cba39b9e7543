"""Roman and Chinese numerals against tables built independently, and each language's numbering rules."""

from __future__ import annotations

import pytest

from toolkit.lang.formats import legal_number
from toolkit.lang.languages import language_spec
from toolkit.lang.numerals import chinese, roman


def written_number(kind: str, count: int, lang: str) -> str:
    """How the language table's record of ``lang`` numbers the ``count``-th ``kind``."""
    spec = language_spec(lang)
    assert spec is not None
    return legal_number(kind, count, spec)


# Roman numerals digit by digit: each decimal place has its own ten spellings.
THOUSANDS = ["", "M", "MM", "MMM"]
HUNDREDS = ["", "C", "CC", "CCC", "CD", "D", "DC", "DCC", "DCCC", "CM"]
TENS = ["", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC"]
UNITS = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]


def roman_by_places(number: int) -> str:
    return THOUSANDS[number // 1000] + HUNDREDS[number // 100 % 10] + TENS[number // 10 % 10] + UNITS[number % 10]


# Chinese numerals built up by magnitude, each range from the one below it.
DIGITS = dict(enumerate("一二三四五六七八九", start=1))


def chinese_below_100(number: int, *, leading: bool) -> str:
    """1–99; ``leading``: the whole number (十六) rather than a tail after 百 or 千 (一十六)."""
    tens, units = divmod(number, 10)
    if tens == 0:
        return DIGITS[units]
    head = "十" if tens == 1 and leading else DIGITS[tens] + "十"
    return head + (DIGITS[units] if units else "")


def chinese_below_1000(number: int) -> str:
    """100–999."""
    hundreds, rest = divmod(number, 100)
    text = DIGITS[hundreds] + "百"
    if rest == 0:
        return text
    if rest < 10:
        return text + "零" + DIGITS[rest]
    return text + chinese_below_100(rest, leading=False)


def chinese_by_magnitude(number: int) -> str:
    if number < 100:
        return chinese_below_100(number, leading=True)
    if number < 1000:
        return chinese_below_1000(number)
    thousands, rest = divmod(number, 1000)
    text = DIGITS[thousands] + "千"
    if rest == 0:
        return text
    if rest < 100:  # the hundreds place is empty: one 零, however many zeros
        return text + "零" + chinese_below_100(rest, leading=False)
    return text + chinese_below_1000(rest)


def test_the_roman_table_itself_is_right() -> None:
    assert [roman_by_places(n) for n in (1, 4, 9, 40, 90, 400, 900, 1994, 3999)] == [
        "I",
        "IV",
        "IX",
        "XL",
        "XC",
        "CD",
        "CM",
        "MCMXCIV",
        "MMMCMXCIX",
    ]


def test_roman_matches_the_place_table_from_1_to_3999() -> None:
    wrong = {n: roman(n) for n in range(1, 4000) if roman(n) != roman_by_places(n)}
    assert wrong == {}


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, "I"),
        (2, "II"),
        (3, "III"),
        (4, "IV"),
        (5, "V"),
        (9, "IX"),
        (10, "X"),
        (14, "XIV"),
        (19, "XIX"),
        (40, "XL"),
        (49, "XLIX"),
        (50, "L"),
        (90, "XC"),
        (99, "XCIX"),
        (100, "C"),
        (400, "CD"),
        (500, "D"),
        (900, "CM"),
        (1000, "M"),
        (1994, "MCMXCIV"),
        (2024, "MMXXIV"),
        (3888, "MMMDCCCLXXXVIII"),
        (3999, "MMMCMXCIX"),
    ],
)
def test_roman_spot_values(number: int, expected: str) -> None:
    assert roman(number) == expected


@pytest.mark.parametrize("number", [0, -1, 4000, 5000])
def test_roman_refuses_numbers_it_cannot_write(number: int) -> None:
    with pytest.raises(ValueError):
        roman(number)


def test_the_chinese_table_itself_is_right() -> None:
    assert [chinese_by_magnitude(n) for n in (10, 16, 101, 110, 1001, 1010, 5010)] == [
        "十",
        "十六",
        "一百零一",
        "一百一十",
        "一千零一",
        "一千零一十",
        "五千零一十",
    ]


def test_chinese_matches_the_magnitude_table_from_1_to_9999() -> None:
    wrong = {n: chinese(n) for n in range(1, 10000) if chinese(n) != chinese_by_magnitude(n)}
    assert wrong == {}


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, "一"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (16, "十六"),
        (20, "二十"),
        (23, "二十三"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (105, "一百零五"),
        (110, "一百一十"),
        (111, "一百一十一"),
        (120, "一百二十"),
        (999, "九百九十九"),
        (1000, "一千"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (1100, "一千一百"),
        (1101, "一千一百零一"),
        (2008, "二千零八"),
        (5010, "五千零一十"),
        (9999, "九千九百九十九"),
    ],
)
def test_chinese_spot_values(number: int, expected: str) -> None:
    assert chinese(number) == expected


@pytest.mark.parametrize("number", [0, -5, 10000])
def test_chinese_refuses_numbers_it_cannot_write(number: int) -> None:
    with pytest.raises(ValueError):
        chinese(number)


@pytest.mark.parametrize(
    ("kind", "count", "expected"),
    [("chapter", 3, "三"), ("chapter", 12, "十二"), ("article", 1, "一"), ("article", 110, "一百一十")],
)
def test_chinese_chapters_and_articles_are_in_chinese_numerals(kind: str, count: int, expected: str) -> None:
    assert written_number(kind, count, "zh") == expected


def test_chinese_parts_and_sections_stay_in_digits() -> None:
    assert written_number("part", 3, "zh") == "3"
    assert written_number("section", 14, "zh") == "14"


@pytest.mark.parametrize("kind", ["chapter", "part"])
def test_arabic_chapters_and_parts_are_ordinal_words_up_to_the_twelfth(kind: str) -> None:
    assert written_number(kind, 1, "ar") == "الأول"
    assert written_number(kind, 2, "ar") == "الثاني"
    assert written_number(kind, 10, "ar") == "العاشر"
    assert written_number(kind, 11, "ar") == "الحادي عشر"
    assert written_number(kind, 12, "ar") == "الثاني عشر"
    assert written_number(kind, 13, "ar") == "13"
    assert written_number(kind, 40, "ar") == "40"


def test_arabic_articles_and_sections_are_in_digits() -> None:
    assert written_number("article", 1, "ar") == "1"
    assert written_number("section", 7, "ar") == "7"


def test_french_article_one_is_premier_and_the_rest_are_digits() -> None:
    assert written_number("article", 1, "fr") == "1er"
    assert written_number("article", 2, "fr") == "2"
    assert written_number("section", 1, "fr") == "1"
    assert written_number("chapter", 1, "fr") == "I"


@pytest.mark.parametrize("lang", ["en", "fr", "es", "ru", "pt"])
def test_chapters_are_roman_elsewhere_and_everything_else_is_digits(lang: str) -> None:
    assert [written_number("chapter", n, lang) for n in (1, 4, 9, 14, 40)] == ["I", "IV", "IX", "XIV", "XL"]
    assert written_number("article", 14, lang) == "14"
    assert written_number("part", 4, lang) == "4"
    assert written_number("section", 9, lang) == "9"
