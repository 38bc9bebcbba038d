"""Build the English translation of the desktop UI: app/ui -> resources/i18n/verval_en.ts -> .qm.

    python packaging/i18n.py          # update verval_en.ts, fill it from the table, build verval_en.qm
    python packaging/i18n.py --check  # change nothing; exit 1 and list what is untranslated or stale

Bahasa Indonesia is the source language: every string in app/ui is Indonesian inside `self.tr("…")`.
The steps:

1. `pyside6-lupdate` scans every .py file under app/ui into verval_en.ts. Translations already in the
   file are kept; messages that left the code are kept and marked vanished/obsolete by lupdate.
2. Strings that reach the translator through a variable cannot be seen by lupdate, nor can the context
   of a module-level helper `def tr(text): return QCoreApplication.translate(CONTEXT, text)`. They are
   found here with `ast` and added under the context the code looks them up in:
   - in a module with such a helper (dossier_pdf.py, visit/labels.py, review/fields.py): every
     `tr("literal")` call (f-strings included) and every module-level dict of strings (label tables);
   - INDIRECT below: data translated by a class through `self.tr(variable)` (section titles, STATE_TEXT).
3. English comes from resources/i18n/translations_en.json: `"*"` holds translations for any context,
   and a section named after a context overrides it for that context. The table wins over the .ts; a
   translation typed into the .ts (Qt Linguist) is kept only while the table has no entry for it.
4. Every translation must keep the `{placeholders}`, `%` markers, HTML tags and `&` mnemonics of its
   source; a mismatch is an error (`translation_problems`, also used by tests/ui/test_i18n.py).
5. `pyside6-lrelease -nounfinished` builds verval_en.qm: untranslated strings stay Indonesian.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UI_DIR = ROOT / "app" / "ui"
I18N_DIR = ROOT / "resources" / "i18n"
TS_FILE = I18N_DIR / "verval_en.ts"
QM_FILE = I18N_DIR / "verval_en.qm"
TABLE_FILE = I18N_DIR / "translations_en.json"
SOURCE_LANGUAGE = "id"
TARGET_LANGUAGE = "en"


@dataclass(frozen=True)
class Indirect:
    """Source strings held in data and translated later through a variable (`self.tr(x)`).

    `module`: path under the repository; `context`: the class whose `self.tr` looks them up.
    `names`: assignments anywhere in the module (`NAME = {...}` / `name = (...)`) whose text values are
    the sources (dict values, tuple/list items). `class_attr`: a class attribute holding the source in
    every class of the module. `strings`: literals passed around in a loop, listed by hand.
    """

    module: str
    context: str
    names: tuple[str, ...] = ()
    class_attr: str = ""
    strings: tuple[str, ...] = ()


INDIRECT: tuple[Indirect, ...] = (
    # MainWindow: self.tr(STATE_TEXT.get(state, state))
    Indirect("app/ui/main_window.py", "MainWindow", names=("STATE_TEXT",)),
    # Visit states, translated at use time by household_model._TranslatedLabels("VisitState", ...)
    Indirect("app/ui/household_model.py", "VisitState", names=("_STATE_SOURCE",)),
    # SyncPanel: self.tr(ENTITY_LABELS.get(...))
    Indirect("app/ui/sync_panel.py", "SyncPanel", names=("ENTITY_LABELS",)),
    # VisitForm: self.tr(section.title) for every Section subclass (and _PhotosSection in form.py)
    Indirect("app/ui/visit/sections.py", "VisitForm", class_attr="title"),
    Indirect("app/ui/visit/form.py", "VisitForm", class_attr="title"),
    # PhotoPanel: self.tr(IMAGE_FILTER) in the file dialog
    Indirect("app/ui/visit/photo_panel.py", "PhotoPanel", names=("IMAGE_FILTER",)),
    # RequestsPanel: self.tr(KIND_LABELS[...]), self.tr(STATUS_LABELS[...]), self.tr(hints.get(kind))
    Indirect("app/ui/requests/panel.py", "RequestsPanel", names=("KIND_LABELS", "STATUS_LABELS", "hints")),
    # ReviewView: self.tr(PHOTO_LABELS.get(...)); ReviewPanel: AGE_CHOICES and the filters' names
    Indirect("app/ui/review/view.py", "ReviewView", names=("PHOTO_LABELS",)),
    Indirect(
        "app/ui/review/view.py",
        "ReviewPanel",
        names=("AGE_CHOICES",),
        strings=("Desa", "Hasil", "Tanda", "Umur"),
    ),  # fmt: skip
)

PLACEHOLDER = re.compile(r"\{[^{}]*\}")
PERCENT_MARKER = re.compile(r"%(?:L?\d+|[a-zA-Z])")
HTML_TAG = re.compile(r"</?\s*([a-zA-Z][a-zA-Z0-9]*)")
MNEMONIC = re.compile(r"&(?!&)(?![a-zA-Z]+;|#\d+;)(?=\S)")


# ---------------------------------------------------------------------------------------- checks


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def translation_problems(source: str, translation: str) -> list[str]:
    """What a translation breaks of its source: placeholders, % markers, HTML tags, mnemonics."""
    problems = []
    if placeholders(source) != placeholders(translation):
        problems.append(f"placeholders {sorted(placeholders(source))} != {sorted(placeholders(translation))}")
    if Counter(PERCENT_MARKER.findall(source)) != Counter(PERCENT_MARKER.findall(translation)):
        problems.append("% markers differ")
    src_tags = Counter(t.lower() for t in HTML_TAG.findall(source))
    if src_tags != Counter(t.lower() for t in HTML_TAG.findall(translation)):
        problems.append("HTML tags differ")
    src_amp = len(MNEMONIC.findall(source.replace("&&", "")))
    if src_amp != len(MNEMONIC.findall(translation.replace("&&", ""))):
        problems.append("& mnemonics differ")
    return problems


# ------------------------------------------------------------------------------- indirect sources


@dataclass(frozen=True)
class Found:
    context: str
    source: str
    path: Path
    line: int


def _module_strings(tree: ast.Module) -> dict[str, str]:
    out = {}
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    out[target.id] = node.value.value
    return out


def module_helper_context(tree: ast.Module) -> tuple[str, str] | None:
    """`def tr(text): return QCoreApplication.translate(CONTEXT, text)` -> ("tr", CONTEXT's value)."""
    constants = _module_strings(tree)
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        for call in ast.walk(node):
            if (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Attribute)
                and call.func.attr == "translate"
                and call.args
            ):
                first = call.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    return node.name, first.value
                if isinstance(first, ast.Name) and first.id in constants:
                    return node.name, constants[first.id]
    return None


