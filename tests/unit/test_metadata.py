"""What generators record, read from the files they write, and caption files."""

import io
import json
import re
import struct
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, PngImagePlugin

from ranker.metadata import (
    Generation,
    generation_reader,
    read_caption,
    read_generation,
    sidecar,
    start_of,
    webp,
)
from ranker.metadata.exif import MAKE, MODEL, read_exif
from ranker.metadata.infotext import _fields
from ranker.metadata.limits import HEAD, TAIL, TEXT_BYTES
from ranker.metadata.records import Records
from ranker.metadata.source import Source
from tests.corpus.generators import INFOTEXT, PROMPT, comfy_graph, generator_samples, noise
from tests.corpus.packages import member

SAMPLES = generator_samples()
A1111 = INFOTEXT


def reading(data: bytes) -> tuple[Generation, list[tuple[int, int]]]:
    """What `generation_reader` returns for a file, and the reads it asked for."""
    reader = generation_reader()
    asked = []
    try:
        request = next(reader)
        while True:
            asked.append(request)
            start = start_of(request[0], len(data))
            request = reader.send(data[start : start + request[1]])
    except StopIteration as done:
        return done.value, asked


@pytest.mark.parametrize("sample", SAMPLES, ids=[sample.name for sample in SAMPLES])
def test_each_generators_file_gives_its_right_prompt_or_none(sample) -> None:
    found = read_generation(sample.data)
    assert found.prompt == sample.prompt, sample.origin
    assert found.generator == (None if sample.generator == "none" else sample.generator)


@pytest.mark.parametrize(
    ("name", "fields"),
    [
        ("a1111.png", (None, 1234, "sd_xl_base_1.0", "DPM++ 2M", 30, 7.0)),
        ("a1111.jpg", ("blurry, lowres", 1234, "sd_xl_base_1.0", "DPM++ 2M", 30, 7.0)),
        ("invokeai.png", ("blurry, lowres", 1234, "sdxl_base", "euler_a", 30, 6.5)),
        ("invokeai2.png", (None, 1234, "stable-diffusion-1.5", "k_lms", 50, 7.5)),
        ("dream.png", (None, 1234, None, "k_lms", 50, 7.5)),
        (
            "fooocus.jpg",
            ("blurry, lowres", 1234, "juggernautXL_v8Rundiffusion", "dpmpp_2m_sde_gpu", 30, 4.0),
        ),
        ("swarmui.jpg", ("blurry, lowres", 1234, "sd_xl_base_1.0", "euler_ancestral", 20, 7.0)),
        (
            "novelai.webp",
            (
                "blurry, lowres",
                1234,
                "NovelAI Diffusion V4.5 4BDE2A90",
                "k_euler_ancestral",
                28,
                5.0,
            ),
        ),
    ],
)
def test_the_settings_are_read_with_the_prompt(name: str, fields: tuple) -> None:
    found = read_generation(next(sample.data for sample in SAMPLES if sample.name == name))
    negative, seed, model, sampler, steps, cfg = fields
    assert (found.seed, found.model, found.sampler, found.steps, found.cfg) == (
        seed,
        model,
        sampler,
        steps,
        cfg,
    )
    if negative is not None:
        assert found.negative_prompt == negative


def test_the_infotext_is_read_in_full() -> None:
    found = read_generation(next(sample.data for sample in SAMPLES if sample.name == "a1111.png"))
    assert found == Generation(
        prompt=PROMPT,
        negative_prompt="blurry, lowres",
        seed=1234,
        model="sd_xl_base_1.0",
        sampler="DPM++ 2M",
        steps=30,
        cfg=7.0,
        generator="Automatic1111",
        source="png:parameters",
    )


@pytest.mark.parametrize(("container", "most"), [("png", 2), ("jpeg", 1), ("webp", 2), ("avif", 1)])
def test_a_typical_file_costs_a_head_and_at_most_a_tail(container: str, most: int) -> None:
    """The page awaits each read on its main thread: a file of each kind costs one or two."""
    for sample in SAMPLES:
        if sample.container == container:
            _found, asked = reading(sample.data)
            assert len(asked) <= most, sample.name
            assert sum(length for _offset, length in asked) <= HEAD + TAIL, sample.name


