"""The original app's way, kept as the reference the speed benchmark compares against: a
uniformly random pair, and one online `trueskill.rate_1vs1` per answer, never revisited.

`OnlineRanker` answers the calls the page makes of a `Ranker`, so the page can run it
(`?engine=reference`) and `bench browser` can measure the same flow with both engines.
"""

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from random import Random

import trueskill

from . import normal
from .errors import NothingToUndoError, UnknownItemError
from .formats.in_force import answers_in_force
from .judges import JudgeRow, judge_rows
from .log import (
    DEFAULT_JUDGE,
    DEFAULT_QUESTION,
    DRAW,
    LEFT,
    REMOVE,
    RESTORE,
    RIGHT,
    SKIP,
    UNDO,
    Vote,
    is_removal,
    new_answer_id,
    now_iso,
)
from .ranker import Standing


class OnlineRanker:
    strategy = "random"

    def __init__(
        self,
        items: Iterable[str],
        seed: int | None = None,
        judge: str = DEFAULT_JUDGE,
        question: str = DEFAULT_QUESTION,
    ) -> None:
        self.seed = seed if seed is not None else int.from_bytes(os.urandom(8), "big")
        self.judge, self.question = judge, question
        self.device = ""  # as Ranker.device: the rows made here carry it, and an id
        self._env = trueskill.TrueSkill(backend=(normal.cdf, normal.pdf, normal.ppf))
        self._present = list(dict.fromkeys(items))
        self._removed: list[str] = []  # taken out of the ranking by the person
        self._held: set[str] = set()
        self._ratings = {item: self._env.create_rating() for item in self._present}
        self._counts = {item: [0, 0, 0] for item in self._present}  # wins, losses, draws
        self._log: list[Vote] = []
        self._before: list[tuple] = []  # what each answer replaced, for undo
        self._offered: tuple[str, str] | None = None

    @classmethod
    def from_votes(cls, items: Iterable[str], votes: Iterable[Vote], **options) -> "OnlineRanker":
        options.pop("strategy", None)
        options.pop("settled", None)
        ranker = cls(items, **options)
        ranker.take_in(votes)
        return ranker

    def take_in(self, votes: Iterable[Vote]) -> None:
        """Answers given elsewhere (another tab writing the same folder), one update each."""
        for vote in votes:
            if vote.question != self.question:
                continue
            for item in (vote.left, vote.right):
                if item and item not in self._ratings:
                    self._ratings[item] = self._env.create_rating()
                    self._counts[item] = [0, 0, 0]
            if vote.outcome == UNDO:
                if self._before:
                    self._take_back()
                    self._log.append(vote)
            else:
                self._apply(vote)

    @property
    def votes(self) -> tuple[Vote, ...]:
        return tuple(self._log)

    @property
    def items(self) -> list[str]:
        return [item for item in self._present if item not in self._removed]

    @property
    def removed(self) -> list[str]:
        return [item for item in self._removed if item in self._present]

    def next_pair(self) -> tuple[str, str] | None:
        asked = [item for item in self.items if item not in self._held]
        if len(asked) < 2:
            return None
        if self._offered is None:
            left, right = Random(f"{self.seed}:{len(self._log)}").sample(asked, 2)
            self._offered = (left, right)
        return self._offered

    def vote(self, winner: str, loser: str, *, time: str | None = None) -> Vote:
        return self._answer(winner, loser, LEFT, time)

    def draw(self, a: str, b: str, *, time: str | None = None) -> Vote:
        return self._answer(a, b, DRAW, time)

    def skip(self, a: str, b: str, *, time: str | None = None) -> Vote:
        return self._answer(a, b, SKIP, time)

    def skip_set(self, shown: Sequence[str], *, time: str | None = None) -> list[Vote]:
        return [self._answer(shown[0], other, SKIP, time) for other in shown[1:]]

    def choose(self, best: str, shown: Sequence[str], *, time: str | None = None) -> list[Vote]:
        return [self._answer(best, other, LEFT, time) for other in shown if other != best]

    def remove_item(self, item: str, *, time: str | None = None) -> Vote:
        return self._answer(item, "", REMOVE, time)

    def restore_item(self, item: str, *, time: str | None = None) -> Vote:
        return self._answer(item, "", RESTORE, time)

    def hold_back(self, items: Iterable[str]) -> None:
        self._held.update(items)

    @property
    def answered(self) -> int:
        return sum(vote.outcome in (LEFT, RIGHT, DRAW) for vote, _left, _right in self._before)

    def undo(self, *, time: str | None = None) -> Vote:
        if not self._before:
            raise NothingToUndoError("there is no answer to undo")
        vote = self._take_back()
        undo = self._made(
            Vote(time or now_iso(), vote.left, vote.right, UNDO, self.strategy, self.judge)
        )
        self._log.append(undo)
        return vote

    def _answer(self, left: str, right: str, outcome: str, time: str | None) -> Vote:
        for item in (left, right) if right else (left,):
            if item not in self._ratings:
                raise UnknownItemError(item)
        vote = self._made(
            Vote(time or now_iso(), left, right, outcome, self.strategy, self.judge, self.question)
        )
        self._apply(vote)
        return vote

    def _made(self, vote: Vote) -> Vote:
        return replace(vote, device=self.device, id=new_answer_id()) if self.device else vote

    def _apply(self, vote: Vote) -> None:
        left, right = vote.left, vote.right
        if is_removal(vote):
            self._before.append((vote, None, None))
            self._removed = [item for item in self._removed if item != left]
            if vote.outcome == REMOVE:
                self._removed.append(left)
            self._log.append(vote)
            self._offered = None
            return
        self._before.append((vote, self._ratings[left], self._ratings[right]))
        if vote.outcome in (LEFT, RIGHT, DRAW):
            winner, loser = (right, left) if vote.outcome == RIGHT else (left, right)
            self._ratings[winner], self._ratings[loser] = trueskill.rate_1vs1(
                self._ratings[winner],
                self._ratings[loser],
                drawn=vote.outcome == DRAW,
                env=self._env,
            )
            if vote.outcome == DRAW:
                self._counts[winner][2] += 1
                self._counts[loser][2] += 1
            else:
                self._counts[winner][0] += 1
                self._counts[loser][1] += 1
        self._log.append(vote)
        self._offered = None

    def _take_back(self) -> Vote:
        vote, left, right = self._before.pop()
        if is_removal(vote):
            self._removed = [item for item in self._removed if item != vote.left]
            if vote.outcome == RESTORE:
                self._removed.append(vote.left)
            return vote
        self._ratings[vote.left], self._ratings[vote.right] = left, right
        if vote.outcome in (LEFT, RIGHT):
            winner, loser = (
                (vote.right, vote.left) if vote.outcome == RIGHT else (vote.left, vote.right)
            )
            self._counts[winner][0] -= 1
            self._counts[loser][1] -= 1
        elif vote.outcome == DRAW:
            self._counts[vote.left][2] -= 1
            self._counts[vote.right][2] -= 1
        self._offered = (vote.left, vote.right)
        return vote

    def standings(self, group: str | None = None) -> list[Standing]:
        ordered = sorted(self.items, key=lambda item: (-self._ratings[item].mu, item))
        rows = []
        for rank, item in enumerate(ordered, start=1):
            rating = self._ratings[item]
            wins, losses, draws = self._counts[item]
            score = 100.0 * normal.cdf((rating.mu - self._env.mu) / self._env.sigma)
            rows.append(
                Standing(
                    rank,
                    item,
                    score,
                    rating.mu,
                    rating.sigma,
                    wins + losses + draws,
                    wins,
                    losses,
                    draws,
                )
            )
        return rows

    def iter_standings(self, group: str | None = None) -> Iterator[Standing]:
        return iter(self.standings(group))

    def ranking(self, group: str | None = None) -> list[str]:
        return [s.id for s in self.standings()]

    def confidence(self, group: str | None = None) -> float:
        return 0.0  # the original app had no estimate of how settled its ranking was

    def answers_to_go(
        self, target: float = 0.9, group: str | None = None, confidence: float | None = None
    ) -> int:
        return 0

    def remove(self, items: Iterable[str]) -> None:
        gone = set(items)
        self._present = [item for item in self._present if item not in gone]
        self._offered = None

    def set_groups(self, groups: Mapping[str, str] | None) -> None:
        """Groups are not part of the reference."""

    @property
    def groups(self) -> dict[str, list[str]]:
        return {"": list(self.items)}

    def settle(self, steps: int | None = None) -> bool:
        return True

    def likely_next(self) -> tuple[str, ...]:
        return ()

    def judges(self) -> list[JudgeRow]:
        """The judges' counts; no reliability: every answer is one update alike."""
        return judge_rows(answers_in_force(self._log))

    def next_set(self, k: int) -> tuple[str, ...] | None:
        return self.next_pair()
