"""Which answers of a log are still in force, replaying its undo rows as the engine does: an
undo row takes back the latest answer in force of the same judge, question and device (a whole
set answer at once), so the logs of several judges and devices merged into one replay as each
person meant, whatever order the devices' rows were merged in.
Remove and restore rows, and the undo rows naming one image that take them back, are replayed
as `ranker.removals` says: they are no answers, and say which images are out of the ranking."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..log import UNDO, Vote, answers, is_removal
from ..removals import Removals

Answer = tuple[Vote, ...]


@dataclass
class Replay:
    """`in_force`: the answers no undo row took back, oldest first. `stray_undos`: the undo
    rows that cannot be replayed, each with why: nothing of their judge and question is left
    to take back, or the latest answer in force is not the pair they name (a row before them
    was left out, so they would take back the wrong answer); the same for an undo of a
    remove or restore. `removed`: the images the log leaves out of the ranking."""

    in_force: list[Answer] = field(default_factory=list)
    stray_undos: list[tuple[Vote, str]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def replay(votes: Iterable[Vote]) -> Replay:
    result = Replay()
    kept: list[Answer | None] = []
    stacks: dict[tuple[str, str, str], list[tuple[int, Answer]]] = {}  # (index in kept, answer)
    removals = Removals()
    for position, answer in enumerate(answers(votes)):
        first = answer[0]
        if is_removal(first):
            problem = removals.check(first)
            if problem is None:
                removals.apply(first, position)
            else:
                result.stray_undos.append((first, problem))
            continue
        stack = stacks.setdefault((first.judge, first.question, first.device), [])
        if first.outcome != UNDO:
            stack.append((len(kept), answer))
            kept.append(answer)
            continue
        if not stack:
            result.stray_undos.append((first, f"{first.judge!r} has no answer left to undo"))
            continue
        latest = stack[-1][1][0]
        if {latest.left, latest.right} != {first.left, first.right}:
            result.stray_undos.append(
                (
                    first,
                    f"it undoes {first.left!r} / {first.right!r}, but the latest answer of "
                    f"{first.judge!r} is {latest.left!r} / {latest.right!r}",
                )
            )
            continue
        kept[stack.pop()[0]] = None
    result.in_force = [answer for answer in kept if answer is not None]
    result.removed = removals.removed
    return result


def answers_in_force(votes: Iterable[Vote]) -> list[Answer]:
    return replay(votes).in_force
