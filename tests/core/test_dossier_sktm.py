"""SKTM numbering: blocks reserved by the server, consumed offline, never repeated across laptops."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.sktm import (
    SktmBlock,
    SktmExhausted,
    SktmLedger,
    format_sktm_number,
    issue_block,
    parse_sktm_number,
    village_abbreviation,
)

VILLAGE = "53.02.03.2002"


class FakeServer:
    """The server's per-(village, year) counter, as `app.server.sktm.reserve_block` keeps it."""

    def __init__(self) -> None:
        self.counters: dict[tuple[str, int], int] = {}

    def reserve(self, village: str, year: int, count: int) -> SktmBlock:
        block = issue_block(
            self.counters.get((village, year), 0), village_code=village, year=year, count=count
        )
        self.counters[(village, year)] = block.last
        return block


def test_number_format_and_parse() -> None:
    number = format_sktm_number(12, year=2026, abbreviation=village_abbreviation("Eonbesi"))
    assert number == "400.9.2/012/EONB/2026"
    assert parse_sktm_number(number) == ("400.9.2", 12, "EONB", 2026)
    assert (
        format_sktm_number(1234, year=2026, abbreviation="EONB", classification="474") == "474/1234/EONB/2026"
    )
    assert village_abbreviation("Oe Ekam") == "OEEK"
    assert parse_sktm_number("not a number") is None


def test_ledger_consumes_blocks_in_order_and_reports_exhaustion() -> None:
    ledger = SktmLedger()
    ledger.add(SktmBlock(village_code=VILLAGE, year=2026, first=21, last=22))
    ledger.add(SktmBlock(village_code=VILLAGE, year=2026, first=1, last=2))
    assert ledger.remaining(VILLAGE, 2026) == 4
    assert [ledger.take(VILLAGE, 2026) for _ in range(4)] == [1, 2, 21, 22]
    with pytest.raises(SktmExhausted) as info:
        ledger.take(VILLAGE, 2026)
    assert "Sinkronkan" in info.value.message
    # Another year or village has its own numbers.
    with pytest.raises(SktmExhausted):
        ledger.take(VILLAGE, 2027)


def test_ledger_survives_serialisation_and_ignores_a_repeated_block() -> None:
    ledger = SktmLedger()
    block = SktmBlock(village_code=VILLAGE, year=2026, first=1, last=20)
    assert ledger.add(block)
    ledger.take(VILLAGE, 2026)
    again = SktmLedger.from_json(ledger.to_json())
    assert not again.add(block)  # the same reply twice is one block
    assert again.take(VILLAGE, 2026) == 2
    with pytest.raises(ValueError):
        again.add(SktmBlock(village_code=VILLAGE, year=2026, first=15, last=30))
    assert again.needs_block(VILLAGE, 2026, low_water=19)
    assert not again.needs_block(VILLAGE, 2026, low_water=5)


def test_issue_block_rejects_silly_sizes() -> None:
    with pytest.raises(ValueError):
        issue_block(0, village_code=VILLAGE, year=2026, count=0)
    assert issue_block(40, village_code=VILLAGE, year=2026, count=20) == SktmBlock(
        village_code=VILLAGE, year=2026, first=41, last=60
    )


@settings(max_examples=200, deadline=None)
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(["a", "b"]), st.sampled_from(["take", "sync"]), st.sampled_from([2026, 2027])
        ),
        max_size=120,
    ),
    block_size=st.integers(min_value=1, max_value=7),
)
def test_two_laptops_offline_never_print_the_same_number(
    steps: list[tuple[str, str, int]], block_size: int
) -> None:
    """Any interleaving of offline letters and syncs on two laptops gives distinct numbers."""
    server = FakeServer()
    laptops = {"a": SktmLedger(), "b": SktmLedger()}
    printed: list[tuple[int, int]] = []
    for name, action, year in steps:
        ledger = laptops[name]
        if action == "sync":
            if ledger.needs_block(VILLAGE, year, low_water=block_size):
                ledger.add(server.reserve(VILLAGE, year, block_size))
            continue
        try:
            printed.append((year, ledger.take(VILLAGE, year)))
        except SktmExhausted:
            continue  # offline with no number left: the sekdes must sync first
        # A laptop may also be restored from its stored ledger at any time.
        laptops[name] = SktmLedger.from_json(ledger.to_json())
    assert len(printed) == len(set(printed))
    for year, serial in printed:
        assert 1 <= serial <= server.counters[(VILLAGE, year)]
