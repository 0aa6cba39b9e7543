"""The guided interview (`ratkit serve`) end to end, in Debian's real Chromium driven by Selenium.

The app runs in this process under uvicorn (a thread, a free port on 127.0.0.1) with its own
cache folder; the browser is /usr/bin/chromium through /usr/bin/chromedriver, headless, with
downloads going to a folder of the test.  Nothing is downloaded at test time.

Interface wording is being translated while these tests are written: they assert structure
(ids, lang/dir, classes) and the documents' text, never the interface's words.
Screenshots of each step of the French and Arabic paths go to ``$RATKIT_SCREENSHOTS``
(default: the test's tmp_path).
"""

from __future__ import annotations

import base64
import http.cookiejar
import json
import logging
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import docx_paragraphs

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "profiles"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

import uvicorn  # noqa: E402
from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import StaleElementReferenceException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.remote.webelement import WebElement  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

pytestmark = [pytest.mark.browser]

ARABIC = re.compile(r"[\u0600-\u06FF]")
WAIT = 20  # seconds for a page, a live refresh or a field
BUILD_WAIT = 90  # seconds for a packet with its PDFs


# --------------------------------------------------------------------------- the server


@dataclass
class Server:
    """The interview on 127.0.0.1:port, and what its loggers reported (tracebacks of 500s)."""

    url: str
    errors: list[str] = field(default_factory=list)


