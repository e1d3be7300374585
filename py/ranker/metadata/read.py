"""From the texts and blocks a container walker found to one `Generation`: which of them are a
generator's record, and which prompt to believe.

A generic field is never a prompt by itself. EXIF ImageDescription ("OLYMPUS DIGITAL CAMERA",
"SONY DSC"), UserComment and XMP `dc:description` are written by cameras and photo programs
too, and hold captions, titles or nothing useful: read as prompts they would put a camera's
name into training data as the text an image was made from. So a text there is read only in
a generator's own format: an Automatic1111 infotext whose last line has a step count and a seed,
a JSON object of a known generator (SwarmUI, NovelAI, Fooocus, ComfyUI's graphs) or a ComfyUI
`prompt:` or `workflow:` text. Keys only generators write (PNG `parameters`, `invokeai_metadata`,
`prompt`, ...) are read as theirs; a PNG `Description` only when `Software` says NovelAI.

When a file holds records of two generators (a ComfyUI save node writes its graph and an
infotext of its own), their prompts must agree: two different prompts in one file mean at least
one is wrong, and which cannot be told, so neither is taken. SwarmUI and Stability Matrix are
the exceptions: their PNGs hold the graph their ComfyUI backend ran, and their own record is
what the person asked for."""

import json
import struct
from collections.abc import Callable

from . import a1111, comfyui, fooocus, invokeai, novelai, stability_matrix, swarmui
from .exif import IMAGE_DESCRIPTION, MAKE, MAKER_NOTE, MODEL, SOFTWARE, USER_COMMENT, read_exif
from .generation import Generation
from .limits import PROMPT_CHARS
from .records import Records
from .xmp import description

_ERRORS = (ValueError, KeyError, TypeError, AttributeError, RecursionError)
"""What reading a record can raise (RecursionError: JSON nested deeper than the parser
recurses); each is a note."""
_FRONT_ENDS = ("SwarmUI", "Stability Matrix")
"""Programs that run a ComfyUI backend and write their own record beside its graph: what the
person asked for, so it wins over the graph (and over Stability Matrix's own infotext)."""
_FIELDS = ("negative_prompt", "seed", "model", "sampler", "steps", "cfg")
_COMFY_TAGS = (MODEL, MAKE, IMAGE_DESCRIPTION)
"""Where ComfyUI's WebP writer puts `prompt:` (Model) and `workflow:` (Make, then the tags
below it for other keys; comfy_api/latest/_ui.py, ImageSaveHelper._create_webp_metadata), and
where save nodes writing JPEG put "Prompt: " and "Workflow: "."""


def generation_of(records: Records) -> Generation:
    reading = _Reading(records)
    reading.png_texts()
    for block in records.exif:
        reading.exif(block)
    for block in records.xmp:
        reading.xmp(block)
    reading.comfyui()
    return reading.decide()


