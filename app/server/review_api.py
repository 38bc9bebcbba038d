"""HTTP routes of the supervisor review (DESIGN §7): the submissions waiting in the user's area.

Reading only: decisions travel as ordinary visit mutations through push, where `review.review_refusal`
checks the role. Every route is scoped like sync: a supervisor sees the assigned kecamatan, an admin
everything; an officer or a sekdes is refused with a sentence they can read.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel
from sqlalchemy import func, select
from sqlmodel import col

from app.core.models import Household, Visit, VisitState
from app.server import auth
from app.server.api import ApiError, SessionDep, UserDep, check_client_version, require_village
from app.server.review import REVIEWER_ROLES

REVIEW_PREFIX = "/review/v1"


class Submission(BaseModel):
    """One visit in the review queue, as the server sees it."""

    visit_id: str
    household_id: str
    village_code: str
    head_name: str
    officer: str
    state: str
    finished_at: datetime | None
    overall: str
    flags: list[str]
    server_verdict_mismatch: bool
    replaces_id: str | None
    version: int


class SubmissionPage(BaseModel):
    total: int
    submissions: list[Submission]


def require_reviewer(current: UserDep) -> auth.CurrentUser:
    if current.role not in REVIEWER_ROLES:
        raise ApiError(403, "Antrean pemeriksaan hanya untuk supervisor wilayah.", "not_a_reviewer")
    return current


ReviewerDep = Annotated[auth.CurrentUser, Depends(require_reviewer)]

router = APIRouter(prefix=REVIEW_PREFIX, tags=["review"], dependencies=[Depends(check_client_version)])


@router.get("/submissions", response_model=SubmissionPage)
def submissions(
    current: ReviewerDep,
    session: SessionDep,
    village: str | None = None,
    state: str = VisitState.SUBMITTED,
    outcome: str | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> SubmissionPage:
    """Visits in `state` (default: waiting for review) in the area, oldest submission first."""
    require_village(current, village)
    scope = current.scope.restrict(village)
    visit_table: Any = Visit.__table__  # type: ignore[attr-defined]
    where = [
        scope.clause(visit_table.c.village_code),
        col(Visit.deleted).is_(False),
        col(Visit.state) == state,
    ]
    if outcome:
        where.append(visit_table.c.verdict["overall"].as_string() == outcome)
    total = session.execute(select(func.count()).select_from(visit_table).where(*where)).scalar_one()
    query = (
        select(Visit, col(Household.head_name))
        .join(Household, col(Household.id) == col(Visit.household_id), isouter=True)
        .where(*where)
        .order_by(col(Visit.finished_at), col(Visit.id))
        .limit(limit)
        .offset(offset)
    )
    rows = [
        Submission(
            visit_id=visit.id,
            household_id=visit.household_id,
            village_code=visit.village_code,
            head_name=head_name or "",
            officer=visit.officer,
            state=visit.state,
            finished_at=visit.finished_at,
            overall=str((visit.verdict or {}).get("overall", "")),
            flags=[str(f) for f in (visit.verdict or {}).get("flags") or ()],
            server_verdict_mismatch=visit.server_verdict_mismatch,
            replaces_id=visit.replaces_id,
            version=visit.version,
        )
        for visit, head_name in session.execute(query)
    ]
    session.rollback()
    return SubmissionPage(total=int(total), submissions=rows)


@router.get("/visits/{visit_id}", response_model=dict[str, Any])
def visit(visit_id: str, current: ReviewerDep, session: SessionDep) -> dict[str, Any]:
    """One visit in full (answers, verdict, review fields); out of the area reads as not found."""
    row = session.get(Visit, visit_id)
    if row is None or row.deleted or not current.scope.covers(row.village_code):
        raise ApiError(404, "Kunjungan tidak ditemukan di wilayah tugas Anda.", "not_found")
    data = row.model_dump(mode="json")
    session.rollback()
    return data
