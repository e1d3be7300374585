"""Whether a folder opened now is one this browser has kept answers for. A browser that
cannot write into a folder keeps its answers for it (the folder's journal), and only the
folder's name and its listing say which folder it is: two camera cards both hold
`DCIM/100APPLE/IMG_0001.JPG`. A folder is the same one only if its images are the same
files (paths, sizes, modification times); one with the same name and another listing is
offered with what changed, and never resumed without asking. (Where the browser gives only
paths, as the File System Access API does without reading each file, paths alone count.)

The page asks `identify` with the listing it read and every folder it knows by that name (or,
with the File System Access API, at that place on the disk); this module decides, the page's
glue carries the decision out."""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from .listing import skip_reason

# (size in bytes, modification time in ms since 1970), or None where the browser does not say
Stamp = tuple[int, int] | None
Stamps = Mapping[str, Stamp]  # an image's path -> its stamp


def read_listing(entries: Iterable[object]) -> dict[str, Stamp]:
    """The images of a listing as the page sends it: `[path, size, modified]` entries, size
    and time null where unknown. Anything else (a listing kept by an older version, or
    damaged in the browser's storage) is left out rather than trusted."""
    listing: dict[str, Stamp] = {}
    for entry in entries:
        if not isinstance(entry, list | tuple) or len(entry) != 3:
            continue
        path, size, modified = entry
        if not isinstance(path, str) or skip_reason(path) is not None:
            continue
        if _count(size) and _count(modified):
            listing[path] = (int(size), int(modified))
        elif size is None and modified is None:
            listing[path] = None
    return listing


def _count(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value >= 0


@dataclass(frozen=True)
class Changes:
    """How a folder's images differ from those of the folder kept before: added, gone, and
    present in both but another file (size or modification time differ)."""

    new: tuple[str, ...]
    missing: tuple[str, ...]
    changed: tuple[str, ...]
    same: int  # images that are the same file in both

    def __bool__(self) -> bool:
        return bool(self.new or self.missing or self.changed)

    def summary(self, named: int = 2) -> str:
        """'2 new images (a.png, b.png), 1 missing (c.png), 5 changed (d.png, e.png, …)'."""
        parts: list[str] = []
        for paths, what in (
            (self.new, "new"),
            (self.missing, "missing"),
            (self.changed, "changed"),
        ):
            if paths:
                shown = ", ".join(paths[:named]) + (", …" if len(paths) > named else "")
                noun = "" if parts else (" image" if len(paths) == 1 else " images")
                parts.append(f"{len(paths):,} {what}{noun} ({shown})")
        return ", ".join(parts)


def changes(before: Stamps, now: Stamps) -> Changes:
    """What changed from `before` to `now`. A stamp unknown on either side counts as the same."""
    changed = sorted(
        path
        for path, stamp in now.items()
        if path in before and stamp is not None and before[path] not in (None, stamp)
    )
    return Changes(
        new=tuple(sorted(path for path in now if path not in before)),
        missing=tuple(sorted(path for path in before if path not in now)),
        changed=tuple(changed),
        same=sum(1 for path in now if path in before) - len(changed),
    )


@dataclass(frozen=True)
class Known:
    """A folder this browser knows: its id (which keys its answers) and its listing when it
    was last opened (None: not kept, by a version before this check)."""

    id: str
    listing: Stamps | None


@dataclass(frozen=True)
class Same:
    """The folder is `id`, as it was: its answers are resumed."""

    id: str


@dataclass(frozen=True)
class Changed:
    """A folder by that name has `answers` here, but its listing differs (`changes`; None
    when its listing was never kept): the person says whether to continue with them."""

    id: str
    changes: Changes | None
    answers: int


@dataclass(frozen=True)
class New:
    """No folder with answers matches: a fresh start, under `reuse` (a known id with no
    answers, so a folder opened again and again keeps one record) or a new id."""

    reuse: str | None


def identify(
    now: Stamps, known: Sequence[Known], answers: Callable[[str], int]
) -> Same | Changed | New:
    """Same when a known folder's listing is this one; else Changed with the known folder
    holding answers that has the most images in common; else New. `answers(id)` counts the
    answers kept for a known folder: asked only when needed, as it reads the whole journal."""
    exact = [k for k in known if k.listing is not None and not changes(k.listing, now)]
    if len(exact) == 1:
        return Same(exact[0].id)
    if exact:
        return Same(max(exact, key=lambda k: answers(k.id)).id)
    counts = {k.id: answers(k.id) for k in known}
    with_answers = [k for k in known if counts[k.id] > 0]
    if not with_answers:
        return New(known[0].id if known else None)
    diffs = {k.id: None if k.listing is None else changes(k.listing, now) for k in with_answers}

    def closeness(k: Known) -> tuple[int, int]:
        diff = diffs[k.id]
        return (-1 if diff is None else diff.same, counts[k.id])

    best = max(with_answers, key=closeness)
    return Changed(best.id, diffs[best.id], counts[best.id])
