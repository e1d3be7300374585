"""A build that cannot start Python shows the error state and says why, not a blank page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect


@pytest.fixture
def broken_site(dist_dir: Path, tmp_path: Path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(dist_dir, site)
    return site


def expect_error_shown(page: Page, detail: str) -> None:
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("could not start")
    expect(page.locator("#error-detail")).to_contain_text(detail)
    expect(page.locator("#loading")).to_be_hidden()
    expect(page.get_by_role("button", name="Choose folder", exact=True)).to_be_disabled()


def test_missing_python_file_shows_error(app, page, broken_site: Path, serve):
    (broken_site / "py" / "trueskill" / "backends.py").unlink()

    assert app.open(serve(broken_site)) == "error"
    expect_error_shown(page, "trueskill/backends.py")


def test_python_file_missing_from_config_shows_error(app, page, broken_site: Path, serve):
    config = broken_site / "pyscript.toml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    config.write_text("".join(x for x in lines if "ranker/model.py" not in x), encoding="utf-8")

    assert app.open(serve(broken_site)) == "error"
    expect_error_shown(page, "No module named 'ranker.model'")


def test_missing_interpreter_shows_error(app, page, broken_site: Path, serve):
    (broken_site / "pyodide" / "pyodide.asm.wasm").unlink()

    assert app.open(serve(broken_site)) == "error"
    expect_error_shown(page, "pyodide/pyodide.asm.wasm (HTTP 404)")
