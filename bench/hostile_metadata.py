"""Crafted metadata against the prompt reader: `python build.py bench hostile_metadata
[--limit-s 30] [--before 7948bf2]`.

The attacks of issue 33 at its sizes (a backtracking XMP block, an EXIF IFD of pointers back
at itself, 63 compressed PNG text chunks, a 30 MB `prompt.txt`), a prompt too long to be one,
a few more attacks in the same spirit, and sound files, each read by `ranker.metadata` as it
is (the whole file, a slice at a time as it asks) and as it was at `--before` (the commit
before the caps: the file's first 256 KB), side by side in one run.

In CPython, each read runs in a child process stopped after `--limit-s`: its time (the best of
5 when under a second) and the peak of Python's memory during it (tracemalloc, in another
read). A caption file is read as the page reads it: the whole file before, its first
CAPTION_BYTES + 1 bytes now. The last column is each read now in Pyodide under Node (the
page's Python, from node_modules/pyodide, best of 5): the page runs it on its main thread,
where the target is no task over 200 ms.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import tracemalloc
import types
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from ranker import metadata

ROOT = Path(__file__).resolve().parent.parent
BEFORE = "7948bf2"
"""The last commit before metadata was capped (issue 33)."""


@dataclass
class Case:
    name: str
    data: bytes
    caption: bool = False  # a caption file, not an image's first bytes


def app1(data: bytes) -> bytes:
    return b"\xff\xe1" + struct.pack(">H", len(data) + 2) + data


def jpeg(*segments: bytes) -> bytes:
    return b"\xff\xd8" + b"".join(app1(segment) for segment in segments) + b"\xff\xd9"


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(*chunks: bytes) -> bytes:
    header = png_chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
    return b"\x89PNG\r\n\x1a\n" + header + b"".join(chunks) + png_chunk(b"IEND", b"")


XMP_ID = b"http://ns.adobe.com/xap/1.0/\0"
A1111 = "a red fox in the snow\nNegative prompt: blurry\nSteps: 30, Seed: 1"


def xmp_backtracking(size: int) -> bytes:
    """`<dc:description><rdf:li>` repeated with no end tag: each start of the old regular
    expression tried every later `<rdf:li`, each scanning to the end."""
    unit = b"<dc:description><rdf:li>"
    return jpeg(XMP_ID + unit * ((size - len(XMP_ID)) // len(unit)))


def exif_pointing_at_itself(size: int) -> bytes:
    """IFD0 filled with Exif IFD pointers to IFD0: the old walk followed each."""
    count = (size - 6 - 8 - 2 - 4) // 12
    entries = struct.pack("<HHII", 0x8769, 4, 1, 8) * count
    return jpeg(b"Exif\0\0II*\0" + struct.pack("<IH", 8, count) + entries + b"\0" * 4)


def ztxt_chunks(keys: Callable[[int], bytes]) -> bytes:
    """63 zTXt chunks of about 4 KB, each expanding to 4 MB (under the old cap of one chunk),
    then an A1111 `parameters` chunk."""
    bomb = zlib.compress(b"a" * 4 * 1024 * 1024, 9)
    chunks = [png_chunk(b"zTXt", keys(n) + b"\0\0" + bomb) for n in range(63)]
    return png(*chunks, png_chunk(b"tEXt", b"parameters\0" + A1111.encode()))


READ_KEYS = [b"prompt", b"workflow", b"parameters", b"invokeai_metadata", b"Description"]


def cases() -> list[Case]:
    long_prompt = "a fox in the snow " * (250 * 1024 // 18)
    return [
        *[
            Case(f"XMP crafted to backtrack, {kb} KB", xmp_backtracking(int(kb * 1024)))
            for kb in (9.4, 16.4, 28, 63.9)
        ],
        Case("EXIF IFD0 of pointers at itself, 65 KB", exif_pointing_at_itself(65_500)),
        Case("63 zTXt chunks of other keys, 259 KB PNG", ztxt_chunks(lambda n: b"k%d" % n)),
        Case("63 zTXt chunks of the keys read", ztxt_chunks(lambda n: READ_KEYS[n % 5])),
        Case("30 MB prompt.txt", b"a castle on a hill " * (30_000_000 // 19), caption=True),
        Case(
            "250 KB prompt in a PNG parameters chunk",
            png(png_chunk(b"tEXt", b"parameters\0" + long_prompt.encode())),
        ),
        Case("65,000 empty JPEG segments", b"\xff\xd8" + b"\xff\xe1\0\2" * 65_000),
        Case("20,000 broken EXIF blocks", jpeg(*[b"Exif\0\0XX*\0"] * 20_000)),
        Case(
            "12,000 broken zTXt chunks of a key read",
            png(*[png_chunk(b"zTXt", b"prompt\0\0x")] * 12_000),
        ),
        Case(
            "1 MB of JSON numbers in 2 zTXt chunks (the caps' most)",
            png(
                *[
                    png_chunk(
                        b"zTXt", key + b"\0\0" + zlib.compress(b"[" + b"1," * 262_000 + b"1]")
                    )
                    for key in READ_KEYS[:2]
                ]
            ),
        ),
        Case("sound A1111 PNG", png(png_chunk(b"tEXt", b"parameters\0" + A1111.encode()))),
        Case(
            "sound JPEG with XMP",
            jpeg(
                XMP_ID + b"<x:xmpmeta><dc:description><rdf:Alt><rdf:li xml:lang='x-default'>"
                b"a fox in xmp\nSteps: 20, Sampler: Euler, Seed: 1</rdf:li></rdf:Alt>"
                b"</dc:description></x:xmpmeta>"
            ),
        ),
    ]


def module_at(revision: str) -> types.ModuleType:
    """`ranker.metadata` as it was at `revision`, from git."""
    source = subprocess.run(
        ["git", "show", f"{revision}:py/ranker/metadata.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    module = types.ModuleType(f"metadata_at_{revision}")
    sys.modules[module.__name__] = module  # dataclasses look their module up there
    exec(compile(source, f"{revision}:py/ranker/metadata.py", "exec"), module.__dict__)
    return module


def read(module: types.ModuleType, case: Case) -> tuple[int | None, list[str]]:
    """The prompt's length and the notes, read as the page reads the file: now the reader asks
    for the slices it needs; before, the page gave it the file's first HEAD_BYTES."""
    if case.caption and hasattr(module, "read_caption"):
        found = module.read_caption(case.data[: module.CAPTION_BYTES + 1])
    elif case.caption:
        text = module.caption_text(case.data)
        return (len(text) if text else None), []
    elif hasattr(module, "read_generation"):
        found = module.read_generation(case.data)
    else:
        found = module.read_prompt(case.data[: module.HEAD_BYTES])
    text = found.prompt if hasattr(found, "prompt") else found.text
    return (len(text) if text else None), found.notes


