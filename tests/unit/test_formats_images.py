"""images.jsonl: one object per image with the same keys, null where unknown."""

import json

from ranker.formats import IMAGES_KEYS, write_images
from ranker.image_size import ImageSize
from ranker.metadata.generation import Generation


def test_every_line_has_the_contract_keys_sorted_by_path_and_null_where_unknown() -> None:
    made = Generation(
        prompt="a glass flower, «blossom»",
        negative_prompt="blurry",
        seed=2**63 + 5,
        model="sdxl.safetensors",
        sampler="euler",
        steps=20,
        cfg=7.0,
        generator="ComfyUI",
    )
    text = write_images(
        [("b/z.png", None, None), ("a.png", made, ImageSize(1024, 768)), ("c.jpg", None, None)]
    )
    rows = [json.loads(line) for line in text.splitlines()]
    assert IMAGES_KEYS == (
        "path", "prompt", "negative_prompt", "seed", "model", "generator", "width", "height"
    )  # fmt: skip
    assert [tuple(row) for row in rows] == [IMAGES_KEYS] * 3
    assert rows[0] == {
        "path": "a.png",
        "prompt": "a glass flower, «blossom»",
        "negative_prompt": "blurry",
        "seed": 2**63 + 5,
        "model": "sdxl.safetensors",
        "generator": "ComfyUI",
        "width": 1024,
        "height": 768,
    }
    assert [row["path"] for row in rows] == ["a.png", "b/z.png", "c.jpg"]
    assert rows[1] == dict.fromkeys(IMAGES_KEYS) | {"path": "b/z.png"}
    assert "«blossom»" in text  # UTF-8, not escaped
    assert write_images([]) == ""
