"""How an image was generated, read from where generators record it, and caption files.

`generation_reader()` walks the whole container, not a first slice of it: PNG text chunks
before and after the pixels (png.py), WebP EXIF and XMP chunks, which follow every frame of an
animation (webp.py), JPEG EXIF and XMP segments up to the first scan (jpeg.py), and the Exif
and XMP items of HEIF and AVIF (heif.py). It is a generator that asks for byte ranges and is
sent them, so the page reads a `File` a slice at a time and the tests read `bytes`
(`read_generation`), with the same code. A typical file costs one read (its head) or two (and
its tail); every count a file can inflate is capped (limits.py).

What is read in what it finds, and which prompt is believed, is read.py's job, with a module
per generator: Automatic1111 and the programs writing its infotext (Forge, SD.Next, Fooocus,
ComfyUI save nodes), ComfyUI, InvokeAI, Fooocus, SwarmUI and NovelAI. A generic field (a
camera's ImageDescription, a photo's caption) is never a prompt by itself, and two different
prompts in one file give none: a wrong prompt in training data is worse than no prompt.

Bad metadata is a note, never an exception: a person's folder holds whatever it holds.

A library was weighed: npm `exifr` (26 KB gzipped more for the page) exposed the record a
generator wrote in 61 of 102 generated files (real ones and tests/corpus/generators.py): it
reads no WebP, no iTXt chunk (Automatic1111 writes one for any prompt outside Latin-1), nothing
after a PNG's pixels, and no UserComment in IFD0 (Fooocus), and the generators' formats would
still be read here. Pillow is in Pyodide but needs the whole file in memory.
"""

from collections.abc import Generator

from . import heif, jpeg, png, webp
from .generation import Generation
from .limits import CAPTION_BYTES, HEAD, NOTES
from .pngtext import kb
from .read import generation_of
from .records import Records
from .source import Exhausted, Request, Source, start_of

__all__ = [
    "CAPTION_BYTES",
    "Generation",
    "Request",
    "generation_reader",
    "read_caption",
    "read_generation",
    "sidecar",
    "start_of",
]

GenerationReader = Generator[Request, bytes, Generation]

_CONTAINERS = (
    (lambda head: head.startswith(png.SIGNATURE), "png", png.walk),
    (lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP", "webp", webp.walk),
    (lambda head: head.startswith(b"\xff\xd8"), "jpeg", jpeg.walk),
    (lambda head: head[4:8] == b"ftyp", "heif", heif.walk),
)


def generation_reader() -> GenerationReader:
    """Asks for byte ranges (yields (offset, length); a negative offset counts from the file's
    end, see source.start_of), is sent their bytes, shorter at the file's end; returns what the
    file records of its generation."""
    source = Source()
    records = Records("")
    try:
        head = yield from source.read(0, HEAD)
        for matches, container, walk in _CONTAINERS:
            if matches(head):
                records.container = container
                yield from walk(source, records)
                break
    except Exhausted as error:
        records.notes.append(f"reading stopped: {error}")
    found = generation_of(records)
    if len(found.notes) > NOTES:
        more = len(found.notes) - NOTES + 1
        found.notes[NOTES - 1 :] = [f"{more:,} more notes of this file left out"]
    return found


def read_generation(data: bytes) -> Generation:
    """What an image held in memory records of its generation (as the tests and CPython scripts
    hold images)."""
    reader = generation_reader()
    try:
        request = next(reader)
        while True:
            offset, length = request
            start = start_of(offset, len(data))
            request = reader.send(data[start : start + length])
    except StopIteration as done:
        return done.value


# caption files --------------------------------------------------------------------------------


def sidecar(image: str, files: set[str]) -> str | None:
    """The caption file to read for an image: `<stem>.txt` beside it, else `prompt.txt` in its
    folder."""
    folder, _, name = image.rpartition("/")
    prefix = f"{folder}/" if folder else ""
    stem = name.rsplit(".", 1)[0]
    for candidate in (f"{prefix}{stem}.txt", f"{prefix}prompt.txt"):
        if candidate in files:
            return candidate
    return None


def read_caption(data: bytes) -> Generation:
    """A caption file's text, as one line. `data` is the file's first CAPTION_BYTES + 1 bytes
    (the page reads no more): a longer file is not used at all, since its first 64 KB would be
    a wrong prompt, and the whole file held in memory and copied into every export line took
    the page to 5 GB for a `prompt.txt` of 30 MB."""
    if len(data) > CAPTION_BYTES:
        note = f"larger than {kb(CAPTION_BYTES)}, so not read as a prompt (a caption is a line)"
        return Generation(notes=[note])
    text = " ".join(data.decode("utf-8-sig", "replace").split())
    return Generation(prompt=text or None, source="caption" if text else "")