class _Collect(logging.Handler):
    def __init__(self, into: list[str]) -> None:
        super().__init__(logging.ERROR)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.exc_info:
            text += "\n" + logging.Formatter().formatException(record.exc_info)
        self.into.append(text)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    cache = tmp_path_factory.mktemp("interview-cache")
    previous = os.environ.get("RATKIT_CACHE_DIR")
    os.environ["RATKIT_CACHE_DIR"] = str(cache)
    from toolkit.serve.app import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning", log_config=None)
    instance = uvicorn.Server(config)
    found = Server(f"http://127.0.0.1:{port}")
    handler = _Collect(found.errors)
    loggers = [logging.getLogger(name) for name in ("uvicorn.error", "starlette", "fastapi")]
    for logger in loggers:
        logger.addHandler(handler)
    thread = threading.Thread(target=instance.run, name="interview-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not instance.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the interview did not start"
        time.sleep(0.05)
    yield found
    instance.should_exit = True
    thread.join(10)
    for logger in loggers:
        logger.removeHandler(handler)
    if previous is None:
        os.environ.pop("RATKIT_CACHE_DIR", None)
    else:
        os.environ["RATKIT_CACHE_DIR"] = previous


@pytest.fixture(autouse=True)
def no_server_errors(server: Server) -> Iterator[None]:
    """No request of a test may end in a server error: its traceback is the report."""
    server.errors.clear()
    yield
    errors = list(server.errors)
    server.errors.clear()
    assert not errors, "the interview logged errors:\n" + "\n\n".join(errors)


# --------------------------------------------------------------------------- the browser


@dataclass
class Browser:
    """One WebDriver session and the folder its downloads go to."""

    driver: WebDriver
    downloads: Path
    base: str

    def open(self, path: str) -> None:
        self.driver.get(self.base + path)
        self.wait(lambda d: d.execute_script("return document.readyState") == "complete")

    def wait(self, condition: Callable[[WebDriver], Any], timeout: float = WAIT, message: str = "") -> Any:
        return WebDriverWait(self.driver, timeout, poll_frequency=0.1).until(condition, message)

    def by_id(self, element_id: str) -> WebElement:
        return self.wait(EC.presence_of_element_located((By.ID, element_id)), message=f"no #{element_id}")

    def value(self, element_id: str) -> str:
        return str(self.by_id(element_id).get_attribute("value") or "")

    def submit(self, action: str) -> None:
        """Press the form's button with this _action and wait for the new page."""
        page = self.driver.find_element(By.TAG_NAME, "html")
        button = self.driver.find_element(By.CSS_SELECTOR, f'#interview button[name="_action"][value="{action}"]')
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
        button.click()
        self.wait(EC.staleness_of(page), message=f"pressing {action} did not load a page")
        self.wait(lambda d: d.execute_script("return document.readyState") == "complete")

    def press(self, action: str) -> WebElement:
        """Press a button whose answer is a download (the page stays); the page, to tell if it did not."""
        page = self.driver.find_element(By.TAG_NAME, "html")
        button = self.driver.find_element(By.CSS_SELECTOR, f'#interview button[name="_action"][value="{action}"]')
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
        button.click()
        return page

    def choose(self, element_id: str, value: str) -> None:
        Select(self.by_id(element_id)).select_by_value(value)

    def type(self, element_id: str, text: str, clear: bool = True) -> None:
        """Type into a field as an officer does (select all, type over it): every key is an input event."""
        element = self.by_id(element_id)
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
        if clear:
            element.send_keys(Keys.CONTROL, "a")
            element.send_keys(Keys.BACKSPACE)
        if text:
            element.send_keys(text)

    def set_date(self, element_id: str, iso: str) -> None:
        """A date field, set as the date picker sets it (typing into it depends on the browser's locale)."""
        element = self.by_id(element_id)
        self.driver.execute_script(
            "arguments[0].value = arguments[1];"
            "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
            "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
            element,
            iso,
        )
        assert element.get_attribute("value") == iso

    def tick(self, element_id: str, on: bool = True) -> None:
        element = self.by_id(element_id)
        if element.is_selected() != on:
            self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
            element.click()
        assert element.is_selected() == on

    def packet_languages(self, first: str, *others: str) -> None:
        """Tick exactly these languages, ``first`` as the packet's (the round button)."""
        wanted = {first, *others}
        for box in self.driver.find_elements(By.CSS_SELECTOR, 'input[type="checkbox"][name="state.languages"]'):
            code = str(box.get_attribute("value"))
            self.tick(f"f-state-languages-{code}", code in wanted)
        self.tick(f"f-state-languages-first-{first}")

    def download(self, suffix: str, before: set[str], page: WebElement, timeout: float = BUILD_WAIT) -> Path:
        """The file a button sent, once Chromium has finished writing it (a page instead is a failure)."""

        def finished(driver: WebDriver) -> Path | bool:
            if EC.staleness_of(page)(driver):
                said = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".notice, .error, #live") if e.text]
                raise AssertionError(f"a page came back instead of the {suffix}: {said}")
            names = {p.name for p in self.downloads.iterdir()}
            if any(name.endswith(".crdownload") for name in names):
                return False
            fresh = sorted(name for name in names - before if name.endswith(suffix))
            return self.downloads / fresh[0] if fresh else False

        return self.wait(finished, timeout, message=f"no {suffix} downloaded into {self.downloads}")

    def downloaded(self) -> set[str]:
        return {p.name for p in self.downloads.iterdir()}

    def live_checks(self) -> list[WebElement]:
        return self.driver.find_elements(By.CSS_SELECTOR, "#live li.check")

    def failed_checks(self) -> list[WebElement]:
        return self.driver.find_elements(By.CSS_SELECTOR, "#live .check.failed")

    def preview(self) -> list[str]:
        """The instrument's paragraphs as the page previews them (#live or #preview)."""
        paragraphs = self.driver.find_elements(By.CSS_SELECTOR, "#live .page p, #preview .page p")
        texts = [str(p.get_attribute("textContent") or "") for p in paragraphs]  # as written: no-break spaces kept
        return [text for text in texts if text.strip()]

    def shot(self, folder: Path, name: str) -> None:
        """The window (1366×768) as the officer sees it, and the whole page with the side panel unrolled
        (it scrolls on its own: the checks and the preview below them would not show), as PNG."""
        folder.mkdir(parents=True, exist_ok=True)
        self.driver.execute_script("window.scrollTo(0, 0);")
        self.driver.save_screenshot(str(folder / f"{name}.png"))
        unroll = "document.querySelectorAll('aside').forEach((a) => { a.style.maxHeight = 'none'; });"
        self.driver.execute_script(unroll)
        metrics = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 16000), "scale": 1}
        data = self.driver.execute_cdp_cmd(
            "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip}
        )
        (folder / f"{name}-full.png").write_bytes(base64.b64decode(data["data"]))
        self.driver.execute_script("document.querySelectorAll('aside').forEach((a) => { a.style.maxHeight = ''; });")


