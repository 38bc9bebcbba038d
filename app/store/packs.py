"""Which policy pack the laptop uses: the newest one received through sync that loads cleanly.

Packs travel through pull as JSON `{file name: TOML text}` (the server's `publish_policy_pack`). A
pack that fails its checks is skipped, so a bad publication never replaces the last good pack; with
nothing received yet, the pack shipped with the app is used. Every received version stays loadable,
so an old visit can be re-checked with the pack it was made with.
"""

from __future__ import annotations

import json
import logging
import threading

from app.core.rules import PolicyPack, PolicyPackError, default_pack, load_pack_from_text
from app.core.rules.pack import PACK_FILE, PARAMETERS_FILE
from app.store.pull import policy_packs
from app.store.store import Store
from app.store.tables import ReceivedPolicyPack

log = logging.getLogger(__name__)
_loaded: dict[tuple[str, str], PolicyPack] = {}
_refused: set[tuple[str, str]] = set()
_lock = threading.Lock()


def _load(entry: ReceivedPolicyPack) -> PolicyPack | None:
    key = (entry.id, entry.text[-64:])
    with _lock:
        if key in _loaded:
            return _loaded[key]
        if key in _refused:
            return None
    try:
        files = json.loads(entry.text)
        pack = load_pack_from_text(files[PACK_FILE], files[PARAMETERS_FILE], origin=f"sync:{entry.id}")
    except (PolicyPackError, ValueError, KeyError, TypeError) as exc:
        log.warning("policy pack %s refused, keeping the last good one: %s", entry.id, exc)
        with _lock:
            _refused.add(key)
        return None
    with _lock:
        _loaded[key] = pack
    return pack


def current_pack(store: Store) -> PolicyPack:
    """The pack new verdicts use: the newest received version that loads, else the shipped pack."""
    for entry in reversed(policy_packs(store)):
        pack = _load(entry)
        if pack is not None:
            return pack
    return default_pack()


def pack_for(store: Store, pack_id: str, version: str) -> PolicyPack | None:
    """The exact pack an earlier verdict was made with, if this laptop has it."""
    shipped = default_pack()
    if (shipped.id, shipped.version) == (pack_id, version):
        return shipped
    for entry in policy_packs(store):
        if (entry.pack_id, entry.pack_version) == (pack_id, version):
            return _load(entry)
    return None
