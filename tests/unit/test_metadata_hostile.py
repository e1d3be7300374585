"""Metadata crafted to freeze the page or fill its memory: each is read in one pass over its
bytes, gives the prompt a sound file would (or none) and says what was wrong with it.

The crafted inputs are the ones of issue 33, at its sizes; `python build.py bench
hostile_metadata` times them against the code before."""

import json
import re
import struct
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ranker.metadata import CAPTION_BYTES, Generation, read_caption, read_generation
from ranker.metadata.limits import IFD_ENTRIES, PROMPT_CHARS, READ_BYTES, READS, TEXT_BYTES
from ranker.metadata.xmp import description
from tests.corpus.generators import comfy_graph, generator_samples, noise
from tests.unit.test_metadata import A1111, PROMPT, png, png_chunk, reading

XMP = (
    b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><rdf:RDF><rdf:Description><dc:description>"
    b"<rdf:Alt><rdf:li xml:lang='x-default'>a fox in xmp\nSteps: 20, Sampler: Euler, Seed: 1"
    b"</rdf:li></rdf:Alt></dc:description></rdf:Description></rdf:RDF></x:xmpmeta>"
)
XMP_PROMPT = "a fox in xmp"


def assert_read(data: bytes) -> Generation:
    """`read_generation`'s contract for any bytes: a `Generation` whose texts are strings or
    None and whose notes are strings, never an exception, within the reads' caps."""
    found, asked = reading(data)
    assert isinstance(found, Generation)
    assert found.prompt is None or isinstance(found.prompt, str)
    assert all(isinstance(note, str) for note in found.notes)
    assert len(asked) <= READS
    assert sum(length for _offset, length in asked) <= READ_BYTES
    return found


def jpeg_app1(data: bytes) -> bytes:
    return b"\xff\xe1" + struct.pack(">H", len(data) + 2) + data


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
    assert found.prompt is None and found.notes == []
    found = assert_read(jpeg(XMP_HEADER + crafted, XMP))
    assert (found.prompt, found.source) == (XMP_PROMPT, "jpeg:xmp:dc:description")


XMP_PARTS = st.sampled_from(
    [b"<dc:description>", b"<rdf:li", b" xml:lang='x-default'", b">", b"</rdf:li>", b"fox", b"<"]
)


@settings(derandomize=True, max_examples=500, deadline=None)
@given(st.lists(XMP_PARTS, max_size=12))
def test_xmp_scan_finds_what_the_regular_expression_found(parts: list[bytes]) -> None:
    xmp = b"".join(parts)
    match = re.search(rb"<dc:description>.*?<rdf:li[^>]*>(.*?)</rdf:li>", xmp, re.S)
    assert description(xmp) == (match.group(1).decode().strip() if match else None)


def test_an_ifd_of_exif_pointers_back_at_itself_is_read_once() -> None:
    """The block of the issue: IFD0 filled with Exif pointers to IFD0 (65 KB, 22 s before).
    Its ComfyUI graph, among them, is still read."""
    text = b"prompt:" + json.dumps(comfy_graph()).encode() + b"\0"
    count = (0xFFFF - 2 - 6 - 8 - 6 - len(text)) // 12
    pointers = [(EXIF_IFD, 4, 1, 8)] * (count - 1)
    offset = 8 + 2 + 12 * count + 4
    block = tiff([(DESCRIPTION, 2, len(text), offset), *pointers], tail=text)
    assert len(block) <= 64 * 1024
    found = assert_read(jpeg(exif(block)))
    assert (found.prompt, found.source) == (PROMPT, "jpeg:prompt")
    assert (
        f"IFD0 claims {count:,} entries, more than {IFD_ENTRIES:,}: the first read" in found.notes
    )
    assert "the Exif IFD pointer points back at IFD0 (not followed)" in found.notes


