"""What a generator recorded about how it made an image: the record every reader of a
generator's format returns, and what `.image-ranker/images.jsonl` holds per image."""

from dataclasses import dataclass, field


@dataclass
class Generation:
    """None is "not recorded, or not decidable": a reader that cannot tell which of two texts
    made the image records neither, since a wrong prompt in training data is worse than none."""

    prompt: str | None = None
    negative_prompt: str | None = None
    seed: int | None = None
    model: str | None = None
    sampler: str | None = None
    steps: int | None = None
    cfg: float | None = None
    generator: str | None = None
    """Who wrote the record, as users name it: "ComfyUI", "Automatic1111", "InvokeAI", ..."""
    source: str = ""
    """Where in the file it was read (e.g. "png:parameters", "exif:UserComment", "caption")."""
    notes: list[str] = field(default_factory=list)
    """What could not be read, for the page to say: never an exception."""
