"""Server settings from the environment (prefix `VERVAL_`), so `verval serve` needs no configuration.

With nothing set the server keeps a SQLite database and the photo blobs in a data directory next to
the user's other application data; production points `VERVAL_DATABASE_URL` at PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Tombstones must outlive the longest time an officer can stay offline (DESIGN §5: at least 180 days).
MIN_TOMBSTONE_DAYS = 180


def _default_data_dir() -> Path:
    # platformdirs is a dependency of the distribution; imported here to keep settings cheap to import.
    from platformdirs import user_data_dir

    return Path(user_data_dir("verval-server", appauthor=False))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="VERVAL_", env_file=None, extra="ignore")

    data_dir: Path = Field(default_factory=_default_data_dir)
    # Empty: a SQLite file `verval.sqlite3` in data_dir. Otherwise any SQLAlchemy URL
    # (postgresql+psycopg://user@host/db).
    database_url: str = ""
    blob_dir: Path | None = None

    token_ttl_minutes: int = Field(default=12 * 60, ge=1)
    # Clients older than this get 426 with a message asking for an update.
    min_client_version: str = "0.1.0"
    # Limits of one push request (decompressed body) and of one batch.
    max_push_bytes: int = Field(default=2_000_000, ge=1_000)
    max_push_mutations: int = Field(default=200, ge=1)
    # One log line per HTTP request (`verval serve`); off, a busy server saves a little CPU per request.
    access_log: bool = True
    # Pushes running their transaction at once in one server process (see api.py).
    push_slots: int = Field(default=3, ge=1)
    # Upper bound of one pull page (the client may ask for less).
    max_pull_bytes: int = Field(default=4_000_000, ge=10_000)
    tombstone_retention_days: int = Field(default=365, ge=MIN_TOMBSTONE_DAYS)
    # Failed logins per username inside the window before further attempts are refused (429).
    login_max_failures: int = Field(default=5, ge=1)
    login_window_minutes: int = Field(default=15, ge=1)

    @field_validator("min_client_version")
    @classmethod
    def _version_shape(cls, value: str) -> str:
        parse_version(value)
        return value

    @model_validator(mode="after")
    def _derived_paths(self) -> Settings:
        if self.blob_dir is None:
            self.blob_dir = self.data_dir / "blobs"
        return self

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'verval.sqlite3'}"


def parse_version(value: str) -> tuple[int, ...]:
    """'0.1.0' -> (0, 1, 0); a suffix after the numbers ('0.2.0rc1', '0.2.0+git') is ignored."""
    parts: list[int] = []
    for piece in value.strip().split("."):
        digits = ""
        for ch in piece:
            if not ch.isdigit():
                break
            digits += ch
        if not digits:
            if parts:
                break
            raise ValueError(f"not a version: {value!r}")
        parts.append(int(digits))
        if len(digits) != len(piece):
            break
    return tuple(parts)
