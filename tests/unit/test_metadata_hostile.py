"""Metadata crafted to freeze the page or fill its memory: each is read in one pass over its
bytes, gives the prompt a sound file would (or none) and says what was wrong with it.

The crafted inputs are the ones of issue 33, at its sizes; `python build.py bench
hostile_metadata` times them against the code before."""

import re
import struct
import zlib

from hypothesis import given, settings
from hypothesis import strategies as st

from ranker.metadata import (
    CAPTION_BYTES,
    IFD_ENTRIES,
    PROMPT_CHARS,
    _xmp_texts,
    read_caption,
    read_prompt,
)
from tests.unit.test_metadata import A1111, XMP, assert_read, jpeg_app1, png, png_chunk, with_exif

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


def zlib_bomb(size: int, prefix: bytes = b"") -> bytes:
    return zlib.compress(prefix + b"a" * (size - len(prefix)), 9)


def png_file(*chunks: bytes) -> bytes:
    return png()[:33] + b"".join(chunks) + png_chunk(b"IEND", b"")


PARAMETERS = png_chunk(b"tEXt", b"parameters\0" + A1111.encode())


def test_many_small_compressed_chunks_are_not_all_inflated() -> None:
    """The PNG of the issue: 63 zTXt chunks of about 4 KB, each expanding to 4 MB, held 250 MB
    for good. Chunks of keys no reader reads are skipped; of a key read, the first two fill the
    file's budget and the others fail at once, and the notes are capped."""
    bomb = zlib_bomb(4 * 1024 * 1024)
    assert len(bomb) < 4200
    unread = [png_chunk(b"zTXt", b"comment%d\0\0" % n + bomb) for n in range(63)]
    found = assert_read(png_file(*unread, PARAMETERS))
    assert (found.text, found.notes) == ("a red fox in the snow, golden hour", [])
    read = [png_chunk(b"zTXt", b"prompt\0\0" + bomb) for n in range(63)]
    found = assert_read(png_file(*read, PARAMETERS))
    assert found.text == "a red fox in the snow, golden hour"
    assert found.notes[:3] == [
        "the prompt zTXt chunk could not be read (it expands to more than 512 KB)",
        "the prompt zTXt chunk could not be read (it expands to more than 512 KB)",
        "the prompt zTXt chunk could not be read "
        "(the file's text chunks already expand to 1,024 KB)",
    ]
    assert found.notes[15:] == ["48 more notes of this file left out"]


def test_a_files_compressed_chunks_expand_to_one_megabyte_together() -> None:
    """Each chunk under its own cap, the third past what the first two left of the file's."""
    json_text = b'{"steps": 30, "note": "' + b"a" * (500 * 1024 - 25) + b'"}'
    invokeai = png_chunk(b"zTXt", b"invokeai_metadata\0\0" + zlib.compress(json_text))
    workflow = png_chunk(b"zTXt", b"workflow\0\0" + zlib.compress(json_text))
    parameters = (A1111 + ", Comment: " + "b" * 30 * 1024).encode()
    itxt = b"parameters\0\1\0\0\0" + zlib.compress(parameters)
    found = assert_read(png_file(invokeai, workflow, png_chunk(b"iTXt", itxt)))
    assert found.text is None
    assert found.notes == [
        "the parameters iTXt chunk could not be read (it expands to more than the 24 KB left "
        "of the 1,024 KB a file's text chunks may expand to)"
    ]
    found = assert_read(png_file(invokeai, png_chunk(b"iTXt", itxt), workflow))
    assert found.text == "a red fox in the snow, golden hour"


def test_a_compressed_text_cut_short_is_a_note_not_a_shorter_prompt() -> None:
    cut = zlib.compress(A1111.encode())[:-8]
    found = assert_read(png_file(png_chunk(b"zTXt", b"parameters\0\0" + cut)))
    assert found.text is None
    assert found.notes == [
        "the parameters zTXt chunk could not be read (its compressed text is cut short)"
    ]


