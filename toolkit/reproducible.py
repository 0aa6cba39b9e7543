"""The one clock of a build: ``SOURCE_DATE_EPOCH`` when set, else no clock at all.

Same inputs must give the same bytes, so nothing the toolkit writes carries the
current time: DOCX, PDF and calendar stamps come from here.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime


def source_date() -> datetime | None:
    """``SOURCE_DATE_EPOCH`` as a UTC datetime, or None when it is not set (or not a number)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return datetime.fromtimestamp(int(epoch), tz=UTC) if epoch.isdigit() else None
