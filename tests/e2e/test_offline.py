"""After one visit the service worker serves the whole build, and a new build replaces it."""

from __future__ import annotations

import shutil
from pathlib import Path

import build


def test_reload_with_network_off_reaches_ready(app, page, context, browser_log, site_url):
    assert app.open(site_url) == "ready", app.error()
    app.wait_for_offline_cache()

    context.set_offline(True)
    response = page.reload()
    assert app.wait() == "ready", app.error()
    assert browser_log.errors == []
    assert response.from_service_worker


def test_the_service_worker_adds_the_policy_a_static_host_does_not_send(
    app, page, context, dist_dir: Path, serve
):
    url = serve(dist_dir, csp=False)
    first = page.goto(url)
    assert "content-security-policy" not in first.headers
    assert app.wait() == "ready", app.error()
    app.wait_for_offline_cache()

    context.set_offline(True)
    response = page.reload()
    assert app.wait() == "ready", app.error()
    assert response.from_service_worker
    assert response.headers["content-security-policy"] == build.content_security_policy()


def test_offline_reload_under_a_sub_path(app, page, context, sub_path_url):
    # Typed without its final slash, the project address is redirected (as GitHub Pages does)
    # to the one the service worker answers offline; offline, the address without the slash
    # is outside its scope and nothing the site ships can answer it (README: Publishing).
    assert app.open(sub_path_url.removesuffix("/")) == "ready", app.error()
    assert page.url == sub_path_url
    app.wait_for_offline_cache()

    context.set_offline(True)
    assert app.reload() == "ready", app.error()


def test_new_build_replaces_the_old_cache(app, page, dist_dir: Path, tmp_path: Path, serve):
    site = tmp_path / "site"
    shutil.copytree(dist_dir, site)
    url = serve(site)
    assert app.open(url) == "ready", app.error()
    app.wait_for_offline_cache()
    old = build.build_hash(site)
    assert page.evaluate("caches.keys()") == [f"image-ranker {url} {old}"]

    with (site / "styles.css").open("a", encoding="utf-8") as styles:
        styles.write("/* a new build */\n")
    new = build.write_service_worker(site)
    assert new != old
    assert app.reload() == "ready", app.error()

    page.wait_for_function(
        "async (key) => { const keys = await caches.keys(); return keys.join() === key; }",
        arg=f"image-ranker {url} {new}",
        timeout=60_000,
    )
