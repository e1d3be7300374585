"""Metadata crafted to freeze the page or fill its memory: each is read in one pass over its
bytes, gives the prompt a sound file would (or none) and says what was wrong with it.

The crafted inputs are the ones of issue 33, at its sizes; `python build.py bench
hostile_metadata` times them against the code before."""

import re
import struct

from hypothesis import given, settings
from hypothesis import strategies as st

from ranker.metadata import IFD_ENTRIES, _xmp_texts
from tests.unit.test_metadata import XMP, assert_read, jpeg_app1

XMP_HEADER = b"http://ns.adobe.com/xap/1.0/\0"
DESCRIPTION = 0x010E
EXIF_IFD = 0x8769
USER_COMMENT = 0x9286


def jpeg(*segments: bytes) -> bytes:
    return b"\xff\xd8" + b"".join(jpeg_app1(segment) for segment in segments) + b"\xff\xd9"


def tiff(*ifds: list[tuple[int, int, int, int]], tail: bytes = b"") -> bytes:
    """A little-endian TIFF block: IFDs one after the other from byte 8 (each entry a tag, a
    type, a count and the value or its offset, as written), then `tail`."""
    out = b"II*\0" + struct.pack("<I", 8)
    for entries in ifds:
        out += struct.pack("<H", len(entries))
        out += b"".join(struct.pack("<HHII", *entry) for entry in entries)
        out += b"\0\0\0\0"
    return out + tail


def exif(block: bytes) -> bytes:
    return b"Exif\0\0" + block


def test_xmp_crafted_to_backtrack_is_read_at_once() -> None:
    """A JPEG segment full of `<dc:description><rdf:li>` without an end tag (64 KB): the
    regular expression this replaced would have run for hours on it."""
    crafted = b"<dc:description><rdf:li>" * ((0xFFFF - 2 - len(XMP_HEADER)) // 24)
    found = assert_read(jpeg(XMP_HEADER + crafted))
    assert found.text is None and found.notes == []
    found = assert_read(jpeg(XMP_HEADER + crafted, XMP))
    assert (found.text, found.source) == ("a fox in xmp", "xmp")


XMP_PARTS = st.sampled_from(
    [b"<dc:description>", b"<rdf:li", b" xml:lang='x-default'", b">", b"</rdf:li>", b"fox", b"<"]
)


@settings(derandomize=True, max_examples=500, deadline=None)
@given(st.lists(XMP_PARTS, max_size=12))
def test_xmp_scan_finds_what_the_regular_expression_found(parts: list[bytes]) -> None:
    xmp = b"".join(parts)
    match = re.search(rb"<dc:description>.*?<rdf:li[^>]*>(.*?)</rdf:li>", xmp, re.S)
    assert _xmp_texts(xmp) == ([("xmp", match.group(1).decode().strip())] if match else [])


def test_an_ifd_of_exif_pointers_back_at_itself_is_read_once() -> None:
    """The block of the issue: IFD0 filled with Exif pointers to IFD0 (65 KB, 22 s before).
    Its description, among them, is still read."""
    text = b"a lake at dawn\0"
    count = (64 * 1024 - 8 - 6 - len(text)) // 12
    pointers = [(EXIF_IFD, 4, 1, 8)] * (count - 1)
    offset = 8 + 2 + 12 * count + 4
    block = tiff([(DESCRIPTION, 2, len(text), offset), *pointers], tail=text)
    assert len(block) <= 64 * 1024
    found = assert_read(jpeg(exif(block)))
    assert (found.text, found.source) == ("a lake at dawn", "exif-imagedescription")
    assert (
        f"IFD0 claims {count:,} entries, more than {IFD_ENTRIES:,}: the first read" in found.notes
    )
    assert "the Exif IFD pointer points back at IFD0 (not followed)" in found.notes


def test_two_ifds_pointing_at_each_other_are_each_read_once() -> None:
    """IFD0 points at the Exif IFD, which points back at IFD0: the comment is read and the
    loop is never walked."""
    comment = b"ASCII\0\0\0a heron in the reeds"
    exif_ifd = 8 + 2 + 12 + 4
    comment_at = exif_ifd + 2 + 24 + 4
    block = tiff(
        [(EXIF_IFD, 4, 1, exif_ifd)],
        [(USER_COMMENT, 7, len(comment), comment_at), (EXIF_IFD, 4, 1, 8)],
        tail=comment,
    )
    found = assert_read(jpeg(exif(block)))
    assert (found.text, found.source) == ("a heron in the reeds", "exif-usercomment")


def test_an_ifd_cut_by_the_block_end_keeps_the_entries_before_it() -> None:
    text = b"cut short\0"
    block = tiff([(DESCRIPTION, 2, len(text), 8 + 2 + 12 + 4)], tail=text)
    block = block[:8] + struct.pack("<H", 40) + block[10:]  # claims 40 entries
    found = assert_read(jpeg(exif(block)))
    assert found.text == "cut short"
    assert "IFD0 claims 40 entries, the block holds 2: those were read" in found.notes


def test_an_ifd_past_the_block_end_is_a_note_and_the_xmp_is_read() -> None:
    block = b"II*\0" + struct.pack("<I", 70_000)
    found = assert_read(jpeg(exif(block), XMP))
    assert found.text == "a fox in xmp"
    assert found.notes == [
        "an EXIF block could not be read (IFD0 starts at byte 70,000, past the block's end)"
    ]


def test_a_value_offset_past_the_block_end_is_a_note() -> None:
    found = assert_read(jpeg(exif(tiff([(EXIF_IFD, 4, 1, 0xFFFFFFF0)]))))
    assert found.text is None
    assert found.notes == [
        "an EXIF block could not be read "
        "(the Exif IFD starts at byte 4,294,967,280, past the block's end)"
    ]
    found = assert_read(jpeg(exif(tiff([(DESCRIPTION, 2, 20, 0xFFFFFFF0)])), XMP))
    assert found.text == "a fox in xmp"
    assert found.notes == [
        "an EXIF block could not be read "
        "(a value of 20 bytes at byte 4,294,967,280 runs past the block's end)"
    ]
