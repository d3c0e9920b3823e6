"""Chapter 06 charts draw the numbers they are given (checked on the artists)."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from crmkit import i18n, people, plots


@pytest.fixture
def ax():
    return Figure().add_subplot()


def test_style_map_has_four_quadrants_and_the_point(ax):
    r = people.style_from_axes(1.5, -0.5)
    plots.style_map(r, ax=ax)
    labels = {t.get_text() for t in ax.texts}
    assert {"Eagle (control)", "Peacock (expression)", "Owl (analysis)", "Dove (amiability)"} <= labels
    pt = next(c for c in ax.collections if c.get_gid() == "social-style-point")
    assert np.allclose(pt.get_offsets()[0], (1.5, -0.5)) and pt.get_visible()
    assert ax.get_xlim() == (-2, 2) and ax.get_ylim() == (-2, 2)
    plots.move_style_point(ax, people.style_from_axes(-1, 1))
    assert np.allclose(pt.get_offsets()[0], (-1, 1))
    plots.move_style_point(ax, None)
    assert not pt.get_visible()


def test_style_map_marks_others(ax):
    plots.style_map(None, ax=ax, others={"Li": people.style_from_axes(-1, -2)})
    assert "Li" in {t.get_text() for t in ax.texts}


def test_buying_centre_chart_marks_gaps(ax):
    contacts = people.SAMPLE_CONTACTS[people.SAMPLE_CONTACTS["buying_role"] != "gatekeeper"]
    centre = people.buying_centre(contacts)
    plots.buying_centre_chart(centre, ax=ax)
    widths = [p.get_width() for p in ax.patches]  # drawn bottom-up: gatekeeper first
    assert widths == [0.0, 3.0, 5.0, 4.0, 2.0, 3.0]
    assert "no contact" in {t.get_text() for t in ax.texts} and "P6 (2)" in {t.get_text() for t in ax.texts}
    from matplotlib.colors import to_hex

    from crmkit.plots import BAD, GOOD, NEUTRAL

    # bottom-up: gatekeeper (none), buyer P5 +1, decider P4 -1, influencer P6 -1, user P2 +2, initiator P1 +1
    assert [to_hex(p.get_facecolor()) for p in ax.patches] == [NEUTRAL, GOOD, BAD, BAD, GOOD, GOOD]


def test_chart_labels_follow_the_language(ax, monkeypatch):
    import matplotlib

    monkeypatch.setattr(i18n, "cjk_font", lambda: "Noto Sans CJK SC")
    monkeypatch.setitem(matplotlib.rcParams, "font.sans-serif", list(matplotlib.rcParams["font.sans-serif"]))
    monkeypatch.setitem(matplotlib.rcParams, "axes.unicode_minus", matplotlib.rcParams["axes.unicode_minus"])
    i18n.set_language("zh")
    try:
        plots.style_map(None, ax=ax)
        assert "老鹰型（控制）" in {t.get_text() for t in ax.texts}
    finally:
        i18n.set_language("en")
