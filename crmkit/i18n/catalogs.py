"""Translations of the course's texts, kept in gettext catalogues (译文目录).

The English texts are the source; each translation sits in a ``.po`` file (gettext's portable object
format, the format of Sphinx and Jupyter Book translations, read and written by Poedit, Weblate,
``msgmerge`` and Babel), keyed by a context (``msgctxt``) that names the cell or the string:

* a chapter's markdown cell: ``locale/zh_CN/LC_MESSAGES/notebooks/04_rfm.po``, context = the cell id;
* a solution notebook's markdown cell: ``locale/zh_CN/LC_MESSAGES/solutions/ch04_rfm.po``, the same
  (its question cells come from the question's own translation);
* a question's prompt, hints and unit: ``crmkit/locale/zh_CN/LC_MESSAGES/exercises/ch04.po``, context
  ``ch04.q2.prompt``, ``ch04.q2.hint.1``, ``ch04.q2.unit`` (inside the package: students' copies and
  graded releases carry them).

Each entry holds the English it translates (``msgid``). When the English changes, the entry no longer
matches it: the translation is *stale*. ``python -m crmkit.i18n.editions update`` then keeps the old
translation, marks it ``fuzzy`` and records the old English (``#| msgid``), as ``msgmerge`` does, so
the translator sees what changed; a stale or fuzzy translation is never shown (the English is), and
the translation test fails until it is brought up to date.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LOCALE = "zh_CN"
PACKAGE = Path(__file__).resolve().parents[1]
#: Catalogues the package needs at run time (question texts).
PACKAGE_CATALOGS = PACKAGE / "locale" / LOCALE / "LC_MESSAGES"
#: Catalogues of the course's notebooks (only the edition build reads them), in a clone.
COURSE_ROOT = PACKAGE.parent
COURSE_CATALOGS = COURSE_ROOT / "locale" / LOCALE / "LC_MESSAGES"

HEADER = (
    'msgid ""\n'
    'msgstr ""\n'
    '"Project-Id-Version: crmkit\\n"\n'
    '"Language: zh_CN\\n"\n'
    '"MIME-Version: 1.0\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Content-Transfer-Encoding: 8bit\\n"\n'
    '"Plural-Forms: nplurals=1; plural=0;\\n"\n'
)


@dataclass
class Entry:
    """One translation: the English it was made from, the Chinese, and whether it is marked fuzzy."""

    context: str
    source: str
    text: str
    fuzzy: bool = False
    note: str = ""
    previous: str | None = None

    def usable_for(self, english: str) -> bool:
        """Whether this translation may be shown for ``english``: made from it, not fuzzy, not empty."""
        return bool(self.text.strip()) and not self.fuzzy and self.source == english


def read(path: Path) -> dict[str, Entry]:
    """The entries of a ``.po`` file by context (empty when the file does not exist)."""
    from babel.messages.pofile import read_po

    if not Path(path).is_file():
        return {}
    with open(path, "rb") as f:
        return _entries(read_po(f, locale=LOCALE, charset="utf-8"))


def _entries(catalog) -> dict[str, Entry]:
    out = {}
    for m in catalog:
        if not m.id or m.context is None:
            continue
        text = m.string if isinstance(m.string, str) else (m.string[0] if m.string else "")
        note = "\n".join(m.auto_comments)
        previous = m.previous_id[0] if m.previous_id else None
        out[m.context] = Entry(m.context, m.id, text or "", m.fuzzy, note, previous)
    return out


def _quote(text: str) -> str:
    """A string as gettext quotes it: one line per source line, escaped."""
    esc = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")
    lines = esc.split("\n")
    if len(lines) == 1:
        return f'"{lines[0]}"'
    parts = [f'"{line}\\n"' for line in lines[:-1]]
    if lines[-1]:
        parts.append(f'"{lines[-1]}"')
    return '""\n' + "\n".join(parts)


def dumps(entries: list[Entry]) -> str:
    """The ``.po`` text of ``entries``, in order, with a fixed header (no dates: rebuilding changes nothing)."""
    out = [HEADER]
    for e in entries:
        block = []
        for line in e.note.splitlines():
            block.append(f"#. {line}".rstrip())
        if e.fuzzy:
            block.append("#, fuzzy")
        if e.fuzzy and e.previous is not None:
            block.append("#| msgid " + _quote(e.previous).replace("\n", "\n#| "))
        block.append(f"msgctxt {_quote(e.context)}")
        block.append(f"msgid {_quote(e.source)}")
        block.append(f"msgstr {_quote(e.text)}")
        out.append("\n".join(block) + "\n")
    return "\n".join(out)


def write(path: Path, entries: list[Entry]) -> bool:
    """Write ``entries`` to ``path`` if that changes it; returns whether it was written."""
    text = dumps(entries)
    path = Path(path)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def merge(old: dict[str, Entry], sources: list[tuple[str, str, str]]) -> list[Entry]:
    """New entries for ``sources`` [(context, english, note)], keeping every translation of ``old``:
    an unchanged English keeps its translation; a changed one keeps it marked fuzzy, with the old
    English as ``previous`` (what ``msgmerge`` does). Contexts no longer in the source are dropped."""
    out = []
    for ctx, english, note in sources:
        e = old.get(ctx)
        if e is None:
            out.append(Entry(ctx, english, "", note=note))
        elif e.source == english:
            out.append(Entry(ctx, english, e.text, e.fuzzy, note, e.previous if e.fuzzy else None))
        else:
            out.append(Entry(ctx, english, e.text, bool(e.text.strip()), note,
                             e.previous if (e.fuzzy and e.previous is not None) else e.source))
    return out


def problems(entries: dict[str, Entry], sources: list[tuple[str, str, str]], where: str) -> list[str]:
    """What is missing or stale in ``entries`` for ``sources``: one line each, naming the file and key."""
    out = []
    for ctx, english, _ in sources:
        e = entries.get(ctx)
        first = " ".join(english.split())[:60]
        if e is None or not e.text.strip():
            out.append(f"{where}: {ctx} has no translation ({first!r})")
        elif e.source != english:
            out.append(f"{where}: {ctx} is stale: its English changed since it was translated ({first!r})")
        elif e.fuzzy:
            out.append(f"{where}: {ctx} is marked fuzzy (check it against the English, then remove the mark)")
    return out


# -- run time: the question texts ---------------------------------------------------------------
@lru_cache(maxsize=64)
def _package_catalog(name: str, mtime: float) -> dict[str, Entry]:
    return read(PACKAGE_CATALOGS / f"{name}.po")


def package_entries(name: str) -> dict[str, Entry]:
    """The entries of the package catalogue ``name`` (e.g. ``"exercises/ch04"``), re-read when it changes."""
    path = PACKAGE_CATALOGS / f"{name}.po"
    try:
        return _package_catalog(name, path.stat().st_mtime)
    except Exception:  # noqa: BLE001 - no catalogue, or a broken one: the English is shown, never an error
        return {}


def translate(name: str, context: str, english: str) -> str:
    """The Chinese for ``english`` from catalogue ``name`` under ``context``, or ``english`` itself
    when there is no usable translation (none, empty, fuzzy, or made from other English)."""
    e = package_entries(name).get(context)
    return e.text if e is not None and e.usable_for(english) else english


def parse(text: str) -> dict[str, Entry]:
    """The entries of ``.po`` text, by context."""
    from babel.messages.pofile import read_po

    return _entries(read_po(io.BytesIO(text.encode("utf-8")), locale=LOCALE, charset="utf-8"))


__all__ = ["Entry", "read", "write", "dumps", "merge", "problems", "translate", "package_entries", "parse",
           "LOCALE", "PACKAGE_CATALOGS", "COURSE_CATALOGS"]


# -- Chinese punctuation -----------------------------------------------------------------------------
_HAN = "\u3400-\u9fff"
_CLOSE = "）》」』”’】、，。：；？！"
#: What a translation keeps as written: code (fenced and inline), formulas, HTML tags, link targets, URLs.
_PROTECTED = re.compile(r"```.*?```|`[^`\n]*`|\$\$.*?\$\$|\$[^$\n]*\$|<[^>\n]*>|\]\([^)\s]*\)|https?://\S+", re.S)
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


def _punctuate_plain(text: str) -> str:
    for _ in range(5):  # until nothing changes (one change can make the next rule apply)
        new = _punctuate_once(text)
        if new == text:
            return text
        text = new
    return text


def _punctuate_once(text: str) -> str:
    # bold or italic Chinese followed by a mark: **花多少**? -> **花多少**？
    text = re.sub(rf"(?<=[{_HAN}])(\*{{1,2}})([,;:?!])", lambda m: m.group(1) + _FULL[m.group(2)], text)
    # , ; : ? ! after a hanzi (or a closing Chinese mark), or before a hanzi when not between digits
    text = re.sub(rf"(?<=[{_HAN}{_CLOSE}])[ \t]*([,;:?!])[ \t]*", lambda m: _FULL[m.group(1)], text)
    text = re.sub(rf"(?<![0-9A-Za-z])[ \t]*([,;?!])[ \t]*(?=[{_HAN}])", lambda m: _FULL[m.group(1)], text)
    text = re.sub(rf"(?<=[A-Za-z0-9%)）])[ \t]*([,;])[ \t]*(?=[{_HAN}])", lambda m: _FULL[m.group(1)], text)
    text = re.sub(rf"(?<=[A-Za-z%)）])[ \t]*(:)[ \t]*(?=[{_HAN}])", lambda m: _FULL[m.group(1)], text)
    # a full stop after a hanzi at the end of a sentence
    text = re.sub(rf"(?<=[{_HAN}）”])\.(?=\s|$)", "。", text)
    # parentheses that hold or follow Chinese (never a markdown link's target: those are protected)

    def paren(m: re.Match) -> str:
        before, inner = m.group(1), m.group(2)
        if re.search(f"[{_HAN}]", inner) or (before and re.match(f"[{_HAN}]", before)):
            return f"{before}（{inner.strip()}）"
        return m.group(0)

    text = re.sub(rf"([{_HAN}]?)[ \t]?\(([^()\n]*)\)", paren, text)
    return re.sub(rf"(?<=[）：；，])[ \t]+(?=[{_HAN}])", "", text)


def punctuate(text: str) -> str:
    """Chinese text with Chinese punctuation: ASCII , ; : ? ! ( ) . next to hanzi become their
    full-width forms (，；：？！（）。); code, formulas, HTML, link targets and numbers (1,234 and 3.5)
    are left as they are."""
    out, last = [], 0
    for m in _PROTECTED.finditer(text):
        out.append(_punctuate_plain(text[last:m.start()]))
        out.append(m.group(0))
        last = m.end()
    out.append(_punctuate_plain(text[last:]))
    return "".join(out)
