"""Verdict texts follow the interface language: the pack carries Indonesian and English."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from app.core.answers import VisitAnswers
from app.core.demo import DEMO_DATE, generate_demo
from app.core.rules import default_pack, evaluate, facts_from_records
from app.ui.visit.verdict_panel import loc


def test_reasons_in_the_interface_language(qapp) -> None:  # noqa: ARG001 - the QApplication must exist
    district = generate_demo(3, households=30, neighbour_households=0)
    visit = district.visits[0]
    household = next(h for h in district.households if h.id == visit.household_id)
    facts = facts_from_records(
        household, district.members_of(household.id), VisitAnswers.model_validate(visit.answers), DEMO_DATE
    )
    verdict = evaluate(default_pack(), facts)
    rule = verdict.fired[0]
    before = QLocale()
    try:
        QLocale.setDefault(QLocale(QLocale.Language.Indonesian))
        assert loc(rule, "reason") == rule.reason_id
        QLocale.setDefault(QLocale(QLocale.Language.English))
        assert loc(rule, "reason") == rule.reason_en != rule.reason_id
        assert loc(verdict, "overall_label") == verdict.overall_label_en
    finally:
        QLocale.setDefault(before)
