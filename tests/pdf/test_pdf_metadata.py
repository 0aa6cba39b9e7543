"""Reproducible, honest metadata: info, /Lang, PDF/A XMP and output intent, content-derived /ID."""

from __future__ import annotations

import hashlib
import io
import re
import xml.etree.ElementTree as ET

import pytest
from pdf_samples import TITLES, cover_pdf, document_pdf, layout, parts
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

from toolkit.pdf.metadata import PdfInfo, normalize_pdf, write_reproducibly
from toolkit.pdf.packet import assemble_packet

INFO = PdfInfo(
    title="Kenya & <Co>: instrument", subject="Convention on Cluster Munitions", author="Mission", language="en-GB"
)
PRODUCER = "LibreOffice 7.4; pypdf"
ICC_TIME = bytes.fromhex("07e9 0006 000f 000c 0022 0038")  # 2025-06-15T12:34:56, as LibreOffice stamps it


def converted(stamp: str, *, xmp: bytes | None = None, intent: bool = False) -> bytes:
    """A PDF as LibreOffice leaves it: its conversion time, a random /ID, maybe XMP and an sRGB output intent."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(document_pdf("Body", 1))))
    writer.add_metadata({"/CreationDate": stamp, "/ModDate": stamp, "/Author": "python-docx"})
    if xmp is not None:
        writer.xmp_metadata = xmp
    if intent:  # pypdf makes an indirect stream publicly only for XMP: borrow that one for the ICC profile
        metadata = writer.root_object.get("/Metadata")
        writer.xmp_metadata = None
        writer.xmp_metadata = bytes(24) + ICC_TIME + b"acsp" + bytes(88)
        profile = writer.root_object.raw_get("/Metadata")
        if metadata is not None:
            writer.root_object[NameObject("/Metadata")] = metadata
        else:
            del writer.root_object["/Metadata"]
        output = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/OutputIntent"),
                NameObject("/S"): NameObject("/GTS_PDFA1"),
                NameObject("/DestOutputProfile"): profile,
                NameObject("/N"): NumberObject(3),
            }
        )
        writer.root_object[NameObject("/OutputIntents")] = ArrayObject([output])
    writer.generate_file_identifiers()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def xmp_of(pdf: bytes) -> str:
    root = PdfReader(io.BytesIO(pdf)).root_object
    stream = root["/Metadata"].get_object()
    assert stream["/Type"] == "/Metadata" and stream["/Subtype"] == "/XML"
    return str(stream.get_data().decode("utf-8"))


def test_normalized_documents_drop_the_conversion_time_and_random_id(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    one = normalize_pdf(PdfReader(io.BytesIO(converted("D:20250615123456Z"))), INFO, PRODUCER, False)
    two = normalize_pdf(PdfReader(io.BytesIO(converted("D:20260101000000Z"))), INFO, PRODUCER, False)
    assert one == two
    meta = PdfReader(io.BytesIO(one)).metadata
    assert meta is not None and "/CreationDate" not in meta and "/ModDate" not in meta
    assert (meta.title, meta.author, meta.subject, meta.creator, meta.producer) == (
        INFO.title,
        INFO.author,
        INFO.subject,
        "Ratification Toolkit",
        PRODUCER,
    )
    assert PdfReader(io.BytesIO(one)).root_object["/Lang"] == "en-GB"


def test_source_date_epoch_sets_both_dates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1785542400")
    pdf = normalize_pdf(PdfReader(io.BytesIO(converted("D:20250615123456Z"))), INFO, PRODUCER, True)
    meta = PdfReader(io.BytesIO(pdf)).metadata
    assert meta is not None
    assert meta["/CreationDate"] == meta["/ModDate"] == "D:20260801000000Z"
    assert "<xmp:CreateDate>2026-08-01T00:00:00Z</xmp:CreateDate>" in xmp_of(pdf)


def test_the_id_is_the_digest_of_the_file_itself() -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(converted("D:20250615123456Z"))))
    pdf = write_reproducibly(writer)
    first, second = (value.original_bytes for value in PdfReader(io.BytesIO(pdf)).trailer["/ID"])
    assert first == second and len(first) == 16
    placeholder = b"<" + b"ff" * 16 + b">"
    as_written = pdf.replace(b"<" + first.hex().encode() + b">", placeholder)
    assert as_written.count(placeholder) == 2
    assert hashlib.md5(as_written, usedforsecurity=False).digest() == first


def test_pdfa_rewrites_libreoffices_xmp_in_place_with_escaped_text() -> None:
    source = converted("D:20250615123456Z", xmp=b"<x:xmpmeta>LibreOffice was here</x:xmpmeta>")
    pdf = normalize_pdf(PdfReader(io.BytesIO(source)), INFO, PRODUCER, True)
    xmp = xmp_of(pdf)
    assert "<pdfaid:part>2</pdfaid:part>" in xmp and "<pdfaid:conformance>B</pdfaid:conformance>" in xmp
    assert "Kenya &amp; &lt;Co&gt;: instrument" in xmp
    ET.fromstring(re.sub(r"<\?xpacket[^>]*\?>", "", xmp))  # well-formed XML
    assert b"LibreOffice was here" not in pdf  # not left behind as an orphan stream


def test_without_pdfa_no_xmp_is_kept() -> None:
    source = converted("D:20250615123456Z", xmp=b"<x:xmpmeta>LibreOffice was here</x:xmpmeta>")
    pdf = normalize_pdf(PdfReader(io.BytesIO(source)), INFO, PRODUCER, False)
    assert "/Metadata" not in PdfReader(io.BytesIO(pdf)).root_object
    assert b"LibreOffice was here" not in pdf


def test_the_icc_profile_loses_its_creation_time() -> None:
    pdf = normalize_pdf(PdfReader(io.BytesIO(converted("D:1", intent=True))), INFO, PRODUCER, True)
    intents = PdfReader(io.BytesIO(pdf)).root_object["/OutputIntents"]
    header = intents[0].get_object()["/DestOutputProfile"].get_object().get_data()
    assert header[24:36] == bytes.fromhex("07d0 0001 0001 0000 0000 0000") and header[36:40] == b"acsp"


def test_pdfa_packet_has_xmp_output_intent_language_and_title(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    cover = converted_cover()
    packet = assemble_packet(cover, parts([1, 2]), layout(), INFO, PRODUCER, True)
    reader = PdfReader(io.BytesIO(packet))
    assert "<pdfaid:part>2</pdfaid:part>" in xmp_of(packet)
    assert "<dc:language><rdf:Bag><rdf:li>en-GB</rdf:li></rdf:Bag></dc:language>" in xmp_of(packet)
    assert len(reader.root_object["/OutputIntents"]) == 1
    assert reader.root_object["/Lang"] == TextStringObject("en-GB")
    assert reader.metadata is not None and reader.metadata.title == INFO.title
    plain = PdfReader(io.BytesIO(assemble_packet(cover, parts([1, 2]), layout(), INFO, PRODUCER, False)))
    assert "/Metadata" not in plain.root_object and "/OutputIntents" not in plain.root_object


def converted_cover() -> bytes:
    """The sample cover with LibreOffice's PDF/A output intent on it."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(cover_pdf(TITLES[:2]))))
    intents = PdfReader(io.BytesIO(converted("D:1", intent=True))).root_object["/OutputIntents"]
    writer.root_object[NameObject("/OutputIntents")] = intents.clone(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
