"""The photo quality search: its SSIM estimate, the search itself, and what it gives real photos."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageOps
from skimage.metrics import structural_similarity

from app.core import photos
from app.core.photos import STANDARD, process_photo
from app.core.ssim import LumaSsim
from tests.fixtures.photos import PHONE_SIZES, phone_jpeg, photo_like


def full_ssim(reference: Image.Image, jpeg: bytes) -> float:
    """SSIM exactly as the photo benchmark computes it (scikit-image, every pixel)."""
    decoded = Image.open(io.BytesIO(jpeg))
    return float(
        structural_similarity(
            np.asarray(reference.convert("L"), dtype=np.float64),
            np.asarray(decoded.convert("L"), dtype=np.float64),
            data_range=255,
            gaussian_weights=True,
            sigma=1.5,
            use_sample_covariance=False,
        )
    )


def baseline_jpeg(image: Image.Image, quality: int, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, subsampling="4:2:0", **options)
    return out.getvalue()


@pytest.fixture(scope="module")
def rendition() -> Image.Image:
    """A busy 1600×1200 house photo, as process_photo hands it to the encoder."""
    return photo_like((1600, 1200), seed=21)


@pytest.mark.parametrize("quality", [35, 55, 75])
def test_grid_estimate_matches_the_full_ssim(rendition: Image.Image, quality: int) -> None:
    jpeg = baseline_jpeg(rendition, quality)
    assert LumaSsim(rendition).of_jpeg(jpeg) == pytest.approx(full_ssim(rendition, jpeg), abs=3e-4)


def test_identical_picture_scores_one_and_a_probe_scores_as_the_final_encode(rendition: Image.Image) -> None:
    ssim = LumaSsim(rendition)
    lossless = io.BytesIO()
    rendition.save(lossless, "PNG")
    assert ssim.of_jpeg(baseline_jpeg(rendition, 100)) > 0.99
    probe = baseline_jpeg(rendition, 50)
    final = baseline_jpeg(rendition, 50, optimize=True, progressive=True)
    assert len(final) < len(probe)  # the probe is the conservative size
    assert ssim.of_jpeg(final) == ssim.of_jpeg(probe)  # same quantisation, same pixels


def test_a_picture_smaller_than_one_window_is_not_measured() -> None:
    tiny = Image.new("RGB", (8, 40), (200, 10, 10))
    assert LumaSsim(tiny).of_jpeg(baseline_jpeg(tiny, 30)) == 1.0


class CurveProbes:
    """Probes with a known SSIM curve, counting how many the search asks for."""

    def __init__(self, curve: dict[int, float], size_per_quality: int = 10_000) -> None:
        self.curve = curve
        self.size_per_quality = size_per_quality
        self._scores: dict[int, float] = {}

    def ssim(self, quality: int) -> float:
        self._scores.setdefault(quality, self.curve[quality])
        return self._scores[quality]

    def fits(self, quality: int, budget: int) -> bool:
        return quality * self.size_per_quality <= budget

    @property
    def scores(self) -> dict[int, float]:
        return dict(self._scores)


def curve(lowest_passing: int, slope: float = 0.0008) -> dict[int, float]:
    return {q: STANDARD.ssim_floor + (q - lowest_passing) * slope + 1e-5 for q in range(0, 101)}


@pytest.mark.parametrize("lowest_passing", [41, 47, 52, 55, 58, 63, 70, 79])
@pytest.mark.parametrize("slope", [0.0005, 0.0008, 0.0012])
def test_search_never_goes_below_the_floor_and_misses_the_optimum_by_two_steps_at_most(
    lowest_passing: int, slope: float
) -> None:
    probes = CurveProbes(curve(lowest_passing, slope))
    chosen = photos._lowest_quality_meeting_ssim(probes, STANDARD, target=0)  # type: ignore[arg-type]
    assert probes.curve[chosen] >= STANDARD.ssim_floor
    assert lowest_passing <= chosen <= lowest_passing + (1 if slope == 0.0008 else 2)
    assert len(probes.scores) <= 4


def test_search_stops_once_a_passing_quality_fits_the_byte_budget() -> None:
    probes = CurveProbes(curve(45))
    chosen = photos._lowest_quality_meeting_ssim(probes, STANDARD, target=10**9)  # type: ignore[arg-type]
    assert chosen == STANDARD.quality_start and len(probes.scores) == 1  # the budget raises it anyway


def test_search_gives_the_highest_quality_when_nothing_meets_the_floor() -> None:
    probes = CurveProbes({q: 0.4 + q / 1000 for q in range(101)})
    chosen = photos._lowest_quality_meeting_ssim(probes, STANDARD, target=0)  # type: ignore[arg-type]
    assert chosen == STANDARD.quality_max and len(probes.scores) <= 3


def test_busy_phone_photo_gets_the_quality_its_detail_needs() -> None:
    source = phone_jpeg(PHONE_SIZES["4:3"], seed=31)
    result = process_photo(source)
    with Image.open(io.BytesIO(source)) as full:
        reference = (
            ImageOps.exif_transpose(full)
            .convert("RGB")
            .resize((result.width, result.height), Image.Resampling.LANCZOS)
        )
    assert full_ssim(reference, result.data) >= 0.95  # the DESIGN §10 target, against a full decode
    assert STANDARD.quality_min <= result.quality < STANDARD.quality_max
    assert result.byte_size <= STANDARD.max_bytes


def test_document_keeps_the_highest_quality_because_it_costs_little() -> None:
    page = Image.new("RGB", (2400, 1600), (245, 243, 235))
    draw = ImageDraw.Draw(page)
    text = "NIK 5302031204880001  Kartu Keluarga  Desa Eonbesi " * 2
    for line in range(40):
        draw.text((120, 60 + line * 36), text, fill=(20, 20, 20))
    buf = io.BytesIO()
    page.save(buf, "JPEG", quality=92)
    result = process_photo(buf.getvalue())
    assert result.quality == STANDARD.quality_max
    assert result.byte_size <= STANDARD.target_bytes(result.width, result.height)
