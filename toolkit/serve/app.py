"""The interview's routes: the form, live checks and preview, the packet and the profile to download, upload.

Every page is rendered on the server; a few lines of the page's own script
refresh the checks and the preview as answers change (the form works without
them: each button posts the whole form).  Nothing of one officer's answers is
kept on the server: they travel in the form; a packet is built in a private
temporary folder, sent as a zip and removed.  Every post carries a CSRF token
that must match the officer's cookie.  Builds go through a bounded pool: when it
is full, a request waits its turn (the page says so) instead of failing.
"""

from __future__ import annotations

import asyncio
import io
import secrets
import shutil
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Any

import docx
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile  # what request.form() gives (FastAPI's is a subclass)

from ..build import BuildOptions, render_one
from ..check import report_language
from ..documents.context import build_context
from ..errors import ToolkitError
from ..lang.catalog import document_languages
from ..lang.formats import sort_key
from ..lang.languages import language_spec
from ..model.names import all_states, state_name
from ..model.yamlsource import MAX_FILE_BYTES, parse_yaml
from ..workspace import work_folder
from .answers import (
    Answers,
    answers_from_form,
    defaults,
    document_languages_of,
    form_languages,
    from_profile,
    load_answers,
    name_groups,
    prefill,
    profile_yaml,
)
from .builds import BuildPool, packet_zip
from .interface import autonyms, environment, interface_languages, interface_translations, language_names
from .problem_words import act_name, question_of_check, readable_date, shown_problems
from .questions import STEPS, all_questions
from .settings import ServeSettings, settings_from_environment

CSRF_COOKIE = "ratkit_csrf"


def create_app_from_settings(settings: ServeSettings) -> FastAPI:
    """The interview with `ratkit serve`'s settings."""
    return create_app(BuildOptions(templates=settings.templates, locales=settings.locales), settings.builds)


def create_app_from_environment() -> FastAPI:
    """The interview in one of several server processes (uvicorn calls this in each)."""
    return create_app_from_settings(settings_from_environment())


