"""SKTM serial blocks (see `app.core.sktm`): the server's per-village yearly counter and its endpoint.

`POST /sktm/v1/blocks {"village_code", "year", "count"}` reserves the next `count` serials of that
village and year for the calling device and returns `{"village_code", "year", "first", "last"}`. The
counter row lives in `server_counter` (name `sktm:<village>:<year>`) and moves with one
`UPDATE ... RETURNING` under the row lock, so two laptops asking at the same moment get disjoint blocks.
Only the village's sekdes (and admins) may reserve: the SKTM is the village's letter.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field
from sqlalchemy import Engine, text

from app.core.models import Role
from app.core.sktm import DEFAULT_BLOCK_SIZE, MAX_BLOCK_SIZE, SktmBlock, issue_block
from app.server.api import ApiError, UserDep, check_client_version, require_village
from app.server.auth import is_village_code
from app.server.db import write_session

SKTM_ROLES = frozenset({Role.SEKDES, Role.ADMIN})


def counter_name(village_code: str, year: int) -> str:
    return f"sktm:{village_code}:{year}"


def reserve_block(
    engine: Engine, *, village_code: str, year: int, count: int = DEFAULT_BLOCK_SIZE
) -> SktmBlock:
    """Reserve the next `count` serials of (village, year); commits. Never hands out a serial twice."""
    if not is_village_code(village_code):
        raise ValueError(f"not a village code: {village_code!r}")
    issue_block(0, village_code=village_code, year=year, count=count)  # validates count and year
    name = counter_name(village_code, year)
    with write_session(engine) as session:
        session.execute(
            text("INSERT INTO server_counter (name, value) VALUES (:name, 0) ON CONFLICT (name) DO NOTHING"),
            {"name": name},
        )
        last = session.execute(
            text("UPDATE server_counter SET value = value + :n WHERE name = :name RETURNING value"),
            {"n": count, "name": name},
        ).scalar_one()
        session.commit()
    return issue_block(int(last) - count, village_code=village_code, year=year, count=count)


class BlockRequest(BaseModel):
    village_code: str
    year: int = Field(ge=2000, le=2999)
    count: int = Field(default=DEFAULT_BLOCK_SIZE, ge=1, le=MAX_BLOCK_SIZE)


router = APIRouter(prefix="/sktm/v1", tags=["sktm"], dependencies=[Depends(check_client_version)])


@router.post("/blocks", response_model=SktmBlock)
def reserve(body: BlockRequest, current: UserDep, request: Request) -> SktmBlock:
    if current.role not in SKTM_ROLES:
        raise ApiError(403, "Hanya sekretaris desa yang dapat mengambil nomor SKTM.", "forbidden_role")
    if not is_village_code(body.village_code):
        raise ApiError(422, f"Kode desa tidak valid: {body.village_code}.", "bad_village")
    require_village(current, body.village_code)
    return reserve_block(
        request.app.state.engine, village_code=body.village_code, year=body.year, count=body.count
    )
