"""Camera RAW files in a folder: each shown upright through its embedded JPEG preview, marked
"preview", in the compare view and the ranking; one without a usable preview decoded from its
raw data by LibRaw (in the decode worker), upright, marked "raw"; one LibRaw cannot decode, or
whose picture is too large to decode safely, gets the placeholder saying so. The same folders
in Firefox ESR and WebKitGTK (engines.py)."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Page, expect

import build
from ranker.display import RAW_DATA_MARK, RAW_UNDECODABLE
from tests.corpus import raw_files

from .engines import Engine
from .folders import fill

# Four makes, three of them turned: the camera held on its side (6, 8) or upside down (3).
FOLDER = {
    "shoot/IMG_0001.CR2": raw_files.cr2(480, 320, 6),
    "shoot/DSC_0002.NEF": raw_files.nef(480, 320, 1),
    "shoot/L1000003.DNG": raw_files.dng(480, 320, 8),
    "shoot/DSCF0004.RAF": raw_files.raf(480, 320, 3),
}
UPRIGHT = {
    "shoot/IMG_0001.CR2": (320, 480),
    "shoot/DSC_0002.NEF": (480, 320),
    "shoot/L1000003.DNG": (320, 480),
    "shoot/DSCF0004.RAF": (480, 320),
}

# The image as drawn (upright as the page shows it): its size, and the colour near the top.
SHOWN = """(id) => {
  const image = document.getElementById(id);
  const canvas = document.createElement("canvas");
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  const [r, g, b] = context.getImageData(canvas.width / 2, canvas.height / 5, 1, 1).data;
  return { path: image.alt, width: image.naturalWidth, height: image.naturalHeight, r, g, b };
}"""
SIDES = ("left", "right", "third", "fourth")
# Each side's image as SHOWN, and whether its preview mark is on screen with its label.
ALL_SHOWN = f"""() => {json.dumps(SIDES)}.map((side) => {{
  const shown = ({SHOWN})(`img-${{side}}`);
  const mark = document.querySelector(`#side-${{side}} .preview-mark`);
  shown.mark = !mark.hidden && mark.getBoundingClientRect().width > 0
    && mark.getAttribute("aria-label").includes("embedded JPEG preview");
  return shown;
}})"""


def assert_upright(shown: dict, path: str) -> None:
    assert (shown["width"], shown["height"]) == UPRIGHT[path], shown
    assert shown["r"] > 200 and shown["b"] < 80, f"not upright: {shown}"


def test_raw_files_are_shown_upright_through_their_marked_previews(ranking, page: Page, shot):
    ranking.open(FOLDER)
    page.evaluate("localStorage.setItem('image-ranker.mode', 'best4')")
    ranking.choose_folder()
    page.wait_for_function("() => document.getElementById('img-fourth').alt !== ''")
    seen = {}
    for side in SIDES:
        figure = page.locator(f"#side-{side}")
        expect(figure.locator("img")).to_be_visible()
        mark = figure.locator(".preview-mark")
        expect(mark).to_be_visible()
        expect(mark).to_have_text("preview")
        assert "embedded JPEG preview" in mark.get_attribute("aria-label")
        shown = page.evaluate(SHOWN, f"img-{side}")
        seen[shown["path"]] = shown
        assert_upright(shown, shown["path"])
        width, height = UPRIGHT[shown["path"]]
        expect(figure.locator(".meta")).to_contain_text(f"{width} × {height} px")
    assert set(seen) == set(FOLDER)
    shot("raw-compare")

    page.keyboard.press("r")
    ranking.wait_view("ranking")
    rows = page.locator(".ranking-row")
    expect(rows).to_have_count(4)
    for n in range(4):
        expect(rows.nth(n).locator(".preview-mark")).to_have_text("preview")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.ranking-row .thumb')]"
        ".every((t) => t.complete && t.naturalWidth > 0)"
    )
    thumbs = page.evaluate(
        """() => [...document.querySelectorAll('.ranking-row')].map((row) => {
          const t = row.querySelector('.thumb');
          return [row.dataset.path, t.naturalWidth, t.naturalHeight];
        })"""
    )
    for path, width, height in thumbs:
        portrait = UPRIGHT[path][1] > UPRIGHT[path][0]
        assert (height > width) == portrait, (path, width, height)


def test_a_raw_without_a_usable_preview_that_libraw_cannot_read_gets_the_placeholder(
    ranking, page: Page
):
    lossless_only = raw_files.Tiff()  # no make, no CFA: LibRaw does not take it for a RAW
    strip = lossless_only.blob(raw_files.LOSSLESS)
    ifd0 = lossless_only.ifd(
        [(0x0103, 3, [7]), (0x0111, 4, [strip]), (0x0117, 4, [len(raw_files.LOSSLESS)])]
    )
    ranking.open({"a.dng": lossless_only.finish(ifd0), "b.arw": raw_files.arw()})
    ranking.choose_folder()
    broken = page.locator(".side .broken:not([hidden])")
    expect(broken).to_have_count(1)
    expect(broken.locator(".broken-path")).to_have_text("a.dng")
    expect(broken.locator(".broken-error")).to_have_text(RAW_UNDECODABLE)
    expect(page.locator(".preview-mark:visible")).to_have_count(1)  # on b.arw, shown
    expect(page.locator(".preview-mark:visible")).to_have_text("preview")


# A RAW of raw data alone, 96 x 64 upright (stored turned: orientation 6), its left half red.
RAW_ONLY = "phone/PXL_0005.DNG"
# The image as drawn: its size, and the colours at a fifth and four fifths across, mid-height.
HALVES = """(image) => {
  const canvas = document.createElement("canvas");
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  const at = (x) => [...context.getImageData(x, canvas.height / 2, 1, 1).data.slice(0, 3)];
  return {
    width: image.naturalWidth,
    height: image.naturalHeight,
    left: at(canvas.width / 5),
    right: at((canvas.width * 4) / 5),
  };
}"""


def assert_red_then_blue(shown: dict, size: tuple[int, int] | None = (96, 64)) -> None:
    """Left half red, right half blue, as LibRaw renders the sensor's data (rawpy: exactly
    255, 0, 0 and 0, 0, 255); a thumbnail only landscape."""
    if size is None:
        assert shown["width"] > shown["height"], shown
    else:
        assert (shown["width"], shown["height"]) == size, shown
    (r, g, b), (r2, g2, b2) = shown["left"], shown["right"]
    assert r > 200 and g < 60 and b < 60, shown
    assert b2 > 200 and r2 < 60 and g2 < 60, shown


def test_a_raw_without_a_preview_is_decoded_from_its_raw_data_by_libraw(ranking, page: Page):
    ranking.open({RAW_ONLY: raw_files.dng_raw_only(96, 64, 6), "b.arw": raw_files.arw()})
    ranking.choose_folder()
    figure = page.locator("figure.side", has=page.locator(f"img[alt='{RAW_ONLY}']"))
    image = figure.locator("img")
    expect(image).to_be_visible()
    page.wait_for_function(
        f"() => document.querySelector(\"img[alt='{RAW_ONLY}']\").naturalWidth > 0"
    )
    assert_red_then_blue(image.evaluate(HALVES))
    mark = figure.locator(".preview-mark")
    expect(mark).to_be_visible()
    expect(mark).to_have_text("raw")
    expect(mark).to_have_attribute("aria-label", RAW_DATA_MARK[1])
    expect(figure.locator(".meta")).to_contain_text("96 × 64 px")

    page.keyboard.press("r")
    ranking.wait_view("ranking")
    row = page.locator(f".ranking-row[data-path='{RAW_ONLY}']")
    expect(row.locator(".preview-mark")).to_have_text("raw")
    expect(page.locator(".ranking-row[data-path='b.arw'] .preview-mark")).to_have_text("preview")
    thumb = row.locator(".thumb")
    page.wait_for_function(
        f"() => document.querySelector(\".ranking-row[data-path='{RAW_ONLY}'] .thumb\")"
        ".naturalWidth > 0"
    )
    assert_red_then_blue(thumb.evaluate(HALVES), size=None)


def test_libraw_works_offline_after_one_visit_without_it(ranking, app, page: Page, context):
    """The first visit opens no RAW: the service worker caches LibRaw anyway, and offline the
    decode worker's nested worker starts from the cache (Chromium has no RAW decoder)."""
    ranking.open()
    app.wait_for_offline_cache()
    context.set_offline(True)
    assert app.reload() == "ready", app.error()
    fill(page, {RAW_ONLY: raw_files.dng_raw_only(96, 64, 6), "b.arw": raw_files.arw()})
    ranking.choose_folder()
    image = page.locator(f"img[alt='{RAW_ONLY}']")
    expect(image).to_be_visible()
    page.wait_for_function(
        f"() => document.querySelector(\"img[alt='{RAW_ONLY}']\").naturalWidth > 0"
    )
    assert_red_then_blue(image.evaluate(HALVES))


