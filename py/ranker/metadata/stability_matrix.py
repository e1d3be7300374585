"""Stability Matrix: its GenerationParameters as JSON, the PNG text `parameters-json` beside an
infotext as `parameters`, or a WebP's EXIF ImageDescription (StabilityMatrix.Core/Helper/
ImageMetadata.cs, EmbedGenerationParameters). Its own reader takes the JSON first
(GetGenerationParameters): older versions wrote the infotext's UTF-8 twice over, and the JSON
is what the person asked for, so it wins over that text and over the graph of the ComfyUI
backend that made the image."""

from .generation import Generation
from .values import RecordKeys, from_record


def is_stability_matrix(record: dict) -> bool:
    return isinstance(record.get("PositivePrompt"), str)


KEYS = RecordKeys(
    "PositivePrompt", "NegativePrompt", "Seed", "ModelName", "Sampler", "Steps", "CfgScale"
)


def generation(record: dict, source: str) -> Generation:
    return from_record(record, KEYS, "Stability Matrix", source)
