"""The coordinator adds a fact and the Part that depends on it without touching toolkit/ (docs/MAINTAINING.md).

The steps of the guide, on copies of templates/ and locales/ given with --templates and --locales: declare
`investment_prohibited` in facts.yaml, add the Part to both model laws in Word (python-docx here), check,
extract, update, translate, build — and the same checks catch a broken branch no example profile reaches.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import docx
import pytest
import yaml
from babel.messages.pofile import read_po, write_po
from click.testing import CliRunner
from conftest import docx_text

from toolkit.cli import main
from toolkit.resources import bundled_templates_dir, examples_dir, locales_dir

ROOT = Path(__file__).resolve().parent.parent
JAMAICA = examples_dir() / "profiles" / "jamaica.yaml"  # common law
ANGOLA = examples_dir() / "profiles" / "angola.yaml"  # civil law

FACT = """
  investment_prohibited:
    type: yes_no
    default: false
    question: Does the State prohibit investment in the production of cluster munitions?
    help: "Not required by the Convention; New Zealand's Act of 2009 (s. 12) prohibits it."
    used_by: [legislation]
    source: Cluster Munitions Prohibition Act 2009 (New Zealand), s. 12
"""
COMMON_LAW_PART = [
    ("{%p if investment_prohibited %}", None),
    (
        '{% trans number=part("investment_part") %}PART {{ number }} — INVESTMENT IN CLUSTER MUNITIONS{% endtrans %}',
        "Heading 1",
    ),
    ('{{ section("investment") }}. {% trans %}Investment prohibited{% endtrans %}', None),
    (
        "{% trans %}No person may knowingly provide or invest funds for the development or production of "
        "cluster munitions.{% endtrans %}",
        None,
    ),
    ("{%p endif %}", None),
]
CIVIL_LAW_PART = [
    ("{%p if investment_prohibited %}", None),
    ('{% trans number=chapter("investment_chapter") %}CHAPTER {{ number }} — INVESTMENT{% endtrans %}', "Heading 1"),
    ('{% trans number=article("investment") %}Article {{ number }} — Investment prohibited{% endtrans %}', None),
    (
        "{% trans %}It is prohibited knowingly to finance, directly or indirectly, the development or production "
        "of cluster munitions.{% endtrans %}",
        None,
    ),
    ("{%p endif %}", None),
]
# msgid → translation in fr, es, pt, ru, zh, ar (the coordinator's translators, in Poedit)
TRANSLATIONS = {
    "PART %(number)s — INVESTMENT IN CLUSTER MUNITIONS": (
        "PARTIE %(number)s — INVESTISSEMENTS DANS LES ARMES À SOUS-MUNITIONS",
        "PARTE %(number)s — INVERSIONES EN MUNICIONES EN RACIMO",
        "PARTE %(number)s — INVESTIMENTOS EM MUNIÇÕES DE DISPERSÃO",
        "ЧАСТЬ %(number)s — ИНВЕСТИЦИИ В КАССЕТНЫЕ БОЕПРИПАСЫ",
        "第%(number)s部分 — 对集束弹药的投资",
        "الجزء %(number)s — الاستثمار في الذخائر العنقودية",
    ),
    "Investment prohibited": (
        "Interdiction des investissements",
        "Prohibición de las inversiones",
        "Proibição de investimentos",
        "Запрещение инвестиций",
        "禁止投资",
        "حظر الاستثمار",
    ),
    "No person may knowingly provide or invest funds for the development or production of cluster munitions.": (
        "Nul ne peut sciemment fournir ou investir des fonds pour la mise au point ou la production d'armes à "
        "sous-munitions.",
        "Nadie podrá, a sabiendas, proporcionar o invertir fondos para el desarrollo o la producción de "
        "municiones en racimo.",
        "Ninguém pode, conscientemente, fornecer ou investir fundos para o desenvolvimento ou a produção de "
        "munições de dispersão.",
        "Никто не может сознательно предоставлять или инвестировать средства для разработки или производства "
        "кассетных боеприпасов.",
        "任何人不得明知而为开发或生产集束弹药提供或投入资金。",
        "لا يجوز لأي شخص أن يقدم أو يستثمر عن علم أموالاً لاستحداث الذخائر العنقودية أو إنتاجها.",
    ),
    "CHAPTER %(number)s — INVESTMENT": (
        "CHAPITRE %(number)s — INVESTISSEMENTS",
        "CAPÍTULO %(number)s — INVERSIONES",
        "CAPÍTULO %(number)s — INVESTIMENTOS",
        "ГЛАВА %(number)s — ИНВЕСТИЦИИ",
        "第%(number)s章 — 投资",
        "الفصل %(number)s — الاستثمار",
    ),
    "Article %(number)s — Investment prohibited": (
        "Article %(number)s — Interdiction des investissements",
        "Artículo %(number)s — Prohibición de las inversiones",
        "Artigo %(number)s — Proibição de investimentos",
        "Статья %(number)s — Запрещение инвестиций",
        "第%(number)s条 — 禁止投资",
        "المادة %(number)s — حظر الاستثمار",
    ),
    "It is prohibited knowingly to finance, directly or indirectly, the development or production of cluster "
    "munitions.": (
        "Il est interdit de financer sciemment, directement ou indirectement, la mise au point ou la production "
        "d'armes à sous-munitions.",
        "Se prohíbe financiar a sabiendas, directa o indirectamente, el desarrollo o la producción de municiones "
        "en racimo.",
        "É proibido financiar conscientemente, direta ou indiretamente, o desenvolvimento ou a produção de "
        "munições de dispersão.",
        "Запрещается сознательно финансировать, прямо или косвенно, разработку или производство кассетных боеприпасов.",
        "禁止明知而直接或间接资助集束弹药的开发或生产。",
        "يُحظر التمويل عن علم، بصورة مباشرة أو غير مباشرة، لاستحداث الذخائر العنقودية أو إنتاجها.",
    ),
}
LANGS = ("fr", "es", "pt", "ru", "zh", "ar")


def ratkit(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def _insert_part(path: Path, before: str, paragraphs: list[tuple[str, str | None]]) -> None:
    """What the coordinator does in Word: new paragraphs before the one that holds ``before``."""
    document = docx.Document(str(path))
    anchor = next(p for p in document.paragraphs if before in p.text)
    for text, style in paragraphs:
        anchor.insert_paragraph_before(text, style=style)
    document.save(str(path))


def _forget(locales: Path) -> None:
    """The Part's messages out of every catalog of ``locales``."""
    for path in [*locales.glob("*/LC_MESSAGES/documents.po"), locales / "documents.pot"]:
        catalog = read_po(path.open("rb"))
        for msgid in TRANSLATIONS:
            if catalog.get(msgid) is not None:
                catalog.delete(msgid)
        with path.open("wb") as handle:
            write_po(handle, catalog, width=100)


