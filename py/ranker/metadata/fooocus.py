"""Fooocus in its own ("fooocus") scheme: a JSON object as the PNG text `parameters` (beside
`fooocus_scheme`), or as the EXIF UserComment of IFD0 of a JPEG or WebP, with `Fooocus v...` as
Software and the scheme as MakerNote (modules/private_logger.py, log; modules/meta_parser.py,
FooocusMetadataParser.parse_string and get_exif). `prompt` is the person's prompt;
`full_prompt` adds Fooocus's styles and expansion, several texts, so is not one."""

from .generation import Generation
from .values import RecordKeys, from_record


def is_fooocus(record: dict, scheme: str | None) -> bool:
    version = record.get("version")
    return scheme == "fooocus" or (isinstance(version, str) and version.startswith("Fooocus"))


KEYS = RecordKeys(
    "prompt", "negative_prompt", "seed", "base_model", "sampler", "steps", "guidance_scale"
)


def generation(record: dict, source: str) -> Generation:
    return from_record(record, KEYS, "Fooocus", source)
