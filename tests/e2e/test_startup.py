"""The built page starts Python from its own files only, and shows what it is doing."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Page, Route, expect

import build
import ranker


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def test_page_reaches_ready_with_requests_to_its_own_origin_only(app, page, browser_log, site_url):
    assert app.open(site_url) == "ready", app.error()

    assert browser_log.requests, "no request was recorded"
    foreign = [url for url in browser_log.requests if origin(url) != origin(site_url)]
    assert foreign == []
    assert f"{site_url}pyodide/pyodide.asm.wasm" in browser_log.requests
    assert browser_log.errors == []


def test_ready_page_shows_engine_version_and_enables_choose_folder(app, page: Page, site_url):
    assert app.open(site_url) == "ready", app.error()

    expect(page.locator("footer")).to_contain_text(f"engine {ranker.__version__}")
    expect(page.get_by_role("button", name="Choose folder", exact=True)).to_be_enabled()
    expect(page.locator("#loading")).to_be_hidden()
    expect(page.locator("#error")).to_be_hidden()


def test_progress_is_shown_while_python_starts(app, page: Page, site_url):
    held: list[Route] = []
    # Python cannot start until the interpreter's binary is released below.
    page.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    page.goto(site_url)
    for _ in range(1200):  # route handlers run while Playwright waits: up to 2 minutes
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the page never asked for the interpreter"

    expect(page.locator("html")).to_have_attribute("data-engine", "loading")
    expect(page.get_by_role("progressbar")).to_be_visible()
    expect(page.locator("#loading")).to_contain_text("Starting Python")
    expect(page.get_by_role("button", name="Choose folder", exact=True)).to_be_disabled()

    held[0].continue_()
    assert app.wait() == "ready", app.error()


def test_same_build_works_under_a_sub_path(app, browser_log, sub_path_url):
    assert app.open(sub_path_url) == "ready", app.error()

    assert all(url.startswith(sub_path_url) for url in browser_log.requests), browser_log.requests
    assert browser_log.errors == []


def test_page_is_installable_as_an_app(app, page: Page, context, site_url):
    assert app.open(site_url) == "ready", app.error()

    cdp = context.new_cdp_session(page)
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    # Playwright's contexts are incognito-like, which alone forbids installing.
    assert [error["errorId"] for error in errors if error["errorId"] != "in-incognito"] == []
    assert cdp.send("Page.getAppManifest")["errors"] == []


def test_the_page_runs_under_its_content_security_policy(
    app, page: Page, site_url, csp_respected: list[str]
):
    """Python starts with no string evaluated as script and no inline script; the policy
    refuses both, from the meta tag and from the server's header alike."""
    response = page.goto(site_url)
    assert app.wait() == "ready", app.error()

    policy = build.content_security_policy()
    assert response.headers["content-security-policy"] == policy
    assert (
        page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        == policy
    )
    refused = page.evaluate(  # in a task of the page's own: DevTools' calls may evaluate
        """() => new Promise((resolve) => setTimeout(() => {
          try { new Function('return 1')(); resolve('string evaluated'); }
          catch (error) { resolve(error.name); }
        }))"""
    )
    assert refused == "EvalError"
    page.evaluate(
        """() => document.body.append(Object.assign(document.createElement('script'),
                                                    { textContent: 'window.inlineRan = 1' }))"""
    )
    assert page.evaluate("window.inlineRan") is None
    assert len(csp_respected) == 2, csp_respected  # the two refusals above, and no other
    csp_respected.clear()
