"""`Ranker`: the engine's public surface. It owns the vote log (the source of truth), derives
the joint ratings from it, and asks the chosen strategy for the next pair."""

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import compress
from random import Random

from . import confidence as _confidence
from . import normal, reliability
from .errors import (
    InvalidItemError,
    InvalidVoteError,
    NothingToUndoError,
    RemovedItemError,
    UnknownItemError,
)
from .judges import JudgeRow, judge_rows
from .log import (
    BEST_OF,
    DEFAULT_JUDGE,
    DEFAULT_QUESTION,
    DRAW,
    LEFT,
    ORDER_OF,
    OUTCOMES,
    REMOVE,
    RESTORE,
    RIGHT,
    SKIP,
    UNDO,
    Vote,
    answers,
    is_removal,
    new_answer_id,
    now_iso,
)
from .model import BEST as BEST_FACTOR
from .model import DRAW as DRAW_FACTOR
from .model import ORDER as ORDER_FACTOR
from .model import WIN as WIN_FACTOR
from .model import JointRatings, RatingModel
from .removals import Removals
from .repeats import repeat_pair
from .strategies import Beliefs, make_strategy

LIVE_BUDGET = 200
"""Answer revisits done right after each answer; the rest is done lazily (see `settle`)."""
SKIP_PAUSE = 20
"""A skipped pair is not asked again for this many answers ("can't say": ask later)."""
MAX_SET = 4
"""The most images one question shows (best of four)."""
_SETTLED = 1e-9
_ROUGH = 1e-3
_ROUGH_SWEEPS = 3
"""Full passes of a rough replay at the most: enough to choose good questions from (each pass
costs a person's wait on resuming a long log); `settle` finishes the estimate."""
_ORDER_DECIMALS = 4
RELIABILITY_EVERY = 20
"""In a team, judges' reliabilities are refitted after this many answers (and on a replay)."""
_RELIABILITY_ROUNDS = 4
"""Refits alternated with the joint estimate on a replay, at the most (they stop once the
reliabilities on their grid no longer change)."""
_SETTLED_MARK = object()


@dataclass(frozen=True, slots=True)
class Standing:
    """One row of the ranking. `score` is the item's estimated quality percentile (0-100)
    among images like these; `mu` and `sigma` are its TrueSkill posterior. `rank` is None for
    an image kept apart from the ranks (`unshown.set_apart`); the engine ranks every row."""

    rank: int | None
    id: str
    score: float
    mu: float
    sigma: float
    comparisons: int
    wins: int
    losses: int
    draws: int


@dataclass(slots=True)
class _Answer:
    """An answer that is still in force (not undone): its rows in the log (one, or the pairs
    a set answer implies), its factor in the ratings, and where its first row is in the log."""

    votes: tuple[Vote, ...]
    factor: int | None
    position: int

    @property
    def vote(self) -> Vote:
        return self.votes[0]


