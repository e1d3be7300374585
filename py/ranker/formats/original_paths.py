"""The original Flask app's paths, matched to this folder's images.

The original app wrote absolute paths (`C:/Users/me/pics/a.png`, `/home/me/pics/a.png`), and
an early version paths relative to where it ran (`static/images/a.png`). A log keeps them as
the history wrote them: nothing of the file is lost, a history imported into a folder that
lacks some of its images counts those rows as soon as the images are here, and "Export for
the original app" gives the paths back. Each time a folder is opened they are matched to its
images (`PathResolver`).

A path is matched by the longest common suffix of path components, so the folder may have
moved, or been chosen one level up or down: the image whose path shares the most trailing
components wins; case-sensitive agreement counts first and case-insensitive agreement breaks
ties (the file name must agree at least without case); a tie between images is ambiguous and
matches nothing."""

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace

from ..log import Vote

IMPORTED = "imported"
"""The strategy of the rows an import of the original app's history writes."""
_SEPARATORS = re.compile(r"[\\/]")
_COMPONENT = re.compile(r"[^\\/]+")
_ABSOLUTE = re.compile(r"^(?:[\\/]|[A-Za-z]:[\\/])")


def is_absolute(path: str) -> bool:
    """A POSIX, Windows (drive or UNC) absolute path: never one of a folder's own paths."""
    return _ABSOLUTE.match(path) is not None


class SuffixMatcher:
    """Paths matched to `items` by their longest common suffix; what matches nothing, or
    several items, is collected (each path once) in `unmatched` / `ambiguous`."""

    def __init__(self, items: Iterable[str]) -> None:
        self._by_name: dict[str, list[tuple[str, list[str]]]] = {}
        for item in items:
            parts = item.split("/")
            self._by_name.setdefault(parts[-1].lower(), []).append((item, parts))
        self._found: dict[str, str | None] = {}
        self.unmatched: list[str] = []
        self.ambiguous: list[str] = []

    def match(self, path: str) -> str | None:
        if path not in self._found:
            self._found[path] = self._best(path)
        return self._found[path]

    def _best(self, path: str) -> str | None:
        parts = [part for part in _SEPARATORS.split(path) if part]
        scored = sorted(
            (
                (
                    _common_suffix(parts, item_parts, str),
                    _common_suffix(parts, item_parts, str.lower),
                ),
                item,
            )
            for item, item_parts in self._by_name.get(parts[-1].lower() if parts else "", [])
        )
        if not scored:
            self.unmatched.append(path)
            return None
        if len(scored) > 1 and scored[-1][0] == scored[-2][0]:
            self.ambiguous.append(path)
            return None
        return scored[-1][1]


def _common_suffix(a: list[str], b: list[str], key: Callable[[str], str]) -> int:
    count = 0
    while count < min(len(a), len(b)) and key(a[-1 - count]) == key(b[-1 - count]):
        count += 1
    return count


class PathResolver:
    """A log's rows with the original app's paths replaced by this folder's images.

    A path is the original app's when the folder does not have it and it is absolute, or its
    row was imported from the original app (strategy `imported`); the folder's own paths and
    every other row are left as they are. A path that matches no image (or several) is left
    as written, so its rows name an image the folder does not have: they stay in the log, and
    count once the image is here. A row whose two paths would match one image is left as it
    is (an image is never compared with itself)."""

    def __init__(self, images: Iterable[str]) -> None:
        self._images = set(images)
        self._matcher = SuffixMatcher(self._images)
        self._bases: Counter[str] = Counter()

    def votes(self, votes: Iterable[Vote]) -> list[Vote]:
        return [self.vote(vote) for vote in votes]

    def vote(self, vote: Vote) -> Vote:
        images = self._images
        if (vote.left in images or not vote.left) and (vote.right in images or not vote.right):
            return vote  # nearly every row: checked first, as a long log is matched at open
        imported = vote.strategy == IMPORTED
        left, right = (self._path(path, imported) for path in (vote.left, vote.right))
        if (left, right) == (vote.left, vote.right) or left == right:
            return vote
        return replace(vote, left=left, right=right)

    def _path(self, path: str, imported: bool) -> str:
        if not path or path in self._images or not (imported or is_absolute(path)):
            return path
        found = self._matcher.match(path)
        if found is None:
            return path
        base = _base(path, found)
        if base:
            self._bases[base] += 1
        return found

    @property
    def unmatched(self) -> list[str]:
        """The original app's paths that matched no image here, each once."""
        return self._matcher.unmatched

    @property
    def ambiguous(self) -> list[str]:
        """The original app's paths that matched several images here, each once."""
        return self._matcher.ambiguous

    def base(self) -> str | None:
        """Where the original app had this folder, as the paths matched so far say (the most
        common): the text before an image's relative path in its original path, with its
        separator (`C:\\Users\\me\\pics\\`), or None when no path told."""
        return self._bases.most_common(1)[0][0] if self._bases else None


def _base(path: str, item: str) -> str | None:
    """The text of `path` before the components of `item`, if it ends with all of them."""
    spans = [match.span() for match in _COMPONENT.finditer(path)]
    parts = item.split("/")
    if len(spans) < len(parts):
        return None
    tail = [path[start:end] for start, end in spans[-len(parts) :]]
    if [part.lower() for part in tail] != [part.lower() for part in parts]:
        return None
    return path[: spans[-len(parts)][0]]