COMFY_TEMPLATES = ("comfyui-workflow-templates-media-video", "0.3.101")
ANIMATED = "comfyui_workflow_templates_media_video/templates/txt_to_image_to_video-1.webp"


def test_a_real_animated_webps_exif_is_found_after_its_frames_in_two_reads() -> None:
    """ComfyUI's own template: 27 frames, then its EXIF with the `prompt:` graph in Model and
    the `workflow:` in Make, 731,938 bytes in."""
    data = member(*COMFY_TEMPLATES, ANIMATED)
    assert data.find(b"EXIF") > 700_000
    records = Records("webp")
    walk = webp.walk(Source(), records)
    asked = []
    try:
        request = next(walk)
        while True:
            asked.append(request)
            start = start_of(request[0], len(data))
            request = walk.send(data[start : start + request[1]])
    except StopIteration:
        pass
    assert asked == [(0, HEAD), (-TAIL, TAIL)]
    assert len(records.exif) == 1
    texts = read_exif(records.exif[0], []).texts
    assert texts[MODEL].startswith('prompt:{"3": {"inputs": {"seed": 698927863164185')
    assert texts[MAKE].startswith('workflow:{"last_node_id": 23')
    found = read_generation(data)
    assert (found.generator, found.source) == ("ComfyUI", "webp:prompt")
    # its video sampler is conditioned on an image, not a text (tests/corpus/comfyui_labels.json)
    assert (found.prompt, found.seed) == (None, 698927863164185)


def png(*texts: tuple[str, str], image: Image.Image | None = None) -> bytes:
    info = PngImagePlugin.PngInfo()
    for key, value in texts:
        if key.startswith("z_"):
            info.add_itxt(key[2:], value, zip=True)
        else:
            info.add_text(key, value)
    out = io.BytesIO()
    (image or Image.new("RGB", (8, 8))).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def before_iend(data: bytes, *chunks: bytes) -> bytes:
    return data[:-12] + b"".join(chunks) + data[-12:]


def test_compressed_and_international_text_chunks_are_read() -> None:
    assert read_generation(png(("z_parameters", A1111))).prompt == PROMPT


def test_text_after_the_pixels_is_found_in_the_tail() -> None:
    big = png(image=noise(512))
    parameters = png_chunk(b"tEXt", b"parameters\0" + A1111.encode())
    found, asked = reading(before_iend(big, parameters))
    assert (found.prompt, len(asked)) == (PROMPT, 2)


def test_text_after_the_pixels_larger_than_the_tail_is_found_in_a_larger_one() -> None:
    """A ComfyUI workflow of 200 KB after the frames: the first tail ends inside it, then the
    last pixel chunk walked from the head is not where the chain stops, then the larger tail."""
    workflow = {
        "nodes": [{"id": n, "type": "Note", "widgets_values": ["x" * 1000]} for n in range(200)]
    }
    chunks = [
        png_chunk(b"comf", b"prompt\0" + json.dumps(comfy_graph()).encode()),
        png_chunk(b"comf", b"workflow\0" + json.dumps(workflow).encode()),
    ]
    found, asked = reading(before_iend(png(image=noise(512)), *chunks))
    assert found.prompt == PROMPT
    assert [offset for offset, _length in asked][1:3] == [-TAIL, asked[2][0]] and len(asked) == 4
    assert asked[3][0] < -TAIL


