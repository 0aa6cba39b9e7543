"""PDF metadata made reproducible and honest: fixed dates, stable IDs, PDF/A identification.

LibreOffice stamps every PDF with the time of conversion and a fresh ``/ID``;
the same inputs must give the same bytes, so both are normalized here (to
``SOURCE_DATE_EPOCH`` when it is set, else removed).  Merging with pypdf drops
PDF/A identification, so a packet that claims PDF/A gets its XMP metadata and
output intent rebuilt here.
"""

from __future__ import annotations

import hashlib
import io
from datetime import datetime
from typing import cast
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DecodedStreamObject,
    NameObject,
    StreamObject,
    TextStringObject,
)

from ..documents.render import DocumentMetadata as PdfInfo

__all__ = ["PdfInfo", "apply_info", "normalize_pdf", "write_reproducibly"]
from ..reproducible import source_date

CREATOR = "Ratification Toolkit"


def _pdf_date(when: datetime) -> str:
    return when.strftime("D:%Y%m%d%H%M%SZ")


def apply_info(writer: PdfWriter, info: PdfInfo, producer: str, pdfa: bool) -> None:
    """Set the info dictionary, /Lang, XMP (for PDF/A) and a content-derived /ID."""
    when = source_date()
    meta = {
        "/Title": info.title,
        "/Subject": info.subject,
        "/Author": info.author,
        "/Creator": CREATOR,
        "/Producer": producer,
    }
    if when is not None:
        meta["/CreationDate"] = meta["/ModDate"] = _pdf_date(when)
    writer.metadata = None  # drop LibreOffice's conversion time
    writer.add_metadata(meta)
    root = writer._root_object
    _fix_icc_dates(root)
    root[NameObject("/Lang")] = TextStringObject(info.language)
    if pdfa:
        xmp = _xmp(info, producer, when).encode("utf-8")
        if "/Metadata" in root:  # rewrite LibreOffice's stream in place: an orphan would still be written
            cast(StreamObject, root["/Metadata"].get_object()).set_data(xmp)
        else:
            stream = DecodedStreamObject()
            stream.set_data(xmp)
            stream[NameObject("/Type")] = NameObject("/Metadata")
            stream[NameObject("/Subtype")] = NameObject("/XML")
            root[NameObject("/Metadata")] = writer._add_object(stream)
    elif "/Metadata" in root:
        cast(StreamObject, root["/Metadata"].get_object()).set_data(b"")
        del root["/Metadata"]


_ICC_DATE = bytes.fromhex("07d0 0001 0001 0000 0000 0000")  # 2000-01-01T00:00:00


def _fix_icc_dates(root: object) -> None:
    """LibreOffice's sRGB output intent carries its creation time in the ICC header: fix it."""
    intents = root.get("/OutputIntents")  # type: ignore[attr-defined]
    for intent in intents.get_object() if intents is not None else []:
        profile = intent.get_object().get("/DestOutputProfile")
        if profile is None:
            continue
        stream = profile.get_object()
        data = bytearray(stream.get_data())
        if len(data) >= 36 and data[36:40] == b"acsp":
            data[24:36] = _ICC_DATE
            stream.set_data(bytes(data))


def _xmp(info: PdfInfo, producer: str, when: datetime | None) -> str:
    dates = ""
    if when is not None:
        stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
        dates = f"<xmp:CreateDate>{stamp}</xmp:CreateDate><xmp:ModifyDate>{stamp}</xmp:ModifyDate>"
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">'
        "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>"
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(info.title)}</rdf:li></rdf:Alt></dc:title>'
        f"<dc:creator><rdf:Seq><rdf:li>{escape(info.author)}</rdf:li></rdf:Seq></dc:creator>"
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(info.subject)}</rdf:li></rdf:Alt>'
        "</dc:description>"
        f"<dc:language><rdf:Bag><rdf:li>{escape(info.language)}</rdf:li></rdf:Bag></dc:language>"
        "</rdf:Description>"
        f'<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"><pdf:Producer>{escape(producer)}'
        "</pdf:Producer></rdf:Description>"
        f'<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:CreatorTool>{CREATOR}'
        f"</xmp:CreatorTool>{dates}</rdf:Description>"
        '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    )


_ID_PLACEHOLDER = b"\xff" * 16


def write_reproducibly(writer: PdfWriter) -> bytes:
    """Serialize with an /ID derived from the content, so equal inputs give equal bytes.

    Written once with a placeholder /ID in the trailer; the digest of those bytes then
    replaces the placeholder, which has the same length, so no offset moves.
    """
    writer._ID = ArrayObject([ByteStringObject(_ID_PLACEHOLDER), ByteStringObject(_ID_PLACEHOLDER)])
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    placeholder = f"<{_ID_PLACEHOLDER.hex()}>".encode()
    digest = hashlib.md5(data, usedforsecurity=False).hexdigest().encode()
    trailer = data.rindex(b"trailer")
    return data[:trailer] + data[trailer:].replace(placeholder, b"<" + digest + b">")


def normalize_pdf(document: PdfReader, info: PdfInfo, producer: str, pdfa: bool) -> bytes:
    """One converted document, with reproducible metadata (``document`` itself is left as it was)."""
    writer = PdfWriter(clone_from=document)
    apply_info(writer, info, producer, pdfa)
    return write_reproducibly(writer)
