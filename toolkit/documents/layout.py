"""Language-specific layout of a rendered DOCX: direction, fonts and language tags.

* Every run carries the packet's language tag, so Word and LibreOffice proof
  each document in its own language.
* Arabic: paragraph bidi (alignment then reads from the right), run rtl, tables right to left,
  complex-script face and size (Amiri) — the text is shaped and right-aligned.
* Chinese: the Simplified Chinese face (Noto Serif CJK SC). Debian's
  fonts-noto-cjk otherwise falls back to the Japanese glyph forms.
"""

from __future__ import annotations

import re
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Twips

from ..lang.languages import LanguageSpec

W_P, W_R, W_TBL = qn("w:p"), qn("w:r"), qn("w:tbl")

# CLDR supplemental data (measurementData/paperSize): the territories that use US Letter; the rest use A4.
LETTER_TERRITORIES = frozenset("BZ CA CL CO CR GT MX NI PA PH PR SV US VE".split())
PAPER_SIZES_TWIPS = {"a4": (11906, 16838), "letter": (12240, 15840)}


def default_paper(iso2: str) -> str:
    """The paper a State prints on, per CLDR: letter or a4."""
    return "letter" if iso2 in LETTER_TERRITORIES else "a4"


def set_paper(document: Any, paper: str) -> None:
    """Every section on ``paper`` (a4 or letter), margins unchanged."""
    width, height = PAPER_SIZES_TWIPS[paper]
    for section in document.sections:
        section.page_width = Twips(width)
        section.page_height = Twips(height)


def localize_content(document: Any, spec: LanguageSpec) -> None:
    """Language tags, direction and faces for the language in the body, headers and footers (not the styles)."""
    rtl = spec.rtl
    roots = [document.element.body]
    for section in document.sections:
        for story in (section.header, section.footer):
            if not story.is_linked_to_previous:
                roots.append(story.part.element)
    if rtl:
        for properties in document.element.body.iter(qn("w:sectPr")):
            _set_flag(properties, "w:bidi", before=("w:titlePg", "w:textDirection", "w:docGrid"))
    for root in roots:
        for paragraph in root.iter(W_P):
            if rtl:
                _rtl_paragraph(paragraph)
            if not spec.asian_latin_spacing:
                _no_asian_latin_spacing(paragraph)
        for run in root.iter(W_R):
            _tag_run(run, spec)
            if rtl:
                _isolate_latin(run)
        if rtl:
            for table in root.iter(W_TBL):
                _set_flag(table.tblPr, "w:bidiVisual", before=("w:tblW", "w:jc", "w:tblLayout"))


_THEME_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def localize_styles(document: Any, spec: LanguageSpec) -> None:
    """Explicit faces and language tags for the language in the document defaults and every style.

    A theme attribute (``w:eastAsiaTheme`` and the like) wins over an explicit face at any
    level below it, and python-docx's default styles carry them: left in place they made
    LibreOffice set Chinese in the Japanese face. They are replaced by the faces named here.
    """
    styles = document.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        themed = any(fonts.get(qn(name)) is not None for name in _THEME_ATTRIBUTES)
        for name in _THEME_ATTRIBUTES:
            if fonts.get(qn(name)) is not None:
                del fonts.attrib[qn(name)]
        if themed or fonts.get(qn("w:ascii")) is None:
            fonts.set(qn("w:ascii"), fonts.get(qn("w:ascii")) or spec.faces.latin)
            fonts.set(qn("w:hAnsi"), fonts.get(qn("w:hAnsi")) or spec.faces.latin)
        fonts.set(qn("w:eastAsia"), spec.faces.east_asian)
        fonts.set(qn("w:cs"), spec.faces.complex)
    for rpr in styles.iter(qn("w:rPr")):
        lang_el = rpr.find(qn("w:lang"))
        if lang_el is not None:
            _set_tags(lang_el, spec)
        size = rpr.find(qn("w:sz"))
        if size is not None and rpr.find(qn("w:szCs")) is None:
            size_cs = OxmlElement("w:szCs")
            size_cs.set(qn("w:val"), size.get(qn("w:val")))
            size.addnext(size_cs)


