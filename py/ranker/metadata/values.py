"""Values read from a generator's record, typed or None: a record is data from a file, so a
seed written as "12" and one written as 12 are the same seed, and "twelve" is none."""

import math
from typing import NamedTuple

from .generation import Generation


def text(value: object) -> str | None:
    """A non-empty string, stripped."""
    return value.strip() or None if isinstance(value, str) else None


def whole(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit() and len(value) < 40:
        return int(value)
    return None


def number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        result = float(value)
    elif isinstance(value, str) and len(value) < 40:
        try:
            result = float(value)
        except ValueError:
            return None
    else:
        return None
    return result if math.isfinite(result) else None


class RecordKeys(NamedTuple):
    """The keys under which a generator's JSON record holds each value, in its own spelling."""

    prompt: str
    negative_prompt: str
    seed: str
    model: str
    sampler: str
    steps: str
    cfg: str


def from_record(record: dict, keys: RecordKeys, generator: str, source: str) -> Generation:
    """A generator's flat JSON record, read by its key names."""
    return Generation(
        prompt=text(record.get(keys.prompt)),
        negative_prompt=text(record.get(keys.negative_prompt)),
        seed=whole(record.get(keys.seed)),
        model=text(record.get(keys.model)),
        sampler=text(record.get(keys.sampler)),
        steps=whole(record.get(keys.steps)),
        cfg=number(record.get(keys.cfg)),
        generator=generator,
        source=source,
    )
