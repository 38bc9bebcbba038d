"""Deriving the store key from the officer's password with Argon2id (memory-hard).

The salt and cost parameters live beside the database in a small JSON profile; they are not secret.
The same 32-byte key opens the SQLCipher database (as a raw key, so SQLCipher's own PBKDF2 does not
run on every connection) and encrypts the photo vault.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw

KEY_BYTES = 32


@dataclass(frozen=True)
class KdfParams:
    salt_hex: str
    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 2

    @classmethod
    def fresh(cls) -> KdfParams:
        return cls(salt_hex=secrets.token_hex(16))


def derive_key(password: str, params: KdfParams) -> bytes:
    return hash_secret_raw(
        password.encode("utf-8"),
        bytes.fromhex(params.salt_hex),
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def load_params(path: Path) -> KdfParams | None:
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return KdfParams(**data["kdf"])


def save_params(path: Path, params: KdfParams) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"kdf": asdict(params)}, indent=2), encoding="utf-8")
    os.replace(tmp, path)
