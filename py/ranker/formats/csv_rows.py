"""RFC 4180 rows with the line each starts on and the offset where each ends, so a reader can
name the line of a bad row and a writer can append after the last complete one."""

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    fields: list[str]
    end: int  # offset (characters) just past the row's line ending
    complete: bool  # False for a last row cut short (no line ending, or an open quote)


def rows(text: str) -> Iterator[Row]:
    # line ends as the csv module's reader sees them (str.splitlines knows more separators)
    ends = [0] + [match.end() for match in _LINE_END.finditer(text)]
    if ends[-1] < len(text):
        ends.append(len(text))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    consumed = 0
    while True:
        start = consumed + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error:  # an open quote at the end of the file: a cut-short last row
            yield Row(start, [], len(text), False)
            return
        consumed = reader.line_num
        end = ends[min(consumed, len(ends) - 1)]
        complete = text[end - 1 : end] in ("\n", "\r")
        yield Row(start, fields, end, complete)


def to_csv(records: list[list[str]]) -> str:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(records)
    return buffer.getvalue()
