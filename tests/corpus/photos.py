"""Photos in the formats phones and cameras write, made by the libraries that write them
(Pillow for JPEG and TIFF, libheif through pillow-heif for HEIC and HEIF, libjxl through
pillow-jxl-plugin for JPEG XL): a portrait picture, red above and blue below, with a green
band down the left of the red, so that a test can read back from the page which way up (and
not mirrored), and in which colours, each one is shown."""

import io

import pillow_heif
import pillow_jxl  # noqa: F401 - registers the JPEG XL writer with Pillow
from PIL import Image

pillow_heif.register_heif_opener()

WIDTH, HEIGHT = 120, 180  # portrait, as shown
RED = (220, 40, 40)
BLUE = (40, 60, 220)
GREEN = (40, 200, 60)
ORIENTATION = 0x0112  # the EXIF and TIFF tag


def upright(size: tuple[int, int] = (WIDTH, HEIGHT)) -> Image.Image:
    """Red above, blue below, the left quarter of the red green."""
    picture = Image.new("RGB", size, BLUE)
    picture.paste(RED, (0, 0, size[0], size[1] // 2))
    picture.paste(GREEN, (0, 0, size[0] // 4, size[1] // 2))
    return picture


def stored_turned(size: tuple[int, int] = (WIDTH, HEIGHT)) -> Image.Image:
    """The same picture as a camera held upright stores it: landscape, to be turned a quarter
    clockwise (Orientation 6): its left half, red, becomes the top."""
    return upright(size).transpose(Image.Transpose.ROTATE_90)


def encoded(picture: Image.Image, fmt: str, **options) -> bytes:
    out = io.BytesIO()
    picture.save(out, fmt, **options)
    return out.getvalue()


def turned_jpeg(size: tuple[int, int] = (WIDTH, HEIGHT)) -> bytes:
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    return encoded(stored_turned(size), "JPEG", quality=95, exif=exif.tobytes())


def turned_tiff(size: tuple[int, int] = (WIDTH, HEIGHT)) -> bytes:
    return encoded(stored_turned(size), "TIFF", tiffinfo={ORIENTATION: 6})


def heic(size: tuple[int, int] = (WIDTH, HEIGHT)) -> bytes:
    return encoded(upright(size), "HEIF", quality=90)


def turned_heic(orientation: int) -> bytes:
    """A HEIC whose picture is stored turned (6: a quarter clockwise, as `irot`) or transposed
    (5: as `irot` and `imir`): pillow-heif writes the EXIF Orientation it is given as those."""
    stored = {6: stored_turned(), 5: upright().transpose(Image.Transpose.TRANSPOSE)}[orientation]
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    return encoded(stored, "HEIF", quality=90, exif=exif.tobytes())


def format_folder() -> dict[str, bytes]:
    """One photo of each format the page lists beyond the web's own, and a turned JPEG."""
    jpeg = encoded(upright(), "JPEG", quality=95)
    return {
        "photo.jfif": jpeg,
        "photo.jpe": jpeg,
        "turned.jpg": turned_jpeg(),
        "phone.heic": heic(),
        "phone.heif": heic(),
        "turned.heic": turned_heic(6),
        "transposed.heic": turned_heic(5),
        "scan.tif": encoded(upright(), "TIFF"),
        "turned.tiff": turned_tiff(),
        "photo.jxl": encoded(upright(), "JXL", quality=95),
    }


def broken_folder() -> dict[str, bytes]:
    """Files whose header gives a size (so the page tries them) and whose pictures are garbage:
    each decoder must fail cleanly."""
    heic_bytes = heic()
    tiff_bytes = encoded(upright(), "TIFF")
    jxl_bytes = encoded(upright(), "JXL", quality=95)
    return {
        "good.jpg": encoded(upright(), "JPEG"),
        "good.png": encoded(upright(), "PNG"),
        "cut.heic": heic_bytes[: len(heic_bytes) // 2],  # its coded picture is missing
        "cut.tif": tiff_bytes[:400],  # its tags whole, its strips missing
        "garbled.jxl": jxl_bytes[:16] + b"\x55" * 400,
    }
