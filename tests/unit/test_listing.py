"""Which files of a folder are ranked."""

import pytest

from ranker.listing import HIDDEN, NOT_IMAGE, Listing, skip_reason


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("a.jpg", None),
        ("shots/day 1/IMG_0001.JPG", None),
        ("x.JpEg", None),
        ("v.webp", None),
        ("v.avif", None),
        ("old.jfif", None),
        ("old.JPE", None),
        ("IMG_0001.HEIC", None),
        ("burst.heif", None),
        ("scan.tif", None),
        ("scan.tiff", None),
        ("photo.jxl", None),
        ("v.bmp", None),
        ("v.svg", None),
        ("v.gif", None),
        ("=cmd.png", None),
        ("notes.txt", NOT_IMAGE),
        ("README", NOT_IMAGE),
        ("png", NOT_IMAGE),
        (".png", HIDDEN),
        (".DS_Store", HIDDEN),
        (".image-ranker/votes.csv", HIDDEN),
        ("a/.thumbs/b.png", HIDDEN),
    ],
)
def test_skip_reason(path: str, reason: str | None) -> None:
    assert skip_reason(path) == reason


def test_listing_summary() -> None:
    listing = Listing()
    for path in ["a.png", "b.PNG", "c.txt", ".hidden.png", "d.doc"]:
        listing.add(path)
    assert listing.images == ["a.png", "b.PNG"]
    assert (
        listing.summary()
        == "2 images; skipped 2 files that are not images and 1 hidden file or folder"
    )
    single = Listing()
    single.add("x.png")
    single.add("y.txt")
    assert single.summary() == "1 image; skipped 1 file that is not an image"
