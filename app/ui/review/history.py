"""A household's visits as a chain, for the household detail: original → returned with comments →
correction → approved. Each correction names the visit it replaced."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from app.core.models import Visit, VisitState
from app.ui.household_model import STATE_LABELS
from app.ui.review.fields import path_label

STATE_COLOURS = {"submitted": "#1565c0", "approved": "#2e7d32", "returned": "#e65100",
                 "rejected": "#b71c1c", "replaced": "#78909c", "draft": "#546e7a"}  # fmt: skip


def tr(text: str) -> str:
    return QCoreApplication.translate("VisitHistory", text)


def history_html(visits: Sequence[Visit]) -> str:
    """Oldest first, one paragraph per visit, with the review that followed it."""
    if not visits:
        return tr("Belum ada kunjungan.")
    number = {v.id: i + 1 for i, v in enumerate(visits)}
    parts = []
    for visit in visits:
        when = visit.finished_at or visit.started_at
        day = when.strftime("%d-%m-%Y") if when else "?"
        state = str(visit.state)
        label = STATE_LABELS.get(state, state)
        colour = STATE_COLOURS.get(state, "#546e7a")
        outcome = str(
            (visit.verdict or {}).get("overall_label_id") or (visit.verdict or {}).get("overall", "")
        )
        head = (
            f"<b>#{number[visit.id]}</b> {day} · "
            f"<span style='color:{colour}'><b>{html.escape(label)}</b></span> · {html.escape(visit.officer)}"
        )
        if outcome:
            head += f" · {html.escape(outcome.replace('_', ' '))}"
        lines = [head]
        if visit.replaces_id:
            lines.append(tr("↳ koreksi atas kunjungan #{n}").format(n=number.get(visit.replaces_id, "?")))
        if visit.reviewer:
            reviewed = visit.reviewed_at.strftime("%d-%m-%Y") if visit.reviewed_at else ""
            # A replaced visit was returned first (or approved, then corrected): say which.
            if visit.review_comments or state == VisitState.RETURNED:
                verb = tr("dikembalikan oleh {who} {when}")
            elif state == VisitState.REJECTED:
                verb = tr("ditolak oleh {who} {when}")
            else:
                verb = tr("diperiksa {who} {when}")
            lines.append(verb.format(who=html.escape(visit.reviewer), when=reviewed))
        if visit.review_reason:
            lines.append(f"<i>{html.escape(visit.review_reason)}</i>")
        for path, comment in visit.review_comments.items():
            lines.append(
                f"&nbsp;&nbsp;💬 {html.escape(path_label(path, visit.answers))}: {html.escape(comment)}"
            )
        parts.append("<br>".join(lines))
    return "<br>".join(parts)
