"""The dossier as a PDF, drawn with Qt's own PDF writer (no external program on the laptop).

Page 1 is the SKTM letter of DOMAIN §7 (letterhead, title, number, identity, statement, signature
block with a stamp placeholder); then the dossier pages: request, family, documents checklist, the
rules' verdict with its reasons; then the photos and scans, two per page, decrypted from the vault
and embedded as images with their captions. Content comes ready-made from `app.core.dossier`; this
module only lays it out. Needs a QGuiApplication (the CLI makes an offscreen one).
"""

from __future__ import annotations

import html
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from app.core.dossier import Dossier, DossierPhoto, SktmLetter, format_date_id

PhotoLoader = Callable[[str], bytes | None]
SERIF = ["Times New Roman", "Liberation Serif", "Tinos", "DejaVu Serif", "serif"]
SANS = ["Arial", "Liberation Sans", "DejaVu Sans", "sans-serif"]
DPI = 300
# F4/folio paper is common in village offices, but A4 prints everywhere; A4 it is.
PAGE = QPageSize.PageSizeId.A4
MARGINS_MM = QMarginsF(25, 15, 20, 18)  # left, top, right, bottom: binding margin on the left
# Photos are drawn at most this many pixels on their long edge: sharp on paper, small in the file.
PHOTO_MAX_PX = 1200
SIGNATURE_SPACE_MM = 24


def ensure_gui() -> QCoreApplication:
    """Painting text needs a QGuiApplication; the CLI has none of its own (offscreen works)."""
    return QGuiApplication.instance() or QGuiApplication(sys.argv[:1])


def tr(text: str) -> str:
    return QCoreApplication.translate("DossierPdf", text)


@dataclass
class RenderReport:
    pages: int = 0
    photos_embedded: int = 0
    photos_missing: list[str] = field(default_factory=list)


