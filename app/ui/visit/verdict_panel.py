"""The live verdict panel: what the policy pack concludes from the answers so far, and why.

`VerdictRunner` evaluates on a worker thread and coalesces: while one evaluation runs, newer requests
only replace the pending one, and a result is shown only if no newer request was made meanwhile. So
typing fast costs at most one evaluation in flight plus one waiting, and the panel never shows an
answer older than what is on screen. `VerdictPanel` renders a `Verdict` as readable rich text.
"""

from __future__ import annotations

import html
import time
from datetime import date
from typing import Any

from PySide6.QtCore import QLocale, QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from app.core.models import Household, Member
from app.core.rules import PolicyPack, Verdict
from app.store.visits import evaluate_visit
from app.ui.visit.widgets import format_rupiah
from app.ui.worker import Job, run_in_background

COLOURS = {
    "danger": "#b71c1c",
    "warning": "#e65100",
    "info": "#0d47a1",
    "success": "#1b5e20",
    "neutral": "#455a64",
}
OUTCOME_COLOURS = {
    "graduasi_wajib": "danger",
    "perlu_verifikasi": "warning",
    "graduasi_alamiah": "neutral",
    "graduasi_mandiri": "neutral",
    "tetap_layak": "success",
    "layak": "success",
    "bukan_sasaran": "neutral",
}


def loc(item: Any, field: str) -> str:
    """A pack text in the interface's language: the pack carries Indonesian and English."""
    english = QLocale().language() == QLocale.Language.English
    text = getattr(item, f"{field}_en", "") if english else ""
    return str(text or getattr(item, f"{field}_id", ""))


def colour_of(outcome: str) -> str:
    return COLOURS[OUTCOME_COLOURS.get(outcome, "info")]


class VerdictRunner(QObject):
    """Background, coalescing evaluation of one household's answers."""

    evaluated = Signal(object, float)  # Verdict, request time (perf_counter) of the answers it reflects
    failed = Signal(str)

    def __init__(
        self,
        pack: PolicyPack,
        household: Household,
        members: list[Member],
        parent: QObject | None = None,
        niks_elsewhere: frozenset[str] = frozenset(),
    ):
        super().__init__(parent)
        self.pack = pack
        self.household = household
        self.members = members
        self.niks_elsewhere = niks_elsewhere
        self._generation = 0
        self._running = False
        self._pending: tuple[int, dict[str, Any], list[str], float] | None = None
        self._job: Job | None = None

    def request(self, answers: dict[str, Any], photo_kinds: list[str]) -> None:
        self._generation += 1
        self._pending = (self._generation, answers, photo_kinds, time.perf_counter())
        if not self._running:
            self._start_pending()

    @property
    def busy(self) -> bool:
        return self._running or self._pending is not None

    def _start_pending(self) -> None:
        if self._pending is None:
            return
        generation, answers, kinds, asked = self._pending
        self._pending = None
        self._running = True
        pack, household, members, elsewhere = self.pack, self.household, self.members, self.niks_elsewhere

        def evaluate(_job: Job) -> Verdict:
            from app.core.answers import VisitAnswers  # noqa: PLC0415 - keep the import local to the worker

            typed = VisitAnswers.model_validate(answers)
            return evaluate_visit(pack, household, members, typed, kinds, date.today(), elsewhere)

        self._job = run_in_background(
            evaluate,
            on_success=lambda verdict: self._done(generation, asked, verdict, None),
            on_failure=lambda exc: self._done(generation, asked, None, exc),
        )

    def _done(self, generation: int, asked: float, verdict: Verdict | None, error: Exception | None) -> None:
        self._running = False
        self._job = None
        if generation == self._generation:
            if verdict is not None:
                self.evaluated.emit(verdict, asked)
            elif error is not None:
                message = getattr(error, "message", None) or str(error)
                self.failed.emit(message)
        self._start_pending()


