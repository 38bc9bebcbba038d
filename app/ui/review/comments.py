"""The officer's side of a review: the supervisor's comments shown next to the fields they are about.

`install_review_comments(form)` is the one hook the visit form calls. For a returned visit it shows
that visit's comments; for a correction draft (or a submitted correction) the comments of the visit it
replaces, read on a worker thread. A notes strip above the form lists every comment with a link to its
section, and each commented input gets an orange frame and the comment as its tooltip, re-applied
whenever a section is (re)built.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QWidget

from app.core.models import Visit
from app.ui.review.fields import path_label, section_of
from app.ui.worker import run_in_background

MARK_STYLE = "border: 2px solid #e65100; border-radius: 3px;"
WORK_FIELDS = {"occupation": 0, "businesses": 1, "monthly_income": 2}


class ReviewComments(QObject):
    """Holds a form's review comments and keeps their marks on the inputs."""

    def __init__(self, form: Any) -> None:
        super().__init__(form)
        self.form = form
        self.comments: dict[str, str] = {}
        self.reason = ""
        self.reviewer = ""
        self.notes = QLabel()
        self.notes.setObjectName("reviewNotes")
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet(
            "QLabel#reviewNotes { background: #fff3e0; color: #4e342e; border: 1px solid #ffb74d; "
            "border-radius: 3px; padding: 6px 8px; }"
        )
        self.notes.linkActivated.connect(self._go_to)
        self.notes.hide()
        self.marked: dict[str, QWidget] = {}

    def set_comments(self, comments: dict[str, str], reason: str = "", reviewer: str = "") -> None:
        self.comments = dict(comments)
        self.reason = reason
        self.reviewer = reviewer
        answers = self.form.answers.model_dump(mode="json")
        if not comments and not reason:
            self.notes.hide()
            return
        heading = self.tr("Catatan pemeriksa {who} — perbaiki data berikut:").format(
            who=html.escape(reviewer)
        )
        lines = [f"<b>{heading}</b>"]
        if reason:
            lines.append(f"<i>{html.escape(reason)}</i>")
        for path, comment in comments.items():
            lines.append(
                f"• <a href='{html.escape(path)}'>{html.escape(path_label(path, answers))}</a>: "
                f"{html.escape(comment)}"
            )
        self.notes.setText("<br>".join(lines))
        self.notes.show()
        self.mark()

    def _go_to(self, path: str) -> None:
        self.form.go_to_section(section_of(path))
        parts = path.split(".")
        if parts[0] == "members" and len(parts) > 1 and parts[1].isdigit():
            self.form.members_section.select(int(parts[1]))
        self.mark()
        widget = self.marked.get(path)
        if widget is not None:
            widget.setFocus()

    def field_widget(self, path: str) -> QWidget | None:
        """The input that edits `path` right now, if it is built."""
        form = self.form
        parts = path.split(".")
        answers = form.answers
        if parts[0] == "members" and len(parts) == 3 and parts[1].isdigit():
            index, name = int(parts[1]), parts[2]
            if name in WORK_FIELDS:
                widgets = form.work_section.member_widgets
                return widgets[index][WORK_FIELDS[name]] if index < len(widgets) else None
            if index >= len(answers.members):
                return None
            target = answers.members[index]
            return _bound(form.members_section, target, name)
        if len(parts) == 2:
            group = getattr(answers, parts[0], None)
            if group is None:
                return None
            for section in form.sections:
                widget = _bound(section, group, parts[1])
                if widget is not None:
                    return widget
        return None

    def mark(self) -> None:
        for widget in list(self.marked.values()):
            try:
                widget.setStyleSheet("")
                widget.setToolTip("")
            except RuntimeError:  # rebuilt and deleted by its section
                pass
        self.marked.clear()
        for path, comment in self.comments.items():
            field = self.field_widget(path)
            if field is None:
                continue
            field.setStyleSheet(MARK_STYLE)
            field.setToolTip(self.tr("Catatan pemeriksa: {comment}").format(comment=comment))
            self.marked[path] = field


def _bound(section: Any, target: object, field: str) -> QWidget | None:
    for widget, get_target, name in getattr(section, "_bindings", ()):
        if name == field and get_target() is target:
            return widget  # type: ignore[no-any-return]
    return None


def install_review_comments(form: Any) -> ReviewComments:
    """Attach the comments strip to a VisitForm and load the comments that concern it."""
    holder = ReviewComments(form)
    form.review_comments = holder
    form.layout().insertWidget(1, holder.notes)
    form.nav.currentRowChanged.connect(lambda _row: holder.mark())
    form.members_section.member_selected.connect(lambda _i: holder.mark())
    visit: Visit = form.visit
    if visit.review_comments or visit.review_reason:
        holder.set_comments(visit.review_comments, visit.review_reason, visit.reviewer)
    elif visit.replaces_id:
        store, replaced_id = form.store, visit.replaces_id
        run_in_background(
            lambda _job: store.get(Visit, replaced_id),
            on_success=lambda old: (
                holder.set_comments(old.review_comments, old.review_reason, old.reviewer)
                if isinstance(old, Visit)
                else None
            ),
            owner=holder,
        )
    return holder