def _font(families: list[str], size: float, *, bold: bool = False, italic: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(families)
    font.setPointSizeF(size)
    font.setBold(bold)
    font.setItalic(italic)
    return font


class _Pages:
    """A QPdfWriter with a painter, page geometry in device units and a page footer."""

    def __init__(self, target: str, title: str, footer: str) -> None:
        self.writer = QPdfWriter(target)
        self.writer.setResolution(DPI)
        self.writer.setTitle(title)
        self.writer.setCreator("Verval Desa")
        self.writer.setPageLayout(
            QPageLayout(
                QPageSize(PAGE), QPageLayout.Orientation.Portrait, MARGINS_MM, QPageLayout.Unit.Millimeter
            )
        )
        self.painter = QPainter()
        if not self.painter.begin(self.writer):
            raise OSError(f"cannot write {target}")
        rect = self.writer.pageLayout().paintRectPixels(DPI)
        self.width = float(rect.width())
        self.height = float(rect.height())
        self.footer = footer
        self.count = 1

    def mm(self, value: float) -> float:
        return value * DPI / 25.4

    def new_page(self) -> None:
        self._draw_footer()
        self.writer.newPage()
        self.count += 1

    def finish(self) -> int:
        self._draw_footer()
        self.painter.end()
        return self.count

    def _draw_footer(self) -> None:
        p = self.painter
        p.save()
        p.setFont(_font(SANS, 7))
        p.setPen(QColor("#666"))
        y = self.height + self.mm(4)
        p.drawText(QRectF(0, y, self.width, self.mm(5)), Qt.AlignmentFlag.AlignLeft, self.footer)
        p.drawText(
            QRectF(0, y, self.width, self.mm(5)),
            Qt.AlignmentFlag.AlignRight,
            tr("hlm. {n}").format(n=self.count),
        )
        p.restore()

    def document(self, body_html: str, font: QFont) -> QTextDocument:
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(self.writer)
        doc.setDefaultFont(font)
        doc.setDocumentMargin(0)
        doc.setHtml(body_html)
        doc.setTextWidth(self.width)
        return doc

    def flow(self, doc: QTextDocument, top: float = 0.0) -> float:
        """Draw `doc` from `top`, breaking onto new pages; returns the y where it ended."""
        doc.setPageSize(QSizeF(self.width, self.height - top))
        pages = doc.pageCount()
        p = self.painter
        for index in range(pages):
            if index:
                self.new_page()
                top = 0.0
                doc.setPageSize(QSizeF(self.width, self.height))
            p.save()
            page_h = doc.pageSize().height()
            p.translate(0, top - index * page_h)
            doc.drawContents(p, QRectF(0, index * page_h, self.width, page_h))
            p.restore()
        used = doc.size().height() - (pages - 1) * doc.pageSize().height()
        return top + min(used, doc.pageSize().height())


def render_dossier_pdf(dossier: Dossier, out: Path, load_photo: PhotoLoader) -> RenderReport:
    """Write the dossier to `out`. Photos the vault cannot give are listed, shown as an empty frame."""
    out.parent.mkdir(parents=True, exist_ok=True)
    footer = tr("Dosier {kind} · {name} · KK {kk} · dibuat {date} dengan Verval Desa").format(
        kind=dossier.kind_label,
        name=dossier.head_name,
        kk=dossier.kk_number,
        date=format_date_id(dossier.generated_on),
    )
    title = dossier.letter.title if dossier.letter else tr("Dosier permohonan")
    pages = _Pages(str(out), title, footer)
    report = RenderReport()
    try:
        if dossier.letter is not None:
            _draw_letter(pages, dossier.letter)
            pages.new_page()
        _draw_summary(pages, dossier)
        _draw_photos(pages, dossier, load_photo, report)
    finally:
        report.pages = pages.finish()
    return report


# ---- the SKTM letter -------------------------------------------------------------------------------


def _draw_letter(pages: _Pages, letter: SktmLetter) -> None:
    p = pages.painter
    w = pages.width
    head = letter.letterhead
    y = 0.0
    p.setPen(QColor("black"))
    for text, size in (
        (head.regency_line, 14),
        (head.district_line, 14),
        (head.village_line, 16),
    ):
        font = _font(SERIF, size, bold=True)
        p.setFont(font)
        height = QFontMetricsF(font, pages.writer).height()
        p.drawText(QRectF(0, y, w, height), Qt.AlignmentFlag.AlignHCenter, text)
        y += height
    font = _font(SERIF, 10, italic=True)
    p.setFont(font)
    height = QFontMetricsF(font, pages.writer).height()
    p.drawText(QRectF(0, y, w, height), Qt.AlignmentFlag.AlignHCenter, head.address_line)
    y += height + pages.mm(1.5)
    # The kop's double rule: a thick line over a thin one.
    p.setPen(QPen(QColor("black"), pages.mm(0.8)))
    p.drawLine(QPointF(0, y), QPointF(w, y))
    y += pages.mm(1.0)
    p.setPen(QPen(QColor("black"), pages.mm(0.25)))
    p.drawLine(QPointF(0, y), QPointF(w, y))
    y += pages.mm(7)

    e = html.escape
    indent = int(pages.mm(12))
    rows = "".join(
        f"<tr><td width='7%'></td><td width='29%'>{e(k)}</td><td width='3%'>:</td><td>{e(v)}</td></tr>"
        for k, v in (
            ("Nama", letter.identity.name),
            ("NIK", letter.identity.nik),
            ("No. KK", letter.identity.kk_number),
            ("Tempat/Tanggal Lahir", letter.identity.birth),
            ("Jenis Kelamin", letter.identity.sex),
            ("Agama", letter.identity.religion),
            ("Status Perkawinan", letter.identity.marital_status),
            ("Pekerjaan", letter.identity.occupation),
            ("Alamat", letter.identity.address),
        )
    )
    number = letter.number or "……/……/……/" + str(letter.issued_on.year)
    paragraph = f"align='justify' style='text-indent: {indent}px; margin-bottom: 6px; line-height: 112%'"
    statements = "".join(f"<p {paragraph}>{e(s)}</p>" for s in letter.statements)
    body = f"""
    <p align='center' style='margin: 0'>
      <b><u><span style='font-size: 13pt'>{e(letter.title)}</span></u></b></p>
    <p align='center' style='margin-top: 0; margin-bottom: 16px'>Nomor: {e(number)}</p>
    <p {paragraph}>{e(letter.opening)}</p>
    <table cellspacing='0' cellpadding='2' style='margin-bottom: 10px' width='100%'>{rows}</table>
    {statements}
    <p {paragraph}>{e(letter.closing)}</p>
    """
    gap = pages.mm(7)
    # A letter is one page: shrink the body type a little when a long address or purpose needs it.
    for size in (12, 11.5, 11, 10.5, 10):
        doc = pages.document(body, _font(SERIF, size))
        if y + doc.size().height() + gap + _signature_height(pages) <= pages.height:
            break
    p.save()
    p.translate(0, y)
    doc.drawContents(p)
    p.restore()
    _draw_signature(pages, letter, y + doc.size().height() + gap)


def _signature_height(pages: _Pages) -> float:
    line = QFontMetricsF(_font(SERIF, 12), pages.writer).height()
    return 4 * line + SIGNATURE_SPACE_MM * DPI / 25.4


def _draw_signature(pages: _Pages, letter: SktmLetter, top: float) -> None:
    p = pages.painter
    font = _font(SERIF, 12)
    metrics = QFontMetricsF(font, pages.writer)
    line = metrics.height()
    x = pages.width * 0.52
    width = pages.width - x
    p.setFont(font)
    y = top
    for text in (letter.place_date, letter.signer_on_behalf, letter.signer_title):
        if text:
            p.drawText(QRectF(x, y, width, line), Qt.AlignmentFlag.AlignHCenter, text)
            y += line
    space = pages.mm(SIGNATURE_SPACE_MM)
    # Stamp placeholder: a dashed circle overlapping the left of the signature, as the cap is pressed.
    radius = pages.mm(15)
    centre = QPointF(x + width * 0.22, y + space / 2 + pages.mm(2))
    p.save()
    pen = QPen(QColor("#8a8a8a"), pages.mm(0.3))
    pen.setStyle(Qt.PenStyle.DashLine)
    p.setPen(pen)
    p.drawEllipse(centre, radius, radius)
    p.setFont(_font(SANS, 7))
    p.drawText(
        QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius),
        Qt.AlignmentFlag.AlignCenter,
        tr("CAP\nDESA"),
    )
    p.restore()
    y += space
    name_font = _font(SERIF, 12, bold=True)
    name_font.setUnderline(True)
    p.setFont(name_font)
    p.drawText(QRectF(x, y, width, line), Qt.AlignmentFlag.AlignHCenter, letter.signer_name)


