"""Automatic1111's infotext: the text it writes as PNG `parameters` and EXIF UserComment, and
that Forge, SD.Next, Fooocus (its "a1111" scheme) and ComfyUI save nodes write in its format:

    a red fox in the snow
    Negative prompt: blurry
    Steps: 30, Sampler: DPM++ 2M, CFG scale: 7, Seed: 1, Size: 512x512, Model: sd_xl_base

Read as `parse_generation_parameters` in modules/infotext_utils.py (AUTOMATIC1111/
stable-diffusion-webui) reads it: the last line holds the fields when `re_param` finds three or
more in it; the lines before it, each stripped, are the prompt up to a line starting
"Negative prompt:", then the negative prompt. `re_param` backtracks: over a last line of 64 KB
without a colon, `findall` takes quadratic time, so the fields are found here by a scan that
gives the same pairs in time linear in the line's length."""

import json
import re
from dataclasses import dataclass

_KEY_CHARS = re.compile(r"[\w \-/]")
_WORD = re.compile(r"\w")


@dataclass
class Infotext:
    prompt: str
    negative_prompt: str
    fields: dict[str, str]
    """The last line's fields, by name, when it has three or more; else empty."""


def parse(text: str) -> Infotext:
    *lines, last = text.strip().split("\n")
    fields = _fields(last)
    if len(fields) < 3:
        lines.append(last)
        fields = {}
    prompt = negative = ""
    negative_started = False
    for line in lines:
        line = line.strip()
        if line.startswith("Negative prompt:"):
            negative_started = True
            line = line[len("Negative prompt:") :].strip()
        if negative_started:
            negative += ("\n" if negative else "") + line
        else:
            prompt += ("\n" if prompt else "") + line
    return Infotext(prompt, negative, fields)


def _fields(line: str) -> dict[str, str]:
    """What `re.findall(r'\\s*(\\w[\\w \\-/]+):\\s*("(?:\\\\.|[^\\\\"])+"|[^,]*)(?:,|$)', line)`
    finds, a quoted value unquoted, as a dict (a later field of the same name wins, as in
    Automatic1111's)."""
    found: dict[str, str] = {}
    at = 0
    while (colon := line.find(":", at)) >= 0:
        start = colon
        while start > at and _KEY_CHARS.match(line, start - 1):
            start -= 1
        while start < colon and not _WORD.match(line, start):
            start += 1
        if colon - start < 2:  # no key of two characters or more ends at this colon
            at = colon + 1
            continue
        key = line[start:colon]
        value_at = colon + 1
        while value_at < len(line) and line[value_at].isspace():
            value_at += 1
        value, at = _value(line, value_at)
        found[key] = value
    return found


def _value(line: str, at: int) -> tuple[str, int]:
    """A field's value from `at`, and where the next field may start: a quoted value when a
    comma or the line's end follows its closing quote, else everything up to the next comma."""
    if line.startswith('"', at):
        end = at + 1
        while end < len(line) and line[end] != '"':
            end += 2 if line[end] == "\\" else 1
        if end < len(line) and end > at + 1 and (end + 1 == len(line) or line[end + 1] == ","):
            quoted = line[at : end + 1]
            try:
                value = json.loads(quoted)
            except ValueError:
                value = quoted
            return (value if isinstance(value, str) else quoted), end + 2
    comma = line.find(",", at)
    if comma < 0:
        return line[at:], len(line)
    return line[at:comma], comma + 1