class _Reading:
    def __init__(self, records: Records) -> None:
        self.where = records.container
        self.texts = records.texts
        self.notes = records.notes
        self.candidates: list[Generation] = []
        self.comfy: dict[str, str] = {
            key: self.texts[key] for key in ("prompt", "workflow") if key in self.texts
        }

    def attempt(self, name: str, read: Callable[[], Generation | None]) -> None:
        try:
            found = read()
        except _ERRORS as error:
            self.notes.append(f"the {name} text could not be read ({error})")
            return
        if found is not None:
            self.candidates.append(found)

    def png_texts(self) -> None:
        texts, where = self.texts, self.where
        if "invokeai_metadata" in texts:
            value = texts["invokeai_metadata"]
            source = f"{where}:invokeai_metadata"
            self.attempt("invokeai_metadata", lambda: invokeai.current(json.loads(value), source))
        if "sd-metadata" in texts:
            value = texts["sd-metadata"]
            source = f"{where}:sd-metadata"
            self.attempt("sd-metadata", lambda: invokeai.legacy(json.loads(value), source))
        elif "Dream" in texts:
            value = texts["Dream"]
            self.attempt("Dream", lambda: invokeai.dream(value, f"{where}:Dream"))
        if "parameters" in texts:
            value, scheme = texts["parameters"], texts.get("fooocus_scheme")
            source = f"{where}:parameters"
            self.attempt("parameters", lambda: self.record(value, scheme, source, generic=False))
        if "parameters-json" in texts:
            value = texts["parameters-json"]
            source = f"{where}:parameters-json"
            self.attempt("parameters-json", lambda: self.record(value, None, source, generic=True))
        if novelai.is_novelai(texts):
            source = f"{where}:Comment"
            self.attempt("Comment", lambda: novelai.generation(texts, source, self.notes))

    def record(
        self, value: str, scheme: str | None, source: str, *, generic: bool
    ) -> Generation | None:
        """A `parameters` text or an EXIF UserComment: a JSON object of a generator, or an
        infotext (in a generic field, only a sure one)."""
        stripped = value.strip()
        if not stripped.startswith("{"):
            if generic and not a1111.is_infotext(value):
                return None
            return a1111.generation(value, source)
        record = json.loads(stripped)
        if not isinstance(record, dict):
            raise ValueError("it is not a JSON object")
        if isinstance(record.get("sui_image_params"), dict):
            return swarmui.generation(record["sui_image_params"], source)
        if novelai.is_novelai(record):
            return novelai.generation(record, source, self.notes)
        if stability_matrix.is_stability_matrix(record):
            return stability_matrix.generation(record, source)
        if isinstance(record.get("prompt"), dict):  # ComfyUI's graphs, as save nodes put them
            for key in ("prompt", "workflow"):
                if isinstance(record.get(key), dict):
                    self.comfy.setdefault(key, json.dumps(record[key]))
            return None
        if not isinstance(record.get("prompt"), str):
            return None
        found = fooocus.generation(record, source)
        if not fooocus.is_fooocus(record, scheme):
            found.generator = None
        return found

    def stability_matrix(self, value: str, source: str) -> Generation | None:
        record = json.loads(value)
        if isinstance(record, dict) and stability_matrix.is_stability_matrix(record):
            return stability_matrix.generation(record, source)
        return None

    def exif(self, block: bytes) -> None:
        try:
            exif = read_exif(block, self.notes)
        except (ValueError, struct.error) as error:  # UnicodeDecodeError is a ValueError
            self.notes.append(f"an EXIF block could not be read ({error})")
            return
        for tag in _COMFY_TAGS:
            key, colon, rest = exif.texts.get(tag, "").partition(":")
            if colon and key.strip().lower() in ("prompt", "workflow") and rest.lstrip()[:1] == "{":
                self.comfy.setdefault(key.strip().lower(), rest.strip())
        description = exif.texts.get(IMAGE_DESCRIPTION, "")
        if description.startswith("{"):  # Stability Matrix's WebPs
            source = f"{self.where}:exif:ImageDescription"
            self.attempt(
                "EXIF ImageDescription", lambda: self.stability_matrix(description, source)
            )
        comment = exif.texts.get(USER_COMMENT)
        if not comment:
            return
        scheme = (
            exif.texts.get(MAKER_NOTE)
            if exif.texts.get(SOFTWARE, "").startswith("Fooocus")
            else None
        )
        source = f"{self.where}:exif:UserComment"
        before = len(self.candidates)
        self.attempt("EXIF UserComment", lambda: self.record(comment, scheme, source, generic=True))
        if len(self.candidates) > before and USER_COMMENT in exif.ascii_typed:
            _pillow_ascii(self.candidates[-1], comment, self.notes)

    def xmp(self, block: bytes) -> None:
        try:
            text = description(block)
        except UnicodeDecodeError as error:
            self.notes.append(f"an XMP block could not be read ({error})")
            return
        if text and a1111.is_infotext(text):
            self.candidates.append(a1111.generation(text, f"{self.where}:xmp:dc:description"))

    def comfyui(self) -> None:
        if not self.comfy:
            return
        found = comfyui.generation(self.comfy.get("prompt"), self.comfy.get("workflow"))
        self.notes.extend(found.notes)
        found.notes = []
        found.source = f"{self.where}:{found.source or 'prompt, workflow'}"
        self.candidates.append(found)

    def decide(self) -> Generation:
        for found in self.candidates:
            _within_caps(found, self.notes)
        own = [
            found for found in self.candidates if found.generator in _FRONT_ENDS and found.prompt
        ]
        if own:
            return self.done(own[0])
        with_prompt = [found for found in self.candidates if found.prompt]
        if not with_prompt:
            return self.done(self.candidates[0] if self.candidates else Generation())
        chosen = with_prompt[0]
        differing = [found for found in with_prompt if _same(found.prompt) != _same(chosen.prompt)]
        if differing:
            self.notes.append(
                f"the file holds different prompts ({chosen.source} and {differing[0].source}): "
                "neither is taken"
            )
            chosen.prompt = chosen.negative_prompt = None
            return self.done(chosen)
        for name in _FIELDS:
            if getattr(chosen, name) is None:
                values = (getattr(found, name) for found in with_prompt)
                setattr(chosen, name, next((value for value in values if value is not None), None))
        return self.done(chosen)

    def done(self, found: Generation) -> Generation:
        found.notes = self.notes
        return found


def _same(prompt: str | None) -> str:
    return " ".join((prompt or "").split())


def _within_caps(found: Generation, notes: list[str]) -> None:
    """A prompt too long to be one is a note, never cut (a cut prompt is a wrong one), and
    never copied into every export line."""
    for name in ("prompt", "negative_prompt"):
        value = getattr(found, name)
        if value is not None and len(value) > PROMPT_CHARS:
            label = "prompt" if name == "prompt" else "negative prompt"
            notes.append(
                f"the {label} in {found.source} is {len(value):,} characters long, over "
                f"{PROMPT_CHARS:,}: not taken"
            )
            setattr(found, name, None)


def _pillow_ascii(found: Generation, comment: str, notes: list[str]) -> None:
    """Fooocus writes its infotext as an ASCII EXIF value through Pillow, which puts "?" for
    every other character: a prompt with a "?" may have lost letters, so it is not taken (a
    JSON text is safe, its other characters written as \\u escapes)."""
    texts = (found.prompt or "", found.negative_prompt or "")
    if not comment.lstrip().startswith("{") and any("?" in value for value in texts):
        notes.append(
            f'the {found.source} text is ASCII with a "?", which may stand for a letter '
            "Pillow could not write: not taken"
        )
        found.prompt = found.negative_prompt = None
