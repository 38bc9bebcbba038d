"""Seed a server database with the demo district (`verval demo`): users, assignments, rows, the pack.

The built-in policy pack is published as JSON `{file name: TOML text}` (pack.toml, parameters.toml),
the same shape `publish_policy_pack` expects from the admin CLI for a pack directory.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlmodel import Session

from app.core.models import Role, SyncedRow
from app.server import admin
from app.server.models import User

PACK_DIR = Path(__file__).resolve().parents[2] / "resources" / "rules" / "verval-2026.1"


def pack_text(directory: Path) -> str:
    """A pack directory as the text `publish_policy_pack` stores: JSON of its TOML files."""
    return json.dumps(
        {p.name: p.read_text(encoding="utf-8") for p in sorted(directory.glob("*.toml"))}, sort_keys=True
    )


def seed_demo(engine: Engine, district: Any, *, pack_dir: Path | None = PACK_DIR) -> None:
    """Idempotent: users that exist are left alone; rows are imported (or replaced) with new versions."""
    with Session(engine) as session:
        for user in district.users:
            if (
                session.execute(select(User).where(User.username == user.username)).scalar_one_or_none()
                is None
            ):
                admin.create_user(
                    session,
                    username=user.username,
                    password=user.password,
                    role=user.role,
                    full_name=user.full_name,
                )
            if Role(user.role) is not Role.ADMIN:
                admin.assign(session, username=user.username, area_code=user.area)
        rows: list[SyncedRow] = [*district.households, *district.members, *district.visits]
        admin.import_rows(session, rows)
        if pack_dir is not None and pack_dir.is_dir():
            admin.publish_policy_pack(
                session,
                pack_id=pack_dir.name.rsplit("-", 1)[0],
                version=pack_dir.name.rsplit("-", 1)[-1],
                text=pack_text(pack_dir),
            )