def _translate(locales: Path) -> None:
    for i, lang in enumerate(LANGS):
        path = locales / lang / "LC_MESSAGES" / "documents.po"
        catalog = read_po(path.open("rb"), locale=lang)
        for msgid, texts in TRANSLATIONS.items():
            message = catalog.get(msgid)
            assert message is not None, msgid
            message.string = texts[i]
        with path.open("wb") as handle:
            write_po(handle, catalog, width=100)


def _with_fact(tmp_path: Path, profile: Path) -> Path:
    data = yaml.safe_load(profile.read_text(encoding="utf-8"))
    data.setdefault("implementation", {})["investment_prohibited"] = True
    path = tmp_path / f"{profile.stem}-investment.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def coordinator(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Copies of templates/ and locales/ with the fact declared and the Part written in both models."""
    work = tmp_path_factory.mktemp("coordinator")
    templates, locales = work / "templates", work / "locales"
    shutil.copytree(bundled_templates_dir(), templates)
    shutil.copytree(locales_dir(), locales)
    _forget(locales)  # the catalogs before the translators' work, even where the guide was followed in the repo
    facts = templates / "ccm" / "facts.yaml"
    if "investment_prohibited:" not in facts.read_text(encoding="utf-8"):  # the guide not yet followed in the repo
        with facts.open("a", encoding="utf-8") as handle:
            handle.write(FACT)
    for name, before, part in [
        ("common-law.docx", 'part("enforcement")', COMMON_LAW_PART),
        ("civil-law.docx", 'chapter("final")', CIVIL_LAW_PART),
    ]:
        path = templates / "ccm" / "legislation" / name
        if "investment_prohibited" not in docx_text(path):
            _insert_part(path, before, part)
    return templates, locales


