"""NIK and No. KK: validation, decoding and construction (DOMAIN §4).

A check separates *errors* (the number cannot be right: block saving) from *warnings* (it may be
right but deserves a look: a region code that no longer exists after a split, a NIK date that differs
from the KTP). Dukcapil never corrects a NIK, so nothing here "fixes" a number beyond stripping the
separators people type.

NIK layout `PP KK CC DDMMYY SSSS`: region where the NIK was first issued, day of birth (+40 for
women), month, two-digit year, serial from 0001. No. KK: 6-digit area code, issue date DDMMYY, serial.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from pydantic import BaseModel, ConfigDict

from app.core.models import Sex

__all__ = [
    "IdentityIssue",
    "KkCheck",
    "NikCheck",
    "make_kk",
    "make_nik",
    "normalise_number",
    "validate_kk",
    "validate_nik",
]

RegionExists = Callable[[str], bool]

_SEPARATORS = re.compile(r"[\s.\-]+")
_FEMALE_DAY_OFFSET = 40


class IdentityIssue(BaseModel):
    """One finding, in Bahasa Indonesia (shown) and English (logs, English UI)."""

    model_config = ConfigDict(frozen=True)

    code: str
    message: str
    message_en: str


class _NumberCheck(BaseModel):
    value: str
    errors: list[IdentityIssue] = []
    warnings: list[IdentityIssue] = []
    region_code: str | None = None

    @property
    def ok(self) -> bool:
        """No blocking error (warnings allowed)."""
        return not self.errors


class NikCheck(_NumberCheck):
    birth_date: date | None = None
    sex: Sex | None = None
    serial: str | None = None


class KkCheck(_NumberCheck):
    issue_date: date | None = None
    serial: str | None = None


def normalise_number(text: str) -> str:
    """Strip spaces, dots and dashes, the separators people type or print on cards."""
    return _SEPARATORS.sub("", text)


def _issue(code: str, message: str, message_en: str) -> IdentityIssue:
    return IdentityIssue(code=code, message=message, message_en=message_en)


def _shape_errors(value: str, label: str) -> list[IdentityIssue]:
    if not value:
        return [_issue("empty", f"{label} belum diisi", f"{label} is empty")]
    if not (value.isascii() and value.isdigit()):
        return [_issue("not_digits", f"{label} hanya boleh berisi angka", f"{label} may contain digits only")]
    if len(value) != 16:
        return [
            _issue(
                "length",
                f"{label} harus 16 digit (tertulis {len(value)} digit)",
                f"{label} must have 16 digits (got {len(value)})",
            )
        ]
    return []


def _region_warnings(region_code: str, region_exists: RegionExists | None, label: str) -> list[IdentityIssue]:
    # The code is where the number was first issued; regions split and merge, so an unknown code is
    # only a hint, never a reason to reject a real person's number.
    if region_exists is None or region_exists(region_code):
        return []
    return [
        _issue(
            "region_unknown",
            f"Kode wilayah {region_code} pada {label} tidak ada di daftar wilayah saat ini "
            "(mungkin wilayah sudah dimekarkan); periksa, tetapi jangan diubah",
            f"Region code {region_code} in the {label} is not in the current region list "
            "(possibly split since); check it, but do not change it",
        )
    ]


def _resolve_century(day: int, month: int, yy: int, reference_date: date) -> date | None:
    """The latest plausible date: 20yy unless that lies after the reference date, else 19yy."""
    for century in (2000, 1900):
        try:
            candidate = date(century + yy, month, day)
        except ValueError:
            return None
        if candidate <= reference_date:
            return candidate
    return candidate


def _dotted(region6: str) -> str:
    return f"{region6[0:2]}.{region6[2:4]}.{region6[4:6]}"


def validate_nik(
    text: str,
    region_exists: RegionExists | None = None,
    *,
    reference_date: date | None = None,
    birth_date: date | None = None,
    sex: Sex | str | None = None,
) -> NikCheck:
    """Check a NIK. `birth_date`/`sex` (as on the KTP or form) are compared: a mismatch only warns.

    `region_exists` receives the dotted kecamatan code ("53.02.03"); pass
    `region_index().exists` in the app, None to skip the check.
    """
    value = normalise_number(text)
    check = NikCheck(value=value, errors=_shape_errors(value, "NIK"))
    if check.errors:
        return check
    reference = reference_date or date.today()
    check.region_code = _dotted(value[:6])
    if value[:2] == "00":
        check.errors.append(
            _issue(
                "province",
                "Kode provinsi 00 pada NIK tidak mungkin",
                "Province code 00 in a NIK is impossible",
            )
        )
    day, month, yy = int(value[6:8]), int(value[8:10]), int(value[10:12])
    decoded_sex = Sex.FEMALE if day > _FEMALE_DAY_OFFSET else Sex.MALE
    real_day = day - _FEMALE_DAY_OFFSET if day > _FEMALE_DAY_OFFSET else day
    if day == 0 or 32 <= day <= 40 or day > 71:
        check.errors.append(
            _issue(
                "day",
                f"Tanggal lahir pada NIK ({day:02d}) tidak sah: laki-laki 01-31, perempuan 41-71",
                f"Day of birth in the NIK ({day:02d}) is invalid: men 01-31, women 41-71",
            )
        )
    elif not 1 <= month <= 12:
        check.errors.append(
            _issue(
                "month",
                f"Bulan lahir pada NIK ({month:02d}) tidak sah",
                f"Month of birth in the NIK ({month:02d}) is invalid",
            )
        )
    else:
        decoded = _resolve_century(real_day, month, yy, reference)
        if decoded is None:
            check.errors.append(
                _issue(
                    "date",
                    f"Tanggal lahir pada NIK ({real_day:02d}-{month:02d}-{yy:02d}) tidak ada di kalender",
                    f"Date of birth in the NIK ({real_day:02d}-{month:02d}-{yy:02d}) does not exist",
                )
            )
        else:
            check.birth_date = decoded
            check.sex = decoded_sex
    if value[12:] == "0000":
        check.errors.append(
            _issue("serial", "Nomor urut NIK tidak boleh 0000", "The NIK serial may not be 0000")
        )
    else:
        check.serial = value[12:]
    check.warnings.extend(_region_warnings(check.region_code, region_exists, "NIK"))
    if birth_date is not None and check.birth_date is not None:
        # Only day and month are compared: the century in a NIK is a guess.
        if (birth_date.day, birth_date.month, birth_date.year % 100) != (
            check.birth_date.day,
            check.birth_date.month,
            check.birth_date.year % 100,
        ):
            check.warnings.append(
                _issue(
                    "birth_date_mismatch",
                    f"Tanggal lahir di NIK ({check.birth_date:%d-%m-%Y}) berbeda dengan data "
                    f"({birth_date:%d-%m-%Y}); NIK tidak diubah, catat saja",
                    f"Birth date in the NIK ({check.birth_date:%d-%m-%Y}) differs from the record "
                    f"({birth_date:%d-%m-%Y}); the NIK is never corrected, just note it",
                )
            )
    if sex is not None and check.sex is not None and Sex(sex) != check.sex:
        check.warnings.append(
            _issue(
                "sex_mismatch",
                "Jenis kelamin di NIK berbeda dengan data",
                "The sex encoded in the NIK differs from the record",
            )
        )
    return check


def validate_kk(
    text: str,
    region_exists: RegionExists | None = None,
    *,
    reference_date: date | None = None,
) -> KkCheck:
    """Check a No. KK: area code, issue date (no +40), serial."""
    value = normalise_number(text)
    check = KkCheck(value=value, errors=_shape_errors(value, "No. KK"))
    if check.errors:
        return check
    reference = reference_date or date.today()
    check.region_code = _dotted(value[:6])
    if value[:2] == "00":
        check.errors.append(
            _issue("province", "Kode provinsi 00 pada No. KK tidak mungkin", "Province code 00 is impossible")
        )
    day, month, yy = int(value[6:8]), int(value[8:10]), int(value[10:12])
    issued = _resolve_century(day, month, yy, reference) if 1 <= month <= 12 and day >= 1 else None
    if issued is None:
        check.errors.append(
            _issue(
                "date",
                f"Tanggal terbit pada No. KK ({day:02d}-{month:02d}-{yy:02d}) tidak sah",
                f"Issue date in the No. KK ({day:02d}-{month:02d}-{yy:02d}) is invalid",
            )
        )
    else:
        check.issue_date = issued
    if value[12:] == "0000":
        check.errors.append(
            _issue("serial", "Nomor urut No. KK tidak boleh 0000", "The No. KK serial may not be 0000")
        )
    else:
        check.serial = value[12:]
    check.warnings.extend(_region_warnings(check.region_code, region_exists, "No. KK"))
    return check


def _region6(region: str) -> str:
    digits = normalise_number(region)
    if len(digits) < 6 or not digits[:6].isdigit():
        raise ValueError(f"region code needs at least 6 digits (kecamatan level), got {region!r}")
    return digits[:6]


def make_nik(region6: str, birth_date: date, sex: Sex | str, serial: int) -> str:
    """Build a NIK (for demo data and tests): `make_nik("53.02.03", date(1990, 5, 1), "P", 1)`."""
    if not 1 <= serial <= 9999:
        raise ValueError("serial must be 1..9999")
    day = birth_date.day + (_FEMALE_DAY_OFFSET if Sex(sex) == Sex.FEMALE else 0)
    return f"{_region6(region6)}{day:02d}{birth_date:%m}{birth_date.year % 100:02d}{serial:04d}"


def make_kk(region6: str, issue_date: date, serial: int) -> str:
    """Build a No. KK: `make_kk("53.02.03", date(2019, 1, 7), 12)`."""
    if not 1 <= serial <= 9999:
        raise ValueError("serial must be 1..9999")
    return f"{_region6(region6)}{issue_date:%d%m}{issue_date.year % 100:02d}{serial:04d}"