class VerdictPanel(QFrame):
    """Overall outcome as a coloured badge, then programmes, reasons, PKH, flags, what is missing."""

    updated = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verdictPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.verdict: Verdict | None = None
        self._photo_counts: dict[str, int] = {}
        self.heading = QLabel(self.tr("Kesimpulan aturan (langsung)"))
        self.heading.setObjectName("verdictHeading")
        self.badge = QLabel(self.tr("Menghitung…"))
        self.badge.setObjectName("verdictBadge")
        self.badge.setWordWrap(True)
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge.setMinimumHeight(44)
        self.pack_label = QLabel()
        self.pack_label.setObjectName("verdictPack")
        self.pack_label.setWordWrap(True)
        self.body = QLabel()
        self.body.setObjectName("verdictBody")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 6, 0)
        holder_layout.addWidget(self.body)
        holder_layout.addStretch(1)
        scroll.setWidget(holder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addWidget(self.heading)
        layout.addWidget(self.badge)
        layout.addWidget(self.pack_label)
        layout.addWidget(scroll, 1)
        self._set_badge(self.tr("Menghitung…"), COLOURS["neutral"])

    # ---- reading back (tests, screen readers) -------------------------------------------------

    def text(self) -> str:
        """Everything the panel says, as plain text."""
        from PySide6.QtGui import QTextDocument  # noqa: PLC0415

        document = QTextDocument()
        document.setHtml(self.body.text())
        return f"{self.badge.text()}\n{self.pack_label.text()}\n{document.toPlainText()}"

    # ---- rendering ----------------------------------------------------------------------------

    def show_error(self, message: str) -> None:
        self._set_badge(self.tr("Aturan tidak dapat dihitung"), COLOURS["warning"])
        self.body.setText(f"<p>{html.escape(message)}</p>")
        self.updated.emit()

    def show_verdict(self, verdict: Verdict, photo_counts: dict[str, int] | None = None) -> None:
        """Render `verdict`; `photo_counts` (kind → photos attached) ticks the document checklist."""
        self.verdict = verdict
        self._photo_counts = dict(photo_counts or {})
        self._set_badge(loc(verdict, "overall_label"), COLOURS.get(str(verdict.colour), COLOURS["neutral"]))
        self.pack_label.setText(
            self.tr("Paket aturan {pack} versi {version} · tanggal acuan {date}").format(
                pack=verdict.pack_id,
                version=verdict.pack_version,
                date=verdict.reference_date.strftime("%d-%m-%Y"),
            )
        )
        self.body.setText(self._body_html(verdict, self._photo_counts))
        self.updated.emit()

    def _set_badge(self, text: str, colour: str) -> None:
        self.badge.setText(text)
        self.badge.setStyleSheet(
            f"QLabel#verdictBadge {{ background: {colour}; color: white; font-size: 14pt; font-weight: bold;"
            " border-radius: 4px; padding: 6px; }"
        )

    def _body_html(self, verdict: Verdict, photo_counts: dict[str, int]) -> str:
        esc = html.escape
        parts: list[str] = []
        h = self._heading

        if verdict.programmes:
            rows = []
            for p in verdict.programmes:
                status = self.tr("peserta") if p.member else self.tr("bukan peserta")
                rows.append(
                    f"<tr><td><b>{esc(p.programme)}</b></td><td style='color:#555'>{esc(status)}</td>"
                    f"<td style='color:{colour_of(str(p.outcome))}'><b>{esc(loc(p, 'label'))}</b></td></tr>"
                )
            parts.append(h(self.tr("Per program")) + "<table cellspacing='0' cellpadding='2'>" + "".join(rows)
                         + "</table>")  # fmt: skip

        reasons = [r for r in verdict.fired if r.kind not in ("component", "score", "checklist", "flag")]
        if reasons:
            items = []
            for rule in reasons:
                unconfirmed = esc(self.tr("perlu konfirmasi"))
                pending = "" if rule.confirmed else f" <i>({unconfirmed})</i>"
                colour = colour_of(str(rule.outcome))
                items.append(
                    f"<p style='margin:0 0 6px 0'><span style='color:{colour}'>■</span> "
                    f"<b>{esc(loc(rule, 'title'))}</b>{pending}<br>{esc(loc(rule, 'reason'))}"
                    f"<br><span style='color:#777'>{esc(rule.rule_id)} · {esc(rule.source)}</span></p>"
                )
            parts.append(h(self.tr("Alasan")) + "".join(items))

        pkh = verdict.pkh
        if pkh.lines:
            rows = []
            for line in pkh.lines:
                if line.paid:
                    amount = format_rupiah(line.amount_year)
                else:
                    why = (
                        self.tr("melebihi batas komponen")
                        if line.dropped_because == "max_components"
                        else self.tr("melebihi batas anak")
                    )
                    amount = f"<s>{format_rupiah(line.amount_year)}</s> ({esc(why)})"
                rows.append(
                    f"<tr><td>{esc(loc(line, 'label'))}</td><td>{esc(line.member_name)}</td>"
                    f"<td align='right'>{amount}</td></tr>"
                )
            total = self.tr("Total per tahun {year} · per tahap {stage}").format(
                year=format_rupiah(pkh.total_year), stage=format_rupiah(pkh.total_stage)
            )
            parts.append(
                h(self.tr("Komponen PKH"))
                + "<table cellspacing='0' cellpadding='2' width='100%'>"
                + "".join(rows)
                + f"</table><p style='margin-top:2px'><b>{esc(total)}</b></p>"
            )

        flags = [r for r in verdict.fired if r.kind == "flag"]
        if flags:
            parts.append(
                h(self.tr("Tanda data"))
                + "".join(
                    f"<p style='margin:0 0 4px 0'>⚑ <b>{esc(loc(f, 'title'))}</b>: "
                    f"{esc(loc(f, 'reason'))}</p>"
                    for f in flags
                )  # fmt: skip
            )

        if verdict.bps14.count:
            parts.append(
                h(self.tr("Kriteria kemiskinan BPS"))
                + "<p>"
                + esc(
                    self.tr("{n} dari 14 kriteria terpenuhi ({which})").format(
                        n=verdict.bps14.count, which=", ".join(str(c) for c in verdict.bps14.criteria)
                    )
                )
                + "</p>"
            )

        if verdict.missing:
            parts.append(
                h(self.tr("Masih diperlukan untuk menyimpulkan"))
                + "".join(
                    f"<p style='margin:0 0 4px 0'>• {esc(loc(m, 'label'))}"
                    f"<span style='color:#777'> ({esc(', '.join(m.rule_ids))})</span></p>"
                    for m in verdict.missing
                )
            )

        checklist = verdict.rule("DOKUMEN-DAFTAR-ULANG")
        if checklist is not None and verdict.checklist:
            parts.append(
                h(self.tr("Dokumen daftar ulang"))
                + "".join(
                    "<p style='margin:0 0 2px 0'>"
                    + (
                        "<span style='color:#1b5e20'>☑</span>"
                        if photo_counts.get(item.photo_kind, 0) >= item.count
                        else "<span style='color:#b71c1c'>☐</span>"
                    )
                    + f" {esc(loc(item, 'label'))}"
                    + (f" × {item.count}" if item.count > 1 else "")
                    + ("" if item.required else f" <i>({esc(self.tr('jika perlu'))})</i>")
                    + "</p>"
                    for item in verdict.checklist
                )
            )

        if verdict.errors:
            parts.append(
                h(self.tr("Aturan yang gagal dihitung"))
                + "".join(f"<p>{esc(e.rule_id)}: {esc(e.message)}</p>" for e in verdict.errors)
            )
        if not parts:
            parts.append(f"<p>{esc(self.tr('Tidak ada aturan yang terpicu.'))}</p>")
        return "".join(parts)

    @staticmethod
    def _heading(text: str) -> str:
        return f"<h4 style='margin:10px 0 4px 0; color:#263238'>{html.escape(text)}</h4>"
