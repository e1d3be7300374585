"""Files written exactly as each generator's save code writes them (through Pillow, as most of
them do, or byte for byte with struct where they use another writer), each with its right
prompt: the generators and containers `ranker.metadata` reads, and files that hold no prompt
(a camera's JPEG, a captioned photo, a plain PNG). Some are large, noisy images, so that their
metadata sits after megabytes of pixels as it does in real files."""

import functools
import io
import json
import struct
import zlib

from PIL import Image, PngImagePlugin

from . import Sample

PROMPT = "a red fox in the snow, golden hour"
JAPANESE = "1girl, solo, hatsune miku, #テスト"
NEGATIVE = "blurry, lowres"
INFOTEXT = (
    f"{PROMPT}\nNegative prompt: {NEGATIVE}\n"
    "Steps: 30, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7, Seed: 1234, "
    "Size: 512x512, Model hash: 45a21ea00a, Model: sd_xl_base_1.0, Version: v1.10.1"
)


def infotext(prompt: str = PROMPT, version: str = "v1.10.1", extra: str = "") -> str:
    return (
        f"{prompt}\nNegative prompt: {NEGATIVE}\n"
        f"Steps: 30, Sampler: DPM++ 2M, CFG scale: 7, Seed: 1234, Size: 512x512, "
        f"Model: sd_xl_base_1.0{extra}, Version: {version}"
    )


def comfy_graph(positive: str = PROMPT) -> dict:
    """An API graph as ComfyUI's default workflow saves it (nodes.py SaveImage)."""
    return {
        "3": {
            "class_type": "KSampler",
            "inputs": {
                "seed": 1234,
                "steps": 20,
                "cfg": 8,
                "sampler_name": "euler",
                "scheduler": "normal",
                "denoise": 1,
                "model": ["4", 0],
                "positive": ["6", 0],
                "negative": ["7", 0],
                "latent_image": ["5", 0],
            },
        },
        "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "sd_xl.safetensors"}},
        "5": {
            "class_type": "EmptyLatentImage",
            "inputs": {"width": 512, "height": 512, "batch_size": 1},
        },
        "6": {"class_type": "CLIPTextEncode", "inputs": {"text": positive, "clip": ["4", 1]}},
        "7": {"class_type": "CLIPTextEncode", "inputs": {"text": NEGATIVE, "clip": ["4", 1]}},
        "8": {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0], "vae": ["4", 2]}},
        "9": {
            "class_type": "SaveImage",
            "inputs": {"filename_prefix": "ComfyUI", "images": ["8", 0]},
        },
    }


COMFY_WORKFLOW = {"last_node_id": 7, "nodes": [{"id": 6, "type": "CLIPTextEncode"}]}


@functools.cache
def noise(size: int) -> Image.Image:
    """A noisy picture: its PNG is about 3 bytes a pixel, so its metadata is far from its end."""
    return Image.merge("RGB", [Image.effect_noise((size, size), 60 + n) for n in range(3)])


def small() -> Image.Image:
    return Image.new("RGB", (8, 8), (200, 30, 90))


