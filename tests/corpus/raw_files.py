"""Camera RAW files laid out as each maker's format lays them (after exiftool's tag tables and
LibRaw's parsers), holding a real JPEG preview made by Pillow beside data a browser cannot show
(a lossless-JPEG "raw" strip, a thumbnail): for tests of ranker.raw_preview and the page, and
for benchmarks (`dng_around` a photo: bench/formats.py's RAW entry). No PyPI package at hand
ships small real RAW samples (rawpy's test CR2 is not in its sdist and is CC BY-NC-SA;
exifread's samples live outside its sdist).

The preview is stored as the camera stores it, turned, of a scene whose top half is red and
bottom half blue, so a test can tell the page shows it upright. `dng_raw_only` holds no preview,
only raw sensor data (of a scene whose left half is red and right half blue), which LibRaw
decodes (checked with rawpy, LibRaw's Python binding: it renders those two colours)."""

import io
import struct

from PIL import Image

# A DNG's or CR2's raw data: "JPEG" too, but lossless (SOF3), which no browser decodes.
LOSSLESS = (
    b"\xff\xd8\xff\xc3\x00\x0b\x0e\x0f\xa0\x17\x70\x01\x01\x11\x00" + bytes(512) + b"\xff\xd9"
)


# How the camera stores a scene that EXIF orientation 1, 3, 6 or 8 turns upright when shown.
_STORED = {
    1: None,
    3: Image.Transpose.ROTATE_180,
    6: Image.Transpose.ROTATE_90,
    8: Image.Transpose.ROTATE_270,
}


