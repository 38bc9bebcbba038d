"""Blocking HTTP client for the sync protocol: one `requests.Session`, connect/read timeouts, typed errors.

The engine (and the UI through it) never sees a `requests` exception: everything becomes one of the
`SyncError` subclasses below, each with a message in Bahasa Indonesia that can be shown as is.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from typing import Any

import requests

import app as app_package
from app.sync.protocol import (
    CLIENT_HEADER,
    SYNC_PREFIX,
    LoginRequest,
    LoginResponse,
    Meta,
    Mutation,
    PullPage,
    PushRequest,
    PushResponse,
)


class SyncError(Exception):
    def __init__(self, message: str, *, status: int | None = None, code: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code


class Offline(SyncError):
    """The server could not be reached, or the connection dropped mid-request."""


class AuthError(SyncError):
    """401: not signed in, token expired or revoked, or wrong password."""


class Forbidden(SyncError):
    """403: outside the user's area."""


class ClientTooOld(SyncError):
    """426: this app must be updated; `message` is the server's own explanation."""


class CursorExpired(SyncError):
    """410: the pull cursor is too old (or the scope changed); the scope must be downloaded again."""


class RequestRefused(SyncError):
    """Another 4xx: the request itself was wrong (a bug or a tampered body)."""


class ServerError(SyncError):
    """5xx or an unreadable answer."""


class SyncClient:
    def __init__(
        self,
        base_url: str,
        *,
        session: requests.Session | None = None,
        timeout: tuple[float, float] = (5, 30),
        token: str | None = None,
        client_version: str = app_package.__version__,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._own_session = session is None
        self.session = session or requests.Session()
        self.timeout = timeout
        self.token = token
        self.client_version = client_version
        self.bytes_sent = 0
        self.bytes_received = 0

    def close(self) -> None:
        if self._own_session:
            self.session.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # ---- plumbing ------------------------------------------------------------------------------

    def _headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        headers = {CLIENT_HEADER: self.client_version, "Accept-Encoding": "gzip"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if extra:
            headers.update(extra)
        return headers

    def _request(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
        timeout: tuple[float, float] | None = None,
    ) -> Any:
        try:
            response = self.session.request(
                method,
                self.base_url + path,
                params=params,
                data=data,
                headers=self._headers(headers),
                timeout=timeout or self.timeout,
            )
            body = response.content  # read fully here so a drop mid-body is an Offline, not a bug
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise Offline(f"Server tidak dapat dihubungi ({type(exc).__name__}).") from exc
        except requests.RequestException as exc:
            # ChunkedEncodingError, ContentDecodingError: the connection broke while reading.
            raise Offline(f"Sambungan terputus saat menerima data ({type(exc).__name__}).") from exc
        self.bytes_sent += len(data or b"")
        self.bytes_received += len(body)
        if response.status_code >= 400:
            self._raise(response.status_code, body)
        try:
            return json.loads(body)
        except ValueError as exc:
            raise ServerError("Jawaban server tidak dapat dibaca.", status=response.status_code) from exc

    @staticmethod
    def _raise(status: int, body: bytes) -> None:
        detail, code = "", ""
        try:
            parsed = json.loads(body)
            detail = str(parsed.get("detail", "")) if isinstance(parsed, dict) else ""
            code = str(parsed.get("code", "")) if isinstance(parsed, dict) else ""
        except ValueError:
            pass
        if status == 401:
            raise AuthError(detail or "Silakan masuk lagi.", status=status, code=code)
        if status == 403:
            raise Forbidden(detail or "Tidak diizinkan.", status=status, code=code)
        if status == 426:
            raise ClientTooOld(detail or "Perbarui aplikasi Verval Desa.", status=status, code=code)
        if status == 410:
            raise CursorExpired(detail or "Data perlu diunduh ulang.", status=status, code=code)
        if 400 <= status < 500:
            raise RequestRefused(detail or f"Permintaan ditolak server ({status}).", status=status, code=code)
        raise ServerError(
            detail or f"Server sedang bermasalah ({status}); coba lagi nanti.", status=status, code=code
        )

    # ---- protocol ------------------------------------------------------------------------------

    def meta(self, *, timeout: tuple[float, float] | None = None) -> Meta:
        return Meta.model_validate(self._request("GET", f"{SYNC_PREFIX}/meta", timeout=timeout))

    def login(
        self, username: str, password: str, *, timeout: tuple[float, float] | None = None
    ) -> LoginResponse:
        body = LoginRequest(username=username, password=password).model_dump_json().encode()
        answer = LoginResponse.model_validate(
            self._request(
                "POST",
                "/auth/login",
                data=body,
                headers={"Content-Type": "application/json"},
                timeout=timeout,
            )
        )
        self.token = answer.token
        return answer

    def logout(self) -> None:
        if self.token:
            self._request("POST", "/auth/logout")
            self.token = None

    def pull_page(
        self, cursor: str = "", *, max_bytes: int = 1_000_000, village: str | None = None
    ) -> PullPage:
        params: dict[str, Any] = {"cursor": cursor, "max_bytes": max_bytes}
        if village:
            params["village"] = village
        return PullPage.model_validate(self._request("GET", f"{SYNC_PREFIX}/pull", params=params))

    def pull_stream(self, cursor: str = "", *, page_bytes: int = 300_000) -> Iterator[PullPage]:
        """Pages streamed on one response (NDJSON); raises Offline if the link drops mid-stream.

        The last page has `has_more` False when the scope is complete, True when the server asks for
        another request (it bounds one stream)."""
        params: dict[str, Any] = {"cursor": cursor, "max_bytes": page_bytes, "stream": "true"}
        try:
            response = self.session.get(
                self.base_url + f"{SYNC_PREFIX}/pull",
                params=params,
                headers=self._headers(),
                timeout=self.timeout,
                stream=True,
            )
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise Offline(f"Server tidak dapat dihubungi ({type(exc).__name__}).") from exc
        with response:
            if response.status_code >= 400:
                self._raise(response.status_code, response.content)
            try:
                for line in response.iter_lines(chunk_size=16_384):
                    if not line:
                        continue
                    self.bytes_received += len(line) + 1
                    try:
                        yield PullPage.model_validate_json(line)
                    except ValueError as exc:
                        raise ServerError("Jawaban server tidak dapat dibaca.") from exc
            except requests.RequestException as exc:
                raise Offline(f"Sambungan terputus saat menerima data ({type(exc).__name__}).") from exc

    def push(self, batch: list[Mutation]) -> PushResponse:
        raw = PushRequest(mutations=batch).model_dump_json().encode()
        body = gzip.compress(raw, compresslevel=6, mtime=0)
        return PushResponse.model_validate(
            self._request(
                "POST",
                f"{SYNC_PREFIX}/push",
                data=body,
                headers={"Content-Type": "application/json", "Content-Encoding": "gzip"},
            )
        )

    def reserve_sktm_block(self, *, village_code: str, year: int, count: int) -> dict[str, Any]:
        """A block of SKTM serials for this laptop (sekdes/admin), used offline afterwards."""
        body = json.dumps({"village_code": village_code, "year": year, "count": count}).encode()
        return dict(
            self._request("POST", "/sktm/v1/blocks", data=body, headers={"Content-Type": "application/json"})
        )

    def conflicts(
        self, *, village: str | None = None, include_resolved: bool = False
    ) -> list[dict[str, Any]]:
        params: dict[str, Any] = {"include_resolved": include_resolved}
        if village:
            params["village"] = village
        return list(self._request("GET", f"{SYNC_PREFIX}/conflicts", params=params))
