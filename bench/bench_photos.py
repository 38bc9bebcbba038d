"""DESIGN §10 photo target: 12 MP phone photo → upload rendition at 1600 px.

Inputs are deterministic photo-like JPEGs (tests/fixtures/photos.py: house, roof, foliage, sky, sensor
grain; 12 MP in 4:3, 16:9, 3:4 and 1:1, ~4 MB each at quality 95 like a phone's own file). Set
VERVAL_BENCH_PHOTOS to a folder of real phone JPEGs to measure those as well.

SSIM is on luminance (Gaussian window σ=1.5, as Wang et al. 2004) against the same photo decoded in
full, oriented and Lanczos-downscaled to the output size without compression, so it charges both the
JPEG encode and the fast DCT-scaled decode. KB are 1000 bytes.
"""

from __future__ import annotations

import io
import os
import statistics
import time
from collections import Counter
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps
from skimage.metrics import structural_similarity

from app.core.photos import HEMAT, MINIMAL, STANDARD, process_photo
from bench.common import Result, median
from tests.fixtures.photos import PHONE_SIZES, phone_jpeg


def _inputs(quick: bool) -> list[tuple[str, bytes]]:
    ratios = list(PHONE_SIZES.items())
    count = 3 if quick else 12
    photos = []
    for i in range(count):
        name, size = ratios[i % len(ratios)]
        photos.append((f"synthetic {name} #{i}", phone_jpeg(size, seed=100 + i)))
    folder = os.environ.get("VERVAL_BENCH_PHOTOS")
    if folder:
        for path in sorted(Path(folder).iterdir()):
            if path.suffix.lower() in {".jpg", ".jpeg"}:
                photos.append((f"real {path.name}", path.read_bytes()))
    return photos


def _luminance(image: Image.Image) -> np.ndarray:
    return np.asarray(image.convert("L"), dtype=np.float64)


def _ssim(source: bytes, rendition: bytes) -> float:
    out = Image.open(io.BytesIO(rendition))
    with Image.open(io.BytesIO(source)) as full:
        reference = ImageOps.exif_transpose(full).convert("RGB").resize(out.size, Image.Resampling.LANCZOS)
    return float(
        structural_similarity(
            _luminance(reference),
            _luminance(out),
            data_range=255,
            gaussian_weights=True,
            sigma=1.5,
            use_sample_covariance=False,
        )
    )


def run(quick: bool) -> list[Result]:
    photos = _inputs(quick)
    process_photo(photos[0][1])  # warm-up: first call imports imagehash/scipy
    sizes, seconds, ssims, qualities = [], [], [], Counter[int]()
    for _name, data in photos:
        start = time.perf_counter()
        result = process_photo(data)
        seconds.append(time.perf_counter() - start)
        sizes.append(result.byte_size / 1000)
        qualities[result.quality] += 1
        ssims.append(_ssim(data, result.data))
    lighter = {
        profile.name: median([process_photo(data, profile=profile).byte_size / 1000 for _, data in photos])
        for profile in (HEMAT, MINIMAL)
    }
    source_mb = statistics.mean(len(data) for _, data in photos) / 1e6
    note = (
        f"JPEG progressive 4:2:0, quality {dict(sorted(qualities.items()))} "
        f"(lowest with SSIM >= {STANDARD.ssim_floor} against the rendition, searched in "
        f"{STANDARD.quality_min}-{STANDARD.quality_max}, or more if it fits the budget); "
        f"{len(photos)} photos, sources {source_mb:.1f} MB avg"
    )
    return [
        Result("photo_bytes median (1600 px)", median(sizes), "KB", 120, note=note),
        Result("photo_bytes max (1600 px)", max(sizes), "KB", 200),
        Result(
            "photo_ssim min (luminance)",
            min(ssims),
            "ssim",
            0.95,
            higher_is_better=True,
            note=f"median {median(ssims):.4f}",
        ),
        Result("photo_seconds median", median(seconds), "s", 0.3, note=f"max {max(seconds):.3f} s"),
        Result("photo_bytes median (hemat 1280 px)", lighter["hemat"], "KB"),
        Result("photo_bytes median (minimal 1024 px)", lighter["minimal"], "KB"),
    ]
