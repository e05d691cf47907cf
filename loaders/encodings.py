"""Decoding a text file whatever its encoding, and saying which one was used.

UN INFO exports are UTF-8; re-saved by Excel on Windows they become the
"ANSI" code page (Windows-1252 in Western locales), sometimes with a BOM
either way. UTF-8 is tried first, strictly; otherwise charset-normalizer
ranks the candidates. Single-byte Western code pages decode Latin text
identically but for a few letters, so it often ranks several equal; among
those, Windows-1252 wins, as the code page Excel writes.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

PREFERRED = "cp1252"
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


class UndecodableError(ValueError):
    """No encoding reads the bytes; says where the first bad byte is, and what was tried."""

    def __init__(self, raw: bytes, offset: int, tried: list[str]) -> None:
        self.offset = offset
        self.line = raw[:offset].count(b"\n") + 1
        super().__init__(
            f"cannot decode the file: byte {offset} (0x{raw[offset]:02x}) is not text in "
            f"{' or '.join(tried)}, and no other encoding reads the whole file"
        )


# A NUL never occurs in a text export, nor, in a guessed single-byte
# decoding, other control characters than tab and line ends: such a decoding
# has read binary data as text.
_NUL = re.compile("\x00")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode(raw: bytes) -> Decoded:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _strict(raw, encoding, [encoding])
    try:
        return _text(raw, raw.decode("utf-8"), "utf-8", ["utf-8"])
    except UnicodeDecodeError as e:
        first_bad = e.start
    best = _best_guess(raw)
    decoded = raw.decode(best, errors="replace") if best else ""
    if best is None or _CONTROL.search(decoded):
        raise UndecodableError(raw, first_bad, ["utf-8", *([best] if best else [])])
    return _strict(raw, best, ["utf-8", best])


def _strict(raw: bytes, encoding: str, tried: list[str]) -> Decoded:
    try:
        return _text(raw, raw.decode(encoding), encoding, tried)
    except UnicodeDecodeError as e:
        raise UndecodableError(raw, e.start, tried) from e


def _text(raw: bytes, text: str, encoding: str, tried: list[str]) -> Decoded:
    nul = _NUL.search(text)
    if nul:  # the offset counts any BOM, as encoding the prefix again writes it
        raise UndecodableError(raw, len(text[: nul.start()].encode(encoding)), tried)
    return Decoded(text, encoding)


def _best_guess(raw: bytes) -> str | None:
    matches = list(from_bytes(raw))
    if not matches:
        return None
    top = (matches[0].chaos, matches[0].coherence)
    tied = [m for m in matches if (m.chaos, m.coherence) == top]
    equivalent = {name for m in tied for name in m.could_be_from_charset}
    return PREFERRED if PREFERRED in equivalent else str(matches[0].encoding)
