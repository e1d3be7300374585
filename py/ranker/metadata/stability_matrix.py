"""Stability Matrix: its GenerationParameters as JSON, the PNG text `parameters-json` beside an
infotext as `parameters`, or a WebP's EXIF ImageDescription (StabilityMatrix.Core/Helper/
ImageMetadata.cs, EmbedGenerationParameters). Its own reader takes the JSON first
(GetGenerationParameters): older versions wrote the infotext's UTF-8 twice over, and the JSON
is what the person asked for, so it wins over that text and over the graph of the ComfyUI
backend that made the image."""

from .generation import Generation
from .values import number, text, whole


def is_stability_matrix(record: dict) -> bool:
    return isinstance(record.get("PositivePrompt"), str)


def generation(record: dict, source: str) -> Generation:
    return Generation(
        prompt=text(record.get("PositivePrompt")),
        negative_prompt=text(record.get("NegativePrompt")),
        seed=whole(record.get("Seed")),
        model=text(record.get("ModelName")),
        sampler=text(record.get("Sampler")),
        steps=whole(record.get("Steps")),
        cfg=number(record.get("CfgScale")),
        generator="Stability Matrix",
        source=source,
    )
