"""Signing in: online the first time (to get a token and create the store), offline afterwards.

The store key is derived from the password, so opening the store *is* the offline password check.
The bearer token lives inside the encrypted store, never in a plain file.
"""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from app.store.errors import StoreError
from app.store.keys import KdfParams, derive_key, load_params, save_params
from app.store.store import Store
from app.sync.client import AuthError, ClientTooOld, Offline, SyncClient

USERNAME_RE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
# Short: a returning officer on a dying link signs in offline rather than waiting on the network.
LOGIN_TIMEOUT = (4.0, 10.0)


class SignInError(Exception):
    def __init__(self, message: str, english: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.english = english or message


@dataclass
class Account:
    username: str
    full_name: str
    role: str
    areas: list[str]
    server_url: str
    store: Store
    client: SyncClient
    online: bool
    key: bytes
    user_dir: Path

    def close(self) -> None:
        self.store.close()
        self.client.close()


def user_dir(data_dir: Path, username: str) -> Path:
    return data_dir / "users" / username


def sign_in(
    data_dir: Path, server_url: str, username: str, password: str, *, client: SyncClient | None = None
) -> Account:
    """Open the user's store, logging in to the server when it can be reached.

    Raises SignInError with a message for the user: wrong password, first sign-in while offline,
    a damaged store (left untouched).
    """
    if not USERNAME_RE.match(username):
        raise SignInError("Nama pengguna tidak valid.", "Invalid username.")
    folder = user_dir(data_dir, username)
    profile_path = folder / "profile.json"
    params = load_params(profile_path)
    client = client or SyncClient(server_url)
    # The online login and the memory-hard key derivation run side by side: both mostly wait
    # (network, Argon2 without the GIL), and a returning officer should not pay for them in turn.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="login") as pool:
        online = pool.submit(client.login, username, password, timeout=LOGIN_TIMEOUT)
        key = derive_key(password, params) if params is not None else None
        login = None
        try:
            login = online.result()
        except Offline:
            if params is None:
                client.close()
                raise SignInError(
                    "Masuk pertama kali harus terhubung ke server. Periksa sinyal lalu coba lagi.",
                    "The first sign-in needs a connection to the server. Check the signal and try again.",
                ) from None
        except ClientTooOld as exc:
            if params is None:
                client.close()
                raise SignInError(str(exc), "This app version is too old for the server; update it.") from exc
            # Work offline on local data; the sync panel shows the same message until the app is updated.
        except AuthError as exc:
            if params is None:
                client.close()
                raise SignInError(
                    "Nama pengguna atau kata sandi salah.", "Wrong username or password."
                ) from exc
            # The server refused but a local store exists: the local password check below decides.
    first_time = params is None
    if params is None or key is None:
        params = KdfParams.fresh()
        key = derive_key(password, params)
    try:
        store = Store.open(folder / "store.db", key)
    except StoreError as exc:
        client.close()
        raise SignInError(exc.message, exc.english) from exc
    if first_time:
        save_params(profile_path, params)
        _write_server_url(folder, server_url)
    if login is not None:
        store.set_state("token", login.token)
        store.set_state(
            "user", json.dumps({"full_name": login.full_name, "role": login.role, "areas": login.areas})
        )
        client.token = login.token
    else:
        client.token = store.get_state("token") or None
    info = json.loads(store.get_state("user") or "{}")
    return Account(
        username=username,
        full_name=info.get("full_name", username),
        role=info.get("role", "pendamping"),
        areas=list(info.get("areas", [])),
        server_url=server_url,
        store=store,
        client=client,
        online=login is not None,
        key=key,
        user_dir=folder,
    )


def known_server_url(data_dir: Path, username: str) -> str | None:
    path = user_dir(data_dir, username) / "server.json"
    if not path.exists():
        return None
    return str(json.loads(path.read_text(encoding="utf-8"))["url"])


def _write_server_url(folder: Path, url: str) -> None:
    (folder / "server.json").write_text(json.dumps({"url": url}), encoding="utf-8")
