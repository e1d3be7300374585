"""How few answers the engine needs: `python build.py bench ranking [--quick] [--jobs 2]`.

Simulated judges (bench/judges.py) answer the questions of each strategy until the ranking's
Kendall tau against the hidden truth reaches 0.8 and 0.9. Reported per size and judge, as the
median over seeds: those answer counts, the count divided by log2(N!) (the information any
sorter needs), its ratio to the original app's way (uniform random pairs, one online TrueSkill
update each), the calibration of `confidence()`, and the time per answer (vote + next_pair).
Then: whether `elimination` finds the true best within 1.5 N answers, the engine's speed on a
long log and a large folder, and best of k (pairs against sets of 3 and 4).

The ranking is read at checkpoints (every N/10 answers, later every 5%), so the counts are
rounded up to a checkpoint. Everything is seeded: a rerun gives the same counts.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

import trueskill

from bench.judges import JUDGES, hidden_qualities, kendall_tau, log2_factorial
from ranker import Ranker, Vote

TARGETS = (0.8, 0.9)
BASELINE = "baseline"
STRATEGIES = ("smart", "random", BASELINE)
CAP_PER_BIT = 12  # give up after this many answers per bit of log2(N!)
ELIMINATION_SEEDS = {50: 20, 200: 10}
SET_SIZES = (2, 3, 4)
# Person-time model for best of k (assumed, see `person_time`): seconds per answer.
DECISION_BASE_S = 1.0
DECISION_PER_IMAGE_S = 1.0


@dataclass
class Run:
    """One seed's path to the targets."""

    answers_to: dict[float, int | None] = field(default_factory=dict)
    checkpoints: list[tuple[int, float, float]] = field(default_factory=list)  # n, conf, tau
    answer_ms: list[float] = field(default_factory=list)


