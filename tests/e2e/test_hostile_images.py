"""Images of a hostile folder: an SVG's script never runs with the page's origin, however the
page shows it or a person opens what it shows, and a huge image is refused before decoding."""

from __future__ import annotations

import io

from PIL import Image
from playwright.sync_api import BrowserContext, Page, expect

from .folders import image_bytes

# Every way an SVG document can run script or reach out. Each leaves a mark the test looks for:
# a localStorage key, a request to the site's server, a console message, a file in OPFS.
MARK = """
localStorage.setItem('svg-ran', location.href);
fetch('/svg-ran?' + encodeURIComponent(location.href)).catch(() => {});
console.log('SVG-RAN ' + location.href);
navigator.storage.getDirectory()
  .then((root) => root.getFileHandle('WRITTEN-BY-SVG.txt', { create: true }));
"""
EVIL_SVG = f"""<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     width="640" height="480" viewBox="0 0 640 480" onload="{MARK.strip().replace(chr(10), " ")}">
  <rect width="640" height="480" fill="#3a7"/>
  <circle cx="320" cy="240" r="160" fill="#fc3"/>
  <script>{MARK}</script>
  <script href="/svg-ran-external-script.js"/>
  <image href="/svg-ran-image.png" width="10" height="10"/>
  <foreignObject width="640" height="480">
    <html xmlns="http://www.w3.org/1999/xhtml">
      <body>
        <script>{MARK}</script>
        <img src="/svg-ran-foreign-img.png" onerror="{MARK.strip().replace(chr(10), " ")}"/>
        <iframe src="/svg-ran-iframe.html"></iframe>
      </body>
    </html>
  </foreignObject>
  <set attributeName="onmouseover" to="console.log('SVG-RAN set')"/>
</svg>
""".encode()

FILES = {
    "evil.svg": EVIL_SVG,
    "evil-svg.png": EVIL_SVG,  # an SVG under a raster name
    "a.png": image_bytes(1),
    "b.jpg": image_bytes(2, fmt="JPEG"),
}
RASTER_TYPES = {"image/png", "image/webp", "image/jpeg", "image/gif", "image/avif", "image/bmp"}


def _marks(app_page: Page, requests: list[str], console: list[str]):
    """Every trace an SVG script could have left."""
    opfs = app_page.evaluate(
        """async () => {
          const root = await navigator.storage.getDirectory();
          return root.getFileHandle('WRITTEN-BY-SVG.txt').then(() => true, () => false);
        }"""
    )
    return {
        "localStorage": app_page.evaluate("localStorage.getItem('svg-ran')"),
        "requests": [url for url in requests if "svg-ran" in url],
        "console": [text for text in console if "SVG-RAN" in text],
        "opfs": opfs,
    }


