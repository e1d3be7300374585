"""Drives the pure readers of `ranker` (`size_reader`, `generation_reader`) over a File: they
ask for byte ranges, this reads them as slices and sends them back, so no file is ever read
whole. The ranges read for one file are kept while it is read: the size and the prompt of an
image both start with its first bytes, which are then read once."""

from collections.abc import Generator
from typing import TypeVar

from ranker.metadata import start_of

from .bridge import files

T = TypeVar("T")
Request = tuple[int, int]


class FileReads:
    def __init__(self, file) -> None:
        self._file = file
        self._read: list[tuple[int, bytes]] = []

    async def bytes_at(self, offset: int, length: int) -> bytes:
        """`length` bytes at `offset`; a negative offset counts from the file's end (a PNG's or
        a WebP's metadata may follow its pixels: `generation_reader` asks for the tail)."""
        offset = start_of(offset, self._file.size)
        for start, data in self._read:
            if start <= offset and offset + length <= start + len(data):
                return data[offset - start : offset - start + length]
        data = (await files.bytesAt(self._file, offset, length)).to_bytes()
        self._read.append((offset, data))
        return data

    async def drive(self, reader: Generator[Request, bytes, T]) -> T:
        try:
            request = next(reader)
            while True:
                request = reader.send(await self.bytes_at(*request))
        except StopIteration as done:
            return done.value