def test_the_fact_reaches_the_schema_init_and_check_without_python(
    coordinator: tuple[Path, Path], tmp_path: Path
) -> None:
    templates, _ = coordinator
    code, output = ratkit("schema", "--templates", str(templates))
    implementation = json.loads(output)["$defs"]["Implementation"]
    assert code == 0 and implementation["properties"]["investment_prohibited"]["type"] == "boolean"
    code, _ = ratkit(
        "init",
        str(tmp_path / "new.yaml"),
        "--state",
        "JM",
        "--legal-system",
        "common_law",
        "--templates",
        str(templates),
    )
    written = (tmp_path / "new.yaml").read_text(encoding="utf-8")
    assert code == 0 and "investment_prohibited: false" in written
    assert "Does the State prohibit investment in the production of cluster munitions?" in written
    profile = _with_fact(tmp_path, JAMAICA)
    code, output = ratkit("check", str(profile), "--templates", str(templates))
    assert code == 0, output
    code, output = ratkit("check", str(profile))  # the bundled templates do not declare it
    assert code == 1 and "implementation.investment_prohibited: unknown key 'investment_prohibited'" in output


def test_translations_are_never_guessed_and_status_says_what_to_do(coordinator: tuple[Path, Path]) -> None:
    templates, locales = coordinator
    code, output = ratkit("i18n", "status", "--templates", str(templates), "--locales", str(locales))
    assert "run `ratkit i18n extract` then `ratkit i18n update`" in output
    assert "“PART %(number)s — INVESTMENT IN CLUSTER MUNITIONS”" in output
    ratkit("i18n", "extract", "--templates", str(templates), "--locales", str(locales))
    ratkit("i18n", "update", "--locales", str(locales))
    for lang in LANGS:
        catalog = read_po((locales / lang / "LC_MESSAGES" / "documents.po").open("rb"), locale=lang)
        for msgid in TRANSLATIONS:
            message = catalog.get(msgid)
            assert message is not None and message.string == "" and not message.fuzzy, (lang, msgid)
    code, output = ratkit("i18n", "status", "--strict", "--templates", str(templates), "--locales", str(locales))
    assert code == 1 and "next: translate the missing messages" in output
    code, output = ratkit("i18n", "status", "--list", "--templates", str(templates), "--locales", str(locales))
    assert (
        "    missing: “No person may knowingly provide or invest funds for the development or production of " in output
    )
    header = (locales / "fr" / "LC_MESSAGES" / "documents.po").read_text(encoding="utf-8")
    assert "Generated-By: ratkit i18n" in header and "Babel" not in header.split("msgid", 2)[1]
    assert "#: toolkit/kits/brief.py\n" in header or "#: toolkit/kits/brief.py " in header  # no line numbers


def test_a_build_names_the_untranslated_sentence_in_full(coordinator: tuple[Path, Path], tmp_path: Path) -> None:
    templates, locales = coordinator
    fresh = tmp_path / "locales"
    shutil.copytree(locales_dir(), fresh)  # the catalogs before the translators' work
    _forget(fresh)
    profile = _with_fact(tmp_path, JAMAICA)
    code, output = ratkit(
        "build",
        str(profile),
        "--lang",
        "fr",
        "--no-pdf",
        "--templates",
        str(templates),
        "--locales",
        str(fresh),
        "--out",
        str(tmp_path / "out"),
    )
    assert code == 1
    assert (
        "“No person may knowingly provide or invest funds for the development or production of cluster munitions.”"
        in output
    )
    assert "ratkit i18n extract" in output and not (tmp_path / "out").exists()