def create_app(options: BuildOptions | None = None, pool_size: int = 2) -> FastAPI:
    """The interview as an ASGI application (``ratkit serve`` runs it with uvicorn)."""
    pool = BuildPool(pool_size)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()  # the build workers end with the server

    app = FastAPI(title="Ratification Toolkit", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.mount("/static", StaticFiles(directory=str(Path(__file__).resolve().parent / "static")), name="static")
    base = options or BuildOptions()

    @app.get("/")
    async def home(request: Request) -> RedirectResponse:
        return RedirectResponse(f"/{_best_language(request)}/", status_code=303)

    @app.get("/{lang}/", response_class=HTMLResponse)
    async def interview(request: Request, lang: str, state: str = "") -> Response:
        lang = _ui(lang)
        answers: Answers = prefill(state) if state else defaults()
        return _page(request, lang, answers)

    @app.post("/{lang}/", response_class=HTMLResponse)
    async def submit(request: Request, lang: str) -> Response:
        lang = _ui(lang)
        posted = await _posted(request)
        if posted is None:
            return _refused(lang)
        form, answers = posted
        action = str(form.get("_action", "check"))
        if action == "prefill":
            return _page(request, lang, prefill(str(answers.get("state.code", "")), answers))
        if action == "yaml":
            return Response(
                profile_yaml(answers),
                media_type="application/x-yaml; charset=utf-8",
                headers={"Content-Disposition": 'attachment; filename="profile.yaml"'},
            )
        if action == "build":
            return await _build(request, lang, answers, form, base, pool)
        return _page(request, lang, answers)

    @app.post("/{lang}/live", response_class=HTMLResponse)
    async def live(request: Request, lang: str) -> Response:
        """The checks of the answers as they stand (the page refreshes them as answers change)."""
        lang = _ui(lang)
        posted = await _posted(request)
        if posted is None:
            return _refused(lang)
        form, answers = posted
        review = await run_in_threadpool(_review, answers, lang, False)
        env = environment(lang)
        return HTMLResponse(env.get_template("live.html").render(lang=lang, **review))

    @app.post("/{lang}/preview", response_class=HTMLResponse)
    async def preview(request: Request, lang: str) -> Response:
        """The instrument as it will be signed, rendered by the library from the answers."""
        lang = _ui(lang)
        posted = await _posted(request)
        if posted is None:
            return _refused(lang)
        form, answers = posted
        paragraphs, packet_language = await run_in_threadpool(_instrument_text, answers)
        env = environment(lang)
        return HTMLResponse(
            env.get_template("preview.html").render(lang=lang, preview=paragraphs, packet_language=packet_language)
        )

    @app.post("/{lang}/upload", response_class=HTMLResponse)
    async def upload(request: Request, lang: str) -> Response:
        lang = _ui(lang)
        form = await request.form()
        if not _csrf_ok(request, form):
            return _refused(lang)
        upload = form.get("profile")
        _ = interface_translations(lang).gettext
        if not isinstance(upload, UploadFile):
            return _page(request, lang, {}, notice=_("Choose a profile file to upload."))
        raw = await upload.read(MAX_FILE_BYTES + 1)
        try:
            if len(raw) > MAX_FILE_BYTES:
                raise ToolkitError(_("The file is larger than a profile can be."))
            document = parse_yaml(raw.decode("utf-8-sig"), Path(upload.filename or "profile.yaml"))
            if not isinstance(document.data, dict):
                raise ToolkitError(_("This file is not a State profile."))
            answers = from_profile(document.data)
        except (ToolkitError, UnicodeDecodeError) as exc:
            return _page(request, lang, {}, notice=str(exc))
        return _page(request, lang, answers, notice=_("The profile was loaded: check the answers, then build."))

    @app.get("/{lang}/queue")
    async def queue(lang: str) -> JSONResponse:
        return JSONResponse({"waiting": pool.waiting})

    return app


def _ui(lang: str) -> str:
    return lang if lang in interface_languages() else "en"


def _best_language(request: Request) -> str:
    for part in request.headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip().lower().split("-")[0]
        if code in interface_languages():
            return code
    return "en"


async def _posted(request: Request) -> tuple[Any, Answers] | None:
    """The posted form and its answers; None when its CSRF token does not match the cookie."""
    form = await request.form()
    if not _csrf_ok(request, form):
        return None
    return form, answers_from_form(form, form.getlist)


def _csrf_ok(request: Request, form: Any) -> bool:
    cookie = request.cookies.get(CSRF_COOKIE, "")
    return bool(cookie) and secrets.compare_digest(cookie, str(form.get("_csrf", "")))


def _refused(lang: str) -> Response:
    _ = interface_translations(lang).gettext
    message = _("This form has expired or did not come from this page. Reload the page and try again.")
    return HTMLResponse(message, status_code=403)


def _states(lang: str) -> list[tuple[str, str]]:
    """Every State of the UN names table, named and sorted in the interface's language."""
    spec = language_spec(lang)
    names = [(record.iso2, state_name(record, lang).short) for record in all_states()]
    if spec is None:
        return sorted(names, key=lambda item: item[1])
    return sorted(names, key=lambda item: sort_key(item[1], spec))


def _review(answers: Answers, lang: str, with_preview: bool = True) -> dict[str, Any]:
    """The checks of the answers (or the problems that stop them), the instrument's text and the dates
    written out, for the page in ``lang``."""
    gettext = interface_translations(lang).gettext
    dates = _dates_as_read(answers, lang, gettext)
    folder = work_folder("interview")
    try:
        profile, problems = load_answers(answers, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if profile is None:
        shown = shown_problems(problems, lang, gettext)
        return {"problems": shown, "checks": [], "preview": [], "packet_language": "", "dates": dates}
    language = report_language(profile, None)
    context = build_context(profile, profile.treaty_data(), language)
    preview, _packet_language = _instrument_text(answers) if with_preview else ([], "")
    act = (gettext("How the State joins the Convention"), act_name(profile.resolved_act, gettext))
    return {
        "problems": [],
        "checks": [(check, question_of_check(check, gettext)) for check in context.checks],
        "preview": preview,
        "packet_language": language.code,
        "packet_language_name": language_names(lang)[language.code],
        "dates": dates,
        "act": act,
    }


def _dates_as_read(answers: Answers, lang: str, gettext: Callable[[str], str]) -> list[tuple[str, str]]:
    """Each date answered, written out in ``lang``: a browser may show 12/03/2008 for 3 December."""
    out = []
    for question in all_questions():
        if question.kind == "date" and answers.get(question.key):
            try:
                written = readable_date(date.fromisoformat(str(answers[question.key])), lang)
            except ValueError:
                continue  # not a date: the problems say so
            out.append((gettext(question.label), written))
    return out


def _instrument_text(answers: Answers) -> tuple[list[str], str]:
    """The instrument as it will be signed, paragraph by paragraph (rendered by the library, not converted),
    and its language."""
    folder = work_folder("preview")
    try:
        profile_path = folder / "profile.yaml"
        profile_path.write_text(profile_yaml(answers), encoding="utf-8")
        data, lang = render_one(profile_path, "instrument")
        paragraphs = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.text.strip()]
        return paragraphs, lang
    except ToolkitError:
        return [], ""
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _page(request: Request, lang: str, answers: Answers, notice: str = "") -> Response:
    token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)
    review = (
        _review(answers, lang)
        if answers.get("state.code")
        else {"problems": [], "checks": [], "preview": [], "dates": []}
    )
    env = environment(lang)
    spec = language_spec(lang)
    html = env.get_template("interview.html").render(
        lang=lang,
        rtl=bool(spec and spec.rtl),
        steps=STEPS,
        answers=answers,
        languages=document_languages(),
        chosen=document_languages_of(answers),
        form_languages_groups=[(code, [code]) for code in form_languages(answers)],
        name_groups=name_groups(answers),
        interface_languages=interface_languages(),
        language_names=language_names(lang),
        autonyms=autonyms(),
        states=_states(lang),
        csrf=token,
        notice=notice,
        **{key: value for key, value in review.items() if key != "rtl"},
    )
    response = HTMLResponse(html)
    response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict")
    return response


async def _build(
    request: Request, lang: str, answers: Answers, form: Any, base: BuildOptions, pool: BuildPool
) -> Response:
    folder = work_folder("interview")
    try:
        profile, problems = load_answers(answers, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if profile is None or problems:
        return _page(request, lang, answers)
    options = BuildOptions(
        pdf=True,
        draft=form.get("_draft") == "yes",
        paper=str(form.get("_paper")) if form.get("_paper") in ("a4", "letter") else None,
        duplex=form.get("_duplex") == "yes",
        templates=base.templates,
        locales=base.locales,
        treaties=base.treaties,
    )
    pool.waiting += 1
    try:
        async with pool.slots:
            pool.waiting -= 1
            try:
                data, name = await asyncio.wrap_future(pool.executor().submit(packet_zip, answers, options))
            except ToolkitError as exc:
                return _page(request, lang, answers, notice=str(exc))
    finally:
        pool.waiting = max(0, pool.waiting)
    return Response(
        data, media_type="application/zip", headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


__all__ = ["create_app"]
