"""The social-style quiz, driven through its eight controls (no browser)."""

from __future__ import annotations

import numpy as np
import pytest

from crmkit import i18n, people
from crmkit.widgets.people import SocialStyleQuiz

EAGLE = {"A1": 5, "A2": 1, "A3": 4, "A4": 2, "R1": 2, "R2": 4, "R3": 1, "R4": 5}  # A +1.5, R -1.5
DOVE = {"A1": 2, "A2": 4, "A3": 1, "A4": 5, "R1": 4, "R2": 2, "R3": 5, "R4": 1}  # A -1.5, R +1.5


def point(w):
    c = next(c for c in w.ax.collections if c.get_gid() == "social-style-point")
    return c, tuple(c.get_offsets()[0])


@pytest.fixture(autouse=True)
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("en")


def test_one_control_per_question_starting_unanswered():
    w = SocialStyleQuiz()
    assert list(w.controls) == [q.id for q in people.QUIZ]
    assert all(c.value is None for c in w.controls.values())
    assert [v for _, v in w.controls["A1"].options] == [1, 2, 3, 4, 5]
    assert w.result.result is None and "Still open: A1, A2, A3, A4, R1, R2, R3, R4" in w.summary.value
    assert not point(w)[0].get_visible() and w.table.value == ""


def test_answering_all_but_one_still_shows_no_bird():
    w = SocialStyleQuiz()
    for k, v in EAGLE.items():
        if k != "R3":
            w.controls[k].value = v
    assert w.result.result is None and w.result.open_items == ("R3",)
    assert "Still open: R3." in w.summary.value and "Eagle" not in w.summary.value
    w.controls["R3"].value = EAGLE["R3"]
    r = w.result.result
    assert (r.style, r.assertiveness, r.responsiveness, r.confidence) == ("eagle", 1.5, -1.5, 0.75)
    assert "Eagle (control)" in w.summary.value and "+1.50" in w.summary.value and "-1.50" in w.summary.value
    assert "75%" in w.summary.value
    c, xy = point(w)
    assert c.get_visible() and np.allclose(xy, (1.5, -1.5))
    assert i18n.t(people.style_advice("eagle").sell) in w.table.value.replace("&#x27;", "'")


def test_changing_answers_moves_the_point_without_redrawing_the_map():
    w = SocialStyleQuiz(EAGLE)
    ax_before, n_texts = w.ax, len(w.ax.texts)
    for k, v in DOVE.items():
        w.controls[k].value = v
    assert w.ax is ax_before and len(w.fig.axes) == 1 and len(w.ax.texts) == n_texts
    assert w.result.result.style == "dove" and np.allclose(point(w)[1], (-1.5, 1.5))
    assert "Dove (amiability)" in w.summary.value
    w.controls["R4"].value = None  # taking an answer back hides the bird again
    assert w.result.result is None and not point(w)[0].get_visible() and "R4" in w.summary.value


def _pixels(png: bytes) -> np.ndarray:
    import io

    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA")).astype(int)


def test_the_blitted_image_is_the_full_chart():
    """Only the point is drawn on each change; the picture must equal a full redraw of the chart."""
    import io

    w = SocialStyleQuiz(EAGLE)
    w.controls["A3"].value = 5  # A (2+2+2+1)/4 = 1.75
    shown = _pixels(w.image.value)
    buf = io.BytesIO()
    w.fig.savefig(buf, format="png", dpi=w.fig.dpi)
    full = _pixels(buf.getvalue())
    assert shown.shape == full.shape
    assert np.mean(np.abs(shown - full) > 8) < 0.001  # the same picture, up to anti-aliasing
    w.controls["A3"].value = None  # the point disappears from the picture
    empty = _pixels(w.image.value)
    assert (np.abs(empty - shown) > 8).any(axis=2).sum() > 80  # a point of about 13 px across


def test_a_tie_warns_of_low_confidence():
    # A: 5, 5, 3, 3 -> (2 - 2 + 0 + 0) / 4 = 0 ; R: 5, 1, 3, 3 -> 1.0
    w = SocialStyleQuiz({"A1": 5, "A2": 5, "A3": 3, "A4": 3, "R1": 5, "R2": 1, "R3": 3, "R4": 3})
    assert w.result.result.confidence == 0
    assert "Low confidence" in w.summary.value and "Peacock, Dove" in w.summary.value


def test_chinese_labels():
    i18n.set_language("zh")
    w = SocialStyleQuiz(EAGLE)
    assert "老鹰型（控制）" in w.summary.value and "如何销售" in w.table.value
    assert "社交风格测试" in w.title.value
