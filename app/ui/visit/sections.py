"""The sections of the verval form (DOMAIN §5), each editing part of one shared `VisitAnswers`.

A section binds each input to a field of the answers document: an edit writes the field and emits
`changed`; `load()` fills the inputs from the document without firing anything. The form owns the
document, autosaves it and asks for a verdict on every `changed`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic import BaseModel
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.core.answers import MemberAnswer, Vehicle, VisitAnswers
from app.core.identity import validate_nik
from app.core.models import PhotoKind, new_id
from app.store.visits import member_label, member_problems
from app.ui.visit import labels
from app.ui.visit.widgets import (
    Check,
    ChoiceCombo,
    CountSpin,
    DecimalSpin,
    OptionalDateEdit,
    RupiahEdit,
    TextEdit,
    format_rupiah,
)

Target = Callable[[], BaseModel | None]
ERROR_STYLE = "color: #b71c1c;"
WARNING_STYLE = "color: #e65100;"
OK_STYLE = "color: #1b5e20;"


def set_read_only(root: QWidget, read_only: bool) -> None:
    """Make every input under `root` read-only (text stays selectable) or editable again."""
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            widget.setReadOnly(read_only)
        elif isinstance(widget, QAbstractSpinBox):
            widget.setReadOnly(read_only)
            widget.setButtonSymbols(
                QAbstractSpinBox.ButtonSymbols.NoButtons
                if read_only
                else QAbstractSpinBox.ButtonSymbols.UpDownArrows
            )
        elif isinstance(widget, QComboBox | QCheckBox | QPushButton) and not widget.property("keep_enabled"):
            widget.setEnabled(not read_only)


class Section(QWidget):
    """Base: bindings from inputs to answer fields, a title, and a hint line at the top."""

    changed = Signal()
    message = Signal(str, bool)  # text, is_error

    title = ""

    def __init__(self, answers: VisitAnswers, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.answers = answers
        self._bindings: list[tuple[Any, Target, str]] = []
        self._loading = False
        self.read_only = False
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(12, 8, 12, 8)
        self.outer.setSpacing(10)

    def bind(self, widget: Any, target: Target, field: str) -> Any:
        self._bindings.append((widget, target, field))
        widget.value_changed.connect(lambda value: self._write(target, field, value))
        if isinstance(widget, RupiahEdit):
            widget.problem.connect(lambda text: self.message.emit(text, True))
        return widget

    def _write(self, target: Target, field: str, value: Any) -> None:
        if self._loading:
            return
        model = target()
        if model is None:
            return
        setattr(model, field, value)
        self.after_write(field)
        self.changed.emit()

    def after_write(self, field: str) -> None:
        """Hook for a section that shows derived text (NIK check, totals)."""

    def set_answers(self, answers: VisitAnswers) -> None:
        self.answers = answers
        self.load()

    def load(self) -> None:
        self._loading = True
        try:
            for widget, target, field in self._bindings:
                model = target()
                if model is not None:
                    widget.set_value(getattr(model, field))
        finally:
            self._loading = False

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        set_read_only(self, read_only)

    @staticmethod
    def hint(text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setStyleSheet("color: #546e7a;")
        return label

    @staticmethod
    def form_layout() -> QFormLayout:
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(6)
        return form


# ---- members --------------------------------------------------------------------------------------


class MembersSection(Section):
    """Who lives on this KK: add, remove, edit; the NIK is checked as it is typed."""

    title = "Anggota keluarga"
    member_selected = Signal(int)
    members_changed = Signal()  # added, removed or renamed: other sections list the people

    def __init__(
        self,
        answers: VisitAnswers,
        documents_of: Callable[[str | None], list[Any]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(answers, parent)
        self.documents_of = documents_of
        # Set once the region list is read on a worker (0.2 s the first time): until then the NIK's
        # region code is not checked, everything else is.
        self.region_exists: Callable[[str], bool] | None = None
        self.current = 0
        self.today = date.today()

        self.list = QListWidget()
        self.list.setMinimumWidth(190)
        self.list.setMaximumWidth(240)
        self.list.setAccessibleName(self.tr("Daftar anggota keluarga"))
        self.list.setSpacing(3)
        self.list.setAlternatingRowColors(True)
        self.list.currentRowChanged.connect(self._select)
        self.add_button = QPushButton(self.tr("&Tambah anggota"))
        self.add_button.clicked.connect(self.add_member)
        self.remove_button = QPushButton(self.tr("Hapus anggota"))
        self.remove_button.clicked.connect(self.remove_current)

        self.name = TextEdit(120)
        self.nik = TextEdit(24)
        self.nik.setPlaceholderText(self.tr("16 digit"))
        self.nik_check = QLabel()
        self.nik_check.setWordWrap(True)
        self.sex = ChoiceCombo(labels.choices(labels.SEX))
        self.birth_place = TextEdit(60)
        self.birth_date = OptionalDateEdit()
        self.birth_check = QLabel()
        self.birth_check.setWordWrap(True)
        self.birth_check.setStyleSheet(ERROR_STYLE)
        self.relation = ChoiceCombo(labels.choices(labels.RELATION))
        self.marital = ChoiceCombo(labels.choices(labels.MARITAL))
        self.religion = ChoiceCombo(labels.choices(labels.RELIGION))
        self.education = ChoiceCombo(labels.choices(labels.EDUCATION))
        self.school = ChoiceCombo(labels.choices(labels.SCHOOL))
        self.disability = ChoiceCombo(labels.choices(labels.DISABILITY))
        self.chronic = Check(self.tr("Penyakit kronis/menahun"))
        self.pregnant = Check(self.tr("Hamil atau nifas"))
        self.status = ChoiceCombo(labels.choices(labels.MEMBER_STATUS))

        member = self.current_member
        for widget, field in (
            (self.name, "name"), (self.nik, "nik"), (self.sex, "sex"), (self.birth_place, "birth_place"),
            (self.birth_date, "birth_date"), (self.relation, "relation"), (self.marital, "marital_status"),
            (self.religion, "religion"), (self.education, "education"), (self.school, "school_level"),
            (self.disability, "disability"), (self.chronic, "chronic_illness"), (self.pregnant, "pregnant"),
            (self.status, "status"),
        ):  # fmt: skip
            self.bind(widget, member, field)

        form = self.form_layout()
        form.addRow(self.tr("&Nama lengkap"), self.name)
        form.addRow(self.tr("N&IK"), self.nik)
        form.addRow("", self.nik_check)
        form.addRow(self.tr("&Jenis kelamin"), self.sex)
        form.addRow(self.tr("Tempat lahir"), self.birth_place)
        form.addRow(self.tr("Tanggal &lahir"), self.birth_date)
        form.addRow("", self.birth_check)
        form.addRow(self.tr("&Hubungan dgn kepala"), self.relation)
        form.addRow(self.tr("Status perkawinan"), self.marital)
        form.addRow(self.tr("Agama"), self.religion)
        form.addRow(self.tr("Pendidikan tertinggi"), self.education)
        form.addRow(self.tr("&Sekolah saat ini"), self.school)
        form.addRow(self.tr("&Disabilitas"), self.disability)
        form.addRow("", self.chronic)
        form.addRow("", self.pregnant)
        form.addRow(self.tr("Keberadaan"), self.status)
        self.editor = QWidget()
        self.editor.setLayout(form)

        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addWidget(self.add_button)
        left.addWidget(self.remove_button)
        row = QHBoxLayout()
        row.addLayout(left)
        row.addWidget(self.editor, 1)
        self.outer.addWidget(
            self.hint(
                self.tr(
                    "Periksa setiap orang pada KK terhadap keadaan di rumah. NIK tidak pernah diubah: "
                    "catat perbedaan, jangan dikoreksi. Orang yang meninggal atau pindah ditandai pada "
                    "'Keberadaan', tidak dihapus."
                )
            )
        )
        self.outer.addLayout(row, 1)
        self.load()

    def current_member(self) -> MemberAnswer | None:
        members = self.answers.members
        return members[self.current] if 0 <= self.current < len(members) else None

    def load(self) -> None:
        self._loading = True
        self.list.blockSignals(True)
        self.list.clear()
        for index, member in enumerate(self.answers.members):
            self.list.addItem(self._list_text(member, index))
        self.current = min(self.current, len(self.answers.members) - 1) if self.answers.members else 0
        self.list.setCurrentRow(self.current)
        self.list.blockSignals(False)
        self._loading = False
        super().load()
        self.editor.setEnabled(bool(self.answers.members))
        self._refresh_checks()

    def select(self, index: int) -> None:
        if 0 <= index < len(self.answers.members):
            self.list.setCurrentRow(index)

    def _select(self, index: int) -> None:
        if index < 0:
            return
        self.current = index
        super().load()
        self._refresh_checks()
        self.member_selected.emit(index)

    def _list_text(self, member: MemberAnswer, index: int) -> str:
        relation = labels.label(labels.RELATION, str(member.relation))
        status = (
            "" if member.status == "aktif" else f" ({labels.label(labels.MEMBER_STATUS, str(member.status))})"
        )
        return f"{member_label(member, index)}\n{relation}{status}"

    def after_write(self, field: str) -> None:
        member = self.current_member()
        if member is None:
            return
        if field in ("name", "relation", "status"):
            item = self.list.item(self.current)
            if item is not None:
                item.setText(self._list_text(member, self.current))
            self.members_changed.emit()
        self._refresh_checks()

    def _refresh_checks(self) -> None:
        member = self.current_member()
        if member is None:
            self.nik_check.clear()
            self.birth_check.clear()
            return
        self.nik_check.setText(self._nik_text(member))
        problems = [p for p in member_problems(member, self.current, self.today) if "masa depan" in p]
        self.birth_check.setText(
            self.tr("Tanggal lahir ada di masa depan: periksa kembali.") if problems else ""
        )
        self.birth_check.setVisible(bool(problems))

    def _nik_text(self, member: MemberAnswer) -> str:
        if not member.nik.strip():
            self.nik_check.setStyleSheet(WARNING_STYLE)
            return self.tr("NIK belum diisi")
        check = validate_nik(
            member.nik, self.region_exists, birth_date=member.birth_date, sex=str(member.sex)
        )
        if check.errors:
            self.nik_check.setStyleSheet(ERROR_STYLE)
            return "✘ " + "; ".join(e.message for e in check.errors)
        sex = labels.label(labels.SEX, str(check.sex)) if check.sex else "?"
        decoded = self.tr("✔ Menurut NIK: lahir {date}, {sex}").format(
            date=check.birth_date.strftime("%d-%m-%Y") if check.birth_date else "?", sex=sex
        )
        if check.warnings:
            self.nik_check.setStyleSheet(WARNING_STYLE)
            return decoded + "\n⚠ " + "\n⚠ ".join(w.message for w in check.warnings)
        self.nik_check.setStyleSheet(OK_STYLE)
        return decoded

    def set_region_check(self, region_exists: Callable[[str], bool]) -> None:
        self.region_exists = region_exists
        self._refresh_checks()

    def add_member(self) -> None:
        if self.read_only:
            return
        # A new person gets an id now, so a KTP photo can name them before the registry row exists.
        self.answers.members.append(MemberAnswer(member_id=new_id()))
        self.current = len(self.answers.members) - 1
        self.load()
        self.name.setFocus()
        self.members_changed.emit()
        self.changed.emit()

    def remove_current(self) -> None:
        member = self.current_member()
        if member is None or self.read_only:
            return
        who = member_label(member, self.current)
        documents = self.documents_of(member.member_id)
        if documents:
            kinds = ", ".join(sorted({labels.label(labels.PHOTO_KIND, d.kind) for d in documents}))
            self.message.emit(
                self.tr(
                    "{who} tidak dihapus: masih ada {n} dokumen terlampir atas namanya ({kinds}). Hapus "
                    "dokumen itu atau pindahkan ke anggota lain di bagian Foto terlebih dahulu."
                ).format(who=who, n=len(documents), kinds=kinds),
                True,
            )
            return
        if member.member_id and not self.confirm(
            self.tr("Hapus anggota"),
            self.tr(
                "Hapus {who} dari kunjungan ini? Jika orang ini meninggal atau pindah, lebih baik ubah "
                "'Keberadaan' saja agar riwayatnya tetap tercatat."
            ).format(who=who),
        ):
            return
        del self.answers.members[self.current]
        self.current = max(0, self.current - 1)
        self.load()
        self.members_changed.emit()
        self.message.emit(self.tr("{who} dihapus dari kunjungan.").format(who=who), False)
        self.changed.emit()

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes


# ---- house ----------------------------------------------------------------------------------------


class HouseSection(Section):
    title = "Rumah & kondisi hidup"

    def __init__(self, answers: VisitAnswers, parent: QWidget | None = None) -> None:
        super().__init__(answers, parent)
        house: Target = lambda: self.answers.house  # noqa: E731
        living: Target = lambda: self.answers.living  # noqa: E731

        building = self.form_layout()
        families = self.bind(CountSpin(20), house, "families_in_house")
        building.addRow(self.tr("&Jumlah keluarga di rumah"), families)
        ownership = self.bind(ChoiceCombo(labels.choices(labels.OWNERSHIP)), house, "ownership")
        building.addRow(self.tr("Status &kepemilikan"), ownership)
        building.addRow(
            self.tr("&Luas lantai"), self.bind(DecimalSpin(10_000, 1, " m²"), house, "floor_area_m2")
        )
        building.addRow(self.tr("Jenis &lantai terluas"), self.bind(ChoiceCombo(labels.choices(labels.FLOOR)),
                                                                    house, "floor_material"))  # fmt: skip
        building.addRow(self.tr("Jenis &dinding terluas"), self.bind(ChoiceCombo(labels.choices(labels.WALL)),
                                                                     house, "wall_material"))  # fmt: skip
        building.addRow(self.tr("Jenis &atap terluas"), self.bind(ChoiceCombo(labels.choices(labels.ROOF)),
                                                                  house, "roof_material"))  # fmt: skip

        facilities = self.form_layout()
        for text, widget, field in (
            (self.tr("Sumber air &minum"), ChoiceCombo(labels.choices(labels.WATER)), "water_source"),
            (self.tr("Sumber &penerangan"), ChoiceCombo(labels.choices(labels.LIGHTING)), "lighting_source"),
            (
                self.tr("Daya listrik terpasang"),
                ChoiceCombo(labels.choices(labels.ELECTRICITY)),
                "electricity_va",
            ),
            (self.tr("ID pelanggan PLN"), TextEdit(20), "pln_meter_id"),
            (self.tr("Bahan bakar &memasak"), ChoiceCombo(labels.choices(labels.FUEL)), "cooking_fuel"),
            (self.tr("Fasilitas BAB"), ChoiceCombo(labels.choices(labels.TOILET)), "toilet_facility"),
            (self.tr("Jenis kloset"), ChoiceCombo(labels.choices(labels.TOILET_TYPE)), "toilet_type"),
            (
                self.tr("Pembuangan akhir tinja"),
                ChoiceCombo(labels.choices(labels.DISPOSAL)),
                "final_disposal",
            ),
        ):
            facilities.addRow(text, self.bind(widget, house, field))

        life = self.form_layout()
        life.addRow("", self.bind(Check(self.tr("Makan daging/susu/ayam paling banyak sekali seminggu")),
                                  living, "meat_milk_chicken_at_most_weekly"))  # fmt: skip
        life.addRow("", self.bind(Check(self.tr("Membeli satu stel pakaian baru setahun sekali")),
                                  living, "one_new_clothes_set_a_year"))  # fmt: skip
        life.addRow("", self.bind(Check(self.tr("Tidak sanggup membayar berobat ke puskesmas")),
                                  living, "cannot_afford_puskesmas"))  # fmt: skip
        life.addRow("", self.bind(Check(self.tr("Tidak punya tabungan/barang mudah dijual ≥ Rp500.000")),
                                  living, "savings_below_500k"))  # fmt: skip
        life.addRow(self.tr("Makan per hari"), self.bind(CountSpin(6), living, "meals_per_day"))
        life.addRow(self.tr("Lahan garapan kepala keluarga"),
                    self.bind(DecimalSpin(1_000_000, 0, " m²"), living, "head_farm_land_m2"))  # fmt: skip

        self.outer.addWidget(self._group(self.tr("Bangunan"), building))
        self.outer.addWidget(self._group(self.tr("Fasilitas"), facilities))
        self.outer.addWidget(self._group(self.tr("Kondisi hidup (kriteria kemiskinan BPS)"), life))
        self.outer.addStretch(1)
        self.load()

    @staticmethod
    def _group(title: str, layout: QFormLayout) -> QGroupBox:
        box = QGroupBox(title)
        box.setLayout(layout)
        return box


# ---- assets ---------------------------------------------------------------------------------------


class AssetsSection(Section):
    title = "Aset"

    def __init__(self, answers: VisitAnswers, parent: QWidget | None = None) -> None:
        super().__init__(answers, parent)
        assets: Target = lambda: self.answers.assets  # noqa: E731
        counts = QGridLayout()
        counts.setHorizontalSpacing(12)
        items = (
            (self.tr("Tabung gas ≥ 5,5 kg"), "gas_cylinder_5kg"),
            (self.tr("Lemari es/kulkas"), "fridge"),
            (self.tr("AC"), "air_conditioner"),
            (self.tr("Pemanas air"), "water_heater"),
            (self.tr("Telepon rumah"), "landline"),
            (self.tr("TV layar datar ≥ 30 inci"), "flat_tv_30in"),
            (self.tr("Komputer/laptop/tablet"), "computer"),
            (self.tr("Telepon pintar"), "smartphone"),
            (self.tr("Sepeda"), "bicycle"),
            (self.tr("Perahu"), "boat"),
            (self.tr("Perahu motor"), "motorboat"),
            (self.tr("Rumah di tempat lain"), "other_house"),
            (self.tr("Ternak besar (sapi, kerbau, kuda)"), "large_livestock"),
            (self.tr("Ternak kecil (kambing, babi)"), "small_livestock"),
        )
        per_column = (len(items) + 1) // 2
        for i, (text, field) in enumerate(items):
            column, row = divmod(i, per_column)
            label = QLabel(text)
            spin = self.bind(CountSpin(999 if "livestock" in field else 99), assets, field)
            label.setBuddy(spin)
            counts.addWidget(label, row, column * 2)
            counts.addWidget(spin, row, column * 2 + 1)
        counts.setColumnStretch(0, 1)
        counts.setColumnStretch(2, 1)
        counts_box = QGroupBox(self.tr("Jumlah barang"))
        counts_box.setLayout(counts)

        land = self.form_layout()
        land.addRow(
            self.tr("Emas/perhiasan"), self.bind(DecimalSpin(100_000, 1, " gram"), assets, "gold_grams")
        )
        land.addRow(
            self.tr("Lahan &pertanian"), self.bind(DecimalSpin(100_000, 2, " ha"), assets, "farmland_ha")
        )
        land.addRow(
            self.tr("Lahan lain"), self.bind(DecimalSpin(10_000_000, 0, " m²"), assets, "other_land_m2")
        )
        land.addRow(self.tr("Nilai properti"), self.bind(RupiahEdit(), assets, "property_value"))
        land.addRow("", self.bind(Check(self.tr("Memiliki usaha besar")), assets, "large_business"))
        land_box = QGroupBox(self.tr("Lahan, properti, usaha"))
        land_box.setLayout(land)

        self.vehicle_rows = QVBoxLayout()
        self.vehicle_rows.setSpacing(4)
        self.add_vehicle_button = QPushButton(self.tr("Tambah &kendaraan"))
        self.add_vehicle_button.clicked.connect(self.add_vehicle)
        vehicles = QVBoxLayout()
        vehicles.addWidget(
            self.hint(
                self.tr(
                    "Isi perkiraan harga jual setiap sepeda motor dan mobil. Hanya motor di atas batas paket "
                    "aturan (Rp30 juta) atau mobil yang menggugurkan; motor biasa tidak."
                )
            )
        )
        vehicles.addLayout(self.vehicle_rows)
        vehicles.addWidget(self.add_vehicle_button, 0, Qt.AlignmentFlag.AlignLeft)
        vehicles_box = QGroupBox(self.tr("Kendaraan bermotor"))
        vehicles_box.setLayout(vehicles)

        self.outer.addWidget(counts_box)
        self.outer.addWidget(vehicles_box)
        self.outer.addWidget(land_box)
        self.outer.addStretch(1)
        self.vehicle_widgets: list[tuple[ChoiceCombo, RupiahEdit, Check, QPushButton]] = []
        self.load()

    def load(self) -> None:
        super().load()
        self._rebuild_vehicles()

    def _rebuild_vehicles(self) -> None:
        while self.vehicle_rows.count():
            item = self.vehicle_rows.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.vehicle_widgets = []
        for index, vehicle in enumerate(self.answers.assets.vehicles):
            self._vehicle_row(index, vehicle)
        if self.read_only:
            set_read_only(self, True)

    def _vehicle_row(self, index: int, vehicle: Vehicle) -> None:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        kind = ChoiceCombo(labels.choices(labels.VEHICLE))
        kind.setMinimumContentsLength(10)
        kind.set_value(vehicle.kind)
        kind.setAccessibleName(self.tr("Jenis kendaraan {n}").format(n=index + 1))
        value = RupiahEdit()
        value.set_value(vehicle.estimated_value)
        value.setAccessibleName(self.tr("Perkiraan harga kendaraan {n}").format(n=index + 1))
        credit = Check(self.tr("kredit"))
        credit.set_value(vehicle.on_credit)
        remove = QPushButton(self.tr("Hapus"))
        remove.setAccessibleName(self.tr("Hapus kendaraan {n}").format(n=index + 1))

        def target(i: int = index) -> Vehicle | None:
            return self.answers.assets.vehicles[i] if i < len(self.answers.assets.vehicles) else None

        kind.value_changed.connect(lambda v, t=target: self._write(t, "kind", v))
        value.value_changed.connect(lambda v, t=target: self._write(t, "estimated_value", v))
        value.problem.connect(lambda text: self.message.emit(text, True))
        credit.value_changed.connect(lambda v, t=target: self._write(t, "on_credit", v))
        remove.clicked.connect(lambda _checked=False, i=index: self.remove_vehicle(i))
        layout.addWidget(kind)
        layout.addWidget(value, 1)
        layout.addWidget(credit)
        layout.addWidget(remove)
        self.vehicle_rows.addWidget(row)
        self.vehicle_widgets.append((kind, value, credit, remove))

    def add_vehicle(self) -> None:
        if self.read_only:
            return
        self.answers.assets.vehicles.append(Vehicle(kind="motor"))
        self._rebuild_vehicles()
        self.vehicle_widgets[-1][1].setFocus()
        self.changed.emit()

    def remove_vehicle(self, index: int) -> None:
        if self.read_only or not 0 <= index < len(self.answers.assets.vehicles):
            return
        del self.answers.assets.vehicles[index]
        self._rebuild_vehicles()
        self.changed.emit()


# ---- work and income ------------------------------------------------------------------------------


class WorkSection(Section):
    title = "Pekerjaan & penghasilan"

    def __init__(self, answers: VisitAnswers, parent: QWidget | None = None) -> None:
        super().__init__(answers, parent)
        self.grid_box = QGroupBox(self.tr("Pekerjaan dan penghasilan per bulan setiap anggota"))
        self.grid_holder = QVBoxLayout(self.grid_box)
        self.grid_holder.setContentsMargins(6, 6, 6, 6)
        self.grid_widget: QWidget | None = None
        self._shown_members: list[tuple[str | None, str]] | None = None
        self.total = QLabel()
        self.total.setStyleSheet("font-weight: bold;")
        self.member_widgets: list[tuple[ChoiceCombo, CountSpin, RupiahEdit]] = []

        empowerment: Target = lambda: self.answers.empowerment  # noqa: E731
        plan = self.form_layout()
        plan.addRow("", self.bind(Check(self.tr("Punya usaha yang berjalan")), empowerment, "has_business"))
        plan.addRow(
            "", self.bind(Check(self.tr("Punya rencana usaha yang jelas")), empowerment, "has_business_plan")
        )
        plan.addRow("", self.bind(Check(self.tr("Bersedia ikut pelatihan dan pendampingan")),
                                  empowerment, "willing_to_train"))  # fmt: skip
        plan.addRow(self.tr("Jenis usaha"), self.bind(TextEdit(80), empowerment, "business_type"))
        plan.addRow(self.tr("Modal yang diperlukan"), self.bind(RupiahEdit(), empowerment, "capital_needed"))
        plan.addRow(
            self.tr("Perkiraan penghasilan"), self.bind(RupiahEdit(), empowerment, "projected_income")
        )
        plan.addRow(self.tr("Lokasi usaha"), self.bind(TextEdit(120), empowerment, "business_location"))
        plan_box = QGroupBox(self.tr("Usaha dan pemberdayaan (PENA / Bansos Produktif)"))
        plan_box.setLayout(plan)

        self.outer.addWidget(
            self.hint(
                self.tr(
                    "Penghasilan semua anggota yang bekerja dijumlahkan dan dibandingkan dengan upah "
                    "minimum. "
                    "PNS, PPPK, TNI, Polri, perangkat desa dan guru bersertifikasi adalah pilihan tersendiri."
                )
            )
        )
        self.outer.addWidget(self.grid_box)
        self.outer.addWidget(self.total)
        self.outer.addWidget(plan_box)
        self.outer.addStretch(1)
        self.load()

    def load(self) -> None:
        self._rebuild()
        super().load()

    def _rebuild(self) -> None:
        people = [(m.member_id, member_label(m, i)) for i, m in enumerate(self.answers.members)]
        if people == self._shown_members:
            self._refresh_values()
            return
        self._shown_members = people
        if self.grid_widget is not None:
            self.grid_widget.hide()
            self.grid_widget.deleteLater()
        self.grid_widget = QWidget()
        self.grid = QGridLayout(self.grid_widget)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(10)
        self.grid_holder.addWidget(self.grid_widget)
        self.member_widgets = []
        for column, text in enumerate((self.tr("Nama"), self.tr("Pekerjaan"), self.tr("Jumlah usaha"),
                                       self.tr("Penghasilan per bulan"))):  # fmt: skip
            header = QLabel(f"<b>{text}</b>")
            self.grid.addWidget(header, 0, column)
        for index, member in enumerate(self.answers.members):

            def target(i: int = index) -> MemberAnswer | None:
                return self.answers.members[i] if i < len(self.answers.members) else None

            name = QLabel(member_label(member, index))
            occupation = ChoiceCombo(labels.choices(labels.OCCUPATION))
            occupation.setAccessibleName(self.tr("Pekerjaan {who}").format(who=member_label(member, index)))
            occupation.set_value(str(member.occupation))
            businesses = CountSpin(20)
            businesses.set_value(member.businesses)
            income = RupiahEdit()
            income.setAccessibleName(self.tr("Penghasilan {who}").format(who=member_label(member, index)))
            income.set_value(member.monthly_income)
            occupation.value_changed.connect(lambda v, t=target: self._write(t, "occupation", v))
            businesses.value_changed.connect(lambda v, t=target: self._write(t, "businesses", v))
            income.value_changed.connect(lambda v, t=target: self._write(t, "monthly_income", v))
            income.problem.connect(lambda text: self.message.emit(text, True))
            self.grid.addWidget(name, index + 1, 0)
            self.grid.addWidget(occupation, index + 1, 1)
            self.grid.addWidget(businesses, index + 1, 2)
            self.grid.addWidget(income, index + 1, 3)
            self.member_widgets.append((occupation, businesses, income))
        self.grid.setColumnStretch(0, 2)
        self.grid.setColumnStretch(1, 3)
        self.grid.setColumnStretch(3, 2)
        self._update_total()
        if self.read_only:
            set_read_only(self.grid_box, True)

    def _refresh_values(self) -> None:
        for member, (occupation, businesses, income) in zip(
            self.answers.members, self.member_widgets, strict=True
        ):
            occupation.set_value(str(member.occupation))
            businesses.set_value(member.businesses)
            if income.value() != member.monthly_income:
                income.set_value(member.monthly_income)
        self._update_total()

    def after_write(self, field: str) -> None:
        if field == "monthly_income":
            self._update_total()

    def _update_total(self) -> None:
        total = sum(m.monthly_income for m in self.answers.members if m.status == "aktif")
        self.total.setText(
            self.tr("Penghasilan keluarga per bulan: {total}").format(total=format_rupiah(total))
        )


# ---- assessment -----------------------------------------------------------------------------------


class AssessmentSection(Section):
    title = "Penilaian rumah"

    def __init__(self, answers: VisitAnswers, parent: QWidget | None = None) -> None:
        super().__init__(answers, parent)
        assessment: Target = lambda: self.answers.assessment  # noqa: E731
        box = QGroupBox(self.tr("Tanda rumah mewah (kriteria graduasi GRAD-RUMAH)"))
        form = self.form_layout()
        form.addRow("", self.bind(Check(self.tr("Rumah ber-&AC")), assessment, "air_conditioning"))
        form.addRow("", self.bind(Check(self.tr("&Perabot mewah")), assessment, "luxurious_furniture"))
        form.addRow("", self.bind(Check(self.tr("&Renovasi besar")), assessment, "major_renovation"))
        box.setLayout(form)
        confirm_box = QGroupBox(self.tr("Konfirmasi petugas"))
        confirm = QVBoxLayout(confirm_box)
        confirm.addWidget(
            self.bind(
                Check(self.tr("Saya sudah melihat sendiri bahwa rumah ini &mewah")),
                assessment,
                "officer_confirms_luxury",
            )
        )
        confirm.addWidget(
            self.hint(
                self.tr(
                    "Aturan rumah mewah hanya berlaku bila petugas mengonfirmasi dan foto rumah bagian depan "
                    "serta bagian dalam terlampir. Tanpa konfirmasi, hasilnya 'perlu verifikasi'."
                )
            )
        )
        self.outer.addWidget(box)
        self.outer.addWidget(confirm_box)
        self.outer.addStretch(1)
        self.load()


# ---- documents ------------------------------------------------------------------------------------


class DocumentsSection(Section):
    """The dossier checklist (DOMAIN §6) with the state of each document, and a way to add one."""

    title = "Dokumen"
    add_requested = Signal(str)  # photo kind

    def __init__(self, answers: VisitAnswers, parent: QWidget | None = None) -> None:
        super().__init__(answers, parent)
        self.counts: dict[str, int] = {}
        self.rows = QGridLayout()
        self.rows.setHorizontalSpacing(12)
        self.rows.setVerticalSpacing(8)
        self.status_labels: dict[str, QLabel] = {}
        documents = (
            (PhotoKind.KTP, self.tr("KTP-el setiap anggota")),
            (PhotoKind.KK, self.tr("Kartu Keluarga terbaru")),
            (PhotoKind.SKTM, self.tr("SKTM dari desa (dengan pengantar RT/RW)")),
            (PhotoKind.INCOME_PROOF, self.tr("Bukti penghasilan (slip gaji/surat keterangan), jika ada")),
            (PhotoKind.DOMICILE_LETTER, self.tr("Surat keterangan domisili (jika alamat KTP berbeda)")),
            (PhotoKind.SIGNED_STATEMENT, self.tr("Surat pernyataan graduasi mandiri (jika ada)")),
        )
        for row, (kind, text) in enumerate(documents):
            status = QLabel()
            status.setMinimumWidth(150)
            button = QPushButton(self.tr("Tambah foto…"))
            button.setAccessibleName(self.tr("Tambah foto {what}").format(what=text))
            button.clicked.connect(lambda _checked=False, k=str(kind): self.add_requested.emit(k))
            self.rows.addWidget(QLabel(text), row, 0)
            self.rows.addWidget(status, row, 1)
            self.rows.addWidget(button, row, 2)
            self.status_labels[str(kind)] = status
        self.rows.setColumnStretch(0, 1)
        box = QGroupBox(self.tr("Kelengkapan dokumen"))
        box.setLayout(self.rows)
        self.outer.addWidget(
            self.hint(
                self.tr(
                    "Foto dokumen disimpan terenkripsi bersama kunjungan. Tentukan pemilik setiap KTP di "
                    "bagian Foto. Daftar ini juga dipakai untuk berkas daftar ulang."
                )
            )
        )
        self.outer.addWidget(box)
        self.outer.addStretch(1)
        self.load()

    def set_counts(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self.load()

    def load(self) -> None:
        super().load()
        people = max(1, sum(1 for m in self.answers.members if m.status == "aktif"))
        for kind, label in self.status_labels.items():
            have = self.counts.get(kind, 0)
            need = people if kind == PhotoKind.KTP else 1
            if have >= need:
                label.setText(self.tr("✔ lengkap ({n})").format(n=have))
                label.setStyleSheet(OK_STYLE)
            elif have:
                label.setText(self.tr("◐ {have} dari {need}").format(have=have, need=need))
                label.setStyleSheet(WARNING_STYLE)
            else:
                label.setText(self.tr("✘ belum ada"))
                label.setStyleSheet(
                    ERROR_STYLE if kind in (PhotoKind.KTP, PhotoKind.KK) else "color: #546e7a;"
                )


# ---- conclusion -----------------------------------------------------------------------------------


class ConclusionSection(Section):
    title = "Kesimpulan"

    def __init__(self, answers: VisitAnswers, parent: QWidget | None = None) -> None:
        super().__init__(answers, parent)
        conclusion: Target = lambda: self.answers.conclusion  # noqa: E731
        box = QGroupBox(self.tr("Pernyataan dan catatan"))
        form = self.form_layout()
        form.addRow("", self.bind(Check(self.tr("Keluarga menandatangani pernyataan graduasi &mandiri")),
                                  conclusion, "voluntary_graduation_signed"))  # fmt: skip
        form.addRow("", self.bind(Check(self.tr("Alamat di KTP berbeda dengan tempat tinggal")),
                                  conclusion, "ktp_address_differs"))  # fmt: skip
        form.addRow(
            "", self.bind(Check(self.tr("Keluarga ingin &daftar ulang")), conclusion, "wants_reregistration")
        )
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(self.tr("Catatan petugas untuk pemeriksa (opsional)"))
        self.notes.setMaximumHeight(110)
        self.notes.textChanged.connect(self._notes_changed)
        notes_label = QLabel(self.tr("Ca&tatan"))
        notes_label.setBuddy(self.notes)
        form.addRow(notes_label, self.notes)
        box.setLayout(form)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.RichText)
        self.problems.setFrameShape(QFrame.Shape.StyledPanel)
        self.problems.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.problems.setContentsMargins(8, 8, 8, 8)
        self.outer.addWidget(box)
        self.outer.addWidget(self.problems)
        self.outer.addStretch(1)
        self.load()

    def load(self) -> None:
        super().load()
        if self.notes.toPlainText() != self.answers.conclusion.notes:
            self.notes.blockSignals(True)
            self.notes.setPlainText(self.answers.conclusion.notes)
            self.notes.blockSignals(False)

    def _notes_changed(self) -> None:
        if self.read_only:
            return
        self.answers.conclusion.notes = self.notes.toPlainText()[:2000]
        self.changed.emit()

    def set_problems(self, problems: list[str]) -> None:
        if problems:
            items = "".join(f"<li>{_escape(p)}</li>" for p in problems)
            self.problems.setText(
                f"<b style='color:#b71c1c'>{_escape(self.tr('Belum dapat dikirim:'))}</b><ul>{items}</ul>"
            )
        else:
            self.problems.setText(
                f"<b style='color:#1b5e20'>{_escape(self.tr('Siap dikirim.'))}</b> "
                + _escape(self.tr("Tekan Kirim (Ctrl+Enter); setelah itu kunjungan tidak dapat diubah."))
            )


def _escape(text: str) -> str:
    import html  # noqa: PLC0415

    return html.escape(text)
