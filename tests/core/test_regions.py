"""Region codes: the shipped Kepmendagri 2025 table, lookups, levels, hierarchy, search, normalise."""

from __future__ import annotations

import gzip
import time
from pathlib import Path

import pytest

from app.core.regions import Level, Region, RegionIndex, normalise, region_index, structural_level
from app.core.resources import resource_path


@pytest.fixture(scope="module")
def index() -> RegionIndex:
    return region_index()


def test_resources_ship_data_licence_and_source() -> None:
    folder = resource_path("regions")
    assert folder == Path(__file__).resolve().parents[2] / "resources" / "regions"
    assert (folder / "wilayah_kepmendagri_2025.csv.gz").is_file()
    assert "MIT License" in (folder / "LICENSE-wilayah.txt").read_text(encoding="utf-8")
    source = (folder / "SOURCE.md").read_text(encoding="utf-8")
    assert "300.2.2-2138/2025" in source and "cahyadsn/wilayah" in source


def test_load_is_fast() -> None:
    start = time.perf_counter()
    fresh = RegionIndex.load()
    elapsed = time.perf_counter() - start
    assert len(fresh) == 91_599
    assert elapsed < 0.3, elapsed  # target 150 ms; slack for a loaded CI machine


def test_shared_index_is_loaded_once() -> None:
    assert region_index() is region_index()


def test_counts_per_level_match_domain(index: RegionIndex) -> None:
    counts = {level: index.count(level) for level in Level}
    assert counts[Level.PROVINSI] == 38
    assert counts[Level.KABUPATEN] + counts[Level.KOTA] == 514
    assert counts[Level.KECAMATAN] == 7_285
    assert counts[Level.DESA] + counts[Level.KELURAHAN] + counts[Level.DESA_ADAT] == 83_762
    assert counts[Level.DESA_ADAT] > 0  # Papua's desa adat (X = 3)
    assert sum(counts.values()) == len(index) == 91_599


def test_ntt_lookups(index: RegionIndex) -> None:
    assert index.name("53") == "Nusa Tenggara Timur"
    assert index.level("53") is Level.PROVINSI
    assert index.name("53.02") == "Kabupaten Timor Tengah Selatan"
    assert index.name("53.02.03") == "Mollo Utara"
    assert index.name("53.02.03.2002") == "Eonbesi"
    assert index.parent("53.02.03.2002") == "53.02.03"
    assert index.parent("53.02") == "53"
    assert index.parent("53") is None
    assert index.exists("53.02.03.2002")
    assert index.get("53.02.03.2002") == Region("53.02.03.2002", "Eonbesi", Level.DESA)


def test_chain_for_a_letterhead(index: RegionIndex) -> None:
    chain = index.chain("5302032002")
    assert [r.name for r in chain] == [
        "Nusa Tenggara Timur",
        "Kabupaten Timor Tengah Selatan",
        "Mollo Utara",
        "Eonbesi",
    ]
    assert [r.level for r in chain] == [Level.PROVINSI, Level.KABUPATEN, Level.KECAMATAN, Level.DESA]
    assert [r.code for r in index.chain("53.71")] == ["53", "53.71"]


def test_kabupaten_and_kota_are_told_apart(index: RegionIndex) -> None:
    assert index.level("53.01") is Level.KABUPATEN
    assert index.name("53.01") == "Kabupaten Kupang"
    assert index.level("53.71") is Level.KOTA
    assert index.name("53.71") == "Kota Kupang"
    for region in index.children("53"):
        assert region.level is (Level.KOTA if region.name.startswith("Kota ") else Level.KABUPATEN)


def test_kelurahan_desa_and_desa_adat(index: RegionIndex) -> None:
    assert index.level("53.71.01.1001") is Level.KELURAHAN  # Namosain, Kota Kupang
    assert index.name("53.71.01.1001") == "Namosain"
    assert index.level("53.02.03.2002") is Level.DESA
    assert index.level("91.03.01.3007") is Level.DESA_ADAT
    assert all(level.is_village for level in (Level.KELURAHAN, Level.DESA, Level.DESA_ADAT))
    assert not Level.KECAMATAN.is_village
    assert structural_level("53.02.03.4001") is None  # X must be 1, 2 or 3
    assert structural_level("53.70") is None  # 70 is neither kabupaten nor kota


@pytest.mark.parametrize("code", ["99", "53.68", "53.02.99", "53.02.03.2999", "", "abc", "53.2.3", "5302032"])
def test_unknown_or_malformed_codes(index: RegionIndex, code: str) -> None:
    assert not index.exists(code)
    assert code not in index
    assert index.name(code) is None
    assert index.level(code) is None
    assert index.parent(code) is None
    assert index.get(code) is None
    assert index.chain(code) == []
    assert index.children(code) == []


def test_children(index: RegionIndex) -> None:
    provinces = index.children()
    assert len(provinces) == 38
    assert provinces[0] == Region("11", "Aceh", Level.PROVINSI)
    kecamatan = index.children("53.02")
    assert kecamatan and all(r.level is Level.KECAMATAN and r.parent_code == "53.02" for r in kecamatan)
    assert [r.code for r in kecamatan] == sorted(r.code for r in kecamatan)
    villages = index.children("530203")
    assert "53.02.03.2002" in {r.code for r in villages}
    assert index.children("53.02.03.2002") == []


def test_search(index: RegionIndex) -> None:
    hits = index.search("eonbesi")
    assert hits and hits[0].code == "53.02.03.2002"
    kupang = index.search("kupang", levels=[Level.KABUPATEN, Level.KOTA])
    assert {r.code for r in kupang} == {"53.01", "53.71"}
    in_ntt = index.search("  KUPANG ", within="53", limit=100)
    assert in_ntt and all(r.code.startswith("53.") for r in in_ntt)
    exact_first = index.search("Kupang")
    assert exact_first[0].name == "Kupang"
    assert len(index.search("a", limit=5)) == 5
    assert index.search("") == []
    assert index.search("zzzz-no-such-place") == []
    assert index.search("5302032002")[0].code == "53.02.03.2002"  # a code typed in finds itself
    assert index.search("kupang", within="99") == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("53.02.03.2002", "53.02.03.2002"),
        ("5302032002", "53.02.03.2002"),
        (" 53 02 03 2002 ", "53.02.03.2002"),
        ("53-02-03-2002", "53.02.03.2002"),
        ("530203", "53.02.03"),  # a NIK's first six digits
        ("5302", "53.02"),
        ("53", "53"),
        ("53.02", "53.02"),
        ("", None),
        ("5", None),
        ("53020", None),
        ("5302032002123", None),
        ("53.2", None),
        ("53.02.03.200", None),
        ("53.02.03.2002.1", None),
        ("53..02", None),
        ("53.02.", None),
        ("NTT", None),
        ("٥٣", None),  # non-ASCII digits
    ],
)
def test_normalise(raw: str, expected: str | None) -> None:
    assert normalise(raw) == expected


def test_load_from_another_file(tmp_path: Path) -> None:
    table = tmp_path / "mini.csv.gz"
    table.write_bytes(gzip.compress(b'kode,nama\n53,Nusa Tenggara Timur\n53.71,"Kota Kupang, NTT "\n'))
    mini = RegionIndex.load(table)
    assert len(mini) == 2
    assert mini.name("5371") == "Kota Kupang, NTT"
    plain = tmp_path / "mini.csv"
    plain.write_text("kode,nama\n53,Nusa Tenggara Timur\n", encoding="utf-8")
    assert RegionIndex.load(plain).name("53") == "Nusa Tenggara Timur"
