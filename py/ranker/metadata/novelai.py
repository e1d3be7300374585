"""NovelAI: PNG texts `Software` ("NovelAI"), `Description` (the prompt), `Source` (the model)
and `Comment`, a JSON object with prompt, uc (the negative prompt), seed, steps, scale and
sampler; its WebPs hold the same texts as a JSON object in the EXIF UserComment. NovelAI's save
code is not public: this follows the files it makes and the reader Automatic1111 has for them
(modules/images.py, read_info_from_image).

Version 4 adds character prompts (`v4_prompt.caption.char_captions`), each placed in the image:
the image was made from the base prompt and those together, which are several texts and no one
prompt, so such an image gets none."""

import json

from .generation import Generation
from .values import number, text, whole


def is_novelai(texts: dict) -> bool:
    return texts.get("Software") == "NovelAI"


def generation(texts: dict, source: str, notes: list[str]) -> Generation:
    comment = texts.get("Comment")
    settings = json.loads(comment) if isinstance(comment, str) else {}
    if not isinstance(settings, dict):
        raise ValueError("its Comment is not a JSON object")
    description = texts.get("Description")
    # its WebPs start the Description with four zero bytes
    description = text(description.lstrip("\0") if isinstance(description, str) else None)
    prompt = text(settings.get("prompt")) or description
    if description and prompt != description:
        notes.append("the NovelAI Description and Comment prompts differ: neither is taken")
        prompt = None
    elif _characters(settings):
        notes.append("the NovelAI image was made with character prompts: it has no one prompt")
        prompt = None
    return Generation(
        prompt=prompt,
        negative_prompt=text(settings.get("uc")),
        seed=whole(settings.get("seed")),
        model=text(texts.get("Source")),
        sampler=text(settings.get("sampler")),
        steps=whole(settings.get("steps")),
        cfg=number(settings.get("scale")),
        generator="NovelAI",
        source=source,
    )


def _characters(settings: dict) -> bool:
    prompt = settings.get("v4_prompt")
    caption = prompt.get("caption") if isinstance(prompt, dict) else None
    characters = caption.get("char_captions") if isinstance(caption, dict) else None
    return isinstance(characters, list) and any(
        isinstance(character, dict) and text(character.get("char_caption"))
        for character in characters
    )