def test_two_ifds_pointing_at_each_other_are_each_read_once() -> None:
    """IFD0 points at the Exif IFD, which points back at IFD0: the comment is read and the
    loop is never walked."""
    comment = b"ASCII\0\0\0a heron in the reeds\nSteps: 20, Seed: 1, Sampler: Euler"
    exif_ifd = 8 + 2 + 12 + 4
    comment_at = exif_ifd + 2 + 24 + 4
    block = tiff(
        [(EXIF_IFD, 4, 1, exif_ifd)],
        [(USER_COMMENT, 7, len(comment), comment_at), (EXIF_IFD, 4, 1, 8)],
        tail=comment,
    )
    found = assert_read(jpeg(exif(block)))
    assert (found.prompt, found.source) == ("a heron in the reeds", "jpeg:exif:UserComment")


def test_an_ifd_cut_by_the_block_end_keeps_the_entries_before_it() -> None:
    text = b"prompt:" + json.dumps(comfy_graph("cut short")).encode() + b"\0"
    block = tiff([(DESCRIPTION, 2, len(text), 8 + 2 + 12 + 4)], tail=text)
    block = block[:8] + struct.pack("<H", 400) + block[10:]  # claims 400 entries
    found = assert_read(jpeg(exif(block)))
    assert found.prompt == "cut short"
    held = (len(block) - 10) // 12
    assert held < 400
    assert found.notes == [f"IFD0 claims 400 entries, the block holds {held}: those were read"]


def test_an_ifd_past_the_block_end_is_a_note_and_the_xmp_is_read() -> None:
    block = b"II*\0" + struct.pack("<I", 70_000)
    found = assert_read(jpeg(exif(block), XMP))
    assert found.prompt == XMP_PROMPT
    assert found.notes == [
        "an EXIF block could not be read (IFD0 starts at byte 70,000, past the block's end)"
    ]


def test_a_value_offset_past_the_block_end_is_a_note() -> None:
    found = assert_read(jpeg(exif(tiff([(EXIF_IFD, 4, 1, 0xFFFFFFF0)]))))
    assert found.prompt is None
    assert found.notes == [
        "an EXIF block could not be read "
        "(the Exif IFD starts at byte 4,294,967,280, past the block's end)"
    ]
    found = assert_read(jpeg(exif(tiff([(DESCRIPTION, 2, 20, 0xFFFFFFF0)])), XMP))
    assert found.prompt == XMP_PROMPT
    assert found.notes == [
        "an EXIF block could not be read "
        "(a value of 20 bytes at byte 4,294,967,280 runs past the block's end)"
    ]


def zlib_bomb(size: int, prefix: bytes = b"") -> bytes:
    return zlib.compress(prefix + b"a" * (size - len(prefix)), 9)


def png_file(*chunks: bytes) -> bytes:
    return png()[:33] + b"".join(chunks) + png()[33:]


PARAMETERS = png_chunk(b"tEXt", b"parameters\0" + A1111.encode())


def test_many_small_compressed_chunks_are_not_all_inflated() -> None:
    """The PNG of the issue: 63 zTXt chunks of about 4 KB, each expanding to 4 MB, held 250 MB
    for good. Chunks of keys no reader reads are skipped; of a key read, the first two fill the
    file's budget and the others fail at once, and the notes are capped."""
    bomb = zlib_bomb(4 * 1024 * 1024)
    assert len(bomb) < 4200
    unread = [png_chunk(b"zTXt", b"comment%d\0\0" % n + bomb) for n in range(63)]
    found = assert_read(png_file(*unread, PARAMETERS))
    assert (found.prompt, found.notes) == (PROMPT, [])
    read = [png_chunk(b"zTXt", b"prompt\0\0" + bomb) for n in range(63)]
    found = assert_read(png_file(*read, PARAMETERS))
    assert found.prompt == PROMPT
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
    assert found.prompt is None
    assert found.notes == [
        "the parameters iTXt chunk could not be read (it expands to more than the 24 KB left "
        "of the 1,024 KB a file's text chunks may expand to)",
        "the workflow graph has no save node: no prompt",  # it was inflated and read
    ]
    found = assert_read(png_file(invokeai, png_chunk(b"iTXt", itxt), workflow))
    assert found.prompt == PROMPT