def checkpoints(n_items: int) -> Iterator[int]:
    n = max(1, n_items // 2)
    while True:
        yield n
        n = max(n + max(1, n_items // 10), int(n * 1.05))


def run_pairs(task: tuple[int, str, str, int]) -> tuple[tuple[int, str, str], Run]:
    n_items, judge_name, strategy, seed = task
    judge = JUDGES[judge_name]
    rng = random.Random(f"{seed}:judge")
    quality = hidden_qualities(n_items, random.Random(seed))
    if strategy == BASELINE:
        ask, rank, confidence = _baseline(list(quality), random.Random(f"{seed}:pairs"))
    else:
        ask, rank, confidence = _engine(list(quality), strategy, seed)
    run = Run()
    cap = CAP_PER_BIT * log2_factorial(n_items)
    given = 0
    for checkpoint in checkpoints(n_items):
        while given < checkpoint:
            run.answer_ms.append(ask(lambda shown: judge.best(shown, quality, rng)))
            given += 1
        tau = kendall_tau(rank(), quality)
        run.checkpoints.append((given, confidence(), tau))
        for target in TARGETS:
            if tau >= target and target not in run.answers_to:
                run.answers_to[target] = given
        if len(run.answers_to) == len(TARGETS) or given > cap:
            break
    return (n_items, judge_name, strategy), run


def _engine(items: list[str], strategy: str, seed: int):
    ranker = Ranker(items, strategy=strategy, seed=seed)

    def ask(best_of: Callable[[tuple[str, ...]], str]) -> float:
        start = time.perf_counter()
        left, right = ranker.next_pair()
        chosen = best_of((left, right))
        ranker.vote(chosen, right if chosen == left else left)
        return (time.perf_counter() - start) * 1000.0

    return ask, ranker.ranking, ranker.confidence


def _baseline(items: list[str], rng: random.Random):
    """The original app: a random pair, then one online TrueSkill update of the two."""
    env = trueskill.TrueSkill(draw_probability=0.0)
    ratings = {item: env.create_rating() for item in items}

    def ask(best_of: Callable[[tuple[str, ...]], str]) -> float:
        start = time.perf_counter()
        left, right = rng.sample(items, 2)
        winner = best_of((left, right))
        loser = right if winner == left else left
        ratings[winner], ratings[loser] = env.rate_1vs1(ratings[winner], ratings[loser])
        return (time.perf_counter() - start) * 1000.0

    def rank() -> list[str]:
        return sorted(items, key=lambda item: -ratings[item].mu)

    return ask, rank, lambda: math.nan


def run_elimination(task: tuple[int, int]) -> tuple[int, bool]:
    n_items, seed = task
    judge = JUDGES["s=0.5"]
    rng = random.Random(f"{seed}:judge")
    quality = hidden_qualities(n_items, random.Random(seed))
    ranker = Ranker(list(quality), strategy="elimination", seed=seed)
    for _ in range(int(1.5 * n_items)):
        left, right = ranker.next_pair()
        chosen = judge.best((left, right), quality, rng)
        ranker.vote(chosen, right if chosen == left else left)
    return n_items, ranker.ranking()[0] == max(quality, key=quality.get)


def run_sets(task: tuple[int, int, int]) -> tuple[tuple[int, int], int | None]:
    """Answers to tau 0.9 when every question shows k images and the judge picks the best."""
    n_items, k, seed = task
    judge = JUDGES["s=0.5"]
    rng = random.Random(f"{seed}:judge")
    quality = hidden_qualities(n_items, random.Random(seed))
    ranker = Ranker(list(quality), seed=seed)
    cap = CAP_PER_BIT * log2_factorial(n_items)
    given = 0
    for checkpoint in checkpoints(n_items):
        while given < checkpoint:
            shown = ranker.next_set(k)
            ranker.choose(judge.best(shown, quality, rng), shown)
            given += 1
        if kendall_tau(ranker.ranking(), quality) >= 0.9:
            return (n_items, k), given
        if given > cap:
            return (n_items, k), None


def speed(n_items: int, logged: int, live: int = 200) -> dict[str, float]:
    """The smart strategy's vote + next_pair on a folder with a long log (built by replay)."""
    rng = random.Random(1)
    quality = hidden_qualities(n_items, random.Random(0))
    items = list(quality)
    judge = JUDGES["s=0.5"]
    votes = []
    for t in range(logged):
        left, right = rng.sample(items, 2)
        outcome = "left" if judge.best((left, right), quality, rng) == left else "right"
        votes.append(Vote(f"2026-01-01T00:00:00.{t:06d}Z", left, right, outcome, "random"))
    start = time.perf_counter()
    ranker = Ranker.from_votes(items, votes, seed=1)
    replay_s = time.perf_counter() - start
    times = []
    for _ in range(live):
        start = time.perf_counter()
        left, right = ranker.next_pair()
        chosen = judge.best((left, right), quality, rng)
        ranker.vote(chosen, right if chosen == left else left)
        times.append((time.perf_counter() - start) * 1000.0)
    start = time.perf_counter()
    ranker.confidence()
    confidence_ms = (time.perf_counter() - start) * 1000.0
    start = time.perf_counter()
    ranker.ranking()
    ranking_s = time.perf_counter() - start
    times.sort()
    return {
        "median": statistics.median(times),
        "p95": times[int(0.95 * (len(times) - 1))],
        "replay_s": replay_s,
        "confidence_ms": confidence_ms,
        "ranking_s": ranking_s,
    }


# --------------------------------------------------------------------------- report


def median_or_none(values: list[int | None]) -> float | None:
    """Median where a missing value (cap reached) counts as larger than any other."""
    ordered = sorted(values, key=lambda v: math.inf if v is None else v)
    middle = ordered[len(ordered) // 2]
    return None if middle is None else float(middle)


def calibration(runs: list[Run]) -> tuple[float, float]:
    """(max over checkpoints of |mean confidence - mean tau| over the seeds that reached it,
    max over all checkpoints of all runs of |confidence - tau|)."""
    by_n: dict[int, list[tuple[float, float]]] = {}
    worst_single = 0.0
    for run in runs:
        for n, conf, tau in run.checkpoints:
            by_n.setdefault(n, []).append((conf, tau))
            worst_single = max(worst_single, abs(conf - tau))
    worst_mean = 0.0
    for points in by_n.values():
        if len(points) >= max(3, len(runs) // 2):
            mean_conf = statistics.fmean(c for c, _ in points)
            mean_tau = statistics.fmean(t for _, t in points)
            worst_mean = max(worst_mean, abs(mean_conf - mean_tau))
    return worst_mean, worst_single


def person_time(k: int) -> float:
    """Assumed seconds per answer when k images are shown: a fixed part (reading the question,
    the key press) plus looking at each image. The order of magnitude follows choice reaction
    times (Hick, 1952: a few hundred ms per bit for simple stimuli) and is far below the time
    people take to inspect an image; both constants are assumptions, stated in the table."""
    return DECISION_BASE_S + DECISION_PER_IMAGE_S * k


def fmt(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "> cap"
    if isinstance(value, float) and math.isnan(value):
        return "-"
    return f"{value:.{digits}f}"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="build.py bench ranking", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="N=50 and 200, judge s=0.5 only")
    parser.add_argument("--sizes", type=int, nargs="+")
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    sizes = args.sizes or ([50, 200] if args.quick else [50, 200, 1000])
    seeds = range(args.seeds)
    judges = ["s=0.5"] if args.quick else list(JUDGES)
    tasks = [
        (n, judge, strategy, seed)
        for n in sizes
        for judge in judges
        if n < 1000 or judge == "s=0.5"  # N=1000 with the main judge only: it takes long
        for strategy in STRATEGIES
        for seed in seeds
    ]
    started = time.perf_counter()
    runs: dict[tuple[int, str, str], list[Run]] = {}
    with ProcessPoolExecutor(args.jobs) as pool:
        for key, run in pool.map(run_pairs, tasks):
            runs.setdefault(key, []).append(run)
        eliminated = list(
            pool.map(
                run_elimination,
                [
                    (n, seed)
                    for n, count in ELIMINATION_SEEDS.items()
                    if n in sizes
                    for seed in range(count)
                ],
            )
        )
        set_sizes = [n for n in (50, 200) if n in sizes]
        set_tasks = [(n, k, seed) for n in set_sizes for k in SET_SIZES for seed in seeds]
        sets: dict[tuple[int, int], list[int | None]] = {}
        for key, answers in pool.map(run_sets, set_tasks):
            sets.setdefault(key, []).append(answers)
    fast = speed(1000, 10_000)
    large = speed(10_000, 5_000)

    print(f"## Answers to a true ranking ({args.seeds} seeds, median)\n")
    print(
        "| N | judge | strategy | to tau 0.8 | to tau 0.9 | /log2(N!) | vs baseline "
        "| calibration mean / single run | ms per answer | target (s=0.5, tau 0.9) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for n in sizes:
        bits = log2_factorial(n)
        for judge in judges:
            if (n, judge, BASELINE) not in runs:
                continue
            base = median_or_none([r.answers_to.get(0.9) for r in runs[(n, judge, BASELINE)]])
            for strategy in STRATEGIES:
                group = runs[(n, judge, strategy)]
                to8 = median_or_none([r.answers_to.get(0.8) for r in group])
                to9 = median_or_none([r.answers_to.get(0.9) for r in group])
                per_bit = None if to9 is None else to9 / bits
                ratio = None if to9 is None or base is None else to9 / base
                mean_err, single_err = calibration(group)
                ms = statistics.median(t for r in group for t in r.answer_ms)
                target = ""
                if strategy == "smart" and judge == "s=0.5" and n in (50, 200):
                    ok = per_bit is not None and per_bit <= 1.6 and ratio is not None
                    ok = ok and ratio <= 0.4
                    target = f"<= 1.6 x log2(N!), <= 0.4 x baseline: {verdict(ok)}"
                calib = "-" if strategy == BASELINE else f"{mean_err:.3f} / {single_err:.3f}"
                print(
                    f"| {n} | {judge} | {strategy} | {fmt(to8)} | {fmt(to9)} | "
                    f"{fmt(per_bit, 2)} | {fmt(ratio, 2)} | {calib} | {ms:.2f} | {target} |"
                )
    print("\nCalibration: |confidence() - measured tau| at the checkpoints; target <= 0.05.")

    print("\n## Elimination: the true best ranked first after 1.5 N answers (s=0.5)\n")
    print("| N | runs | found | target |")
    print("|---|---|---|---|")
    for n in (n for n in ELIMINATION_SEEDS if n in sizes):
        found = [ok for size, ok in eliminated if size == n]
        share = sum(found) / len(found)
        print(f"| {n} | {len(found)} | {share:.0%} | >= 90%: {verdict(share >= 0.9)} |")

    print("\n## Speed in CPython (smart strategy, 200 live answers)\n")
    print(
        "| folder | vote + next_pair median / p95 | target | replay of the log | "
        "confidence() | ranking() after the answers |"
    )
    print("|---|---|---|---|---|---|")
    for label, figures, target in (
        ("N=1,000, 10,000 answers", fast, 2.0),
        ("N=10,000, 5,000 answers", large, 10.0),
    ):
        print(
            f"| {label} | {figures['median']:.2f} / {figures['p95']:.2f} ms | "
            f"< {target:.0f} ms median: {verdict(figures['median'] < target)} | "
            f"{figures['replay_s']:.2f} s | {figures['confidence_ms']:.0f} ms | "
            f"{figures['ranking_s']:.2f} s |"
        )

    print(f"\n## Best of k (s=0.5, {args.seeds} seeds, median answers to tau 0.9)\n")
    print(
        f"Person time assumes {DECISION_BASE_S:.1f} s + {DECISION_PER_IMAGE_S:.1f} s per image "
        "shown, per answer (an assumption, see person_time in bench/ranking.py).\n"
    )
    print("| N | k | answers | vs pairs | person time | vs pairs | target (N=200, k=4) |")
    print("|---|---|---|---|---|---|---|")
    for n in set_sizes:
        pairs = median_or_none(sets[(n, 2)])
        for k in SET_SIZES:
            answers = median_or_none(sets[(n, k)])
            ratio = None if answers is None or pairs is None else answers / pairs
            seconds = None if answers is None else answers * person_time(k)
            pair_seconds = None if pairs is None else pairs * person_time(2)
            time_ratio = None if seconds is None or pair_seconds is None else seconds / pair_seconds
            target = ""
            if n == 200 and k == 4:
                target = f"<= 0.6 x answers: {verdict(ratio is not None and ratio <= 0.6)}"
            print(
                f"| {n} | {k} | {fmt(answers)} | {fmt(ratio, 2)} | "
                f"{fmt(None if seconds is None else seconds / 60, 1)} min | "
                f"{fmt(time_ratio, 2)} | {target} |"
            )
    print(f"\nTotal time {time.perf_counter() - started:.0f} s with {args.jobs} processes.")
    return 0