def _string_values(node: ast.expr) -> list[ast.Constant]:
    if isinstance(node, ast.Dict):
        return [v for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
    return []


NOT_LABELS = re.compile(r"COLOU?RS?|STYLES?|ICONS?|KEYS?|FORMATS?", re.IGNORECASE)
COLOUR = re.compile(r"#[0-9A-Fa-f]{3,8}")


def is_label_table(node: ast.Assign) -> bool:
    """`NAME = {code: "Indonesian text", ...}`; not colours, styles, icons or keys."""
    if not isinstance(node.value, ast.Dict) or not node.value.values:
        return False
    names = [t.id for t in node.targets if isinstance(t, ast.Name)]
    if not names or any(NOT_LABELS.search(name) for name in names):
        return False
    values = _string_values(node.value)
    return len(values) == len(node.value.values) and all(
        not v.value or (re.search(r"[^\W\d_]", v.value) and not COLOUR.fullmatch(v.value)) for v in values
    )


def _texts(node: ast.expr) -> list[ast.Constant]:
    """Text in a data literal: dict values, tuple/list/set items, nested; never dict keys."""
    if isinstance(node, ast.Constant):
        return [node] if isinstance(node.value, str) and node.value else []
    if isinstance(node, ast.Dict):
        return [c for v in node.values for c in _texts(v)]
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return [c for item in node.elts for c in _texts(item)]
    return []


def _indirect_hits(spec: Indirect, tree: ast.Module, path: Path) -> list[Found]:
    hits: list[Found] = []
    for node in ast.walk(tree):
        if spec.names and isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id in spec.names for t in targets):
                hits.extend(Found(spec.context, c.value, path, c.lineno) for c in _texts(node.value))
        if spec.class_attr and isinstance(node, ast.ClassDef):
            for item in node.body:
                if (
                    isinstance(item, ast.Assign)
                    and any(isinstance(t, ast.Name) and t.id == spec.class_attr for t in item.targets)
                    and isinstance(item.value, ast.Constant)
                    and isinstance(item.value.value, str)
                    and item.value.value
                ):
                    hits.append(Found(spec.context, item.value.value, path, item.value.lineno))
        if spec.strings and isinstance(node, ast.Constant) and node.value in spec.strings:
            hits.append(Found(spec.context, node.value, path, node.lineno))
    return hits


