"""How the page shows an image: raster types only, SVGs drawn first, huge images refused."""

import pytest

from ranker.display import (
    MAX_PIXELS,
    MAX_RAW_BYTES,
    SVG_SIDE_MAX,
    decode_side,
    decodes_alone,
    display_side,
    is_svg,
    raster_type,
    raw_refusal,
    refusal,
    svg_side,
    worker_decoder,
)
from ranker.image_size import ImageSize
from ranker.listing import IMAGE_EXTENSIONS


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("a.jpg", "image/jpeg"),
        ("a.jfif", "image/jpeg"),
        ("a.JPE", "image/jpeg"),
        ("b/C.JPEG", "image/jpeg"),
        ("x.png", "image/png"),
        ("x.GIF", "image/gif"),
        ("x.webp", "image/webp"),
        ("x.avif", "image/avif"),
        ("x.bmp", "image/bmp"),
        ("evil.svg.png", "image/png"),
        ("no-extension", "image/png"),
        ("x.html", "image/png"),
        ("x.svg", "image/png"),  # never asked for (an SVG is drawn first), and still raster
    ],
)
def test_every_url_gets_a_raster_type(path: str, expected: str) -> None:
    assert raster_type(path) == expected


def test_every_listed_extension_has_its_own_type_or_is_drawn_first() -> None:
    for extension in IMAGE_EXTENSIONS:
        path = f"image{extension.upper()}"
        assert is_svg(path) == (extension == ".svg")
        assert (
            is_svg(path)
            or worker_decoder(path)
            or extension == ".png"
            or raster_type(path) != "image/png"
        )
    assert is_svg("a/B.SVG") and not is_svg("b.svg.png")


def test_a_huge_image_is_refused_with_its_size() -> None:
    assert refusal(ImageSize(20_000, 20_000)) == (
        "20,000 × 20,000 pixels: too large to show safely (limit 120 megapixels)"
    )
    assert refusal(ImageSize(11_648, 8_736)) is None  # a 102 MP medium format camera
    assert refusal(ImageSize(MAX_PIXELS, 1)) is None
    assert refusal(ImageSize(MAX_PIXELS + 1, 1)) is not None
    assert refusal(None) == "could not be decoded"


def test_a_raw_too_large_for_libraw_is_refused_before_it_is_read() -> None:
    assert raw_refusal(240_000_000) is None  # a 120 MP sensor's uncompressed 16-bit data
    assert raw_refusal(MAX_RAW_BYTES) is None
    assert raw_refusal(2_500_000_000) == (
        "camera RAW with no embedded preview, of 2,500 MB: too large to decode safely "
        "(limit 400 MB)"
    )


def test_an_svg_is_drawn_at_the_screen_size_within_bounds() -> None:
    assert svg_side(1920, 1080, 1) == 1920
    assert svg_side(1280, 800, 2) == 2560
    assert svg_side(7680, 4320, 2) == SVG_SIDE_MAX
    assert svg_side(0, 0, 0) == 1


def test_thumbnails_of_large_images_are_made_one_at_a_time() -> None:
    assert not decodes_alone(ImageSize(6000, 4000))  # 24 MP, a common camera
    assert decodes_alone(ImageSize(8256, 5504))  # 45 MP
    assert decodes_alone(ImageSize(11_648, 8_736))


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("IMG_0001.HEIC", "heif"),
        ("a/b.heif", "heif"),
        ("scan.tif", "tiff"),
        ("scan.TIFF", "tiff"),
        ("photo.jxl", "jxl"),
        ("photo.jpg", None),
        ("photo.avif", None),
        ("heic", None),
        ("a.heic.png", None),
    ],
)
def test_formats_browsers_may_not_decode_go_to_the_worker(path: str, expected: str | None) -> None:
    assert worker_decoder(path) == expected


def test_an_image_much_larger_than_the_screen_is_decoded_at_the_screen_size() -> None:
    side = display_side(1920, 1080, 1.5)
    assert side == 2880
    assert decode_side(ImageSize(8640, 5760), side) == side  # 50 MP
    assert decode_side(ImageSize(5760, 8640), side) == side
    assert decode_side(ImageSize(4032, 3024), side) is None  # a phone's: decoded as it is
    assert decode_side(ImageSize(2 * side, 10), side) is None
    assert decode_side(ImageSize(2 * side + 1, 10), side) == side
    assert display_side(0, 0, 0) == 1
    assert display_side(7680, 4320, 3) == 8192