class Ranker:
    def __init__(
        self,
        items: Iterable[str],
        strategy: str = "smart",
        seed: int | None = None,
        judge: str = DEFAULT_JUDGE,
        question: str = DEFAULT_QUESTION,
        groups: Mapping[str, str] | None = None,
        *,
        judge_reliability: bool = True,
    ) -> None:
        self.seed = seed if seed is not None else int.from_bytes(os.urandom(8), "big")
        self.judge = judge
        self.question = question
        self.device = ""
        """The device answering here, when several write logs of one folder: its answers carry
        it and an id of their own, and undo takes back only its answers."""
        self._strategy = make_strategy(strategy)
        self._ratings = JointRatings(RatingModel())
        self._ids: list[str] = []
        self._index: dict[str, int] = {}
        self._present: list[bool] = []  # in the folder (`add`, `remove`)
        self._active: list[bool] = []  # present, and not taken out by the log's remove rows
        self._removals = Removals()
        self._held: set[int] = set()  # not asked about (`hold_back`)
        self._wins: list[int] = []
        self._losses: list[int] = []
        self._draws: list[int] = []
        self._pair_counts: dict[frozenset[int], int] = {}
        self._uncompared: set[int] = set()
        self._log: list[Vote] = []
        self._in_force: list[_Answer] = []
        self._skipped: dict[frozenset[int], int] = {}
        self._last_pairs: set[frozenset[int]] = set()
        self._offered: tuple[int, ...] | None = None
        self._ask_again: tuple[int, ...] | None = None
        self._group_of: dict[str, str] | None = None
        self._changes = 0
        self._settling: tuple[int, Iterator[None]] | None = None
        self._weigh_judges = judge_reliability
        self._judge_answers: dict[str, int] = {}  # answers in force with a factor, by judge
        self._eta: dict[str, float] = {}  # the last fit of each judge's reliability
        self._applied: dict[str, float] = {}  # the reliabilities applied (on the grid)
        self._fitted_at = 0  # answers in force at the last fit
        self._reliable_at = -1  # `_changes` when reliabilities and ratings last settled together
        self.add(items)
        self.set_groups(groups)

    # construction --------------------------------------------------------------------------

    @classmethod
    def from_votes(
        cls,
        items: Iterable[str],
        votes: Iterable[Vote],
        strategy: str = "smart",
        seed: int | None = None,
        judge: str = DEFAULT_JUDGE,
        question: str = DEFAULT_QUESTION,
        groups: Mapping[str, str] | None = None,
        settled: bool = True,
        *,
        judge_reliability: bool = True,
    ) -> "Ranker":
        """Replays a saved log. Items the log names that are not in `items` (images gone from
        the folder) keep their answers in the ratings but are left out of the ranking. Only the
        answers to `question` are replayed: each question has its own ranking, so a log holding
        several is replayed once per question. With `settled=False` the replay stops at a rough
        estimate, good enough to choose questions, and leaves the rest to `settle` (a page
        resuming a long log shows the first pair sooner and settles while the person looks).
        With `judge_reliability` False, every judge of a team is trusted alike (see `judges`)."""
        items = list(items)
        ranker = cls(
            items,
            strategy=strategy,
            seed=seed,
            judge=judge,
            question=question,
            judge_reliability=judge_reliability,
        )
        with ranker._ratings.replaying():
            ranker._replay(votes)
        ranker.set_groups(groups)
        ranker._fit_from_scratch(_SETTLED if settled else _ROUGH)
        return ranker

    def take_in(self, votes: Iterable[Vote]) -> None:
        """Answers given elsewhere (another tab or device writing the same folder's log),
        added as a replay adds them: the answers to this ranker's question, undo rows taking
        back their own judge's answers, images this ranker does not show kept out of the
        ranking."""
        self._replay(votes)
        self._after_answer()

    def _replay(self, votes: Iterable[Vote]) -> None:
        new_items = []
        for answer in answers(votes):
            first = answer[0]
            if first.question != self.question and not is_removal(first):
                continue
            for vote in answer if first.outcome != UNDO else ():
                for item in (vote.left, vote.right):
                    if item and item not in self._index:
                        self._add_item(item)
                        new_items.append(item)
            if is_removal(first):
                if first.left in self._index and self._removals.check(first) is None:
                    self._record(first)
                # else: an undo with nothing of its judge's to take back is left out, as below
            elif len(answer) > 1:
                self._record_set(answer)
            elif (
                answer[0].outcome != UNDO
                or self._latest_in_force(answer[0].judge, answer[0].device) is not None
            ):
                self._record(answer[0])
            # else: an undo row with nothing of its judge's to take back (a log cut or merged
            # by hand) changes nothing; it is left out rather than failing the replay
        self._set_present(new_items, False)

    # the folder --------------------------------------------------------------------------------

    def add(self, items: Iterable[str]) -> None:
        """New images (or images back in the folder): their history, if any, is kept. Every id
        is checked before any is added, so a call that raises changes nothing."""
        items = list(items)
        for item in items:
            if not isinstance(item, str):
                raise InvalidItemError(f"item ids are strings (relative paths), not {item!r}")
        self._offered = None
        for item in items:
            if item in self._index:
                self._present[self._index[item]] = True
                self._refresh(self._index[item])
            else:
                self._add_item(item)

    def remove(self, items: Iterable[str]) -> None:
        """Images gone from the folder: out of the ranking and the questions, but their
        answers stay in the log and keep informing the other items' ratings. Not written to
        the log (the folder says it): see `remove_item` for the person's choice. An unknown
        id raises before any item is removed."""
        self._set_present(list(items), False)
        self._offered = None
        self._keep_ask_again()

    def hold_back(self, items: Iterable[str]) -> None:
        """Images a page cannot show: no question after the one on offer asks about them
        (nothing could be answered but "can't say"), while they stay in the ranking with the
        answers they have. Not written to the log: another browser may show them."""
        self._held.update(self._item(item) for item in list(items))

    def _keep_ask_again(self) -> None:
        if self._ask_again and not all(self._active[i] for i in self._ask_again):
            self._ask_again = None

    def _add_item(self, item: str) -> None:
        self._changes += 1
        self._index[item] = len(self._ids)
        self._ids.append(item)
        self._present.append(True)
        self._active.append(True)
        self._wins.append(0)
        self._losses.append(0)
        self._draws.append(0)
        self._uncompared.add(len(self._ids) - 1)
        self._ratings.add_item()

    def _set_present(self, items: list[str], present: bool) -> None:
        indices = [self._item(item) for item in items]  # all looked up before any changes
        self._changes += 1
        for index in indices:
            self._present[index] = present
            self._refresh(index)

    def _refresh(self, index: int) -> None:
        self._active[index] = self._present[index] and not self._removals.is_removed(
            self._ids[index]
        )

    # removing and restoring ----------------------------------------------------------------

    def remove_item(self, item: str, *, time: str | None = None) -> Vote:
        """The person takes an image out of the ranking (the original app's "remove"): a
        `remove` row in the log, so it stays out on every device and after a reload, for
        every question. Its answers stay in the log and keep informing the other images'
        ratings; `restore_item` or `undo` brings it back."""
        if self._removals.is_removed(self._ids[self._item(item)]):
            raise RemovedItemError(f"{item!r} was removed from the ranking")
        return self._record_removal(item, REMOVE, time)

    def restore_item(self, item: str, *, time: str | None = None) -> Vote:
        """Brings back an image `remove_item` took out: a `restore` row in the log."""
        if not self._removals.is_removed(self._ids[self._item(item)]):
            raise InvalidVoteError(f"{item!r} is not removed from the ranking")
        return self._record_removal(item, RESTORE, time)

    def _record_removal(self, item: str, outcome: str, time: str | None) -> Vote:
        vote = self._made(
            Vote(time or now_iso(), item, "", outcome, self.strategy, self.judge, self.question)
        )
        self._record(vote)
        return vote

    @property
    def removed(self) -> list[str]:
        """The images in the folder that the log's remove rows keep out of the ranking, in the
        order they were removed."""
        return [
            item
            for item in self._removals.removed
            if item in self._index and self._present[self._index[item]]
        ]

    # groups ------------------------------------------------------------------------------------

    def set_groups(self, groups: Mapping[str, str] | None) -> None:
        """Compare only within groups (e.g. each subfolder, or each prompt): `groups` maps an
        item to its group's name; items it does not name form the group "". None compares
        the whole folder. Answers already given are kept whatever the grouping."""
        self._group_of = dict(groups) if groups is not None else None
        self._offered = None

    @property
    def groups(self) -> dict[str, list[str]]:
        """The items in the ranking by group, groups by name ("" holds all without groups);
        a group of one is listed here but left out of the questions."""
        by_group: dict[str, list[str]] = {}
        for item in self.items:
            by_group.setdefault(self._group_name(item), []).append(item)
        return dict(sorted(by_group.items()))

    def _group_name(self, item: str) -> str:
        return "" if self._group_of is None else self._group_of.get(item, "")

    # strategy ----------------------------------------------------------------------------------

    @property
    def strategy(self) -> str:
        return self._strategy.name

    @strategy.setter
    def strategy(self, name: str) -> None:
        self._strategy = make_strategy(name)
        self._offered = None  # the new strategy chooses the next question

    # asking ------------------------------------------------------------------------------------

    def next_pair(self) -> tuple[str, str] | None:
        """The next question, as (left, right). Asking again before answering gives the same
        pair, whatever was read in between. The choice is a function of the seed, the log and
        the ratings as settled so far, so a session that reads its ranking between answers
        (which settles the ratings) may go on with other questions than one that does not."""
        if self._ask_again is not None and len(self._ask_again) == 2:
            self._offered = self._ask_again
        elif self._offered is None or len(self._offered) != 2:
            rng = Random(f"{self.seed}:{len(self._log)}")
            beliefs = self._beliefs()
            pair = self._repeat(beliefs) or self._strategy.choose(beliefs, rng)
            if pair is None and beliefs.blocked:  # recent skips block all: keep only no-repeat
                pair = self._strategy.choose(replace(beliefs, blocked=self._last_pairs), rng)
            if pair is None and beliefs.blocked:  # e.g. two images: ask the same pair again
                pair = self._strategy.choose(replace(beliefs, blocked=set()), rng)
            if pair is None:
                self._offered = None
                return None
            low, high = sorted(pair)  # the coin, not the strategy's order, decides the side
            self._offered = (low, high) if rng.random() < 0.5 else (high, low)
        left, right = self._offered
        return self._ids[left], self._ids[right]

    def _repeat(self, beliefs: Beliefs) -> tuple[int, int] | None:
        """In a team, now and then a pair this judge decided a while ago (see `repeats`)."""
        if len(self._judge_answers) < 2:
            return None
        asked, held, index = self._active, self._held, self._index

        def allowed(pair: frozenset[int]) -> bool:
            i, j = pair
            return (
                asked[i]
                and asked[j]
                and i not in held
                and j not in held
                and beliefs.same_group(i, j)
                and pair not in beliefs.blocked
            )

        history = (
            (
                answer.vote.judge,
                frozenset((index[answer.vote.left], index[answer.vote.right])),
                len(answer.votes) == 1 and answer.vote.outcome in (LEFT, RIGHT),
            )
            for answer in self._in_force
        )
        rng = Random(f"{self.seed}:{len(self._log)}:repeat")
        pair = repeat_pair(history, self.judge, allowed, rng)
        if pair is None:
            return None
        low, high = sorted(pair)
        return low, high

    def next_set(self, k: int) -> tuple[str, ...] | None:
        """The next question about k images at once (2 to MAX_SET; 2 is `next_pair`), in the
        order to show them (shuffled, against position bias). Fewer than k when no group has k
        images; None when no two can be compared."""
        if k == 2:
            return self.next_pair()
        if not 2 <= k <= MAX_SET:
            raise InvalidVoteError(f"a question shows 2 to {MAX_SET} images, not {k}")
        if self._ask_again is not None and len(self._ask_again) == k:
            self._offered = self._ask_again
        elif self._offered is None or len(self._offered) != k:
            rng = Random(f"{self.seed}:{len(self._log)}:{k}")
            beliefs = self._beliefs()
            chosen = self._strategy.choose_set(beliefs, rng, k)
            if chosen is None and beliefs.blocked:  # as next_pair: a skip may block them all
                chosen = self._strategy.choose_set(
                    replace(beliefs, blocked=self._last_pairs), rng, k
                )
            if chosen is None and beliefs.blocked:
                chosen = self._strategy.choose_set(replace(beliefs, blocked=set()), rng, k)
            if chosen is None:
                self._offered = None
                return None
            shown = sorted(chosen)  # the shuffle, not the strategy's order, decides the places
            rng.shuffle(shown)
            self._offered = tuple(shown)
        return tuple(self._ids[i] for i in self._offered)

    def likely_next(self) -> tuple[str, ...]:
        """The images the question after the one on offer will most likely show, for a page to
        read and decode ahead: the strategy's choice as if the offered question were answered
        and no rating had moved. Exact for random pairs and for elimination's knockout (it
        holds back the images whose answer is pending); for smart, the re-passes after an
        answer reorder close candidates, so the guess is often not the next pair, and
        decoding ahead is still worth it: `bench browser` measures answer -> next pair with
        it. Changes nothing."""
        offered = self._offered
        if offered is None:
            return ()
        beliefs = self._beliefs()
        shown = set(offered)
        answered = set(_pairs_among(offered))
        beliefs = replace(
            beliefs,
            blocked=(beliefs.blocked - self._last_pairs) | answered,
            uncompared=beliefs.uncompared - shown,
        )
        rows = len(offered) - 1 if len(offered) > 2 else 1
        if len(offered) > 2:
            rng = Random(f"{self.seed}:{len(self._log) + rows}:{len(offered)}")
            chosen = self._strategy.choose_set(beliefs, rng, len(offered))
        else:
            rng = Random(f"{self.seed}:{len(self._log) + rows}")
            chosen = self._strategy.choose(beliefs, rng)
        return tuple(self._ids[i] for i in chosen or ())

    def _beliefs(self) -> Beliefs:
        ratings = self._ratings
        answered = len(self._in_force)
        blocked = {pair for pair, at in self._skipped.items() if answered - at < SKIP_PAUSE}
        blocked |= self._last_pairs
        asked = self._active
        if self._held:
            asked = [on and i not in self._held for i, on in enumerate(asked)]
        active = list(compress(range(len(asked)), asked))
        group = members = None
        if self._group_of is not None:
            numbers: dict[str, int] = {}
            group = [numbers.setdefault(self._group_name(item), len(numbers)) for item in self._ids]
            by_number: dict[int, list[int]] = {}
            for i in active:
                by_number.setdefault(group[i], []).append(i)
            members = [m for m in by_number.values() if len(m) > 1]
            active = [i for m in members for i in m]
        return Beliefs(
            active=active,
            uncompared=set(filter(asked.__getitem__, self._uncompared)),
            mu=ratings.mean,
            sigma=ratings.sd,
            pair_counts=self._pair_counts,
            blocked=blocked,
            beta=ratings.model.beta,
            wins=self._wins,
            losses=self._losses,
            group=group,
            members=members,
        )

    # answering ---------------------------------------------------------------------------------

    def vote(self, winner: str, loser: str, *, time: str | None = None) -> Vote:
        """The person preferred `winner`."""
        w, lo = self._pair(winner, loser)
        if self._offered == (lo, w):
            return self._answer(loser, winner, RIGHT, time)
        return self._answer(winner, loser, LEFT, time)

    def draw(self, a: str, b: str, *, time: str | None = None) -> Vote:
        """The person found them equally good."""
        return self._answer(*self._shown(a, b), DRAW, time)

    def skip(self, a: str, b: str, *, time: str | None = None) -> Vote:
        """The person can't say: nothing is learned, and the pair is asked again later."""
        return self._answer(*self._shown(a, b), SKIP, time)

    def skip_set(self, shown: Sequence[str], *, time: str | None = None) -> list[Vote]:
        """The person can't pick the best of the images `shown`: nothing is learned, and no
        pair of them is asked again for a while, so the next question is not the same one.
        Logged like a best of k (the first image against each other one) with outcome skip;
        with two images shown it is `skip`."""
        members = self._set_members(shown)
        if len(members) == 2:
            return [self.skip(shown[0], shown[1], time=time)]
        pairs = [(shown[0], other) for other in shown[1:]]
        return self._answer_set(pairs, f"{BEST_OF} {len(members)}", time, SKIP)

    def choose(self, best: str, shown: Sequence[str], *, time: str | None = None) -> list[Vote]:
        """The person picked `best` among the images `shown` (a best-of-k answer): one answer,
        logged as the k - 1 pairs it implies. With two images shown it is `vote`."""
        members = self._set_members(shown)
        if best not in shown:
            raise InvalidVoteError(f"{best!r} was not among the images shown")
        if len(members) == 2:
            other = shown[1] if shown[0] == best else shown[0]
            return [self.vote(best, other, time=time)]
        others = [item for item in shown if item != best]
        kind = f"{BEST_OF} {len(members)}"
        return self._answer_set([(best, other) for other in others], kind, time)

    def order(self, items_best_first: Sequence[str], *, time: str | None = None) -> list[Vote]:
        """The person put the images shown in order, best first: one answer, logged as every
        pair it implies."""
        items = list(items_best_first)
        members = self._set_members(items)
        if len(members) == 2:
            return [self.vote(items[0], items[1], time=time)]
        pairs = [(a, b) for x, a in enumerate(items) for b in items[x + 1 :]]
        return self._answer_set(pairs, f"{ORDER_OF} {len(members)}", time)

    def _set_members(self, shown: Sequence[str]) -> list[int]:
        if not 2 <= len(shown) <= MAX_SET:
            raise InvalidVoteError(f"a question shows 2 to {MAX_SET} images, not {len(shown)}")
        if len(set(shown)) != len(shown):
            raise InvalidVoteError(f"an image is shown twice: {list(shown)!r}")
        members = [self._item(item) for item in shown]
        for item, index in zip(shown, members, strict=True):
            if not self._active[index]:
                raise RemovedItemError(f"{item!r} was removed from the ranking")
        return members

    def _answer_set(
        self, pairs: list[tuple[str, str]], kind: str, time: str | None, outcome: str = LEFT
    ) -> list[Vote]:
        stamp = time or now_iso()
        rows = tuple(
            self._made(Vote(stamp, a, b, outcome, self.strategy, self.judge, self.question, kind))
            for a, b in pairs
        )
        self._record_set(rows)
        self._after_answer()
        return list(rows)

    def undo(self, *, time: str | None = None) -> Vote:
        """Takes back the last answer still in force (repeatedly: one answer per call) and
        returns it (a set answer's first row); that question is asked again next. A remove
        or restore of the judge's that came after it is taken back first (the image comes
        back, or goes out again). The log keeps both the row and an `undo` row, so nothing the
        person did is lost."""
        latest = self._latest_in_force(self.judge, self.device)
        removal = self._removals.latest(self.judge)
        if removal is not None and (
            latest is None or removal.position > self._in_force[latest].position
        ):
            path = removal.vote.left
            self._record(
                self._made(
                    Vote(
                        time or now_iso(), path, "", UNDO, self.strategy, self.judge, self.question
                    )
                )
            )
            return removal.vote
        if latest is None:
            raise NothingToUndoError(f"{self.judge!r} has no answer to undo")
        taken_back = self._in_force[latest].vote
        self._record(
            self._made(
                Vote(
                    time or now_iso(),
                    taken_back.left,
                    taken_back.right,
                    UNDO,
                    self.strategy,
                    self.judge,
                    self.question,
                    taken_back.set_kind,
                )
            )
        )
        self._after_answer()
        return taken_back

    def _shown(self, a: str, b: str) -> tuple[str, str]:
        i, j = self._pair(a, b)
        return (b, a) if self._offered == (j, i) else (a, b)

    def _pair(self, a: str, b: str) -> tuple[int, int]:
        i, j = self._item(a), self._item(b)
        if i == j:
            raise InvalidVoteError(f"an item cannot be compared with itself: {a!r}")
        for item, index in ((a, i), (b, j)):
            if not self._active[index]:
                raise RemovedItemError(f"{item!r} was removed from the ranking")
        return i, j

    def _item(self, item: str) -> int:
        try:
            return self._index[item]
        except (KeyError, TypeError):
            raise UnknownItemError(item) from None

    def _answer(self, left: str, right: str, outcome: str, time: str | None) -> Vote:
        vote = self._made(
            Vote(time or now_iso(), left, right, outcome, self.strategy, self.judge, self.question)
        )
        self._record(vote)
        self._after_answer()
        return vote

    def _after_answer(self) -> None:
        """Live upkeep: a bounded amount of re-passing now; the rest waits for `settle`. In a
        team, every `RELIABILITY_EVERY` answers the judges' reliabilities are refitted."""
        ratings = self._ratings
        ratings.propagate(LIVE_BUDGET, tolerance=1e-4)
        self._refit_draws()
        team = self._weigh_judges and len(self._judge_answers) >= 2
        if bool(self._applied) != team or (
            team and abs(len(self._in_force) - self._fitted_at) >= RELIABILITY_EVERY
        ):
            self._refit_reliability()

    def _refit_reliability(self) -> bool:
        """Fits every judge's reliability to the ratings as they are, and applies it to their
        answers (see `reliability`); True if an answer's weight changed. A judge alone, or a
        ranker told not to weigh judges, keeps the model's single lapse rate: reliability
        is only told apart by comparing judges."""
        self._fitted_at = len(self._in_force)
        ratings = self._ratings
        if not self._weigh_judges or len(self._judge_answers) < 2:
            if not self._applied:
                return False
            self._applied, self._eta = {}, {}
            ratings.reweigh(dict.fromkeys(range(len(ratings.lapse)), ratings.model.lapse))
            return True
        factors: dict[str, list[int]] = {}
        for answer in self._in_force:
            if answer.factor is not None:
                factors.setdefault(answer.vote.judge, []).append(answer.factor)
        self._eta = reliability.fit(ratings, factors)
        applied = {judge: reliability.on_grid(eta) for judge, eta in self._eta.items()}
        changed = [judge for judge in applied if applied[judge] != self._applied.get(judge)]
        self._applied = applied
        floor = ratings.model.lapse
        ratings.reweigh(
            {
                k: reliability.lapse_of(applied[judge], floor)
                for judge in changed
                for k in factors[judge]
            }
        )
        return bool(changed)

    def _lapse_of(self, judge: str) -> float | None:
        """The lapse rate a new answer of `judge` gets: their reliability's, if applied."""
        eta = self._applied.get(judge)
        return None if eta is None else reliability.lapse_of(eta, self._ratings.model.lapse)

    def _count_judge(self, answer: _Answer, sign: int) -> None:
        if answer.factor is None:
            return
        judge = answer.vote.judge
        count = self._judge_answers.get(judge, 0) + sign
        if count:
            self._judge_answers[judge] = count
        else:
            del self._judge_answers[judge]

    def _refit_draws(self) -> bool:
        decisive = sum(self._wins)
        draws = sum(self._draws) // 2
        return self._ratings.refit_draw_probability(draws, decisive + draws)

    def _record(self, vote: Vote) -> None:
        """Applies one log row to the state (without re-passing): the single place where the
        log and the derived state change, shared by live answers and replay."""
        self._changes += 1
        if vote.outcome not in OUTCOMES:
            raise InvalidVoteError(f"unknown outcome {vote.outcome!r}")
        if is_removal(vote):
            self._apply_removal(vote)
            return
        if vote.outcome == UNDO:
            latest = self._latest_in_force(vote.judge, vote.device)
            if latest is None:
                raise NothingToUndoError(f"an undo row of {vote.judge!r} with no answer to undo")
            self._log.append(vote)
            self._take_back(self._in_force.pop(latest))
            return
        left, right = self._item(vote.left), self._item(vote.right)
        if left == right:
            raise InvalidVoteError(f"an item cannot be compared with itself: {vote.left!r}")
        self._log.append(vote)
        factor = None
        lapse = self._lapse_of(vote.judge)
        if vote.outcome == SKIP:
            self._skipped[frozenset((left, right))] = len(self._in_force)
        elif vote.outcome == DRAW:
            factor = self._ratings.add_answer(left, right, DRAW_FACTOR, lapse)
        else:
            winner, loser = (left, right) if vote.outcome == LEFT else (right, left)
            factor = self._ratings.add_answer(winner, loser, WIN_FACTOR, lapse)
        self._tally(vote, left, right, +1)
        self._in_force.append(_Answer((vote,), factor, len(self._log) - 1))
        self._count_judge(self._in_force[-1], +1)
        self._last_pairs = {frozenset((left, right))}
        self._offered = None
        self._ask_again = None

    def _record_set(self, rows: tuple[Vote, ...]) -> None:
        """Applies one set answer (its rows, as `log.answers` groups them) as a single factor.
        Skipped rows are a set the person could not answer: no factor, every pair among them
        waits."""
        self._changes += 1
        outcome = rows[0].outcome
        for vote in rows:
            if outcome not in (LEFT, SKIP) or vote.outcome != outcome or vote.left == vote.right:
                raise InvalidVoteError(f"not a row of a set answer: {vote!r}")
        shown = list(dict.fromkeys(item for vote in rows for item in (vote.left, vote.right)))
        members = [self._item(item) for item in shown]
        position = len(self._log)
        self._log.extend(rows)
        factor = None
        if outcome == SKIP:
            for pair in _pairs_among(members):
                self._skipped[pair] = len(self._in_force)
        else:
            factor = self._add_set_factor(rows, members)
        for vote in rows:
            self._tally(vote, self._index[vote.left], self._index[vote.right], +1)
        self._in_force.append(_Answer(rows, factor, position))
        self._count_judge(self._in_force[-1], +1)
        self._last_pairs = set(_pairs_of(rows, self._index))
        self._offered = None
        self._ask_again = None

    def _apply_removal(self, vote: Vote) -> None:
        """A remove, restore or undo of one: the image's place in the ranking changes, its
        answers and the ratings do not."""
        index = self._item(vote.left)
        try:
            self._removals.apply(vote, len(self._log))
        except ValueError as error:
            raise NothingToUndoError(str(error)) from None
        self._log.append(vote)
        self._refresh(index)
        if self._offered is not None and index in self._offered:
            self._offered = None
        self._keep_ask_again()

    def _add_set_factor(self, rows: tuple[Vote, ...], members: list[int]) -> int:
        """Rows that all share their preferred item are a best of k; otherwise they are read
        as a full order, ranked by how many of the rows each item wins."""
        lapse = self._lapse_of(rows[0].judge)
        if len({vote.left for vote in rows}) == 1:
            return self._ratings.add_set_answer(tuple(members), BEST_FACTOR, lapse)
        wins = {i: 0 for i in members}
        for vote in rows:
            wins[self._index[vote.left]] += 1
        ordered = sorted(members, key=lambda i: -wins[i])
        return self._ratings.add_set_answer(tuple(ordered), ORDER_FACTOR, lapse)

    def _latest_in_force(self, judge: str, device: str) -> int | None:
        for index in range(len(self._in_force) - 1, -1, -1):
            vote = self._in_force[index].vote
            if vote.judge == judge and vote.device == device:
                return index
        return None

    def _made(self, vote: Vote) -> Vote:
        """A row made here, with this device's identity when a device is set."""
        return replace(vote, device=self.device, id=new_answer_id()) if self.device else vote

    def _take_back(self, answer: _Answer) -> None:
        self._count_judge(answer, -1)
        shown = tuple(
            dict.fromkeys(
                self._index[item] for row in answer.votes for item in (row.left, row.right)
            )
        )
        if answer.factor is not None:
            self._ratings.withdraw_answer(answer.factor)
        else:
            for pair in _pairs_among(shown):
                self._skipped.pop(pair, None)
        for row in answer.votes:
            self._tally(row, self._index[row.left], self._index[row.right], -1)
        previous = self._in_force[-1].votes if self._in_force else ()
        self._last_pairs = set(_pairs_of(previous, self._index))
        self._ask_again = shown if all(self._active[i] for i in shown) else None

    def _tally(self, vote: Vote, left: int, right: int, sign: int) -> None:
        """Counts (sign +1) or uncounts (-1) an answer in the per-item and per-pair tallies."""
        if vote.outcome == SKIP:
            return
        if vote.outcome == DRAW:
            self._draws[left] += sign
            self._draws[right] += sign
        else:
            winner, loser = (left, right) if vote.outcome == LEFT else (right, left)
            self._wins[winner] += sign
            self._losses[loser] += sign
        pair = frozenset((left, right))
        count = self._pair_counts.get(pair, 0) + sign
        if count:
            self._pair_counts[pair] = count
        else:
            del self._pair_counts[pair]
        for item in (left, right):
            if self._wins[item] + self._losses[item] + self._draws[item]:
                self._uncompared.discard(item)
            else:
                self._uncompared.add(item)

    def _fit_from_scratch(self, tolerance: float) -> None:
        """After a replay: full passes over the whole log until nothing moves by `tolerance`
        (anything looser than settled leaves the items pending for `settle`)."""
        self._refit_draws()
        rough = tolerance > _SETTLED
        self._ratings.sweep_until_converged(tolerance, _ROUGH_SWEEPS if rough else 1000)
        if rough:  # the rest of the fit, reliabilities included, is left to `settle`
            self._refit_reliability()
            self._ratings.mark_all()
            return
        for _ in range(_RELIABILITY_ROUNDS):
            if not self._refit_reliability():
                break
            self._ratings.sweep_until_converged(tolerance)
        self._reliable_at = self._changes

    # reading -----------------------------------------------------------------------------------

    @property
    def votes(self) -> Sequence[Vote]:
        """Every row of the log, undo rows included, oldest first."""
        return tuple(self._log)

    @property
    def answered(self) -> int:
        """How many answers in force (of every judge) say something: a preference or a draw.
        Skips and undone answers are left out, and a best-of-k or order answer counts once
        however many rows it has in the log, so it is the number a person sees as their
        answers given."""
        return self._answered_about(None)

    def _answered_about(self, group: str | None) -> int:
        """`answered`, of one group's images if named."""
        in_force: Iterable[_Answer] = self._in_force
        if group is not None:
            in_force = (a for a in in_force if self._group_name(a.vote.left) == group)
        return sum(answer.vote.outcome != SKIP for answer in in_force)

    @property
    def items(self) -> list[str]:
        """The items in the ranking (not removed), in the order they were added."""
        return [item for item, on in zip(self._ids, self._active) if on]

    def settle(self, steps: int | None = None) -> bool:
        """Finishes the re-passing that answers left pending, so the ratings are the joint
        estimate of the whole log; True once they are. Reading the ranking does it all at
        once; a page may instead call it with a number of `steps` (of about
        `model.STEP` updates each) when idle, to keep every call short."""
        if steps is None:
            for _ in self._settling_all():
                pass
            self._settling = None
            return True
        if self._settling is None or self._settling[0] != self._changes:
            self._settling = (self._changes, self._settling_all())
        for _ in range(steps):
            if next(self._settling[1], _SETTLED_MARK) is _SETTLED_MARK:
                return True
        return False

    def _settling_all(self) -> Iterator[None]:
        """The joint estimate to the end; in a team, alternated with refitting the judges'
        reliabilities until these no longer change, as a replay does, so that the standings
        once settled do not depend on when the answers arrived."""
        yield from self._ratings.settling(_SETTLED)
        if self._reliable_at == self._changes:
            return
        for _ in range(_RELIABILITY_ROUNDS):
            if not self._refit_reliability():
                break
            yield from self._ratings.settling(_SETTLED)
        self._reliable_at = self._changes

    def ranking(self, group: str | None = None) -> list[str]:
        """Every item in the ranking (or in one group's), best first (by posterior mean)."""
        return [s.id for s in self.standings(group)]

    def standings(self, group: str | None = None) -> list["Standing"]:
        """The ranking with its numbers. Means closer than 1e-4 prior sigmas (far below
        anything a person's answers can tell apart) count as tied and are ordered by id, so a
        replayed or reordered log, which converges to the same estimate within the settling
        tolerance, gives the same order."""
        return list(self.iter_standings(group))

    def iter_standings(self, group: str | None = None) -> Iterator["Standing"]:
        """The rows of `standings()`, sorted now and made one at a time from the ratings as they
        are now (answers given meanwhile are not in them): at 10,000 images making every row
        at once is too long a task for a page that writes rankings.csv between a person's
        answers, so it makes them a few at a time."""
        self.settle()
        ratings, ids = self._ratings, self._ids
        model = ratings.model
        mean, sd = ratings.mean, ratings.sd
        wins, losses, draws = self._wins, self._losses, self._draws
        rows = [
            (
                -round(mean[i] / model.sigma, _ORDER_DECIMALS),
                ids[i],
                mean[i],
                sd[i],
                wins[i],
                losses[i],
                draws[i],
            )
            for i in self._members(group)
        ]
        rows.sort()  # best first; ties by id (ids are unique: nothing after them is compared)
        return (
            Standing(rank, item, _score(mu, model), mu, sigma, won + lost + drawn, won, lost, drawn)
            for rank, (_, item, mu, sigma, won, lost, drawn) in enumerate(rows, start=1)
        )

    def judges(self) -> list[JudgeRow]:
        """Each judge of the answers to this question, most answers first: answers, agreement
        with the others on shared pairs, self-consistency on repeat questions, and the
        reliability the model gives their answers (None for a judge alone, whom it does not
        weigh). Counted from the answers in force."""
        return judge_rows((answer.votes for answer in self._in_force), self._eta or None)

    def _members(self, group: str | None) -> list[int]:
        """Active items, of one group if named."""
        active = [i for i, on in enumerate(self._active) if on]
        if group is None:
            return active
        return [i for i in active if self._group_name(self._ids[i]) == group]

    def confidence(self, group: str | None = None) -> float:
        """The expected Kendall tau between the current ranking and the true one (0 knows
        nothing, 1 is certain), from the current posterior. With groups, and no group named,
        the tau over all pairs that are compared (those within a group)."""
        if group is not None or self._group_of is None:
            return self._confidence_of(self._members(group), group or "")
        pairs = total = 0.0
        for name, items in self.groups.items():
            n = len(items)
            if n > 1:
                weight = n * (n - 1) / 2
                total += weight * self._confidence_of(self._members(name), name)
                pairs += weight
        return total / pairs if pairs else 1.0

    def _confidence_of(self, members: list[int], name: str) -> float:
        ratings = self._ratings
        return _confidence.expected_kendall_tau(
            [ratings.mean[i] for i in members],
            [ratings.sd[i] for i in members],
            Random(f"{self.seed}:confidence:{name}:{len(self._log)}"),
        )

    def answers_to_go(
        self, target: float = 0.9, group: str | None = None, confidence: float | None = None
    ) -> int:
        """A rough number of further answers until `confidence()` reaches `target`. Pass the
        `confidence` just read, if any: at 1,000 images reading it is the costliest call the
        page makes after an answer, and nothing has changed in between. The answers so far
        are those that taught something (skips did not) about the images counted: with a
        group named, that group's, whose progress the other groups' answers say nothing of."""
        if confidence is None:
            confidence = self.confidence(group)
        return _confidence.answers_to_go(
            confidence, self._answered_about(group), len(self._members(group)), target
        )


def _pairs_among(members: Sequence[int]) -> Iterator[frozenset[int]]:
    for x, i in enumerate(members):
        for j in members[x + 1 :]:
            yield frozenset((i, j))


def _pairs_of(rows: Iterable[Vote], index: dict[str, int]) -> Iterator[frozenset[int]]:
    for row in rows:
        yield frozenset((index[row.left], index[row.right]))


def _score(mu: float, model: RatingModel) -> float:
    """The mean's percentile under the prior: where the image stands among images like these."""
    return 100.0 * normal.cdf((mu - model.mu) / model.sigma)
