"""How the page shows a folder's image: never in a form that can run the file's script, and
never decoded when its header says it is too large for the tab's memory.

An object URL of a file has the file's type, and a person can open the URL of an image the page
shows in a tab of its own ("Open image in new tab"): an SVG (or a file the browser takes for a
document) then runs its script with the page's origin, which can reach the folder's handle.
So a raster image's URL gets a raster type chosen here from its name, and an SVG is drawn into
pixels (a PNG) before the page shows it anywhere.
"""

import math

from .image_size import ImageSize
from .raw_preview import RAW_EXTENSIONS

# 120 megapixels: above every camera in common use (the 102 MP of medium format, 11,648 x 8,736
# pixels, and panoramas of that order), while two such images decoded at 4 bytes a pixel
# (480 MB each) leave the tab under 1.5 GB. Above it, one image alone could take gigabytes.
MAX_PIXELS = 120_000_000

# The type an object URL of a raster image gets, from its extension. Browsers sniff raster
# formats whatever the type says, so a JPEG named .png still shows; a document never renders.
_RASTER_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".jfif": "image/jpeg",
    ".jpe": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".bmp": "image/bmp",
}
_RASTER_TYPES |= dict.fromkeys(RAW_EXTENSIONS, "image/jpeg")  # shown as its embedded preview
# Formats Chromium and Firefox do not decode (Safari may): decoded in the page's decode worker,
# by the browser's own decoder where it has one, else by the vendored decoder of that name
# (web/files/decode-worker.js): libheif for HEIF, UTIF for TIFF, libjxl for JPEG XL.
_WORKER_DECODERS = {
    ".heic": "heif",
    ".heif": "heif",
    ".tif": "tiff",
    ".tiff": "tiff",
    ".jxl": "jxl",
}
# A camera RAW with no embedded preview a browser decodes (ranker.raw_preview) is decoded from
# its raw data by LibRaw, in the decode worker: LibRaw reads its size from the RAW's header
# first, and one above MAX_PIXELS is refused, as any image is. LibRaw holds the whole file in
# its wasm heap (2 GB at most) beside the sensor's data (2 bytes a pixel) and the demosaiced
# picture (8), so a file larger than this is refused before it is read: a 120-megapixel
# sensor's uncompressed 16-bit data is 240 MB, and a linear (demosaiced) DNG of 60 megapixels
# 360 MB.
RAW_DECODER = "libraw"
MAX_RAW_BYTES = 400_000_000
RAW_UNDECODABLE = "camera RAW with no embedded preview, whose raw data LibRaw could not decode"
# The mark on a camera RAW, which is never shown as it is (its text, and what it says in full):
# the camera's own JPEG rendering, or LibRaw's rendering of the raw data (its defaults, with the
# camera's white balance), which a person comparing should know differs from the camera's look.
PREVIEW_MARK = ("preview", "Camera RAW, shown through its embedded JPEG preview")
RAW_DATA_MARK = ("raw", "Camera RAW with no embedded preview, decoded from its raw data by LibRaw")
# An image whose long side is over this many times the screen's is decoded at the screen's
# size, in the worker, instead of at full size in the page: a 50-megapixel photo takes 200 MB
# decoded, and an <img> keeps that for as long as it is cached.
SHRINK_ABOVE = 2
DISPLAY_SIDE_MAX = 8192  # px: the largest long side an image is decoded at for the screen
# A thumbnail is made from the whole decoded image (a browser decodes a PNG at full size,
# however small it is drawn): a screen of rows of 100 MP photos would decode gigabytes at once.
# Above this, one at a time.
DECODE_ALONE_PIXELS = 24_000_000
SVG_SIDE_MAX = 4096  # px: an SVG is drawn to fit the screen, and never larger than this
UNDECODABLE = "could not be decoded"


def is_svg(path: str) -> bool:
    """An SVG is drawn into pixels first: it is never given a URL of its own type."""
    return path.lower().endswith(".svg")


def raster_type(path: str) -> str:
    """The type of the object URL of a raster image (a raster type whatever the name)."""
    dot = path.rfind(".")
    return _RASTER_TYPES.get(path[dot:].lower(), "image/png") if dot >= 0 else "image/png"


def worker_decoder(path: str) -> str | None:
    """The decoder the worker uses for a format browsers may not decode (None: an <img>)."""
    dot = path.rfind(".")
    return _WORKER_DECODERS.get(path[dot:].lower()) if dot >= 0 else None


def display_side(screen_width: float, screen_height: float, pixel_ratio: float) -> int:
    """The long side, in device pixels, of the largest an image can be shown: the screen's."""
    side = math.ceil(max(screen_width, screen_height, 1) * max(pixel_ratio, 1))
    return min(side, DISPLAY_SIDE_MAX)


def decode_side(size: ImageSize, side: int) -> int | None:
    """The long side to decode an image at for a screen of long side `side`, or None to decode
    it at its own size (an image not much larger than the screen, which 100% zoom shows pixel
    for pixel). The same rule holds for the formats the worker decodes."""
    return side if max(size.width, size.height) > SHRINK_ABOVE * side else None


def refusal(size: ImageSize | None) -> str | None:
    """Why the image is not decoded, or None to decode it. Only an image whose header was
    read is decoded: one the reader could not make sense of would not decode either, and
    decoding it to find out would be the risk this avoids."""
    if size is None:
        return UNDECODABLE
    if size.pixels > MAX_PIXELS:
        return (
            f"{size.width:,} × {size.height:,} pixels: too large to show safely "
            f"(limit {MAX_PIXELS // 1_000_000} megapixels)"
        )
    return None


def raw_refusal(file_size: int) -> str | None:
    """Why a RAW without a preview is not given to LibRaw, or None to give it."""
    if file_size > MAX_RAW_BYTES:
        return (
            f"camera RAW with no embedded preview, of {file_size / 1e6:,.0f} MB: too large to "
            f"decode safely (limit {MAX_RAW_BYTES // 1_000_000} MB)"
        )
    return None


def decodes_alone(size: ImageSize) -> bool:
    """True for an image whose thumbnail waits until no other large one is being made."""
    return size.pixels > DECODE_ALONE_PIXELS


def svg_side(screen_width: float, screen_height: float, pixel_ratio: float) -> int:
    """The long side, in pixels, an SVG is drawn at: the screen's, so it is sharp however
    large the page shows it."""
    return min(display_side(screen_width, screen_height, pixel_ratio), SVG_SIDE_MAX)
