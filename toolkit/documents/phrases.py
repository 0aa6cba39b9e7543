"""Phrases the documents share, in the packet's language: the instrument, the act, the documents' titles.

Each is a set of whole messages (one per act), never built from English pieces, so that every
language translates the phrase as its grammar needs.
"""

from __future__ import annotations

from collections.abc import Callable

Gettext = Callable[[str], str]


def act_instruments(_: Gettext) -> dict[str, str]:
    """The name of each kind of instrument, as a noun phrase in the language of ``_``."""
    return {
        "ratification": _("instrument of ratification"),
        "acceptance": _("instrument of acceptance"),
        "approval": _("instrument of approval"),
        "accession": _("instrument of accession"),
    }


def act_instruments_of_treaty(_: Gettext, title: str) -> dict[str, str]:
    """The instrument and the treaty's full title as one phrase."""
    return {
        "ratification": _("instrument of ratification of the %(title)s") % {"title": title},
        "acceptance": _("instrument of acceptance of the %(title)s") % {"title": title},
        "approval": _("instrument of approval of the %(title)s") % {"title": title},
        "accession": _("instrument of accession to the %(title)s") % {"title": title},
    }


def act_instruments_of_convention(_: Gettext) -> dict[str, str]:
    """The instrument and the Convention as one phrase ("of" the Convention, but accession "to" it)."""
    return {
        "ratification": _("instrument of ratification of the Convention"),
        "acceptance": _("instrument of acceptance of the Convention"),
        "approval": _("instrument of approval of the Convention"),
        "accession": _("instrument of accession to the Convention"),
    }


def act_nouns(_: Gettext) -> dict[str, str]:
    """The act itself, as a noun ("ratification") in the language of ``_``."""
    return {
        "ratification": _("ratification"),
        "acceptance": _("acceptance"),
        "approval": _("approval"),
        "accession": _("accession"),
    }


def document_titles(_: Gettext, act_instrument: str) -> dict[str, str]:
    """The title of each kind of document, as the contents page and bookmarks show it."""
    return {
        "instrument": capitalized(act_instrument),
        "instrument-translation": _("Courtesy translation of the instrument"),
        "cover-note": _("Cover note from the Permanent Mission"),
        "full-powers": _("Full powers"),
        "checklist": _("Depositary checklist"),
        "roadmap": _("Road to deposit and entry into force"),
        "legislation": _("Model implementing legislation"),
        "approval-submission": _("Submission to the Government, with the cost note"),
        "approval-memorandum": _("Explanatory memorandum"),
        "approval-bill": _("Bill authorizing ratification or accession"),
        "approval-resolution": _("Resolution of Parliament approving the Convention"),
        "approval-decision": _("Decision of the Government approving the Convention"),
        "art7-report": _("Initial transparency report (article 7)"),
        "note-verbale-art21": _("Note verbale to States not party (article 21)"),
    }


def status_labels(_: Gettext) -> dict[str, str]:
    """Checklist status words in the language of ``_`` ("required": to do by hand, and the depositary
    refuses the instrument if it is not done)."""
    return {
        "passed": _("Passed"),
        "failed": _("Failed"),
        "manual": _("To do by hand"),
        "required": _("To do by hand: required"),
    }


def label_key(status: str, blocking: bool) -> str:
    """Which of :func:`status_labels` a check shows: a blocking check to do by hand is "required"."""
    return "required" if status == "manual" and blocking else status


def capitalized(text: str) -> str:
    """``text`` with its first letter upper-case, the rest as it is ("The United Republic…")."""
    return text[:1].upper() + text[1:]
