"""Prompts read from what generators write into image files, and from caption files."""

import io
import json
import struct
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, PngImagePlugin

from ranker.metadata import TEXT_BYTES, Prompt, read_caption, read_prompt, sidecar

A1111 = (
    "a red fox in the snow, golden hour\n"
    "Negative prompt: blurry, lowres\n"
    "Steps: 30, Sampler: DPM++ 2M, CFG scale: 7, Seed: 1, Size: 512x512"
)
COMFY = {
    "3": {"class_type": "KSampler", "inputs": {"positive": ["6", 0], "negative": ["7", 0]}},
    "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "ugly", "clip": ["4", 1]}},
    "6": {
        "class_type": "CLIPTextEncode",
        "inputs": {"text": "a castle on a hill", "clip": ["4", 1]},
    },
}


def png(**texts: str) -> bytes:
    info = PngImagePlugin.PngInfo()
    for key, value in texts.items():
        if key.startswith("z_"):
            info.add_itxt(key[2:], value, zip=True)
        else:
            info.add_text(key, value)
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def with_exif(fmt: str, **tags) -> bytes:
    exif = Image.Exif()
    for tag, value in tags.items():
        if tag == "description":
            exif[0x010E] = value
        else:
            exif.get_ifd(0x8769)[0x9286] = value
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, fmt, exif=exif)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "text", "source"),
    [
        (png(parameters=A1111), "a red fox in the snow, golden hour", "a1111"),
        (png(z_parameters=A1111), "a red fox in the snow, golden hour", "a1111"),
        (png(prompt=json.dumps(COMFY), workflow="{}"), "a castle on a hill", "comfyui"),
        (
            png(invokeai_metadata=json.dumps({"positive_prompt": "a blue whale", "seed": 3})),
            "a blue whale",
            "invokeai",
        ),
        (
            png(parameters=json.dumps({"prompt": "a lighthouse", "steps": 30})),
            "a lighthouse",
            "fooocus",
        ),
        (
            with_exif("JPEG", comment=b"UNICODE\0" + "a dog on a boat".encode("utf-16-le")),
            "a dog on a boat",
            "exif-usercomment",
        ),
        (
            with_exif("JPEG", comment=b"UNICODE\0" + "big endian".encode("utf-16-be")),
            "big endian",
            "exif-usercomment",
        ),
        (with_exif("JPEG", description="a quiet lake"), "a quiet lake", "exif-imagedescription"),
        (
            with_exif("WEBP", comment=b"UNICODE\0" + "a webp fox".encode("utf-16-le")),
            "a webp fox",
            "exif-usercomment",
        ),
    ],
)
def test_generators_prompts_are_read(data: bytes, text: str, source: str) -> None:
    found = read_prompt(data)
    assert (found.text, found.source) == (text, source)


def test_a_malformed_chunk_is_a_note_not_an_error() -> None:
    found = read_prompt(png(prompt="{not json", parameters=A1111))
    assert found.text == "a red fox in the snow, golden hour"
    assert any("prompt" in note for note in found.notes)
    assert read_prompt(png(prompt="{not json")).text is None


def assert_read(data: bytes) -> Prompt:
    """`read_prompt`'s contract for any bytes: a `Prompt` whose text is a string or None and
    whose notes are strings, never an exception."""
    found = read_prompt(data)
    assert isinstance(found, Prompt)
    assert found.text is None or isinstance(found.text, str)
    assert all(isinstance(note, str) for note in found.notes)
    return found


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def jpeg_app1(data: bytes) -> bytes:
    return b"\xff\xe1" + struct.pack(">H", len(data) + 2) + data


def exif_block(**tags) -> bytes:
    """A valid EXIF block (the TIFF bytes after the "Exif" header), cut out of a JPEG."""
    jpeg = with_exif("JPEG", **tags)
    at = jpeg.index(b"Exif\0\0")
    (length,) = struct.unpack(">H", jpeg[at - 2 : at])
    return jpeg[at + 6 : at - 2 + length]


