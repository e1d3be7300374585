"""Which images the person took out of the ranking: a log's `remove` and `restore` rows, and
the undo rows that take them back. One piece of bookkeeping for the engine (`Ranker`) and for
the log's readers (`formats.in_force`), so that a row means the same to both.

A removal is the person's choice about an image, not an answer about it. It holds for every
question (each question's ranking leaves the image out), the image's answers stay in the log
(they keep informing the other images' ratings, and count again for the image once it is
restored), and its file is never touched. Each remove or restore row is an entry of its
judge's list, whatever the question; an undo row naming one image (its `right` empty) takes
back that judge's latest entry still in force, which must name the same image. An image is
out while the latest entry in force that names it, of any judge, is a remove: so two devices
that removed and restored an image agree once they read the same log."""

from dataclasses import dataclass

from .log import REMOVE, UNDO, Vote


@dataclass(frozen=True, slots=True)
class Entry:
    """A remove or restore row in force, and where it is in the log (an undo takes back the
    later of a judge's latest answer and latest entry)."""

    position: int
    vote: Vote


class Removals:
    def __init__(self) -> None:
        self._entries: list[Entry] = []  # in force, in log order
        self._latest: dict[str, Entry] = {}  # image -> the latest entry in force naming it

    def check(self, vote: Vote) -> str | None:
        """Why the row cannot apply now, or None. Only an undo can fail: a remove or restore
        always records what the person did (restoring an image another device restored too
        changes nothing)."""
        if vote.outcome != UNDO:
            return None
        latest = self.latest(vote.judge)
        if latest is None:
            return f"{vote.judge!r} has no remove or restore left to undo"
        if latest.vote.left != vote.left:
            return (
                f"it undoes a remove or restore of {vote.left!r}, but the latest of "
                f"{vote.judge!r} is about {latest.vote.left!r}"
            )
        return None

    def apply(self, vote: Vote, position: int) -> Entry | None:
        """Applies a row that `check` accepts; returns the entry an undo took back."""
        problem = self.check(vote)
        if problem is not None:
            raise ValueError(problem)
        if vote.outcome != UNDO:
            entry = Entry(position, vote)
            self._entries.append(entry)
            self._latest[vote.left] = entry
            return None
        index = max(i for i, e in enumerate(self._entries) if e.vote.judge == vote.judge)
        taken_back = self._entries.pop(index)
        path = taken_back.vote.left
        earlier = [entry for entry in self._entries if entry.vote.left == path]
        if earlier:
            self._latest[path] = earlier[-1]
        else:
            del self._latest[path]
        return taken_back

    def latest(self, judge: str) -> Entry | None:
        """The judge's latest entry still in force."""
        return next((e for e in reversed(self._entries) if e.vote.judge == judge), None)

    def is_removed(self, path: str) -> bool:
        entry = self._latest.get(path)
        return entry is not None and entry.vote.outcome == REMOVE

    @property
    def removed(self) -> list[str]:
        """The images out of the ranking, in the order of the rows that took them out."""
        return [
            entry.vote.left
            for entry in self._entries
            if self._latest[entry.vote.left] is entry and entry.vote.outcome == REMOVE
        ]