def test_a_compressed_text_cut_short_is_a_note_not_a_shorter_prompt() -> None:
    cut = zlib.compress(A1111.encode())[:-8]
    found = assert_read(png_file(png_chunk(b"zTXt", b"parameters\0\0" + cut)))
    assert found.prompt is None
    assert found.notes == [
        "the parameters zTXt chunk could not be read (its compressed text is cut short)"
    ]


def test_a_prompt_over_the_cap_is_a_note_and_the_next_source_is_read() -> None:
    long_prompt = "a fox " * (PROMPT_CHARS // 6 + 1)
    found = assert_read(png(("parameters", long_prompt), ("prompt", json.dumps(comfy_graph()))))
    assert (found.prompt, found.source) == (PROMPT, "png:prompt")
    length = len(long_prompt.strip())
    assert found.notes == [
        f"the prompt in png:parameters is {length:,} characters long, over 65,536: not taken"
    ]
    assert assert_read(png(("parameters", long_prompt[: PROMPT_CHARS - 1]))).prompt is not None


def test_an_xmp_prompt_over_the_cap_is_a_note() -> None:
    text = b"b" * (PROMPT_CHARS + 1) + b"\nSteps: 20, Seed: 1, Sampler: Euler"
    item = b"<dc:description><rdf:li>" + text + b"</rdf:li>"
    found = assert_read(b"RIFF\0\0\0\0WEBP" + b"XMP " + struct.pack("<I", len(item)) + item)
    assert found.prompt is None
    assert found.notes == [
        "the prompt in webp:xmp:dc:description is 65,537 characters long, over 65,536: not taken"
    ]


def test_a_caption_file_over_the_cap_is_a_note_not_a_cut_prompt() -> None:
    """The page reads CAPTION_BYTES + 1 bytes of a caption file: one more than the cap is
    enough to tell the file is too large (a 30 MB `prompt.txt` took the page to 5 GB)."""
    at_cap = b"a castle " * (CAPTION_BYTES // 9) + b"x" * (CAPTION_BYTES % 9)
    assert len(at_cap) == CAPTION_BYTES
    assert read_caption(at_cap).prompt == " ".join(at_cap.decode().split())
    found = read_caption(at_cap + b"y")
    assert found.prompt is None
    assert found.notes == ["larger than 64 KB, so not read as a prompt (a caption is a line)"]


def test_thousands_of_empty_segments_are_a_note() -> None:
    found = assert_read(b"\xff\xd8" + b"\xff\xe1\0\2" * 65_000)
    assert found.notes == ["more than 4,096 segments before the pixels: the rest were skipped"]
    found = assert_read(png_file(*[png_chunk(b"tEXt", b"")] * 5000, PARAMETERS))
    assert found.notes == ["more than 4,096 chunks before the pixels: the rest were skipped"]


def test_a_file_of_many_broken_blocks_reads_eight() -> None:
    broken = exif(b"XX*\0")
    found = assert_read(jpeg(*[broken] * 20_000, XMP))
    assert found.prompt is None
    assert found.notes == [
        "the file has more than 8 EXIF and XMP blocks: the rest were skipped",
        "more than 4,096 segments before the pixels: the rest were skipped",
        *["an EXIF block could not be read (the TIFF byte order is b'XX', not II or MM)"] * 8,
    ]


COMMENT = b"UNICODE\0" + A1111.encode("utf-16-le")
REAL_FILES = [
    png(("parameters", A1111), ("z_prompt", '{"6": {"class_type": "CLIPTextEncode"}}')),
    png_file(png_chunk(b"zTXt", b"parameters\0\0" + zlib.compress(A1111.encode()))),
    jpeg(exif(tiff([(EXIF_IFD, 4, 1, 26)], [(USER_COMMENT, 7, len(COMMENT), 44)], tail=COMMENT))),
    jpeg(XMP),
    *(sample.data for sample in generator_samples() if len(sample.data) < 64 * 1024),
]


def test_the_files_mutated_below_hold_prompts() -> None:
    prompts = [read_generation(data).prompt for data in REAL_FILES]
    assert prompts[:4] == [PROMPT, PROMPT, PROMPT, XMP_PROMPT]
    assert sum(prompt is not None for prompt in prompts) >= 12


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


@pytest.mark.parametrize("kind", [b"zTXt", b"iTXt"])
def test_a_text_chunk_that_inflates_past_the_cap_is_a_note(kind: bytes) -> None:
    """A chunk of a few KB that would expand past the cap (a crafted file can make it
    gigabytes) is not expanded, and the other chunks are still read."""
    bomb = zlib.compress(b"a" * (TEXT_BYTES + 1), 9)
    assert len(bomb) < 64 * 1024
    header = b"\0" if kind == b"zTXt" else b"\1\0\0\0"
    data = png_chunk(kind, b"prompt\0" + header + bomb)
    found = assert_read(png_file(data, PARAMETERS))
    assert found.prompt == PROMPT
    assert any("expands to more than" in note for note in found.notes)


@pytest.mark.parametrize("order", [b"XX", b"ii", b"I", b""])
def test_a_malformed_exif_block_is_a_note_and_the_next_block_is_read(order: bytes) -> None:
    bad = b"Exif\0\0" + order + b"*\0\x08\0\0\0\0\0"
    found = assert_read(b"\xff\xd8" + jpeg_app1(bad) + jpeg_app1(XMP) + b"\xff\xd9")
    assert (found.prompt, found.source) == (XMP_PROMPT, "jpeg:xmp:dc:description")
    assert any("EXIF" in note for note in found.notes)
    webp_exif = b"EXIF" + struct.pack("<I", len(bad)) + bad
    found = assert_read(b"RIFF\0\0\0\0WEBP" + webp_exif)
    assert found.prompt is None and any("EXIF" in note for note in found.notes)


def test_json_nested_too_deep_is_a_note() -> None:
    found = assert_read(png(("prompt", "[" * 100_000), ("parameters", A1111)))
    assert found.prompt == PROMPT
    assert any("prompt" in note for note in found.notes)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(
    st.binary(max_size=300),
    st.sampled_from(
        [b"", b"\x89PNG\r\n\x1a\n", b"\xff\xd8", b"RIFF\0\0\0\0WEBP", b"\0\0\0\x18ftypavif"]
    ),
)
def test_arbitrary_bytes_never_raise(data: bytes, prefix: bytes) -> None:
    assert_read(prefix + data)


PNG_KEYS = st.sampled_from(
    [b"parameters", b"prompt", b"workflow", b"invokeai_metadata", b"sd-metadata", b"Dream", b"x"]
)


@st.composite
def png_text_chunks(draw: st.DrawFn) -> bytes:
    """A PNG text chunk whose framing is valid, so the reader parses what is inside it: random
    bytes, or a key and a value (compressed or not) laid out as the chunk kind says, with random
    bytes for the value and the header fields between."""
    kind = draw(st.sampled_from([b"tEXt", b"zTXt", b"iTXt", b"comf"]))
    value = draw(st.binary(max_size=200))
    if draw(st.booleans()):
        return png_chunk(kind, value)
    if draw(st.booleans()):
        value = zlib.compress(value)
    key = draw(PNG_KEYS)
    if kind in (b"tEXt", b"comf"):
        return png_chunk(kind, key + b"\0" + value)
    header = draw(st.binary(max_size=2))  # zTXt: the method; iTXt: compressed?, the method
    if kind == b"iTXt":
        header += draw(st.binary(max_size=8)) + b"\0"  # the language
        header += draw(st.binary(max_size=8)) + b"\0"  # the translated key
    return png_chunk(kind, key + b"\0" + header + value)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.lists(png_text_chunks(), min_size=1, max_size=3), st.binary(max_size=50))
def test_arbitrary_png_text_chunks_never_raise(chunks: list[bytes], tail: bytes) -> None:
    assert_read(b"\x89PNG\r\n\x1a\n" + b"".join(chunks) + tail)
    assert_read(png_file(*chunks))


VALID_EXIF = tiff([(EXIF_IFD, 4, 1, 26)], [(USER_COMMENT, 7, len(COMMENT), 44)], tail=COMMENT)


@st.composite
def exif_blocks(draw: st.DrawFn) -> bytes:
    """The bytes of an EXIF block: random after a byte order, or a valid block with some bytes
    changed and its end cut, so the parse reaches the IFD entries and the UserComment."""
    if draw(st.booleans()):
        return draw(st.sampled_from([b"II*\0", b"MM\0*", b""])) + draw(st.binary(max_size=200))
    block = bytearray(VALID_EXIF)
    for at, byte in draw(st.lists(st.tuples(st.integers(0, len(block) - 1), st.integers(0, 255)))):
        block[at] = byte
    return bytes(block[: draw(st.integers(0, len(block)))])


@settings(derandomize=True, max_examples=300, deadline=None)
@given(exif_blocks(), st.booleans())
def test_arbitrary_exif_blocks_never_raise(block: bytes, webp: bool) -> None:
    if webp:
        chunk = b"EXIF" + struct.pack("<I", len(block)) + block
        assert_read(b"RIFF\0\0\0\0WEBP" + chunk)
    else:
        assert_read(b"\xff\xd8" + jpeg_app1(b"Exif\0\0" + block) + b"\xff\xd9")


def test_truncated_files_never_raise() -> None:
    for data in REAL_FILES:
        for cut in range(0, len(data), max(1, len(data) // 200)):
            assert_read(data[:cut])


def test_a_png_of_pixels_claiming_gigabytes_costs_a_few_reads() -> None:
    """Chunk lengths of 4 GB before the pixels and in the tail: each claim costs at most a read,
    and the reads stop at their cap."""
    huge = struct.pack(">I", 0xFFFFFFF0)
    data = png()[:33] + (huge + b"iCCP" + b"\0" * 100) * 50 + png()[33:]
    found, asked = reading(data)
    assert len(asked) <= READS and found.prompt is None


def test_a_tail_of_text_chunk_candidates_is_walked_within_the_caps() -> None:
    """80 KB of tEXt types whose lengths chain nowhere: every candidate is looked at once."""
    tail = b"\0\0\0\x04tEXt" * (80 * 1024 // 8)
    data = png(image=noise(256))[:-12] + tail + png()[-12:]
    found, asked = reading(data)
    assert found.prompt is None and len(asked) <= READS
    assert sum(length for _offset, length in asked) <= READ_BYTES


def test_an_animated_webp_announcing_exif_it_lacks_stops_at_its_larger_tail() -> None:
    """A VP8X announcing EXIF, then 20,000 empty frames and no EXIF: a head, a tail and a
    larger tail, then a note, not a read per frame."""
    vp8x = b"VP8X" + struct.pack("<I", 10) + bytes([0x08 | 0x02, 0, 0, 0]) + b"\0" * 6
    frames = (b"ANMF" + struct.pack("<I", 16) + b"\0" * 16) * 20_000
    body = b"WEBP" + vp8x + frames
    found, asked = reading(b"RIFF" + struct.pack("<I", len(body)) + body)
    assert len(asked) == 3
    assert len(found.notes) == 1
    assert found.notes[0].startswith("the EXIF chunk the file announces was not found in its last")


def test_a_jpeg_of_megabytes_of_segments_stops_at_the_caps() -> None:
    segment = b"\xff\xe2\xff\xff" + b"\0" * 0xFFFD
    found, asked = reading(b"\xff\xd8" + segment * 200 + b"\xff\xd9")
    assert found.prompt is None and len(asked) <= READS
    assert sum(length for _offset, length in asked) <= READ_BYTES
    assert found.notes == ["reading stopped: more than 4 MB would be read"]
