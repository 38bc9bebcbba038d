"""Turning a camera photo into the small rendition that is uploaded and shown (DESIGN §6).

`process_photo` refuses what is not a usable photo (non-images, truncated files, decompression bombs,
oversized files, HEIC without a decoder) with one `PhotoError` carrying a Bahasa Indonesia message;
otherwise it applies the EXIF orientation, downscales to the profile's long edge, re-encodes a
metadata-free progressive JPEG whose quality is searched per photo against an SSIM floor and a byte
budget (measured on cheap baseline probes, app/core/ssim.py), and returns the bytes
with their sha256, a thumbnail, a perceptual hash, and the time and place read from EXIF (GPS and time
go into the record, never into the uploaded file).

JPEG, not WebP: at equal SSIM WebP saved ~20 % but each encode took ~150 ms against ~25 ms, which rules
out a quality search inside the 0.3 s budget, and every viewer (Qt, browsers, PDF) reads JPEG.

Pure: no Qt, no HTTP, no database. Safe to call from worker threads.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import re
import threading
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PIL import Image, ImageFile, UnidentifiedImageError
from PIL.ExifTags import GPS, IFD, Base

if TYPE_CHECKING:
    from app.core.ssim import LumaSsim

# A 12 MP phone JPEG is 3–8 MB, a 50 MP one 15–25 MB; past 32 MiB it is a video, a RAW file or an
# appended motion-photo clip, and reading it on an officer's laptop is not worth the memory.
MAX_INPUT_BYTES = 32 * 1024 * 1024
# Checked on the header, before any pixel is decoded. 89 MP is Pillow's own bomb threshold (so its
# warning can never fire for an accepted file) and still admits 50 and 64 MP phone photos; 108/200 MP
# modes are refused with advice to use the camera's normal resolution.
MAX_PIXELS = Image.MAX_IMAGE_PIXELS or 89_478_485
# Formats a phone, a scanner or a screenshot tool gives (JPEG covers multi-picture MPO); the rest of
# Pillow's zoo stays closed. HEIF only counts once pillow-heif has registered it.
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "AVIF", "HEIF", "TIFF", "BMP", "GIF")
# Camera clocks reset after a flat battery come back as 1970/2000/2010; such a time is not evidence.
MIN_PLAUSIBLE_YEAR = 2015
THUMBNAIL_EDGE = 256
THUMBNAIL_QUALITY = 70
DEFAULT_SAME_PHOTO_THRESHOLD = 10  # of 64 phash bits; re-encodes and resizes land well under it

HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1")


@dataclass(frozen=True)
class PhotoProfile:
    """How hard to squeeze: the long edge, a byte budget, an SSIM floor and the JPEG quality bounds.

    The budget is in bits per pixel, so a square photo (1600×1600) may weigh a third more than a
    4:3 one at the same sharpness. A photo gets the higher of two qualities: the highest that fits the
    budget, and the lowest whose luminance SSIM against the uncompressed rendition is ≥ `ssim_floor`
    (searched per photo between quality_min and quality_max, starting at quality_start). Only when
    that exceeds `max_bytes` does the quality go on down to quality_floor, because on a GPRS link an
    oversized photo costs more than a softer one.

    The floor is 0.953, not 0.95: it is measured against our own rendition, which `draft` decodes at
    half scale; against a full decode downscaled without compression (the benchmark's reference) the
    same photos score 0.0013–0.0024 lower.
    """

    name: str
    long_edge: int
    max_bytes: int
    target_bpp: float = 0.48
    quality_max: int = 82
    quality_min: int = 40
    quality_start: int = 55
    quality_floor: int = 35
    ssim_floor: float = 0.953

    def target_bytes(self, width: int, height: int) -> int:
        return min(self.max_bytes, int(width * height * self.target_bpp / 8))


STANDARD = PhotoProfile("standard", 1600, max_bytes=195_000)
HEMAT = PhotoProfile("hemat", 1280, max_bytes=125_000)
MINIMAL = PhotoProfile("minimal", 1024, max_bytes=80_000)
DEFAULT = STANDARD
PROFILES = {p.name: p for p in (STANDARD, HEMAT, MINIMAL)}

Source = Literal["exif", "visit", "none"]


@dataclass(frozen=True)
class ProcessedPhoto:
    """The upload rendition and what the Photo record needs from it."""

    data: bytes
    sha256: str
    width: int
    height: int
    quality: int
    thumbnail: bytes
    thumbnail_sha256: str
    phash: str
    taken_at: datetime | None
    latitude: float | None
    longitude: float | None
    time_source: Source
    location_source: Source
    source_format: str
    source_width: int  # upright, before downscaling
    source_height: int
    profile: str
    media_type: str = "image/jpeg"

    @property
    def byte_size(self) -> int:
        return len(self.data)


_MESSAGES: dict[str, tuple[str, str]] = {
    "empty": ("Berkas kosong (0 byte).", "The file is empty."),
    "unreadable": ("Berkas tidak dapat dibaca: {detail}.", "The file cannot be read: {detail}."),
    "file_too_large": (
        "Berkas terlalu besar ({size_mb:.0f} MB; batas {limit_mb:.0f} MB). Ini mungkin video atau foto "
        "resolusi sangat tinggi: ambil ulang dengan resolusi kamera biasa.",
        "The file is too large ({size_mb:.0f} MB; limit {limit_mb:.0f} MB). It may be a video or a very "
        "high-resolution photo: retake it at the camera's normal resolution.",
    ),
    "not_image": (
        "Berkas ini bukan foto yang dikenali (JPEG, PNG, WebP). Pilih berkas foto yang benar.",
        "This file is not a recognised photo (JPEG, PNG, WebP). Choose a real photo file.",
    ),
    "unsupported_format": (
        "Format {format} tidak didukung untuk foto. Gunakan JPEG atau PNG.",
        "Format {format} is not supported for photos. Use JPEG or PNG.",
    ),
    "heic_unsupported": (
        'Format HEIC belum didukung di komputer ini. Atur kamera ke JPEG ("Paling kompatibel") atau '
        "kirim ulang foto sebagai JPG.",
        'HEIC is not supported on this computer yet. Set the camera to JPEG ("Most compatible") or '
        "send the photo again as JPG.",
    ),
    "too_many_pixels": (
        "Ukuran foto terlalu besar ({megapixels:.0f} MP; batas {limit_mp:.0f} MP). Berkas seperti ini "
        "bisa menghabiskan memori komputer; gunakan resolusi kamera biasa.",
        "The photo is too large ({megapixels:.0f} MP; limit {limit_mp:.0f} MP). Such a file could "
        "exhaust the computer's memory; use the camera's normal resolution.",
    ),
    "truncated": (
        "Foto tidak lengkap (berkas terpotong, mungkin penyalinan terputus). Salin ulang dari kamera.",
        "The photo is incomplete (the file is cut off, perhaps an interrupted copy). Copy it again.",
    ),
    "corrupt": (
        "Foto rusak dan tidak dapat dibuka. Ambil atau salin ulang foto.",
        "The photo is damaged and cannot be opened. Take or copy it again.",
    ),
}


class PhotoError(Exception):
    """A photo was refused. `message` is for the officer (Bahasa Indonesia), `english` for logs/UI."""

    def __init__(self, message_id: str, message: str, english: str = "") -> None:
        super().__init__(message)
        self.message_id = message_id
        self.message = message
        self.english = english or message


def _error(message_id: str, **params: object) -> PhotoError:
    indonesian, english = _MESSAGES[message_id]
    return PhotoError(message_id, indonesian.format(**params), english.format(**params))


def process_photo(
    data: bytes | str | os.PathLike[str],
    *,
    profile: PhotoProfile = DEFAULT,
    fallback_time: datetime | None = None,
    fallback_gps: tuple[float, float] | None = None,
) -> ProcessedPhoto:
    """Validate, orient, downscale and re-encode one photo. Raises PhotoError, nothing else expected."""
    raw = _read_input(data)
    with _open_image(raw) as source:
        exif = source.getexif()
        rendition = _decode_downscaled(source, profile.long_edge)
        source_format = source.format or "?"
        source_size = source.size
    orientation = exif.get(Base.Orientation, 1)
    rendition = _orient(rendition, orientation)
    if orientation in (5, 6, 7, 8):
        source_size = (source_size[1], source_size[0])
    rendition = _to_rgb(rendition)
    encoded, quality = _encode_within_budget(rendition, profile)
    thumbnail_image = _thumbnail_image(rendition)
    thumbnail = _encode_thumbnail(thumbnail_image)
    taken_at = _exif_time(exif)
    gps = _exif_gps(exif)
    return ProcessedPhoto(
        data=encoded,
        sha256=hashlib.sha256(encoded).hexdigest(),
        width=rendition.width,
        height=rendition.height,
        quality=quality,
        thumbnail=thumbnail,
        thumbnail_sha256=hashlib.sha256(thumbnail).hexdigest(),
        phash=_phash(thumbnail_image),
        taken_at=taken_at or fallback_time,
        latitude=gps[0] if gps else (fallback_gps[0] if fallback_gps else None),
        longitude=gps[1] if gps else (fallback_gps[1] if fallback_gps else None),
        time_source="exif" if taken_at else ("visit" if fallback_time else "none"),
        location_source="exif" if gps else ("visit" if fallback_gps else "none"),
        source_format=source_format,
        source_width=source_size[0],
        source_height=source_size[1],
        profile=profile.name,
    )


def phash_distance(a: str, b: str) -> int:
    """Hamming distance between two 16-hex-digit perceptual hashes (0 = identical, 64 = opposite)."""
    if len(a) != 16 or len(b) != 16:
        raise ValueError("a perceptual hash is 16 hex digits")
    return (int(a, 16) ^ int(b, 16)).bit_count()


def is_same_photo(a: str, b: str, threshold: int = DEFAULT_SAME_PHOTO_THRESHOLD) -> bool:
    """True when two photos are most likely the same picture (resized, re-encoded or lightly edited)."""
    return phash_distance(a, b) <= threshold


# --- reading and decoding -------------------------------------------------------------------------


def _read_input(data: bytes | str | os.PathLike[str]) -> bytes:
    if isinstance(data, bytes | bytearray | memoryview):
        raw = bytes(data)
    else:
        path = Path(data)
        try:
            size = path.stat().st_size
            if size > MAX_INPUT_BYTES:  # checked before reading: a 2 GB video must not be slurped
                raise _too_large(size)
            raw = path.read_bytes()
        except OSError as exc:
            raise _error("unreadable", detail=exc.strerror or type(exc).__name__) from exc
    if not raw:
        raise _error("empty")
    if len(raw) > MAX_INPUT_BYTES:
        raise _too_large(len(raw))
    return raw


def _too_large(size: int) -> PhotoError:
    return _error("file_too_large", size_mb=size / 2**20, limit_mb=MAX_INPUT_BYTES / 2**20)


def _sniff_heif(raw: bytes) -> bool:
    # ISO-BMFF: box size, then "ftyp" and the major brand; iPhones write "heic", Samsung "heic"/"mif1".
    return raw[4:8] == b"ftyp" and raw[8:12] in HEIF_BRANDS


def _heif_decoder_available() -> bool:
    """Register pillow-heif if it is installed; it is optional, so HEIC works where someone added it."""
    try:
        import pillow_heif  # optional: not a dependency, used only where someone installed it
    except ImportError:
        return False
    pillow_heif.register_heif_opener()
    return True


# Pillow reports a possible bomb through the process-wide warnings filter; the lock keeps our own
# concurrent calls from interleaving their catch_warnings() enter/exit.
_open_lock = threading.Lock()


def _open_image(raw: bytes) -> ImageFile.ImageFile:
    if _sniff_heif(raw) and not _heif_decoder_available():
        raise _error("heic_unsupported")
    try:
        with _open_lock, warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(raw), formats=_registered_formats())
    except UnidentifiedImageError as exc:
        raise _unidentified(raw) from exc
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        claimed = re.search(r"\((\d+) pixels\)", str(exc))
        raise _too_many_pixels(int(claimed.group(1)) if claimed else 0) from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise _error("corrupt") from exc
    width, height = image.size
    if width * height > MAX_PIXELS:
        image.close()
        raise _too_many_pixels(width * height)
    return image


def _too_many_pixels(pixels: int) -> PhotoError:
    return _error("too_many_pixels", megapixels=pixels / 1e6, limit_mp=MAX_PIXELS / 1e6)


def _registered_formats() -> tuple[str, ...]:
    Image.init()  # Image.open asks for a format that is not registered with a KeyError
    return tuple(name for name in ACCEPTED_FORMATS if name in Image.OPEN)


def _unidentified(raw: bytes) -> PhotoError:
    """Name a known non-photo format when Pillow knows it, so the message can say what it was."""
    try:
        with Image.open(io.BytesIO(raw)) as other:
            return _error("unsupported_format", format=other.format or "?")
    except Exception:  # any failure here just means "not an image at all"
        return _error("not_image")


def _target_size(size: tuple[int, int], long_edge: int) -> tuple[int, int]:
    width, height = size
    scale = min(1.0, long_edge / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _decode_downscaled(source: ImageFile.ImageFile, long_edge: int) -> Image.Image:
    """Decode once, at the smallest JPEG DCT scale still at least the target size, then Lanczos.

    `draft` makes libjpeg decode a 12 MP photo at 1/2 scale (6× less work and memory): the main
    reason a photo takes ~0.1 s and not ~0.5 s. Other formats decode in full, one image at a time.
    """
    target = _target_size(source.size, long_edge)
    if target != source.size:
        source.draft(None, target)
    try:
        source.load()
    except OSError as exc:
        truncated = "truncated" in str(exc) or "broken data stream" in str(exc)
        raise _error("truncated" if truncated else "corrupt") from exc
    except (SyntaxError, ValueError, EOFError, MemoryError) as exc:
        raise _error("corrupt") from exc
    if source.size == target:
        return source.copy()
    return source.resize(target, Image.Resampling.LANCZOS, reducing_gap=3.0)


# EXIF orientation → the transpose that shows the picture upright (same table as ImageOps.exif_transpose,
# applied after downscaling because rotating 2 MP is six times cheaper than rotating 12 MP).
_ORIENTATION_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def _orient(image: Image.Image, orientation: object) -> Image.Image:
    method = _ORIENTATION_TRANSPOSE.get(orientation) if isinstance(orientation, int) else None
    return image.transpose(method) if method is not None else image


def _to_rgb(image: Image.Image) -> Image.Image:
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        # Screenshots and scans with transparency: flatten on white, as a viewer shows them.
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    elif image.mode != "RGB":
        image = image.convert("RGB")
    image.info = {}  # the encoder copies comments, XMP and ICC from info: nothing of the source may leak
    return image


# --- encoding -------------------------------------------------------------------------------------


def _jpeg(image: Image.Image, quality: int, *, final: bool = True) -> bytes:
    out = io.BytesIO()
    if final:
        image.save(out, "JPEG", quality=quality, optimize=True, progressive=True, subsampling="4:2:0")
    else:
        # A probe: baseline with standard Huffman tables takes 5 ms against 25 ms for progressive, is
        # never smaller than the progressive encode (so a probe that fits a budget is safe), and
        # decodes to the very same pixels (same quantisation), so its SSIM is the final photo's.
        image.save(out, "JPEG", quality=quality, subsampling="4:2:0")
    return out.getvalue()


class _Probes:
    """Cheap encodes of one rendition, each made once, and their SSIM against it, each measured once."""

    def __init__(self, image: Image.Image) -> None:
        self.image = image
        self._encodes: dict[int, bytes] = {}
        self._scores: dict[int, float] = {}
        self._ssim: LumaSsim | None = None

    def size(self, quality: int) -> int:
        return len(self._encode(quality))

    def fits(self, quality: int, budget: int) -> bool:
        return self.size(quality) <= budget

    def ssim(self, quality: int) -> float:
        if quality not in self._scores:
            if self._ssim is None:
                from app.core.ssim import LumaSsim  # imported late: numpy is not for app start-up

                self._ssim = LumaSsim(self.image)
            self._scores[quality] = self._ssim.of_jpeg(self._encode(quality))
        return self._scores[quality]

    @property
    def scores(self) -> dict[int, float]:
        return dict(self._scores)

    def _encode(self, quality: int) -> bytes:
        if quality not in self._encodes:
            self._encodes[quality] = _jpeg(self.image, quality, final=False)
        return self._encodes[quality]


def _encode_within_budget(image: Image.Image, profile: PhotoProfile) -> tuple[bytes, int]:
    """Choose the quality, then one final encode.

    The quality is the higher of two: the lowest that keeps SSIM ≥ profile.ssim_floor (measured, a few
    probes) and the highest that fits the byte budget (bisected on cheap probes): a plain wall or a
    document keeps a high quality because it costs little, a busy scene gets exactly the quality its
    detail needs and no more. Only when that exceeds `max_bytes` does the quality go lower, down to
    quality_floor: on a GPRS link an oversized photo costs more than a softer one.
    """
    probes = _Probes(image)
    target = profile.target_bytes(image.width, image.height)
    # Documents and plain walls fit at quality_max. A busy scene that does not even fit at the
    # search's first quality cannot, so it skips that probe (sizes only grow with quality).
    if probes.fits(_start_quality(profile), target) and probes.fits(profile.quality_max, target):
        quality = profile.quality_max
    else:
        quality = _lowest_quality_meeting_ssim(probes, profile, target)
        if probes.fits(quality, target):  # detail is cheap here: spend the budget on quality
            quality = _bisect(probes.fits, quality, profile.quality_max - 1, target)
    if not probes.fits(quality, profile.max_bytes):
        quality = _bisect(probes.fits, profile.quality_floor, quality - 1, profile.max_bytes)
    encoded = _jpeg(image, quality)
    while len(encoded) > profile.max_bytes and quality > profile.quality_floor:
        quality = max(profile.quality_floor, quality - 3)  # progressive lost to the probe: rare, bounded
        encoded = _jpeg(image, quality)
    return encoded, quality


# SSIM gained per JPEG quality step around 50–60 on busy 1600 px photos: the step size of the search.
_SSIM_PER_QUALITY = 0.0008
# After this many SSIM probes any passing quality will do; the search goes on only to find one. After
# two, a refinement of a single step is not worth a probe (0.3 % of bytes on the benchmark's photos,
# against a sixth of its probes).
_ENOUGH_SSIM_PROBES = 3
_MAX_SSIM_PROBES = 8


def _lowest_quality_meeting_ssim(probes: _Probes, profile: PhotoProfile, target: int) -> int:
    """The lowest quality in [quality_min, quality_max] whose SSIM is ≥ the floor, in 1–3 probes mostly.

    A secant search from quality_start: steps sized by the usual SSIM gain per quality step, then
    interpolation once a failing and a passing quality bracket the floor. It stops when a passing
    quality already fits `target` (the budget rule will raise it anyway), when one step lower would
    very likely fail, after two probes if one passed and only one step is left to gain, or after
    three if one passed; it may so miss the optimum by a step or two, never the floor: the result
    always passed, or is quality_max when nothing in range does (pure noise).
    """
    low, high, floor = profile.quality_min, profile.quality_max, profile.ssim_floor
    passing: int | None = None
    failing: int | None = None
    quality = _start_quality(profile)
    for count in range(1, _MAX_SSIM_PROBES + 1):
        if probes.ssim(quality) >= floor:
            passing = quality if passing is None else min(passing, quality)
            if count >= _ENOUGH_SSIM_PROBES or probes.fits(quality, target):
                break
        else:
            failing = quality if failing is None else max(failing, quality)
        following = _next_quality(probes.scores, floor, passing, failing, low, high)
        if following is None or (passing is not None and count >= 2 and passing - following <= 1):
            break
        quality = following
    return passing if passing is not None else high


def _start_quality(profile: PhotoProfile) -> int:
    return min(profile.quality_max, max(profile.quality_min, profile.quality_start))


def _next_quality(
    scores: dict[int, float], floor: float, passing: int | None, failing: int | None, low: int, high: int
) -> int | None:
    """Where to probe next, or None when there is nothing worth probing."""
    slope = _slope(scores)
    if passing is None:  # everything so far is below the floor: step up
        assert failing is not None
        if failing >= high:
            return None
        return min(high, failing + max(1, math.ceil((floor - scores[failing]) / slope)))
    margin = scores[passing] - floor
    if passing <= low or margin < slope:
        return None  # one step lower would very likely fail: not worth a probe
    if failing is None:
        return max(low, passing - max(1, math.floor(margin / slope)))
    if passing - failing <= 1:
        return None
    fraction = (floor - scores[failing]) / (scores[passing] - scores[failing])
    guess = failing + math.ceil(fraction * (passing - failing))
    return min(passing - 1, max(failing + 1, guess))


def _slope(scores: dict[int, float]) -> float:
    """SSIM per quality step: the secant of the last two probes when they are a few steps apart.

    Closer probes are not trusted: the rounding of the quantisation tables makes the curve jagged
    from one step to the next. The secant is kept within a factor of 3 of the usual value.
    """
    if len(scores) >= 2:
        (q1, s1), (q2, s2) = list(scores.items())[-2:]
        if abs(q2 - q1) >= 3:
            secant = (s2 - s1) / (q2 - q1)
            return min(3 * _SSIM_PER_QUALITY, max(_SSIM_PER_QUALITY / 3, secant))
    return _SSIM_PER_QUALITY


def _bisect(fits: Callable[[int, int], bool], low: int, high: int, budget: int) -> int:
    """Highest quality in [low, high] that fits `budget`, or `low` if none does (≤ 6 probes)."""
    best = low
    while low <= high:
        quality = (low + high + 1) // 2
        if fits(quality, budget):
            best, low = quality, quality + 1
        else:
            high = quality - 1
    return best


def _thumbnail_image(image: Image.Image) -> Image.Image:
    small = image.copy()
    small.thumbnail((THUMBNAIL_EDGE, THUMBNAIL_EDGE), Image.Resampling.LANCZOS)
    return small


def _encode_thumbnail(small: Image.Image) -> bytes:
    out = io.BytesIO()
    small.save(out, "JPEG", quality=THUMBNAIL_QUALITY, optimize=True)
    return out.getvalue()


def _phash(image: Image.Image) -> str:
    # From the thumbnail: phash looks at a 32×32 reduction anyway, and 256 px makes it 7× cheaper.
    import imagehash  # imported late: it pulls numpy/scipy, which app start-up does not need

    return str(imagehash.phash(image))


# --- EXIF time and place --------------------------------------------------------------------------


def _exif_time(exif: Image.Exif) -> datetime | None:
    """DateTimeOriginal (camera local time), aware when the phone wrote OffsetTimeOriginal."""
    exif_ifd = exif.get_ifd(IFD.Exif)
    stamp = exif_ifd.get(Base.DateTimeOriginal) or exif.get(Base.DateTime)
    if not isinstance(stamp, str):
        return None
    try:
        taken = datetime.strptime(stamp.strip("\x00 ")[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    if taken.year < MIN_PLAUSIBLE_YEAR:
        return None
    offset = exif_ifd.get(Base.OffsetTimeOriginal)
    if isinstance(offset, str) and len(offset) >= 6 and offset[0] in "+-":
        try:
            hours, minutes = int(offset[1:3]), int(offset[4:6])
        except ValueError:
            return taken
        sign = -1 if offset[0] == "-" else 1
        taken = taken.replace(tzinfo=timezone(sign * timedelta(hours=hours, minutes=minutes)))
    return taken


def _exif_gps(exif: Image.Exif) -> tuple[float, float] | None:
    gps = exif.get_ifd(IFD.GPSInfo)
    latitude = _degrees(gps.get(GPS.GPSLatitude), gps.get(GPS.GPSLatitudeRef), "S")
    longitude = _degrees(gps.get(GPS.GPSLongitude), gps.get(GPS.GPSLongitudeRef), "W")
    if latitude is None or longitude is None:
        return None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180) or (latitude == 0 and longitude == 0):
        return None  # 0,0 is what phones write when they had no fix
    return latitude, longitude


def _degrees(dms: object, ref: object, negative: str) -> float | None:
    if not isinstance(dms, tuple) or len(dms) != 3:
        return None
    try:
        degrees, minutes, seconds = (float(part) for part in dms)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    value = degrees + minutes / 60 + seconds / 3600
    if value != value:  # NaN from a 0/0 rational
        return None
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", "replace")
    if isinstance(ref, str) and ref.strip("\x00 ").upper() == negative:
        value = -value
    return round(value, 7)
