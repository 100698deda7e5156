"""Pictures are checked with the standard library: a PNG or JPEG that would not draw is a validation error."""

from __future__ import annotations

import base64
import struct
import zlib
from pathlib import Path

import pytest

from cramp_coach.schema.images import MAX_PIXELS, image_problem, jpeg_problem, png_problem, svg_problem
from cramp_coach.schema.loader import parse_text

# An 8 × 8 orange JPEG as Qt saves it (baseline, quality 50).
TINY_JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQEAYABgAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19i"
    "Z2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2Nj"
    "Y2NjY2NjY2P/wAARCAAIAAgDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUF"
    "BAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVW"
    "V1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi"
    "4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAEC"
    "AxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVm"
    "Z2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq"
    "8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDXooor5E9s/9k="
)


def chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png(
    width: int = 4, height: int = 3, *, colour: int = 2, depth: int = 8, interlace: int = 0, rows: bytes | None = None
) -> bytes:
    """A real PNG built by hand: filter byte 0, then the pixels of every row."""
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[colour]
    row = bytes([0]) + bytes([7]) * ((width * channels * depth + 7) // 8)
    raw = rows if rows is not None else row * height
    if interlace:
        raw = rows if rows is not None else b""
    header = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, interlace)
    palette = chunk(b"PLTE", bytes(range(12))) if colour == 3 else b""
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + palette
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def test_well_formed_pictures_pass() -> None:
    assert png_problem(png()) is None
    assert png_problem(png(colour=6)) is None
    assert png_problem(png(colour=0, depth=1, width=9)) is None
    assert png_problem(png(colour=3)) is None
    assert jpeg_problem(TINY_JPEG) is None
    assert svg_problem(b'<svg xmlns="http://www.w3.org/2000/svg"/>') is None


def test_an_interlaced_png_is_measured_pass_by_pass() -> None:
    # 3 × 3 RGB in Adam7: passes 1, 4, 5, 6 (two rows) and 7 hold pixels; 2 and 3 are empty.
    rows = b"".join(
        bytes([0]) + bytes(3 * width) for width in (1, 1, 2, 1, 1, 3)
    )  # rows of the passes that hold pixels
    assert png_problem(png(3, 3, interlace=1, rows=rows)) is None
    assert png_problem(png(3, 3, interlace=1, rows=rows[:-1])) == "a damaged PNG picture (its pixel data is cut short)"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (png()[:-12], "it is cut short"),  # no IEND
        (png()[:30], "it is cut short"),
        (png(rows=b"\x07" + bytes(12) * 3), "its pixel data is corrupt (a row has an unknown filter)"),
        (png(rows=bytes(13) * 2), "its pixel data is cut short"),
        (png(colour=2, depth=4), "bit depth 4 with colour type 2"),
        (png(colour=3).replace(chunk(b"PLTE", bytes(range(12))), b""), "its palette is missing"),
        (png(width=0), "its size is 0 × 3"),
        (png(width=MAX_PIXELS, height=2, rows=b""), f"{MAX_PIXELS} × 2 pixels, more than 25 million"),
    ],
)
def test_a_damaged_png_is_named(data: bytes, reason: str) -> None:
    assert png_problem(data) == f"a damaged PNG picture ({reason})"


def test_a_png_with_a_wrong_checksum_is_refused() -> None:
    data = bytearray(png())
    data[-20] ^= 0xFF  # inside the IDAT checksum or data
    assert png_problem(bytes(data)) is not None


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (TINY_JPEG[:-2], "it is cut short"),
        (TINY_JPEG[:200], "it is cut short"),
        (
            TINY_JPEG.replace(b"\xff\xc0", b"\xff\xc3", 1),
            "a kind of JPEG (SOF3) that is not supported; save it as a standard JPEG",
        ),
        (TINY_JPEG.replace(b"\xff\xdb", b"\xff\xfe", 2), "a quantisation table is missing"),
        (TINY_JPEG.replace(b"\xff\xc4", b"\xff\xfe", 4), "a Huffman table is missing"),
        (TINY_JPEG.replace(b"\xff\xc0\x00\x11\x08\x00\x08", b"\xff\xc0\x00\x11\x08\x00\x00", 1), "its size is 8 × 0"),
    ],
)
def test_a_damaged_jpeg_is_named(data: bytes, reason: str) -> None:
    assert jpeg_problem(data) == f"a damaged or unsupported JPEG picture ({reason})"


def test_svg_must_be_utf8_xml_with_an_svg_root() -> None:
    assert (
        svg_problem("<svg><title>café</title></svg>".encode("latin-1"))
        == "an SVG picture that is not UTF-8 text (byte 15)"
    )
    assert svg_problem(b"<svg><g></svg>") == "an SVG picture that is not well-formed XML (line 1, column 11)"
    assert svg_problem(b"<html/>") == "an XML file that is not an SVG picture"


def test_the_suffix_does_not_decide_the_format(tmp_path: Path) -> None:
    photo = tmp_path / "photo.png"
    photo.write_bytes(TINY_JPEG)  # a JPEG saved with the wrong name still draws
    assert image_problem(photo) is None
    photo.write_bytes(b"GIF89a...")
    assert image_problem(photo) == "a file that is neither a PNG nor a JPEG picture"
    photo.write_bytes(b"x" * (8 * 1024 * 1024 + 1))
    assert image_problem(photo) == "a picture of 8192 KiB (at most 8192 KiB)"


ROUTINE = """\
schema_version: 1
kind: routine
title: Jane
summary: For Jane.
steps:
  - exercise:
      id: own-stretch
      name: Own stretch
      position: sitting
      steps: [Sit.]
      cue: Sit.
      dose: {hold_seconds: 10}
      evidence: common_practice
      sources: [Her physiotherapist]
      illustration: images/photo.jpg
"""


def test_the_validator_reports_a_picture_that_would_not_draw(tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    photo = tmp_path / "images" / "photo.jpg"
    photo.write_bytes(TINY_JPEG)
    assert parse_text(ROUTINE, "jane.yaml", base_dir=tmp_path).ok
    photo.write_bytes(TINY_JPEG[:300])
    parsed = parse_text(ROUTINE, "jane.yaml", base_dir=tmp_path)
    assert [str(issue) for issue in parsed.issues] == [
        "jane.yaml:15:21: steps[0].exercise.illustration: expected a PNG, JPEG or SVG picture that can be shown, "
        "found a damaged or unsupported JPEG picture (it is cut short)"
    ]
