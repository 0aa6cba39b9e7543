"""What both benchmarks compare against: the DOCX a build converts, and plain `soffice --convert-to`."""

from __future__ import annotations

import subprocess
from pathlib import Path

from toolkit.build import BuildOptions, prepare_packet
from toolkit.pdf.convert import ConvertOptions


def write_sources(profile: Path, lang: str, folder: Path, prefix: str = "") -> list[Path]:
    """The DOCX files a build of ``profile`` in ``lang`` converts (documents and packet cover), as it renders
    them, written to ``folder`` as ``<prefix><name>.docx``.  ``folder/unused`` must exist (nothing is built)."""
    files = []
    for name, data in prepare_packet(profile, lang, folder / "unused", BuildOptions(draft=True)).sources().items():
        path = folder / f"{prefix}{name}.docx"
        path.write_bytes(data)
        files.append(path)
    return files


def plain_soffice(files: list[Path], out: Path, user_profile: Path, executable: str) -> None:
    """Plain `soffice --convert-to`, as a user would run it, on an initialized profile of its own."""
    subprocess.run(
        [
            executable,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={user_profile.as_uri()}",
            "--convert-to",
            ConvertOptions().filter_spec(),
            "--outdir",
            str(out),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
    )
