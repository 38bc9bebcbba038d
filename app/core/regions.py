"""Indonesian administrative region codes (Kepmendagri 300.2.2-2138/2025): names, levels, hierarchy.

Letterheads, the SKTM and scope checks need "which village is 53.02.03.2002, and in which kecamatan,
kabupaten and provinsi". The whole table (91,599 codes) ships gzipped in `resources/regions/` and is
loaded once, lazily, on first use (about 0.1 s); everything after that is a dictionary lookup.

Codes are dotted: `PP` provinsi, `PP.KK` kabupaten (KK 01-69) or kota (71-99), `PP.KK.CC` kecamatan,
`PP.KK.CC.XDDD` desa/kelurahan with X = 1 kelurahan, 2 desa, 3 desa adat. Every public method takes
a code in any form `normalise` accepts (undotted, or the NIK's six-digit kecamatan prefix) and
answers None / False / empty for a code that is malformed or not in the table.
"""

from __future__ import annotations

import csv
import gzip
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from app.core.resources import resource_path

__all__ = ["Level", "Region", "RegionIndex", "normalise", "region_index", "structural_level"]

DATA_FILE = resource_path("regions", "wilayah_kepmendagri_2025.csv.gz")


class Level(StrEnum):
    PROVINSI = "provinsi"
    KABUPATEN = "kabupaten"
    KOTA = "kota"
    KECAMATAN = "kecamatan"
    KELURAHAN = "kelurahan"
    DESA = "desa"
    DESA_ADAT = "desa_adat"

    @property
    def depth(self) -> int:
        """1 provinsi, 2 kabupaten/kota, 3 kecamatan, 4 desa/kelurahan."""
        return _DEPTH[self]

    @property
    def is_village(self) -> bool:
        """True for the lowest tier (desa, kelurahan, desa adat): the sync scope."""
        return _DEPTH[self] == 4


_DEPTH = {
    Level.PROVINSI: 1,
    Level.KABUPATEN: 2,
    Level.KOTA: 2,
    Level.KECAMATAN: 3,
    Level.KELURAHAN: 4,
    Level.DESA: 4,
    Level.DESA_ADAT: 4,
}
_VILLAGE_KIND = {"1": Level.KELURAHAN, "2": Level.DESA, "3": Level.DESA_ADAT}
_SEGMENT_WIDTHS = (2, 2, 2, 4)
_UNDOTTED_WIDTHS = {2: 1, 4: 2, 6: 3, 10: 4}  # digits -> number of segments
_SEPARATORS = re.compile(r"\s*[.\-/]\s*|\s+")


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str
    level: Level

    @property
    def parent_code(self) -> str | None:
        head, dot, _ = self.code.rpartition(".")
        return head if dot else None


def normalise(code: str) -> str | None:
    """The dotted form of a region code, or None if it is not shaped like one.

    Accepts "53.02.03.2002", "5302032002", "53 02 03 2002", "530203" (a NIK's prefix) and the
    like. Only the shape is checked; use `RegionIndex.exists` for membership.
    """
    text = code.strip()
    if not text:
        return None
    if text.isdigit():
        count = _UNDOTTED_WIDTHS.get(len(text))
        if count is None:
            return None
        segments: list[str] = []
        start = 0
        for width in _SEGMENT_WIDTHS[:count]:
            segments.append(text[start : start + width])
            start += width
    else:
        segments = _SEPARATORS.split(text)
        if len(segments) > 4 or not all(s.isdigit() and s.isascii() for s in segments):
            return None
        if any(len(s) != w for s, w in zip(segments, _SEGMENT_WIDTHS, strict=False)):
            return None
    if not text.isascii():
        return None
    return ".".join(segments)


def structural_level(code: str) -> Level | None:
    """The level a well-formed code would have, whether or not it exists (None if malformed)."""
    dotted = normalise(code)
    return None if dotted is None else _dotted_level(dotted)


def _dotted_level(dotted: str) -> Level | None:
    segments = dotted.split(".")
    if len(segments) == 1:
        return Level.PROVINSI
    if len(segments) == 2:
        kk = int(segments[1])
        if 1 <= kk <= 69:
            return Level.KABUPATEN
        if 71 <= kk <= 99:
            return Level.KOTA
        return None
    if len(segments) == 3:
        return Level.KECAMATAN
    return _VILLAGE_KIND.get(segments[3][0])


def _fold(text: str) -> str:
    """Case- and spacing-insensitive form used by `search`."""
    return " ".join(text.casefold().split())


