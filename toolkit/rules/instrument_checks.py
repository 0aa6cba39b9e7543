"""The depositary's checks of the instrument itself: who signs, which act, which treaty, what it declares.

Each check cites its source (the treaty's articles, the depositary's practice manual, the UN Treaty
Collection) from the treaty data, in the packet's language.
"""

from __future__ import annotations

from .check import Check, CheckInput, check


@check(10)
def signatory_authority(c: CheckInput) -> Check:
    """Whoever signs is Head of State, Head of Government or Minister for Foreign Affairs, or holds full powers."""
    _ = c.language.gettext
    rule = _(
        "Signed by the Head of State, Head of Government or Minister for Foreign Affairs, "
        "or by someone holding full powers from one of them"
    )
    signatory = c.profile.signatory
    if signatory.office != "other":
        detail = _("%(name)s signs as %(office)s: no full powers are needed.")
        return Check(
            "signatory-authority",
            rule,
            c.practice("instrument"),
            "passed",
            detail
            % {"name": c.text.signatory_name.text, "office": c.office_titles(signatory.gender)[signatory.office]},
        )
    grantor = signatory.full_powers_from
    assert grantor is not None  # guaranteed by the profile's cross-checks
    if grantor.office is None:
        return Check(
            "signatory-authority",
            rule,
            c.practice("full_powers"),
            "manual",
            _("The full powers that %(grantor)s is to sign are drafted in this packet.")
            % {"grantor": c.text.grantor_name.text if c.text.grantor_name else ""},
            _(
                "Confirm that the person granting full powers is Head of State, Head of Government or "
                "Minister for Foreign Affairs, and give full_powers_from.office in the profile."
            ),
            blocking=False,
        )
    words = {
        "name": c.text.signatory_name.text,
        "grantor": c.text.grantor_name.text if c.text.grantor_name else "",
        "office": c.office_titles(grantor.gender)[grantor.office],
    }
    granted, signed = grantor.date, c.profile.instrument.date
    if granted is None:  # nothing to check yet: the full powers are still to be signed and dated
        return Check(
            "signatory-authority",
            rule,
            c.practice("full_powers"),
            "manual",
            _(
                "%(name)s signs under full powers from %(grantor)s (%(office)s); the full powers in this "
                "packet are not yet signed or dated."
            )
            % words,
            _(
                "Have %(grantor)s sign and date the full powers no later than the instrument, and give "
                "full_powers_from.date in the profile."
            )
            % words,
            blocking=True,
            field="signatory.full_powers_from.date",
        )
    if signed is not None and granted > signed:
        return Check(
            "signatory-authority",
            rule,
            c.practice("full_powers"),
            "failed",
            _("The full powers are dated %(granted)s, after the instrument (%(signed)s).")
            % {"granted": c.day(granted), "signed": c.day(signed)},
            _("Full powers must be issued before the instrument is signed: correct full_powers_from.date."),
            field="signatory.full_powers_from.date",
        )
    detail = _(
        "%(name)s signs under full powers from %(grantor)s (%(office)s), dated %(granted)s, no later than "
        "the instrument; they are sent with it."
    )
    return Check(
        "signatory-authority", rule, c.practice("full_powers"), "passed", detail % {**words, "granted": c.day(granted)}
    )


@check(20)
def act_fits_signature(c: CheckInput) -> Check:
    """Ratification, acceptance or approval for a signatory; accession otherwise."""
    _ = c.language.gettext
    rule = _(
        "The act fits the State's signature: ratification, acceptance or approval by a signatory; accession otherwise"
    )
    act = c.profile.resolved_act
    signed = c.profile.signature.date
    if signed is not None:
        detail = _("The State signed the Convention on %(date)s, so it deposits an instrument of %(act)s.")
        detail %= {"date": c.day(signed), "act": _(act)}
    else:
        detail = _("The State has not signed the Convention, so it accedes to it.")
    return Check("act-fits-signature", rule, c.article(c.treaty.acts.article), "passed", detail)


@check(30)
def signature_record(c: CheckInput) -> Check:
    """The signature the instrument recites matches the depositary's record."""
    _ = c.language.gettext
    rule = _("The signature recited in the instrument matches the depositary's record")
    source = c.join([c.article(c.treaty.acts.article), c.untc()])
    record = c.treaty.recorded_signature(c.profile.state.code)
    given = c.profile.signature.date
    if record is None:
        if given is None:
            return Check(
                "signature-record",
                rule,
                source,
                "passed",
                _("The treaty data records no signature by this State, and the profile gives none."),
            )
        return Check(
            "signature-record",
            rule,
            source,
            "manual",
            _("The profile gives a signature on %(date)s, which the toolkit's data cannot confirm.")
            % {"date": c.day(given)},
            _("Confirm the date in the UN Treaty Collection before the instrument is signed."),
            blocking=False,
        )
    recorded = c.day(record.signed)
    if given is None:
        return Check(
            "signature-record",
            rule,
            source,
            "failed",
            _("The depositary records a signature by this State on %(date)s; a signatory cannot accede.")
            % {"date": recorded},
            _("Give signature.date: %(iso)s and act: ratification (or acceptance or approval).")
            % {"iso": record.signed.isoformat()},
        )
    if given != record.signed and record.general_knowledge:
        # the stored date is itself unconfirmed: it may not overrule the official's
        return Check(
            "signature-record",
            rule,
            source,
            "manual",
            _("The profile says the State signed on %(given)s; the record says %(recorded)s.")
            % {"given": c.day(given), "recorded": recorded},
            _("Confirm the date in the UN Treaty Collection."),
            blocking=False,
        )
    if given != record.signed:
        return Check(
            "signature-record",
            rule,
            source,
            "failed",
            _("The profile says the State signed on %(given)s; the record says %(recorded)s.")
            % {"given": c.day(given), "recorded": recorded},
            _("Use the recorded date, %(iso)s, or correct the treaty data if it is wrong.")
            % {"iso": record.signed.isoformat()},
        )
    if record.general_knowledge:
        return Check(
            "signature-record",
            rule,
            source,
            "manual",
            _("Signed on %(date)s; this date is not yet confirmed by a stored source.") % {"date": recorded},
            _("Confirm the date in the UN Treaty Collection."),
            blocking=False,
        )
    return Check("signature-record", rule, source, "passed", _("Signed on %(date)s, as recorded.") % {"date": recorded})


