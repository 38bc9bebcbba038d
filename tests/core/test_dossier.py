"""Dossier content: checklist from the policy pack linked to photos, the SKTM letter's fields."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app.core.demo import DemoDistrict, generate_demo
from app.core.dossier import (
    LetterSettings,
    add_months,
    build_dossier,
    format_date_id,
    letterhead_for,
    sktm_abbreviation,
)
from app.core.models import Household, Photo, PhotoKind, Request, RequestKind
from app.core.rules import default_pack

TODAY = date(2026, 11, 23)
SETTINGS = LetterSettings(head_name="Yohanis Nubatonis", secretary_name="Agustinus Taneo")


@pytest.fixture(scope="module")
def district() -> DemoDistrict:
    return generate_demo(households=40, neighbour_households=0)


def scenario(district: DemoDistrict, prefix: str) -> Household:
    hid = next(h for h, name in district.scenario.items() if name.startswith(prefix))
    return next(h for h in district.households if h.id == hid)


def photo(household: Household, kind: PhotoKind, n: int, member_id: str | None = None) -> Photo:
    return Photo(
        village_code=household.village_code,
        household_id=household.id,
        kind=kind,
        sha256=f"{n:064x}",
        member_id=member_id,
        taken_at=datetime(2026, 11, 20, 9, n, tzinfo=UTC),
    )


def request_for(household: Household, **details: object) -> Request:
    return Request(
        village_code=household.village_code,
        household_id=household.id,
        kind=RequestKind.RE_REGISTRATION,
        sktm_number="400.9.2/012/EONB/2026",
        created_at=datetime(2026, 11, 21, tzinfo=UTC),
        details={
            "purpose": "pendaftaran ulang PKH",
            "cover_letter_number": "07/RT.005/XI/2026",
            "cover_letter_date": "2026-11-20",
            **details,
        },  # fmt: skip
    )


def test_indonesian_dates() -> None:
    assert format_date_id(date(2026, 11, 23)) == "23 November 2026"
    assert format_date_id(datetime(2027, 1, 2, 8, 0)) == "2 Januari 2027"
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 11, 23), 6) == date(2027, 5, 23)


def test_letterhead_names_the_village_chain() -> None:
    head = letterhead_for("53.02.03.2002", LetterSettings(office_address="Jalan Soe–Kapan Km 12"))
    assert head.regency_line == "PEMERINTAH KABUPATEN TIMOR TENGAH SELATAN"
    assert head.district_line == "KECAMATAN MOLLO UTARA"
    assert head.village_line == "DESA EONBESI"
    assert head.head_title == "Kepala Desa Eonbesi"
    assert head.address_line == "Jalan Soe–Kapan Km 12"
    assert sktm_abbreviation("53.02.03.2002", LetterSettings()) == "EONB"


def test_reregistration_dossier_uses_the_pack_checklist_and_links_photos(district: DemoDistrict) -> None:
    household = scenario(district, "DAFTAR-ULANG")
    members = district.members_of(household.id)
    visits = [v for v in district.visits if v.household_id == household.id]
    photos = [photo(household, PhotoKind.HOUSE_FRONT, 1), photo(household, PhotoKind.KK, 2)]
    photos += [photo(household, PhotoKind.KTP, 3 + i, m.id) for i, m in enumerate(members)]
    dossier = build_dossier(
        request_for(household), household, members, visits, photos, settings=SETTINGS, today=TODAY,
        pack=default_pack(),
    )  # fmt: skip
    assert dossier.checklist_from_pack
    lines = {line.photo_kind: line for line in dossier.checklist}
    # The visit found the KTP address differs: the domicile letter is asked for (DOMAIN §6).
    assert PhotoKind.DOMICILE_LETTER in lines
    assert not lines[PhotoKind.DOMICILE_LETTER].done
    ktp = lines[PhotoKind.KTP]
    assert ktp.needed == len(members) and ktp.done
    assert [p.member_name for p in ktp.photos] == [m.name for m in members]
    assert lines[PhotoKind.KK].done and lines[PhotoKind.HOUSE_FRONT].done
    assert not lines[PhotoKind.HOUSE_INSIDE].done
    assert lines[PhotoKind.SKTM].done and "400.9.2/012/EONB/2026" in lines[PhotoKind.SKTM].note
    assert not lines[PhotoKind.INCOME_PROOF].required
    assert not dossier.checklist_complete
    assert len(dossier.photos) == len(photos)
    # The verdict (computed with the pack since the demo visit stored none) explains itself.
    assert dossier.verdict is not None and "DAFTAR-ULANG" in dossier.verdict.fired_ids()


def test_the_sekdes_finding_on_the_address_wins(district: DemoDistrict) -> None:
    household = scenario(district, "DAFTAR-ULANG")
    members = district.members_of(household.id)
    visits = [v for v in district.visits if v.household_id == household.id]
    dossier = build_dossier(
        request_for(household, ktp_address_differs=False), household, members, visits, [], settings=SETTINGS,
        today=TODAY, pack=default_pack(),
    )  # fmt: skip
    assert PhotoKind.DOMICILE_LETTER not in {line.photo_kind for line in dossier.checklist}


def test_without_a_pack_or_visit_the_domain_list_applies(district: DemoDistrict) -> None:
    household = scenario(district, "DAFTAR-ULANG")
    members = district.members_of(household.id)
    plain = build_dossier(request_for(household), household, members, [], [], today=TODAY)
    assert not plain.checklist_from_pack
    kinds = [line.photo_kind for line in plain.checklist]
    assert kinds[:3] == [PhotoKind.KTP, PhotoKind.KK, PhotoKind.SKTM]
    assert PhotoKind.DOMICILE_LETTER not in kinds
    assert plain.verdict is None and "Belum ada kunjungan" in plain.verdict_note
    differs = build_dossier(
        request_for(household, ktp_address_differs=True), household, members, [], [], today=TODAY
    )
    assert PhotoKind.DOMICILE_LETTER in [line.photo_kind for line in differs.checklist]


def test_sktm_letter_fields(district: DemoDistrict) -> None:
    household = scenario(district, "DAFTAR-ULANG")
    members = district.members_of(household.id)
    head = next(m for m in members if m.relation == "kepala")
    dossier = build_dossier(
        request_for(household), household, members, [], [], settings=SETTINGS, today=TODAY
    )
    letter = dossier.letter
    assert letter is not None
    assert letter.title == "SURAT KETERANGAN TIDAK MAMPU"
    assert letter.number == "400.9.2/012/EONB/2026"
    assert letter.opening.startswith("Yang bertanda tangan di bawah ini, Kepala Desa Eonbesi")
    assert letter.identity.nik == head.nik and letter.identity.name == head.name.upper()
    assert letter.identity.kk_number == household.kk_number
    assert f"RT {household.rt}/RW {household.rw}" in letter.identity.address
    assert letter.identity.sex in ("Laki-laki", "Perempuan")
    text = " ".join(letter.statements)
    assert "untuk keperluan pendaftaran ulang PKH" in text
    assert "Nomor 07/RT.005/XI/2026 tanggal 20 November 2026" in text
    assert f"desil {household.desil}" in text
    assert "berlaku sampai dengan tanggal 23 Mei 2027" in text
    assert letter.place_date == "Eonbesi, 23 November 2026"
    assert letter.signer_title == "Kepala Desa Eonbesi," and letter.signer_name == "Yohanis Nubatonis"
    assert letter.signer_on_behalf == ""


def test_secretary_signs_on_behalf_and_applicant_can_be_another_member(district: DemoDistrict) -> None:
    household = scenario(district, "DAFTAR-ULANG")
    members = district.members_of(household.id)
    child = next(m for m in members if m.relation == "anak")
    request = request_for(household, signed_by_secretary=True, applicant_member_id=child.id)
    letter = build_dossier(request, household, members, [], [], settings=SETTINGS, today=TODAY).letter
    assert letter is not None
    assert letter.signer_on_behalf == "a.n. Kepala Desa Eonbesi"
    assert letter.signer_title == "Sekretaris Desa," and letter.signer_name == "Agustinus Taneo"
    assert letter.identity.nik == child.nik


def test_objection_has_no_sktm(district: DemoDistrict) -> None:
    household = scenario(district, "DAFTAR-ULANG")
    request = Request(
        village_code=household.village_code, household_id=household.id, kind=RequestKind.OBJECTION
    )
    dossier = build_dossier(request, household, district.members_of(household.id), [], [], today=TODAY)
    assert dossier.letter is None and dossier.kind_label == "Sanggah"
