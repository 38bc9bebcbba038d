"""Outcomes a rule or a programme can have, with labels and badge colours for lists."""

from __future__ import annotations

from enum import StrEnum


class Outcome(StrEnum):
    TETAP_LAYAK = "tetap_layak"
    LAYAK = "layak"
    GRADUASI_WAJIB = "graduasi_wajib"
    GRADUASI_ALAMIAH = "graduasi_alamiah"
    GRADUASI_MANDIRI = "graduasi_mandiri"
    PERLU_VERIFIKASI = "perlu_verifikasi"
    RUJUK_PENA = "rujuk_pena"
    RUJUK_BANSOS_PRODUKTIF = "rujuk_bansos_produktif"
    DAPAT_DAFTAR_ULANG = "dapat_daftar_ulang"
    USUL_BARU = "usul_baru"
    BUKAN_SASARAN = "bukan_sasaran"
    INFO = "info"


class Colour(StrEnum):
    """CSS-like classes the UI maps to badge colours."""

    DANGER = "danger"
    WARNING = "warning"
    INFO = "info"
    SUCCESS = "success"
    NEUTRAL = "neutral"


LABELS: dict[Outcome, tuple[str, str]] = {
    Outcome.TETAP_LAYAK: ("Tetap layak", "Remains eligible"),
    Outcome.LAYAK: ("Layak", "Eligible"),
    Outcome.GRADUASI_WAJIB: ("Graduasi wajib", "Required graduation"),
    Outcome.GRADUASI_ALAMIAH: ("Graduasi alamiah", "Natural graduation"),
    Outcome.GRADUASI_MANDIRI: ("Graduasi mandiri", "Voluntary graduation"),
    Outcome.PERLU_VERIFIKASI: ("Perlu verifikasi", "Needs verification"),
    Outcome.RUJUK_PENA: ("Rujuk PENA", "Refer to PENA"),
    Outcome.RUJUK_BANSOS_PRODUKTIF: ("Rujuk Bansos Produktif", "Refer to Bansos Produktif"),
    Outcome.DAPAT_DAFTAR_ULANG: ("Dapat daftar ulang", "May re-register"),
    Outcome.USUL_BARU: ("Usul baru", "Propose as new recipient"),
    Outcome.BUKAN_SASARAN: ("Bukan sasaran", "Not a target"),
    Outcome.INFO: ("Informasi", "Information"),
}

COLOURS: dict[Outcome, Colour] = {
    Outcome.TETAP_LAYAK: Colour.SUCCESS,
    Outcome.LAYAK: Colour.SUCCESS,
    Outcome.GRADUASI_WAJIB: Colour.DANGER,
    Outcome.GRADUASI_ALAMIAH: Colour.NEUTRAL,
    Outcome.GRADUASI_MANDIRI: Colour.NEUTRAL,
    Outcome.PERLU_VERIFIKASI: Colour.WARNING,
    Outcome.RUJUK_PENA: Colour.INFO,
    Outcome.RUJUK_BANSOS_PRODUKTIF: Colour.INFO,
    Outcome.DAPAT_DAFTAR_ULANG: Colour.INFO,
    Outcome.USUL_BARU: Colour.INFO,
    Outcome.BUKAN_SASARAN: Colour.NEUTRAL,
    Outcome.INFO: Colour.NEUTRAL,
}

# Which outcome wins when several apply (to a programme, or for the household's list badge):
# the one that needs the officer's or supervisor's action most comes first.
PRIORITY: tuple[Outcome, ...] = (
    Outcome.GRADUASI_WAJIB,
    Outcome.PERLU_VERIFIKASI,
    Outcome.GRADUASI_MANDIRI,
    Outcome.GRADUASI_ALAMIAH,
    Outcome.DAPAT_DAFTAR_ULANG,
    Outcome.USUL_BARU,
    Outcome.RUJUK_PENA,
    Outcome.RUJUK_BANSOS_PRODUKTIF,
    Outcome.TETAP_LAYAK,
    Outcome.LAYAK,
    Outcome.BUKAN_SASARAN,
    Outcome.INFO,
)
RANK: dict[Outcome, int] = {outcome: i for i, outcome in enumerate(PRIORITY)}

GRADUATIONS = frozenset({Outcome.GRADUASI_WAJIB, Outcome.GRADUASI_ALAMIAH, Outcome.GRADUASI_MANDIRI})