def picture(width: int, height: int, orientation: int = 1, exif: bool = False) -> bytes:
    """A baseline JPEG `width` x `height` as stored, of a scene whose top half is red and
    bottom half blue once turned upright by `orientation` (which its own EXIF holds if
    `exif`)."""
    turned = _STORED[orientation]
    upright = (height, width) if orientation in (6, 8) else (width, height)
    image = Image.new("RGB", upright, (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, upright[0], upright[1] // 2))
    if turned is not None:
        image = image.transpose(turned)
    out = io.BytesIO()
    tags = Image.Exif()
    if exif:
        tags[0x0112] = orientation
    image.save(out, "JPEG", quality=85, exif=tags.tobytes())
    return out.getvalue()


class Tiff:
    """A TIFF structure written bottom up: blobs first, then the IFDs that point at them."""

    def __init__(self, order: str = "<", magic: bytes = b"II*\x00", prefix: bytes = b"") -> None:
        self.order = order
        self.data = bytearray(magic + b"\x00\x00\x00\x00" + prefix)

    def blob(self, data: bytes) -> int:
        if len(self.data) % 2:
            self.data += b"\x00"
        offset = len(self.data)
        self.data += data
        return offset

    def ifd(self, entries: list[tuple[int, int, list[int] | bytes]], next_ifd: int = 0) -> int:
        """entries: (tag, type, values); type 3 SHORT, 4 LONG, or bytes as stored: 7
        UNDEFINED, 2 ASCII, 1 BYTE, 5 RATIONAL, 10 SRATIONAL (two LONGs each)."""
        fields = []
        for tag, kind, values in sorted(entries):
            if isinstance(values, bytes):
                raw, count = values, len(values) // (8 if kind in (5, 10) else 1)
            else:
                raw = b"".join(
                    struct.pack(self.order + ("H" if kind == 3 else "I"), v) for v in values
                )
                count = len(values)
            if len(raw) <= 4:
                field = raw.ljust(4, b"\x00")
            else:
                field = struct.pack(self.order + "I", self.blob(raw))
            fields.append(struct.pack(self.order + "HHI", tag, kind, count) + field)
        offset = self.blob(
            struct.pack(self.order + "H", len(fields))
            + b"".join(fields)
            + struct.pack(self.order + "I", next_ifd)
        )
        return offset

    def finish(self, ifd0: int) -> bytes:
        self.data[4:8] = struct.pack(self.order + "I", ifd0)
        return bytes(self.data)


def _jpeg_entries(t: Tiff, jpeg: bytes) -> list[tuple[int, int, list[int] | bytes]]:
    return [(0x0201, 4, [t.blob(jpeg)]), (0x0202, 4, [len(jpeg)])]


def _strip(t: Tiff, data: bytes, compression: int, subfile: int) -> list:
    return [
        (0x00FE, 4, [subfile]),
        (0x0103, 3, [compression]),
        (0x0111, 4, [t.blob(data)]),
        (0x0117, 4, [len(data)]),
    ]


def dng(width: int = 320, height: int = 240, orientation: int = 1, order: str = "<") -> bytes:
    """Adobe DNG around a picture `width` x `height` (see dng_around)."""
    return dng_around(picture(width, height, orientation), orientation, order)


def dng_around(preview: bytes, orientation: int = 1, order: str = "<") -> bytes:
    """Adobe DNG: IFD0 an uncompressed thumbnail with the orientation; SubIFDs the raw data
    (Compression 7, lossless) and `preview`, a JPEG (Compression 7, baseline; NewSubFileType
    1)."""
    t = Tiff(order, b"II*\x00" if order == "<" else b"MM\x00*")
    raw = t.ifd(_strip(t, LOSSLESS, 7, 0) + [(0x0100, 4, [4000]), (0x0101, 4, [3000])])
    jpeg = t.ifd(_strip(t, preview, 7, 1))
    thumb = bytes(16 * 12 * 3)
    ifd0 = t.ifd(
        _strip(t, thumb, 1, 1)
        + [
            (0x0112, 3, [orientation]),
            (0x014A, 4, [raw, jpeg]),
            (0xC612, 1, b"\x01\x04\x00\x00"),
        ]
    )
    return t.finish(ifd0)


# XYZ (D65) to linear sRGB, as a DNG's ColorMatrix1: the "camera" sees linear sRGB, so LibRaw
# renders the sensor's values as those colours.
_XYZ_TO_SRGB = (
    (3.2406, -1.5372, -0.4986),
    (-0.9689, 1.8758, 0.0415),
    (0.0557, -0.2040, 1.0570),
)
RAW_WHITE = 4095  # a 12-bit sensor's white level, in 16-bit samples
# A pixel's 8-bit value as the sensor's linear 16-bit sample (little-endian: low, high bytes),
# white well under the sensor's white (no highlight clipping to reason about).
_LINEAR = [round((v / 255) ** 2.2 * RAW_WHITE * 3 / 5) for v in range(256)]
_LOW = bytes(x & 0xFF for x in _LINEAR)
_HIGH = bytes(x >> 8 for x in _LINEAR)


def dng_raw_only(width: int = 96, height: int = 64, orientation: int = 1) -> bytes:
    """Adobe DNG holding raw sensor data and no preview at all, as some phones and converters
    write it (see dng_of_sensor), of a scene `width` x `height` whose left half is red and
    right half blue, stored as a camera stores a scene that `orientation` turns upright."""
    scene = Image.new("RGB", (width, height), (0, 0, 255))
    scene.paste((255, 0, 0), (0, 0, width // 2, height))
    turned = _STORED[orientation]
    return dng_of_sensor(scene.transpose(turned) if turned is not None else scene, orientation)


def dng_of_sensor(stored: Image.Image, orientation: int = 1) -> bytes:
    """Adobe DNG of a sensor that saw `stored` (as the camera stores it; `orientation` turns it
    upright), and no preview: IFD0 a 16-bit uncompressed RGGB Bayer mosaic (CFA), the
    orientation, a colour matrix that maps the sensor to sRGB and a neutral white balance.
    LibRaw (and so rawpy) decodes it; no browser does."""
    width, height = stored.size
    red, green, blue = (band.tobytes() for band in stored.convert("RGB").split())
    mosaic = bytearray(2 * width * height)
    for y in range(height):
        first, second = (red, green) if y % 2 == 0 else (green, blue)  # R G / G B
        even = first[y * width : (y + 1) * width : 2]
        odd = second[y * width + 1 : (y + 1) * width : 2]
        start, end = 2 * y * width, 2 * (y + 1) * width
        mosaic[start:end:4] = even.translate(_LOW)
        mosaic[start + 1 : end : 4] = even.translate(_HIGH)
        mosaic[start + 2 : end : 4] = odd.translate(_LOW)
        mosaic[start + 3 : end : 4] = odd.translate(_HIGH)
    matrix = b"".join(
        struct.pack("<ii", round(value * 10_000), 10_000) for row in _XYZ_TO_SRGB for value in row
    )
    t = Tiff()
    ifd0 = t.ifd(
        [
            (0x00FE, 4, [0]),
            (0x0100, 4, [width]),
            (0x0101, 4, [height]),
            (0x0102, 3, [16]),
            (0x0103, 3, [1]),
            (0x0106, 3, [32803]),  # CFA
            (0x010F, 2, b"Image Ranker\x00"),
            (0x0110, 2, b"Synthetic CFA\x00"),
            (0x0111, 4, [t.blob(bytes(mosaic))]),
            (0x0112, 3, [orientation]),
            (0x0115, 3, [1]),
            (0x0116, 4, [height]),
            (0x0117, 4, [len(mosaic)]),
            (0x011C, 3, [1]),
            (0x828D, 3, [2, 2]),  # CFARepeatPatternDim
            (0x828E, 1, b"\x00\x01\x01\x02"),  # CFAPattern: R G / G B
            (0xC612, 1, b"\x01\x04\x00\x00"),  # DNGVersion 1.4
            (0xC614, 2, b"Image Ranker Synthetic CFA\x00"),
            (0xC61A, 4, [0]),  # BlackLevel
            (0xC61D, 4, [RAW_WHITE]),  # WhiteLevel
            (0xC621, 10, matrix),  # ColorMatrix1
            (0xC628, 5, struct.pack("<II", 1, 1) * 3),  # AsShotNeutral: no colour cast
            (0xC65A, 3, [21]),  # CalibrationIlluminant1: D65
        ]
    )
    return t.finish(ifd0)


def with_long(data: bytes, tag: int, value: int) -> bytes:
    """A little-endian TIFF whose IFD0 LONG entry `tag` says `value` instead: a RAW that lies
    (a size it does not hold, raw data past its end)."""
    out = bytearray(data)
    ifd = struct.unpack_from("<I", out, 4)[0]
    for n in range(struct.unpack_from("<H", out, ifd)[0]):
        entry = ifd + 2 + 12 * n
        if struct.unpack_from("<HH", out, entry) == (tag, 4):
            struct.pack_into("<I", out, entry + 8, value)
            return bytes(out)
    raise ValueError(f"no LONG entry {tag:#06x} in IFD0")


def cr2(width: int = 320, height: int = 240, orientation: int = 1) -> bytes:
    """Canon CR2: "CR" after the TIFF header; IFD0 the full-size JPEG as one strip
    (Compression 6) with the orientation, IFD1 a small thumbnail, IFD3 the lossless raw."""
    t = Tiff("<", b"II*\x00", b"CR\x02\x00\x00\x00\x00\x00")
    ifd3 = t.ifd(_strip(t, LOSSLESS, 6, 0))
    ifd2 = t.ifd([(0x0103, 3, [1])], ifd3)
    ifd1 = t.ifd([(0x0103, 3, [6])] + _jpeg_entries(t, picture(80, 60)), ifd2)
    ifd0 = t.ifd(
        _strip(t, picture(width, height, orientation), 6, 0) + [(0x0112, 3, [orientation])], ifd1
    )
    return t.finish(ifd0)


def nef(width: int = 320, height: int = 240, orientation: int = 1) -> bytes:
    """Nikon NEF (big-endian): IFD0 a thumbnail and the orientation; SubIFD 0 the JpgFromRaw
    (JPEGInterchangeFormat), SubIFD 1 the raw data."""
    t = Tiff(">", b"MM\x00*")
    jpeg = t.ifd(
        [(0x00FE, 4, [1]), (0x0103, 3, [6])] + _jpeg_entries(t, picture(width, height, orientation))
    )
    raw = t.ifd(_strip(t, bytes(1024), 34713, 0))
    ifd0 = t.ifd(
        _strip(t, bytes(160 * 120 * 3), 1, 1)
        + [(0x0112, 3, [orientation]), (0x014A, 4, [jpeg, raw]), (0x010F, 2, b"NIKON\x00")]
    )
    return t.finish(ifd0)


def arw(width: int = 320, height: int = 240, orientation: int = 1) -> bytes:
    """Sony ARW: IFD0 the preview (JPEGInterchangeFormat) and orientation, a SubIFD the raw."""
    t = Tiff()
    raw = t.ifd(_strip(t, bytes(1024), 32767, 0))
    ifd0 = t.ifd(
        _jpeg_entries(t, picture(width, height, orientation))
        + [(0x0112, 3, [orientation]), (0x014A, 4, [raw])]
    )
    return t.finish(ifd0)


def pef(width: int = 320, height: int = 240, orientation: int = 1) -> bytes:
    """Pentax PEF: IFD0 the raw and orientation, IFD1 a thumbnail, IFD2 the preview."""
    t = Tiff(">", b"MM\x00*")
    ifd2 = t.ifd(_jpeg_entries(t, picture(width, height, orientation)))
    ifd1 = t.ifd(_jpeg_entries(t, picture(64, 48)), ifd2)
    ifd0 = t.ifd(_strip(t, bytes(1024), 65535, 0) + [(0x0112, 3, [orientation])], ifd1)
    return t.finish(ifd0)


def srw(width: int = 320, height: int = 240, orientation: int = 1) -> bytes:
    """Samsung SRW: IFD0 the preview and orientation, its SubIFD the raw data."""
    return arw(width, height, orientation)


def orf(width: int = 320, height: int = 240, orientation: int = 1) -> bytes:
    """Olympus ORF ("IIRO"): IFD0 the raw and orientation, IFD1 a small JPEG thumbnail; the
    large preview in the maker note of the EXIF IFD (see olympus_note)."""
    t = Tiff("<", b"IIRO")
    exif = t.ifd([(0x927C, 7, olympus_note(picture(width, height, orientation)))])
    ifd1 = t.ifd(_jpeg_entries(t, picture(64, 48)))
    ifd0 = t.ifd(
        _strip(t, bytes(1024), 1, 0) + [(0x0112, 3, [orientation]), (0x8769, 4, [exif])], ifd1
    )
    return t.finish(ifd0)


def olympus_note(jpeg: bytes) -> bytes:
    """ "OLYMPUS\\0II", version 3, then at 12 an IFD whose offsets count from the note's start:
    CameraSettings (0x2020) -> PreviewImageValid, PreviewImageStart, PreviewImageLength
    (0x0100-0x0102)."""
    settings = 12 + 2 + 12 + 4
    preview = settings + 2 + 3 * 12 + 4
    ifd = struct.pack("<HHHII", 1, 0x2020, 13, 1, settings) + struct.pack("<I", 0)
    entries = [(0x0100, 1), (0x0101, preview), (0x0102, len(jpeg))]
    camera = struct.pack("<H", 3) + b"".join(
        struct.pack("<HHII", tag, 4, 1, v) for tag, v in entries
    )
    return b"OLYMPUS\x00II\x03\x00" + ifd + camera + struct.pack("<I", 0) + jpeg


def rw2(width: int = 320, height: int = 240, orientation: int = 1) -> bytes:
    """Panasonic RW2 ("IIU\\0"): IFD0 holds JpgFromRaw (0x002E), a JPEG with its own EXIF
    orientation, as the camera writes it."""
    t = Tiff("<", b"IIU\x00")
    ifd0 = t.ifd(
        [(0x002E, 7, picture(width, height, orientation, exif=True)), (0x0112, 3, [orientation])]
    )
    return t.finish(ifd0)


def raf(width: int = 320, height: int = 240, orientation: int = 1) -> bytes:
    """Fujifilm RAF: the header's magic, version and camera, the JPEG's offset and length at
    84 and 88 (big-endian); the JPEG carries the EXIF, orientation included."""
    jpeg = picture(width, height, orientation, exif=True)
    header = b"FUJIFILMCCD-RAW 0201FF383501" + b"X-T30".ljust(32, b"\x00") + b"0100" + bytes(20)
    header = header.ljust(84, b"\x00")
    offset = 160
    header += struct.pack(">II", offset, len(jpeg)) + struct.pack(">II", offset + len(jpeg), 1024)
    return header.ljust(offset, b"\x00") + jpeg + bytes(1024)


def _box(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", 8 + len(body)) + kind + body


def cr3(width: int = 320, height: int = 240, orientation: int = 1) -> bytes:
    """Canon CR3 (ISO-BMFF): moov holds the Canon uuid (CMT1: a TIFF IFD0 with the
    orientation) and the first trak, whose one sample is the full-size JPEG in mdat; a top-level
    uuid holds PRVW, a smaller preview."""
    t = Tiff()
    cmt1 = t.finish(t.ifd([(0x0112, 3, [orientation]), (0x010F, 2, b"Canon\x00")]))
    canon = _box(b"uuid", bytes.fromhex("85c0b687820f11e08111f4ce462b6a48") + _box(b"CMT1", cmt1))
    full = picture(width, height, orientation)
    small = picture(width // 2, height // 2, orientation)
    prvw = _box(
        b"PRVW", struct.pack(">IHHHHI", 0, 1, width // 2, height // 2, 1, len(small)) + small
    )
    preview = _box(b"uuid", bytes.fromhex("eaf42b5e1c984b88b9fbb7dc406e4d16") + bytes(8) + prvw)
    ftyp = _box(b"ftyp", b"crx \x00\x00\x00\x01crx isom")

    def moov(offset: int) -> bytes:
        stsz = _box(b"stsz", struct.pack(">IIII", 0, 0, 1, len(full)))
        co64 = _box(b"co64", struct.pack(">IIQ", 0, 1, offset))
        stbl = _box(b"stbl", _box(b"stsd", bytes(16)) + stsz + co64)
        trak = _box(b"trak", _box(b"tkhd", bytes(84)) + _box(b"mdia", _box(b"minf", stbl)))
        return _box(b"moov", _box(b"mvhd", bytes(100)) + canon + trak + trak)

    head = len(ftyp) + len(moov(0)) + len(preview) + 8  # the JPEG opens mdat
    return ftyp + moov(head) + preview + _box(b"mdat", full + LOSSLESS)


MAKERS = {
    ".dng": dng,
    ".cr2": cr2,
    ".cr3": cr3,
    ".nef": nef,
    ".arw": arw,
    ".raf": raf,
    ".orf": orf,
    ".rw2": rw2,
    ".pef": pef,
    ".srw": srw,
}