def test_once_translated_check_and_build_see_the_part_in_both_models_and_every_language(
    coordinator: tuple[Path, Path], tmp_path: Path
) -> None:
    templates, locales = coordinator
    ratkit("i18n", "extract", "--templates", str(templates), "--locales", str(locales))
    ratkit("i18n", "update", "--locales", str(locales))
    _translate(locales)
    code, output = ratkit("templates", "check", "--templates", str(templates), "--locales", str(locales))
    assert code == 0, output
    for profile, heading, article in [
        (_with_fact(tmp_path, JAMAICA), r"PART \d+ — INVESTMENT IN CLUSTER MUNITIONS", "Investment prohibited"),
        (_with_fact(tmp_path, ANGOLA), r"CHAPTER \S+ — INVESTMENT\b", "Investment prohibited"),
    ]:
        for lang in ("en", *LANGS):
            out = tmp_path / f"{profile.stem}-{lang}"
            code, output = ratkit(
                "build",
                str(profile),
                "--lang",
                lang,
                "--no-pdf",
                "--templates",
                str(templates),
                "--locales",
                str(locales),
                "--out",
                str(out),
                "--draft",
            )
            assert code == 0, (lang, output)
            text = docx_text(out / "legislation.docx")
            if lang == "en":
                assert re.search(heading, text) and article in text, text
            else:
                i = LANGS.index(lang)
                assert TRANSLATIONS["Investment prohibited"][i] in text, (lang, text[:500])


def test_breaking_a_branch_no_example_reaches_fails_templates_check(
    coordinator: tuple[Path, Path], tmp_path: Path
) -> None:
    templates, locales = coordinator
    broken = tmp_path / "templates"
    shutil.copytree(templates, broken)
    path = broken / "ccm" / "legislation" / "civil-law.docx"
    document = docx.Document(str(path))
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            run.text = run.text.replace('article("investment")', 'article("object")')  # a key used twice
    document.save(str(path))
    code, output = ratkit("templates", "check", "--templates", str(broken), "--locales", str(locales), "--lang", "en")
    assert code == 1
    assert "ccm/legislation/civil-law.docx: paragraph" in output
    assert "investment_prohibited=true" in output and "numbered twice" in output, output


def test_a_part_written_in_one_model_only_is_named(coordinator: tuple[Path, Path], tmp_path: Path) -> None:
    """The civil-law State with the fact set would silently get no Part: templates check says so."""
    templates, locales = coordinator
    half = tmp_path / "templates"
    shutil.copytree(templates, half)
    shutil.copy(bundled_templates_dir() / "ccm" / "legislation" / "civil-law.docx", half / "ccm" / "legislation")
    code, output = ratkit("templates", "check", "--templates", str(half), "--locales", str(locales), "--lang", "en")
    assert code == 1
    assert "ccm/legislation/civil-law.docx: does not read 'investment_prohibited'" in output, output


def test_the_interview_asks_every_declared_fact(coordinator: tuple[Path, Path]) -> None:
    from toolkit.model.facts import load_facts
    from toolkit.serve.questions import FACT_QUESTIONS, fact_questions

    templates, _ = coordinator
    asked = {question.key: question for question in fact_questions(load_facts("ccm", templates))}
    question = asked["implementation.investment_prohibited"]
    assert question.kind == "yes_no" and question.label.startswith("Does the State prohibit investment")
    bundled = [question.key for question in FACT_QUESTIONS]  # `ratkit serve` without --templates
    assert bundled == [f"implementation.{name}" for name in load_facts("ccm")]
    assert "implementation.investment_prohibited" not in bundled
