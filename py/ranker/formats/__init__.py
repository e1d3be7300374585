"""The files Image Ranker keeps in a folder's `.image-ranker/`, and the ones it imports.

Pure Python (csv, json): the page calls these to read and write what it keeps on disk, and
anyone can use them to read a folder's results. Every reader reports what it could not use,
with line numbers, and never drops a valid row because of a bad one.
"""

from .flask_import import FlaskImport, import_flask_history
from .merge import judge_agreement, merge_votes
from .preferences import answers_in_force, pick_a_pic_rows, preference_rows, write_preferences
from .problems import Problem
from .rankings_csv import RANKINGS_HEADER, read_rankings, write_rankings
from .rankings_json import write_rankings_json
from .votes_csv import VOTES_HEADER, VotesFile, format_votes, read_votes, write_votes

__all__ = [
    "RANKINGS_HEADER",
    "VOTES_HEADER",
    "FlaskImport",
    "Problem",
    "VotesFile",
    "answers_in_force",
    "format_votes",
    "import_flask_history",
    "judge_agreement",
    "merge_votes",
    "pick_a_pic_rows",
    "preference_rows",
    "read_rankings",
    "read_votes",
    "write_preferences",
    "write_rankings",
    "write_rankings_json",
    "write_votes",
]
