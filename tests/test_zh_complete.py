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


@pytest.mark.parametrize("cls", widget_classes(), ids=lambda c: c.__name__)
def test_every_widget_speaks_chinese_in_every_state(cls, chinese):
    allowed = names_in_the_data()
    w = cls()
    left = english_words(visible_texts(w), allowed)
    for name, control in w.controls.items():
        for option in list(getattr(control, "options", ()) or ())[:12]:
            value = option[1] if isinstance(option, tuple) else option
            control.value = value
            extra = english_words(visible_texts(w), allowed)
            left |= {f"{word} ({name}={value})" for word in extra}
    assert not left, f"{cls.__name__} shows English in Chinese mode: {sorted(left)[:20]}"


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
