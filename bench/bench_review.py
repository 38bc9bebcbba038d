"""Review and dossier timings: render a dossier PDF with 8 photos; read a 2,000-submission queue.

The queue figure opens the real Qt model (app/ui/review/queue_model.py) in a table view over 2,000
submitted visits and stops the clock when the first block of rows has been read and shown.
"""

from __future__ import annotations

import io
import os
import random
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bench.common import Result, median

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _photo(seed: int) -> bytes:
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(seed)
    image = Image.new("RGB", (1600, 1200), (rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    draw = ImageDraw.Draw(image)
    for _ in range(400):
        x, y = rng.randrange(1600), rng.randrange(1200)
        r = rng.randrange(5, 60)
        draw.ellipse((x, y, x + r, y + r), fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    out = io.BytesIO()
    image.filter(ImageFilter.GaussianBlur(1)).save(out, "JPEG", quality=82)
    return out.getvalue()


def bench_dossier(repeat: int) -> list[Result]:
    from app.core.demo import generate_demo
    from app.core.dossier import LetterSettings, build_dossier
    from app.core.models import Photo, PhotoKind, Request, RequestKind
    from app.core.rules import default_pack
    from app.store.vault import PhotoVault
    from app.ui.dossier_pdf import ensure_gui, render_dossier_pdf

    ensure_gui()
    district = generate_demo(households=20, neighbour_households=0)
    hid = next(h for h, name in district.scenario.items() if name.startswith("DAFTAR-ULANG"))
    household = next(h for h in district.households if h.id == hid)
    kinds = [PhotoKind.HOUSE_FRONT, PhotoKind.HOUSE_INSIDE, PhotoKind.KK, PhotoKind.KTP, PhotoKind.KTP,
             PhotoKind.INCOME_PROOF, PhotoKind.KITCHEN, PhotoKind.DOMICILE_LETTER]  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        vault = PhotoVault(Path(tmp) / "vault", bytes(32))
        photos = [
            Photo(village_code=household.village_code, household_id=hid, kind=k, sha256=vault.put(_photo(i)))
            for i, k in enumerate(kinds)
        ]
        request = Request(village_code=household.village_code, household_id=hid,
                          kind=RequestKind.RE_REGISTRATION, sktm_number="400.9.2/001/EONB/2026")  # fmt: skip
        visits = [v for v in district.visits if v.household_id == hid]
        times, size = [], 0
        for i in range(repeat):
            start = time.perf_counter()
            dossier = build_dossier(request, household, district.members_of(hid), visits, photos,
                                    settings=LetterSettings(), today=date(2026, 11, 23),
                                    pack=default_pack())  # fmt: skip
            out = Path(tmp) / f"d{i}.pdf"
            report = render_dossier_pdf(dossier, out, vault.get)
            times.append(time.perf_counter() - start)
            size = out.stat().st_size
            assert report.photos_embedded == len(kinds)
    return [
        Result("dossier PDF, 8 photos (build + decrypt + render)", median(times), "s", note=f"{repeat} runs"),
        Result("dossier PDF size, 8 photos", size / 1e6, "MB"),
    ]


def bench_queue(submissions: int) -> list[Result]:
    """Open the review queue (the real Qt model and view) until the first rows are painted."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QTableView

    from app.core.models import Household, Visit, VisitState
    from app.store.review import ReviewFilter
    from app.store.store import Store
    from app.ui.review.queue_model import ReviewQueueModel
    from app.ui.worker import wait_for_all

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "store.db", bytes(32))
        rows = []
        base = datetime(2026, 11, 1, tzinfo=UTC)
        for i in range(submissions):
            village = f"53.02.03.20{i % 10:02d}"
            h = Household(village_code=village, head_name=f"Kepala {i}", kk_number=f"{i:016d}")
            rows.append(h)
            verdict = {"overall": "tetap_layak", "overall_label_id": "Tetap layak", "colour": "success",
                       "flags": ["data_ganda"] if i % 7 == 0 else []}  # fmt: skip
            rows.append(Visit(village_code=h.village_code, household_id=h.id, officer="pendamping",
                              state=VisitState.SUBMITTED, started_at=base + timedelta(minutes=i),
                              finished_at=base + timedelta(minutes=i, seconds=30),
                              verdict=verdict))  # fmt: skip
        with store.session() as session:
            for row in rows:
                session.add(row)

        def open_queue(review_filter: ReviewFilter) -> tuple[float, int]:
            model = ReviewQueueModel(store)
            view = QTableView()
            view.resize(500, 600)
            view.setModel(model)
            view.show()
            loop = QEventLoop()
            model.rows_loaded.connect(loop.quit)
            QTimer.singleShot(30_000, loop.quit)
            start = time.perf_counter()
            model.set_filter(review_filter)
            loop.exec()  # ids on a worker, then the first block of rows on a worker, then painted
            app.processEvents()
            elapsed = time.perf_counter() - start
            shown = model.cached_count
            assert model.total > 0 and shown > 0
            view.close()
            view.deleteLater()
            model.deleteLater()
            wait_for_all()
            app.processEvents()
            return elapsed, model.total

        times, filtered = [], []
        for _ in range(5):
            elapsed, total = open_queue(ReviewFilter())
            assert total == submissions
            times.append(elapsed)
        for _ in range(5):
            elapsed, _total = open_queue(ReviewFilter(village="53.02.03.2003", flag="data_ganda"))
            filtered.append(elapsed)
        store.close()
    return [
        Result(f"review queue opened, {submissions} submissions (Qt model until first rows shown)",
               median(times) * 1000, "ms", note="ids + first block of 100 rows read on workers"),
        Result(f"review queue filtered by village + flag, {submissions} submissions",
               median(filtered) * 1000, "ms"),
    ]  # fmt: skip


def run(quick: bool) -> list[Result]:
    return bench_dossier(2 if quick else 5) + bench_queue(500 if quick else 2000)
