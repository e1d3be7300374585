"""TrueSkill over the whole vote log at once, solved by expectation propagation.

Plain online TrueSkill (Herbrich, Minka & Graepel, 2007) updates the two rated items once, when
an answer arrives, and never revisits it: the result depends on the order of the answers and
"A > B, B > C" says nothing about A versus C until they meet. Here every answer is a factor of
one factor graph, TrueSkill's own graph for two one-player teams, with all answers in a single
time slice and no skill drift (tau = 0) because images do not change. Expectation propagation
(Minka, 2001) keeps each answer's message to its two items (its "site") and revisits answers
until no message moves: the same re-passes TrueSkill Through Time (Dangauthier et al., 2008)
makes, which converge to a joint estimate that does not depend on answer order.

Two additions to the TrueSkill likelihood, both for judges as they are:
- a lapse rate: with probability `lapse` a decisive answer is a slip, independent of the
  images (Wichmann & Hill, 2001), so one wrong key press cannot drag an image across the scale.
  Each answer has its own: in a team, a judge's reliability eta (Crowd-BT, Chen et al. 2013:
  the answer follows the true order with probability eta, else the reverse) is this same
  mixture with lapse = 2 (1 - eta), so a judge answering at random (eta 1/2) adds nothing;
- a draw probability fitted to how often the judge answers "equal", on a coarse grid so that
  it changes rarely, and only with the counts, never with their order.
"""

import heapq
import math
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from typing import TypeVar

import trueskill

from . import normal
from .set_answer import set_messages

MU = 25.0
SIGMA = MU / 3.0
BETA = SIGMA / 2.0
LAPSE = 0.02

WIN = 0
DRAW = 1
BEST = 2  # best of k: the first shown item beat each of the others
ORDER = 3  # a full order of k, best first

_DRAW_GRID = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
_DRAW_PRIOR_RATE = 0.05
_DRAW_PRIOR_WEIGHT = 20.0
_DRAW_T_LIMIT = 30.0  # beyond it Phi(e - t) - Phi(-e - t) underflows to 0 and trueskill raises

_T = TypeVar("_T")

STEP = 256
"""Updates between the points where settling can pause."""
_EXTRAPOLATE_AFTER = 4
_EXTRAPOLATE_EVERY = 3
_MAX_RATE = 0.95  # beyond it the rate estimate is too noisy to extrapolate by
_HEAP_SLACK = 2  # the residual heap may hold this many entries per pending item
_HEAP_FLOOR = 1024  # and this many more, before its stale entries are dropped


@dataclass
class RatingModel:
    """The model's parameters in one place, as trueskill's `TrueSkill` environment holds them.

    `sigma` is the spread of image qualities the prior assumes; `beta` the judge's noise per
    answer. Only their ratio matters to the ranking; `beta / sigma = 0.5` is TrueSkill's default.
    """

    mu: float = MU
    sigma: float = SIGMA
    beta: float = BETA
    lapse: float = LAPSE
    draw_probability: float = _DRAW_PRIOR_RATE
    env: trueskill.TrueSkill = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.env = trueskill.TrueSkill(
            mu=self.mu,
            sigma=self.sigma,
            beta=self.beta,
            tau=0.0,
            draw_probability=self.draw_probability,
            backend=(normal.cdf, normal.pdf, normal.ppf),
        )

    @property
    def draw_margin(self) -> float:
        return trueskill.calc_draw_margin(self.draw_probability, 2, self.env)


def fitted_draw_probability(draws: int, answers: int) -> float:
    """The judge's draw rate, shrunk towards 5% while there are few answers, on a coarse grid
    (nearest in log scale) so that it changes rarely and only with the counts, not their order."""
    rate = (draws + _DRAW_PRIOR_RATE * _DRAW_PRIOR_WEIGHT) / (answers + _DRAW_PRIOR_WEIGHT)
    return min(_DRAW_GRID, key=lambda p: abs(math.log(p / rate)))


