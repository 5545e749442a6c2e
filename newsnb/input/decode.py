"""Bytes to text: refuse binary data, then decode.

Decoding: UTF-8 (BOM allowed), UTF-16/32 with BOM, BOM-less UTF-16 (every other byte NUL),
otherwise UTF-8 with each invalid byte read as cp1252 (so cp1252, latin-1 and UTF-8 with stray
cp1252 bytes all decode). Binary files (known magic numbers, NUL bytes, control characters) raise
:class:`~newsnb.input.article.ArticleError`.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from .article import ArticleError

__all__ = ["decode", "binary_kind"]


_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF (WebP/WAV/AVI) file"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ", None),  # checked with the NUL test below (MZ is also a word)
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x00\x00\x01\x00", "an icon"),
    (b"ID3", "an MP3 file"),
)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def binary_kind(raw: bytes) -> str | None:
    """What binary format ``raw`` is, or None for text."""
    for magic, kind in _MAGIC:
        if kind and raw.startswith(magic):
            return kind
    if b"\x00" in raw[:8192]:
        return "contains NUL bytes"
    return None


def _bomless_utf16(raw: bytes) -> str | None:
    """``utf-16-le``/``-be`` when ``raw`` looks like mostly-ASCII UTF-16 text without a BOM."""
    sample = raw[:8192]
    if len(sample) < 4 or len(raw) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    share = lambda b: b.count(0) / len(b)  # noqa: E731
    if share(odd) > 0.7 and share(even) < 0.05:
        return "utf-16-le"
    if share(even) > 0.7 and share(odd) < 0.05:
        return "utf-16-be"
    return None


def _utf8_or_cp1252(err: UnicodeError):
    """Decoding error handler: an invalid UTF-8 byte is read as cp1252 (latin-1 if undefined)."""
    bad = err.object[err.start:err.end]
    try:
        return bad.decode("cp1252"), err.end
    except UnicodeDecodeError:
        return bad.decode("latin-1"), err.end


codecs.register_error("newsnb-cp1252", _utf8_or_cp1252)


def decode(raw: bytes, path: Path | str | None = None) -> str:
    """Decode article bytes to text; raises :class:`ArticleError` for binary data.

    UTF-8 (BOM allowed), UTF-32/UTF-16 with BOM (and UTF-16 without BOM when every other byte
    is NUL); otherwise UTF-8 with every invalid byte read as
    cp1252 (latin-1 for the five bytes cp1252 leaves undefined), which decodes cp1252 and
    latin-1 files and UTF-8 files with stray cp1252 bytes. A leading BOM is dropped. Line endings
    are kept as they are, so offsets are offsets into the file's decoded text.
    """
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError as exc:
                raise ArticleError(path, f"not valid {codec.upper()} text ({exc.reason})") from None
            break
    else:
        kind = binary_kind(raw)
        if kind == "contains NUL bytes" and (codec := _bomless_utf16(raw)):
            try:
                return decode(raw.decode(codec).encode("utf-8"), path)
            except UnicodeDecodeError:
                pass
        if kind:
            raise ArticleError(path, f"binary file ({kind}), not article text")
        text = raw.decode("utf-8-sig", errors="newsnb-cp1252")
    text = text.lstrip("\ufeff")
    sample = text[:100_000]
    if sample and len(_CONTROL.findall(sample)) > max(2, len(sample) // 100):
        raise ArticleError(path, "binary file (many control characters), not article text")
    return text
