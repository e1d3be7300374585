"""What a container walker hands on: the texts and blocks generators write, not yet read."""

from dataclasses import dataclass, field

from .limits import BLOCKS

PNG_KEYS = frozenset(
    {
        "parameters",  # Automatic1111, Forge, SD.Next, Fooocus, SwarmUI
        "parameters-json",  # Stability Matrix
        "fooocus_scheme",  # Fooocus: which of its two formats `parameters` is in
        "prompt",  # ComfyUI: the API graph
        "workflow",  # ComfyUI: the UI graph
        "invokeai_metadata",  # InvokeAI 3 and later
        "sd-metadata",  # InvokeAI 2
        "Dream",  # InvokeAI 2, and its `dream` command line before
        "Software",  # NovelAI names itself here
        "Description",  # NovelAI: the prompt
        "Comment",  # NovelAI: the settings, as JSON
        "XML:com.adobe.xmp",  # XMP in a PNG (Draw Things)
    }
)
"""The PNG text keys some reader reads; chunks of other keys are skipped unread."""


@dataclass
class Records:
    container: str
    """"png", "webp", "jpeg" or "heif": where the texts came from, for `Generation.source`."""
    texts: dict[str, str] = field(default_factory=dict)
    """PNG text chunks of the keys in PNG_KEYS: the first readable one of each key."""
    exif: list[bytes] = field(default_factory=list)
    """EXIF blocks (TIFF bytes, after any "Exif" header)."""
    xmp: list[bytes] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped_blocks: bool = False

    def add_block(self, kind: str, data: bytes) -> None:
        """An EXIF or XMP block, unless the file already gave BLOCKS of them."""
        if len(self.exif) + len(self.xmp) >= BLOCKS:
            if not self.skipped_blocks:
                self.notes.append(
                    f"the file has more than {BLOCKS} EXIF and XMP blocks: the rest were skipped"
                )
                self.skipped_blocks = True
            return
        (self.exif if kind == "exif" else self.xmp).append(data)
