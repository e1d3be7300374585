"""What the page asks of a ranking engine, written once. `Ranker` is the engine; the original
app's way (`reference.OnlineRanker`: random pairs, one online update per answer) answers the
same calls so that `bench browser` can run the same page with both. A type checker holds both
to this protocol (`python build.py test` runs it), so a call the page starts making of the
engine cannot silently be missing from the reference."""

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Protocol

from .judges import JudgeRow
from .log import Vote
from .ranker import Standing


class Engine(Protocol):
    seed: int
    judge: str
    device: str
    question: str
    strategy: str

    @property
    def items(self) -> list[str]: ...

    @property
    def votes(self) -> Sequence[Vote]: ...

    @property
    def answered(self) -> int: ...

    @property
    def groups(self) -> dict[str, list[str]]: ...

    def next_pair(self) -> tuple[str, str] | None: ...

    def next_set(self, k: int) -> tuple[str, ...] | None: ...

    def likely_next(self) -> tuple[str, ...]: ...

    def vote(self, winner: str, loser: str, *, time: str | None = None) -> Vote: ...

    def draw(self, a: str, b: str, *, time: str | None = None) -> Vote: ...

    def skip(self, a: str, b: str, *, time: str | None = None) -> Vote: ...

    def skip_set(self, shown: Sequence[str], *, time: str | None = None) -> list[Vote]: ...

    def choose(self, best: str, shown: Sequence[str], *, time: str | None = None) -> list[Vote]: ...

    def undo(self, *, time: str | None = None) -> Vote: ...

    def take_in(self, votes: Iterable[Vote]) -> None: ...

    def remove(self, items: Iterable[str]) -> None: ...

    @property
    def removed(self) -> list[str]: ...

    def remove_item(self, item: str, *, time: str | None = None) -> Vote: ...

    def restore_item(self, item: str, *, time: str | None = None) -> Vote: ...

    def hold_back(self, items: Iterable[str]) -> None: ...

    def set_groups(self, groups: Mapping[str, str] | None) -> None: ...

    def settle(self, steps: int | None = None) -> bool: ...

    def ranking(self, group: str | None = None) -> list[str]: ...

    def standings(self, group: str | None = None) -> list[Standing]: ...

    def iter_standings(self, group: str | None = None) -> Iterator[Standing]: ...

    def confidence(self, group: str | None = None) -> float: ...

    def answers_to_go(
        self, target: float = 0.9, group: str | None = None, confidence: float | None = None
    ) -> int: ...

    def judges(self) -> list[JudgeRow]: ...


class EngineType(Protocol):
    """An engine class: how the page makes one from a folder's images and its log."""

    def from_votes(
        self,
        items: Iterable[str],
        votes: Iterable[Vote],
        *,
        strategy: str = ...,
        seed: int | None = ...,
        judge: str = ...,
        question: str = ...,
        settled: bool = ...,
    ) -> Engine: ...
