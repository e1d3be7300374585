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
  images (Wichmann & Hill, 2001), so one wrong key press cannot drag an image across the scale;
- hyper-parameters fitted to the judge: the spread of qualities (prior sigma, by empirical
  Bayes EM) and the draw probability (from how often the judge answers "equal"). Both move on a
  coarse grid, so they change rarely and every change is followed by a full re-pass.
"""

import heapq
import math
from dataclasses import dataclass, field

import trueskill

from . import normal

MU = 25.0
SIGMA = MU / 3.0
BETA = SIGMA / 2.0
LAPSE = 0.02

WIN = 0
DRAW = 1

_DRAW_GRID = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
_SPREAD_STEP = 2.0 ** (1.0 / 16.0)
_EM_ACCELERATION = 2.0
_DRAW_PRIOR_RATE = 0.05
_DRAW_PRIOR_WEIGHT = 20.0
_DRAW_T_LIMIT = 30.0  # beyond it Phi(e - t) - Phi(-e - t) underflows to 0 and trueskill raises


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


def snap_spread(spread: float) -> float:
    """A prior sigma on a grid of 1/16 octaves around the default, for the same reason."""
    steps = round(math.log(spread / SIGMA, _SPREAD_STEP))
    return SIGMA * _SPREAD_STEP**steps


class JointRatings:
    """Gaussian posteriors of every item, given every answer, kept in natural parameters
    (precision `pi`, precision-adjusted mean `tau`) so that adding and removing an answer's
    message is a subtraction.

    Work is scheduled by residuals (Elidan et al., 2006): after an answer, the items whose
    posterior moved most are revisited first, so `propagate` with a small budget already moves
    the items that depend on the answer, and `settle` finishes the job to a tight tolerance.
    """

    def __init__(self, model: RatingModel) -> None:
        self.model = model
        self.pi: list[float] = []
        self.tau: list[float] = []
        self.adjacent: list[list[int]] = []
        self.fa: list[int] = []
        self.fb: list[int] = []
        self.kind: list[int] = []
        self.active: list[bool] = []
        self.spa: list[float] = []
        self.sta: list[float] = []
        self.spb: list[float] = []
        self.stb: list[float] = []
        self._residual: dict[int, float] = {}
        self._heap: list[tuple[float, int, int]] = []
        self._pushes = 0
        self._load_model()

    def _load_model(self) -> None:
        m = self.model
        self._pi0 = 1.0 / (m.sigma * m.sigma)
        self._tau0 = m.mu * self._pi0
        self._two_beta2 = 2.0 * m.beta * m.beta
        self._margin = m.draw_margin
        self._scale = 1.0 / SIGMA

    # items -------------------------------------------------------------------------------

    def add_item(self) -> int:
        self.pi.append(self._pi0)
        self.tau.append(self._tau0)
        self.adjacent.append([])
        return len(self.pi) - 1

    def mu(self, i: int) -> float:
        return self.tau[i] / self.pi[i]

    def sigma(self, i: int) -> float:
        return 1.0 / math.sqrt(self.pi[i])

    # answers -----------------------------------------------------------------------------

    def add_answer(self, a: int, b: int, kind: int) -> int:
        """Adds the factor "a beat b" (or "a drew with b") and applies it once, as online
        TrueSkill would; `propagate`/`settle` then carry its effect to the rest of the graph."""
        k = len(self.fa)
        self.fa.append(a)
        self.fb.append(b)
        self.kind.append(kind)
        self.active.append(True)
        self.spa.append(0.0)
        self.sta.append(0.0)
        self.spb.append(0.0)
        self.stb.append(0.0)
        self.adjacent[a].append(k)
        self.adjacent[b].append(k)
        self._update(k)
        return k

    def withdraw_answer(self, k: int) -> None:
        """Takes factor k out of the graph: its message leaves both items' posteriors."""
        a, b = self.fa[k], self.fb[k]
        self.active[k] = False
        self.adjacent[a].remove(k)
        self.adjacent[b].remove(k)
        for item, sp, st in ((a, self.spa, self.sta), (b, self.spb, self.stb)):
            before = self._moment(item)
            self.pi[item] -= sp[k]
            self.tau[item] -= st[k]
            sp[k] = st[k] = 0.0
            self._mark(item, self._distance(before, self._moment(item)))

    # message passing ---------------------------------------------------------------------

    def _moment(self, i: int) -> tuple[float, float]:
        p = self.pi[i]
        return self.tau[i] / p, 1.0 / p

    def _distance(self, before: tuple[float, float], after: tuple[float, float]) -> float:
        return (
            abs(after[0] - before[0]) + abs(math.sqrt(after[1]) - math.sqrt(before[1]))
        ) * self._scale

    def _mark(self, i: int, change: float) -> None:
        if change <= 0.0:
            return
        r = self._residual.get(i, 0.0) + change
        self._residual[i] = r
        self._pushes += 1
        heapq.heappush(self._heap, (-r, self._pushes, i))

    def _update(self, k: int) -> float:
        """One EP step for factor k: cavity, tilted moments, new site. Returns the larger of
        the two items' moves, and records both as residuals for the scheduler."""
        a, b = self.fa[k], self.fb[k]
        pi, tau = self.pi, self.tau
        pa = pi[a] - self.spa[k]
        ta = tau[a] - self.sta[k]
        pb = pi[b] - self.spb[k]
        tb = tau[b] - self.stb[k]
        va, vb = 1.0 / pa, 1.0 / pb
        ma, mb = ta * va, tb * vb
        c2 = self._two_beta2 + va + vb
        c = math.sqrt(c2)
        if self.kind[k] == WIN:
            v, w = self._win_vw((ma - mb - self._margin) / c)
        else:
            env = self.model.env
            t = max(-_DRAW_T_LIMIT, min(_DRAW_T_LIMIT, (ma - mb) / c))
            e = self._margin / c
            v, w = env.v_draw(t, e), env.w_draw(t, e)
        new_va = va * (1.0 - va * w / c2)
        new_vb = vb * (1.0 - vb * w / c2)
        new_ma = ma + va * v / c
        new_mb = mb - vb * v / c
        old_ma, old_va = tau[a] / pi[a], 1.0 / pi[a]
        old_mb, old_vb = tau[b] / pi[b], 1.0 / pi[b]
        pi[a] = 1.0 / new_va
        tau[a] = new_ma / new_va
        pi[b] = 1.0 / new_vb
        tau[b] = new_mb / new_vb
        self.spa[k] = pi[a] - pa
        self.sta[k] = tau[a] - ta
        self.spb[k] = pi[b] - pb
        self.stb[k] = tau[b] - tb
        da = self._distance((old_ma, old_va), (new_ma, new_va))
        db = self._distance((old_mb, old_vb), (new_mb, new_vb))
        self._mark(a, da)
        self._mark(b, db)
        return max(da, db)

    def _win_vw(self, x: float) -> tuple[float, float]:
        """TrueSkill's v and w for a win, under the lapse mixture lapse/2 + (1-lapse) Phi(x).

        With lapse 0 these are trueskill's `v_win`/`w_win`. A negative w (a surprising answer
        the lapse explains away) would widen the posterior; it is clipped at 0, so the answer
        then moves the mean only.
        """
        lapse = self.model.lapse
        z = 0.5 * lapse + (1.0 - lapse) * normal.cdf(x)
        v = (1.0 - lapse) * normal.pdf(x) / z
        return v, max(v * (v + x), 0.0)

    def propagate(self, budget: int | None = None, tolerance: float = 1e-4) -> int:
        """Revisits the answers around the items that moved most, until no item has moved by
        more than `tolerance` (in units of the default sigma) or `budget` updates are done."""
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

    def sweep_until_converged(self, tolerance: float = 1e-9, max_sweeps: int = 500) -> int:
        """Full passes over every answer, for a new log or new hyper-parameters, where every
        message is out of date and residual scheduling would only add overhead."""
        sweeps = 0
        while sweeps < max_sweeps:
            sweeps += 1
            largest = 0.0
            for k, on in enumerate(self.active):
                if on:
                    largest = max(largest, self._update(k))
            if largest < tolerance:
                break
        self._residual.clear()
        self._heap.clear()
        return sweeps

    def settle(self, tolerance: float = 1e-9) -> None:
        self.propagate(None, tolerance)

    @property
    def unsettled(self) -> bool:
        return bool(self._heap)

    # hyper-parameters --------------------------------------------------------------------

    def refit_spread(self) -> bool:
        """One accelerated EM step for the prior sigma, the spread of qualities relative to the
        judge's noise: sigma^2 <- mean of E[(q - mu0)^2] over the items that have answers
        (items without any say nothing about it). Plain EM crawls here, because early on each
        posterior is mostly prior; raising the EM ratio to a power (a parameter-expanded step,
        Liu, Rubin & Wu, 1998) gets there in a few steps, and the grid stops it from dithering.
        Returns whether the snapped value changed."""
        mu0, old = self.model.mu, self.model.sigma
        moments = [
            (t / p - mu0) ** 2 + 1.0 / p
            for p, t, adj in zip(self.pi, self.tau, self.adjacent)
            if adj
        ]
        if not moments:
            return False
        ratio = math.sqrt(sum(moments) / len(moments)) / old
        spread = snap_spread(old * min(max(ratio**_EM_ACCELERATION, 0.5), 2.0))
        if spread == old:
            return False
        self._set_model(
            RatingModel(mu0, spread, self.model.beta, self.model.lapse, self.model.draw_probability)
        )
        return True

    def refit_draw_probability(self, draws: int, answers: int) -> bool:
        p = fitted_draw_probability(draws, answers)
        if p == self.model.draw_probability:
            return False
        self._set_model(
            RatingModel(self.model.mu, self.model.sigma, self.model.beta, self.model.lapse, p)
        )
        return True

    def _set_model(self, model: RatingModel) -> None:
        old_pi0, old_tau0 = self._pi0, self._tau0
        self.model = model
        self._load_model()
        for i in range(len(self.pi)):
            self.pi[i] += self._pi0 - old_pi0
            self.tau[i] += self._tau0 - old_tau0
            self._mark(i, 1.0)
