"""slim_document on a real template: dead parts and unused styles go, every style in use stays, the text stays."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from toolkit.documents.slim import slim_document
from toolkit.resources import bundled_templates_dir

TEMPLATE = bundled_templates_dir() / "ccm" / "instruments" / "instrument.docx"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REFERENCES = [f"{{{W}}}{tag}" for tag in ("pStyle", "rStyle", "tblStyle", "numStyleLink", "styleLink")]
CHAIN = [f"{{{W}}}{tag}" for tag in ("basedOn", "next", "link")]
VAL = f"{{{W}}}val"
STYLE_ID = f"{{{W}}}styleId"
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"


def read_xml(archive: zipfile.ZipFile, name: str) -> etree._Element:
    return etree.fromstring(archive.read(name))


def style_table(archive: zipfile.ZipFile) -> dict[str, etree._Element]:
    styles = read_xml(archive, "word/styles.xml")
    return {style.get(STYLE_ID): style for style in styles.iter(f"{{{W}}}style")}


def referenced_styles(archive: zipfile.ZipFile) -> set[str]:
    """Style ids named by any XML part other than the style sheet (document, numbering, headers…)."""
    used = set()
    for name in archive.namelist():
        if not name.endswith(".xml") or name == "word/styles.xml":
            continue
        for element in read_xml(archive, name).iter(*REFERENCES):
            used.add(element.get(VAL))
    return used


def needed_styles(used: set[str], table: dict[str, etree._Element]) -> set[str]:
    """The styles in use, the defaults, and everything they are based on, linked to or followed by."""
    needed = {sid for sid, style in table.items() if style.get(f"{{{W}}}default") in ("1", "true", "on")}
    todo = [sid for sid in used if sid in table]
    while todo:
        sid = todo.pop()
        if sid in needed:
            continue
        needed.add(sid)
        todo.extend(link.get(VAL) for link in table[sid].iter(*CHAIN) if link.get(VAL) in table)
    return needed


def relationship_types(archive: zipfile.ZipFile, name: str) -> set[str]:
    return {rel.get("Type") for rel in read_xml(archive, name)}


def unzipped_size(path: Path) -> int:
    with zipfile.ZipFile(path) as archive:
        return sum(info.file_size for info in archive.infolist())


def body_xml(path: Path) -> bytes:
    return etree.tostring(docx.Document(str(path)).element.body)


def paragraphs(path: Path) -> list[tuple[str, str]]:
    document = docx.Document(str(path))
    return [(p.text, p.style.name) for p in document.paragraphs]


def save(tmp_path: Path, name: str, *, slim: bool, extra: bool = False) -> Path:
    """The template opened with python-docx, optionally given more styled content, optionally slimmed."""
    document = docx.Document(str(TEMPLATE))
    if extra:
        document.add_paragraph("A quotation", style="Quote")
        document.add_paragraph().add_run("strong words", style="Strong")
        table = document.add_table(rows=1, cols=2)
        table.style = document.styles["Table Grid"]
        table.cell(0, 0).text = "cell"
    if slim:
        slim_document(document)
    out = tmp_path / name
    document.save(str(out))
    return out


@pytest.fixture
def original_styles() -> dict[str, etree._Element]:
    with zipfile.ZipFile(TEMPLATE) as archive:
        return style_table(archive)


def test_the_template_carries_the_dead_weight_this_removes(original_styles: dict[str, etree._Element]) -> None:
    with zipfile.ZipFile(TEMPLATE) as archive:
        names = set(archive.namelist())
        assert "word/stylesWithEffects.xml" in names
        assert "docProps/thumbnail.jpeg" in names
        assert len(original_styles) > 100
        assert "Heading1" in original_styles


@pytest.mark.parametrize("extra", [False, True], ids=["as-is", "with-table-and-run-styles"])
def test_slimming_drops_dead_parts_and_unused_styles_and_keeps_every_style_in_use(
    tmp_path: Path, original_styles: dict[str, etree._Element], extra: bool
) -> None:
    out = save(tmp_path, "slim.docx", slim=True, extra=extra)
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        assert "word/stylesWithEffects.xml" not in names
        assert "docProps/thumbnail.jpeg" not in names
        assert not any("thumbnail" in name or "stylesWithEffects" in name for name in names)
        assert THUMBNAIL not in relationship_types(archive, "_rels/.rels")
        assert STYLES_WITH_EFFECTS not in relationship_types(archive, "word/_rels/document.xml.rels")
        content_types = archive.read("[Content_Types].xml").decode()
        assert "stylesWithEffects" not in content_types and "thumbnail" not in content_types

        kept = style_table(archive)
        used = referenced_styles(archive)
        assert read_xml(archive, "word/styles.xml").find(f"{{{W}}}latentStyles") is None
        assert archive.getinfo("word/styles.xml").file_size < 50_000

    assert used <= set(kept), f"referenced but dropped: {used - set(kept)}"
    assert kept.keys() == needed_styles(used, original_styles)
    for sid, style in kept.items():  # nothing left pointing at a dropped style
        for link in style.iter(*CHAIN):
            assert link.get(VAL) in kept or link.get(VAL) not in original_styles, (sid, link.get(VAL))
    assert {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "Title"} <= set(kept)
    assert {"ListNumber", "ListBullet"} <= set(kept)  # named by numbering.xml, not by the body
    assert "Heading1" not in kept and "Emphasis" not in kept
    if extra:
        assert {"Quote", "Strong", "TableGrid"} <= set(kept)
    else:
        assert "Quote" not in kept and "Strong" not in kept and "TableGrid" not in kept


@pytest.mark.parametrize("extra", [False, True], ids=["as-is", "with-table-and-run-styles"])
def test_slimming_leaves_the_text_and_each_paragraph_style_unchanged(tmp_path: Path, extra: bool) -> None:
    plain = save(tmp_path, "plain.docx", slim=False, extra=extra)
    slim = save(tmp_path, "slim.docx", slim=True, extra=extra)
    assert body_xml(slim) == body_xml(plain)
    assert paragraphs(slim) == paragraphs(plain)
    assert any(style == "Title" for _, style in paragraphs(slim))
    assert any("INSTRUMENT OF RATIFICATION" in text for text, _ in paragraphs(slim))
    assert unzipped_size(slim) < unzipped_size(plain) / 10  # what LibreOffice parses: a few KB, not 800 KB
