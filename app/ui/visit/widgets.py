"""Small input widgets the visit form is built from: rupiah amounts, fixed choices, optional dates.

Each widget exposes `value()` / `set_value()` and one `value_changed` signal, so a section can bind it
to a field of the answers document in one line and populate it without firing change handlers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QDoubleSpinBox, QLineEdit, QSpinBox, QWidget

# Rp99.999.999.999.999: beyond any household amount, within a 64-bit integer and a JSON number.
MAX_RUPIAH_DIGITS = 14
NO_DATE = QDate(1900, 1, 1)


def format_rupiah(value: int) -> str:
    """`2455898` → `"Rp 2.455.898"` (Indonesian thousands separator, no decimals)."""
    return "Rp " + f"{value:,}".replace(",", ".")


def rupiah_digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


class RupiahValidator(QValidator):
    """Digits with optional `Rp`, spaces and dots; never a minus sign, never decimals or letters."""

    def validate(self, text: str, pos: int) -> Any:  # noqa: N802 - Qt override
        body = text.strip()
        if body.lower().startswith("rp"):
            body = body[2:]
        body = body.replace(".", "").replace(" ", "")
        if body == "" or (body.isdigit() and len(body) <= MAX_RUPIAH_DIGITS):
            return QValidator.State.Acceptable, text, pos
        return QValidator.State.Invalid, text, pos


class RupiahEdit(QLineEdit):
    """A rupiah amount typed as digits and shown as "Rp 2.455.898" while typing.

    A refused key (a minus sign, a letter, a comma) does not change the value and emits `problem`
    with a sentence the form shows, so the officer learns why nothing appeared.
    """

    value_changed = Signal(int)
    problem = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value = 0
        self.setValidator(RupiahValidator(self))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText("Rp 0")
        self.setMinimumWidth(150)
        self.textEdited.connect(self._edited)
        self.inputRejected.connect(self._rejected)

    def value(self) -> int:
        return self._value

    def set_value(self, value: int) -> None:
        self._value = max(0, int(value))
        self.setText(format_rupiah(self._value) if self._value else "")

    def _edited(self, text: str) -> None:
        cursor = self.cursorPosition()
        digits_right = len(rupiah_digits(text[cursor:]))
        digits = rupiah_digits(text).lstrip("0")
        value = int(digits) if digits else 0
        formatted = format_rupiah(value) if digits else ""
        self.setText(formatted)
        # Keep the caret before the same number of digits as before reformatting.
        position, seen = len(formatted), 0
        while position > 0 and seen < digits_right:
            position -= 1
            if formatted[position].isdigit():
                seen += 1
        self.setCursorPosition(max(position, 3 if formatted else 0))
        if value != self._value:
            self._value = value
            self.value_changed.emit(value)

    def _rejected(self) -> None:
        self.problem.emit(
            self.tr("Isi jumlah rupiah dengan angka saja; jumlah tidak boleh negatif atau berkoma.")
        )


class ChoiceCombo(QComboBox):
    """A fixed list of coded choices shown with Indonesian labels; `value()` is the code.

    A stored code the list does not know (an import from another system) is kept and shown as is,
    never silently replaced by the first choice.
    """

    value_changed = Signal(str)

    def __init__(self, choices: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for code, label in choices:
            self.addItem(label, code)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)
        self.currentIndexChanged.connect(self._changed)

    def value(self) -> str:
        return str(self.currentData() or "")

    def set_value(self, code: str) -> None:
        index = self.findData(code)
        if index < 0:
            self.addItem(code, code)
            index = self.count() - 1
        self.blockSignals(True)
        self.setCurrentIndex(index)
        self.blockSignals(False)

    def _changed(self, _index: int) -> None:
        self.value_changed.emit(self.value())


class OptionalDateEdit(QDateEdit):
    """A date that may be unknown (shown as "-"), typed as dd-MM-yyyy with a calendar popup.

    The range is wide on purpose: a birth date in the future is shown as an error next to the field
    rather than silently clamped, so the officer sees what was typed.
    """

    value_changed = Signal(object)  # date | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("dd-MM-yyyy")
        self.setCalendarPopup(True)
        self.setMinimumDate(NO_DATE)
        self.setMaximumDate(QDate(2100, 12, 31))
        self.setSpecialValueText("-")
        self.setDate(NO_DATE)
        self.setLocale(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
        self.dateChanged.connect(self._changed)

    def value(self) -> date | None:
        current = self.date()
        if current == NO_DATE:
            return None
        return date(current.year(), current.month(), current.day())

    def set_value(self, value: date | None) -> None:
        self.blockSignals(True)
        self.setDate(NO_DATE if value is None else QDate(value.year, value.month, value.day))
        self.blockSignals(False)

    def _changed(self, _date: QDate) -> None:
        self.value_changed.emit(self.value())


class CountSpin(QSpinBox):
    value_changed = Signal(int)

    def __init__(self, maximum: int = 99, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, maximum)
        self.setMinimumWidth(70)
        self.valueChanged.connect(self.value_changed.emit)

    def set_value(self, value: int) -> None:
        self.blockSignals(True)
        self.setValue(int(value))
        self.blockSignals(False)


class DecimalSpin(QDoubleSpinBox):
    value_changed = Signal(float)

    def __init__(
        self, maximum: float, decimals: int = 2, suffix: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setRange(0, maximum)
        self.setDecimals(decimals)
        self.setSuffix(suffix)
        self.setLocale(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
        self.setMinimumWidth(110)
        self.valueChanged.connect(self.value_changed.emit)

    def set_value(self, value: float) -> None:
        self.blockSignals(True)
        self.setValue(float(value))
        self.blockSignals(False)


class Check(QCheckBox):
    value_changed = Signal(bool)

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.toggled.connect(self.value_changed.emit)

    def value(self) -> bool:
        return self.isChecked()

    def set_value(self, value: bool) -> None:
        self.blockSignals(True)
        self.setChecked(bool(value))
        self.blockSignals(False)


class TextEdit(QLineEdit):
    value_changed = Signal(str)

    def __init__(self, max_length: int = 120, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxLength(max_length)
        self.textEdited.connect(self.value_changed.emit)

    def value(self) -> str:
        return self.text()

    def set_value(self, value: str) -> None:
        self.setText(value)
