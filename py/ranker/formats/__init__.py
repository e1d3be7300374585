"""The files Image Ranker keeps in a folder's `.image-ranker/`, and the ones it imports.

Pure Python (csv, json): the page calls these to read and write what it keeps on disk, and
anyone can use them to read a folder's results. Text in, text out: the caller reads and
writes the files. Every reader reports what it could not use, with line numbers, and never
drops a valid row because of a bad one.
"""

from .flask_export import (
    OriginalPaths,
    write_flask_comparisons,
    write_flask_rankings,
)
from .flask_import import FlaskImport, import_flask_history, is_flask_autosave, is_flask_history
from .images_jsonl import IMAGES_KEYS, image_lines, write_images
from .in_force import answers_in_force
from .judges_csv import JUDGES_HEADER, JudgesFile, judges_lines, read_judges
from .log_summary import LogSummary, paths_not_in_folder, summarize_log
from .merge import Agreement, judge_agreement, merge_votes
from .original_paths import PathResolver
from .preferences import (
    pick_a_pic_lines,
    pick_a_pic_rows,
    preference_lines,
    preference_rows,
    write_pick_a_pic,
    write_preferences,
)
from .problems import Problem
from .rankings_csv import (
    RANKINGS_HEADER,
    RankingsFile,
    rankings_lines,
    read_rankings,
    write_rankings,
)
from .rankings_json import write_rankings_json
from .votes_csv import (
    OPTIONAL_COLUMNS,
    VOTES_HEADER,
    GrowingVotesCsv,
    VotesFile,
    fits,
    format_votes,
    read_votes,
    votes_header,
    write_votes,
)

__all__ = [
    "IMAGES_KEYS",
    "JUDGES_HEADER",
    "OPTIONAL_COLUMNS",
    "RANKINGS_HEADER",
    "VOTES_HEADER",
    "Agreement",
    "FlaskImport",
    "JudgesFile",
    "GrowingVotesCsv",
    "LogSummary",
    "OriginalPaths",
    "PathResolver",
    "Problem",
    "RankingsFile",
    "VotesFile",
    "answers_in_force",
    "fits",
    "image_lines",
    "format_votes",
    "import_flask_history",
    "is_flask_autosave",
    "is_flask_history",
    "judges_lines",
    "judge_agreement",
    "merge_votes",
    "paths_not_in_folder",
    "pick_a_pic_lines",
    "pick_a_pic_rows",
    "preference_lines",
    "preference_rows",
    "rankings_lines",
    "read_judges",
    "read_rankings",
    "read_votes",
    "summarize_log",
    "votes_header",
    "write_images",
    "write_pick_a_pic",
    "write_preferences",
    "write_rankings",
    "write_rankings_json",
    "write_flask_comparisons",
    "write_flask_rankings",
    "write_votes",
]
