"""Store-side supervisor review: the queue of submitted visits, what changed, and the decisions.

The queue is an id list (oldest submission first) plus rows read in blocks, like the household list:
the Qt model keeps ids and fetches rows for what is painted. Decisions are ordinary saves through
`Store.save`, so they reach the outbox and sync like any other change; the server checks that only a
supervisor of the area makes them (app/server/review.py).

Field paths are the visit answers' own: "members.0.monthly_income", "house.floor_area_m2".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from app.core.models import Household, Member, Photo, Visit, VisitState
from app.core.regions import region_index
from app.store.errors import ValidationError
from app.store.store import Store, utcnow

# The pseudo-flag for a visit whose verdict the server's re-check did not confirm.
MISMATCH_FLAG = "server_verdict_mismatch"
# Member fields the review compares between the registry row and the visit's answer.
MEMBER_FIELDS = (
    "nik", "name", "sex", "birth_date", "relation", "marital_status", "education", "school_level",
    "occupation", "disability", "chronic_illness", "pregnant", "monthly_income", "status",
)  # fmt: skip


DECISIONS = frozenset({VisitState.APPROVED, VisitState.RETURNED, VisitState.REJECTED})


@dataclass(frozen=True)
class ReviewFilter:
    """What the supervisor narrows the queue to; None / "" means any."""

    village: str = ""
    outcome: str = ""
    flag: str = ""  # a verdict flag, or MISMATCH_FLAG
    min_age_days: int = 0  # submitted at least this many days ago
    states: tuple[str, ...] = (VisitState.SUBMITTED,)


@dataclass(frozen=True)
class ReviewRow:
    """One line of the review queue."""

    visit_id: str
    household_id: str
    village_code: str
    head_name: str
    kk_number: str
    officer: str
    finished_at: datetime | None
    state: str
    overall: str
    overall_label: str
    colour: str
    flags: tuple[str, ...]
    mismatch: bool
    is_correction: bool

    def age_days(self, now: datetime) -> int | None:
        if self.finished_at is None:
            return None
        finished = self.finished_at if self.finished_at.tzinfo else self.finished_at.replace(tzinfo=UTC)
        return max(0, (now - finished).days)


@dataclass(frozen=True)
class FilterOptions:
    villages: list[str]
    outcomes: list[str]
    flags: list[str]
    village_names: dict[str, str] = field(default_factory=dict)


@dataclass
class ReviewContext:
    """Everything the review view shows for one visit, read in one go on a worker thread."""

    visit: Visit
    household: Household
    members: list[Member]
    photos: list[Photo]
    previous: Visit | None = None  # the visit this one replaces (a correction)
    # path -> (registry value, visit value), for fields the visit changed against the registry
    registry_changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    # paths changed since the replaced visit (what the officer corrected)
    corrected: set[str] = field(default_factory=set)


# ---- the queue ---------------------------------------------------------------------------------------


def _naive_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def review_ids(store: Store, review_filter: ReviewFilter, *, now: datetime | None = None) -> list[str]:
    """Ids of the visits in the queue, oldest submission first."""
    now = now or utcnow()
    clauses = ["v.deleted = 0"]
    params: dict[str, Any] = {}
    marks = []
    for i, state in enumerate(review_filter.states):
        params[f"s{i}"] = str(state)
        marks.append(f":s{i}")
    clauses.append(f"v.state IN ({','.join(marks)})")
    if review_filter.village:
        clauses.append("v.village_code = :village")
        params["village"] = review_filter.village
    if review_filter.outcome:
        clauses.append("json_extract(v.verdict, '$.overall') = :outcome")
        params["outcome"] = review_filter.outcome
    if review_filter.flag == MISMATCH_FLAG:
        clauses.append("v.server_verdict_mismatch = 1")
    elif review_filter.flag:
        clauses.append("EXISTS (SELECT 1 FROM json_each(v.verdict, '$.flags') f WHERE f.value = :flag)")
        params["flag"] = review_filter.flag
    if review_filter.min_age_days > 0:
        cutoff = _naive_utc(now) - timedelta(days=review_filter.min_age_days)
        clauses.append("v.finished_at IS NOT NULL AND v.finished_at <= :cutoff")
        params["cutoff"] = cutoff.strftime("%Y-%m-%d %H:%M:%S.%f")
    sql = (
        f"SELECT v.id FROM visit v WHERE {' AND '.join(clauses)} "
        "ORDER BY coalesce(v.finished_at, v.started_at), v.id"
    )
    with store.engine.connect() as conn:
        return [str(r) for r in conn.execute(text(sql), params).scalars()]


def review_rows(store: Store, ids: Sequence[str]) -> list[ReviewRow]:
    """Rows for these visit ids, in the same order (missing ids are skipped)."""
    if not ids:
        return []
    with Session(store.engine) as session:
        visits = {v.id: v for v in session.exec(select(Visit).where(col(Visit.id).in_(list(ids))))}
        household_ids = sorted({v.household_id for v in visits.values()})
        households = {
            h.id: h for h in session.exec(select(Household).where(col(Household.id).in_(household_ids)))
        }
    rows = []
    for vid in ids:
        visit = visits.get(vid)
        if visit is None:
            continue
        household = households.get(visit.household_id)
        verdict = visit.verdict or {}
        rows.append(
            ReviewRow(
                visit_id=visit.id,
                household_id=visit.household_id,
                village_code=visit.village_code,
                head_name=household.head_name if household else "?",
                kk_number=household.kk_number if household else "",
                officer=visit.officer,
                finished_at=visit.finished_at,
                state=visit.state,
                overall=str(verdict.get("overall", "")),
                overall_label=str(verdict.get("overall_label_id", verdict.get("overall", ""))),
                colour=str(verdict.get("colour", "")),
                flags=tuple(str(f) for f in verdict.get("flags") or ()),
                mismatch=visit.server_verdict_mismatch,
                is_correction=bool(visit.replaces_id),
            )
        )
    return rows


def filter_options(store: Store) -> FilterOptions:
    """The villages, outcomes and flags present among submitted visits, for the filter menus."""
    with store.engine.connect() as conn:
        villages = conn.execute(
            text(
                "SELECT DISTINCT village_code FROM visit WHERE deleted = 0 AND state = 'submitted' ORDER BY 1"
            )
        ).scalars()
        village_list = [str(v) for v in villages]
        outcomes = conn.execute(
            text(
                "SELECT DISTINCT json_extract(verdict, '$.overall') FROM visit "
                "WHERE deleted = 0 AND state = 'submitted' "
                "AND json_extract(verdict, '$.overall') IS NOT NULL "
                "ORDER BY 1"
            )
        ).scalars()
        outcome_list = [str(o) for o in outcomes]
        flags = conn.execute(
            text(
                "SELECT DISTINCT f.value FROM visit v, json_each(v.verdict, '$.flags') f "
                "WHERE v.deleted = 0 AND v.state = 'submitted' ORDER BY 1"
            )
        ).scalars()
        flag_list = [str(f) for f in flags]
    regions = region_index()
    names = {code: regions.name(code) or code for code in village_list}
    return FilterOptions(villages=village_list, outcomes=outcome_list, flags=flag_list, village_names=names)


# ---- one visit ---------------------------------------------------------------------------------------


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Nested answers as {"members.0.monthly_income": 1500000, ...} (lists by index)."""
    out: dict[str, Any] = {}
    if isinstance(value, dict):
        for key, item in value.items():
            out.update(flatten(item, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(value, list) and value and all(isinstance(i, dict) for i in value):
        for index, item in enumerate(value):
            out.update(flatten(item, f"{prefix}.{index}"))
    else:
        out[prefix] = value
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def registry_changes(members: Sequence[Member], answers: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Member fields where the visit differs from the registry row of the same person.

    A person new in the visit shows every field as changed from nothing (None).
    """
    by_id = {m.id: m for m in members}
    changes: dict[str, tuple[Any, Any]] = {}
    for index, answer in enumerate(answers.get("members") or []):
        registry = by_id.get(answer.get("member_id") or "")
        for name in MEMBER_FIELDS:
            mine = answer.get(name)
            theirs = _plain(getattr(registry, name)) if registry is not None else None
            if registry is None or mine != theirs:
                changes[f"members.{index}.{name}"] = (theirs, mine)
    return changes


def load_review(store: Store, visit_id: str) -> ReviewContext:
    with Session(store.engine) as session:
        visit = session.get(Visit, visit_id)
        if visit is None or visit.deleted:
            raise ValidationError("Kunjungan tidak ditemukan.", "The visit does not exist.")
        household = session.get(Household, visit.household_id)
        if household is None:
            raise ValidationError(
                "Keluarga kunjungan ini tidak ada di laptop.", "The visit's household is not here."
            )
        members = list(
            session.exec(
                select(Member)
                .where(Member.household_id == household.id, col(Member.deleted).is_(False))
                .order_by(col(Member.birth_date))
            )
        )
        photos = list(
            session.exec(
                select(Photo)
                .where(Photo.visit_id == visit.id, col(Photo.deleted).is_(False))
                .order_by(col(Photo.taken_at), col(Photo.id))
            )
        )
        previous = session.get(Visit, visit.replaces_id) if visit.replaces_id else None
    corrected: set[str] = set()
    if previous is not None:
        before, after = flatten(previous.answers), flatten(visit.answers)
        corrected = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    return ReviewContext(
        visit=visit,
        household=household,
        members=members,
        photos=photos,
        previous=previous,
        registry_changes=registry_changes(members, visit.answers),
        corrected=corrected,
    )


# ---- decisions ---------------------------------------------------------------------------------------


def review_visit(
    store: Store,
    *,
    visit_id: str,
    reviewer: str,
    decision: str,
    comments: dict[str, str] | None = None,
    reason: str = "",
    now: datetime | None = None,
) -> Visit:
    """Approve, return (with a comment per field) or reject a submitted visit; saved to the outbox."""
    if decision not in DECISIONS:
        raise ValidationError(f"Keputusan tidak dikenal: {decision}.", f"Unknown decision: {decision}.")
    visit = store.get(Visit, visit_id)
    if not isinstance(visit, Visit) or visit.deleted:
        raise ValidationError("Kunjungan tidak ditemukan.", "The visit does not exist.")
    if visit.state != VisitState.SUBMITTED:
        raise ValidationError(
            "Kunjungan ini sudah diperiksa atau diganti koreksi; tidak dapat diputuskan lagi.",
            "This visit was already reviewed or replaced.",
        )
    cleaned = {k.strip(): v.strip() for k, v in (comments or {}).items() if k.strip() and v.strip()}
    reason = reason.strip()
    if decision == VisitState.RETURNED and not cleaned and not reason:
        raise ValidationError(
            "Tulis paling sedikit satu catatan untuk petugas sebelum mengembalikan.",
            "Write at least one comment before returning the visit.",
        )
    if decision == VisitState.REJECTED and not reason:
        raise ValidationError("Tulis alasan penolakan.", "Write the reason for the rejection.")
    if decision == VisitState.APPROVED:
        cleaned = {}
    updated = visit.model_copy(
        update={
            "state": str(decision),
            "reviewer": reviewer,
            "reviewed_at": now or utcnow(),
            "review_comments": cleaned,
            "review_reason": reason[:500],
        }
    )
    store.save(updated)
    return updated


# ---- history -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainLink:
    visit: Visit
    corrects: Visit | None  # the visit this one replaced


def visit_chain(store: Store, household_id: str) -> list[ChainLink]:
    """The household's sent visits oldest first, each with the one it replaced (drafts left out)."""
    visits = [v for v in store.visits_of(household_id) if v.state != VisitState.DRAFT]
    by_id = {v.id: v for v in visits}
    return [ChainLink(v, by_id.get(v.replaces_id or "")) for v in visits]
