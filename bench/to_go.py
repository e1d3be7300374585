"""How right "about K answers to go" is: `python build.py bench to_go [--quick] [--jobs 2]`.

The page shows `answers_to_go(0.9)` beside its progress bar: the answers it expects before the
bar says "settled enough to trust" (confidence 0.9). Here simulated judges (bench/judges.py)
answer the smart strategy's questions until `confidence()` reaches 0.9; at 10%, 25%, 50%, 75%
and 90% of each run's way the estimate the page would show then is set against the answers the
run actually went on to need. Reported per size and judge, as the median over seeds of
estimate / actual (1.00 is exact; under 1 promises fewer answers than it takes), and over all
runs the share of estimates within a factor of 1.5 of the truth.

The judges differ from the model's assumed noise in both directions, and early answers cannot
tell them apart (see bench ranking's calibration), so no estimate can be exact for all of them:
the figure to watch is how far the medians sit from 1 and how they spread across judges. The
seeds here are not those the estimate's constants were fitted on. Everything is seeded: a
rerun gives the same figures.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
from concurrent.futures import ProcessPoolExecutor
from typing import NamedTuple

from bench.judges import JUDGES, MODEL_JUDGE, hidden_qualities, judge_named
from ranker import Ranker
from ranker.confidence import answers_to_go

TARGET = 0.9
SIZES = (20, 50, 200, 1000)
QUICK_SIZES = (20, 50, 200)
SEEDS = {20: 8, 50: 6, 200: 4, 1000: 2}
QUICK_SEEDS = 3
SHARES = (0.1, 0.25, 0.5, 0.75, 0.9)  # points along a run's way at which the estimate is read
CAP_PER_ITEM = 60  # a run gives up after this many answers per image
FACTOR = 1.5  # "about right": within this factor of the answers actually needed
JUDGE_NAMES = (*JUDGES, MODEL_JUDGE.name)


class Task(NamedTuple):
    n_items: int
    judge: str
    seed: int


class Run(NamedTuple):
    task: Task
    readings: list[tuple[int, float]]  # answers given, confidence then
    reached: int | None  # answers when confidence first reached TARGET (None: the cap)


def run_task(task: Task) -> Run:
    """One seed: answers until confidence reaches the target, reading it every N/10 answers
    (under 1% of a run's way, so each share of the way has a reading close to it)."""
    judge = judge_named(task.judge)
    rng = random.Random(f"to-go:{task.seed}")
    quality = hidden_qualities(task.n_items, rng)
    ranker = Ranker(list(quality), seed=task.seed)
    step = max(1, task.n_items // 10)
    readings: list[tuple[int, float]] = []
    for given in range(CAP_PER_ITEM * task.n_items + 1):
        if given % step == 0:
            confidence = ranker.confidence()
            readings.append((given, confidence))
            if confidence >= TARGET:
                return Run(task, readings, given)
        pair = ranker.next_pair()
        ranker.choose(judge.best(pair, quality, rng), pair)
    return Run(task, readings, None)


def ratios(run: Run) -> dict[float, float]:
    """Estimate / actual answers to go, at each share of the run's way."""
    if run.reached is None:
        return {}
    found = {}
    for share in SHARES:
        given, confidence = min(run.readings, key=lambda r: abs(r[0] - share * run.reached))
        estimate = answers_to_go(confidence, given, run.task.n_items, TARGET)
        found[share] = estimate / max(1, run.reached - given)
    return found


def report(runs: list[Run]) -> list[str]:
    by_key: dict[tuple[int, str], list[Run]] = {}
    for run in runs:
        by_key.setdefault(run.task[:2], []).append(run)
    header = " | ".join(f"at {share:.0%}" for share in SHARES)
    lines = [
        "## Estimate / actual answers to confidence 0.9 (median over seeds)",
        "",
        f"| N | judge | seeds | answers per image to 0.9 | {header} |",
        "|---|---|--:|--:|" + "--:|" * len(SHARES),
    ]
    every: list[float] = []
    gave_up = 0
    for (n, judge), group in sorted(by_key.items()):
        reached = [run.reached for run in group if run.reached is not None]
        gave_up += len(group) - len(reached)
        found = [ratios(run) for run in group if run.reached is not None]
        cells = []
        for share in SHARES:
            values = [f[share] for f in found]
            every += values
            cells.append(f"{statistics.median(values):.2f}" if values else "-")
        per_image = f"{statistics.median(reached) / n:.1f}" if reached else "> cap"
        lines.append(f"| {n} | {judge} | {len(group)} | {per_image} | " + " | ".join(cells) + " |")
    within = sum(1 / FACTOR <= r <= FACTOR for r in every)
    spread = statistics.fmean(abs(math.log(r)) for r in every if r > 0)
    lines += [
        "",
        f"Within a factor of {FACTOR} of the truth: {within} of {len(every)} estimates "
        f"({within / len(every):.0%}); mean |log(estimate / actual)| {spread:.3f}.",
    ]
    if gave_up:
        lines.append(f"{gave_up} run(s) gave up at {CAP_PER_ITEM} answers per image.")
    return lines


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python build.py bench to_go", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--quick", action="store_true", help="N = 20, 50, 200; 3 seeds each")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (2 cores here)")
    args = parser.parse_args(argv)
    sizes = QUICK_SIZES if args.quick else SIZES
    tasks = [
        Task(n, judge, seed)
        for n in sorted(sizes, reverse=True)  # the longest runs first
        for judge in JUDGE_NAMES
        for seed in range(QUICK_SEEDS if args.quick else SEEDS[n])
    ]
    runs = []
    with ProcessPoolExecutor(max(1, args.jobs)) as pool:
        for done, run in enumerate(pool.map(run_task, tasks), start=1):
            runs.append(run)
            print(f"[{done}/{len(tasks)}] {run.task}: {run.reached}", file=sys.stderr, flush=True)
    for line in report(runs):
        print(line)
    return 0