# ---- dossier pages ---------------------------------------------------------------------------------


GRID = (
    "border='1' cellspacing='0' cellpadding='4' width='100%' "
    "style='border-collapse: collapse; border-color: #777; border-style: solid'"
)


def _draw_summary(pages: _Pages, dossier: Dossier) -> None:
    e = html.escape
    family_rows = "".join(
        f"<tr><td>{i}</td><td>{e(m.name)}</td><td style='white-space: nowrap'>{e(m.nik)}</td>"
        f"<td>{e(m.relation)}</td><td>{e(m.sex)}</td>"
        f"<td>{e(m.birth)}</td><td>{e(m.occupation)}</td><td>{e(m.notes)}</td></tr>"
        for i, m in enumerate(dossier.family, 1)
    )
    photo_numbers = {ph.photo_id: i for i, ph in enumerate(dossier.photos, 1)}
    check_rows = []
    for line in dossier.checklist:
        state = (
            "✔ " + tr("lengkap")
            if line.done
            else ("✘ " + tr("belum") if line.required else "– " + tr("opsional"))
        )
        colour = "#1b5e20" if line.done else ("#b71c1c" if line.required else "#555")
        refs = ", ".join(str(photo_numbers[ph.photo_id]) for ph in line.photos)
        extra = e(line.note) if line.note else (tr("foto no. {refs}").format(refs=refs) if refs else "")
        needed = f"{len(line.photos)}/{line.needed}"
        check_rows.append(
            f"<tr><td>{e(line.label)}</td><td align='center'>{needed}</td>"
            f"<td style='color:{colour}; white-space: nowrap'>{e(state)}</td><td>{extra}</td></tr>"
        )
    source = (
        tr("Daftar dokumen dari paket aturan (DOKUMEN-DAFTAR-ULANG).")
        if dossier.checklist_from_pack
        else tr("Daftar dokumen baku (belum ada hasil paket aturan untuk keluarga ini).")
    )
    verdict_html = f"<p>{e(dossier.verdict_note)}</p>"
    if dossier.verdict is not None:
        v = dossier.verdict
        programme_rows = "".join(
            f"<tr><td>{e(pv.programme)}</td><td>{tr('peserta') if pv.member else tr('bukan peserta')}</td>"
            f"<td><b>{e(pv.label_id)}</b></td><td>{e(', '.join(pv.rule_ids))}</td></tr>"
            for pv in v.programmes
        )
        reasons = "".join(
            f"<li><b>{e(r.rule_id)}</b> — {e(r.title_id)}: {e(r.reason_id)} <i>({e(r.source)})</i></li>"
            for r in v.fired
        )
        missing = "".join(f"<li>{e(m.label_id)}</li>" for m in v.missing)
        verdict_html += (
            f"<p>{tr('Kesimpulan')}: <b>{e(v.overall_label_id)}</b> · "
            f"BPS-14: {v.bps14.count}/14{' (' + tr('miskin') + ')' if v.bps14.poor else ''}</p>"
            f"<table {GRID}>"
            f"<tr><th width='18%'>{tr('Program')}</th><th width='22%'>{tr('Status')}</th>"
            f"<th width='30%'>{tr('Hasil')}</th><th>{tr('Aturan')}</th></tr>"
            f"{programme_rows}</table>"
            f"<p><b>{tr('Alasan')}</b></p><ul>{reasons or '<li>-</li>'}</ul>"
        )
        if missing:
            verdict_html += f"<p><b>{tr('Data yang masih kurang')}</b></p><ul>{missing}</ul>"
    programmes = e(", ".join(dossier.programmes)) or tr("tidak ada")
    body = f"""
    <h2 align='center' style='margin-bottom: 2px'>
      {tr("DOSIER PERMOHONAN")} — {e(dossier.kind_label.upper())}</h2>
    <p align='center' style='margin-top: 0'>{tr("Dibuat")} {e(format_date_id(dossier.generated_on))}
       · {tr("No. permohonan")} {e(dossier.request_id[:8])}</p>
    <table cellspacing='0' cellpadding='2'>
      <tr><td width='150'>{tr("Kepala keluarga")}</td><td>: <b>{e(dossier.head_name)}</b></td></tr>
      <tr><td>{tr("No. KK")}</td><td>: {e(dossier.kk_number)}</td></tr>
      <tr><td>{tr("Alamat")}</td><td>: {e(dossier.address)}</td></tr>
      <tr><td>{tr("Desil DTSEN")}</td><td>: {dossier.desil if dossier.desil is not None else "-"}</td></tr>
      <tr><td>{tr("Program")}</td><td>: {programmes}</td></tr>
      <tr><td>{tr("Permohonan")}</td><td>: {e(dossier.kind_label)}, {tr("diterima")} {e(dossier.created_on)},
          {tr("status")} <b>{e(dossier.status_label)}</b></td></tr>
    </table>
    <h3>{tr("Susunan keluarga")}</h3>
    <table {GRID}>
      <tr><th width='3%'>#</th><th width='17%'>{tr("Nama")}</th><th width='18%'>{tr("NIK")}</th>
          <th width='12%'>{tr("Hubungan")}</th><th width='4%'>L/P</th>
          <th width='17%'>{tr("Tempat, tgl lahir")}</th>
          <th width='14%'>{tr("Pekerjaan")}</th><th>{tr("Keterangan")}</th></tr>
      {family_rows}
    </table>
    <h3>{tr("Kelengkapan dokumen")}</h3>
    <p style='margin-top: 0'><i>{e(source)}</i></p>
    <table {GRID}>
      <tr><th width='44%'>{tr("Dokumen")}</th><th width='10%'>{tr("Ada/perlu")}</th>
          <th width='14%'>{tr("Status")}</th><th>{tr("Lampiran")}</th></tr>
      {"".join(check_rows)}
    </table>
    <h3>{tr("Hasil verifikasi (aturan kebijakan)")}</h3>
    {verdict_html}
    """
    pages.flow(pages.document(body, _font(SANS, 9)))


