"""In Chinese mode every widget shows Chinese: controls, options, readouts and the texts of its charts
(titles, axes, legends, annotations, tick labels), drawn with no missing glyph.

Allowed in Latin letters: acronyms (RFM, CLV, NPS, KPI ...), the names of people and companies in the
course's data (pinyin), units and HTML entities.
"""

from __future__ import annotations

import re
import warnings

import matplotlib
import pytest

matplotlib.use("Agg")

from crmkit import data, i18n, widgets

WORD = re.compile(r"[A-Za-z][A-Za-z'\-]{2,}")
UNITS = {"km", "CNY", "USD"}


def widget_classes():
    return widgets.catalogue()


def names_in_the_data() -> set[str]:
    words = set()
    for name, col in (("key_accounts", "name"), ("account_contacts", "name")):
        try:
            values = data.load(name)[col].astype(str)
        except Exception:  # noqa: BLE001 - a dataset a future chapter renames: nothing to allow
            continue
        for v in values:
            words |= set(WORD.findall(v))
    return words


def visible_texts(w) -> list[str]:
    out = []
    for c in w.controls.values():
        out.append(getattr(c, "description", "") or "")
        for o in getattr(c, "options", ()) or ():
            out.append(str(o[0] if isinstance(o, tuple) else o))
    out.append(w.summary.value)
    for ax in w.fig.axes:
        out += [ax.get_title(), ax.get_title("left"), ax.get_xlabel(), ax.get_ylabel()]
        legend = ax.get_legend()
        if legend:
            out += [t.get_text() for t in legend.get_texts()]
        out += [t.get_text() for t in ax.texts]
        out += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
    return out


def english_words(texts, allowed) -> set[str]:
    words = set()
    for t in texts:
        t = re.sub(r"<[^>]+>", " ", re.sub(r"&\w+;", " ", str(t)))
        words |= {w for w in WORD.findall(t) if not w.isupper() and w not in allowed and w not in UNITS}
    return words


@pytest.fixture()
def chinese():
    i18n.set_language("zh")
    yield
    i18n.set_language("en")


CELL = re.compile(r"<t([hd])\b[^>]*>(.*?)</t[hd]>", re.S)


def html_shown(w) -> list[str]:
    """Every HTML text the widget shows: its own HTML outputs and those inside its layout."""
    import ipywidgets as W

    out, seen = [], set()

    def walk(x):
        if id(x) in seen:
            return
        seen.add(id(x))
        if isinstance(x, (W.HTML, W.HTMLMath)):
            out.append(x.value)
        for child in getattr(x, "children", ()) or ():
            walk(child)

    for value in list(vars(w).values()):
        if isinstance(value, W.Widget):
            walk(value)
    return out


def table_texts(html_values) -> list[str]:
    """The headers (index names, column names, row labels) and cells of every HTML table."""
    return [m.group(2) for h in html_values for m in CELL.finditer(h)]


def test_the_table_check_finds_an_english_header():
    """A table written by ``DataFrame.to_html`` with the analytics' column names is caught."""
    import pandas as pd

    english = pd.DataFrame({"customers": [3], "value_share": [0.5]}, index=pd.Index(["gold"], name="segment"))
    assert {"customers", "gold", "segment"} <= english_words(table_texts([english.to_html()]), set())
    named = i18n.table(english, {"customers": "segment.customers", "segment": "segment.class"}, values="class")
    i18n.set_language("zh")
    try:
        chinese = i18n.table(english, {"customers": "segment.customers", "segment": "segment.class"}, values="class")
    finally:
        i18n.set_language("en")
    assert english_words(table_texts([chinese.to_html()]), set()) == {"value", "share"}  # the header not named
    assert "Customers" in named.columns


@pytest.mark.parametrize("cls", widget_classes(), ids=lambda c: c.__name__)
def test_every_widget_speaks_chinese_in_every_state(cls, chinese):
    """What the widget shows (controls, readouts, chart texts) and every table it shows (headers, index
    names, cells: class names, the 17 ways ...), after each of its controls' options has been chosen (the
    widget's callbacks run on each change). One sweep of the options serves both checks."""
    allowed = names_in_the_data()
    w = cls()
    left = english_words(visible_texts(w), allowed)
    tables = english_words(table_texts(html_shown(w)), allowed)
    for name, control in w.controls.items():
        for option in list(getattr(control, "options", ()) or ())[:12]:
            value = option[1] if isinstance(option, tuple) else option
            control.value = value
            left |= {f"{word} ({name}={value})" for word in english_words(visible_texts(w), allowed)}
            tables |= {f"{word} ({name}={value})" for word in english_words(table_texts(html_shown(w)), allowed)}
    assert not left, f"{cls.__name__} shows English in Chinese mode: {sorted(left)[:20]}"
    assert not tables, f"{cls.__name__} shows a table with English in Chinese mode: {sorted(tables)[:20]}"


def test_the_widgets_tables_are_reached():
    """The table check reads tables: the widgets known to show one do (so the check above cannot pass empty)."""
    shown = {cls.__name__: table_texts(html_shown(cls())) for cls in widget_classes()}
    for name in ("ClassifyExplorer", "SwitchingCalculator", "TaxiShift", "ValueLevelChooser", "FunnelExplorer"):
        assert len(shown[name]) >= 4, name


@pytest.mark.parametrize("cls", widget_classes(), ids=lambda c: c.__name__)
def test_every_widget_chart_draws_its_chinese_with_no_missing_glyph(cls, chinese):
    w = cls()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        w.fig.canvas.draw()
    missing = [str(x.message) for x in caught if "missing from" in str(x.message).lower()]
    assert not missing, missing[:3]


def test_set_language_is_importable_from_the_top_level():
    import crmkit

    crmkit.set_language("zh")
    try:
        assert i18n.get_language() == "zh"
    finally:
        crmkit.set_language("en")
