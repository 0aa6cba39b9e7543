#!/usr/bin/env bash
# Installs everything the Ratification Toolkit needs on a fresh Debian machine:
# LibreOffice (headless) and the fonts the seven document languages need, the PDF
# tools the tests use, and a virtual environment in .venv with the toolkit in it.
# With --tests it also installs Chromium and its driver, which the interview's
# browser tests drive.  Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(
  libreoffice-writer-nogui      # DOCX -> PDF, headless
  fonts-liberation2             # metric-compatible Times New Roman / Arial
  fonts-crosextra-carlito fonts-crosextra-caladea   # metric-compatible Calibri / Cambria
  fonts-noto-core               # Latin, Cyrillic, Noto Naskh Arabic
  fonts-noto-cjk                # Noto Serif/Sans CJK SC for Chinese
  fonts-hosny-amiri             # Amiri, the Arabic text face
  poppler-utils qpdf gettext    # pdftotext, pdffonts, pdftoppm, qpdf --check, msgfmt --check-format (tests)
)
if [ "${1:-}" = "--tests" ]; then
  DEBIAN_PACKAGES+=(chromium chromium-driver)   # a real browser for tests/test_interview.py
fi
if ! python3 -c "import ensurepip" >/dev/null 2>&1; then
  DEBIAN_PACKAGES+=(python3-venv)
fi

missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "setup: installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e '.[test]'
echo "setup: ready (.venv/bin/ratkit)"
