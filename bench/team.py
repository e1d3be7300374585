"""A team ranking one folder: `python build.py bench team [--seeds 8] [--jobs 2]`.

Five simulated judges (bench/judges.py) of different noise share the questions of one ranker
(smart pairs): four careful ones (s = 0.3, 0.5, 0.7, 1.0) and one who answers at random. Each
question goes to a judge drawn at random, N = 200 images, 1,000 answers. Reported over seeds,
mean and spread (standard deviation) of Kendall's tau against the hidden order:

- the five, with judge reliability (the engine's default: Crowd-BT lapses per judge);
- the five, every judge trusted alike (`judge_reliability=False`);
- the four careful judges alone, answering the same 1,000 questions;
- the four careful judges alone, answering only their own 800 (the random judge's 200 never
  given).

The issue's target: with the random judge among five, tau after 1,000 answers is within 0.02
of the same team without it (the 1,000-answer row). Then each judge's fitted reliability, the
repeat questions asked and the self-consistency counted from them, and the cost on a long log
(N = 1,000 images, 5,000 answers of five judges): the replay (rough, as the page resumes, and
settled) and an answer with the ranking read after it, with and without reliability.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from concurrent.futures import ProcessPoolExecutor
from typing import NamedTuple

from bench.judges import Judge, hidden_qualities, kendall_tau
from ranker import Ranker, Vote

N = 200
ANSWERS = 1_000
CAREFUL = (Judge("s=0.3", 0.3), Judge("s=0.5", 0.5), Judge("s=0.7", 0.7), Judge("s=1.0", 1.0))
RANDOM = Judge("random", 1.0, lapse=1.0)
TEAM = (*CAREFUL, RANDOM)
TARGET = 0.02
LONG_N = 1_000
LONG_ANSWERS = 5_000


class Case(NamedTuple):
    name: str
    judges: tuple[Judge, ...]
    reliability: bool
    skip_random: bool  # the random judge's turns are drawn but not answered


CASES = (
    Case("five, reliability weighed", TEAM, True, False),
    Case("five, all trusted alike", TEAM, False, False),
    Case("four careful, 1,000 answers", CAREFUL, True, False),
    Case("four careful, their 800", TEAM, True, True),
)


class Run(NamedTuple):
    tau: float
    answers: int
    reliability: dict[str, float | None]
    repeats: dict[str, int]
    consistency: dict[str, float | None]
    seconds: float


def run(case: Case, seed: int) -> Run:
    """One session: each question to a judge drawn at random (the same draws in every case of
    a seed), answered as that judge would; the ranking read at the end."""
    quality = hidden_qualities(N, random.Random(seed))
    turns = random.Random(f"turns:{seed}")
    rng = random.Random(f"answers:{seed}")
    ranker = Ranker(quality, seed=seed, judge_reliability=case.reliability)
    start = time.perf_counter()
    given = 0
    for _ in range(ANSWERS):
        judge = turns.choice(TEAM if case.skip_random else case.judges)
        if judge is RANDOM and case.skip_random:
            continue
        ranker.judge = judge.name
        pair = ranker.next_pair()
        assert pair is not None
        left, right = pair
        best = judge.best(pair, quality, rng)
        ranker.vote(best, right if best == left else left)
        given += 1
    tau = kendall_tau(ranker.ranking(), quality)
    seconds = time.perf_counter() - start
    rows = {row.judge: row for row in ranker.judges()}
    return Run(
        tau,
        given,
        {name: row.reliability for name, row in rows.items()},
        {name: row.repeats for name, row in rows.items()},
        {name: row.self_consistency for name, row in rows.items()},
        seconds,
    )


def _run(args: tuple[Case, int]) -> Run:
    return run(*args)


def long_log(rng: random.Random) -> tuple[list[str], list[Vote]]:
    """5,000 answers of the five judges about random pairs of 1,000 images."""
    quality = hidden_qualities(LONG_N, random.Random(0))
    items = list(quality)
    votes = []
    for t in range(LONG_ANSWERS):
        judge = rng.choice(TEAM)
        left, right = rng.sample(items, 2)
        outcome = "left" if judge.best((left, right), quality, rng) == left else "right"
        stamp = f"2026-01-01T00:{t // 60_000 % 60:02d}:{t // 1000 % 60:02d}.{t % 1000:03d}Z"
        votes.append(Vote(stamp, left, right, outcome, "smart", judge.name))
    return items, votes


def cost() -> list[str]:
    items, votes = long_log(random.Random(1))
    lines = []
    for weigh in (False, True):
        start = time.perf_counter()
        Ranker.from_votes(items, votes, seed=1, judge_reliability=weigh, settled=False)
        rough = time.perf_counter() - start
        start = time.perf_counter()
        ranker = Ranker.from_votes(items, votes, seed=1, judge_reliability=weigh)
        replay = time.perf_counter() - start
        per_answer = []
        for _ in range(20):
            ranker.judge = random.Random(len(per_answer)).choice(TEAM).name
            start = time.perf_counter()
            left, right = ranker.next_pair() or ("", "")
            ranker.vote(left, right)
            ranker.settle()
            per_answer.append(time.perf_counter() - start)
        label = "with reliability" if weigh else "without reliability"
        lines.append(
            f"  {label:<20} replay: rough (the page's) {rough:5.2f} s, settled {replay:5.2f} s"
            f"   answer + settle: median "
            f"{statistics.median(per_answer) * 1000:6.0f} ms, max {max(per_answer) * 1000:6.0f} ms"
        )
    return lines


def _mean_sd(values: list[float]) -> str:
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{statistics.mean(values):.3f} ± {sd:.3f}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench team")
    parser.add_argument("--seeds", type=int, default=8)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    seeds = range(args.seeds)
    work = [(case, seed) for case in CASES for seed in seeds]
    with ProcessPoolExecutor(args.jobs) as pool:
        runs = list(pool.map(_run, work))
    by_case = {case: runs[i * len(seeds) : (i + 1) * len(seeds)] for i, case in enumerate(CASES)}
    print(f"N = {N}, {ANSWERS} questions, {len(seeds)} seeds; tau: mean ± sd over seeds")
    print(f"{'case':<30} {'answers':>7}  {'tau':>13}  {'s a session':>11}  taus by seed")
    for case, case_runs in by_case.items():
        taus = [r.tau for r in case_runs]
        answers = statistics.mean(r.answers for r in case_runs)
        seconds = statistics.mean(r.seconds for r in case_runs)
        each = " ".join(f"{t:.3f}" for t in taus)
        print(f"{case.name:<30} {answers:7.0f}  {_mean_sd(taus):>13}  {seconds:11.1f}  {each}")
    weighed, alike, four, four_own = (by_case[case] for case in CASES)
    for label, other in (("1,000 answers", four), ("their 800", four_own)):
        gaps = [b.tau - a.tau for a, b in zip(weighed, other, strict=True)]
        verdict = "met" if statistics.mean(gaps) <= TARGET else "NOT met"
        print(
            f"four careful ({label}) minus five weighed: {_mean_sd(gaps)}"
            f"  (target <= {TARGET}: {verdict})"
        )
    gains = [a.tau - b.tau for a, b in zip(weighed, alike, strict=True)]
    print(f"reliability's gain (five weighed minus five alike): {_mean_sd(gains)}")
    print("\nper judge, five weighed: reliability fitted, repeat questions, self-consistency")
    for judge in TEAM:
        etas = [r.reliability.get(judge.name) for r in weighed]
        repeats = [r.repeats.get(judge.name, 0) for r in weighed]
        consistent = [c for r in weighed if (c := r.consistency.get(judge.name)) is not None]
        eta_text = _mean_sd([e for e in etas if e is not None])
        consistency = f"{statistics.mean(consistent):.2f}" if consistent else "-"
        print(
            f"  {judge.name:<8} reliability {eta_text}   repeats {statistics.mean(repeats):4.1f}"
            f"   self-consistency {consistency}"
        )
    repeats = sum(sum(r.repeats.values()) for r in weighed)
    answered = sum(r.answers for r in weighed)
    print(f"repeat questions: {repeats} of {answered} answers ({repeats / answered:.1%})")
    print(f"\ncost on a long log: N = {LONG_N}, {LONG_ANSWERS} answers of five judges")
    for line in cost():
        print(line)
    return 0
