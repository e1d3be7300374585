"""Phone and camera formats side by side: `python build.py bench formats [--images 200]`.

One folder per format, of the same photo-like pictures (bench/page.py's 1600x1200 photos) at
the same pixel size, each put into the Origin Private File System of headless Chromium and
chosen through the page's folder picker, one after another in one run. Per format:
- choose folder -> first pair on screen (the decoder's first load included: a new page each);
- answer -> next pair on screen, median and 95th percentile, answers given `PACE_MS` after each
  pair shows, as a fast person does (the page decodes the likely next pair meanwhile), then
  as many answers pressed as soon as each pair shows;
- the bytes of its decoder (dist/vendor/), raw and gzip: fetched only when a folder needs it.
And the bytes of the page's cold load (gzip), with the decoders among them (none should be).
A format is one entry of FORMATS: how Pillow writes it, and which vendored files decode it.
"""

from __future__ import annotations

import argparse
import io
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pillow_heif
import pillow_jxl  # noqa: F401 - registers the JPEG XL writer with Pillow
from PIL import Image
from playwright.sync_api import sync_playwright

import build
from bench.browser import FILL, PICKER, Run, median_p95
from bench.page import CACHE, photos
from bench.startup import READY_CLOCK, local_path, sizes
from tests.corpus.raw_files import dng_around, dng_of_sensor

pillow_heif.register_heif_opener()

PACE_MS = 300
ANSWERS = 40


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    write: Callable[[Image.Image], bytes]
    decoder: str  # its files under dist/vendor/ ("": the browser decodes it)
    folder: str = ""  # its folder's suffix, when two formats share an extension

    @property
    def key(self) -> str:
        return self.folder or self.extension[1:]


def _saved(fmt: str, **options) -> Callable[[Image.Image], bytes]:
    def write(picture: Image.Image) -> bytes:
        out = io.BytesIO()
        picture.save(out, fmt, **options)
        return out.getvalue()

    return write


def _dng(picture: Image.Image) -> bytes:
    """A camera RAW (DNG) whose embedded preview is the picture as a JPEG: the page shows that."""
    return dng_around(_saved("JPEG", quality=85)(picture))


FORMATS = (
    Format("JPEG", ".jpg", _saved("JPEG", quality=85), ""),
    # x265's fastest preset: the bench's own encoding time, not the page's decoding, is what
    # it saves (the decoder reads every preset's stream alike).
    Format(
        "HEIC", ".heic", _saved("HEIF", quality=80, enc_params={"preset": "ultrafast"}), "libheif/"
    ),
    Format("TIFF", ".tif", _saved("TIFF", compression="tiff_deflate"), "utif/"),
    Format("JPEG XL", ".jxl", _saved("JXL", quality=85, effort=3), "jxl/"),
    Format("RAW (DNG, embedded preview)", ".dng", _dng, ""),
    # Raw sensor data alone (a 16-bit Bayer mosaic, 3.8 MB a picture): LibRaw demosaics it.
    Format("RAW (DNG, no preview: LibRaw)", ".dng", dng_of_sensor, "libraw/", "dng-raw-data"),
)
TARGET = "answer -> next pair with HEIC within 2x of JPEG; cold load < 15 MB gzip"


def folder_of(source: Path, fmt: Format) -> Path:
    """The photos of `source` written as `fmt`, once (cached beside them)."""
    folder = CACHE / f"{source.name}.{fmt.key}"
    jpegs = sorted(source.glob("*.jpg"))
    if folder.exists() and len(list(folder.glob(f"*{fmt.extension}"))) == len(jpegs):
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for jpeg in jpegs:
        target = folder / f"{jpeg.stem}{fmt.extension}"
        if not target.exists():
            with Image.open(jpeg) as picture:
                target.write_bytes(fmt.write(picture.convert("RGB")))
    return folder


def decoder_bytes(dist: Path, fmt: Format) -> str:
    if not fmt.decoder:
        return "- (the browser's)"
    return sizes(sorted(p for p in (dist / build.VENDOR / fmt.decoder).rglob("*") if p.is_file()))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python build.py bench formats", description=__doc__)
    parser.add_argument("--images", type=int, default=200)
    parser.add_argument("--answers", type=int, default=ANSWERS)
    parser.add_argument("--formats", nargs="*", default=[f.name for f in FORMATS])
    args = parser.parse_args(argv)
    chosen = [f for f in FORMATS if f.name in args.formats]
    source = photos(args.images)
    folders = {fmt.name: folder_of(source, fmt) for fmt in chosen}
    dist = build.build()
    rows: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory() as temp:
        site = Path(temp) / "site"
        shutil.copytree(dist, site)
        for fmt in chosen:
            (site / f"bench-{fmt.key}").symlink_to(folders[fmt.name])
        with build.serving(site) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(build.CHROMIUM), args=build.CHROMIUM_ARGS
            )
            context = browser.new_context()
            context.add_init_script(READY_CLOCK)
            page = context.new_page()
            page.goto(url)
            page.wait_for_function("() => window.__readyAt !== undefined", timeout=180_000)
            cold = [local_path(dist, url, loaded) for loaded in page.evaluate("window.__loaded")]
            context.close()

            context = browser.new_context(viewport={"width": 1440, "height": 900})
            context.add_init_script(PICKER)
            page = context.new_page()
            run = Run(page, url)
            run.open()
            for fmt in chosen:
                names = sorted(p.name for p in folders[fmt.name].iterdir())
                base = f"bench-{fmt.key}/"
                page.evaluate(FILL, [fmt.name, [[n, n] for n in names], base, ""])
                first = run.choose(fmt.name)
                paced, _ = run.answer(args.answers, PACE_MS)
                at_once, _ = run.answer(args.answers)
                rows[fmt.name] = [
                    f"{first:.2f} s",
                    median_p95(paced),
                    median_p95(at_once),
                    decoder_bytes(dist, fmt),
                ]
            version = browser.version
            browser.close()

    vendor = [p for p in cold if build.VENDOR in p.relative_to(dist).parts[:1]]
    print(
        f"Formats: {args.images} images of 1600x1200 each, headless Chromium {version}, "
        f"{args.answers} answers {PACE_MS} ms after each pair shows\n"
    )
    header = [
        "format",
        "choose -> first pair",
        "answer -> next pair, paced (median / p95)",
        "answer -> next pair, at once",
        "decoder (fetched on first use)",
    ]
    table = [header, *([name, *row] for name, row in rows.items())]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        print("  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    print(f"\n  cold load: {sizes(cold)}; decoders in it: {len(vendor)} files")
    print(f"  target: {TARGET}")
    return 0
