"""Child process for the startup and memory benchmarks: a real app start on an existing store.

Prints `READY <rss_kib>` once the main window shows its first rows and the overview, then quits.
It does what a start does: Qt, the password's key derivation, the store, the window; no network.
"""

from __future__ import annotations

import os
import resource
import sys
from pathlib import Path


def rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = Path(sys.argv[1])
    from PySide6.QtCore import QTimer

    from app.store.keys import derive_key, load_params
    from app.store.store import Store
    from app.sync.account import Account
    from app.sync.client import SyncClient
    from app.ui.app import make_application
    from app.ui.main_window import MainWindow

    app = make_application()
    params = load_params(folder / "profile.json")
    assert params is not None
    key = derive_key("bench-password", params)
    store = Store.open(folder / "store.db", key)
    account = Account(
        username="bench", full_name="Bench", role="pendamping", areas=["53.02.03.2002"],
        server_url="http://127.0.0.1:9", store=store, client=SyncClient("http://127.0.0.1:9"),
        online=False, key=key, user_dir=folder,
    )  # fmt: skip
    window = MainWindow(account, auto_sync=False)
    window.show()
    state = {"rows": False}

    def check() -> None:
        if state["rows"] and window.overview.summary is not None:
            usage = resource.getrusage(resource.RUSAGE_SELF)
            print(f"READY {rss_kib()} {usage.ru_utime + usage.ru_stime:.3f}", flush=True)
            app.quit()

    window.model.rows_loaded.connect(lambda: (state.update(rows=True), check()))
    timer = QTimer()
    timer.timeout.connect(check)
    timer.start(5)
    app.exec()
    account.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
