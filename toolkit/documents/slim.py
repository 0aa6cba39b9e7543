"""Drop what a template carries but no document of the packet uses.

A DOCX made from python-docx's (or Word's) default template carries a 350 KB
``styles.xml`` with every built-in style, a 440 KB ``stylesWithEffects.xml``
kept only for Word 2010, and the preview image of some other document
(``docProps/thumbnail.jpeg``) — 800 KB around a few KB of text.  Every one of
them was parsed, copied, written and zipped for each document, then parsed
again by LibreOffice.  What stays: every style a part refers to, the styles
those are based on, linked to or followed by, and the default styles.
"""

from __future__ import annotations

from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

_DROPPED_DOCUMENT_RELATIONSHIPS = frozenset(
    {"http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"}
)
_DROPPED_PACKAGE_RELATIONSHIPS = frozenset({RT.THUMBNAIL})
_STYLE_REFERENCES = tuple(qn(tag) for tag in ("w:pStyle", "w:rStyle", "w:tblStyle", "w:numStyleLink", "w:styleLink"))
_STYLE_CHAIN = tuple(qn(tag) for tag in ("w:basedOn", "w:next", "w:link"))
W_VAL = qn("w:val")
W_STYLE_ID = qn("w:styleId")


def slim_document(document: Any) -> None:
    """Remove unused parts and styles from a python-docx ``document`` (in place)."""
    _drop_relationships(document.part.rels, _DROPPED_DOCUMENT_RELATIONSHIPS)
    _drop_relationships(document.part.package.rels, _DROPPED_PACKAGE_RELATIONSHIPS)
    styles = document.styles.element
    used = _referenced_styles(document)
    by_id = {style.get(W_STYLE_ID): style for style in styles.iterchildren(qn("w:style"))}
    keep = {style_id for style_id, style in by_id.items() if style.get(qn("w:default")) in ("1", "true", "on")}
    todo = [style_id for style_id in used if style_id in by_id]
    while todo:
        style_id = todo.pop()
        if style_id in keep:
            continue
        keep.add(style_id)
        for link in by_id[style_id].iterchildren(*_STYLE_CHAIN):
            target = link.get(W_VAL)
            if target in by_id and target not in keep:
                todo.append(target)
    for style_id, style in by_id.items():
        if style_id not in keep:
            styles.remove(style)
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:  # Word's defaults for styles the document does not define: Word knows them
        styles.remove(latent)


def _drop_relationships(rels: Any, reltypes: frozenset[str]) -> None:
    for rel_id in [rel_id for rel_id, rel in rels.items() if rel.reltype in reltypes]:
        del rels[rel_id]


def _referenced_styles(document: Any) -> set[str]:
    """Style ids named anywhere in the document's XML parts other than the styles themselves."""
    styles = document.styles.element
    used: set[str] = set()
    for part in document.part.package.iter_parts():
        element = getattr(part, "_element", None)
        if element is None or element is styles:
            continue
        for reference in element.iter(*_STYLE_REFERENCES):
            value = reference.get(W_VAL)
            if value:
                used.add(value)
    return used
