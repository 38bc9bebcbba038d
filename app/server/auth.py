"""Users, passwords, bearer tokens and scoping (DESIGN §7).

Passwords are hashed with Argon2id (argon2-cffi's defaults follow RFC 9106's low-memory profile).
A token is 32 random bytes shown to the client once; the server keeps only its SHA-256, so a copy
of the database cannot be replayed as sessions. Tokens expire and can be revoked (logout).
Failed logins are counted per username inside a window; past the limit the login is refused with 429
whatever the password, which makes guessing slow without locking the account forever.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import ColumnElement, Connection, Dialect, Engine, Select, bindparam, false, or_, true
from sqlmodel import Session, col, func, select

from app.core.models import Role
from app.server.config import Settings
from app.server.models import Assignment, AuthToken, LoginAttempt, User

_hasher = PasswordHasher()
# Verified against when the username is unknown, so timing does not tell which usernames exist.
_DUMMY_HASH = _hasher.hash("verval-desa-dummy-password")


def utcnow() -> datetime:
    return datetime.now(UTC)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def is_village_code(code: str) -> bool:
    parts = code.split(".")
    return len(parts) == 4 and all(p.isdigit() for p in parts) and [len(p) for p in parts] == [2, 2, 2, 4]


def is_area_prefix(code: str) -> bool:
    """A provinsi, kabupaten/kota or kecamatan code: 1-3 two-digit segments."""
    parts = code.split(".")
    return 1 <= len(parts) <= 3 and all(p.isdigit() and len(p) == 2 for p in parts)


@dataclass(frozen=True)
class Scope:
    """What a user may read and change: everything (admin) or villages under the assigned areas."""

    everything: bool
    areas: tuple[str, ...]

    def covers(self, village_code: str) -> bool:
        if self.everything:
            return True
        return any(village_code == a or village_code.startswith(a + ".") for a in self.areas)

    def villages(self) -> list[str]:
        """The assigned village codes that are whole villages (enumerable scopes)."""
        return sorted(a for a in self.areas if is_village_code(a))

    def restrict(self, village_code: str | None) -> Scope:
        """This scope narrowed to one village (caller checked `covers`)."""
        if village_code is None:
            return self
        return Scope(everything=False, areas=(village_code,))

    def clause(self, column: ColumnElement[str]) -> ColumnElement[bool]:
        if self.everything:
            return true()
        if not self.areas:
            return false()
        exact = [a for a in self.areas if is_village_code(a)]
        prefixes = [a for a in self.areas if not is_village_code(a)]
        terms: list[ColumnElement[bool]] = []
        if exact:
            terms.append(column.in_(exact))
        terms.extend(column.like(p + ".%") for p in prefixes)
        return or_(*terms)

    @property
    def fingerprint(self) -> str:
        """Short digest of the scope, carried in pull cursors so a scope change is noticed."""
        body = "*" if self.everything else ",".join(sorted(self.areas))
        return hashlib.sha256(body.encode()).hexdigest()[:10]


@dataclass(frozen=True)
class CurrentUser:
    id: str
    username: str
    full_name: str
    role: Role
    scope: Scope


class LoginRefused(Exception):
    """Wrong username or password (one message for both, so usernames cannot be probed)."""


class TooManyAttempts(Exception):
    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(retry_after_seconds)
        self.retry_after_seconds = retry_after_seconds


def scope_of(session: Session, user: User) -> Scope:
    if user.role == Role.ADMIN:
        return Scope(everything=True, areas=())
    areas = session.exec(
        select(Assignment.area_code).where(Assignment.user_id == user.id).order_by(col(Assignment.area_code))
    ).all()
    return Scope(everything=False, areas=tuple(areas))


def current_user(session: Session, user: User) -> CurrentUser:
    return CurrentUser(
        id=user.id,
        username=user.username,
        full_name=user.full_name,
        role=Role(user.role),
        scope=scope_of(session, user),
    )


def login(
    session: Session, settings: Settings, *, username: str, password: str
) -> tuple[str, AuthToken, User]:
    """Check the password and issue a token. Commits (the attempt is recorded either way)."""
    now = utcnow()
    window_start = now - timedelta(minutes=settings.login_window_minutes)
    last_success = session.exec(
        select(func.max(LoginAttempt.at)).where(
            LoginAttempt.username == username, col(LoginAttempt.success).is_(True)
        )
    ).one()
    since = max(window_start, last_success) if last_success else window_start
    failures = session.exec(
        select(LoginAttempt.at)
        .where(
            LoginAttempt.username == username, col(LoginAttempt.success).is_(False), LoginAttempt.at > since
        )
        .order_by(col(LoginAttempt.at))
    ).all()
    if len(failures) >= settings.login_max_failures:
        retry = (
            failures[-settings.login_max_failures] + timedelta(minutes=settings.login_window_minutes) - now
        )
        raise TooManyAttempts(max(1, int(retry.total_seconds())))
    user = session.exec(select(User).where(User.username == username)).first()
    ok = verify_password(user.password_hash if user else _DUMMY_HASH, password)
    ok = ok and user is not None and user.active
    session.add(LoginAttempt(username=username, at=now, success=ok))
    if not ok or user is None:
        session.commit()
        raise LoginRefused
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        session.add(user)
    token = secrets.token_urlsafe(32)
    record = AuthToken(
        token_hash=token_digest(token),
        user_id=user.id,
        created_at=now,
        expires_at=now + timedelta(minutes=settings.token_ttl_minutes),
    )
    session.add(record)
    session.commit()
    session.refresh(user)
    return token, record, user


def _token_query() -> Select[Any]:
    token, user, assignment = (
        AuthToken.__table__,  # type: ignore[attr-defined]
        User.__table__,  # type: ignore[attr-defined]
        Assignment.__table__,  # type: ignore[attr-defined]
    )
    return (
        select(
            user.c.id,
            user.c.username,
            user.c.full_name,
            user.c.role,
            user.c.active,
            token.c.expires_at,
            token.c.revoked_at,
            assignment.c.area_code,
        )
        .select_from(
            token.join(user, user.c.id == token.c.user_id).outerjoin(
                assignment, assignment.c.user_id == user.c.id
            )
        )
        .where(token.c.token_hash == bindparam("digest"))
        .order_by(assignment.c.area_code)
    )


_TOKEN_QUERY = _token_query()


def user_for_token(bind: Engine | Connection, token: str) -> CurrentUser | None:
    """The user behind a live token with their scope, or None (unknown, expired, revoked, deactivated).

    Checked against the database on every request, in one statement (token, user and assignments
    joined), no ORM: given an engine, on an autocommit connection (no BEGIN/ROLLBACK round trips);
    given a connection, in its transaction (push checks the token in the transaction of the batch).
    A token is not cached: logout, a password change or a deactivation takes effect on the very
    next request, on every worker, and the query costs a fraction of a millisecond (Argon2 runs
    only at login).
    """
    digest = {"digest": token_digest(token)}
    if isinstance(bind, Connection):
        found = bind.execute(_TOKEN_QUERY, digest).all()
    else:
        with bind.connect() as conn:
            if conn.dialect.name == "postgresql":
                conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            found = conn.execute(_TOKEN_QUERY, digest).all()
    return user_from_rows(found)


@cache
def token_sql(dialect: Dialect) -> str:
    """The token query as driver SQL (parameter `digest`), for a caller that sends it in a psycopg
    pipeline beside other statements; `user_from_rows` reads its rows."""
    return str(_TOKEN_QUERY.compile(dialect=dialect))


def user_from_rows(found: Sequence[Any]) -> CurrentUser | None:
    """The user of the token query's rows (one per assignment), or None if the token is not live."""
    if not found:
        return None
    first = found[0]
    if first.revoked_at is not None or first.expires_at <= utcnow() or not first.active:
        return None
    role = Role(first.role)
    if role == Role.ADMIN:
        scope = Scope(everything=True, areas=())
    else:
        scope = Scope(everything=False, areas=tuple(r.area_code for r in found if r.area_code is not None))
    return CurrentUser(
        id=first.id, username=first.username, full_name=first.full_name, role=role, scope=scope
    )


def authenticate(session: Session, token: str) -> User | None:
    """The user behind a live token, or None (unknown, expired, revoked, or user deactivated)."""
    record = session.get(AuthToken, token_digest(token))
    if record is None or record.revoked_at is not None or record.expires_at <= utcnow():
        return None
    user = session.get(User, record.user_id)
    if user is None or not user.active:
        return None
    return user


def revoke(session: Session, token: str) -> bool:
    record = session.get(AuthToken, token_digest(token))
    if record is None or record.revoked_at is not None:
        return False
    record.revoked_at = utcnow()
    session.add(record)
    session.commit()
    return True