def test_no_script_of_an_svg_runs_however_it_is_opened(
    ranking, page: Page, context: BrowserContext, shot
):
    requests: list[str] = []
    console: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.on("console", lambda message: console.append(message.text))
    ranking.open(FILES)
    page.evaluate("localStorage.setItem('image-ranker.mode', 'best4')")
    ranking.choose_folder()
    page.wait_for_function("() => document.getElementById('img-fourth').alt !== ''")

    # Compare: all four at once. The SVG is shown, as a raster; the SVG named .png is not.
    svg_side = page.locator(".side", has=page.locator("img[alt='evil.svg']"))
    expect(svg_side.locator("img")).to_be_visible()
    expect(svg_side.locator(".meta")).to_contain_text("640 × 480 px")
    page.wait_for_function(
        """() => { const img = document.querySelector("img[alt='evil.svg']");
                   return img.complete && img.naturalWidth > 0; }"""
    )
    disguised = page.locator(".side", has=page.locator("img[alt='evil-svg.png']"))
    expect(disguised.locator(".broken")).to_contain_text("could not be decoded")
    shot("svg-compare")
    urls = {
        page.get_attribute(f"#img-{side}", "src") for side in ("left", "right", "third", "fourth")
    }

    # The ranking's thumbnails, and the large view a row opens.
    page.keyboard.press("r")
    ranking.wait_view("ranking")
    rows = page.locator(".ranking-row")
    expect(rows).to_have_count(4)
    page.wait_for_function(
        """() => [...document.querySelectorAll('.ranking-row')].filter((row) =>
                   row.querySelector('.thumb').src).length >= 3"""
    )
    thumbs = page.locator(".ranking-row .thumb").evaluate_all("(els) => els.map((e) => e.src)")
    page.wait_for_function(
        """() => { const row = [...document.querySelectorAll('.ranking-row')]
                     .find((r) => r.dataset.path === 'evil.svg');
                   const img = row.querySelector('.thumb');
                   return img.src && img.complete && img.naturalWidth > 0; }"""
    )
    page.locator(".ranking-row", has_text="evil.svg").click()
    expect(page.get_by_role("dialog", name="Image")).to_be_visible()
    page.wait_for_function(
        """() => { const img = document.getElementById('viewer-img');
                   return img.src && img.complete && img.naturalWidth > 0; }"""
    )
    viewer = page.get_attribute("#viewer-img", "src")
    shot("svg-viewer")
    urls |= {*thumbs, viewer}
    urls.discard(None)
    urls.discard("")
    assert viewer and len(urls) >= 7, urls

    # Each opened as "Open image in new tab" opens it: a raster image, and nothing ran.
    for url in sorted(urls):
        other = context.new_page()
        other.goto(url)
        other.wait_for_timeout(300)
        shown = other.evaluate(
            "() => [document.contentType, document.images.length && document.images[0].naturalWidth]"
        )
        assert shown[0] in RASTER_TYPES and shown[1] > 0, (url, shown)
        other.close()
    page.keyboard.press("Escape")
    assert _marks(page, requests, console) == {
        "localStorage": None,
        "requests": [],
        "console": [],
        "opfs": False,
    }

    # The page still works: an answer is taken and saved (can't say: the SVG named .png
    # cannot be shown, so nothing else can be said about these four).
    page.keyboard.press("r")
    ranking.wait_view("compare")
    ranking.press(" ")
    ranking.saved()


def huge_png() -> bytes:
    """20,000 x 20,000 pixels in 48 KB: 1.6 GB once decoded."""
    out = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(out, "PNG")
    return out.getvalue()


def test_a_huge_image_is_refused_before_it_is_decoded(ranking, page: Page, shot):
    files = {"huge.png": huge_png(), **{f"{i}.png": image_bytes(i) for i in range(3)}}
    ranking.open(files)
    page.evaluate("localStorage.setItem('image-ranker.mode', 'best4')")
    ranking.choose_folder()
    page.wait_for_function("() => document.getElementById('img-fourth').alt !== ''")
    placeholder = page.locator(".side", has=page.locator("img[alt='huge.png']")).locator(".broken")
    expect(placeholder).to_contain_text(
        "huge.png 20,000 × 20,000 pixels: too large to show safely (limit 120 megapixels)"
    )
    expect(page.locator("#pair img:visible")).to_have_count(3)
    shot("huge")

    page.keyboard.press("r")
    ranking.wait_view("ranking")
    page.wait_for_function(
        """() => [...document.querySelectorAll('.ranking-row .thumb')]
                   .filter((img) => img.src).length === 3"""
    )
    page.wait_for_timeout(500)  # its thumbnail was not made late either
    huge_row = page.locator(".ranking-row[data-path='huge.png']")
    assert huge_row.locator(".thumb").get_attribute("src") is None
    huge_row.click()
    expect(page.locator("#viewer-name")).to_have_text(
        "huge.png 20,000 × 20,000 pixels: too large to show safely (limit 120 megapixels)"
    )
    expect(page.locator("#viewer-img")).to_be_hidden()
    shot("huge-viewer")
    page.keyboard.press("Escape")

    page.keyboard.press("r")
    ranking.wait_view("compare")
    placeholder.get_by_role("button", name="Skip this image").click()
    expect(page.locator("#banner-text")).to_contain_text(
        "“huge.png” is removed from the ranking (the file is untouched)."
    )
