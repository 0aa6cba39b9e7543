"""What a document says about itself: title, subject, author, language (DOCX core properties, PDF info)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentMetadata:
    """What goes into the DOCX core properties (and from there into the PDF)."""

    title: str
    subject: str
    author: str
    language: str
