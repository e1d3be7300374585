"""Fixtures of the page tests: a started page whose folder picker returns an OPFS folder."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

import build

from . import engines
from .folders import PICKER_STUB, fill


class Ranking:
    """The page under test, as a person uses it: choose the folder, press keys, read back."""

    def __init__(self, page: Page, app, site_url: str) -> None:
        self.page = page
        self.app = app
        self.site_url = site_url

    def open(self, files: dict[str, bytes] | None = None, stub: str = PICKER_STUB) -> None:
        self.page.add_init_script(stub)
        assert self.app.open(self.site_url) == "ready", self.app.error()
        if files is not None:
            fill(self.page, files)

    def choose_folder(self) -> None:
        self.page.get_by_role("button", name="Choose folder", exact=True).click()
        self.wait_first_pair()

    def wait_first_pair(self) -> None:
        """Until the folder's first pair is on screen (keys before it have nothing to answer)."""
        self.page.wait_for_function(
            "() => window.imageRankerFirstPairAt !== undefined", timeout=60_000
        )
        self.wait_view("compare")

    def wait_view(self, name: str) -> None:
        expect(self.page.locator("main")).to_have_attribute("data-view", name, timeout=30_000)

    def pair(self) -> tuple[str, str]:
        self.page.wait_for_function(
            "() => document.getElementById('img-left').alt && document.getElementById('img-right').alt"
        )
        return (
            self.page.get_attribute("#img-left", "alt"),
            self.page.get_attribute("#img-right", "alt"),
        )

    def press(self, key: str) -> None:
        """A key that answers: waits until the page has taken the answer in."""
        before = self.answers()
        self.page.keyboard.press(key)
        self.page.wait_for_function(
            f"() => window.imageRankerAnswerTimes.length > {before}", timeout=10_000
        )

    def answers(self) -> int:
        return self.page.evaluate("window.imageRankerAnswerTimes.length")

    def saved(self) -> None:
        expect(self.page.locator("#save-status")).to_have_text(
            "Saved to .image-ranker/votes.csv", timeout=10_000
        )

    def ranking_rows(self) -> list[str]:
        self.page.keyboard.press("r")
        self.wait_view("ranking")
        rows = self.page.locator(".ranking-row")
        expect(rows.first).to_be_visible()
        texts = [
            " | ".join(rows.nth(i).locator("span").all_inner_texts()) for i in range(rows.count())
        ]
        self.page.keyboard.press("r")
        self.wait_view("compare")
        return sorted(texts, key=_rank)


def _rank(row: str) -> float:
    """A row's rank; a row without one (an image not ranked, or removed) comes after."""
    rank = row.split(" | ")[0].replace(",", "").removeprefix("=")  # "=3": a tie
    return int(rank) if rank.isdigit() else float("inf")


@pytest.fixture(autouse=True)
def csp_respected(request: pytest.FixtureRequest) -> Iterator[list[str]]:
    """Every browser test checks that its pages did nothing the Content-Security-Policy
    refused: the policy is as strict as the page allows, and stays so. (A test that provokes
    refusals takes them out of the list it is given.)"""
    if "page" not in request.fixturenames:
        yield []
        return
    context: BrowserContext = request.getfixturevalue("context")
    refused: list[str] = []
    context.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield refused
    assert refused == []


@pytest.fixture
def ranking(page: Page, app, site_url: str) -> Ranking:
    return Ranking(page, app, site_url)


@pytest.fixture
def dialogs(page: Page) -> list[str]:
    """Messages of any alert/confirm the page opened (a hostile name must never open one)."""
    seen: list[str] = []
    page.on("dialog", lambda dialog: (seen.append(dialog.message), dialog.dismiss()))
    return seen


@pytest.fixture
def shot(page: Page, tmp_path) -> Callable[[str], str]:
    def take(name: str) -> str:
        path = str(tmp_path / f"{name}.png")
        page.screenshot(path=path)
        return path

    return take


@pytest.fixture(scope="session")
def display() -> Iterator[str]:
    """A virtual X display for WebKit (MiniBrowser has no headless mode)."""
    _require_browsers()
    with engines.virtual_display() as name:
        yield name


@pytest.fixture
def firefox(tmp_path: Path) -> Iterator[engines.Selenium]:
    """Firefox ESR on a fresh profile (no storage kept from another test)."""
    _require_browsers()
    downloads = tmp_path / "firefox downloads"
    downloads.mkdir()
    driver = engines.firefox(downloads, tmp_path / "geckodriver.log")
    try:
        yield engines.Selenium("firefox", driver, downloads)
    finally:
        driver.quit()


@pytest.fixture
def webkit(tmp_path: Path, display: str) -> Iterator[engines.Selenium]:
    """WebKitGTK's MiniBrowser with a home of its own (its storage and its downloads)."""
    home = tmp_path / "webkit home"
    home.mkdir()
    driver = engines.webkit(home, display, tmp_path / "webkitwebdriver.log")
    try:
        yield engines.Selenium("webkit", driver, home)
    finally:
        driver.quit()


def _require_browsers() -> None:
    """As `build.py test` says it before any test runs, for a run of pytest alone."""
    try:
        build.require_browsers()
    except build.SetupError as error:
        pytest.exit(str(error), returncode=1)