def _chrome(downloads: Path, locale: str) -> WebDriver:
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    assert not missing, f"{', '.join(missing)} missing: run `bash scripts/setup.sh --tests`"
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=1366,768",
        f"--lang={locale}",
        "--disable-gpu",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
    ):
        options.add_argument(argument)
    options.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(downloads),
            "download.prompt_for_download": False,
            "download.directory_upgrade": True,
            "safebrowsing.enabled": False,
            "intl.accept_languages": locale,
        },
    )
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_window_size(1366, 768)
    driver.set_page_load_timeout(BUILD_WAIT)
    return driver


@pytest.fixture
def browsers(server: Server, tmp_path: Path) -> Iterator[Callable[..., Browser]]:
    """Open as many browsers (separate sessions, separate download folders, the officer's locale) as a test needs."""
    opened: list[Browser] = []

    def _open(locale: str = "en-US") -> Browser:
        downloads = tmp_path / f"downloads-{len(opened)}"
        downloads.mkdir()
        browser = Browser(_chrome(downloads, locale), downloads, server.url)
        opened.append(browser)
        return browser

    yield _open
    for browser in opened:
        browser.driver.quit()


@pytest.fixture
def browser(browsers: Callable[..., Browser]) -> Browser:
    return browsers()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    return Path(os.environ.get("RATKIT_SCREENSHOTS") or tmp_path / "screenshots")


# --------------------------------------------------------------------------- packets