def test_one_pixel_chunk_larger_than_the_tail_is_confirmed_by_its_end() -> None:
    """Some writers put all the pixels in one IDAT: where the head says it ends, the bytes are
    the ones the tail's chain stopped at, so no larger tail is read."""
    pixels = zlib.compress(noise(256).tobytes(), 1)
    header = struct.pack(">IIBBBBB", 256, 256, 8, 2, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", pixels)
    data += png_chunk(b"tEXt", b"parameters\0" + A1111.encode()) + png_chunk(b"IEND", b"")
    found, asked = reading(data)
    assert (found.prompt, found.notes, len(asked)) == (PROMPT, [], 3)


def test_a_png_cut_short_is_a_note() -> None:
    data = png(("parameters", A1111), image=noise(256))
    found = read_generation(data[: len(data) // 2])
    assert found.prompt == PROMPT
    assert found.notes == [
        "the file is cut short (no IEND): text after its pixels was not looked for"
    ]


def test_a_malformed_chunk_is_a_note_not_an_error() -> None:
    found = read_generation(png(("prompt", "{not json"), ("parameters", A1111)))
    assert found.prompt == PROMPT
    assert any("prompt" in note for note in found.notes)
    assert read_generation(png(("prompt", "{not json"))).prompt is None


def exif_jpeg(description: str | None = None, comment: bytes | None = None) -> bytes:
    exif = Image.Exif()
    if description is not None:
        exif[0x010E] = description
    if comment is not None:
        exif.get_ifd(0x8769)[0x9286] = comment
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "JPEG", exif=exif)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "prompt"),
    [
        (exif_jpeg(comment=b"UNICODE\0" + A1111.encode("utf-16-le")), PROMPT),
        (exif_jpeg(comment=b"UNICODE\0" + A1111.encode("utf-16-be")), PROMPT),
        (exif_jpeg(comment=b"ASCII\0\0\0" + A1111.encode()), PROMPT),
        (exif_jpeg(description=A1111), None),  # an infotext, but in a camera's field
        (exif_jpeg(description="a quiet lake"), None),
        (exif_jpeg(comment=b"UNICODE\0" + "a dog on a boat".encode("utf-16-le")), None),
        (exif_jpeg(comment=b"ASCII\0\0\0" + json.dumps({"prompt": PROMPT}).encode()), PROMPT),
    ],
)
def test_generic_exif_fields_hold_a_prompt_only_in_a_generators_format(data: bytes, prompt) -> None:
    assert read_generation(data).prompt == prompt


def test_a_comment_that_is_not_text_is_a_note_not_replacement_characters() -> None:
    found = read_generation(exif_jpeg(comment=b"UNICODE\0\0a\0"))  # UTF-16 of 1.5 characters
    assert found.prompt is None
    assert found.notes[0].startswith("the EXIF UserComment is not text")


LINE_PARTS = st.sampled_from(["Steps", "Seed", ":", " ", ",", '"', "\\", "a", "-", "/", "x y", "é"])


@settings(derandomize=True, max_examples=500, deadline=None)
@given(st.lists(LINE_PARTS, max_size=16))
def test_infotext_fields_are_what_automatic1111s_regular_expression_finds(parts: list[str]) -> None:
    """modules/infotext_utils.py's re_param and its unquote, run on the same line."""
    line = "".join(parts)
    pattern = re.compile(r'\s*(\w[\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)')
    expected = {}
    for key, value in pattern.findall(line):
        if value[:1] == '"' and value[-1:] == '"':
            try:
                value = json.loads(value)
            except ValueError:
                pass
        expected[key] = value
    assert _fields(line) == expected


def test_caption_files() -> None:
    files = {"a/img_001.png", "a/img_001.txt", "a/prompt.txt", "b/x.png"}
    assert sidecar("a/img_001.png", files) == "a/img_001.txt"
    assert sidecar("a/img_002.png", files) == "a/prompt.txt"
    assert sidecar("b/x.png", files) is None
    assert read_caption("\ufeffa red  fox\n".encode()) == Generation("a red fox", source="caption")
    assert read_caption(b"  ") == Generation()


def test_a_text_chunk_over_the_cap_is_not_read() -> None:
    found = read_generation(png(("parameters", "a" * (TEXT_BYTES + 1))))
    assert found.prompt is None
    assert found.notes == ["the parameters tEXt chunk is 512 KB, over 512 KB: not read"]