def saved(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def png_texts(image: Image.Image, *texts: tuple[str, str]) -> bytes:
    """`PngInfo.add_text` for each, as every generator saving PNGs through Pillow calls it."""
    info = PngImagePlugin.PngInfo()
    for key, value in texts:
        info.add_text(key, value)
    return saved(image, "PNG", pnginfo=info)


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def before_idat(png: bytes, *chunks: bytes) -> bytes:
    at = png.index(b"IDAT") - 4
    return png[:at] + b"".join(chunks) + png[at:]


def piexif_user_comment(text: str) -> bytes:
    """`piexif.dump({"Exif": {UserComment: UserComment.dump(text, encoding="unicode")}})`, as
    Automatic1111 writes it: big-endian TIFF, IFD0 holding only the Exif IFD pointer, the
    comment UNICODE in UTF-16BE (piexif's helper), header included."""
    comment = b"UNICODE\0" + text.encode("utf-16-be")
    ifd0 = struct.pack(">H", 1) + struct.pack(">HHII", 0x8769, 4, 1, 26) + b"\0\0\0\0"
    exif_ifd = struct.pack(">H", 1) + struct.pack(">HHII", 0x9286, 7, len(comment), 44)
    return b"Exif\0\0MM\0*\0\0\0\x08" + ifd0 + exif_ifd + b"\0\0\0\0" + comment


def imagesharp_user_comment(text: str) -> bytes:
    """ImageSharp's ExifProfile with a UserComment, as SwarmUI writes it: little-endian TIFF and
    UTF-16LE (the bytes of SwarmUI's own JPEGs)."""
    comment = b"UNICODE\0" + text.encode("utf-16-le")
    ifd0 = struct.pack("<H", 1) + struct.pack("<HHII", 0x8769, 4, 1, 26) + b"\0\0\0\0"
    exif_ifd = struct.pack("<H", 1) + struct.pack("<HHII", 0x9286, 7, len(comment), 44)
    return b"Exif\0\0II*\0\x08\0\0\0" + ifd0 + exif_ifd + b"\0\0\0\0" + comment


def app1(data: bytes) -> bytes:
    return b"\xff\xe1" + struct.pack(">H", len(data) + 2) + data


def piexif_jpeg(exif: bytes, image: Image.Image) -> bytes:
    """`piexif.insert(exif, path)` into a JPEG Pillow saved: the EXIF APP1 takes the place of the
    JFIF APP0 (piexif/_common.py, merge_segments)."""
    jpeg = saved(image, "JPEG", quality=90)
    app0_end = 4 + int.from_bytes(jpeg[4:6], "big")
    return b"\xff\xd8" + app1(exif) + jpeg[app0_end:]


def after_app0(exif: bytes, image: Image.Image) -> bytes:
    jpeg = saved(image, "JPEG", quality=90)
    app0_end = 4 + int.from_bytes(jpeg[4:6], "big")
    return jpeg[:app0_end] + app1(exif) + jpeg[app0_end:]


def piexif_webp(exif: bytes, image: Image.Image) -> bytes:
    """`piexif.insert(exif, path)` into a WebP Pillow saved (piexif/_webp.py): the EXIF chunk
    (without the "Exif" header) appended after the image data, and a VP8X chunk made for it."""
    webp = saved(image, "WEBP", quality=80)
    chunks = webp[12:]
    tiff = exif[6:]
    exif_chunk = b"EXIF" + struct.pack("<I", len(tiff)) + tiff + b"\0" * (len(tiff) & 1)
    width, height = image.size
    vp8x = b"VP8X" + struct.pack("<I", 10) + bytes([0x08, 0, 0, 0])
    vp8x += (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    body = b"WEBP" + vp8x + chunks + exif_chunk
    return b"RIFF" + struct.pack("<I", len(body)) + body


def comfy_webp_exif(image: Image.Image) -> Image.Exif:
    """ComfyUI's `_create_webp_metadata` (comfy_api/latest/_ui.py): the graph as "prompt:" in
    Model, each extra_pnginfo key from Make down."""
    exif = image.getexif()
    exif[0x0110] = f"prompt:{json.dumps(comfy_graph())}"
    exif[0x010F] = f"workflow:{json.dumps(COMFY_WORKFLOW)}"
    return exif


def frames(count: int, size: int) -> list[Image.Image]:
    return [noise(size).rotate(90 * n) for n in range(count)]


def comfy_animated_png() -> bytes:
    """SaveAnimatedPNG: `comf` chunks after the frames (`_create_animated_png_metadata`)."""
    info = PngImagePlugin.PngInfo()
    for key, value in (("prompt", comfy_graph()), ("workflow", COMFY_WORKFLOW)):
        info.add(
            b"comf", key.encode("latin-1") + b"\0" + json.dumps(value).encode(), after_idat=True
        )
    first, *rest = frames(3, 256)
    return saved(
        first,
        "PNG",
        pnginfo=info,
        compress_level=4,
        save_all=True,
        duration=166,
        append_images=rest,
    )


def comfy_animated_webp() -> bytes:
    """SaveAnimatedWEBP: Pillow's animated WebP with ComfyUI's EXIF, after every frame."""
    first, *rest = frames(6, 256)
    exif = comfy_webp_exif(first)
    return saved(
        first,
        "WEBP",
        save_all=True,
        duration=166,
        append_images=rest,
        exif=exif,
        lossless=False,
        quality=80,
        method=4,
    )


def invokeai_metadata() -> str:
    """`MetadataField.model_dump_json()` of a text-to-image run (InvokeAI 5)."""
    return json.dumps(
        {
            "generation_mode": "sdxl_txt2img",
            "positive_prompt": PROMPT,
            "negative_prompt": NEGATIVE,
            "width": 1024,
            "height": 1024,
            "seed": 1234,
            "cfg_scale": 6.5,
            "steps": 30,
            "scheduler": "euler_a",
            "model": {
                "key": "179d",
                "hash": "blake3:7c16",
                "name": "sdxl_base",
                "base": "sdxl",
                "type": "main",
            },
            "app_version": "5.4.2",
        },
        separators=(",", ":"),
    )


def sd_metadata(prompt_parts: list[dict]) -> str:
    """InvokeAI 2's `metadata_dumps`: RFC 266 fields, the prompt as weighted parts."""
    return json.dumps(
        {
            "model": "stable diffusion",
            "model_weights": "stable-diffusion-1.5",
            "app_id": "invoke-ai/InvokeAI",
            "app_version": "2.2.5",
            "image": {
                "prompt": prompt_parts,
                "steps": 50,
                "cfg_scale": 7.5,
                "seed": 1234,
                "sampler": "k_lms",
                "type": "txt2img",
                "variations": [],
            },
        }
    )


def fooocus_record(prompt: str = PROMPT) -> dict:
    """FooocusMetadataParser.parse_string's dict, before json.dumps (sorted keys)."""
    return {
        "adm_guidance": "(1.5, 0.8, 0.3)",
        "base_model": "juggernautXL_v8Rundiffusion",
        "full_negative_prompt": [NEGATIVE],
        "full_prompt": [prompt, "cinematic still, emotional, harmonious"],
        "guidance_scale": 4.0,
        "negative_prompt": NEGATIVE,
        "performance": "Speed",
        "prompt": prompt,
        "resolution": "(1152, 896)",
        "sampler": "dpmpp_2m_sde_gpu",
        "scheduler": "karras",
        "seed": "1234",
        "steps": 30,
        "styles": "['Fooocus V2', 'Fooocus Enhance']",
        "version": "Fooocus v2.5.5",
    }


def fooocus_exif(parameters: str, scheme: str) -> Image.Exif:
    """Fooocus's `get_exif`: UserComment, Software and MakerNote set on IFD0 through Pillow."""
    exif = Image.Exif()
    exif[0x9286] = parameters
    exif[0x0131] = "Fooocus v2.5.5"
    exif[0x927C] = scheme
    return exif


def fooocus_infotext(prompt: str) -> str:
    """A1111MetadataParser.parse_string: the full prompt, then the fields with Raw prompt."""
    return (
        f"{prompt}, cinematic still\nNegative prompt: {NEGATIVE}\n"
        f"Steps: 30, Sampler: DPM++ 2M SDE Karras, Seed: 1234, Size: 1152x896, CFG scale: 4.0, "
        f'Model: juggernautXL_v8Rundiffusion, Raw prompt: "{prompt}", '
        f'Raw negative prompt: "{NEGATIVE}", Version: Fooocus v2.5.5'
    )


def swarm_parameters(prompt: str = PROMPT) -> str:
    """SwarmUI's metadata JSON, indented as it writes it."""
    return json.dumps(
        {
            "sui_image_params": {
                "prompt": prompt,
                "negativeprompt": NEGATIVE,
                "model": "sd_xl_base_1.0",
                "seed": 1234,
                "steps": 20,
                "cfgscale": 7.0,
                "sampler": "euler_ancestral",
                "swarm_version": "0.9.6.2",
            },
            "sui_extra_data": {"date": "2025-01-25", "generation_time": "4.84 sec"},
        },
        indent=2,
    )


def novelai_comment(prompt: str, characters: list[str] = []) -> str:  # noqa: B006 (never changed)
    captions = [{"char_caption": text, "centers": [{"x": 0.5, "y": 0.5}]} for text in characters]
    return json.dumps(
        {
            "prompt": prompt,
            "steps": 28,
            "height": 1216,
            "width": 832,
            "scale": 5.0,
            "seed": 1234,
            "sampler": "k_euler_ancestral",
            "noise_schedule": "karras",
            "v4_prompt": {"caption": {"base_caption": prompt, "char_captions": captions}},
            "uc": NEGATIVE,
            "request_type": "PromptGenerateRequest",
        }
    )


def novelai_png(prompt: str, characters: list[str] = []) -> bytes:  # noqa: B006 (never changed)
    return png_texts(
        noise(256),
        ("Title", "NovelAI generated image"),
        ("Description", prompt),
        ("Software", "NovelAI"),
        ("Source", "NovelAI Diffusion V4.5 4BDE2A90"),
        ("Generation time", "3.8e-05"),
        ("Comment", novelai_comment(prompt, characters)),
    )


def novelai_webp(prompt: str) -> bytes:
    """NovelAI's WebPs: the PNG texts as one JSON object in the Exif IFD's UserComment (ASCII),
    the Description starting with four zero bytes (the bytes of NovelAI's own WebPs)."""
    texts = {
        "Comment": novelai_comment(prompt),
        "Description": "\0\0\0\0" + prompt,
        "Generation time": "0.00037",
        "Software": "NovelAI",
        "Source": "NovelAI Diffusion V4.5 4BDE2A90",
        "Title": "NovelAI generated image",
    }
    exif = Image.Exif()
    exif[0x010D] = "NovelAI generated image"
    exif[0x0131] = texts["Source"]
    exif.get_ifd(0x8769)[0x9286] = b"ASCII\0\0\0" + json.dumps(texts).encode()
    return saved(noise(256), "WEBP", exif=exif, quality=90)


def stability_matrix_png() -> bytes:
    """ImageMetadata.AddGenerationParametersToPng: `parameters` and `parameters-json` tEXt
    chunks (UTF-8) before the first IDAT of the PNG its ComfyUI backend saved, whose graph
    holds the prompt as the backend ran it."""
    record = {
        "PositivePrompt": JAPANESE,
        "NegativePrompt": NEGATIVE,
        "Steps": 20,
        "Sampler": "Euler Ancestral Karras",
        "CfgScale": 5,
        "Seed": 1234,
        "Height": 256,
        "Width": 256,
        "ModelName": "waiIllustriousSDXL_v160.safetensors",
    }
    backend = png_texts(noise(256), ("prompt", json.dumps(comfy_graph(JAPANESE + " embedding:x"))))
    text = infotext(JAPANESE).encode()
    as_json = json.dumps(record, ensure_ascii=False).encode()
    return before_idat(
        backend,
        png_chunk(b"tEXt", b"parameters\0" + text),
        png_chunk(b"tEXt", b"parameters-json\0" + as_json),
    )


def xmp_caption(text: str) -> bytes:
    return (
        b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF>"
        b"<rdf:Description><dc:description><rdf:Alt><rdf:li xml:lang='x-default'>"
        + text.encode()
        + b"</rdf:li></rdf:Alt></dc:description></rdf:Description></rdf:RDF></x:xmpmeta>"
    )


def camera_jpeg() -> bytes:
    """A camera's JPEG: Make, Model, its generic ImageDescription and a UserComment caption."""
    exif = Image.Exif()
    exif[0x010F] = "OLYMPUS IMAGING CORP."
    exif[0x0110] = "E-M10"
    exif[0x010E] = "OLYMPUS DIGITAL CAMERA"
    exif.get_ifd(0x8769)[0x9286] = b"ASCII\0\0\0Holiday in Crete"
    return saved(noise(64), "JPEG", exif=exif)


def generator_samples() -> list[Sample]:
    a1111 = "AUTOMATIC1111/stable-diffusion-webui modules/images.py save_image_with_geninfo"
    comfy = "comfyanonymous/ComfyUI comfy_api/latest/_ui.py ImageSaveHelper"
    fooocus = "lllyasviel/Fooocus modules/private_logger.py log, modules/meta_parser.py"
    return [
        Sample(
            "a1111.png",
            png_texts(noise(512), ("parameters", INFOTEXT)),
            "Automatic1111",
            "png",
            PROMPT,
            a1111,
        ),
        Sample(
            "a1111-japanese.png",
            png_texts(noise(256), ("parameters", infotext(JAPANESE))),
            "Automatic1111",
            "png",
            JAPANESE,
            a1111 + " (Pillow writes a text outside Latin-1 as iTXt)",
        ),
        Sample(
            "a1111.jpg",
            piexif_jpeg(piexif_user_comment(INFOTEXT), noise(512)),
            "Automatic1111",
            "jpeg",
            PROMPT,
            a1111,
        ),
        Sample(
            "a1111.webp",
            piexif_webp(piexif_user_comment(INFOTEXT), noise(512)),
            "Automatic1111",
            "webp",
            PROMPT,
            a1111,
        ),
        Sample(
            "a1111.avif",
            saved(noise(256), "AVIF", quality=80, exif=piexif_user_comment(INFOTEXT)),
            "Automatic1111",
            "avif",
            PROMPT,
            a1111,
        ),
        Sample(
            "forge.png",
            png_texts(
                noise(256), ("parameters", infotext(version="f2.0.1v1.10.1-previous-669-gdfdcbab6"))
            ),
            "Forge",
            "png",
            PROMPT,
            "lllyasviel/stable-diffusion-webui-forge: Automatic1111's save code, its own Version",
        ),
        Sample(
            "sdnext.jpg",
            piexif_jpeg(
                piexif_user_comment(infotext(version="56a8aea", extra=", App: SD.Next")), noise(256)
            ),
            "SD.Next",
            "jpeg",
            PROMPT,
            "vladmandic/automatic: Automatic1111's save code, App: SD.Next",
        ),
        Sample(
            "comfyui.png",
            png_texts(
                noise(512),
                ("prompt", json.dumps(comfy_graph())),
                ("workflow", json.dumps(COMFY_WORKFLOW)),
            ),
            "ComfyUI",
            "png",
            PROMPT,
            comfy + ".save_images (nodes.py SaveImage)",
        ),
        Sample(
            "comfyui-animated.png",
            comfy_animated_png(),
            "ComfyUI",
            "png",
            PROMPT,
            comfy + ".save_animated_png",
        ),
        Sample(
            "comfyui.webp",
            saved(noise(256), "WEBP", exif=comfy_webp_exif(noise(256)), lossless=False, quality=80),
            "ComfyUI",
            "webp",
            PROMPT,
            comfy + ".save_animated_webp, one frame",
        ),
        Sample(
            "comfyui-animated.webp",
            comfy_animated_webp(),
            "ComfyUI",
            "webp",
            PROMPT,
            comfy + ".save_animated_webp",
        ),
        Sample(
            "comfyui-image-saver-disagreeing.png",
            png_texts(
                noise(256),
                ("parameters", infotext("a castle on a hill", version="ComfyUI")),
                ("prompt", json.dumps(comfy_graph())),
            ),
            "ComfyUI",
            "png",
            None,
            "ComfyUI-Image-Saver: its infotext and the graph name different prompts",
        ),
        Sample(
            "comfyui-image-saver-unwired.jpg",
            piexif_jpeg(piexif_user_comment(infotext("unknown", version="ComfyUI")), noise(64)),
            "ComfyUI",
            "jpeg",
            None,
            "ComfyUI-Image-Saver with its positive input left at its default, 'unknown'",
        ),
        Sample(
            "invokeai.png",
            png_texts(
                noise(512),
                ("invokeai_metadata", invokeai_metadata()),
                ("invokeai_workflow", json.dumps({"nodes": []})),
                ("invokeai_graph", json.dumps({"id": "sdxl_graph", "nodes": {}})),
            ),
            "InvokeAI",
            "png",
            PROMPT,
            "invoke-ai/InvokeAI invokeai/app/services/image_files/image_files_disk.py save",
        ),
        Sample(
            "invokeai2.png",
            png_texts(
                noise(256),
                ("Dream", f'"{PROMPT}" -s 50 -S 1234 -W 512 -H 512 -C 7.5 -A k_lms'),
                ("sd-metadata", sd_metadata([{"prompt": PROMPT, "weight": 1.0}])),
            ),
            "InvokeAI",
            "png",
            PROMPT,
            "invoke-ai/InvokeAI ldm/invoke/pngwriter.py save_image_and_prompt_to_png",
        ),
        Sample(
            "invokeai2-blend.png",
            png_texts(
                small(),
                (
                    "sd-metadata",
                    sd_metadata(
                        [{"prompt": "a fox", "weight": 0.5}, {"prompt": "a cat", "weight": 0.5}]
                    ),
                ),
            ),
            "InvokeAI",
            "png",
            "a fox:0.5,a cat:0.5",
            "invoke-ai/InvokeAI ldm/invoke/args.py metadata_dumps, repack_prompt",
        ),
        Sample(
            "dream.png",
            png_texts(small(), ("Dream", f'"{PROMPT}" -s50 -W512 -H512 -C7.5 -Ak_lms -S1234')),
            "InvokeAI",
            "png",
            PROMPT,
            "lstein/stable-diffusion's dream.py (PromptFormatter.normalize_prompt): Dream alone",
        ),
        Sample(
            "fooocus.png",
            png_texts(
                noise(256),
                ("parameters", json.dumps(fooocus_record())),
                ("fooocus_scheme", "fooocus"),
            ),
            "Fooocus",
            "png",
            PROMPT,
            fooocus,
        ),
        Sample(
            "fooocus.jpg",
            saved(
                noise(256),
                "JPEG",
                quality=95,
                exif=fooocus_exif(json.dumps(fooocus_record(JAPANESE)), "fooocus"),
            ),
            "Fooocus",
            "jpeg",
            JAPANESE,
            fooocus + " (json.dumps escapes what Pillow's ASCII could not write)",
        ),
        Sample(
            "fooocus.webp",
            saved(
                noise(256),
                "WEBP",
                quality=95,
                exif=fooocus_exif(json.dumps(fooocus_record()), "fooocus"),
            ),
            "Fooocus",
            "webp",
            PROMPT,
            fooocus,
        ),
        Sample(
            "fooocus-a1111.jpg",
            saved(
                noise(64), "JPEG", quality=95, exif=fooocus_exif(fooocus_infotext(PROMPT), "a1111")
            ),
            "Fooocus",
            "jpeg",
            PROMPT,
            fooocus + ", scheme a1111: Raw prompt is the prompt",
        ),
        Sample(
            "fooocus-a1111-japanese.jpg",
            saved(
                noise(64),
                "JPEG",
                quality=95,
                exif=fooocus_exif(fooocus_infotext(JAPANESE), "a1111"),
            ),
            "Fooocus",
            "jpeg",
            None,
            fooocus + ", scheme a1111: Pillow wrote '?' for each Japanese character",
        ),
        Sample(
            "swarmui.png",
            png_texts(
                noise(256),
                ("prompt", json.dumps(comfy_graph(PROMPT + ", <lora:x>"))),
                ("parameters", swarm_parameters()),
            ),
            "SwarmUI",
            "png",
            PROMPT,
            "mcmonkeyprojects/SwarmUI src/Utils/Image.cs ConvertTo, with its backend's graph",
        ),
        Sample(
            "swarmui.jpg",
            after_app0(imagesharp_user_comment(swarm_parameters(JAPANESE)), noise(256)),
            "SwarmUI",
            "jpeg",
            JAPANESE,
            "mcmonkeyprojects/SwarmUI src/Utils/Image.cs ConvertTo (ImageSharp's EXIF)",
        ),
        Sample(
            "novelai.png", novelai_png(JAPANESE), "NovelAI", "png", JAPANESE, "NovelAI's PNG texts"
        ),
        Sample(
            "novelai-characters.png",
            novelai_png("2girls, dancing", ["girl, hatsune miku", "girl, kagamine rin"]),
            "NovelAI",
            "png",
            None,
            "NovelAI V4 with character prompts: several texts, no one prompt",
        ),
        Sample(
            "novelai.webp",
            novelai_webp(JAPANESE),
            "NovelAI",
            "webp",
            JAPANESE,
            "NovelAI's WebP EXIF",
        ),
        Sample(
            "stability-matrix.png",
            stability_matrix_png(),
            "Stability Matrix",
            "png",
            JAPANESE,
            "LykosAI/StabilityMatrix ImageMetadata.AddGenerationParametersToPng",
        ),
        Sample(
            "camera.jpg",
            camera_jpeg(),
            "none",
            "jpeg",
            None,
            "a camera's EXIF: Make, Model, ImageDescription",
        ),
        Sample(
            "captioned.jpg",
            after_app0(xmp_caption("A lighthouse at dusk, Brittany"), noise(64)),
            "none",
            "jpeg",
            None,
            "a photo captioned in XMP dc:description",
        ),
        Sample(
            "described.png",
            png_texts(noise(64), ("Description", "A cat asleep"), ("Software", "GIMP 2.10")),
            "none",
            "png",
            None,
            "a PNG Description not written by NovelAI",
        ),
        Sample("plain.png", saved(noise(512), "PNG"), "none", "png", None, "Pillow, no text"),
        Sample(
            "plain.webp", saved(noise(256), "WEBP"), "none", "webp", None, "Pillow, no metadata"
        ),
    ]