def measure(module: types.ModuleType, case: Case, out: Connection) -> None:
    """In a child process: the time of a read, then its result (the first notes and their
    count), then its peak memory."""
    started = time.perf_counter()
    length, notes = read(module, case)
    seconds = time.perf_counter() - started
    if seconds < 1:
        for _ in range(4):
            started = time.perf_counter()
            read(module, case)
            seconds = min(seconds, time.perf_counter() - started)
    out.send(("time", seconds))
    out.send(("result", (length, notes[:3], len(notes))))
    tracemalloc.start()
    read(module, case)
    out.send(("peak", tracemalloc.get_traced_memory()[1]))


def run(module: types.ModuleType, case: Case, limit_s: float) -> dict:
    """What `measure` sent within `limit_s`, by name."""
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=measure, args=(module, case, sending))
    child.start()
    sending.close()
    deadline = time.monotonic() + limit_s
    got: dict = {}
    while len(got) < 3 and receiving.poll(max(0.0, deadline - time.monotonic())):
        try:
            key, value = receiving.recv()
        except EOFError:  # the child died
            break
        got[key] = value
    child.terminate()
    child.join()
    return got


PYODIDE_RUN = """
import { loadPyodide } from "%s";
import fs from "node:fs";
const [folder, count] = [process.argv[2], Number(process.argv[3])];
const py = await loadPyodide();
py.FS.mkdirTree("/bench/metadata");
const modules = fs.readdirSync(`${folder}/metadata`).map((name) => `metadata/${name}`);
for (const name of ["timing.py", ...modules, ...Array.from({ length: count }, (_, i) => `${i}`)]) {
  py.FS.writeFile(`/bench/${name}`, fs.readFileSync(`${folder}/${name}`));
}
py.runPython("import sys; sys.path.insert(0, '/bench'); import timing");
console.log(py.runPython(`timing.run(${count})`));
"""

