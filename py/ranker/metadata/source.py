"""A file's bytes as the container walkers ask for them, without doing any I/O.

A walker is a generator: it yields `(offset, length)` and is sent the bytes there, shorter at
the file's end, so the same code reads `bytes` here and a `File` a slice at a time in the page
(the style of `ranker.image_size`). An offset below zero counts from the file's end, as Python
slices and `File.slice` do: a PNG's or a WebP's metadata may follow its pixels, and the tail
is one read away whatever the file's size, which the walker does not know.

Every request is counted against `READS` and `READ_BYTES`: a file claiming chunks of gigabytes
or hiding its metadata behind thousands of frames costs a few reads and is a note."""

from collections.abc import Generator

from .limits import HEAD, READ_BYTES, READS

Request = tuple[int, int]
"""(offset, length): the bytes wanted next; a negative offset counts from the file's end."""
Reads = Generator[Request, bytes, bytes]


class Exhausted(Exception):
    """The file's reads or bytes reached their cap before the walk was done."""


def start_of(offset: int, size: int) -> int:
    """Where a request starts in a file of `size` bytes: its offset, or counted from the end."""
    return offset if offset >= 0 else max(0, size + offset)


class Source:
    """Serves reads from the windows already read when they hold the bytes, else asks."""

    def __init__(self) -> None:
        self.windows: list[tuple[int, bytes]] = []
        self.size: int | None = None
        """The file's size, once a read reached its end."""
        self.reads = 0
        self.requested = 0

    def _ask(self, offset: int, length: int) -> Reads:
        if self.reads >= READS:
            raise Exhausted(f"more than {READS} reads would be needed")
        if self.requested + length > READ_BYTES:
            raise Exhausted(f"more than {READ_BYTES // (1024 * 1024)} MB would be read")
        self.reads += 1
        self.requested += length
        return bytes((yield (offset, length)))[:length]

    def ahead(self) -> int:
        """How much to read at least when a walk needs bytes not held: HEAD at first, then twice
        as much each read, so that a walk through megabytes of segments takes a few reads."""
        return HEAD << self.reads

    def held(self, offset: int, length: int) -> bytes | None:
        """The bytes at `offset` if a window holds them (shorter when that window reached the
        file's end), else None."""
        for start, data in self.windows:
            end = start + len(data)
            if start <= offset and (offset + length <= end or end == self.size):
                return data[offset - start : offset - start + length]
        if self.size is not None and offset >= self.size:
            return b""
        return None

    def read(self, offset: int, length: int, ahead: int = 0) -> Reads:
        """`length` bytes at `offset` (fewer at the file's end); when they must be asked for,
        `ahead` bytes at least are, so that the next reads of a walk are already held."""
        data = self.held(offset, length)
        if data is not None:
            return data
        wanted = max(length, min(ahead, READ_BYTES - self.requested))
        if self.size is not None:
            wanted = min(wanted, self.size - offset)
        data = yield from self._ask(offset, wanted)
        if len(data) < wanted:
            self.size = offset + len(data)
        self.windows.append((offset, data))
        return data[:length]

    def tail(self, length: int) -> Reads:
        """The file's last `length` bytes (all of a shorter file)."""
        if self.size is not None:
            return (yield from self.read(max(0, self.size - length), length))
        data = yield from self._ask(-length, length)
        if len(data) < length:
            self.size = len(data)
            self.windows.append((0, data))
        return data
