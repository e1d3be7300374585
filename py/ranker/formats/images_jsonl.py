"""images.jsonl: what each image of the folder was generated from, for scripts that build
training sets from the folder (they join it with preferences.jsonl on the path).

One JSON object per image, sorted by path, UTF-8, every line with the same keys: `path`
(relative to the folder), `prompt`, `negative_prompt`, `seed`, `model`, `generator` (e.g.
"ComfyUI", "Automatic1111"), `width`, `height`; null where unknown. A prompt is null, not
a guess, where the file does not say which text made the image (`ranker.metadata`)."""

import json
from collections.abc import Iterable, Iterator

from ..image_size import ImageSize
from ..metadata.generation import Generation

IMAGES_KEYS = ("path", "prompt", "negative_prompt", "seed", "model", "generator", "width", "height")

ImageFacts = tuple[str, Generation | None, ImageSize | None]
"""An image's path, what its file says of its generation, and its size in pixels."""

_JSON = json.JSONEncoder(ensure_ascii=False)


def image_row(path: str, generation: Generation | None, size: ImageSize | None) -> dict:
    made = generation or Generation()
    return {
        "path": path,
        "prompt": made.prompt,
        "negative_prompt": made.negative_prompt,
        "seed": made.seed,
        "model": made.model,
        "generator": made.generator,
        "width": size.width if size else None,
        "height": size.height if size else None,
    }


def image_lines(images: Iterable[ImageFacts]) -> Iterator[str]:
    """images.jsonl a line at a time, so the page writes it in slices between frames."""
    for path, generation, size in sorted(images, key=lambda facts: facts[0]):
        yield _JSON.encode(image_row(path, generation, size)) + "\n"


def write_images(images: Iterable[ImageFacts]) -> str:
    return "".join(image_lines(images))