PYODIDE_TIMING = """
import json, sys, time
import metadata

def run(count):
    times = []
    for n in range(count):
        data = open(f"/bench/{n}", "rb").read()
        caption, data = data[0] == 1, data[1:]
        best = None
        for _ in range(5):
            started = time.perf_counter()
            if caption:
                metadata.read_caption(data[: metadata.CAPTION_BYTES + 1])
            else:
                metadata.read_generation(data)
            took = time.perf_counter() - started
            best = took if best is None else min(best, took)
        times.append(best)
    return json.dumps({"version": sys.version.split()[0], "times": times})
"""


def pyodide_times(cases: list[Case]) -> tuple[str, list[float]] | None:
    """Each case's read now, in Pyodide under Node (the page's Python, without the page):
    Pyodide's version and the best of 5 times, or None without Node or Pyodide."""
    pyodide = ROOT / "node_modules" / "pyodide" / "pyodide.mjs"
    node = shutil.which("node")
    if node is None or not pyodide.exists():
        return None
    with tempfile.TemporaryDirectory() as folder:
        package = Path(folder) / "metadata"
        package.mkdir()
        for module in Path(metadata.__file__).parent.glob("*.py"):
            (package / module.name).write_text(module.read_text())
        (Path(folder) / "timing.py").write_text(PYODIDE_TIMING)
        (Path(folder) / "run.mjs").write_text(PYODIDE_RUN % pyodide.as_uri())
        for n, case in enumerate(cases):
            (Path(folder) / str(n)).write_bytes(bytes([case.caption]) + case.data)
        done = subprocess.run(
            [node, f"{folder}/run.mjs", folder, str(len(cases))],
            capture_output=True,
            text=True,
            check=True,
        )
    read = json.loads(done.stdout.strip().splitlines()[-1])
    return read["version"], read["times"]


def seconds(got: dict, limit_s: float) -> str:
    if "time" not in got:
        return f"> {limit_s:.0f} s (stopped)"
    value = got["time"]
    return f"{value * 1000:.2f} ms" if value < 1 else f"{value:.1f} s"


def megabytes(got: dict) -> str:
    return f"{got['peak'] / 1e6:.1f} MB" if "peak" in got else "–"


def outcome(got: dict) -> str:
    if "result" not in got:
        return "–"
    length, _notes, count = got["result"]
    prompt = f"prompt of {length:,} chars" if length else "no prompt"
    return f"{prompt}, {count:,} note{'s' * (count > 1)}" if count else prompt


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="build.py bench hostile_metadata", description=__doc__)
    parser.add_argument("--limit-s", type=float, default=30.0, help="stop a read after this")
    parser.add_argument("--before", default=BEFORE, help="the revision to compare with")
    args = parser.parse_args(argv)
    before = module_at(args.before)
    crafted = cases()
    in_pyodide = pyodide_times(crafted)
    pyodide_note = (
        f"; the last column: now, in Pyodide {in_pyodide[0]} under Node (best of 5)"
        if in_pyodide
        else " (no Node or Pyodide: no Pyodide column)"
    )
    print(
        f"CPython {sys.version.split()[0]}: ranker.metadata at {args.before} (before) and in "
        f"this tree (now); a read is stopped after {args.limit_s:.0f} s{pyodide_note}\n"
    )
    header = "| input | time before | time now | peak memory before | now | before | now |"
    print(header + (" Pyodide now |" if in_pyodide else ""))
    print("|---|---|---|---|---|---|---|" + ("---|" if in_pyodide else ""))
    notes = []
    for n, case in enumerate(crafted):
        old = run(before, case, args.limit_s)
        new = run(metadata, case, args.limit_s)
        cells = [
            case.name,
            seconds(old, args.limit_s),
            seconds(new, args.limit_s),
            megabytes(old),
            megabytes(new),
            outcome(old),
            outcome(new),
        ]
        if in_pyodide:
            cells.append(seconds({"time": in_pyodide[1][n]}, args.limit_s))
        print("| " + " | ".join(cells) + " |", flush=True)
        if "result" in new and new["result"][1]:
            notes.append((case.name, new["result"][1]))
    print("\nNotes now (the first 3 of each file; the page keeps them):")
    for name, found in notes:
        print(f"- {name}: " + "; ".join(json.dumps(note) for note in found))
    return 0