def test_a_raw_libraw_cannot_decode_or_too_large_for_it_gets_the_placeholder(ranking, page):
    raw_only = raw_files.dng_raw_only(96, 64)
    past_the_end = raw_files.with_long(raw_only, 0x0111, 10_000_000)  # its data: not in it
    huge = raw_files.with_long(raw_files.with_long(raw_only, 0x0100, 20_000), 0x0101, 20_000)
    ranking.open({"a.dng": past_the_end, "b.dng": huge})
    ranking.choose_folder()
    broken = page.locator(".side .broken:not([hidden])")
    expect(broken).to_have_count(2)
    errors = {
        broken.nth(n).locator(".broken-path").inner_text(): broken.nth(n)
        .locator(".broken-error")
        .inner_text()
        for n in range(2)
    }
    assert errors == {
        "a.dng": RAW_UNDECODABLE,
        "b.dng": "20,000 × 20,000 pixels: too large to show safely (limit 120 megapixels)",
    }
    expect(page.locator(".preview-mark:visible")).to_have_count(0)


def in_engine(engine: Engine, site: Path, tmp_path: Path) -> None:
    """The folder chosen through the upload field (engines.py), best of 4: all four upright
    and marked."""
    folder = tmp_path / "shoot"
    for path, data in FOLDER.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(data)
    with build.serving(site) as site_url:
        assert engine.open(site_url) == "ready", engine.text("#error-detail")
        engine.run("() => localStorage.setItem('image-ranker.mode', 'best4')")
        engine.choose_folder(folder)
        engine.wait("() => document.getElementById('img-fourth').alt !== ''")
        engine.wait("() => document.getElementById('img-fourth').complete")
        shown = engine.run(ALL_SHOWN)
        engine.screenshot(tmp_path / f"{engine.name} raw.png")
    names = {Path(path).name: path for path in FOLDER}
    assert isinstance(shown, list)
    assert {Path(each["path"]).name for each in shown} == set(names)  # WebKit's are flat
    for each in shown:
        assert each["mark"], each
        assert_upright(each, names[Path(each["path"]).name])
    assert engine.errors() == []


