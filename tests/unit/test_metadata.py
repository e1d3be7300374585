"""Prompts read from what generators write into image files, and from caption files."""

import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, PngImagePlugin

from ranker.metadata import caption_text, read_prompt, sidecar

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


@settings(derandomize=True, max_examples=200, deadline=None)
@given(
    st.binary(max_size=300),
    st.sampled_from([b"", b"\x89PNG\r\n\x1a\n", b"\xff\xd8", b"RIFF\0\0\0\0WEBP"]),
)
def test_arbitrary_bytes_never_raise(data: bytes, prefix: bytes) -> None:
    assert read_prompt(prefix + data).text is None or isinstance(
        read_prompt(prefix + data).text, str
    )


def test_truncated_files_never_raise() -> None:
    whole = png(parameters=A1111)
    for cut in range(0, len(whole), 7):
        read_prompt(whole[:cut])


def test_caption_files() -> None:
    files = {"a/img_001.png", "a/img_001.txt", "a/prompt.txt", "b/x.png"}
    assert sidecar("a/img_001.png", files) == "a/img_001.txt"
    assert sidecar("a/img_002.png", files) == "a/prompt.txt"
    assert sidecar("b/x.png", files) is None
    assert caption_text("\ufeffa red  fox\n".encode()) == "a red fox"
    assert caption_text(b"  ") is None
