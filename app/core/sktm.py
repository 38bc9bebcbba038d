"""SKTM numbers: a per-village yearly serial that never repeats, even across laptops that work offline.

How: the serial is allocated by the server in *blocks*. While online, a device asks the server for a
block of `DEFAULT_BLOCK_SIZE` serials of one village and year (`POST /sktm/v1/blocks`); the server
hands out the next unused range from a per-(village, year) counter that only moves forward, atomically
(one row, `UPDATE ... RETURNING`, like the change counter). The device keeps its blocks in a
`SktmLedger` and consumes them offline, one serial per letter. Two laptops can never hold overlapping
blocks, so they can never print the same number; the price is gaps (a block not used up by the end of
the year, or a reply lost on a bad link), which the numbering of a village letter book tolerates.

The printed number is `<classification>/<serial, 3 digits>/<village abbreviation>/<year>`, e.g.
`400.9.2/012/EONB/2026`. The classification is the archive code the village uses for social-welfare
letters (a setting: villages still on the older Permendagri 78/2012 scheme write 474 or 470), the
abbreviation defaults to the first four letters of the village name.

Pure data and arithmetic: the store keeps the ledger as JSON, the server keeps the counter.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, model_validator

DEFAULT_CLASSIFICATION = "400.9.2"
DEFAULT_BLOCK_SIZE = 20
MAX_BLOCK_SIZE = 200
# Ask for a new block while online when fewer than this many serials are left.
LOW_WATER = 5


class SktmExhausted(Exception):
    """No reserved serial is left for this village and year: sync to reserve a new block."""

    def __init__(self, village_code: str, year: int) -> None:
        super().__init__(
            f"Nomor SKTM untuk desa {village_code} tahun {year} sudah habis di laptop ini. "
            "Sinkronkan saat ada sinyal untuk mengambil blok nomor baru."
        )
        self.village_code = village_code
        self.year = year
        self.message = str(self)
        self.english = (
            f"No SKTM number is left on this laptop for village {village_code}, {year}. "
            "Sync when online to reserve a new block."
        )


class SktmBlock(BaseModel):
    """Serials `first` to `last` (inclusive) of one village and year, reserved for one device."""

    model_config = ConfigDict(frozen=True)

    village_code: str = Field(min_length=1, max_length=13)
    year: int = Field(ge=2000, le=2999)
    first: int = Field(ge=1)
    last: int = Field(ge=1)

    @model_validator(mode="after")
    def _ordered(self) -> SktmBlock:
        if self.last < self.first:
            raise ValueError("last < first")
        return self

    @property
    def size(self) -> int:
        return self.last - self.first + 1


def issue_block(counter: int, *, village_code: str, year: int, count: int = DEFAULT_BLOCK_SIZE) -> SktmBlock:
    """The block that follows a counter at `counter` (the last serial ever handed out, 0 = none).

    The server stores `block.last` as the new counter value in the same atomic statement.
    """
    if not 1 <= count <= MAX_BLOCK_SIZE:
        raise ValueError(f"block size must be 1..{MAX_BLOCK_SIZE}")
    if counter < 0:
        raise ValueError("counter must not be negative")
    return SktmBlock(village_code=village_code, year=year, first=counter + 1, last=counter + count)


class _HeldBlock(BaseModel):
    block: SktmBlock
    next: int  # the next serial to hand out; > block.last when used up


class SktmLedger(BaseModel):
    """The blocks a device holds and how far each is used. Serialised into the local store."""

    held: list[_HeldBlock] = []

    def add(self, block: SktmBlock) -> bool:
        """Keep a block from the server. The same block twice (a repeated reply) is kept once."""
        if any(h.block == block for h in self.held):
            return False
        for h in self.held:
            same = h.block.village_code == block.village_code and h.block.year == block.year
            if same and block.first <= h.block.last and h.block.first <= block.last:
                raise ValueError(f"block {block.first}-{block.last} overlaps {h.block.first}-{h.block.last}")
        self.held.append(_HeldBlock(block=block, next=block.first))
        self.held.sort(key=lambda h: (h.block.village_code, h.block.year, h.block.first))
        return True

    def remaining(self, village_code: str, year: int) -> int:
        return sum(
            max(0, h.block.last - h.next + 1)
            for h in self.held
            if h.block.village_code == village_code and h.block.year == year
        )

    def needs_block(self, village_code: str, year: int, low_water: int = LOW_WATER) -> bool:
        return self.remaining(village_code, year) < low_water

    def take(self, village_code: str, year: int) -> int:
        """The next serial (lowest block first). Raises SktmExhausted when none is left."""
        for h in self.held:
            if h.block.village_code == village_code and h.block.year == year and h.next <= h.block.last:
                serial = h.next
                h.next += 1
                return serial
        raise SktmExhausted(village_code, year)

    def drop_years_before(self, year: int) -> None:
        """Forget blocks of past years (their unused serials can never be used)."""
        self.held = [h for h in self.held if h.block.year >= year]

    def to_json(self) -> str:
        return self.model_dump_json()

    @classmethod
    def from_json(cls, text: str) -> SktmLedger:
        return cls.model_validate_json(text) if text else cls()


def village_abbreviation(village_name: str) -> str:
    """'Eonbesi' -> 'EONB'; letters only, so 'Oe Ekam' -> 'OEEK'."""
    letters = re.sub(r"[^A-Za-z]", "", village_name).upper()
    return letters[:4] or "DESA"


def format_sktm_number(
    serial: int, *, year: int, abbreviation: str, classification: str = DEFAULT_CLASSIFICATION
) -> str:
    """'400.9.2/012/EONB/2026'."""
    if serial < 1:
        raise ValueError("serial must be positive")
    return f"{classification}/{serial:03d}/{abbreviation}/{year}"


_NUMBER = re.compile(r"^(?P<cls>[0-9.]+)/(?P<serial>\d+)/(?P<abbr>[A-Z]+)/(?P<year>\d{4})$")


def parse_sktm_number(number: str) -> tuple[str, int, str, int] | None:
    """(classification, serial, abbreviation, year) of a number this module formatted, else None."""
    match = _NUMBER.match(number.strip())
    if match is None:
        return None
    return match["cls"], int(match["serial"]), match["abbr"], int(match["year"])
