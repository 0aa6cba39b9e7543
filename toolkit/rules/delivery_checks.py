"""The depositary's checks of signing and delivery, and of the packet's own text.

Signing by hand, the place and date, delivering the original, and whether every text of the
documents is in the packet's language.
"""

from __future__ import annotations

from .check import Check, CheckInput, check


@check(100)
def place_and_date(c: CheckInput) -> Check:
    """The place and date of signing appear, or are left to fill in by hand."""
    _ = c.language.gettext
    rule = _("The place and date of signing appear")
    when = c.profile.instrument.date
    if when is None:
        return Check(
            "place-and-date",
            rule,
            c.practice("instrument"),
            "manual",
            _("The date is left blank in the instrument."),
            _("Write the date by hand when the instrument is signed, or give instrument.date."),
            blocking=False,
        )
    return Check(
        "place-and-date", rule, c.practice("instrument"), "passed", _("Signed on %(date)s.") % {"date": c.day(when)}
    )


@check(110)
def signed_by_hand(c: CheckInput) -> Check:
    """The signatory signs the original by hand; a seal alone is not enough."""
    _ = c.language.gettext
    return Check(
        "signed-by-hand",
        _("The instrument bears the signatory's own signature; a seal alone is not enough"),
        c.practice("instrument"),
        "manual",
        _("The signature block is left for the signatory."),
        _("Have the signatory sign the original by hand; a seal may be added but does not replace the signature."),
        blocking=False,
    )


@check(120)
def original_delivered(c: CheckInput) -> Check:
    """The signed original reaches the depositary; a scan is for review only."""
    _ = c.language.gettext
    return Check(
        "original-delivered",
        _("The signed original reaches the depositary; a scan is for review only"),
        c.practice("instrument"),
        "manual",
        _(c.treaty.depositary.delivery),
        _(
            "Send a scan to %(email)s first so that the Treaty Section can review the text; the deposit "
            "takes effect when the original is received."
        )
        % {"email": c.treaty.depositary.email},
        blocking=False,
    )


@check(130)
def text_language(c: CheckInput) -> Check:
    """Every text of the documents is in the packet's language (profile text used as given is listed)."""
    _ = c.language.gettext
    rule = _("Every text in the documents is in the packet's language")
    notes = c.text_notes
    if not notes:
        return Check(
            "text-language", rule, "Ratification Toolkit", "passed", _("All text is in the packet's language.")
        )
    fields = c.join([f"{note.field} ({note.used})" for note in notes])
    first = notes[0].field.rsplit(".", 1)[-1]
    return Check(
        "text-language",
        rule,
        "Ratification Toolkit",
        "manual",
        _("The profile gives no text in the packet's language for: %(fields)s. The text was used as given.")
        % {"fields": fields},
        _(
            "Check that text in the documents; if it differs in this language, give it per language in "
            "the profile, e.g. %(example)s."
        )
        % {"example": f"{first}: {{{c.language.code}: …}}"},
        blocking=False,
    )
