"""The page's journal: the answers each tab keeps in the browser (IndexedDB) until the folder's
log holds them, one entry a tab, each entry the text of a votes.csv (`GrowingVotesCsv`). The
tab that writes the folder reads every entry: an answer found in several entries (a tab's
entry read twice, rewritten meanwhile) is one answer."""

from collections.abc import Iterable

from ..log import Vote
from .votes_csv import read_votes


def journal_votes(entries: Iterable[str]) -> list[Vote]:
    """Every answer of the entries' texts, in order, each once. Undo rows are kept for the
    replay of the whole log to judge (an entry is only a part of it)."""
    votes: dict[Vote, None] = {}
    for text in entries:
        votes.update(dict.fromkeys(read_votes(text, fragment=True).votes))
    return list(votes)