@check(40)
def not_already_party(c: CheckInput) -> Check:
    """The State is not already a party (nor one that has withdrawn)."""
    _ = c.language.gettext
    rule = _("The State is not already a party")
    party = c.treaty.recorded_party(c.profile.state.code)
    withdrawal = c.treaty.recorded_withdrawal(c.profile.state.code)
    if withdrawal is not None:
        return Check(
            "not-already-party",
            rule,
            c.untc(),
            "manual",
            _("The State withdrew from the Convention with effect from %(date)s (article 20).")
            % {"date": c.day(withdrawal.effective)},
            _("Ask the Treaty Section which instrument a State that has withdrawn should deposit."),
            blocking=False,
        )
    if party is not None:
        return Check(
            "not-already-party",
            rule,
            c.untc(),
            "failed",
            _("The State deposited its instrument of %(act)s on %(date)s.")
            % {"act": _(party.act), "date": c.day(party.deposited)},
            _("No new instrument is needed; check the State code in the profile."),
        )
    # The treaty data lists some deposits, not all: absence proves nothing.
    return Check(
        "not-already-party",
        rule,
        c.untc(),
        "manual",
        _("The treaty data records no deposit by this State."),
        _("Confirm in the UN Treaty Collection that the State is not already a party."),
        blocking=True,  # the depositary does not accept a second instrument
    )


@check(50)
def treaty_identified(c: CheckInput) -> Check:
    """The treaty's exact title, place and date of adoption appear, authentic in the packet's language."""
    _ = c.language.gettext
    rule = _("The treaty's exact title, place and date of adoption appear")
    lang = c.language.code
    values = {
        "title": c.treaty.title(lang),
        "place": c.treaty.adoption.place[lang],
        "date": c.day(c.treaty.adoption.date),
    }
    if not c.treaty.title_is_authentic(lang):
        return Check(
            "treaty-identified",
            rule,
            c.article(c.treaty.authentic_texts_article),
            "manual",
            _(
                "%(title)s, adopted at %(place)s on %(date)s. The Convention has no authentic text in this "
                "language: the title is an unofficial rendering."
            )
            % values,
            _("Keep the courtesy translation into English with the instrument: it carries the authentic title."),
            blocking=False,
        )
    return Check(
        "treaty-identified",
        rule,
        c.practice("instrument"),
        "passed",
        _("%(title)s, adopted at %(place)s on %(date)s; taken from the treaty data, not typed.") % values,
    )


@check(60)
def intent_to_be_bound(c: CheckInput) -> Check:
    """The instrument states the intent to be bound without condition."""
    _ = c.language.gettext
    return Check(
        "intent-to-be-bound",
        _("The Government's intent to be bound, and to perform the treaty, is unequivocal"),
        c.practice("instrument"),
        "passed",
        _(
            "The instrument states without condition that the Government is bound by the Convention and "
            "undertakes to perform and carry out its provisions."
        ),
    )


@check(70)
def no_reservations(c: CheckInput) -> Check:
    """The instrument makes no reservation (the profile refuses any before this runs)."""
    _ = c.language.gettext
    return Check(
        "no-reservations",
        _("No reservation"),
        c.article(c.treaty.reservations.article),
        "passed",
        _("The instrument makes no reservation."),
    )


@check(80)
def declarations_admitted(c: CheckInput) -> Check:
    """Only the declarations the treaty admits (provisional application)."""
    _ = c.language.gettext
    provisional = c.treaty.declarations.provisional_application
    number = {"article": c.language.article(provisional.article)}
    rule = _(provisional.rule) % number
    if c.profile.declarations.provisional_application:
        detail = _(provisional.declared) % number
    else:
        detail = _("The instrument makes no declaration.")
    return Check("declarations-admitted", rule, c.article(provisional.article), "passed", detail)


@check(90)
def instrument_language(c: CheckInput) -> Check:
    """The instrument is in a working language of the depositary, or goes with a translation into one,
    and the translation says what the original says."""
    _ = c.language.gettext
    rule = _("The instrument is in English or French, or a translation into one of them is attached")
    source = c.practice("instrument")
    if c.language.code in c.treaty.depositary.working_languages:
        return Check(
            "language", rule, source, "passed", _("The instrument is in one of the depositary's working languages.")
        )
    attached = _(
        "A courtesy translation of the instrument into English is part of this packet "
        "(instrument-translation); send it with the original."
    )
    missing = [item for item in (c.translation_text.all() if c.translation_text else []) if item.blocking]
    if missing:
        fields = c.join([item.field for item in missing])
        return Check(
            "language",
            rule,
            source,
            "manual",
            c.language.sentences(
                attached, _("The profile gives no English text for: %(fields)s.") % {"fields": fields}
            ),
            _(
                "Give the English text in the profile, for example %(example)s, so that the translation says "
                "what the original says."
            )
            % {"example": f"{missing[0].field.rsplit('.', 1)[-1]}: {{en: …}}"},
            blocking=False,
            field=missing[0].field,
        )
    return Check("language", rule, source, "passed", attached)
