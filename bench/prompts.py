"""Reading prompts in the page: `python build.py bench prompts [--images 1000]`.

A folder of generated 768x768 PNGs as Automatic1111 writes them (a `parameters` text chunk
before the pixels, 50 prompts of 20 images each; noisy pixels, so each file is larger than the
first bytes the page reads) is copied into the Origin Private File System of headless
Chromium, and the page's folder picker returns it. Measured inside the page with
performance.now(): the background reading of every prompt, from its start (a second after the
first pair is on screen) to the last file read, and how many prompts it found.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from PIL import Image, PngImagePlugin

from bench.page import CACHE, page_with_folder
from ranker.metadata import HEAD_BYTES

SIZE = (768, 768)
PROMPTS = 50


def generated(count: int) -> Path:
    """`count` PNGs with an A1111 `parameters` chunk, made once and kept in the cache."""
    folder = CACHE / f"generated-{count}-{SIZE[0]}x{SIZE[1]}"
    if folder.exists() and len(list(folder.glob("*.png"))) == count:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(0)
    for i in range(count):
        noise = Image.effect_noise((256, 256), rng.uniform(20, 60)).resize(SIZE)
        tint = Image.linear_gradient("L").resize(SIZE)
        picture = Image.merge("RGB", [noise, tint, tint.transpose(Image.Transpose.ROTATE_90)])
        info = PngImagePlugin.PngInfo()
        prompt = f"a watercolour of a lighthouse, style {i % PROMPTS}"
        info.add_text("parameters", f"{prompt}\nNegative prompt: blurry\nSteps: 20, Seed: {i}")
        picture.save(folder / f"{i:05d}.png", pnginfo=info)
    return folder


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="build.py bench prompts", description=__doc__)
    parser.add_argument("--images", type=int, default=1000)
    args = parser.parse_args(argv)
    source = generated(args.images)
    names = sorted(path.name for path in source.glob("*.png"))
    megabytes = sum(path.stat().st_size for path in source.glob("*.png")) / 1e6
    with page_with_folder(source, names) as page:
        page.get_by_role("button", name="Choose folder").click()
        page.wait_for_function("() => window.imageRankerPromptsRead !== undefined", timeout=120_000)
        read = page.evaluate("window.imageRankerPromptsRead")
    print(
        f"Folder of {len(names):,} generated {SIZE[0]}x{SIZE[1]} PNGs ({megabytes:,.0f} MB, "
        f"{PROMPTS} prompts), headless Chromium; the page reads the first "
        f"{HEAD_BYTES // 1024} KB of each file\n"
    )
    print("| figure | value |")
    print("|---|---|")
    print(f"| read every prompt in the background | {read['ms'] / 1000:.2f} s |")
    print(f"| per image | {read['ms'] / read['files']:.2f} ms |")
    print(f"| prompts found | {read['found']:,} of {read['files']:,} images |")
    return 0