def indirect_sources(root: Path = ROOT) -> tuple[list[Found], list[str], set[Path]]:
    """The sources lupdate cannot see, problems with INDIRECT, and the modules with a tr helper."""
    found: list[Found] = []
    problems: list[str] = []
    helper_modules: set[Path] = set()
    by_module: dict[str, list[Indirect]] = {}
    for spec in INDIRECT:
        by_module.setdefault(spec.module, []).append(spec)
    for path in sorted((root / "app" / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        helper = module_helper_context(tree)
        if helper:
            name, context = helper
            helper_modules.add(path)
            for call in ast.walk(tree):  # f-string expressions included
                if (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Name)
                    and call.func.id == name
                    and call.args
                    and isinstance(call.args[0], ast.Constant)
                    and isinstance(call.args[0].value, str)
                ):
                    found.append(Found(context, call.args[0].value, path, call.lineno))
            # Label tables of such a module (app/ui/visit/labels.py, app/ui/review/fields.py) are
            # translated through the helper at display time: every module-level dict of text.
            for node in tree.body:
                if isinstance(node, ast.Assign) and is_label_table(node):
                    values = _string_values(node.value)
                    found.extend(Found(context, v.value, path, v.lineno) for v in values if v.value)
        for spec in by_module.get(path.relative_to(root).as_posix(), []):
            hits = _indirect_hits(spec, tree, path)
            if not hits:
                problems.append(f"{spec.module}: INDIRECT entry for {spec.context} matches nothing any more")
            found.extend(hits)
    missing = {spec.module for spec in INDIRECT} - {
        p.relative_to(root).as_posix() for p in (root / "app" / "ui").rglob("*.py")
    }
    problems.extend(f"{module}: INDIRECT module not found" for module in sorted(missing))
    return found, problems, helper_modules


# ------------------------------------------------------------------------------------- TS handling


def tool(name: str) -> str:
    beside = Path(sys.executable).with_name(name)
    if beside.exists():
        return str(beside)
    which = shutil.which(name)
    if which is None:
        raise SystemExit(f"{name} not found (pip install pyside6)")
    return which


def run_lupdate(ts: Path, root: Path = ROOT) -> None:
    sources = sorted(p.relative_to(root).as_posix() for p in (root / "app" / "ui").rglob("*.py"))
    cmd = [tool("pyside6-lupdate"), "-silent", "-locations", "absolute",
           "-source-language", SOURCE_LANGUAGE, "-target-language", TARGET_LANGUAGE,
           *sources, "-ts", str(ts)]  # fmt: skip
    subprocess.run(cmd, cwd=root, check=True)


def run_lrelease(ts: Path, qm: Path) -> None:
    subprocess.run(
        [tool("pyside6-lrelease"), "-silent", "-nounfinished", str(ts), "-qm", str(qm)], check=True
    )


def load_table(path: Path = TABLE_FILE) -> dict[str, dict[str, str | list[str]]]:
    if not path.exists():
        return {"*": {}}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {ctx: dict(messages) for ctx, messages in data.items() if not ctx.startswith("_")}


def lookup(table: dict[str, dict[str, str | list[str]]], context: str, source: str) -> str | list[str] | None:
    if source in table.get(context, {}):
        return table[context][source]
    return table.get("*", {}).get(source)


def is_active(message: ET.Element) -> bool:
    translation = message.find("translation")
    return translation is None or translation.get("type") not in ("vanished", "obsolete")


def _context(root: ET.Element, name: str) -> ET.Element:
    for ctx in root.findall("context"):
        if (ctx.findtext("name") or "") == name:
            return ctx
    ctx = ET.Element("context")
    ET.SubElement(ctx, "name").text = name
    names = [(c.findtext("name") or "") for c in root.findall("context")]
    position = sum(1 for n in names if n < name)
    root.insert(position, ctx)
    return ctx


def merge_indirect(root: ET.Element, ts: Path, found: list[Found], helper_modules: set[Path]) -> None:
    """Add the indirect sources under their contexts; drop lupdate's context-less copies of them."""

    def rel(path: Path) -> str:
        return Path(os.path.relpath(path, ts.parent)).as_posix()

    helper_files = {rel(p) for p in helper_modules}
    for ctx in root.findall("context"):
        if ctx.findtext("name"):
            continue
        for message in ctx.findall("message"):
            files = {loc.get("filename") for loc in message.findall("location")}
            if files and files <= helper_files:
                ctx.remove(message)
        if not ctx.findall("message"):
            root.remove(ctx)

    grouped: dict[tuple[str, str], list[Found]] = {}
    for item in found:
        grouped.setdefault((item.context, item.source), []).append(item)
    for (context, source), items in grouped.items():
        ctx = _context(root, context)
        message = next((m for m in ctx.findall("message") if m.findtext("source") == source), None)
        if message is None:
            message = ET.SubElement(ctx, "message")
            ET.SubElement(message, "source").text = source
            ET.SubElement(message, "translation", type="unfinished")
        for loc in message.findall("location"):
            message.remove(loc)
        for index, item in enumerate(sorted(items, key=lambda f: (str(f.path), f.line))):
            loc = ET.Element("location", filename=rel(item.path), line=str(item.line))
            message.insert(index, loc)
        translation = message.find("translation")
        if translation is not None and translation.get("type") in ("vanished", "obsolete"):
            translation.set("type", "unfinished")


def fill(root: ET.Element, table: dict[str, dict[str, str | list[str]]]) -> None:
    """Translations from the table; keep finished .ts translations the table does not know."""
    for ctx in root.findall("context"):
        name = ctx.findtext("name") or ""
        for message in ctx.findall("message"):
            if not is_active(message):
                continue
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            english = lookup(table, name, source)
            numerus = message.get("numerus") == "yes"
            if english is not None:
                for child in list(translation):
                    translation.remove(child)
                if numerus:
                    forms = [english] if isinstance(english, str) else english
                    translation.text = None
                    for form in forms:
                        ET.SubElement(translation, "numerusform").text = form
                else:
                    translation.text = english if isinstance(english, str) else english[0]
                translation.attrib.pop("type", None)
            elif translation.get("type") != "unfinished" and (translation.text or list(translation)):
                continue  # finished in the .ts (e.g. by Qt Linguist): keep it
            else:
                translation.set("type", "unfinished")


def messages(root: ET.Element) -> list[tuple[str, str, str | None, ET.Element]]:
    """Active messages: (context, source, finished translation or None, element)."""
    out = []
    for ctx in root.findall("context"):
        name = ctx.findtext("name") or ""
        for message in ctx.findall("message"):
            if not is_active(message):
                continue
            translation = message.find("translation")
            text: str | None = None
            if translation is not None and translation.get("type") != "unfinished":
                forms = [f.text or "" for f in translation.findall("numerusform")]
                text = "\n".join(forms) if forms else (translation.text or "")
            out.append((name, message.findtext("source") or "", text, message))
    return out


def write_ts(root: ET.Element, ts: Path) -> None:
    root.set("version", root.get("version", "2.1"))
    root.set("language", TARGET_LANGUAGE)
    root.set("sourcelanguage", SOURCE_LANGUAGE)
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode")
    ts.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n', encoding="utf-8")


def where(message: ET.Element, ts: Path) -> str:
    """`app/ui/x.py:12` from a location that lupdate wrote relative to `ts`."""
    loc = message.find("location")
    if loc is None:
        return "?"
    path = Path(os.path.normpath(ts.parent / loc.get("filename", "?")))
    shown = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.as_posix()
    return f"{shown}:{loc.get('line', '?')}"


def build(ts: Path, qm: Path, table_file: Path = TABLE_FILE) -> tuple[ET.Element, list[str]]:
    """Update `ts` from the code and the table, then `qm` from `ts`; returns the TS root and problems."""
    ts.parent.mkdir(parents=True, exist_ok=True)
    run_lupdate(ts)
    found, problems, helper_modules = indirect_sources()
    root = ET.parse(ts).getroot()
    merge_indirect(root, ts, found, helper_modules)
    fill(root, load_table(table_file))
    for context, source, text, message in messages(root):
        if text is not None:
            problems.extend(
                f"{where(message, ts)} [{context}] {source!r} -> {text!r}: {problem}"
                for problem in translation_problems(source, text)
            )
    write_ts(root, ts)
    run_lrelease(ts, qm)
    return root, problems


def summary(root: ET.Element) -> tuple[int, list[tuple[str, str, ET.Element]]]:
    done, todo = 0, []
    for context, source, text, message in messages(root):
        if text is None:
            todo.append((context, source, message))
        else:
            done += 1
    return done, todo


def _semantic(root: ET.Element) -> set[tuple[str, str, str | None]]:
    return {(c, s, t) for c, s, t, _ in messages(root)}


def say(line: str) -> None:
    sys.stdout.write(line + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if anything is untranslated or stale"
    )
    args = parser.parse_args(argv)
    stale: list[str] = []
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            ts, qm = Path(tmp) / TS_FILE.name, Path(tmp) / QM_FILE.name
            if TS_FILE.exists():
                shutil.copyfile(TS_FILE, ts)
            root, problems = build(ts, qm)
            if not TS_FILE.exists() or _semantic(ET.parse(TS_FILE).getroot()) != _semantic(root):
                stale.append(f"{TS_FILE.relative_to(ROOT)} is not up to date with app/ui and the table")
            if not QM_FILE.exists() or QM_FILE.read_bytes() != qm.read_bytes():
                stale.append(f"{QM_FILE.relative_to(ROOT)} is not up to date")
    else:
        ts = TS_FILE
        root, problems = build(ts, QM_FILE)
    done, todo = summary(root)
    for context, source, message in todo:
        say(f"untranslated: {where(message, ts)} [{context}] {source!r}")
    for problem in problems:
        say(f"error: {problem}")
    for line in stale:
        say(f"stale: {line} (run: python packaging/i18n.py)")
    say(f"{done} translated, {len(todo)} untranslated, {len(problems)} problem(s)")
    if problems:
        return 2
    if args.check and (todo or stale):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
