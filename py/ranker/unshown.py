"""Images the page could not show (a file that does not decode, or one too large to decode
safely) are not ranked among the rest: nobody here saw them, so a place among images a person
judged would claim what no answer said. They keep whatever answers they have from elsewhere
(another browser that shows them, an import), and are listed after the ranked images, in
their own order, without a rank."""

from collections.abc import Collection, Iterable, Iterator
from dataclasses import replace

from .ranker import Standing


def set_apart(standings: Iterable[Standing], unshown: Collection[str]) -> Iterator[Standing]:
    """The standings (best first) with the `unshown` images taken out of the ranks: the others
    keep their order, ranked 1, 2, ...; the unshown follow, rank None. Made one row at a time,
    as `Ranker.iter_standings` is, holding back only the unshown rows."""
    apart = []
    rank = 0
    for standing in standings:
        if standing.id in unshown:
            apart.append(replace(standing, rank=None))
        else:
            rank += 1
            yield standing if standing.rank == rank else replace(standing, rank=rank)
    yield from apart