def _draw_photos(pages: _Pages, dossier: Dossier, load_photo: PhotoLoader, report: RenderReport) -> None:
    if not dossier.photos:
        return
    p = pages.painter
    caption_font = _font(SANS, 9)
    caption_h = QFontMetricsF(caption_font, pages.writer).height() * 2.4
    heading_h = pages.mm(9)
    slot_h = (pages.height - heading_h) / 2
    for index, photo in enumerate(dossier.photos):
        if index % 2 == 0:
            pages.new_page()
            p.setFont(_font(SANS, 12, bold=True))
            p.drawText(QRectF(0, 0, pages.width, heading_h), Qt.AlignmentFlag.AlignLeft,
                       tr("Lampiran foto dan dokumen"))  # fmt: skip
        top = heading_h + (index % 2) * slot_h
        box = QRectF(0, top, pages.width, slot_h - caption_h - pages.mm(4))
        image = _load_image(photo, load_photo)
        if image is None:
            report.photos_missing.append(photo.photo_id)
            p.save()
            pen = QPen(QColor("#999"), pages.mm(0.3))
            pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawRect(box)
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, tr("Foto belum tersedia di laptop ini"))
            p.restore()
        else:
            size = image.size().toSizeF().scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRectF(box.x() + (box.width() - size.width()) / 2, box.y(), size.width(), size.height())
            p.drawImage(target, image)
            report.photos_embedded += 1
            box = QRectF(target.x(), box.y(), target.width(), target.height())
        p.setFont(caption_font)
        p.drawText(
            QRectF(0, box.bottom() + pages.mm(1.5), pages.width, caption_h),
            int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap),
            f"{tr('Foto')} {index + 1}. {photo.caption}",
        )


def _load_image(photo: DossierPhoto, load_photo: PhotoLoader) -> QImage | None:
    try:
        data = load_photo(photo.sha256) if photo.sha256 else None
    except Exception:  # noqa: BLE001 - a damaged or absent blob must not stop the letter from printing
        data = None
    if not data:
        return None
    image = QImage.fromData(data)
    if image.isNull():
        return None
    if max(image.width(), image.height()) > PHOTO_MAX_PX:
        image = image.scaled(
            PHOTO_MAX_PX,
            PHOTO_MAX_PX,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    return image
