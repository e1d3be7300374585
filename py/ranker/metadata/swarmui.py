"""SwarmUI: a JSON object whose `sui_image_params` holds the parameters, as the PNG text
`parameters` or the EXIF UserComment of a JPEG or WebP (src/Utils/Image.cs, ConvertTo; the
names are its T2IParamTypes ids: prompt, negativeprompt, seed, steps, cfgscale, sampler,
model). A SwarmUI PNG made through its ComfyUI backend also holds that backend's `prompt`
graph: the parameters are what the person asked for, so they win."""

from .generation import Generation
from .values import RecordKeys, from_record

KEYS = RecordKeys("prompt", "negativeprompt", "seed", "model", "sampler", "steps", "cfgscale")


def generation(params: dict, source: str) -> Generation:
    return from_record(params, KEYS, "SwarmUI", source)
