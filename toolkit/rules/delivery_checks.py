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
        blocking=True,  # the depositary refuses an unsigned instrument
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
        blocking=True,  # no deposit without the original
    )


@check(130)
def text_language(c: CheckInput) -> Check:
    """Every word the profile puts in the documents is in the packet's language.

    Failed (blocking) when a document the State signs or sends would carry text in another
    language (a title, the place, the mission); by hand for a name in another script or text
    elsewhere in the packet; the texts the toolkit supplied itself are listed either way.
    """
    _ = c.language.gettext
    rule = _("Every text in the documents is in the packet's language")
    items = c.text.all()
    blocking = [item for item in items if item.blocking]
    by_hand = [item for item in items if item.source in ("missing", "as_written") and not item.blocking]
    by_hand += [item for item in items if item.field == "state.names"]
    supplied = [item for item in items if item.source == "known" and item.note and item.field != "state.names"]
    known = _("The toolkit supplied: %(items)s.") % {"items": c.join([i.note for i in supplied])} if supplied else ""
    if blocking:
        example = f"{blocking[0].field.rsplit('.', 1)[-1]}: {{{c.language.code}: …}}"
        detail = _("The profile gives no text in the packet's language for: %(fields)s.") % {
            "fields": c.join([f"{item.field} {item.note}" for item in blocking])
        }
        return Check(
            "text-language",
            rule,
            c.toolkit(),
            "failed",
            c.language.sentences(detail, known),
            _("Give the text in this language in the profile, for example %(example)s.") % {"example": example},
            field=blocking[0].field,
            own=True,
        )
    if by_hand:
        detail = _("In another language or script: %(fields)s.") % {
            "fields": c.join([f"{item.field} {item.note}".strip() for item in by_hand])
        }
        return Check(
            "text-language",
            rule,
            c.toolkit(),
            "manual",
            c.language.sentences(detail, known),
            _(
                "Check these in the documents; where a name has an official spelling in this script, or the "
                "text has a form in this language, give it per language in the profile, e.g. %(example)s."
            )
            % {"example": f"{by_hand[0].field.rsplit('.', 1)[-1]}: {{{c.language.code}: …}}"},
            blocking=False,
            own=True,
        )
    return Check(
        "text-language",
        rule,
        c.toolkit(),
        "passed",
        c.language.sentences(_("Every text from the profile is in the packet's language."), known),
        own=True,
    )
