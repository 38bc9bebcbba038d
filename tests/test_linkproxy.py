"""The link-shaping proxy over real loopback sockets: transparency, shaping, faults and counters."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from bench.linkproxy import EDGE, GPRS, LAN, OUTAGE, THREE_G_SLOW, VSAT, LinkProfile, LinkProxy, Outage

KB = 1000


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, so RTTs per request can be measured on one connection

    def do_GET(self) -> None:
        size = int(self.path.rsplit("/", 1)[-1]) if self.path.startswith("/bytes/") else 2
        body = b"ok" if size == 2 else bytes(i % 251 for i in range(size))
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        received = self.rfile.read(length)
        self.server.received.append(len(received))  # type: ignore[attr-defined]
        body = str(len(received)).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = False  # server_close joins the handler threads: nothing outlives a test
    received: list[int]

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # resets are what these tests cause


@pytest.fixture
def http_server() -> Iterator[tuple[str, int]]:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02})
    thread.start()
    try:
        yield ("127.0.0.1", server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def echo_server() -> Iterator[tuple[str, int]]:
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.05)
    stop = threading.Event()
    workers: list[threading.Thread] = []

    def echo(conn: socket.socket) -> None:
        with conn:
            conn.settimeout(0.05)
            while not stop.is_set():
                try:
                    data = conn.recv(65536)
                except TimeoutError:
                    continue
                except OSError:
                    return
                if not data:
                    return
                try:
                    conn.sendall(data)
                except OSError:
                    return

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            worker = threading.Thread(target=echo, args=(conn,))
            workers.append(worker)
            worker.start()

    acceptor = threading.Thread(target=serve)
    acceptor.start()
    try:
        yield listener.getsockname()
    finally:
        stop.set()
        acceptor.join(timeout=5)
        for worker in workers:
            worker.join(timeout=5)
        listener.close()


def _echo_roundtrip(address: tuple[str, int], payload: bytes) -> bytes:
    with socket.create_connection(address, timeout=5) as sock:
        got = bytearray()
        sender = threading.Thread(target=sock.sendall, args=(payload,))
        sender.start()
        while len(got) < len(payload):
            chunk = sock.recv(65536)
            if not chunk:
                break
            got += chunk
        sender.join()
        return bytes(got)


def _read_until_error(sock: socket.socket) -> tuple[int, bool]:
    """Bytes read before the connection ended, and whether it ended in an error (vs a clean EOF)."""
    got = 0
    try:
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                return got, False
            got += len(chunk)
    except OSError:
        return got, True


# --- profiles -----------------------------------------------------------------------------------


def test_design_profiles_and_bound() -> None:
    assert (GPRS.down_kbps, GPRS.up_kbps, GPRS.rtt_ms) == (35, 32, 1300) and 0 <= GPRS.loss <= 0.02
    assert (EDGE.down_kbps, EDGE.up_kbps, EDGE.rtt_ms, EDGE.loss) == (240, 200, 840, 0.01)
    assert (THREE_G_SLOW.down_kbps, THREE_G_SLOW.up_kbps, THREE_G_SLOW.rtt_ms, THREE_G_SLOW.loss) == (
        780,
        330,
        200,
        0.005,
    )
    assert (VSAT.down_kbps, VSAT.up_kbps, VSAT.rtt_ms, VSAT.loss) == (10_000, 3_000, 600, 0.01)
    assert (OUTAGE.up_seconds, OUTAGE.down_seconds) == (60, 30)
    # 30 kB/s down, 25 kB/s up: 300 kB down + 50 kB up + 3 round trips of 0.84 s.
    assert EDGE.bound_seconds(bytes_up=50_000, bytes_down=300_000, round_trips=3) == pytest.approx(
        2 + 10 + 3 * 0.84
    )
    fast = EDGE.scaled(0.01)
    assert fast.rtt == pytest.approx(0.0084)
    assert fast.down_bytes_per_s == pytest.approx(3_000_000)
    assert fast.bound_seconds(50_000, 300_000, 3) == pytest.approx(
        EDGE.bound_seconds(50_000, 300_000, 3) / 100
    )
    assert LAN.bound_seconds(10**9, 10**9, 0) == 0
    assert EDGE.expected_loss_seconds(0, 146_000) == pytest.approx(100 * 0.01 * 0.84)
    assert OUTAGE.is_down(61) and not OUTAGE.is_down(59) and not OUTAGE.is_down(91)
    assert OUTAGE.next_change(10) == 60 and OUTAGE.next_change(70) == 90
    with pytest.raises(ValueError):
        LinkProfile("bad", down_kbps=0, up_kbps=1, rtt_ms=0)


# --- transparency and counters -------------------------------------------------------------------


def test_bytes_pass_unchanged_both_ways_and_are_counted(echo_server: tuple[str, int]) -> None:
    payload = os.urandom(300 * KB)
    with LinkProxy(echo_server) as proxy:
        assert proxy.url == f"http://127.0.0.1:{proxy.port}"
        assert _echo_roundtrip(proxy.address, payload) == payload
        assert _echo_roundtrip(proxy.address, b"second connection") == b"second connection"
        assert proxy.wait_idle()
        assert proxy.bytes_up == proxy.bytes_down == len(payload) + len(b"second connection")
        assert proxy.connections_opened == 2
        stats = proxy.connection_stats()
        assert [(s.bytes_up, s.bytes_down) for s in stats] == [(len(payload), len(payload)), (17, 17)]
        proxy.reset_counters()
        assert (proxy.bytes_up, proxy.bytes_down, proxy.connections_opened) == (0, 0, 0)


def test_http_through_the_proxy(http_server: tuple[str, int]) -> None:
    with LinkProxy(http_server, EDGE, scale=0.01, seed=1) as proxy, requests.Session() as session:
        response = session.get(proxy.url + "/bytes/50000", timeout=5)
        assert response.content == bytes(i % 251 for i in range(50_000))
        assert session.post(proxy.url + "/echo", data=b"x" * 20_000, timeout=5).text == "20000"
        assert proxy.wait_idle()
        assert proxy.bytes_down > 50_000 and proxy.bytes_up > 20_000
        assert proxy.connections_opened == 1  # keep-alive: one connection


def test_close_leaves_no_threads(echo_server: tuple[str, int]) -> None:
    proxy = LinkProxy(echo_server, EDGE, scale=0.01).start()
    held = socket.create_connection(proxy.address)  # left open: close() must abort it
    held.sendall(b"hello")
    time.sleep(0.05)
    assert any(t.name.startswith("linkproxy") for t in threading.enumerate())
    proxy.close()
    held.close()
    assert not [t.name for t in threading.enumerate() if t.name.startswith("linkproxy")]


# --- shaping -------------------------------------------------------------------------------------


def test_bandwidth_limits_throughput_each_way(http_server: tuple[str, int]) -> None:
    link = LinkProfile("200kB/s", down_kbps=1600, up_kbps=1600, rtt_ms=0)  # 200 kB/s each way
    with LinkProxy(http_server, link) as proxy, requests.Session() as session:
        start = time.monotonic()
        assert len(session.get(proxy.url + "/bytes/100000", timeout=5).content) == 100_000
        down = time.monotonic() - start
        start = time.monotonic()
        assert session.post(proxy.url + "/echo", data=b"u" * 100_000, timeout=5).text == "100000"
        up = time.monotonic() - start
    assert 0.45 <= down < 1.2, down
    assert 0.45 <= up < 1.2, up


def test_a_long_download_keeps_a_delayed_link_busy(http_server: tuple[str, int]) -> None:
    # A TCP sender keeps a window in flight, so a bulk transfer costs the bound, not one one-way
    # delay per buffer's worth (which reading 64 kB and draining it whole before the next would add).
    link = LinkProfile("200kB/s 200ms", down_kbps=1600, up_kbps=1600, rtt_ms=200)
    with LinkProxy(http_server, link) as proxy, requests.Session() as session:
        start = time.monotonic()
        assert len(session.get(proxy.url + "/bytes/400000", timeout=10).content) == 400_000
        seconds = time.monotonic() - start
        bound = link.bound_seconds(proxy.bytes_up, proxy.bytes_down, round_trips=2)
    assert bound <= seconds < bound * 1.12, (seconds, bound)


def test_shared_link_divides_bandwidth_between_connections(http_server: tuple[str, int]) -> None:
    link = LinkProfile("200kB/s", down_kbps=1600, up_kbps=1600, rtt_ms=0)

    def two_downloads(shared: bool) -> float:
        with LinkProxy(http_server, link, shared_link=shared) as proxy:
            start = time.monotonic()
            threads = [
                threading.Thread(target=lambda: requests.get(proxy.url + "/bytes/100000", timeout=10).content)
                for _ in range(2)
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            return time.monotonic() - start

    # One radio carries both: 200 kB take a second; separate links would carry them in half that.
    assert 0.9 <= two_downloads(shared=True) < 1.8
    assert two_downloads(shared=False) < 0.8


def test_a_shared_link_is_not_held_idle_by_another_connections_delay(http_server: tuple[str, int]) -> None:
    # Requests on a second connection must not stop the first one's download during their one-way
    # delay: the radio sends whatever is waiting.
    link = LinkProfile("100kB/s 400ms", down_kbps=800, up_kbps=800, rtt_ms=400)
    with LinkProxy(http_server, link, shared_link=True) as proxy:
        other = requests.Session()

        def small_requests() -> None:
            time.sleep(0.8)
            for _ in range(6):
                other.get(proxy.url + "/bytes/1000", timeout=10)

        thread = threading.Thread(target=small_requests)
        start = time.monotonic()
        thread.start()
        assert len(requests.get(proxy.url + "/bytes/300000", timeout=20).content) == 300_000
        seconds = time.monotonic() - start
        thread.join()
        other.close()
        bound = link.bound_seconds(proxy.bytes_up, proxy.bytes_down, round_trips=2)
    assert seconds < bound + 0.4, (seconds, bound)


def test_delay_adds_a_round_trip_per_request(http_server: tuple[str, int]) -> None:
    link = LinkProfile("slow", down_kbps=None, up_kbps=None, rtt_ms=200)
    with LinkProxy(http_server, link) as proxy, requests.Session() as session:
        start = time.monotonic()
        session.get(proxy.url + "/", timeout=5)
        first = time.monotonic() - start  # handshake RTT + request/response RTT
        start = time.monotonic()
        session.get(proxy.url + "/", timeout=5)
        second = time.monotonic() - start
    assert 0.38 <= first < 0.6, first
    assert 0.19 <= second < 0.35, second


def test_loss_shows_as_retransmission_stalls(echo_server: tuple[str, int]) -> None:
    payload = os.urandom(60 * KB)  # about 41 segments each way

    def timed(loss: float) -> float:
        link = LinkProfile("lossy", down_kbps=None, up_kbps=None, rtt_ms=10, loss=loss)
        with LinkProxy(echo_server, link, seed=7, handshake_rtt=False) as proxy:
            start = time.monotonic()
            assert _echo_roundtrip(proxy.address, payload) == payload
            return time.monotonic() - start

    clean, lossy = timed(0.0), timed(0.3)
    assert lossy - clean >= 0.1, (clean, lossy)  # ~24 stalls of 10 ms expected


def test_stall_holds_delivery(http_server: tuple[str, int]) -> None:
    with LinkProxy(http_server) as proxy, requests.Session() as session:
        session.get(proxy.url + "/", timeout=5)
        proxy.stall(0.3)
        start = time.monotonic()
        session.get(proxy.url + "/", timeout=5)
        assert time.monotonic() - start >= 0.28


# --- faults --------------------------------------------------------------------------------------


def test_cut_after_down_bytes_delivers_at_most_n(echo_server: tuple[str, int]) -> None:
    with LinkProxy(echo_server) as proxy:
        proxy.cut_after(down_bytes=10_000)
        with socket.create_connection(proxy.address, timeout=5) as sock:
            sock.sendall(os.urandom(50 * KB))
            got, error = _read_until_error(sock)
        assert got <= 10_000 and error
        assert proxy.bytes_down == 10_000
        assert proxy.connection_stats()[0].ended_by == "cut"
        # one-shot: the next connection is whole
        assert _echo_roundtrip(proxy.address, b"x" * 20_000) == b"x" * 20_000


def test_cut_after_up_bytes_over_http(http_server: tuple[str, int]) -> None:
    with LinkProxy(http_server) as proxy, requests.Session() as session:
        proxy.cut_after(up_bytes=5_000)
        with pytest.raises(requests.exceptions.ConnectionError):
            session.post(proxy.url + "/echo", data=b"p" * 50_000, timeout=5)
        assert proxy.bytes_up == 5_000
        assert session.post(proxy.url + "/echo", data=b"p" * 50_000, timeout=5).text == "50000"


def test_cut_current_connection_mid_download(http_server: tuple[str, int]) -> None:
    link = LinkProfile("200kB/s", down_kbps=1600, up_kbps=None, rtt_ms=0)
    with LinkProxy(http_server, link) as proxy, requests.Session() as session:
        response = session.get(proxy.url + "/bytes/200000", timeout=5, stream=True)
        chunks = response.iter_content(chunk_size=1000)
        first = b"".join(next(chunks) for _ in range(20))
        proxy.cut_after(down_bytes=5_000, which="current")
        with pytest.raises(requests.exceptions.ChunkedEncodingError):
            for _ in chunks:
                pass
        response.close()
        assert len(first) == 20_000
        assert proxy.bytes_down < 100_000
        assert proxy.connection_stats()[0].ended_by == "cut"


def test_reset_next_connection(http_server: tuple[str, int]) -> None:
    with LinkProxy(http_server) as proxy:
        proxy.reset_next()
        with requests.Session() as session, pytest.raises(requests.exceptions.ConnectionError):
            session.get(proxy.url + "/", timeout=5)
        with requests.Session() as session:
            assert session.get(proxy.url + "/", timeout=5).text == "ok"
        assert proxy.connections_opened == 2 and proxy.connections_refused == 1


def test_down_refuses_then_recovers_on_the_same_port(http_server: tuple[str, int]) -> None:
    with LinkProxy(http_server) as proxy:
        port = proxy.port
        proxy.set_down(True)
        assert proxy.is_down
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(proxy.address, timeout=1).close()
        with requests.Session() as session, pytest.raises(requests.exceptions.ConnectionError):
            session.get(proxy.url + "/", timeout=1)
        proxy.set_down(False)
        assert proxy.port == port
        with requests.Session() as session:
            assert session.get(proxy.url + "/", timeout=5).text == "ok"


def test_down_holds_open_connections_until_up(echo_server: tuple[str, int]) -> None:
    with LinkProxy(echo_server) as proxy, socket.create_connection(proxy.address, timeout=5) as sock:
        proxy.set_down(True)
        sock.sendall(b"held")
        threading.Timer(0.3, proxy.set_down, args=(False,)).start()
        start = time.monotonic()
        assert sock.recv(100) == b"held"
        assert time.monotonic() - start >= 0.25


def test_outage_schedule(http_server: tuple[str, int]) -> None:
    with LinkProxy(http_server, outage=Outage(up_seconds=50, down_seconds=30), scale=0.01) as proxy:
        start = time.monotonic()
        with requests.Session() as session:
            assert session.get(proxy.url + "/", timeout=5).text == "ok"  # 0 .. 0.5 s: up
        time.sleep(max(0.0, start + 0.6 - time.monotonic()))
        with pytest.raises(ConnectionRefusedError):  # 0.5 .. 0.8 s: down
            socket.create_connection(proxy.address, timeout=1).close()
        time.sleep(max(0.0, start + 0.9 - time.monotonic()))
        with requests.Session() as session:  # 0.8 .. 1.3 s: up again
            assert session.get(proxy.url + "/", timeout=5).text == "ok"
