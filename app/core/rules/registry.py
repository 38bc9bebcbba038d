"""Every pack version this device or server has used, keyed by (pack id, version).

A submission is re-checked with the pack it was made with; loading a broken pack raises and leaves
the registry as it was, so the last good pack keeps serving.
"""

from __future__ import annotations

import threading
from pathlib import Path

from app.core.resources import resource_path
from app.core.rules.errors import PolicyPackError
from app.core.rules.pack import PACK_FILE, PolicyPack, load_pack, load_pack_from_text

DEFAULT_PACK_DIR = "verval-2026.1"


def builtin_pack_dir(name: str = DEFAULT_PACK_DIR) -> Path:
    return resource_path("rules", name)


class PackRegistry:
    def __init__(self) -> None:
        self._packs: dict[tuple[str, str], PolicyPack] = {}
        self._current: dict[str, PolicyPack] = {}
        self._default: str | None = None
        self._lock = threading.Lock()

    def add(self, pack: PolicyPack, *, make_current: bool = True) -> PolicyPack:
        """Register a loaded pack. The same version with different content is refused: a version
        must always mean the same rules, or old submissions could not be re-checked."""
        with self._lock:
            known = self._packs.get(pack.key)
            if known is not None and known.digest != pack.digest:
                raise PolicyPackError(
                    pack.origin,
                    None,
                    f"versi {pack.version} dari {pack.id} sudah ada dengan isi berbeda "
                    "(same version, different content)",
                )
            self._packs[pack.key] = pack
            if make_current:
                self._current[pack.id] = pack
                self._default = pack.id
            return pack

    def load_directory(self, directory: str | Path, *, make_current: bool = True) -> PolicyPack:
        return self.add(load_pack(directory), make_current=make_current)

    def load_text(
        self,
        pack_toml: str | bytes,
        parameters_toml: str | bytes,
        *,
        origin: str = "<sync>",
        make_current: bool = True,
    ) -> PolicyPack:
        return self.add(
            load_pack_from_text(pack_toml, parameters_toml, origin=origin), make_current=make_current
        )

    def load_builtin(self) -> list[PolicyPack]:
        """All packs shipped in `resources/rules/` (each subfolder with a pack.toml)."""
        loaded = []
        for folder in sorted(resource_path("rules").iterdir()):
            if (folder / PACK_FILE).is_file():
                loaded.append(self.load_directory(folder, make_current=folder.name == DEFAULT_PACK_DIR))
        return loaded

    def get(self, pack_id: str, version: str) -> PolicyPack:
        with self._lock:
            try:
                return self._packs[(pack_id, version)]
            except KeyError:
                raise KeyError(f"paket aturan {pack_id} versi {version} belum dimuat") from None

    def current(self, pack_id: str | None = None) -> PolicyPack:
        """The pack new verdicts use: the last good one loaded for `pack_id` (default: the last id)."""
        with self._lock:
            key = pack_id or self._default
            if key is None or key not in self._current:
                raise LookupError("belum ada paket aturan yang dimuat (no policy pack loaded)")
            return self._current[key]

    def versions(self, pack_id: str) -> list[str]:
        with self._lock:
            return sorted(v for (i, v) in self._packs if i == pack_id)

    def __contains__(self, key: object) -> bool:
        return key in self._packs


_default_pack: PolicyPack | None = None
_default_lock = threading.Lock()


def default_pack() -> PolicyPack:
    """The shipped pack, loaded once per process."""
    global _default_pack
    with _default_lock:
        if _default_pack is None:
            _default_pack = load_pack(builtin_pack_dir())
        return _default_pack
