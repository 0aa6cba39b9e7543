"""The index of a workshop kit, one per language: its rows and the values its template is rendered with.

It lists every State's packet in that language — the State's name, the instrument, the planned
deposit, the pages of the packet, the sheets of the State's part of the print file and the folder —
sorted by the State's name as that language writes it; then the kit's totals.  A packet that failed
is listed as not built.  :mod:`toolkit.kits.language_kit` writes it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pypdf

from ..documents.phrases import act_instruments, document_titles
from ..errors import OutputError
from ..lang.language import Language, resolve_language
from ..manifest import read_manifest
from ..model.names import find_state, state_name
from ..model.treaty import load_treaty


def row_of_packet(folder: Path, language: Language, out: Path) -> dict[str, Any] | None:
    """The row of the packet in ``folder`` (``out/<CODE>/<LANG>``); None if it is not a packet in ``language``."""
    try:
        manifest = read_manifest(folder)
    except OutputError:
        return None  # not a packet the toolkit wrote
    name, act, planned = manifest.state.name if manifest.state else None, manifest.act, manifest.deposit_planned
    if name is None or act is None or manifest.language != language.code:
        return None
    _ = language.gettext
    packet_pdf = folder / "packet.pdf"
    try:
        pages: int | str = len(pypdf.PdfReader(packet_pdf).pages) if packet_pdf.is_file() else "—"
    except (OSError, pypdf.errors.PdfReadError):
        pages = "—"
    return packet_row(
        name,
        document_titles(_, act_instruments(_).get(act, act))["instrument"],
        language.long_date(planned) if planned else "",
        pages,
        folder.relative_to(out).as_posix(),  # no trailing slash: it would jump in Arabic
        manifest.treaty or "ccm",
    )


def state_sort_key(language: Language, name: str, code: str | None = None) -> tuple[str, str]:
    """Where a State (or an organisation, without ``code``) goes in a list in ``language``: its name's
    alphabetical place, or, where the language lists States in the English order (Chinese, as the
    UN does), the place of its English short name."""
    if code and language.spec.states_in_english_order:
        record = find_state(code)
        if record is not None:
            return resolve_language("en").sort_key(state_name(record, "en").short)
    return language.sort_key(name)


def packet_row(
    state: str, instrument: str, deposit: str, pages: int | str, folder: str, treaty: str, sheets: int | str = "—"
) -> dict[str, Any]:
    """A built packet's row of the index (``instrument`` as the packet's contents title it)."""
    return {"state": state, "act": instrument, "deposit": deposit or "—", "pages": pages, "folder": folder} | {
        "code": folder.split("/")[0],
        "sheets": sheets,
        "ok": True,
        "treaty": treaty,
    }


def not_built_row(name: str, language: Language) -> dict[str, Any]:
    """The row of a packet that failed and has no folder."""
    not_built = language.gettext("not built")
    return {"state": name, "act": not_built, "deposit": "—", "pages": "—", "sheets": "—", "folder": "—", "ok": False}


def index_values(rows: list[dict[str, Any]], language: Language, prepared_on: date) -> dict[str, Any]:
    """What ``packet/index.docx`` is rendered with, in ``language`` (the workshop's heading and the print
    file's totals are added by the kit)."""
    treaty = next((str(row["treaty"]) for row in rows if row.get("treaty")), "ccm")
    return {
        "treaty_title": load_treaty(treaty).title(language.code),
        "language_name": language.name(),
        "prepared_on": language.long_date(prepared_on),
        "packets": rows,
        "packet_count": sum(1 for row in rows if row["ok"]),
        "total_pages": sum(row["pages"] for row in rows if row["ok"] and isinstance(row["pages"], int)),
        "failed_count": sum(1 for row in rows if not row["ok"]),
        "workshop_title": "",
        "workshop_dates": "",
        "workshop_venue": "",
        "print_pages": 0,
        "print_sheets": 0,
        "duplex": False,
        "rtl": language.rtl,
    }
