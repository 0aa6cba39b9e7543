"""toolkit.documents.render: sandboxed strict jinja in DOCX, literal profile text, reproducible bytes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import docx_paragraphs, docx_text

from toolkit.build import build_packet
from toolkit.documents.render import DocumentMetadata, render_docx
from toolkit.errors import TemplateError
from toolkit.lang.language import resolve_language

ENGLISH = resolve_language("en")

HOSTILE = "A & B <b>{{ x }}</b> {% if %}"
METADATA = DocumentMetadata(
    title="Kenya: Instrument",
    subject="Convention on Cluster Munitions",
    author="Permanent Mission of Kenya",
    language="en-GB",
)


def make_template(folder: Path, *paragraphs: str, name: str = "template.docx") -> Path:
    """A DOCX template with one paragraph per tag, made with python-docx."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    path = folder / name
    document.save(str(path))
    return path


def core_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("docProps/core.xml").decode("utf-8")


def paragraphs_of(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_values_are_rendered(tmp_path):
    template = make_template(tmp_path, "Hello {{ name }}.", "{%p if flag %}", "Shown", "{%p endif %}", "End")
    data = render_docx(template, {"name": "Kenya", "flag": True}, ENGLISH, METADATA)
    assert paragraphs_of(data) == ["Hello Kenya.", "Shown", "End"]
    data = render_docx(template, {"name": "Kenya", "flag": False}, ENGLISH, METADATA)
    assert paragraphs_of(data) == ["Hello Kenya.", "End"]


def test_hostile_text_is_rendered_literally(tmp_path):
    template = make_template(tmp_path, "{{ value }}", "{% trans %}Signed by {{ value }}.{% endtrans %}")
    data = render_docx(template, {"value": HOSTILE}, ENGLISH, METADATA)
    assert paragraphs_of(data) == [HOSTILE, f"Signed by {HOSTILE}."]


def test_hostile_mission_name_in_a_profile_comes_out_literally(tmp_path, kenya_variant):
    profile = kenya_variant(
        ("  name: Permanent Mission of the Republic of Kenya to the United Nations", f"  name: '{HOSTILE}'"),
        ("  name: Jane Wanjiru Doe", f"  name: '{HOSTILE}'"),
    )
    out = tmp_path / "packet"
    build_packet(profile, out=out, pdf=False)
    cover = docx_paragraphs(out / "cover-note.docx")
    assert cover[0] == HOSTILE
    assert f"The {HOSTILE} presents its compliments" in docx_text(out / "cover-note.docx")
    assert f"NOW THEREFORE I, {HOSTILE}, Cabinet Secretary" in docx_text(out / "instrument.docx")
    assert docx_paragraphs(out / "instrument.docx")[-2] == HOSTILE
    assert docx.Document(str(out / "cover-note.docx")).core_properties.author == HOSTILE


def test_unknown_value_is_an_error_naming_it(tmp_path):
    template = make_template(tmp_path, "Hello", "{{ no_such_value }}")
    with pytest.raises(TemplateError) as info:
        render_docx(template, {}, ENGLISH, METADATA)
    assert info.value.first.key == "no_such_value"
    assert info.value.first.path == template
    assert str(info.value).startswith(
        f"{template}: no_such_value: uses no_such_value, which the toolkit does not provide"
    )


def test_unknown_attribute_is_an_error_naming_it(tmp_path):
    template = make_template(tmp_path, "{{ state.nickname }}")
    with pytest.raises(TemplateError) as info:
        render_docx(template, {"state": {"name": "Kenya"}}, ENGLISH, METADATA)
    assert info.value.first.key == "nickname"


@pytest.mark.parametrize("tag", ["{{ x ", "{% if x %}", "{{ x }"])
def test_broken_tag_is_an_error(tmp_path, tag):
    template = make_template(tmp_path, tag, "after")
    with pytest.raises(TemplateError) as info:
        render_docx(template, {"x": "value"}, ENGLISH, METADATA)
    assert info.value.first.path == template
    assert "broken template tag" in str(info.value)


def test_sandbox_refuses_python_internals(tmp_path):
    template = make_template(tmp_path, "{{ name.__class__.__mro__ }}")
    with pytest.raises(TemplateError) as info:
        render_docx(template, {"name": "Kenya"}, ENGLISH, METADATA)
    assert "access to attribute '__class__' of 'str' object is unsafe" in str(info.value)


def test_rendering_twice_gives_identical_bytes(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    template = make_template(tmp_path, "{{ a }}", "{% trans %}B {{ b }}{% endtrans %}")
    first = render_docx(template, {"a": "x", "b": "y"}, ENGLISH, METADATA)
    second = render_docx(template, {"a": "x", "b": "y"}, ENGLISH, METADATA)
    assert first == second
    third = render_docx(template, {"a": "x", "b": "z"}, ENGLISH, METADATA)
    assert third != first


def test_zip_entries_have_fixed_times(tmp_path):
    template = make_template(tmp_path, "{{ a }}")
    data = render_docx(template, {"a": "x"}, ENGLISH, METADATA)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_without_source_date_epoch_core_xml_has_no_dates(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    xml = core_xml(render_docx(make_template(tmp_path, "{{ a }}"), {"a": "x"}, ENGLISH, METADATA))
    assert "dcterms:created" not in xml
    assert "dcterms:modified" not in xml


def test_source_date_epoch_sets_core_dates(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    xml = core_xml(render_docx(make_template(tmp_path, "{{ a }}"), {"a": "x"}, ENGLISH, METADATA))
    assert '<dcterms:created xsi:type="dcterms:W3CDTF">2023-11-14T22:13:20Z</dcterms:created>' in xml
    assert '<dcterms:modified xsi:type="dcterms:W3CDTF">2023-11-14T22:13:20Z</dcterms:modified>' in xml


def test_source_date_epoch_in_a_built_packet(tmp_path, monkeypatch):
    from conftest import KENYA

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1262304000")  # 2010-01-01T00:00:00Z
    build_packet(KENYA, out=tmp_path / "a", pdf=False)
    document = docx.Document(str(tmp_path / "a" / "instrument.docx"))
    assert document.core_properties.created.isoformat() == "2010-01-01T00:00:00+00:00"
    assert document.core_properties.modified.isoformat() == "2010-01-01T00:00:00+00:00"


def test_core_properties_come_from_metadata_not_python_docx(tmp_path):
    data = render_docx(make_template(tmp_path, "{{ a }}"), {"a": "x"}, ENGLISH, METADATA)
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.author == "Permanent Mission of Kenya"
    assert props.last_modified_by == "Permanent Mission of Kenya"
    assert props.title == "Kenya: Instrument"
    assert props.subject == "Convention on Cluster Munitions"
    assert props.language == "en-GB"
    assert props.comments == ""
    assert "python-docx" not in core_xml(data)


def test_built_documents_are_authored_by_the_mission(tmp_path):
    from conftest import KENYA

    out = tmp_path / "packet"
    build_packet(KENYA, out=out, pdf=False)
    for name in ("instrument.docx", "cover-note.docx", "checklist.docx"):
        props = docx.Document(str(out / name)).core_properties
        assert props.author == "Permanent Mission of the Republic of Kenya to the United Nations", name
        assert "python-docx" not in core_xml((out / name).read_bytes())