def test_a_prompt_over_the_cap_is_a_note_and_the_next_source_is_read() -> None:
    long_prompt = "a fox " * (PROMPT_CHARS // 6 + 1)
    found = assert_read(png(parameters=long_prompt, Description="a short description"))
    assert (found.text, found.source) == ("a short description", "png-description")
    length = len(long_prompt.strip())
    assert found.notes == [
        f"the parameters text is {length:,} characters long, over 65,536: not a prompt"
    ]
    assert assert_read(png(parameters=long_prompt[: PROMPT_CHARS - 1])).text is not None


def test_an_xmp_prompt_over_the_cap_is_a_note() -> None:
    item = b"<dc:description><rdf:li>" + b"b" * (PROMPT_CHARS + 1) + b"</rdf:li>"
    found = assert_read(b"RIFF\0\0\0\0WEBP" + b"XMP " + struct.pack("<I", len(item)) + item)
    assert found.text is None
    assert found.notes == ["the xmp text is 65,537 characters long, over 65,536: not a prompt"]


def test_a_caption_file_over_the_cap_is_a_note_not_a_cut_prompt() -> None:
    """The page reads CAPTION_BYTES + 1 bytes of a caption file: one more than the cap is
    enough to tell the file is too large (a 30 MB `prompt.txt` took the page to 5 GB)."""
    at_cap = b"a castle " * (CAPTION_BYTES // 9) + b"x" * (CAPTION_BYTES % 9)
    assert len(at_cap) == CAPTION_BYTES
    assert read_caption(at_cap).text == " ".join(at_cap.decode().split())
    found = read_caption(at_cap + b"y")
    assert found.text is None
    assert found.notes == ["larger than 64 KB, so not read as a prompt (a caption is a line)"]


def test_thousands_of_empty_segments_are_a_note() -> None:
    found = assert_read(b"\xff\xd8" + b"\xff\xe1\0\2" * 65_000)
    assert found.notes == ["unreadable metadata (more than 4,096 segments before the pixels)"]
    found = assert_read(png_file(*[png_chunk(b"tEXt", b"")] * 5000, PARAMETERS))
    assert found.notes == ["more than 4,096 chunks before the pixels: the rest were skipped"]


def test_a_file_of_many_broken_blocks_reads_eight() -> None:
    broken = exif(b"XX*\0")
    found = assert_read(jpeg(*[broken] * 20_000, XMP))
    assert found.text is None
    assert found.notes == [
        *["an EXIF block could not be read (the TIFF byte order is b'XX', not II or MM)"] * 8,
        "the file has more than 8 EXIF and XMP blocks: the rest were skipped",
    ]


REAL_FILES = [
    png(parameters=A1111, z_prompt='{"6": {"class_type": "CLIPTextEncode"}}'),
    png_file(png_chunk(b"zTXt", b"parameters\0\0" + zlib.compress(A1111.encode()))),
    jpeg(
        exif(
            tiff([(EXIF_IFD, 4, 1, 26)], [(USER_COMMENT, 7, 16, 44)], tail=b"UNICODE\0a\0b\0c\0d\0")
        ),
        XMP,
    ),
    with_exif("WEBP", comment=b"UNICODE\0" + "a webp fox".encode("utf-16-le")),
]


def test_the_files_mutated_below_hold_prompts() -> None:
    assert [read_prompt(data).text for data in REAL_FILES] == [
        "a red fox in the snow, golden hour",
        "a red fox in the snow, golden hour",
        "abcd",
        "a webp fox",
    ]


@st.composite
def mutated_files(draw: st.DrawFn) -> bytes:
    """A real file with bytes changed, a stretch of it repeated (so that chunks, segments and
    entries come many times) and its end cut."""
    data = bytearray(draw(st.sampled_from(REAL_FILES)))
    for at, byte in draw(st.lists(st.tuples(st.integers(0, len(data) - 1), st.integers(0, 255)))):
        data[at] = byte
    start = draw(st.integers(0, len(data)))
    stretch = draw(st.integers(0, 64))
    data[start:start] = data[start : start + stretch] * draw(st.integers(0, 50))
    return bytes(data[: draw(st.integers(0, len(data)))])


@settings(derandomize=True, max_examples=500, deadline=None)
@given(mutated_files())
def test_mutated_real_files_never_raise(data: bytes) -> None:
    assert_read(data)
