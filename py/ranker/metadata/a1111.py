"""Automatic1111's infotext, and who wrote it: Forge, SD.Next, Fooocus and ComfyUI save nodes
write the same format, and say so in its `Version` or `App` field.

Automatic1111 writes it as the PNG text `parameters` and, for JPEG, WebP and AVIF, as the EXIF
UserComment of the Exif IFD, UNICODE (UTF-16) as piexif dumps it (modules/images.py,
save_image_with_geninfo). Fooocus, in its "a1111" scheme, writes the prompt with its styles
applied and the person's own prompt as `Raw prompt`, which its own reader takes as the prompt
(modules/meta_parser.py, A1111MetadataParser.parse_json): so does this one. ComfyUI save nodes
writing it (ComfyUI-Image-Saver: "Version: ComfyUI") write "unknown" for a prompt input left
unwired, its default: that is no prompt."""

from .generation import Generation
from .infotext import parse
from .values import number, text, whole


def generation(infotext: str, source: str) -> Generation:
    info = parse(infotext)
    fields = info.fields
    maker = generator(fields)
    prompt: str | None = info.prompt
    negative: str | None = info.negative_prompt
    if maker == "Fooocus":
        prompt = fields.get("Raw prompt", prompt)
        negative = fields.get("Raw negative prompt", negative)
    if maker == "ComfyUI":  # the save node's default for an input left unwired
        prompt = None if prompt == "unknown" else prompt
        negative = None if negative == "unknown" else negative
    return Generation(
        prompt=text(prompt),
        negative_prompt=text(negative),
        seed=whole(fields.get("Seed")),
        model=text(fields.get("Model")),
        sampler=text(fields.get("Sampler")),
        steps=whole(fields.get("Steps")),
        cfg=number(fields.get("CFG scale", fields.get("CFG Scale"))),
        generator=maker,
        source=source,
    )


def is_infotext(value: str) -> bool:
    """Whether a text is surely an infotext, not a caption: its last line has the fields every
    writer of the format writes, a step count and a seed."""
    return {"Steps", "Seed"} <= parse(value).fields.keys()


def generator(fields: dict[str, str]) -> str:
    version = fields.get("Version", "")
    if fields.get("App") == "SD.Next":
        return "SD.Next"
    if version == "ComfyUI":
        return "ComfyUI"
    if version.startswith("Fooocus"):
        return "Fooocus"
    if version in ("classic", "neo") or version.startswith(("neo-", "f1.", "f2.", "f0.")):
        return "Forge"
    if "Civitai resources" in fields:
        return "Civitai"
    return "Automatic1111"
