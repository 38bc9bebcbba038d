"""English translation: the .ts keeps every placeholder, the .qm is current, English on request only."""

from __future__ import annotations

import functools
import importlib.util
import inspect
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.ui.app import install_translations, make_application, run_desktop
from app.ui.login_dialog import LoginDialog
from app.ui.visit import labels

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "verval_en.ts"
QM = ROOT / "resources" / "i18n" / "verval_en.qm"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


@functools.cache
def load_script() -> ModuleType:
    """packaging/i18n.py, which is a script rather than a package module."""
    spec = importlib.util.spec_from_file_location("verval_packaging_i18n", ROOT / "packaging" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def finished_messages() -> list[tuple[str, str, str]]:
    """(context, source, translation) of every current message whose translation is filled."""
    out = []
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
                continue
            forms = [form.text or "" for form in translation.iter("numerusform")] or [translation.text or ""]
            out.extend((name, message.findtext("source") or "", form) for form in forms)
    return out


@pytest.fixture
def english(qapp: QApplication) -> Iterator[QApplication]:
    """The app's English translators, installed the way `verval app --lang en` does, then removed."""
    before = set(qapp.findChildren(QTranslator))
    locale = QLocale()
    install_translations(qapp, "en")
    added = [t for t in qapp.findChildren(QTranslator) if t not in before]
    assert any(not t.isEmpty() and t.language() == "en" for t in added), "verval_en.qm did not load"
    try:
        yield qapp
    finally:
        for translator in added:
            qapp.removeTranslator(translator)
            translator.setParent(None)
        QLocale.setDefault(locale)


def test_translations_keep_the_placeholders_of_their_source() -> None:
    messages = finished_messages()
    assert len(messages) > 100
    wrong = [
        (context, source, text)
        for context, source, text in messages
        if set(PLACEHOLDER.findall(source)) != set(PLACEHOLDER.findall(text))
    ]
    assert wrong == []


def test_translations_keep_markers_tags_and_mnemonics() -> None:
    script = load_script()
    wrong = {
        (context, source): script.translation_problems(source, text)
        for context, source, text in finished_messages()
        if script.translation_problems(source, text)
    }
    assert wrong == {}


def test_placeholder_check_catches_a_changed_placeholder() -> None:
    script = load_script()
    assert script.translation_problems("Gagal masuk: {error}", "Sign-in failed: {eror}")
    assert script.translation_problems("&Tutup", "Close")
    assert not script.translation_problems("Rumah & kondisi hidup", "House & living conditions")


def test_qm_is_built_from_the_current_ts(tmp_path: Path) -> None:
    script = load_script()
    fresh = tmp_path / "verval_en.qm"
    script.run_lrelease(TS, fresh)
    assert QM.read_bytes() == fresh.read_bytes(), "run: python packaging/i18n.py"


def test_english_when_asked(english: QApplication, qtbot: QtBot, tmp_path: Path) -> None:
    dialog = LoginDialog(tmp_path, "http://127.0.0.1:9")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Sign in — Verval Desa"
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "Sign in"
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"
    # Strings that reach tr() through a variable or a module helper are translated as well.
    assert ("L", "Male") in labels.choices(labels.SEX)
    assert QCoreApplication.translate("VisitForm", "Aset") == "Assets"
    assert QCoreApplication.translate("MainWindow", "⟳ Menyinkronkan…") == "⟳ Syncing…"
    assert QCoreApplication.translate("DossierPdf", "hlm. {n}") == "page {n}"


def test_indonesian_by_default(qapp: QApplication, qtbot: QtBot, tmp_path: Path) -> None:
    assert inspect.signature(make_application).parameters["language"].default == "id"
    assert inspect.signature(run_desktop).parameters["language"].default == "id"
    dialog = LoginDialog(tmp_path, "http://127.0.0.1:9")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Masuk — Verval Desa"
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "Masuk"
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Batal"
    assert ("L", "Laki-laki") in labels.choices(labels.SEX)