class RegionIndex:
    """All region codes in memory. Get the shared one with `region_index()`."""

    def __init__(self, names: dict[str, str]) -> None:
        self._names = names
        self._lock = threading.Lock()
        self._children: dict[str, list[str]] | None = None
        self._folded: list[tuple[str, str]] | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> RegionIndex:
        """Read a gzipped (or plain) `kode,nama` CSV; the shipped Kepmendagri table by default."""
        source = path or DATA_FILE
        raw = source.read_bytes()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        return cls(_parse(raw.decode("utf-8-sig")))

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and self.exists(code)

    def codes(self) -> Iterable[str]:
        return self._names.keys()

    def _known(self, code: str) -> str | None:
        dotted = normalise(code)
        return dotted if dotted is not None and dotted in self._names else None

    def exists(self, code: str) -> bool:
        return self._known(code) is not None

    def name(self, code: str) -> str | None:
        dotted = self._known(code)
        return None if dotted is None else self._names[dotted]

    def level(self, code: str) -> Level | None:
        dotted = self._known(code)
        return None if dotted is None else _dotted_level(dotted)

    def get(self, code: str) -> Region | None:
        dotted = self._known(code)
        if dotted is None:
            return None
        level = _dotted_level(dotted)
        if level is None:  # a listed code with an unexpected shape: treat as unknown, never guess
            return None
        return Region(dotted, self._names[dotted], level)

    def parent(self, code: str) -> str | None:
        """The parent's dotted code (None for a provinsi or an unknown code)."""
        dotted = self._known(code)
        if dotted is None:
            return None
        head, dot, _ = dotted.rpartition(".")
        return head if dot and head in self._names else None

    def chain(self, code: str) -> list[Region]:
        """Provinsi -> kabupaten/kota -> kecamatan -> desa/kelurahan down to `code` (empty if unknown).

        `[r.name for r in index.chain("53.02.03.2002")]` gives the letterhead lines.
        """
        dotted = self._known(code)
        if dotted is None:
            return []
        segments = dotted.split(".")
        out: list[Region] = []
        for end in range(1, len(segments) + 1):
            region = self.get(".".join(segments[:end]))
            if region is None:
                return []
            out.append(region)
        return out

    def children(self, code: str | None = None) -> list[Region]:
        """Direct children sorted by code; `children()` or `children(None)` gives the provinces."""
        if code is None:
            key = ""
        else:
            dotted = self._known(code)
            if dotted is None:
                return []
            key = dotted
        found = self._children_map().get(key, [])
        return [r for r in (self.get(c) for c in found) if r is not None]

    def count(self, level: Level) -> int:
        return sum(1 for c in self._names if _dotted_level(c) is level)

    def search(
        self,
        text: str,
        *,
        levels: Iterable[Level] | None = None,
        within: str | None = None,
        limit: int = 20,
    ) -> list[Region]:
        """Regions whose name contains `text` (case-insensitive), best first.

        Ranking: exact name, then name starting with `text`, then a word starting with it, then any
        substring; ties go to the higher tier, then by code. A code typed in (any form) matches
        itself first. `levels` filters by level, `within` restricts to descendants of a code.
        """
        query = _fold(text)
        if not query or limit <= 0:
            return []
        wanted = set(levels) if levels is not None else None
        prefix = ""
        if within is not None:
            scope = self._known(within)
            if scope is None:
                return []
            prefix = scope + "."

        def keep(code: str) -> Region | None:
            if prefix and not code.startswith(prefix):
                return None
            region = self.get(code)
            if region is None or (wanted is not None and region.level not in wanted):
                return None
            return region

        ranked: list[tuple[int, int, str, Region]] = []
        as_code = self._known(text)
        if as_code is not None:
            region = keep(as_code)
            if region is not None:
                ranked.append((-1, 0, as_code, region))
        word_query = " " + query
        for code, folded in self._folded_names():
            if query not in folded or code == as_code:
                continue
            if folded == query:
                rank = 0
            elif folded.startswith(query):
                rank = 1
            elif word_query in folded:
                rank = 2
            else:
                rank = 3
            region = keep(code)
            if region is not None:
                ranked.append((rank, region.level.depth, code, region))
        ranked.sort(key=lambda item: item[:3])
        return [item[3] for item in ranked[:limit]]

    def _children_map(self) -> dict[str, list[str]]:
        with self._lock:
            if self._children is None:
                children: dict[str, list[str]] = {}
                for code in sorted(self._names):
                    head, _, _ = code.rpartition(".")
                    children.setdefault(head, []).append(code)
                self._children = children
            return self._children

    def _folded_names(self) -> list[tuple[str, str]]:
        with self._lock:
            if self._folded is None:
                self._folded = [(c, _fold(n)) for c, n in self._names.items()]
            return self._folded


def _parse(text: str) -> dict[str, str]:
    # A plain split is several times faster than csv.reader on 91k rows; the few quoted names
    # (with commas) fall back to csv.
    names: dict[str, str] = {}
    lines = text.splitlines()
    if lines and not lines[0][:1].isdigit():
        lines = lines[1:]  # header `kode,nama`
    for line in lines:
        if not line:
            continue
        code, _, name = line.partition(",")
        if name.startswith('"'):
            row = next(csv.reader([line]))
            code, name = row[0], row[1]
        names[code.strip()] = name.strip()
    return names


_shared: RegionIndex | None = None
_shared_lock = threading.Lock()


def region_index() -> RegionIndex:
    """The shipped table, loaded on first call and shared afterwards (thread-safe)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = RegionIndex.load()
        return _shared