def raw_data_in_engine(engine: Engine, site: Path, tmp_path: Path) -> None:
    """The RAW of raw data alone beside one with a preview: LibRaw's nested module worker
    starts under the page's policy, and the picture is upright, red then blue, marked "raw"."""
    folder = tmp_path / "phone"
    folder.mkdir()
    (folder / Path(RAW_ONLY).name).write_bytes(raw_files.dng_raw_only(96, 64, 6))
    (folder / "b.arw").write_bytes(raw_files.arw())
    found = f"[...document.images].find((i) => i.alt.endsWith({json.dumps(Path(RAW_ONLY).name)}))"
    with build.serving(site) as site_url:
        assert engine.open(site_url) == "ready", engine.text("#error-detail")
        engine.choose_folder(folder)
        engine.wait(f"() => {found}?.complete && {found}.naturalWidth > 0", 60.0)
        shown = engine.run(f"() => ({HALVES})({found})")
        mark = engine.run(f"() => {found}.parentElement.querySelector('.preview-mark').textContent")
        engine.screenshot(tmp_path / f"{engine.name} raw data.png")
    assert isinstance(shown, dict)
    assert_red_then_blue(shown)
    assert mark == "raw"
    assert engine.errors() == []


def test_firefox(firefox, dist_dir: Path, tmp_path: Path):
    in_engine(firefox, dist_dir, tmp_path)
    raw_data_in_engine(firefox, dist_dir, tmp_path)


def test_webkit(webkit, dist_dir: Path, tmp_path: Path):
    in_engine(webkit, dist_dir, tmp_path)
    raw_data_in_engine(webkit, dist_dir, tmp_path)


def test_a_raw_whose_preview_is_too_large_is_refused_before_decoding(ranking, page: Page):
    data = bytearray(raw_files.nef(64, 48))
    frame = data.index(b"\xff\xc0")  # the preview's frame header: 20,000 x 20,000 pixels
    data[frame + 5 : frame + 9] = (20_000).to_bytes(2, "big") * 2
    ranking.open({"huge.nef": bytes(data), "b.arw": raw_files.arw()})
    ranking.choose_folder()
    broken = page.locator(".side .broken:not([hidden])")
    expect(broken.locator(".broken-path")).to_have_text("huge.nef")
    expect(broken.locator(".broken-error")).to_contain_text("20,000 × 20,000 pixels: too large")