XMP = (
    b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><rdf:RDF><rdf:Description><dc:description>"
    b"<rdf:Alt><rdf:li xml:lang='x-default'>a fox in xmp</rdf:li></rdf:Alt></dc:description>"
    b"</rdf:Description></rdf:RDF></x:xmpmeta>"
)


@pytest.mark.parametrize("kind", [b"zTXt", b"iTXt"])
def test_a_text_chunk_that_inflates_past_the_cap_is_a_note(kind: bytes) -> None:
    """A chunk of a few KB that would expand past the cap (a crafted file can make it
    gigabytes) is not expanded, and the other chunks are still read."""
    bomb = zlib.compress(b"a" * (TEXT_BYTES + 1), 9)
    assert len(bomb) < 64 * 1024
    header = b"\0" if kind == b"zTXt" else b"\1\0\0\0"
    data = png_chunk(kind, b"prompt\0" + header + bomb)
    fine = png_chunk(b"tEXt", b"parameters\0" + A1111.encode())
    found = assert_read(png()[:33] + data + fine + png_chunk(b"IEND", b""))
    assert found.text == "a red fox in the snow, golden hour"
    assert any("expands to more than" in note for note in found.notes)


@pytest.mark.parametrize("order", [b"XX", b"ii", b"I", b""])
def test_a_malformed_exif_block_is_a_note_and_the_next_block_is_read(order: bytes) -> None:
    bad = b"Exif\0\0" + order + b"*\0\x08\0\0\0\0\0"
    found = assert_read(b"\xff\xd8" + jpeg_app1(bad) + jpeg_app1(XMP) + b"\xff\xd9")
    assert (found.text, found.source) == ("a fox in xmp", "xmp")
    assert any("EXIF" in note for note in found.notes)
    webp_exif = b"EXIF" + struct.pack("<I", len(bad)) + bad
    found = assert_read(b"RIFF\0\0\0\0WEBP" + webp_exif)
    assert found.text is None and any("EXIF" in note for note in found.notes)


def test_json_nested_too_deep_is_a_note() -> None:
    found = assert_read(png(prompt="[" * 100_000, parameters=A1111))
    assert found.text == "a red fox in the snow, golden hour"
    assert any("prompt" in note for note in found.notes)


@settings(derandomize=True, max_examples=200, deadline=None)
@given(
    st.binary(max_size=300),
    st.sampled_from([b"", b"\x89PNG\r\n\x1a\n", b"\xff\xd8", b"RIFF\0\0\0\0WEBP"]),
)
def test_arbitrary_bytes_never_raise(data: bytes, prefix: bytes) -> None:
    assert_read(prefix + data)


PNG_KEYS = st.sampled_from([b"parameters", b"prompt", b"workflow", b"invokeai_metadata", b"x"])


@st.composite
def png_text_chunks(draw: st.DrawFn) -> bytes:
    """A PNG text chunk whose framing is valid, so `read_prompt` parses what is inside it:
    random bytes, or a key and a value (compressed or not) laid out as the chunk kind says, with
    random bytes for the value and the header fields between."""
    kind = draw(st.sampled_from([b"tEXt", b"zTXt", b"iTXt"]))
    value = draw(st.binary(max_size=200))
    if draw(st.booleans()):
        return png_chunk(kind, value)
    if draw(st.booleans()):
        value = zlib.compress(value)
    key = draw(PNG_KEYS)
    if kind == b"tEXt":
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


VALID_EXIF = exif_block(
    description="a quiet lake", comment=b"UNICODE\0" + "a dog on a boat".encode("utf-16-le")
)


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
    whole = png(parameters=A1111)
    for cut in range(0, len(whole), 7):
        read_prompt(whole[:cut])


def test_caption_files() -> None:
    files = {"a/img_001.png", "a/img_001.txt", "a/prompt.txt", "b/x.png"}
    assert sidecar("a/img_001.png", files) == "a/img_001.txt"
    assert sidecar("a/img_002.png", files) == "a/prompt.txt"
    assert sidecar("b/x.png", files) is None
    assert read_caption("\ufeffa red  fox\n".encode()) == Prompt("a red fox", "caption")
    assert read_caption(b"  ") == Prompt()
