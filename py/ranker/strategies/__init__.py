"""Question selection strategies. Each is a small class with the two methods of the `Strategy`
protocol (strategies/base.py): `choose`, which reads the ranker's current beliefs (`Beliefs`) and
returns two item indices, and `choose_set`, which returns up to k of one group for a best-of-k
or order question. The ranker owns the log and the ratings, so the person can switch strategy
at any time and keep both."""

from ..errors import UnknownStrategyError
from .base import Beliefs, Strategy
from .elimination import Elimination
from .smart import Smart
from .uniform import Uniform

STRATEGIES: dict[str, type[Strategy]] = {
    Smart.name: Smart,
    Uniform.name: Uniform,
    Elimination.name: Elimination,
}


def make_strategy(name: str) -> Strategy:
    try:
        return STRATEGIES[name]()
    except KeyError:
        raise UnknownStrategyError(
            f"unknown strategy {name!r}; choose one of {', '.join(STRATEGIES)}"
        ) from None


__all__ = ["STRATEGIES", "Beliefs", "Strategy", "make_strategy"]