def ratkit_build(profile: Path, out: Path) -> Path:
    """`ratkit build PROFILE --no-pdf --out OUT`, as an officer runs it."""
    script = Path(sys.executable).with_name("ratkit")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "toolkit"]
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    result = subprocess.run(
        [*command, "build", str(profile), "--no-pdf", "--out", str(out)],
        cwd=profile.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out / "instrument.docx"


def unzip(archive: Path, into: Path) -> tuple[list[str], Path]:
    with zipfile.ZipFile(archive) as packet:
        names = packet.namelist()
        packet.extractall(into)
    return names, into


def check_packet(zip_path: Path, work: Path, code: str, lang: str, calendar: bool) -> tuple[dict[str, Any], Path]:
    """The zip holds the packet and its profile; the manifest names this State and language."""
    names, folder = unzip(zip_path, work / "unzipped")
    for required in ("packet/instrument.docx", "packet/packet.pdf", "packet/manifest.json", "profile.yaml"):
        assert required in names, f"{required} missing from {zip_path.name}: {names}"
    assert ("packet/calendar.ics" in names) == calendar, names
    assert all(name == "profile.yaml" or name.startswith("packet/") for name in names), names
    assert (folder / "packet" / "packet.pdf").read_bytes().startswith(b"%PDF")
    manifest = json.loads((folder / "packet" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["state"]["code"] == code
    assert manifest["language"] == lang
    profile = yaml.safe_load((folder / "profile.yaml").read_text(encoding="utf-8"))
    assert profile["state"]["code"] == code
    assert profile["state"]["languages"][0] == lang
    return manifest, folder


def same_as_the_cli(folder: Path, work: Path) -> list[str]:
    """The zip's instrument has exactly the text `ratkit build` makes of the zip's profile.yaml."""
    built = ratkit_build(folder / "profile.yaml", work / "cli-packet")
    from_zip = docx_paragraphs(folder / "packet" / "instrument.docx")
    assert from_zip == docx_paragraphs(built)
    return from_zip


def upload(browser: Browser, path: Path) -> None:
    """Resume from a profile through the page's upload form."""
    page = browser.driver.find_element(By.TAG_NAME, "html")
    browser.by_id("f-upload").send_keys(str(path))
    browser.by_id("f-upload").find_element(By.XPATH, "./ancestor::form//button[@type='submit']").click()
    browser.wait(EC.staleness_of(page), message="the upload did not load a page")
    browser.wait(lambda d: d.execute_script("return document.readyState") == "complete")


def wait_checks_settle(browser: Browser, failed: bool) -> None:
    """The live panel shows checks, with (or without) a failed one."""

    def settled(_driver: WebDriver) -> bool:
        try:
            return bool(browser.live_checks()) and bool(browser.failed_checks()) == failed
        except StaleElementReferenceException:
            return False

    browser.wait(settled, message=f"#live never showed checks {'with' if failed else 'without'} a failed one")


def answer_in_english(b: Browser, code: str, name: str, place: str, legal: str = "common_law") -> None:
    """From /en/?state=CODE (what the toolkit knows), answer the rest of an English packet."""
    b.open(f"/en/?state={code}")
    b.packet_languages("en")
    b.choose("f-state-legal_system", legal)
    b.choose("f-signatory-office", "minister_for_foreign_affairs")
    b.type("f-signatory-name-en", name)
    b.type("f-instrument-place-en", place)
    b.set_date("f-instrument-date", "2027-06-01")
    assert b.value("f-mission-name-en"), f"{code}: the Mission's name is not prefilled"
    wait_checks_settle(b, failed=False)


# --------------------------------------------------------------------------- 1. French, Haiti


@pytest.mark.libreoffice
def test_french_officer_builds_haitis_packet(browsers: Callable[..., Browser], shots: Path, tmp_path: Path) -> None:
    b = browsers("fr-FR")
    b.open("/fr/")
    html = b.driver.find_element(By.TAG_NAME, "html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("fr", "ltr")
    b.shot(shots, "fr-01-open")

    b.choose("f-state-code", "HT")
    b.submit("prefill")
    assert b.value("f-state-code") == "HT"
    assert b.value("f-signature-date") == "2009-10-28"  # Haiti signed the Convention
    b.shot(shots, "fr-02-prefilled")

    # The packet in French only (what the toolkit knows of Haiti; see test_prefill_* for the prefill itself),
    # then the fields of each chosen language come back from the server.
    b.packet_languages("fr")
    b.submit("prefill")
    assert b.by_id("f-state-languages-first-fr").is_selected()
    assert b.driver.find_elements(By.ID, "f-signatory-title-fr")
    assert not b.driver.find_elements(By.ID, "f-signatory-title-en")
    assert "Haïti" in b.value("f-mission-name-fr")
    b.shot(shots, "fr-03-languages")

    b.choose("f-state-legal_system", "civil_law")
    b.choose("f-signatory-office", "minister_for_foreign_affairs")
    b.type("f-signatory-name-fr", "Pierre Exemple")
    b.type("f-signatory-title-fr", "Ministre des Affaires étrangères et des Cultes")
    b.type("f-instrument-place-fr", "Port-au-Prince")
    b.set_date("f-instrument-date", "2027-04-07")
    b.set_date("f-deposit-planned", "2027-05-03")
    b.tick("f-declarations-provisional_application-yes")
    wait_checks_settle(b, failed=False)
    b.wait(  # the preview of the last answer (Art. 18)
        lambda _d: any("article 18" in p for p in b.preview()), message="the preview never showed the declaration"
    )
    preview = b.preview()
    assert b.driver.find_element(By.CSS_SELECTOR, ".page").get_attribute("lang") == "fr"
    b.shot(shots, "fr-04-answered")

    before = b.downloaded()
    page = b.press("build")
    archive = b.download(".zip", before, page)
    assert archive.name == "packet-HT-fr.zip"
    b.shot(shots, "fr-05-built")

    manifest, folder = check_packet(archive, tmp_path, "HT", "fr", calendar=True)
    assert manifest["deposit_planned"] == "2027-05-03"
    paragraphs = same_as_the_cli(folder, tmp_path)
    text = "\n".join(paragraphs)
    assert "Pierre Exemple" in text
    assert "Ministre des Affaires étrangères et des Cultes" in text
    assert "Port-au-Prince" in text
    assert "7 avril 2027" in text
    assert "article 18" in text  # the provisional application, declared
    # the preview is the instrument as it will be signed
    assert preview == [p for p in paragraphs if p.strip()]


# --------------------------------------------------------------------------- 2. Arabic, Egypt


@pytest.mark.libreoffice
def test_arabic_officer_builds_egypts_packet(browsers: Callable[..., Browser], shots: Path, tmp_path: Path) -> None:
    b = browsers("ar-EG")
    b.open("/ar/")
    html = b.driver.find_element(By.TAG_NAME, "html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")
    b.shot(shots, "ar-01-open")

    b.choose("f-state-code", "EG")
    b.submit("prefill")
    assert b.value("f-state-code") == "EG"
    b.shot(shots, "ar-02-prefilled")

    b.packet_languages("ar", "en")
    b.submit("prefill")
    assert b.driver.find_element(By.TAG_NAME, "html").get_attribute("dir") == "rtl"
    assert b.by_id("f-state-languages-first-ar").is_selected()
    b.shot(shots, "ar-03-languages")

    title_ar = "وزير الخارجية والهجرة وشؤون المصريين بالخارج"
    title_en = "Minister of Foreign Affairs, Emigration and Egyptian Expatriates"
    b.choose("f-state-legal_system", "civil_law")
    b.choose("f-signatory-office", "minister_for_foreign_affairs")
    b.choose("f-signatory-gender", "male")
    b.type("f-signatory-name-ar", "عمر سبيسيمن")
    b.type("f-signatory-name-en", "Omar Specimen")  # Latin letters, for the English courtesy translation
    b.type("f-signatory-title-ar", title_ar)
    b.type("f-signatory-title-en", title_en)
    b.type("f-instrument-place-ar", "القاهرة")
    b.type("f-instrument-place-en", "Cairo")
    b.set_date("f-instrument-date", "2027-03-10")
    assert b.value("f-signatory-title-ar") == title_ar  # typed in Arabic, kept as typed
    assert b.by_id("f-signatory-title-ar").get_attribute("lang") == "ar"
    wait_checks_settle(b, failed=False)
    b.wait(  # the preview of the last answers (place and date)
        lambda _d: any("القاهرة" in p and "2027" in p for p in b.preview()),
        message="the preview never showed the place and date",
    )
    assert b.driver.find_element(By.CSS_SELECTOR, ".page").get_attribute("lang") == "ar"
    b.shot(shots, "ar-04-answered")

    before = b.downloaded()
    page = b.press("build")
    archive = b.download(".zip", before, page)
    assert archive.name == "packet-EG-ar.zip"
    b.shot(shots, "ar-05-built")

    _manifest, folder = check_packet(archive, tmp_path, "EG", "ar", calendar=False)
    paragraphs = same_as_the_cli(folder, tmp_path)
    text = "\n".join(paragraphs)
    assert title_ar in text
    assert "القاهرة" in text
    assert "عمر سبيسيمن" in text
    assert ARABIC.search(paragraphs[0]), paragraphs[0]  # the heading, in Arabic
    arabic = [p for p in paragraphs if p.strip() and ARABIC.search(p)]
    assert len(arabic) >= len([p for p in paragraphs if p.strip()]) - 1, paragraphs


# --------------------------------------------------------------------------- 3. a failed check, fixed


def test_a_failed_check_is_fixed_through_the_form(browser: Browser) -> None:
    """A title given in English only, for a French packet: the live panel shows the failed check until the
    French title is typed (and shows it again when it is taken away)."""
    title_en = "Minister for Foreign Affairs and Worship"
    b = browser
    b.open("/fr/?state=HT")
    b.packet_languages("fr", "en")
    b.submit("check")  # the fields of both languages
    assert b.by_id("f-state-languages-first-fr").is_selected()
    b.choose("f-state-legal_system", "civil_law")
    b.type("f-signatory-name-fr", "Pierre Exemple")
    b.type("f-instrument-place-fr", "Port-au-Prince")
    b.type("f-instrument-place-en", "Port-au-Prince")
    b.type("f-mission-name-en", "Permanent Mission of the Republic of Haiti to the United Nations")
    b.set_date("f-instrument-date", "2027-04-07")
    wait_checks_settle(b, failed=False)  # no title: the office's, in French

    b.type("f-signatory-title-en", title_en)
    wait_checks_settle(b, failed=True)
    assert any(title_en in check.text for check in b.failed_checks()), [c.text for c in b.failed_checks()]

    b.type("f-signatory-title-fr", "Ministre des Affaires étrangères et des Cultes")
    wait_checks_settle(b, failed=False)

    b.type("f-signatory-title-fr", "")  # and back: the live panel follows every change
    wait_checks_settle(b, failed=True)


# --------------------------------------------------------------------------- 4. upload and resume


def test_upload_resume_and_download_the_answers(browser: Browser, tmp_path: Path) -> None:
    from toolkit.model.load import load_profile

    example = EXAMPLES / "kenya.yaml"
    b = browser
    b.open("/en/")
    upload(b, example)
    notices = [n.text for n in b.driver.find_elements(By.CSS_SELECTOR, ".notice[role=status]") if n.is_displayed()]
    assert b.value("f-state-code") == "KE", f"the upload filled nothing; the page said {notices}"
    assert b.value("f-signatory-name-en") == "Wanjiru Exampleton"
    assert b.value("f-instrument-place-en") == "Nairobi"
    assert b.value("f-instrument-date") == "2027-01-15"
    assert b.value("f-deposit-planned") == "2027-02-01"
    assert b.driver.find_elements(By.CSS_SELECTOR, ".notice[role=status]")
    wait_checks_settle(b, failed=False)

    before = b.downloaded()
    page = b.press("yaml")
    path = b.download(".yaml", before, page, timeout=WAIT)
    assert path.name == "profile.yaml"
    resumed, original = load_profile(path), load_profile(example)
    assert resumed.state.code == original.state.code
    assert resumed.instrument.place.any(["en"]) == original.instrument.place.any(["en"]) == "Nairobi"
    assert resumed.instrument.date == original.instrument.date
    assert resumed.signature.date == original.signature.date
    assert resumed.deposit.planned == original.deposit.planned
    assert resumed.signatory.name == original.signatory.name
    assert (resumed.signatory.office, resumed.signatory.gender) == (original.signatory.office, "female")
    # resuming keeps every answer of the file: the title in each language it gives, not only the packet's
    assert dict(resumed.signatory.title.by_language) == dict(original.signatory.title.by_language), (
        "resuming from the file and downloading the answers dropped the title's other languages"
    )


# --------------------------------------------------------------------------- 5. two officers at once


@pytest.mark.libreoffice
def test_two_officers_build_at_once(browsers: Callable[..., Browser], tmp_path: Path) -> None:
    officers = {
        "KE": ("Wanjiru Exampleton", "Nairobi", "common_law"),
        "JM": ("Jane Exampleton", "Kingston", "common_law"),
    }
    opened = {code: browsers() for code in officers}
    ready = threading.Barrier(len(officers), timeout=BUILD_WAIT)
    archives: dict[str, Path] = {}
    failures: dict[str, BaseException] = {}

    def officer(code: str) -> None:
        b = opened[code]
        name, place, legal = officers[code]
        try:
            answer_in_english(b, code, name, place, legal)
            before = b.downloaded()
            ready.wait()  # both press build together
            page = b.press("build")
            archives[code] = b.download(".zip", before, page)
        except BaseException as exc:  # reported by the main thread
            failures[code] = exc
            ready.abort()

    threads = [threading.Thread(target=officer, args=(code,)) for code in officers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(BUILD_WAIT * 2)
    assert not failures, failures
    for code, (name, place, _legal) in officers.items():
        assert archives[code].name == f"packet-{code}-en.zip"
        work = tmp_path / code
        _manifest, folder = check_packet(archives[code], work, code, "en", calendar=False)
        text = "\n".join(docx_paragraphs(folder / "packet" / "instrument.docx"))
        assert name in text and place in text
        others = [other for other in officers if other != code]
        for other in others:
            other_name, other_place, _ = officers[other]
            assert other_name not in text and other_place not in text
        profile = yaml.safe_load((folder / "profile.yaml").read_text(encoding="utf-8"))
        assert profile["signatory"]["name"] == {"en": name}


@pytest.mark.libreoffice
def test_the_busy_notice_goes_once_the_packet_is_downloaded(browser: Browser) -> None:
    b = browser
    answer_in_english(b, "KE", "Wanjiru Exampleton", "Nairobi")
    assert not b.by_id("busy").is_displayed()
    before = b.downloaded()
    page = b.press("build")
    assert b.by_id("busy").is_displayed()  # while the packet is built
    b.download(".zip", before, page)
    b.wait(
        lambda _d: not b.by_id("busy").is_displayed(),
        timeout=10,
        message="#busy still says the packet is being built after the zip was downloaded",
    )


# --------------------------------------------------------------------------- 6. CSRF


def _post(url: str, fields: dict[str, str], opener: urllib.request.OpenerDirector | None = None) -> int:
    data = urllib.parse.urlencode(fields).encode()
    request = urllib.request.Request(url, data=data, method="POST")
    try:
        with (opener or urllib.request.build_opener()).open(request, timeout=WAIT) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_a_post_without_the_csrf_cookie_and_token_is_refused(server: Server) -> None:
    fields = {"state.code": "KE", "signatory.name": "Intruder", "instrument.place.en": "Nairobi", "_action": "yaml"}
    assert _post(f"{server.url}/en/", fields) == 403
    assert _post(f"{server.url}/en/", {**fields, "_csrf": "guessed"}) == 403
    assert _post(f"{server.url}/en/live", fields) == 403
    assert _post(f"{server.url}/en/upload", fields) == 403

    # with the page's cookie, a token that is not the page's is refused; the page's own is accepted
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{server.url}/en/", timeout=WAIT) as response:
        page = response.read().decode("utf-8")
    token = re.search(r'name="_csrf" value="([^"]+)"', page)
    assert token and len(jar) >= 1
    assert _post(f"{server.url}/en/", {**fields, "_csrf": "guessed"}, opener) == 403
    assert _post(f"{server.url}/en/", {**fields, "_csrf": token.group(1)}, opener) == 200


# --------------------------------------------------------------------------- 7. keyboard and labels


UNLABELLED = """
const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length)
  && getComputedStyle(el).visibility !== 'hidden';
const missing = [];
for (const el of document.querySelectorAll('input, select, textarea')) {
  if (el.type === 'hidden' || !visible(el)) continue;
  const byFor = el.id && document.querySelector('label[for="' + CSS.escape(el.id) + '"]');
  const named = (el.getAttribute('aria-label') || '').trim() || el.closest('label')
    || (el.getAttribute('aria-labelledby') || '').split(/\\s+/).some((id) => id && document.getElementById(id));
  if (!byFor && !named) missing.push(el.id || el.name || el.outerHTML.slice(0, 80));
}
return missing;
"""

DANGLING = """
const wrong = [];
for (const label of document.querySelectorAll('label[for]')) {
  const target = document.getElementById(label.htmlFor);
  if (!target || !['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) wrong.push('label for=' + label.htmlFor);
}
for (const el of document.querySelectorAll('[aria-labelledby]')) {
  for (const id of el.getAttribute('aria-labelledby').split(/\\s+/)) {
    if (id && !document.getElementById(id)) wrong.push((el.id || el.tagName) + ' aria-labelledby=' + id);
  }
}
return wrong;
"""


def test_keyboard_reaches_the_state_and_every_field_has_a_label(browser: Browser) -> None:
    b = browser
    b.open("/en/?state=KE")
    assert b.driver.execute_script("return document.activeElement === document.body")  # the top of the page
    reached: list[str] = []
    for _ in range(25):
        ActionChains(b.driver).send_keys(Keys.TAB).perform()
        active = b.driver.switch_to.active_element
        reached.append(str(active.get_attribute("id") or active.tag_name))
        if reached[-1] == "f-state-code":
            break
    assert reached[-1] == "f-state-code", f"Tab went through {reached}"
    # everything before it is the page's header (the interface's languages), nothing hidden or skipped
    assert all(step == "a" for step in reached[:-1]), reached
    unlabelled = b.driver.execute_script(UNLABELLED)
    assert not unlabelled, "\n".join(unlabelled)


def test_every_label_and_group_name_points_at_an_element(browser: Browser) -> None:
    """A <label for> names a control that exists; aria-labelledby names an element that exists."""
    browser.open("/en/?state=KE")
    wrong = browser.driver.execute_script(DANGLING)
    assert not wrong, "\n".join(wrong)


def test_an_answered_question_loses_its_error(browser: Browser) -> None:
    """The errors the page came with follow the answers: once the live panel has taken an answer, the
    question no longer says it is missing (nor marks its field invalid)."""
    b = browser
    b.open("/en/?state=KE")
    assert b.by_id("f-signatory-name-en").get_attribute("aria-invalid") == "true"  # required, not answered yet
    b.type("f-signatory-name-en", "Wanjiru Exampleton")
    b.wait(
        lambda d: (
            d.find_elements(By.CSS_SELECTOR, "#live .verdict")
            and not d.find_elements(By.CSS_SELECTOR, '#live a[href="#q-signatory.name"]')
        ),
        message="the live panel still lists the name as missing",
    )

    def cleared(d: WebDriver) -> bool:
        field = d.find_element(By.ID, "f-signatory-name-en")
        errors = d.find_elements(By.CSS_SELECTOR, '[id="q-signatory.name"] .error')
        return field.get_attribute("aria-invalid") != "true" and not any(e.is_displayed() for e in errors)

    b.wait(cleared, timeout=5, message="the name is answered, yet the question still shows its error")


# --------------------------------------------------------------------------- prefill


def test_prefill_gives_the_states_languages_and_mission(browser: Browser) -> None:
    """Choosing Haiti on a fresh page and pressing "Fill in what the toolkit knows" gives what
    /fr/?state=HT gives: the packet in French, the Mission's name, the usual signatory's office."""
    b = browser
    b.open("/fr/?state=HT")
    known = {
        "first-fr": b.by_id("f-state-languages-first-fr").is_selected(),
        "mission": b.value("f-mission-name-fr"),
        "office": b.value("f-signatory-office"),
    }
    assert known["first-fr"] and "Haïti" in known["mission"] and known["office"] == "minister_for_foreign_affairs"

    b.open("/fr/")
    b.choose("f-state-code", "HT")
    b.submit("prefill")
    given = {
        "first-fr": b.by_id("f-state-languages-first-fr").is_selected(),
        "mission": b.value("f-mission-name-fr") if b.driver.find_elements(By.ID, "f-mission-name-fr") else None,
        "office": b.value("f-signatory-office"),
    }
    assert given == known
