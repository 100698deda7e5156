"""Check that a picture will draw, with the standard library only (no Qt in the validator).

The app draws illustrations with Qt, the handout prints them with Qt, and a picture
that Qt cannot decode would simply stay blank, which at 3 a.m. looks like a bug in the
instructions. So the validator reads every picture a file names and reports one that
would not draw: :func:`image_problem` walks the structure of the file as the decoders do.

* **PNG**: the signature, every chunk's length and CRC, a sane ``IHDR`` (size, bit depth
  and colour type that go together), a palette where one is needed, the compressed
  pixel data inflated as a stream (never held whole) to the exact size the header
  promises with a valid filter byte at the start of every row, and ``IEND``.
* **JPEG**: start and end markers, every segment's length, a frame header of a kind
  Qt decodes (baseline, extended or progressive) with a sane size, quantisation tables,
  and scans whose data runs up to the next marker.
* **SVG**: UTF-8 XML whose root element is ``<svg>``.

Pictures are limited to :data:`MAX_IMAGE_BYTES` on disk and :data:`MAX_PIXELS` pixels,
so one cannot exhaust memory when it is drawn.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from xml.etree import ElementTree

MAX_IMAGE_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 25_000_000  # 5000 × 5000: far more than a screen or a printed page needs

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_START = b"\xff\xd8"

# PNG colour type -> (channels, allowed bit depths)
_PNG_COLOURS = {0: (1, (1, 2, 4, 8, 16)), 2: (3, (8, 16)), 3: (1, (1, 2, 4, 8)), 4: (2, (8, 16)), 6: (4, (8, 16))}
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))
_JPEG_FRAMES = {0xC0, 0xC1, 0xC2}  # baseline, extended sequential, progressive (Huffman)
_JPEG_OTHER_FRAMES = {0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
_JPEG_STANDALONE = {0x01, *range(0xD0, 0xD8)}


def image_problem(path: Path) -> str | None:
    """Why the picture at ``path`` would not draw, as the end of "found …"; ``None`` if it will.

    The answer is remembered while the file's size and modification time stay the same:
    the editor checks the text it edits many times a minute.
    """
    try:
        info = path.stat()
    except OSError as error:
        return f"a picture that could not be read ({error.strerror or error})"
    if info.st_size > MAX_IMAGE_BYTES:
        return f"a picture of {info.st_size // 1024} KiB (at most {MAX_IMAGE_BYTES // 1024} KiB)"
    return _problem_of(str(path), info.st_size, info.st_mtime_ns)


@lru_cache(maxsize=256)
def _problem_of(path: str, _size: int, _mtime_ns: int) -> str | None:
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        return f"a picture that could not be read ({error.strerror or error})"
    if len(data) > MAX_IMAGE_BYTES:
        return f"a picture of {len(data) // 1024} KiB (at most {MAX_IMAGE_BYTES // 1024} KiB)"
    if data.startswith(PNG_SIGNATURE):
        return png_problem(data)
    if data.startswith(JPEG_START):
        return jpeg_problem(data)
    if path.lower().endswith(".svg"):
        return svg_problem(data)
    return "a file that is neither a PNG nor a JPEG picture"


# --- PNG -----------------------------------------------------------------------------


class _BrokenError(Exception):
    """Carries the description of what is wrong (the end of "found …")."""


def png_problem(data: bytes) -> str | None:
    if not data.startswith(PNG_SIGNATURE):
        return "a file that is not a PNG picture"
    try:
        _check_png(data)
    except _BrokenError as broken:
        return f"a damaged PNG picture ({broken})"
    return None


def _chunks(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    offset = len(PNG_SIGNATURE)
    while True:
        if offset + 12 > len(data):
            raise _BrokenError("it is cut short")
        length, kind = struct.unpack(">I4s", data[offset : offset + 8])
        if length > 2**31 - 1 or offset + 12 + length > len(data):
            raise _BrokenError("it is cut short")
        body = data[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", data[offset + 8 + length : offset + 12 + length])
        if not kind.isalpha():
            raise _BrokenError("a chunk has no valid name")
        if zlib.crc32(kind + body) != crc:
            raise _BrokenError(f"the {kind.decode('ascii')} chunk fails its checksum")
        yield kind, body
        offset += 12 + length
        if kind == b"IEND":
            return


def _check_png(data: bytes) -> None:
    chunks = _chunks(data)
    kind, header = next(chunks)
    if kind != b"IHDR" or len(header) != 13:
        raise _BrokenError("it does not start with its header")
    width, height, depth, colour, compression, filtering, interlace = struct.unpack(">IIBBBBB", header)
    if not (0 < width < 2**31 and 0 < height < 2**31):
        raise _BrokenError(f"its size is {width} × {height}")
    if width * height > MAX_PIXELS:
        raise _BrokenError(f"{width} × {height} pixels, more than {MAX_PIXELS // 1_000_000} million")
    if colour not in _PNG_COLOURS or depth not in _PNG_COLOURS[colour][1]:
        raise _BrokenError(f"bit depth {depth} with colour type {colour}")
    if compression != 0 or filtering != 0 or interlace not in (0, 1):
        raise _BrokenError("an unknown compression, filter or interlace method")
    bits = _PNG_COLOURS[colour][0] * depth
    rows = _png_rows(width, height, bits, interlace == 1)
    inflater = zlib.decompressobj()
    expected = sum(length for length in rows)
    reader = _RowReader(rows)
    palette = False
    seen_data = False
    for kind, body in chunks:
        if kind == b"PLTE":
            palette = True
        elif kind == b"IDAT":
            if colour == 3 and not palette:
                raise _BrokenError("its palette is missing")
            seen_data = True
            try:
                reader.feed(inflater.decompress(body, max(0, expected + 1 - reader.read)))
                while inflater.unconsumed_tail and reader.read <= expected:
                    reader.feed(inflater.decompress(inflater.unconsumed_tail, expected + 1 - reader.read))
            except zlib.error:
                raise _BrokenError("its pixel data is corrupt") from None
        elif kind != b"IEND" and not kind[0:1].islower():  # an unknown critical chunk: decoders refuse it
            raise _BrokenError(f"an unknown {kind.decode('ascii')} chunk")
    if not seen_data:
        raise _BrokenError("it holds no pixel data")
    try:
        reader.feed(inflater.flush())
    except zlib.error:
        raise _BrokenError("its pixel data is corrupt") from None
    if reader.read < expected:
        raise _BrokenError("its pixel data is cut short")


def _png_rows(width: int, height: int, bits: int, interlaced: bool) -> list[int]:
    """The length of every filtered row (filter byte included), in file order."""

    def row(pixels: int) -> int:
        return 1 + (pixels * bits + 7) // 8

    if not interlaced:
        return [row(width)] * height
    rows: list[int] = []
    for x0, y0, dx, dy in _ADAM7:
        pass_width = (width - x0 + dx - 1) // dx if width > x0 else 0
        pass_height = (height - y0 + dy - 1) // dy if height > y0 else 0
        if pass_width and pass_height:
            rows += [row(pass_width)] * pass_height
    return rows


class _RowReader:
    """Counts inflated bytes and checks the filter byte (0–4) at the start of every row."""

    def __init__(self, rows: list[int]) -> None:
        self._rows = rows
        self._index = 0
        self._next_start = 0
        self.read = 0

    def feed(self, chunk: bytes) -> None:
        end = self.read + len(chunk)
        while self._index < len(self._rows) and self._next_start < end:
            if chunk[self._next_start - self.read] > 4:
                raise _BrokenError("its pixel data is corrupt (a row has an unknown filter)")
            self._next_start += self._rows[self._index]
            self._index += 1
        self.read = end


# --- JPEG ----------------------------------------------------------------------------


def jpeg_problem(data: bytes) -> str | None:
    if not data.startswith(JPEG_START):
        return "a file that is not a JPEG picture"
    try:
        _check_jpeg(data)
    except _BrokenError as broken:
        return f"a damaged or unsupported JPEG picture ({broken})"
    return None


_JPEG_KNOWN = {0xC4, 0xCC, 0xDB, 0xDC, 0xDD, 0xFE, *range(0xE0, 0xF0)}  # tables, restarts, notes, APPn


@dataclass
class _Jpeg:
    """What the headers read so far have defined."""

    progressive: bool = False
    components: dict[int, int] = field(default_factory=dict)  # component id -> quantisation table
    quantisation: set[int] = field(default_factory=set)
    huffman: set[tuple[int, int]] = field(default_factory=set)  # (0 DC / 1 AC, table)
    scans: int = 0


def _check_jpeg(data: bytes) -> None:
    """Walk the markers as libjpeg does, refusing what it refuses (an error, not a warning)."""
    offset = 2
    state = _Jpeg()
    frame = False
    while True:
        if offset >= len(data) or data[offset] != 0xFF:
            raise _BrokenError("it is cut short" if offset >= len(data) else "a marker is missing")
        while offset < len(data) and data[offset] == 0xFF:  # fill bytes before a marker
            offset += 1
        if offset >= len(data):
            raise _BrokenError("it is cut short")
        marker = data[offset]
        offset += 1
        if marker == 0xD9:
            if not state.scans:
                raise _BrokenError("it ends before its picture data")
            return
        if marker in _JPEG_STANDALONE:
            continue
        if marker in _JPEG_OTHER_FRAMES or marker == 0xC8:
            raise _BrokenError(f"a kind of JPEG (SOF{marker - 0xC0}) that is not supported; save it as a standard JPEG")
        if marker not in _JPEG_FRAMES and marker != 0xDA and marker not in _JPEG_KNOWN:
            raise _BrokenError(f"an unknown marker 0x{marker:02x}")
        if offset + 2 > len(data):
            raise _BrokenError("it is cut short")
        (length,) = struct.unpack(">H", data[offset : offset + 2])
        if length < 2 or offset + length > len(data):
            raise _BrokenError("it is cut short")
        segment = data[offset + 2 : offset + length]
        offset += length
        if marker in _JPEG_FRAMES:
            if frame:
                raise _BrokenError("it has two frame headers")
            _check_frame(segment, state)
            state.progressive = marker == 0xC2
            frame = True
        elif marker == 0xDB:
            _read_quantisation(segment, state)
        elif marker == 0xC4:
            _read_huffman(segment, state)
        elif marker == 0xDD and length != 4:
            raise _BrokenError("a restart header is malformed")
        elif marker == 0xDA:
            if not frame:
                raise _BrokenError("its picture data comes before its header")
            _check_scan(segment, state)
            state.scans += 1
            offset = _end_of_scan(data, offset)


def _check_frame(segment: bytes, state: _Jpeg) -> None:
    if len(segment) < 6:
        raise _BrokenError("its header is malformed")
    precision, height, width, components = struct.unpack(">BHHB", segment[:6])
    if precision != 8 or components not in (1, 3, 4) or len(segment) != 6 + 3 * components:
        raise _BrokenError("its header is malformed")
    if width == 0 or height == 0:
        raise _BrokenError(f"its size is {width} × {height}")
    if width * height > MAX_PIXELS:
        raise _BrokenError(f"{width} × {height} pixels, more than {MAX_PIXELS // 1_000_000} million")
    for index in range(components):
        identifier, sampling, table = segment[6 + 3 * index : 9 + 3 * index]
        if not (1 <= sampling >> 4 <= 4 and 1 <= sampling & 15 <= 4) or table > 3:
            raise _BrokenError("its header is malformed")
        state.components[identifier] = table


def _read_quantisation(segment: bytes, state: _Jpeg) -> None:
    offset = 0
    while offset < len(segment):
        precision, table = segment[offset] >> 4, segment[offset] & 15
        size = 64 if precision == 0 else 128
        if table > 3 or precision > 1 or offset + 1 + size > len(segment):
            raise _BrokenError("a quantisation table is malformed")
        state.quantisation.add(table)
        offset += 1 + size


def _read_huffman(segment: bytes, state: _Jpeg) -> None:
    offset = 0
    while offset < len(segment):
        if offset + 17 > len(segment):
            raise _BrokenError("a Huffman table is malformed")
        kind, table = segment[offset] >> 4, segment[offset] & 15
        counts = segment[offset + 1 : offset + 17]
        total = sum(counts)
        symbols = segment[offset + 17 : offset + 17 + total]
        if kind > 1 or table > 3 or total > 256 or len(symbols) != total:
            raise _BrokenError("a Huffman table is malformed")
        code = 0
        for bits, count in enumerate(counts, start=1):  # canonical codes must fit their lengths
            code += count
            if code > 1 << bits:
                raise _BrokenError("a Huffman table is malformed")
            code <<= 1
        if kind == 0 and any(symbol > 15 for symbol in symbols):
            raise _BrokenError("a Huffman table is malformed")
        state.huffman.add((kind, table))
        offset += 17 + total


def _check_scan(segment: bytes, state: _Jpeg) -> None:
    count = segment[0] if segment else 0
    if not 1 <= count <= 4 or len(segment) != 4 + 2 * count:
        raise _BrokenError("a scan header is malformed")
    start, end, approximation = segment[1 + 2 * count], segment[2 + 2 * count], segment[3 + 2 * count]
    high, low = approximation >> 4, approximation & 15
    if state.progressive:
        dc = start == 0
        bad = (dc and end != 0) or (not dc and (start > end or end > 63 or count != 1))
        bad = bad or (high != 0 and low != high - 1) or low > 13
    else:
        dc = True
        bad = start != 0 or end != 63 or approximation != 0
    if bad:
        raise _BrokenError("a scan header is malformed")
    for index in range(count):
        identifier, tables = segment[1 + 2 * index], segment[2 + 2 * index]
        if identifier not in state.components:
            raise _BrokenError("a scan names a colour component the picture does not have")
        if state.components[identifier] not in state.quantisation:
            raise _BrokenError("a quantisation table is missing")
        needed = []
        if dc and high == 0:
            needed.append((0, tables >> 4))
        if not state.progressive or not dc:
            needed.append((1, tables & 15))
        if any(table not in state.huffman for table in needed):
            raise _BrokenError("a Huffman table is missing")


def _end_of_scan(data: bytes, offset: int) -> int:
    """Where the marker after a scan's entropy-coded data starts."""
    while True:
        found = data.find(b"\xff", offset)
        if found < 0 or found + 1 >= len(data):
            raise _BrokenError("it is cut short")
        following = data[found + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:  # a stuffed 0xFF or a restart marker
            offset = found + 2
        elif following == 0xFF:
            offset = found + 1
        else:
            return found


# --- SVG -----------------------------------------------------------------------------


def svg_problem(data: bytes) -> str | None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return f"an SVG picture that is not UTF-8 text (byte {error.start})"
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        line, column = error.position
        return f"an SVG picture that is not well-formed XML (line {line}, column {column + 1})"
    if root.tag.rsplit("}", 1)[-1] != "svg":
        return "an XML file that is not an SVG picture"
    return None
