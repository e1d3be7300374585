"""Photos in phone and camera formats that no one here wrote: the test fixtures of PyPI's
`filetype` 1.2.0 (MIT; "All files in this folder are Copyright 2016-2020 Tomás Aparicio and
are under the same license used by filetype.py"), from its sdist, as a user's folder holds
them: a HEIC of 1440 x 960 (HEVC in HEIF, as a phone writes), a TIFF of 9312 x 6560 (a
61-megapixel bilevel scan, CCITT-compressed, written by a scanner's software) and a JPEG of
640 x 480 from a Kyocera camera."""

from .packages import sdist_member

PACKAGE, VERSION = "filetype", "1.2.0"
SIZES = {"sample.heic": (1440, 960), "sample.tif": (9312, 6560), "sample.jpg": (640, 480)}


def real_photos() -> dict[str, bytes]:
    """File name -> bytes, for the names of `SIZES`."""
    return {name: sdist_member(PACKAGE, VERSION, f"tests/fixtures/{name}") for name in SIZES}
