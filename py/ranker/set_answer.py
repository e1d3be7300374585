"""The likelihood of one "best of k" (or full order of k) answer, as EP messages.

A best-of-k answer is one observation: the chosen image's performance beat every other one's
in the same look, so the k - 1 comparisons share the chosen image's performance noise. Taking
them as k - 1 independent pairs would count the chosen image's lucky moment k - 1 times and
overstate the evidence. Here it is TrueSkill's own factor graph for one match: a performance
p_i = x_i + noise (variance beta^2) per shown item, and the constraints "p_best - p_j > margin"
for every other j (best of k), or "p_1 - p_2 > margin, p_2 - p_3 > margin, ..." for a full
order, which is TrueSkill's free-for-all ranking of k one-player teams. An inner expectation
propagation over the constraints gives each p_i's message, which the noise widens into the
message to x_i (Herbrich, Minka & Graepel, 2007, fig. 1). With k = 2 this is exactly the pair
update.
"""

from collections.abc import Callable, Sequence

_INNER_PASSES = 50
_INNER_TOLERANCE = 1e-9


def set_messages(
    means: Sequence[float],
    variances: Sequence[float],
    beta: float,
    margin: float,
    chain: bool,
    win_vw: Callable[[float], tuple[float, float]],
    inner: list[list[float]],
) -> list[tuple[float, float]]:
    """Messages (precision, precision * mean) to each shown item, given their cavities.

    Items are in answer order: the chosen one first (best of k, `chain` False), or best to
    worst (full order, `chain` True). `win_vw` is the pair factor's v/w function (so the
    lapse rate applies to each constraint as it does to a pair answer). `inner` holds the
    constraints' messages to the performances from the last call (empty the first time) and
    is updated in place: starting from them, the inner passes converge in one or two."""
    k = len(means)
    beta2 = beta * beta
    prior_pi = [1.0 / (v + beta2) for v in variances]
    prior_tau = [m * p for m, p in zip(means, prior_pi, strict=True)]
    constraints = [(i, i + 1) for i in range(k - 1)] if chain else [(0, j) for j in range(1, k)]
    if not inner:
        inner.extend([0.0, 0.0, 0.0, 0.0] for _ in constraints)
    msg = inner  # each constraint's messages to its two performances, natural parameters
    pi, tau = prior_pi[:], prior_tau[:]
    for (a, b), m in zip(constraints, msg, strict=True):
        pi[a] += m[0]
        tau[a] += m[1]
        pi[b] += m[2]
        tau[b] += m[3]
    for _ in range(_INNER_PASSES):
        largest = 0.0
        for c, (a, b) in enumerate(constraints):
            m = msg[c]
            pa, ta = pi[a] - m[0], tau[a] - m[1]
            pb, tb = pi[b] - m[2], tau[b] - m[3]
            va, vb = 1.0 / pa, 1.0 / pb
            ma, mb = ta * va, tb * vb
            c2 = va + vb
            root = c2**0.5
            v, w = win_vw((ma - mb - margin) / root)
            new_pa = 1.0 / (va * (1.0 - va * w / c2))
            new_pb = 1.0 / (vb * (1.0 - vb * w / c2))
            new_ta = (ma + va * v / root) * new_pa
            new_tb = (mb - vb * v / root) * new_pb
            largest = max(largest, abs(new_ta / new_pa - tau[a] / pi[a]))
            largest = max(largest, abs(new_tb / new_pb - tau[b] / pi[b]))
            msg[c] = [new_pa - pa, new_ta - ta, new_pb - pb, new_tb - tb]
            pi[a], tau[a], pi[b], tau[b] = new_pa, new_ta, new_pb, new_tb
        if largest < _INNER_TOLERANCE:
            break
    messages = []
    for i in range(k):
        p_msg, t_msg = pi[i] - prior_pi[i], tau[i] - prior_tau[i]
        # through the performance noise: the message's variance grows by beta^2
        shrink = 1.0 + beta2 * p_msg
        messages.append((p_msg / shrink, t_msg / shrink))
    return messages