class JointRatings:
    """Gaussian posteriors of every item, given every answer.

    Each answer's message to its two items (its EP site) is kept in natural parameters
    (precision, precision-adjusted mean), so adding, revisiting or withdrawing an answer is an
    addition or a subtraction. `mean` and `sd` mirror the posteriors for readers (strategies
    read them on every question, so they are kept up to date rather than recomputed).

    Work is scheduled by residuals (Elidan et al., 2006): after an answer, the items whose
    posterior moved most are revisited first, so `propagate` with a small budget already moves
    the items that depend on the answer, and `settle` finishes the job to a tight tolerance.
    """

    def __init__(self, model: RatingModel) -> None:
        self.model = model
        self.pi: list[float] = []
        self.tau: list[float] = []
        self.mean: list[float] = []
        self.sd: list[float] = []
        self.adjacent: list[list[int]] = []
        self.fa: list[int] = []
        self.fb: list[int] = []
        self.kind: list[int] = []
        self.active: list[bool] = []
        self.lapse: list[float] = []  # each factor's lapse rate (`reweigh`)
        self.spa: list[float] = []
        self.sta: list[float] = []
        self.spb: list[float] = []
        self.stb: list[float] = []
        self.members: dict[int, tuple[int, ...]] = {}
        self.set_sites: dict[int, list[tuple[float, float]]] = {}
        self._set_inner: dict[int, list[list[float]]] = {}
        self._residual: dict[int, float] = {}
        self._heap: list[tuple[float, int, int]] = []
        self._pushes = 0
        self._scheduling = True
        self._pi0 = 1.0 / (model.sigma * model.sigma)
        self._tau0 = model.mu * self._pi0
        self._two_beta2 = 2.0 * model.beta * model.beta
        self._margin = model.draw_margin
        self._scale = 1.0 / model.sigma

    # items -------------------------------------------------------------------------------

    def add_item(self) -> int:
        self.pi.append(self._pi0)
        self.tau.append(self._tau0)
        self.mean.append(self.model.mu)
        self.sd.append(self.model.sigma)
        self.adjacent.append([])
        return len(self.pi) - 1

    def _set(self, i: int, pi: float, tau: float) -> float:
        """Stores item i's new posterior; returns how far it moved, in prior sigmas."""
        mean, sd = tau / pi, 1.0 / math.sqrt(pi)
        moved = (abs(mean - self.mean[i]) + abs(sd - self.sd[i])) * self._scale
        self.pi[i], self.tau[i], self.mean[i], self.sd[i] = pi, tau, mean, sd
        return moved

    # answers -----------------------------------------------------------------------------

    def add_answer(self, a: int, b: int, kind: int, lapse: float | None = None) -> int:
        """Adds the factor "a beat b" (or "a drew with b") and applies it once: from fresh
        sites this first step is exactly online TrueSkill's update. `propagate`/`settle` then
        carry its effect to the rest of the graph. `lapse`: the answer's own, if not the
        model's (its judge's reliability)."""
        k = len(self.fa)
        self.fa.append(a)
        self.fb.append(b)
        self.kind.append(kind)
        self.active.append(True)
        self.lapse.append(self.model.lapse if lapse is None else lapse)
        self.spa.append(0.0)
        self.sta.append(0.0)
        self.spb.append(0.0)
        self.stb.append(0.0)
        self.adjacent[a].append(k)
        self.adjacent[b].append(k)
        self._update(k)
        return k

    def add_set_answer(
        self, members: tuple[int, ...], kind: int, lapse: float | None = None
    ) -> int:
        """Adds one best-of-k (`BEST`, chosen item first) or full-order (`ORDER`, best first)
        answer as a single factor over its items (see `set_answer`)."""
        k = len(self.fa)
        self.fa.append(members[0])
        self.fb.append(members[1])
        self.kind.append(kind)
        self.active.append(True)
        self.lapse.append(self.model.lapse if lapse is None else lapse)
        for sites in (self.spa, self.sta, self.spb, self.stb):
            sites.append(0.0)
        self.members[k] = members
        self.set_sites[k] = [(0.0, 0.0)] * len(members)
        self._set_inner[k] = []
        for i in members:
            self.adjacent[i].append(k)
        self._update(k)
        return k

    def withdraw_answer(self, k: int) -> None:
        """Takes factor k out of the graph: its message leaves both items' posteriors."""
        if k in self.members:
            self._withdraw_set(k)
            return
        a, b = self.fa[k], self.fb[k]
        self.active[k] = False
        self.adjacent[a].remove(k)
        self.adjacent[b].remove(k)
        moved_a = self._set(a, self.pi[a] - self.spa[k], self.tau[a] - self.sta[k])
        moved_b = self._set(b, self.pi[b] - self.spb[k], self.tau[b] - self.stb[k])
        self.spa[k] = self.sta[k] = self.spb[k] = self.stb[k] = 0.0
        self._mark(a, moved_a)
        self._mark(b, moved_b)

    def _withdraw_set(self, k: int) -> None:
        self.active[k] = False
        for i, (site_pi, site_tau) in zip(self.members[k], self.set_sites[k], strict=True):
            self.adjacent[i].remove(k)
            self._mark(i, self._set(i, self.pi[i] - site_pi, self.tau[i] - site_tau))
        self.set_sites[k] = [(0.0, 0.0)] * len(self.members[k])
        self._set_inner[k] = []

    # message passing ---------------------------------------------------------------------

    @contextmanager
    def replaying(self) -> Iterator[None]:
        """Answers added or taken back inside are not scheduled for re-passing. A replay ends
        in full passes over every answer, which drop whatever is pending, so the residuals
        it would record (and the heap they grow) would be thrown away unread: about a tenth
        of resuming a long log."""
        self._scheduling = False
        try:
            yield
        finally:
            self._scheduling = True

    def _mark(self, i: int, change: float) -> None:
        if change <= 0.0 or not self._scheduling:
            return
        r = self._residual.get(i, 0.0) + change
        self._residual[i] = r
        self._pushes += 1
        heap = self._heap
        heapq.heappush(heap, (-r, self._pushes, i))
        if len(heap) > _HEAP_SLACK * len(self._residual) + _HEAP_FLOOR:
            self._drop_stale()

    def _drop_stale(self) -> None:
        """Keeps only the heap's current entries (an item's older ones are skipped when
        popped), in place: the order of what is popped is the same. Every update pushes two
        entries, and settling that answers keep restarting pops few of them, so without this
        the heap grew without end: 2.5 million entries (about 200 MB) 40 answers after
        resuming 50,000, and popping stale ones made single settling steps long."""
        residual = self._residual
        self._heap[:] = [entry for entry in self._heap if residual.get(entry[2]) == -entry[0]]
        heapq.heapify(self._heap)

    def _update(self, k: int, schedule: bool = True) -> float:
        """One EP step for factor k: cavity, tilted moments, new site. Returns the larger of
        the two items' moves; with `schedule`, records both as residuals for the scheduler."""
        if k in self.members:
            return self._update_set(k, schedule)
        a, b = self.fa[k], self.fb[k]
        pa = self.pi[a] - self.spa[k]
        ta = self.tau[a] - self.sta[k]
        pb = self.pi[b] - self.spb[k]
        tb = self.tau[b] - self.stb[k]
        va, vb = 1.0 / pa, 1.0 / pb
        ma, mb = ta * va, tb * vb
        c2 = self._two_beta2 + va + vb
        c = math.sqrt(c2)
        if self.kind[k] == WIN:
            v, w = self._win_vw((ma - mb - self._margin) / c, self.lapse[k])
        else:
            env = self.model.env
            t = max(-_DRAW_T_LIMIT, min(_DRAW_T_LIMIT, (ma - mb) / c))
            e = self._margin / c
            v, w = env.v_draw(t, e), env.w_draw(t, e)
        new_pa = 1.0 / (va * (1.0 - va * w / c2))
        new_pb = 1.0 / (vb * (1.0 - vb * w / c2))
        new_ta = (ma + va * v / c) * new_pa
        new_tb = (mb - vb * v / c) * new_pb
        self.spa[k], self.sta[k] = new_pa - pa, new_ta - ta
        self.spb[k], self.stb[k] = new_pb - pb, new_tb - tb
        moved_a = self._set(a, new_pa, new_ta)
        moved_b = self._set(b, new_pb, new_tb)
        if schedule:
            self._mark(a, moved_a)
            self._mark(b, moved_b)
        return max(moved_a, moved_b)

    def _update_set(self, k: int, schedule: bool) -> float:
        members, sites = self.members[k], self.set_sites[k]
        cavity = [
            (self.pi[i] - site_pi, self.tau[i] - site_tau)
            for i, (site_pi, site_tau) in zip(members, sites, strict=True)
        ]
        messages = set_messages(
            [t / p for p, t in cavity],
            [1.0 / p for p, _ in cavity],
            self.model.beta,
            self._margin,
            self.kind[k] == ORDER,
            partial(self._win_vw, lapse=self.lapse[k]),
            self._set_inner[k],
        )
        self.set_sites[k] = messages
        largest = 0.0
        for i, (p, t), (site_pi, site_tau) in zip(members, cavity, messages, strict=True):
            moved = self._set(i, p + site_pi, t + site_tau)
            if schedule:
                self._mark(i, moved)
            largest = max(largest, moved)
        return largest

    @staticmethod
    def _win_vw(x: float, lapse: float) -> tuple[float, float]:
        """TrueSkill's v and w for a win, under the lapse mixture lapse/2 + (1-lapse) Phi(x).

        With lapse 0 these are trueskill's `v_win`/`w_win`; with lapse 1 (a judge answering
        at random) both are 0 and the answer moves nothing. A negative w (a surprising answer
        the lapse explains away) would widen the posterior; it is clipped at 0, so the answer
        then moves the mean only.
        """
        z = 0.5 * lapse + (1.0 - lapse) * normal.cdf(x)
        v = (1.0 - lapse) * normal.pdf(x) / z
        return v, max(v * (v + x), 0.0)

    def propagate(self, budget: int | None = None, tolerance: float = 1e-4) -> int:
        """Revisits the answers around the items that moved most, until no item has moved by
        more than `tolerance` (in prior sigmas) or `budget` updates are done."""
        done = 0
        heap, residual = self._heap, self._residual
        while heap and (budget is None or done < budget):
            neg_r, _, i = heap[0]
            if residual.get(i) != -neg_r:
                heapq.heappop(heap)
                continue
            if -neg_r < tolerance:
                break
            heapq.heappop(heap)
            del residual[i]
            for k in list(self.adjacent[i]):
                self._update(k)
                done += 1
        if not heap:
            residual.clear()
        return done

    def sweep_until_converged(self, tolerance: float, max_sweeps: int = 1000) -> int:
        """Full passes over every answer until none moves an item by `tolerance`: for a new
        log, or to finish, where most messages are out of date and residual bookkeeping
        would only add overhead.

        Plain passes converge slowly on one mode: the common level of all items, which only
        the prior pins, so it shrinks by about (answers per item) / (answers per item + 1) a
        pass. Every few passes the messages are extrapolated along their last step by the
        observed rate of shrinking (Aitken's delta-squared), which cuts the passes needed
        by about three; the fixed point, and so the result, is the same.
        """
        return _finish(self.sweeping(tolerance, max_sweeps))

    def sweeping(self, tolerance: float, max_sweeps: int = 1000) -> Generator[None, None, int]:
        """`sweep_until_converged` in steps of about `STEP` updates, so a page can spread it
        over idle moments; returns the number of passes. Every step leaves the posteriors
        consistent with the messages, so it may be abandoned after any of them (an answer
        came in) and the ratings are as good as before it."""
        sweeps = 0
        step = previous_step = 0.0
        components = yield from self._components()
        while sweeps < max_sweeps:
            sweeps += 1
            extrapolate = sweeps >= _EXTRAPOLATE_AFTER and sweeps % _EXTRAPOLATE_EVERY == 0
            sites = self._snapshot() if extrapolate else None
            means = self.mean[:]
            largest = 0.0
            for k, on in enumerate(self.active):
                if on:
                    largest = max(largest, self._update(k, schedule=False))
                    if k % STEP == 0:
                        yield
            if largest < tolerance:
                break
            yield from self._recentre(components)
            previous_step, step = step, math.dist(means, self.mean)
            if sites is not None and 0.0 < step < _MAX_RATE * previous_step:
                rate = step / previous_step
                yield from self._extrapolate(sites, rate / (1.0 - rate))
        self._residual.clear()
        self._heap.clear()
        return sweeps

    def _components(self) -> Generator[None, None, list[list[int]]]:
        """The items linked by answers, each group of two or more that answers connect."""
        parent = list(range(len(self.pi)))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for k, on in enumerate(self.active):
            if on:
                for i in self.members.get(k, (self.fa[k], self.fb[k])):
                    parent[root(i)] = root(self.fa[k])
            if k % STEP == 0:
                yield
        groups: dict[int, list[int]] = {}
        for i in range(len(parent)):
            groups.setdefault(root(i), []).append(i)
        return [items for items in groups.values() if len(items) > 1]

    def _recentre(self, components: list[list[int]]) -> Generator[None, None, None]:
        """Removes the slowest error of full passes in one step. At the fixed point the mean
        of the posterior means of linked items is the prior mean (each answer's messages
        move its items' means by amounts that cancel, weighted by their precision), but plain
        passes approach it by about 1 / (answers per item) a pass. Shifting every message of
        a group by the same amount moves the group's means to where they belong."""
        shifts = [0.0] * len(self.pi)
        for items in components:
            error = sum(self.mean[i] for i in items) / len(items) - self.model.mu
            reach = sum(1.0 - self._pi0 / self.pi[i] for i in items) / len(items)
            if reach > 0.0:
                for i in items:
                    shifts[i] = error / reach
        if not any(shifts):
            return
        set_sites = dict(self.set_sites)
        for k, members in self.members.items():
            if self.active[k]:
                set_sites[k] = [
                    (p, t - p * shifts[i])
                    for i, (p, t) in zip(members, self.set_sites[k], strict=True)
                ]
        yield
        # over every factor at once: a withdrawn one's and a set's pair sites are 0, so
        # shifting them changes nothing, and one pass of a comprehension is far quicker
        sta = [t - p * shifts[a] for t, p, a in zip(self.sta, self.spa, self.fa)]
        yield
        stb = [t - p * shifts[b] for t, p, b in zip(self.stb, self.spb, self.fb)]
        yield from self._replace_messages((self.spa, sta, self.spb, stb), set_sites)

    def _snapshot(self) -> tuple[list[float], list[float], list[float], list[float], dict]:
        return self.spa[:], self.sta[:], self.spb[:], self.stb[:], dict(self.set_sites)

    def _extrapolate(self, before: tuple, factor: float) -> Generator[None, None, None]:
        """Moves every message `factor` times its last step further (a message's precision
        is never negative)."""
        *pair_sites, set_sites_before = before
        moved = []
        for current, old in zip((self.spa, self.sta, self.spb, self.stb), pair_sites, strict=True):
            moved.append([value + factor * (value - was) for value, was in zip(current, old)])
            yield
        for precisions in (moved[0], moved[2]):
            precisions[:] = [0.0 if value < 0.0 else value for value in precisions]
            yield
        set_sites = {
            k: [
                (max(0.0, p + factor * (p - p0)), t + factor * (t - t0))
                for (p, t), (p0, t0) in zip(sites, set_sites_before[k], strict=True)
            ]
            for k, sites in self.set_sites.items()
        }
        yield from self._replace_messages(tuple(moved), set_sites)

    def _replace_messages(
        self, pair_sites: tuple[list[float], ...], set_sites: dict
    ) -> Generator[None, None, None]:
        """Puts in the new messages and every posterior rebuilt from the prior and them (which
        also sheds rounding drift). The sums are done in steps, into lists of their own; the
        messages and posteriors change together at the end, in one step."""
        spa, sta, spb, stb = pair_sites
        n = len(self.pi)
        pi, tau = [self._pi0] * n, [self._tau0] * n
        for k, on in enumerate(self.active):
            if on:
                a, b = self.fa[k], self.fb[k]
                pi[a] += spa[k]
                tau[a] += sta[k]
                pi[b] += spb[k]
                tau[b] += stb[k]
            if k % STEP == 0:
                yield
        for k, sites in set_sites.items():
            if self.active[k]:
                for i, (site_pi, site_tau) in zip(self.members[k], sites, strict=True):
                    pi[i] += site_pi
                    tau[i] += site_tau
        yield
        for current, new in zip((self.spa, self.sta, self.spb, self.stb), pair_sites, strict=True):
            if current is not new:
                current[:] = new
        self.set_sites = set_sites
        for i in range(n):
            self._set(i, pi[i], tau[i])

    def settle(self, tolerance: float) -> None:
        _finish(self.settling(tolerance))

    def settling(self, tolerance: float) -> Generator[None, None, None]:
        """The joint estimate to `tolerance`, in steps of about `STEP` updates: residual
        re-passes while few items are pending (the usual case after an answer), full passes
        once they would cost more than one."""
        answers = sum(self.active)
        done = 0
        while self._heap and done < answers:
            updates = self.propagate(STEP, 1e-4)
            if not updates:
                break
            done += updates
            yield
        if self._heap:
            yield from self.sweeping(tolerance)

    def mark_all(self) -> None:
        """Every item pending: `settle` will revisit the whole graph."""
        for i in range(len(self.pi)):
            self._mark(i, 1.0)

    # hyper-parameters --------------------------------------------------------------------

    def reweigh(self, lapses: dict[int, float]) -> None:
        """New lapse rates for some factors (a judge's reliability changed): their messages
        are out of date, so their items are pending for `settle`."""
        for k, lapse in lapses.items():
            if self.lapse[k] != lapse:
                self.lapse[k] = lapse
                if self.active[k]:
                    for i in self.members.get(k, (self.fa[k], self.fb[k])):
                        self._mark(i, 1.0)

    def refit_draw_probability(self, draws: int, answers: int) -> bool:
        """Follows the judge's draw rate; every answer's message is then out of date."""
        p = fitted_draw_probability(draws, answers)
        if p == self.model.draw_probability:
            return False
        m = self.model
        self.model = RatingModel(m.mu, m.sigma, m.beta, m.lapse, p)
        self._margin = self.model.draw_margin
        self.mark_all()
        return True


def _finish(steps: Generator[None, None, _T]) -> _T:
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value
