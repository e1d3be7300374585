"""Fixtures shared by the test suites.

The browser is Debian's Chromium driven by pytest-playwright (never a browser that Playwright
downloads); the site is built once per session by build.py into a temporary directory and
served by build.py's own server, so tests exercise exactly what `python build.py serve` does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page

import build

# Generous: a cold start takes seconds, but CI machines are shared and slow.
STARTUP_TIMEOUT_MS = 120_000
SUB_PATH = "/image-ranker/"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    if not build.CHROMIUM.exists():
        pytest.exit(
            f"Chromium not found at {build.CHROMIUM}: install it with `apt-get install chromium`",
            returncode=1,
        )
    return {
        **browser_type_launch_args,
        "executable_path": str(build.CHROMIUM),
        "args": build.CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    # The offline tests rely on the service worker, which Playwright could block.
    return {**browser_context_args, "service_workers": "allow"}


@pytest.fixture(scope="session")
def dist_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once per session (tests that break it work on a copy)."""
    return build.build(tmp_path_factory.mktemp("build") / "dist")


@pytest.fixture(scope="session")
def site_url(dist_dir: Path) -> Iterator[str]:
    """URL of the built site served at the root of an origin."""
    with build.serving(dist_dir) as url:
        yield url


@pytest.fixture(scope="session")
def sub_path_url(dist_dir: Path) -> Iterator[str]:
    """URL of the same build served under a project path, as GitHub Pages does."""
    with build.serving(dist_dir, SUB_PATH) as url:
        yield url


@pytest.fixture
def serve() -> Iterator[Callable[..., str]]:
    """serve(directory, prefix="/", csp=True) -> URL, on a fresh port, stopped after the test."""
    with ExitStack() as stack:

        def start(directory: Path, prefix: str = "/", csp: bool = True) -> str:
            server: AbstractContextManager[str] = build.serving(directory, prefix, csp=csp)
            return stack.enter_context(server)

        yield start


@dataclass
class BrowserLog:
    """What a browser context asked for and what its page reported as errors."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def browser_log(context: BrowserContext, page: Page) -> BrowserLog:
    """Records every request of the context (service worker included) and every page error."""
    log = BrowserLog()
    context.on("request", lambda request: log.requests.append(request.url))
    page.on("console", lambda msg: log.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: log.errors.append(str(error)))
    return log


class App:
    """The page under test: open it, wait for its Python to start, read its startup error."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def open(self, url: str) -> str:
        """Go to `url`; return `data-engine` once Python has started or failed to."""
        self.page.goto(url)
        return self.wait()

    def reload(self) -> str:
        self.page.reload()
        return self.wait()

    def wait(self) -> str:
        self.page.wait_for_function(
            "() => document.documentElement.dataset.engine !== 'loading'",
            timeout=STARTUP_TIMEOUT_MS,
        )
        return self.page.evaluate("document.documentElement.dataset.engine")

    def error(self) -> str:
        return self.page.text_content("#error-detail") or ""

    def wait_for_offline_cache(self) -> None:
        """Wait until a service worker is active, i.e. it has precached the whole build."""
        self.page.evaluate("navigator.serviceWorker.ready.then(() => true)")


@pytest.fixture
def app(page: Page) -> App:
    return App(page)
