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
import re
from datetime import datetime
from typing import cast
from xml.sax.saxutils import escape

from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, StreamObject, TextStringObject

from ..documents.metadata import DocumentMetadata as PdfInfo
from ..errors import ConversionError
from ..reproducible import source_date

__all__ = ["PdfInfo", "apply_info", "normalize_pdf", "write_reproducibly"]

CREATOR = "Ratification Toolkit"


def _pdf_date(when: datetime) -> str:
    return when.strftime("D:%Y%m%d%H%M%SZ")


def apply_info(writer: PdfWriter, info: PdfInfo, producer: str, pdfa: bool) -> None:
    """Set the info dictionary, /Lang and XMP (for PDF/A); ``write_reproducibly`` then sets the /ID."""
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
    root = writer.root_object  # pypdf has no setter for /Lang: the catalog is written through its public view
    _fix_icc_dates(root)
    root[NameObject("/Lang")] = TextStringObject(info.language)
    if pdfa:
        # the setter rewrites LibreOffice's stream in place when there is one (an orphan would still be written)
        writer.xmp_metadata = _xmp(info, producer, when).encode("utf-8")
        stream = cast(StreamObject, root["/Metadata"].get_object())
        stream[NameObject("/Type")] = NameObject("/Metadata")  # PDF/A wants both keys; the setter adds neither
        stream[NameObject("/Subtype")] = NameObject("/XML")
    elif "/Metadata" in root:
        cast(StreamObject, root["/Metadata"].get_object()).set_data(b"")  # the stream stays, as an empty orphan
        writer.xmp_metadata = None


_ICC_DATE = bytes.fromhex("07d0 0001 0001 0000 0000 0000")  # 2000-01-01T00:00:00


def _fix_icc_dates(root: DictionaryObject) -> None:
    """LibreOffice's sRGB output intent carries its creation time in the ICC header: fix it."""
    intents = root.get("/OutputIntents")
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


_ID_PLACEHOLDER = b"<" + b"ff" * 16 + b">"
# the trailer's /ID as pypdf writes it: an array of two byte strings, in hex
_TRAILER_ID = re.compile(rb"/ID\s*\[\s*<[0-9A-Fa-f]*>\s*<[0-9A-Fa-f]*>\s*\]")


def write_reproducibly(writer: PdfWriter) -> bytes:
    """Serialize with an /ID derived from the content, so equal inputs give equal bytes.

    pypdf has no public way to set the /ID: ``generate_file_identifiers`` makes a random one
    (reproducibility "is not required", see py-pdf/pypdf#2003, still open).  So the file is
    written with that random /ID, which is then replaced in the trailer: first by a fixed
    placeholder, whose bytes give the digest, then by the digest.  The trailer comes after
    the cross-reference table and nothing points into it, so no offset moves.
    """
    writer.generate_file_identifiers()  # a cloned document keeps LibreOffice's first identifier: replaced too
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    trailer = data.rindex(b"trailer")
    head, tail = data[:trailer], data[trailer:]
    placeholder = b"/ID [ " + _ID_PLACEHOLDER + b" " + _ID_PLACEHOLDER + b" ]"
    tail, found = _TRAILER_ID.subn(placeholder, tail, count=1)
    if found != 1:
        raise ConversionError("pypdf wrote no /ID in the trailer; the PDF cannot be made reproducible")
    digest = hashlib.md5(head + tail, usedforsecurity=False).hexdigest().encode()
    return head + tail.replace(_ID_PLACEHOLDER, b"<" + digest + b">")


def normalize_pdf(document: PdfReader, info: PdfInfo, producer: str, pdfa: bool) -> bytes:
    """One converted document, with reproducible metadata (``document`` itself is left as it was)."""
    writer = PdfWriter(clone_from=document)
    apply_info(writer, info, producer, pdfa)
    return write_reproducibly(writer)
