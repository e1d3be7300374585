"""Camera RAW beside JPEG: `python build.py bench raw [--images 200] [--answers 100]`.

The same generated 1600x1200 photos twice: as JPEG files, and as DNG files whose embedded
preview is that JPEG (bench/page.py's raw_photos), each folder opened in a fresh headless
Chromium as bench/page.py opens its folder. A RAW costs the page a walk of its IFDs (a few
small reads) before the same JPEG decode. Measured inside the page: choose folder -> first
pair on screen, and answer key -> next pair on screen (median / p95).
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from bench.page import SIZE, page_with_folder, percentile, photos, raw_photos

KEYS = ["a", "d", "ArrowLeft", "ArrowRight", "s"]


def measure(source: Path, answers: int) -> tuple[float, list[float]]:
    """(ms from the click on Choose folder to the first pair, the answer -> next pair ms)."""
    names = sorted(path.name for path in source.iterdir())
    with page_with_folder(source, names) as page:
        clicked = page.evaluate(
            "(() => { const t = performance.now();"
            " document.getElementById('choose-folder').click(); return t; })()"
        )
        page.wait_for_function("() => window.imageRankerFirstPairAt !== undefined", timeout=120_000)
        first_pair_ms = page.evaluate("window.imageRankerFirstPairAt") - clicked
        assert page.locator("#side-left .preview-mark").is_visible() == source.name.startswith(
            "raw-"
        ), "a RAW is shown through its marked preview, a JPEG as itself"
        for i in range(answers):
            page.keyboard.press(KEYS[i % len(KEYS)])
            page.wait_for_function(
                f"() => window.imageRankerAnswerTimes.length > {i}", timeout=30_000
            )
        return first_pair_ms, page.evaluate("Array.from(window.imageRankerAnswerTimes)")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="build.py bench raw", description=__doc__)
    parser.add_argument("--images", type=int, default=200)
    parser.add_argument("--answers", type=int, default=100)
    args = parser.parse_args(argv)
    rows = []
    for label, source in (
        ("JPEG", photos(args.images)),
        ("RAW (DNG, embedded JPEG preview)", raw_photos(args.images)),
    ):
        first, times = measure(source, args.answers)
        rows.append((label, first, times))
    print(f"{args.images} photos of {SIZE[0]}x{SIZE[1]}, headless Chromium\n")
    print("| folder | choose folder -> first pair | answer -> next pair, median / p95 |")
    print("|---|---|---|")
    for label, first, times in rows:
        print(
            f"| {label} | {first:.0f} ms | "
            f"{statistics.median(times):.0f} / {percentile(times, 0.95):.0f} ms "
            f"({len(times)} answers) |"
        )
    return 0
