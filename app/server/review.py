"""Server side of the supervisor review: re-checking every submitted visit with its own pack version.

`recheck_visit(session, visit)` evaluates the visit's answers again with the policy pack version the
laptop used (`visit.pack_id`, `visit.pack_version`, as published in `published_policy_pack`) and the
reference date of the laptop's verdict, against the server's copy of the household and members, and
sets `visit.server_verdict_mismatch` when the outcome differs (overall, or any programme's outcome).
The push handler calls it for a visit arriving in state `submitted`, in the push transaction, before
change numbers are allocated, so the flag travels with the row to the supervisor's queue.

What is compared is the decision, not the wording: explanations may be reworded by a translation fix,
the outcome may not change.

`review_refusal` is the role rule the push handler applies to visit mutations: only a supervisor (or
an admin) of the area approves, returns or rejects, and only a visit that is waiting for review; an
officer may submit and replace visits but never touch the review fields. The HTTP routes of the review
queue are in `review_api.py` (they build on `api.py`, which imports the push handler that uses this).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlmodel import Session, col

from app.core.models import Household, Member, Photo, PhotoKind, Role, SyncedRow, Visit, VisitState
from app.core.rules import (
    FactsContext,
    PackRegistry,
    PolicyPack,
    PolicyPackError,
    evaluate,
    facts_from_records,
)
from app.core.rules.verdict import Verdict
from app.server.auth import CurrentUser
from app.server.models import PolicyPack as PublishedPack

_packs = PackRegistry()
_lock = threading.Lock()


def pack_for(session: Session, pack_id: str, version: str) -> PolicyPack | None:
    """The published pack of that version, loaded once per process; None when never published."""
    published = session.get(PublishedPack, f"{pack_id}@{version}")
    if published is None:
        return None
    with _lock:
        # A published version never changes content (publish refuses that), so one cache serves all.
        if (pack_id, version) in _packs:
            return _packs.get(pack_id, version)
        files: dict[str, str] = json.loads(published.text)
        try:
            return _packs.load_text(
                files["pack.toml"], files["parameters.toml"], origin=published.id, make_current=False
            )
        except (KeyError, PolicyPackError):
            return None


def decision(verdict: Verdict | dict[str, Any]) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The part of a verdict that must agree: overall outcome and each programme's outcome."""
    data = verdict.to_json() if isinstance(verdict, Verdict) else verdict
    programmes = tuple(
        sorted((str(p.get("programme")), str(p.get("outcome"))) for p in data.get("programmes", []))
    )
    return str(data.get("overall", "")), programmes


def recheck_visit(session: Session, visit: Visit) -> bool | None:
    """Re-evaluate a submitted visit; sets and returns `server_verdict_mismatch`.

    None (flag left as it is) when the visit is not submitted, has no pack or verdict, or the pack
    version was never published on this server: nothing to compare with.
    """
    if visit.state != VisitState.SUBMITTED or not visit.verdict or not visit.pack_id:
        return None
    pack = pack_for(session, visit.pack_id, visit.pack_version)
    household = session.get(Household, visit.household_id)
    if pack is None or household is None:
        return None
    members = list(
        session.execute(
            select(Member).where(Member.household_id == household.id, col(Member.deleted).is_(False))
        ).scalars()
    )
    try:
        reference = date.fromisoformat(str(visit.verdict.get("reference_date")))
    except ValueError:
        return None
    kinds = [
        PhotoKind(k)
        for k in session.execute(
            select(Photo.kind).where(Photo.visit_id == visit.id, col(Photo.deleted).is_(False))
        )
        .scalars()
        .all()
        if k in PhotoKind._value2member_map_
    ]
    try:
        facts = facts_from_records(
            household, members, visit.answers, reference, FactsContext(photo_kinds=sorted(set(kinds)))
        )
    except ValidationError:
        visit.server_verdict_mismatch = True  # the server cannot even read what the laptop judged
        return True
    mismatch = decision(evaluate(pack, facts)) != decision(visit.verdict)
    visit.server_verdict_mismatch = mismatch
    return mismatch


def recheck_batch(session: Session, rows: Sequence[SyncedRow]) -> dict[str, bool]:
    """Re-check every submitted visit a push batch touched: visits themselves, and visits whose photos
    arrived in the batch (a submission's photos may come in the next batch). Call it after the
    batch's rows are merged into the session, before change numbers are allocated. Returns
    {visit id: mismatch} for the visits it could check. (The push handler gathers the same visits
    from its column values, `sync._recheck_visits`, and calls `recheck_visit` for each.)"""
    visits: dict[str, Visit] = {r.id: r for r in rows if isinstance(r, Visit)}
    for row in rows:
        if isinstance(row, Photo) and row.visit_id and row.visit_id not in visits:
            found = session.get(Visit, row.visit_id)
            if found is not None:
                visits[found.id] = found
    results: dict[str, bool] = {}
    for visit in visits.values():
        outcome = recheck_visit(session, visit)
        if outcome is not None:
            results[visit.id] = outcome
    return results


# ---- who may decide --------------------------------------------------------------------------------

REVIEW_FIELDS = ("reviewer", "reviewed_at", "review_comments", "review_reason")
DECISION_STATES = frozenset({VisitState.APPROVED, VisitState.RETURNED, VisitState.REJECTED})
REVIEWER_ROLES = frozenset({Role.SUPERVISOR, Role.ADMIN})
_EMPTY: dict[str, Any] = {"reviewer": "", "reviewed_at": None, "review_comments": {}, "review_reason": ""}


def review_refusal(
    user: CurrentUser, entity: str, patch: dict[str, Any], current: Mapping[str, Any] | None
) -> str | None:
    """Why this visit mutation may not be applied (a sentence for the user), or None when it may.

    `current` is the stored visit in its JSON form (None: not on the server yet). Call it after the
    scope checks, so the answer never reveals a row outside the user's area.
    """
    if entity != "visit":
        return None
    now = current if current is not None else _EMPTY
    touched = [f for f in REVIEW_FIELDS if f in patch and patch[f] != now.get(f, _EMPTY[f])]
    state = patch.get("state")
    current_state = now.get("state")
    deciding = state in DECISION_STATES and state != current_state
    if not touched and not deciding:
        return None
    if user.role not in REVIEWER_ROLES:
        return (
            "Hanya supervisor yang dapat menyetujui, mengembalikan atau menolak kunjungan; "
            "perubahan status pemeriksaan ditolak."
        )
    if current is None:
        return "Kunjungan ini belum dikirim petugas ke server, sehingga belum dapat diperiksa."
    if deciding and current_state != VisitState.SUBMITTED:
        if current_state == VisitState.REPLACED:
            return "Kunjungan ini sudah diganti kunjungan koreksi; periksa kunjungan koreksinya."
        return "Kunjungan ini sudah diperiksa sebelumnya; keputusan tidak diubah."
    return None
