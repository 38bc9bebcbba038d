"""Run the server for tests, benchmarks and the desktop demo: in a thread, or as a child process.

`ServerThread` serves on 127.0.0.1 with a free port and returns from `start()` only when the socket
accepts connections. `ServerProcess` does the same in a separate Python process, so fault tests can
SIGKILL it mid-request and start it again on the same data and port.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from typing import Any

import uvicorn
from sqlalchemy import Engine

from app.server.api import create_app
from app.server.config import Settings


def _wait_for_port(host: str, port: int, timeout: float, alive: Any = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if alive is not None and not alive():
            raise RuntimeError("server exited during startup")
        try:
            with socket.create_connection((host, port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.02)
    raise TimeoutError(f"server on {host}:{port} did not start within {timeout} s")


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


class ServerThread:
    """uvicorn in a background thread. `with ServerThread(settings) as server: server.url`."""

    def __init__(self, settings: Settings, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self.settings = settings
        self.host = host
        self.port = port
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._sock: socket.socket | None = None
        self._app: Any = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def engine(self) -> Engine:
        """The server's database engine (open while the server runs), for admin functions and tests."""
        if self._app is None:
            raise RuntimeError("server not started")
        return self._app.state.engine  # type: ignore[no-any-return]

    def wait(self) -> None:
        """Block until the server stops (Ctrl+C in `verval demo --no-gui`)."""
        while self._thread is not None and self._thread.is_alive():
            self._thread.join(0.5)

    def start(self, timeout: float = 30) -> ServerThread:
        # Bind here, not in uvicorn: port 0 becomes a real port we know before the thread starts.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        self.port = int(sock.getsockname()[1])
        self._sock = sock
        self._app = create_app(self.settings)
        config = uvicorn.Config(
            self._app, log_level="warning", access_log=False, lifespan="on", timeout_keep_alive=30
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, name="verval-server", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive():
                raise RuntimeError("server thread exited during startup")
            if time.monotonic() > deadline:
                raise TimeoutError("server did not start")
            time.sleep(0.01)
        _wait_for_port(self.host, self.port, timeout)
        return self

    def stop(self, timeout: float = 10) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)
        if self._sock is not None:
            self._sock.close()
        self._server = self._thread = self._sock = None

    def __enter__(self) -> ServerThread:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()


class ServerProcess:
    """The server in a child process (`python -m app.server.runner`), killable with SIGKILL."""

    def __init__(
        self, settings: Settings, *, host: str = "127.0.0.1", port: int = 0, workers: int = 1
    ) -> None:
        self.settings = settings
        self.host = host
        self.port = port or free_port(host)
        self.workers = workers
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, timeout: float = 60) -> ServerProcess:
        env = dict(os.environ)
        env.update(_settings_env(self.settings))
        env["PYTHONUNBUFFERED"] = "1"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "app.server.runner",
                "--host",
                self.host,
                "--port",
                str(self.port),
                "--workers",
                str(self.workers),
            ],
            env=env,
            stdin=subprocess.DEVNULL,
        )
        process = self.process
        _wait_for_port(self.host, self.port, timeout, alive=lambda: process.poll() is None)
        return self

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flush; what a power cut does."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)
        self.process = None

    def stop(self, timeout: float = 15) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.process = None

    def restart(self) -> None:
        self.kill()
        self.start()

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def _settings_env(settings: Settings) -> dict[str, str]:
    data = json.loads(settings.model_dump_json())
    return {f"VERVAL_{k.upper()}": str(v) for k, v in data.items() if v is not None}


def serve(settings: Settings, host: str, port: int) -> None:
    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        log_level="info",
        access_log=settings.access_log,
        timeout_keep_alive=30,
    )


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m app.server.runner")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    if args.workers > 1:
        # Several processes: each builds the app from the environment's settings.
        uvicorn.run(
            "app.server.api:create_app",
            factory=True,
            host=args.host,
            port=args.port,
            workers=args.workers,
            log_level="warning",
            access_log=False,
            timeout_keep_alive=30,
        )
        return 0
    uvicorn.run(
        create_app(Settings()),
        host=args.host,
        port=args.port,
        log_level="warning",
        access_log=False,
        timeout_keep_alive=30,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["ServerProcess", "ServerThread", "free_port", "serve"]
