"""How few answers the engine needs: `python build.py bench ranking [--quick] [--jobs 2]`.

Simulated judges (bench/judges.py) answer the questions of each strategy until the ranking's
Kendall tau against the hidden truth reaches 0.8 and 0.9. Reported per size and judge, as the
median over seeds: those answer counts, the count divided by log2(N!) (the information any
sorter needs), its ratio to the original app's way (uniform random pairs, one online TrueSkill
update each, ranked by mu), the calibration of `confidence()`, and the time per answer
(next_pair + vote, the wait a person sees). Then: whether `elimination` finds the true best
within 1.5 N answers (and how often the best lost in its knockout), the engine's speed on a
long log and a large folder, best of k (pairs against sets of 3 and 4 images), and
`confidence()` against a judge exactly as noisy as the model assumes.

The ranking is read at checkpoints (every N/10 answers, then 5% more each time); once one is
at or past a target, replays of the log's first answers locate the crossing to within 0.5%.
Reading it settles the joint estimate, as opening the ranking view does in the page. Runs give
up at a cap of answers and say so ("> cap"). Everything is seeded: a rerun asks the same
questions and gives the same counts (only the times differ).
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import NamedTuple, Protocol

import trueskill

from bench.judges import (
    JUDGES,
    MODEL_JUDGE,
    Judge,
    hidden_qualities,
    judge_named,
    kendall_tau,
    log2_factorial,
)
from ranker import Ranker, Vote

TARGETS = (0.8, 0.9)
MAIN_JUDGE = "s=0.5"
BASELINE = "baseline"
STRATEGIES = ("smart", "random", BASELINE)
CAP_BITS = {"smart": 20.0, "random": 20.0, BASELINE: 40.0}
"""Answers per bit of log2(N!) after which a run gives up (the baseline may need many)."""
SMART_TARGET_BITS = 1.6
SMART_TARGET_RATIO = 0.4
SMART_TARGET_SIZES = (50, 200)
CALIBRATION_TARGET = 0.05
SEEDS = {50: 20, 200: 20, 1000: 5}
"""Seeds of the main table, by size. The targets' sizes get 20: a median over 5 seeds strays by
about a tenth (smart at N = 200: 1,923 answers over seeds 0-4, 2,051 over seeds 0-39), and the
worst of a mean over 5 seeds by about 0.05. N = 1,000 has no target and costs most."""
GROUPED_SEEDS = 5  # comparing within groups has no target
CALIBRATION_CHECK_SEEDS = {50: 20, 200: 10}
"""Seeds of smart against MODEL_JUDGE, by size (one run's tau strays by about 0.15)."""
ELIMINATION_SEEDS = {50: 400, 200: 200}
"""Runs of elimination by size: one run is a yes or a no, and a share of 100 strays by 4%."""
QUICK_ELIMINATION_SEEDS = {50: 100, 200: 40}
ELIMINATION_TARGET = 0.9
ELIMINATION_BUDGET = 1.5  # answers per image
ELIMINATION_LONGER = (2.0, 3.0, 4.0)
"""Longer budgets (answers per image) at which the same elimination runs go on to be read:
how far past the target's budget finding the best in 90% of runs lies."""
SPEED_CASES = ((1_000, 10_000, 2.0), (10_000, 5_000, 10.0))  # items, answers logged, ms target
SPEED_LIVE_ANSWERS = 200
SPEED_BLOCKS = 3  # blocks of live answers; the quietest one counts (the machine is shared)
SET_SIZES = (2, 3, 4)
SET_TARGET = 0.6  # best of 4 at N = 200: at most this share of the answers of smart pairs
# Person-time model for best of k (assumed, see `person_time`): seconds per answer.
DECISION_BASE_S = 1.0
DECISION_PER_IMAGE_S = 1.0

Answerer = Callable[[tuple[str, ...]], str]
_FIRST_ANSWER = datetime(2026, 1, 1, tzinfo=UTC)


class Task(NamedTuple):
    """One seed of one way of ranking: a strategy of the engine (asking pairs, or best of k
    with k > 2) or the baseline."""

    n_items: int
    judge: str
    strategy: str
    seed: int
    k: int = 2


@dataclass
class Run:
    """One seed's way to the targets: the answers it took (None: not within the cap), what
    `confidence()` said and the tau measured at each checkpoint, and its timings."""

    task: Task
    answers_to: dict[float, int | None] = field(default_factory=dict)
    checkpoints: list[tuple[int, float, float]] = field(default_factory=list)  # n, conf, tau
    answer_ms: list[float] = field(default_factory=list)
    seconds: float = 0.0


# --------------------------------------------------------------------------- the sessions


class Session(Protocol):
    """What a run needs of a ranking method: ask one question, read the ranking now or as it
    stood after fewer answers."""

    def ask(self, answer: Answerer) -> float:
        """Asks one question, lets `answer` answer it; the milliseconds the method took."""
        ...

    def ranking(self) -> list[str]: ...

    def ranking_after(self, answers: int) -> list[str]: ...

    def confidence(self) -> float: ...


class EngineSession:
    """The engine with one of its strategies, driven as the page drives it: next_set(k) and
    choose (for k = 2 they are next_pair and vote)."""

    def __init__(self, ranker: Ranker, k: int = 2) -> None:
        self.ranker = ranker
        self.k = k
        self.rows: list[int] = []  # rows of the log after each answer

    def ask(self, answer: Answerer) -> float:
        when = stamp(len(self.ranker.votes))
        start = time.perf_counter()
        shown = self.ranker.next_set(self.k)
        asked = time.perf_counter()
        best = answer(shown)  # the judge's time is not the engine's
        answered = time.perf_counter()
        self.ranker.choose(best, shown, time=when)
        spent = asked - start + time.perf_counter() - answered
        self.rows.append(len(self.ranker.votes))
        return spent * 1000.0

    def ranking(self) -> list[str]:
        return self.ranker.ranking()

    def ranking_after(self, answers: int) -> list[str]:
        """The joint estimate depends on the log only (not on when it was settled), so
        replaying the log's first answers gives the ranking exactly as it stood then."""
        r = self.ranker
        votes = r.votes[: self.rows[answers - 1]] if answers else ()
        return Ranker.from_votes(r.items, votes, strategy=r.strategy, seed=r.seed).ranking()

    def confidence(self) -> float:
        return self.ranker.confidence()


class BaselineSession:
    """The original app: a uniformly random pair, then one online TrueSkill update of the two
    (trueskill's default environment, without draws), ranked by mu."""

    def __init__(self, items: list[str], seed: int) -> None:
        self.items = items
        self.rng = random.Random(f"{seed}:pairs")
        self.env = trueskill.TrueSkill(draw_probability=0.0)
        self.answers: list[tuple[str, str]] = []
        self.ratings = {item: self.env.create_rating() for item in items}
        self.read: list[tuple[int, dict[str, trueskill.Rating]]] = [(0, dict(self.ratings))]

    def ask(self, answer: Answerer) -> float:
        start = time.perf_counter()
        left, right = self.rng.sample(self.items, 2)
        asked = time.perf_counter()
        winner = answer((left, right))
        answered = time.perf_counter()
        loser = right if winner == left else left
        self._rate(self.ratings, winner, loser)
        spent = asked - start + time.perf_counter() - answered
        self.answers.append((winner, loser))
        return spent * 1000.0

    def _rate(self, ratings: dict[str, trueskill.Rating], winner: str, loser: str) -> None:
        ratings[winner], ratings[loser] = trueskill.rate_1vs1(
            ratings[winner], ratings[loser], env=self.env
        )

    def ranking(self) -> list[str]:
        """Also keeps the ratings as they are now, for `ranking_after`."""
        self.read.append((len(self.answers), dict(self.ratings)))
        return self._ranked(self.ratings)

    def ranking_after(self, answers: int) -> list[str]:
        """Online updates depend on the order of answers: replayed in order, from the last
        ratings kept at or before that point."""
        kept, ratings = max((r for r in self.read if r[0] <= answers), key=lambda r: r[0])
        ratings = dict(ratings)
        for winner, loser in self.answers[kept:answers]:
            self._rate(ratings, winner, loser)
        return self._ranked(ratings)

    def _ranked(self, ratings: dict[str, trueskill.Rating]) -> list[str]:
        return sorted(self.items, key=lambda item: -ratings[item].mu)

    def confidence(self) -> float:
        return math.nan  # the original app had no such estimate


def stamp(row: int) -> str:
    """A time for the answer starting at this row of the log, a second after the one
    before. The log tells the rows of one set answer from the next by their time, so answers
    given within the same millisecond, as a simulation gives them, would replay as one."""
    when = _FIRST_ANSWER + timedelta(seconds=row)
    return when.isoformat(timespec="milliseconds").replace("+00:00", "Z")


# --------------------------------------------------------------------------- the runs


def checkpoints(n_items: int) -> Iterator[int]:
    """Answer counts at which the ranking is read: every N/10 answers at first, then 5% more
    each time, so that a long run reads it about a hundred times rather than thousands."""
    step = max(1, n_items // 10)
    n = step
    while True:
        yield n
        n = max(n + step, math.ceil(n * 1.05))


def answer_cap(n_items: int, strategy: str) -> int:
    return math.ceil(CAP_BITS[strategy] * log2_factorial(n_items))


def run_task(task: Task) -> Run:
    """One seed of one way of ranking, until both targets are reached or the cap."""
    started = time.perf_counter()
    quality = hidden_qualities(task.n_items, random.Random(task.seed))
    session: Session
    if task.strategy == BASELINE:
        session = BaselineSession(list(quality), task.seed)
    else:
        ranker = Ranker(list(quality), strategy=task.strategy, seed=task.seed)
        session = EngineSession(ranker, task.k)
    answer = answerer(judge_named(task.judge), quality, random.Random(f"{task.seed}:judge"))
    run = Run(task)
    follow(run, session, answer, partial(kendall_tau, quality=quality))
    run.seconds = time.perf_counter() - started
    return run


def follow(
    run: Run, session: Session, answer: Answerer, tau_of: Callable[[list[str]], float]
) -> None:
    """Asks until the ranking's tau (as `tau_of` measures it) reaches both targets, or the cap;
    records each answer's time, the checkpoints and the answers to each target."""
    cap = answer_cap(run.task.n_items, run.task.strategy)
    given = below = 0  # below: the last checkpoint under a target still ahead
    for checkpoint in checkpoints(run.task.n_items):
        while given < min(checkpoint, cap):
            run.answer_ms.append(session.ask(answer))
            given += 1
        tau = tau_of(session.ranking())
        run.checkpoints.append((given, session.confidence(), tau))
        for target in TARGETS:
            if tau >= target and target not in run.answers_to:
                run.answers_to[target] = crossing(session, tau_of, target, below, given)
        if len(run.answers_to) == len(TARGETS) or given >= cap:
            break
        below = given
    for target in TARGETS:
        run.answers_to.setdefault(target, None)


def crossing(
    session: Session, tau_of: Callable[[list[str]], float], target: float, lo: int, hi: int
) -> int:
    """Where between two checkpoints (tau under the target after `lo` answers, at or over it
    after `hi`) the ranking crossed the target, to within 0.5%: bisection over replays of the
    log, so the counts are not rounded up to the checkpoints' 5% steps."""
    while hi - lo > max(1, hi // 200):
        mid = (lo + hi) // 2
        if tau_of(session.ranking_after(mid)) >= target:
            hi = mid
        else:
            lo = mid
    return hi


def answerer(judge: Judge, quality: dict[str, float], rng: random.Random) -> Answerer:
    return lambda shown: judge.best(shown, quality, rng)


class Eliminated(NamedTuple):
    """One elimination run: whether the true best was ranked first after 1.5 N answers, and
    whether it lost an answer in the first N - 1 (the knockout, which this judge, who never
    skips or draws, finishes in exactly N - 1): the runs that tell where the misses come from.
    `found_later`: whether it was first after each of ELIMINATION_LONGER's budgets."""

    found: bool
    beaten_early: bool
    found_later: tuple[bool, ...]


def run_elimination(task: tuple[int, int]) -> tuple[int, Eliminated]:
    n_items, seed = task
    quality = hidden_qualities(n_items, random.Random(seed))
    best = max(quality, key=quality.__getitem__)
    session = EngineSession(Ranker(list(quality), strategy="elimination", seed=seed))
    answer = answerer(JUDGES[MAIN_JUDGE], quality, random.Random(f"{seed}:judge"))
    found = []
    for budget in (ELIMINATION_BUDGET, *ELIMINATION_LONGER):
        while len(session.rows) < int(budget * n_items):
            session.ask(answer)
        found.append(session.ranking()[0] == best)
    knockout = session.ranker.votes[: session.rows[n_items - 2]]
    beaten_early = any(vote.loser == best for vote in knockout)
    return n_items, Eliminated(found[0], beaten_early, tuple(found[1:]))


GROUPS, GROUP_SIZE = 10, 20
GROUPED_WAYS = (("smart", True), ("random", True), ("smart", False), ("random", False))
"""Compare within groups, as "Compare within: each prompt" does: each strategy asking within
the groups (True) or over the whole folder (False); every way is judged by its rankings within
the groups."""


class GroupedTask(NamedTuple):
    strategy: str
    within_groups: bool
    seed: int


def run_grouped(task: GroupedTask) -> tuple[GroupedTask, Run]:
    """One seed of GROUPS groups of GROUP_SIZE images, the main judge, until the mean Kendall
    tau within the groups reaches the targets."""
    started = time.perf_counter()
    quality = hidden_qualities(GROUPS * GROUP_SIZE, random.Random(task.seed))
    group_of = {item: f"prompt {i % GROUPS}" for i, item in enumerate(quality)}
    groups = group_of if task.within_groups else None
    ranker = Ranker(list(quality), strategy=task.strategy, seed=task.seed, groups=groups)
    answer = answerer(JUDGES[MAIN_JUDGE], quality, random.Random(f"{task.seed}:judge"))
    run = Run(Task(GROUPS * GROUP_SIZE, MAIN_JUDGE, task.strategy, task.seed))
    follow(
        run, EngineSession(ranker), answer, partial(tau_within, group_of=group_of, quality=quality)
    )
    run.seconds = time.perf_counter() - started
    return task, run


def tau_within(ranking: list[str], group_of: dict[str, str], quality: dict[str, float]) -> float:
    """The mean over groups of each group's Kendall tau (its items in the order ranked)."""
    by_group: dict[str, list[str]] = {}
    for item in ranking:
        by_group.setdefault(group_of[item], []).append(item)
    return statistics.fmean(kendall_tau(items, quality) for items in by_group.values())


@dataclass
class Speed:
    n_items: int
    logged: int
    target_ms: float
    blocks: list[list[float]]  # ms of each live answer, by block
    replay_s: float
    confidence_ms: float
    ranking_s: float


def run_speed(case: tuple[int, int, float]) -> Speed:
    """The smart strategy's next_pair + vote on a folder with a long log: the log is built
    from random pairs of the main judge and replayed by `from_votes` (timed too), then a few
    blocks of answers are given live."""
    n_items, logged, target_ms = case
    rng = random.Random(1)
    quality = hidden_qualities(n_items, random.Random(0))
    items = list(quality)
    answer = answerer(JUDGES[MAIN_JUDGE], quality, rng)
    votes = []
    for t in range(logged):
        left, right = rng.sample(items, 2)
        outcome = "left" if answer((left, right)) == left else "right"
        votes.append(Vote(stamp(t), left, right, outcome, "random"))
    start = time.perf_counter()
    ranker = Ranker.from_votes(items, votes, seed=1)
    replay_s = time.perf_counter() - start
    session = EngineSession(ranker)
    blocks = [[session.ask(answer) for _ in range(SPEED_LIVE_ANSWERS)] for _ in range(SPEED_BLOCKS)]
    start = time.perf_counter()
    ranker.confidence()
    confidence_ms = (time.perf_counter() - start) * 1000.0
    start = time.perf_counter()
    ranker.ranking()
    ranking_s = time.perf_counter() - start
    return Speed(n_items, logged, target_ms, blocks, replay_s, confidence_ms, ranking_s)


# --------------------------------------------------------------------------- planning


@dataclass
class Plan:
    sizes: list[int]
    judges: list[str]
    seeds: dict[int, int]  # seeds per size
    jobs: int
    set_sizes: list[int]  # sizes at which best of 3 and 4 are run
    grouped_seeds: int  # seeds of each way of comparing within groups (0: none)
    check_sizes: list[int]  # sizes at which smart is also run against MODEL_JUDGE
    elimination_seeds: dict[int, int]

    def tasks(self) -> list[Task]:
        """Pairs for every size, judge and strategy; best of 3 and 4 with the main judge at
        the sizes of the targets (best of 2 is the smart strategy's pair run)."""
        pairs = [
            Task(n, judge, strategy, seed)
            for n in self.sizes
            for judge in self.judges
            for strategy in STRATEGIES
            for seed in range(self.seeds[n])
        ]
        sets = [
            Task(n, MAIN_JUDGE, "smart", seed, k)
            for n in self.set_sizes
            for k in SET_SIZES
            if k > 2
            for seed in range(self.seeds[n])
        ]
        checks = [
            Task(n, MODEL_JUDGE.name, "smart", seed)
            for n in self.check_sizes
            for seed in range(CALIBRATION_CHECK_SEEDS[n])
        ]
        return pairs + sets + checks

    def grouped_tasks(self) -> list[GroupedTask]:
        return [
            GroupedTask(strategy, within, seed)
            for strategy, within in GROUPED_WAYS
            for seed in range(self.grouped_seeds)
        ]

    def elimination_tasks(self) -> list[tuple[int, int]]:
        return [
            (n, seed)
            for n, count in self.elimination_seeds.items()
            if n in self.sizes
            for seed in range(count)
        ]


# Rough cost model, from runs on this 2-core machine (next_pair + vote, checkpoints, settling
# and replays included): seconds per answer by strategy at N = 1,000 (less for smaller N), and
# answers per bit of log2(N!) by judge and strategy.
_SECONDS_PER_ANSWER = {"smart": 0.0035, "random": 0.0025, BASELINE: 0.00015}
_ANSWERS_PER_BIT = {
    "s=0.5": {"smart": 2.0, "random": 3.5, BASELINE: 4.5},
    "s=1.0": {"smart": 6.5, "random": 8.5, BASELINE: 11.0},
    "s=0.5+5% random": {"smart": 2.2, "random": 5.0, BASELINE: 9.0},
    MODEL_JUDGE.name: {"smart": 4.0},
}
_OTHER_SECONDS = 240.0  # elimination (to 4 N answers) and speed


def estimated_seconds(task: Task) -> float:
    """Expected CPU seconds of one run (also used to start the longest runs first). A best of
    k answer costs about as much as k - 1 pair answers and k of them do about as much."""
    bits = log2_factorial(task.n_items)
    per_bit = _ANSWERS_PER_BIT[task.judge][task.strategy] / (task.k - 1) ** 0.5
    answers = min(per_bit * bits, answer_cap(task.n_items, task.strategy))
    size_factor = 0.5 + 0.5 * math.log10(task.n_items) / 3.0
    return answers * (task.k - 1) * _SECONDS_PER_ANSWER[task.strategy] * size_factor


def estimated_minutes(plan: Plan) -> float:
    grouped = [
        Task(GROUPS * GROUP_SIZE, MAIN_JUDGE, t.strategy, t.seed) for t in plan.grouped_tasks()
    ]
    runs = sum(estimated_seconds(task) for task in plan.tasks() + grouped)
    return (runs / plan.jobs + _OTHER_SECONDS) / 60.0


# --------------------------------------------------------------------------- running


RunKey = tuple[int, str, str, int]  # n_items, judge, strategy, k


@dataclass
class Results:
    runs: dict[RunKey, list[Run]]
    eliminated: dict[int, list[Eliminated]]
    speeds: list[Speed]
    grouped: dict[tuple[str, bool], list[Run]]

    def group(self, n: int, judge: str, strategy: str, k: int = 2) -> list[Run]:
        return self.runs[(n, judge, strategy, k)]


def run_plan(plan: Plan) -> Results:
    tasks = sorted(plan.tasks(), key=estimated_seconds, reverse=True)
    runs: dict[RunKey, list[Run]] = {}
    eliminated: dict[int, list[Eliminated]] = {}
    with ProcessPoolExecutor(plan.jobs) as pool:
        for done, run in enumerate(pool.map(run_task, tasks), start=1):
            n, judge, strategy, _, k = run.task
            runs.setdefault((n, judge, strategy, k), []).append(run)
            progress(done, len(tasks), describe(run))
        grouped: dict[tuple[str, bool], list[Run]] = {}
        for grouped_task, run in pool.map(run_grouped, plan.grouped_tasks()):
            grouped.setdefault(grouped_task[:2], []).append(run)
        progress(1, 1, "groups")
        for n, outcome in pool.map(run_elimination, plan.elimination_tasks()):
            eliminated.setdefault(n, []).append(outcome)
        progress(1, 1, "elimination")
    speeds = [run_speed(case) for case in SPEED_CASES]  # alone, so the times are not shared
    progress(1, 1, "speed")
    return Results(runs, eliminated, speeds, grouped)


def describe(run: Run) -> str:
    n, judge, strategy, seed, k = run.task
    way = strategy if k == 2 else f"{strategy} best of {k}"
    reached = ", ".join(f"tau {t}: {fmt_count(a)}" for t, a in run.answers_to.items())
    return f"N={n} {judge} {way} seed {seed}: {reached} ({run.seconds:.0f} s)"


def progress(done: int, total: int, what: str) -> None:
    """Progress on stderr, so a long run can be followed while stdout holds the report."""
    print(f"[{done}/{total}] {what}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- figures


def median_count(values: Iterable[int | None]) -> int | None:
    """The (upper) median, a run that never reached the target counting as more than any."""
    ordered = sorted(values, key=lambda v: math.inf if v is None else v)
    return ordered[len(ordered) // 2]


def to_tau(runs: list[Run], target: float = TARGETS[-1]) -> int | None:
    return median_count(run.answers_to[target] for run in runs)


class Calibration(NamedTuple):
    """How far `confidence()` was from the measured tau at its worst (signed: positive when
    it promised more than the ranking had), and after how many answers."""

    mean: float  # mean confidence - mean tau over the seeds
    mean_at: int
    single: float  # confidence - tau of one run
    single_at: int

    def __str__(self) -> str:
        return (
            f"{self.mean:+.3f} (at {self.mean_at:,}) / {self.single:+.3f} (at {self.single_at:,})"
        )


def calibration(runs: list[Run]) -> Calibration:
    """The mean is taken at the checkpoints every seed reached: later ones would hold only
    the slow seeds, whose tau is low by selection. The single-run figure covers every
    checkpoint of every run."""
    reached = set.intersection(*({n for n, _, _ in run.checkpoints} for run in runs))
    mean, mean_at = 0.0, 0
    for n in sorted(reached):
        confidence, tau = mean_confidence_and_tau(runs, n)
        error = confidence - tau
        if abs(error) > abs(mean):
            mean, mean_at = error, n
    single, single_at = max(
        ((c - t, n) for run in runs for n, c, t in run.checkpoints), key=lambda p: abs(p[0])
    )
    return Calibration(mean, mean_at, single, single_at)


def mean_confidence_and_tau(runs: list[Run], answers: int) -> tuple[float, float]:
    points = [(c, t) for run in runs for m, c, t in run.checkpoints if m == answers]
    return statistics.fmean(c for c, _ in points), statistics.fmean(t for _, t in points)


def ratio(count: int | None, cap_of_count: int, base: int | None, cap_of_base: int) -> str:
    """count / base, as a bound when either ran into its cap."""
    if count is None and base is None:
        return "-"
    if count is None:
        return f"> {cap_of_count / base:.3f}"
    if base is None:
        return f"< {count / cap_of_base:.3f}"
    return f"{count / base:.3f}"


def ratio_bound(count: int | None, base: int | None, cap_of_base: int) -> float | None:
    """The largest value count / base can have (None when unknown)."""
    if count is None:
        return None
    return count / (base if base is not None else cap_of_base)


def person_time(k: int) -> float:
    """Assumed seconds per answer when k images are shown: a fixed part (reading the question,
    the key press) plus looking at each image. Choice reaction times grow with the number of
    alternatives (Hick, 1952: about 0.15 s per bit for simple stimuli), but judging an image's
    quality takes far longer than recognising a light, so the cost per image dominates; both
    constants are assumptions, stated beside the table."""
    return DECISION_BASE_S + DECISION_PER_IMAGE_S * k


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def fmt_count(value: int | None) -> str:
    return "> cap" if value is None else f"{value:,}"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


# --------------------------------------------------------------------------- report


class Target(NamedTuple):
    what: str
    figure: str
    ok: bool


def pair_table(plan: Plan, results: Results, targets: list[Target]) -> list[str]:
    seeds = ", ".join(f"{plan.seeds[n]} at N={n}" for n in plan.sizes)
    lines = [
        f"## Answers to a true ranking (median over seeds: {seeds})",
        "",
        "| N | judge | strategy | to tau 0.8 | to tau 0.9 | tau 0.9 / log2(N!) | vs baseline "
        "| calibration: mean / single run (at answers) | ms per answer | target (tau 0.9) "
        "| verdict |",
        "|---|---|---|--:|--:|--:|--:|--:|--:|---|---|",
    ]
    for n in plan.sizes:
        for judge in plan.judges:
            for strategy in STRATEGIES:
                lines.append(pair_row(n, judge, strategy, results, targets))
    lines += [
        "",
        "The ranking is read at checkpoints (every N/10 answers, then 5% more each time); when "
        "one is at or past a target, replays of the log's first answers locate the crossing "
        'to within 0.5%. "> cap": not reached within '
        f"{CAP_BITS['smart']:g} log2(N!) answers ({CAP_BITS[BASELINE]:g} for the baseline)."
        " Baseline: uniform random pairs, one online trueskill.rate_1vs1 per answer "
        "(TrueSkill() defaults, draw_probability=0), ranked by mu; random: the same pairs, the "
        "engine's joint estimate. Calibration of confidence() against the measured tau (target "
        f"within {CALIBRATION_TARGET} at every point of a run): mean = worst mean confidence - "
        "mean tau over the seeds at the checkpoints all seeds reached (+: confidence too high); "
        "single run = worst confidence - tau of any run at any checkpoint. The verdicts (in "
        "Targets below) go by the mean: calibration is a promise about the average, and the "
        "tau of one run strays from its expectation by about 0.15 at its worst checkpoint even "
        "when the model is exactly right (see the calibration check below). ms per answer: "
        "median of next_pair + vote over all answers, with another benchmark process running "
        "beside it.",
    ]
    return lines


def pair_row(
    n: int,
    judge: str,
    strategy: str,
    results: Results,
    targets: list[Target],
) -> str:
    group = results.group(n, judge, strategy)
    bits = log2_factorial(n)
    to8, to9 = (to_tau(group, target) for target in TARGETS)
    base = to_tau(results.group(n, judge, BASELINE))
    cap, base_cap = answer_cap(n, strategy), answer_cap(n, BASELINE)
    per_bit = "> cap" if to9 is None else f"{to9 / bits:.3f}"
    ms = statistics.median(t for r in group for t in r.answer_ms)
    calib: Calibration | None = None
    target = result = ""
    if strategy != BASELINE:
        calib = calibration(group)
        targets.append(
            Target(
                f"confidence() within {CALIBRATION_TARGET} of tau, N={n} {judge} {strategy}",
                f"mean / single run: {calib}",
                abs(calib.mean) <= CALIBRATION_TARGET,
            )
        )
    if strategy == "smart" and judge == MAIN_JUDGE and n in SMART_TARGET_SIZES:
        bound = ratio_bound(to9, base, base_cap)
        bits_ok = to9 is not None and to9 <= SMART_TARGET_BITS * bits
        ratio_ok = bound is not None and bound <= SMART_TARGET_RATIO
        target = f"<= {SMART_TARGET_BITS} log2(N!), <= {SMART_TARGET_RATIO}x baseline"
        result = f"{verdict(bits_ok)}, {verdict(ratio_ok)}"
        targets.append(
            Target(f"smart N={n}: answers <= {SMART_TARGET_BITS} log2(N!)", per_bit, bits_ok)
        )
        targets.append(
            Target(
                f"smart N={n}: answers <= {SMART_TARGET_RATIO}x baseline",
                ratio(to9, cap, base, base_cap),
                ratio_ok,
            )
        )
    return (
        f"| {n} | {judge} | {strategy} | {fmt_count(to8)} | {fmt_count(to9)} | {per_bit} | "
        f"{ratio(to9, cap, base, base_cap)} | {calib or '-'} | {ms:.2f} | {target} | {result} |"
    )


def elimination_table(results: Results, targets: list[Target]) -> list[str]:
    lines = [
        f"## Elimination: the true best ranked first after {ELIMINATION_BUDGET:g} N answers "
        f"({MAIN_JUDGE})",
        "",
        "| N | runs | found | best lost in the knockout | found when it lost "
        "| found when it did not | target | verdict | found after "
        + " / ".join(f"{budget:g} N" for budget in ELIMINATION_LONGER)
        + " |",
        "|---|--:|--:|--:|--:|--:|---|---|--:|",
    ]
    for n, outcomes in sorted(results.eliminated.items()):
        share = found_share(outcomes)
        early = [o for o in outcomes if o.beaten_early]
        late = [o for o in outcomes if not o.beaten_early]
        ok = share >= ELIMINATION_TARGET
        lines.append(
            f"| {n} | {len(outcomes)} | {share:.0%} | {len(early) / len(outcomes):.0%} "
            f"| {found_share(early):.0%} | {found_share(late):.0%} "
            f"| >= {ELIMINATION_TARGET:.0%} | {verdict(ok)} | "
            + " / ".join(
                f"{sum(o.found_later[b] for o in outcomes) / len(outcomes):.0%}"
                for b in range(len(ELIMINATION_LONGER))
            )
            + " |"
        )
        targets.append(
            Target(
                f"elimination N={n}: best first in >= {ELIMINATION_TARGET:.0%}",
                f"{share:.0%} of {len(outcomes)}",
                ok,
            )
        )
    lines += [
        "",
        "Knockout: the first N - 1 answers, in which unbeaten images meet others with as many "
        "wins until one is left unbeaten; the last 0.5 N answers go to the contenders. The "
        "true best loses in the knockout when it meets a close rival, and the misses come "
        "mostly from those runs. Found after: the same runs, answering on to longer budgets.",
    ]
    return lines


def found_share(outcomes: list[Eliminated]) -> float:
    return sum(o.found for o in outcomes) / len(outcomes) if outcomes else float("nan")


def speed_table(results: Results, targets: list[Target]) -> list[str]:
    lines = [
        "## Speed in CPython (smart strategy)",
        "",
        f"{SPEED_BLOCKS} blocks of {SPEED_LIVE_ANSWERS} live answers after the log, with no "
        "other benchmark process running; the block with the lowest median counts (other "
        "work on this shared machine only slows blocks down), the medians of all blocks in "
        "brackets.",
        "",
        "| folder | next_pair + vote median / p95 | target (median) | verdict | from_votes "
        "of the log | confidence() | ranking() after the answers |",
        "|---|--:|---|---|--:|--:|--:|",
    ]
    for s in results.speeds:
        medians = [statistics.median(block) for block in s.blocks]
        median = min(medians)
        quietest = s.blocks[medians.index(median)]
        ok = median < s.target_ms
        folder = f"N={s.n_items:,}, {s.logged:,} answers logged"
        spread = ", ".join(f"{m:.2f}" for m in medians)
        lines.append(
            f"| {folder} | {median:.2f} / {percentile(quietest, 0.95):.2f} ms ({spread}) | "
            f"< {s.target_ms:g} ms | {verdict(ok)} | {s.replay_s:.2f} s | "
            f"{s.confidence_ms:.0f} ms | {s.ranking_s:.2f} s |"
        )
        targets.append(
            Target(
                f"next_pair + vote at {folder}: median < {s.target_ms:g} ms", f"{median:.2f} ms", ok
            )
        )
    return lines


def sets_table(plan: Plan, results: Results, targets: list[Target]) -> list[str]:
    lines = [
        f"## Best of k ({MAIN_JUDGE}, smart, median answers to tau {TARGETS[-1]})",
        "",
        f"Person time assumes {DECISION_BASE_S:g} s + {DECISION_PER_IMAGE_S:g} s per image shown "
        "per answer (an assumption, see person_time in bench/ranking.py). k = 2 is the smart "
        "row of the table above.",
        "",
        "| N | k | answers | vs pairs | person time | vs pairs | target | verdict |",
        "|---|--:|--:|--:|--:|--:|---|---|",
    ]
    for n in plan.set_sizes:
        pairs = to_tau(results.group(n, MAIN_JUDGE, "smart"))
        pair_cap = answer_cap(n, "smart")
        for k in SET_SIZES:
            answers = to_tau(results.group(n, MAIN_JUDGE, "smart", k))
            minutes = "> cap" if answers is None else f"{answers * person_time(k) / 60:.1f} min"
            time_ratio = "-"
            if answers is not None and pairs is not None:
                time_ratio = f"{answers * person_time(k) / (pairs * person_time(2)):.2f}"
            target = result = ""
            if n == 200 and k == 4:
                bound = ratio_bound(answers, pairs, pair_cap)
                ok = bound is not None and bound <= SET_TARGET
                target, result = f"<= {SET_TARGET}x the answers of pairs", verdict(ok)
                targets.append(
                    Target(
                        f"best of 4 at N=200: <= {SET_TARGET}x answers of pairs",
                        ratio(answers, pair_cap, pairs, pair_cap),
                        ok,
                    )
                )
            lines.append(
                f"| {n} | {k} | {fmt_count(answers)} | "
                f"{ratio(answers, pair_cap, pairs, pair_cap)} | {minutes} | {time_ratio} | "
                f"{target} | {result} |"
            )
    return lines


def grouped_table(plan: Plan, results: Results) -> list[str]:
    bits = log2_factorial(GROUP_SIZE)
    lines = [
        f"## Compare within groups ({GROUPS} groups of {GROUP_SIZE}, {MAIN_JUDGE}, median over "
        f"{plan.grouped_seeds} seeds)",
        "",
        "Answers until the mean Kendall tau within the groups reaches 0.8 and 0.9, whether the "
        "strategy asks within the groups (as Compare within: each prompt does) or over the "
        "whole folder.",
        "",
        "| strategy | asks | to tau 0.8 | to tau 0.9 | per group | per group / log2(20!) "
        "| vs random within groups |",
        "|---|---|--:|--:|--:|--:|--:|",
    ]
    cap = answer_cap(GROUPS * GROUP_SIZE, "smart")
    base = to_tau(results.grouped[("random", True)])
    for strategy, within in GROUPED_WAYS:
        runs = results.grouped[(strategy, within)]
        to8, to9 = (to_tau(runs, target) for target in TARGETS)
        per_group = "-" if to9 is None else f"{to9 / GROUPS:.0f}"
        per_bit = "-" if to9 is None else f"{to9 / GROUPS / bits:.2f}"
        asks = "within groups" if within else "whole folder"
        lines.append(
            f"| {strategy} | {asks} | {fmt_count(to8)} | {fmt_count(to9)} | {per_group} | "
            f"{per_bit} | {ratio(to9, cap, base, cap)} |"
        )
    return lines


def calibration_check_table(plan: Plan, results: Results) -> list[str]:
    """confidence() against the judge the model assumes: what is left of the calibration
    error once the model's noise is the judge's."""
    lines = [
        "## Calibration check: a judge exactly as noisy as the model assumes (smart)",
        "",
        f"{MODEL_JUDGE.name}: s = sqrt(2) beta / sigma with TrueSkill's beta = sigma / 2, and "
        "2% of answers at random, the engine's lapse rate. The judges above are steadier "
        "(s = 0.5) or noisier (s = 1.0) than the model assumes, and no answers tell it which "
        "early on: smart asks pairs whose outcome is close to a coin flip to the model.",
        "",
        "| N | judge | seeds | to tau 0.9 | calibration: mean / single run (at answers) |",
        "|---|---|--:|--:|--:|",
    ]
    for n in plan.check_sizes:
        group = results.group(n, MODEL_JUDGE.name, "smart")
        lines.append(
            f"| {n} | {MODEL_JUDGE.name} | {len(group)} | {fmt_count(to_tau(group))} "
            f"| {calibration(group)} |"
        )
    return lines


STEADY, NOISY = "s=0.5", "s=1.0"


def judges_apart_table(plan: Plan, results: Results) -> list[str]:
    """Where the calibration misses come from: on the same hidden qualities (the same
    seeds) and at the same answer count, the steadier judge's ranking is worth more tau than
    the noisier one's, but a confidence can only tell the two apart by their logs. What it
    does not tell apart of the tau gap is an error of at least half that on one judge or
    the other, however the confidence is shifted or scaled."""
    lines = [
        "## The steadier and the noisier judge, side by side (smart, same seeds)",
        "",
        "At the checkpoint (reached by every seed of both) where the gap between the two "
        "judges' mean tau is widest beyond the gap between their mean confidence. "
        "(tau gap - confidence gap) / 2 is the least error that a confidence separating the "
        "two logs no better than confidence() does must make on one of them; separating them "
        "better needs a log that tells how noisy the judge is, which the first answers do not "
        "(smart asks pairs whose outcome is close to a coin flip).",
        "",
        f"| N | answers (per image) | confidence {STEADY} / {NOISY} | tau {STEADY} / {NOISY} "
        "| (tau gap - confidence gap) / 2 |",
        "|---|--:|--:|--:|--:|",
    ]
    for n in plan.sizes:
        steady, noisy = results.group(n, STEADY, "smart"), results.group(n, NOISY, "smart")
        reached = set.intersection(*({m for m, _, _ in run.checkpoints} for run in steady + noisy))
        rows = []
        for m in reached:
            (c1, t1), (c2, t2) = (mean_confidence_and_tau(runs, m) for runs in (steady, noisy))
            rows.append(((t1 - t2) - (c1 - c2), m, c1, c2, t1, t2))
        unseen, m, c1, c2, t1, t2 = max(rows)
        lines.append(
            f"| {n} | {m:,} ({m / n:.1f}) | {c1:.3f} / {c2:.3f} | {t1:.3f} / {t2:.3f} "
            f"| {unseen / 2:.3f} |"
        )
    return lines


def targets_table(targets: list[Target]) -> list[str]:
    lines = ["## Targets", "", "| target | figure | verdict |", "|---|---|---|"]
    lines += [f"| {t.what} | {t.figure} | {verdict(t.ok)} |" for t in targets]
    missed = sum(not t.ok for t in targets)
    lines += ["", f"{len(targets) - missed} of {len(targets)} targets met."]
    return lines


def report(plan: Plan, results: Results) -> list[str]:
    targets: list[Target] = []
    lines = pair_table(plan, results, targets)
    if results.eliminated:
        lines += [""] + elimination_table(results, targets)
    lines += [""] + speed_table(results, targets)
    if plan.set_sizes:
        lines += [""] + sets_table(plan, results, targets)
    if plan.grouped_seeds:
        lines += [""] + grouped_table(plan, results)
    if {STEADY, NOISY} <= set(plan.judges):
        lines += [""] + judges_apart_table(plan, results)
    if plan.check_sizes:
        lines += [""] + calibration_check_table(plan, results)
    return lines + [""] + targets_table(targets)


# --------------------------------------------------------------------------- main


def parse_plan(argv: list[str]) -> Plan:
    parser = argparse.ArgumentParser(
        prog="python build.py bench ranking",
        description=__doc__.split("\n\n")[0],
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="N = 50 and 200, 5 seeds, judge s=0.5 only, best of k at N = 50 (a few minutes)",
    )
    parser.add_argument("--sizes", type=int, nargs="+", help="numbers of items (50 200 1000)")
    parser.add_argument(
        "--seeds",
        type=int,
        help="seeds of every size (at least 5; default: "
        + ", ".join(f"{count} at N = {n}" for n, count in SEEDS.items())
        + ")",
    )
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (2 cores here)")
    args = parser.parse_args(argv)
    sizes = args.sizes or ([50, 200] if args.quick else [50, 200, 1000])
    judges = [MAIN_JUDGE] if args.quick else list(JUDGES)
    seeds = {n: 5 if args.quick else args.seeds or SEEDS.get(n, 5) for n in sizes}
    # best of k is slow to run (set answers, and their replays): quick runs it at N = 50 only
    set_sizes = [n for n in SMART_TARGET_SIZES if n in sizes and not (args.quick and n > 50)]
    grouped_seeds = (args.seeds or GROUPED_SEEDS) if GROUPS * GROUP_SIZE in sizes else 0
    check_sizes = [n for n in CALIBRATION_CHECK_SEEDS if n in sizes and not args.quick]
    return Plan(
        sorted(sizes),
        judges,
        seeds,
        max(1, args.jobs),
        set_sizes,
        grouped_seeds,
        check_sizes,
        QUICK_ELIMINATION_SEEDS if args.quick else ELIMINATION_SEEDS,
    )


def main(argv: list[str]) -> int:
    plan = parse_plan(argv)
    print(
        f"Estimated duration: about {estimated_minutes(plan):.0f} min with {plan.jobs} "
        f"process(es) (a rough model; progress on stderr).\n",
        flush=True,
    )
    started = time.perf_counter()
    results = run_plan(plan)
    for line in report(plan, results):
        print(line)
    print(f"\nTotal time {time.perf_counter() - started:.0f} s with {plan.jobs} process(es).")
    return 0
