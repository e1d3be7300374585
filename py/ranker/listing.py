"""Which files of a chosen folder are ranked, and why the others are not: the page walks the
folder and asks this for every path, so the rules live in one place, tested in CPython."""

from collections import Counter
from dataclasses import dataclass, field

from .raw_preview import RAW_EXTENSIONS

# In the order the page names them to a person whose folder has none.
LISTED_EXTENSIONS = (
    *(".jpg", ".jpeg", ".jfif", ".jpe", ".png", ".gif", ".webp", ".avif", ".bmp", ".svg"),
    *(".heic", ".heif", ".tif", ".tiff", ".jxl"),
    *(".dng", ".cr2", ".cr3", ".nef", ".arw", ".raf", ".orf", ".rw2", ".pef", ".srw"),
)
IMAGE_EXTENSIONS = frozenset(LISTED_EXTENSIONS)
assert RAW_EXTENSIONS <= IMAGE_EXTENSIONS  # camera RAW, shown through its embedded preview
APP_FOLDER = ".image-ranker"

HIDDEN = "hidden entries"  # a hidden folder (.git) counts once, not per file inside it
NOT_IMAGE = "not images"


def skip_reason(path: str) -> str | None:
    """None for an image to rank, else why the file is left out. Paths are relative, with /."""
    parts = path.split("/")
    if any(part.startswith(".") for part in parts):
        return HIDDEN
    dot = parts[-1].rfind(".")
    if dot <= 0 or parts[-1][dot:].lower() not in IMAGE_EXTENSIONS:
        return NOT_IMAGE
    return None


@dataclass
class Listing:
    """A folder's images (in walk order) and the count of other files by reason."""

    images: list[str] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)

    def add(self, path: str) -> None:
        reason = skip_reason(path)
        if reason is None:
            self.images.append(path)
        else:
            self.skipped[reason] += 1

    def summary(self) -> str:
        """'1,204 images; skipped 3 files that are not images and 2 hidden files or folders'."""
        images = f"{len(self.images):,} image{'s' if len(self.images) != 1 else ''}"
        if not self.skipped:
            return images
        parts = []
        if self.skipped[NOT_IMAGE]:
            n = self.skipped[NOT_IMAGE]
            parts.append(
                f"{n:,} file{'s' if n != 1 else ''} that {'are' if n != 1 else 'is'} not "
                f"{'images' if n != 1 else 'an image'}"
            )
        if self.skipped[HIDDEN]:
            n = self.skipped[HIDDEN]
            parts.append(
                f"{n:,} hidden file{'s' if n != 1 else ''} or folder{'s' if n != 1 else ''}"
            )
        return f"{images}; skipped {' and '.join(parts)}"
