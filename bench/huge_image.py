"""Memory with a huge image in the folder:
`python build.py bench huge_image [--runs 2] [--side 20000] [--copies 1]`.

The issue's case: a PNG of 20,000 x 20,000 pixels (RGB, about a MB, 1.6 GB once decoded)
beside 1600x1200 photos, four images in all; `--side 10950 --copies 2` puts two images just
under the limit (120 MP) in their place. The page opens the folder in best of 4 (all four on screen at
once), then the ranking view (thumbnails of all four), then the large view of the huge image.
Read from /proc for each Chromium process CDP lists: the renderer's peak resident size
(VmHWM, which catches a decode however brief) and its size at the end, and the peak of the
whole browser (every process's VmHWM summed: an upper bound). Each run is a fresh browser.

The page before this change can be measured with the same file: extract that commit's tree
elsewhere and run `PYTHONPATH=py:. python <this file>` from there (only build.build,
build.serving and the Chromium settings of build.py are used).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import struct
import tempfile
import zlib
from pathlib import Path

from playwright.sync_api import sync_playwright

import build
from bench.page import CACHE, photos, ready_page

SIZE = 20_000


def huge_png(size: int = SIZE) -> Path:
    """An RGB PNG of size x size black pixels, written a row at a time (never held whole)."""
    path = CACHE / f"huge-{size}.png"
    if path.exists():
        return path
    CACHE.mkdir(parents=True, exist_ok=True)

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    packer = zlib.compressobj(9)
    row = b"\0" * (1 + 3 * size)  # filter byte, then RGB
    data = b"".join(packer.compress(row) for _ in range(size)) + packer.flush()
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data)
    path.write_bytes(png + chunk(b"IEND", b""))
    return path


def status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def memory_mb(browser) -> dict[str, float]:
    processes = browser.new_browser_cdp_session().send("SystemInfo.getProcessInfo")
    renderers = [p["id"] for p in processes["processInfo"] if p["type"] == "renderer"]
    every = [p["id"] for p in processes["processInfo"]]
    return {
        "renderer peak": max(status_kb(pid, "VmHWM") for pid in renderers) / 1024,
        "renderer at the end": max(status_kb(pid, "VmRSS") for pid in renderers) / 1024,
        "all processes, sum of peaks": sum(status_kb(pid, "VmHWM") for pid in every) / 1024,
    }


def one_run(url: str, names: list[str]) -> tuple[dict[str, float], str]:
    """Memory figures, and what the page showed where the huge image would be."""
    with sync_playwright() as playwright:
        browser, page = ready_page(playwright, url, names)
        page.evaluate("localStorage.setItem('image-ranker.mode', 'best4')")
        page.get_by_role("button", name="Choose folder", exact=True).click()
        page.wait_for_function("() => window.imageRankerFirstPairAt !== undefined", timeout=180_000)
        page.wait_for_timeout(3000)
        shown = page.locator(".side:has(img[alt='huge-1.png'])").inner_text()
        page.keyboard.press("r")
        page.wait_for_timeout(3000)  # thumbnails
        page.locator(".ranking-row", has_text="huge-1.png").click()
        page.wait_for_timeout(3000)  # the large view
        figures = memory_mb(browser)
        browser.close()
    return figures, " ".join(shown.split())


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="build.py bench huge_image", description=__doc__)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--side", type=int, default=SIZE, help="pixels, of a square PNG")
    parser.add_argument("--copies", type=int, default=1, choices=range(1, 5))
    args = parser.parse_args(argv)
    source = photos(4 - args.copies) if args.copies < 4 else None
    with tempfile.TemporaryDirectory() as temp:
        site = Path(temp) / "site"
        build.build(site)
        (site / "bench-photos").mkdir()
        for path in source.iterdir() if source else []:
            shutil.copyfile(path, site / "bench-photos" / path.name)
        for copy in range(1, args.copies + 1):
            shutil.copyfile(huge_png(args.side), site / "bench-photos" / f"huge-{copy}.png")
        names = sorted(path.name for path in (site / "bench-photos").iterdir())
        runs, shown = [], ""
        with build.serving(site) as url:
            for _ in range(args.runs):
                figures, shown = one_run(url, names)
                runs.append(figures)
    size = huge_png(args.side).stat().st_size / 1e3
    print(f"{args.copies} PNG of {args.side:,} x {args.side:,} ({size:.0f} KB) and photos,")
    print(f"best of 4, ranking view, large view; median of {args.runs} fresh browsers:")
    for name in runs[0]:
        print(f"  {name:<28} {statistics.median(run[name] for run in runs):,.0f} MB")
    print(f"  where the huge image is shown: {shown!r}")
    return 0