_PPR_AFTER_AUTOSPACE = ("w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:jc", "w:rPr")
_LATIN_LETTER = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"  # basic, Latin-1, extended and additional Latin letters
# A run of Latin words: from a letter to a letter or digit, with what stands inside words and between them
# (. _ - @ / : ' and single spaces); brackets and end punctuation stay outside, in the Arabic sentence.
_INSIDE = rf"[{_LATIN_LETTER}0-9_.@/:'’-]|[ ](?=[{_LATIN_LETTER}0-9])"
_LATIN_SPAN = re.compile(rf"[{_LATIN_LETTER}](?:{_INSIDE})*[{_LATIN_LETTER}0-9]|[{_LATIN_LETTER}]")
LRI, PDI = "\u2066", "\u2069"


def _no_asian_latin_spacing(paragraph: Any) -> None:
    """No space added between Chinese and Latin letters or digits (2008年5月30日, not 2008 年 5 月 30 日)."""
    ppr = paragraph.get_or_add_pPr()
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        element = ppr.find(qn(tag))
        if element is None:
            element = OxmlElement(tag)
            _insert_before(ppr, element, _PPR_AFTER_AUTOSPACE)
        element.set(qn("w:val"), "0")


def _isolate_latin(run: Any) -> None:
    """Latin words (an identifier, a key of the profile, a command) set apart from the right-to-left text
    around them, so that their punctuation is not reordered: "signature-record (2)" stays as typed."""
    for text in run.iter(qn("w:t")):
        if text.text and LRI not in text.text and _LATIN_SPAN.search(text.text):
            text.text = _LATIN_SPAN.sub(lambda m: f"{LRI}{m.group(0)}{PDI}", text.text)


def _insert_before(parent: Any, element: Any, before: tuple[str, ...]) -> None:
    for name in before:
        anchor = parent.find(qn(name))
        if anchor is not None:
            anchor.addprevious(element)
            return
    parent.append(element)


def _rtl_paragraph(paragraph: Any) -> None:
    """Right-to-left paragraph. Alignment stays as it is: in a bidi paragraph Word and LibreOffice
    read left/right as the start/end of the line, so "left" is already the right-hand edge."""
    ppr = paragraph.get_or_add_pPr()
    _set_flag(ppr, "w:bidi", before=("w:spacing", "w:ind", "w:jc", "w:rPr"))


def _tag_run(run: Any, spec: LanguageSpec) -> None:
    rtl = spec.rtl
    rpr = run.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        run.insert(0, rpr)
    if rtl:
        _set_flag(rpr, "w:rtl", before=("w:lang", "w:eastAsianLayout", "w:specVanish"))
        if rpr.find(qn("w:sz")) is not None and rpr.find(qn("w:szCs")) is None:
            size_cs = OxmlElement("w:szCs")
            size_cs.set(qn("w:val"), rpr.find(qn("w:sz")).get(qn("w:val")))
            rpr.find(qn("w:sz")).addnext(size_cs)
        if rpr.find(qn("w:b")) is not None and rpr.find(qn("w:bCs")) is None:
            rpr.find(qn("w:b")).addnext(OxmlElement("w:bCs"))
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        for name in _THEME_ATTRIBUTES:
            if fonts.get(qn(name)) is not None:
                del fonts.attrib[qn(name)]
        fonts.set(qn("w:eastAsia"), spec.faces.east_asian)
        fonts.set(qn("w:cs"), spec.faces.complex)
    tag = rpr.find(qn("w:lang"))
    if tag is None:
        tag = OxmlElement("w:lang")
        rpr.append(tag)
    _set_tags(tag, spec)


def _set_tags(element: Any, spec: LanguageSpec) -> None:
    """Word's three language slots: Latin-script text, East Asian text, complex-script text.

    A Chinese document tags its Chinese in the East Asian slot and its Latin words as English,
    as Word does: tagging Latin text zh-CN let LibreOffice break English words anywhere."""
    element.set(qn("w:val"), spec.run_tag)
    element.set(qn("w:eastAsia"), spec.east_asian_tag)
    element.set(qn("w:bidi"), spec.complex_tag)


def _set_flag(parent: Any, tag: str, before: tuple[str, ...]) -> None:
    """Add an empty ``tag`` element once, before the first of ``before`` present (schema order)."""
    if parent.find(qn(tag)) is not None:
        return
    element = OxmlElement(tag)
    for name in before:
        anchor = parent.find(qn(name))
        if anchor is not None:
            anchor.addprevious(element)
            return
    parent.append(element)
