"""Every widget of the course, in JupyterLab in a real browser, at 1366x768 with the file browser open.

One notebook holds every widget class of ``crmkit.widgets.catalogue()`` (found by discovery, so a new
chapter's widget is included), built with its defaults as a chapter builds it. The notebook runs in
the lab once; then, for each widget: it displayed without error, moving its first control (a slider
by the arrow key, else the next option of a drop-down, else an unselected toggle button) changes what
it shows, and every slider readout is inside the viewport, not covered and not cut off; a screenshot
of each goes to the screenshots folder. Chapter 00 runs whole in the browser in its Chinese edition
(``test_web_font_browser.py``); the chapters' own cells are nbval's concern.

The notebook is written under ``build/`` (git-ignored) and removed afterwards, with the folder when
the test made it.
"""

from __future__ import annotations

import shutil
import time

import nbformat
import pytest

from crmkit import widgets

from .conftest import ROOT, SCREENSHOTS, TIMINGS, VIEWPORT
from .lab_helpers import _SCROLL_TO, open_and_run_all, shoot_and_check_readouts

pytestmark = pytest.mark.browser

FOLDER = ROOT / "build" / "browser-gallery"
NAME = "widget_gallery.ipynb"
CLASSES = widgets.catalogue()

_STATE_AT = """(i) => {
  const roots = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output')]
      .filter(o => o.querySelector('.jupyter-widgets'));
  const root = roots[i];
  if (!root) return null;
  const html = [...root.querySelectorAll('.widget-html-content, .widget-html, table, pre')].map(e => e.innerText).join('|');
  const imgs = [...root.querySelectorAll('img')].map(e => e.src).join('|');
  return html + '#' + imgs;
}"""


def gallery_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    for cls in CLASSES:
        nb.cells.append(nbformat.v4.new_markdown_cell(f"### {cls.__name__}"))
        nb.cells.append(nbformat.v4.new_code_cell(f"from {cls.__module__} import {cls.__name__}\n\n{cls.__name__}()"))
    return nb


@pytest.fixture(scope="module")
def gallery():
    made_build = not (ROOT / "build").exists()
    FOLDER.mkdir(parents=True, exist_ok=True)
    nbformat.write(gallery_notebook(), FOLDER / NAME)
    try:
        yield f"build/browser-gallery/{NAME}"
    finally:
        shutil.rmtree(FOLDER, ignore_errors=True)  # made here, by this test
        if made_build:
            shutil.rmtree(ROOT / "build", ignore_errors=True)


def _move_first_control(page, w) -> tuple[str, float] | None:
    """Move the first visible, enabled control of widget ``w``; returns (what, t0) or None."""
    handle = w.locator(".widget-slider .noUi-handle, .widget-slider .ui-slider-handle").filter(visible=True)
    dropdown = w.locator(".widget-dropdown select").filter(visible=True)
    toggles = w.locator(".widget-toggle-buttons button:not(.mod-active)").filter(visible=True)
    enabled = [i for i in range(handle.count())
               if handle.nth(i).evaluate("h => !h.closest('[disabled], .mod-disabled')")]
    if enabled:
        h = handle.nth(enabled[0])
        at_max = h.get_attribute("aria-valuenow") is not None and \
            h.get_attribute("aria-valuenow") == h.get_attribute("aria-valuemax")
        h.focus()
        t0 = time.perf_counter()
        page.keyboard.press("ArrowLeft" if at_max else "ArrowRight")
        return "slider", t0
    if dropdown.count():
        sel = dropdown.first
        n = sel.locator("option").count()
        current = sel.evaluate("s => s.selectedIndex")
        t0 = time.perf_counter()
        sel.select_option(index=(current + 1) % n)
        return "dropdown", t0
    if toggles.count():
        t0 = time.perf_counter()
        toggles.first.click()
        return "toggle button", t0
    return None


@pytest.mark.skipif(not CLASSES, reason="the kit has no widget")
def test_every_widget_in_jupyterlab(page, lab_url, gallery):
    try:
        _check_gallery(page, lab_url, gallery)
    except BaseException:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "FAILED_widget_gallery.png"))
        raise


def _check_gallery(page, lab_url, path):
    open_and_run_all(page, f"{lab_url}/lab/tree/{path}", timeout_s=240)

    errors = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output", has_text="Error displaying widget")
    assert errors.count() == 0, errors.first.inner_text()
    tracebacks = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']", has_text="Traceback")
    assert tracebacks.count() == 0, tracebacks.first.inner_text()[:2000]
    shown = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output").filter(
        has=page.locator(".jupyter-widgets"))
    assert shown.count() == len(CLASSES), f"{shown.count()} widget views for {len(CLASSES)} widget classes"

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for i, cls in enumerate(CLASSES):
        w = shown.nth(i)
        page.evaluate(_SCROLL_TO, i)
        page.wait_for_timeout(200)
        state0 = page.evaluate(_STATE_AT, i)
        moved = _move_first_control(page, w)
        if moved is None:
            problems.append(f"{cls.__name__}: no slider, drop-down or toggle button to move")
        else:
            control, t0 = moved
            try:
                page.wait_for_function(f"([i, s0]) => {{ const s = ({_STATE_AT})(i); return s !== null && s !== s0; }}",
                                       arg=[i, state0], timeout=30_000, polling="raf")
                TIMINGS.append((cls.__name__, control, (time.perf_counter() - t0) * 1000))
            except Exception:  # noqa: BLE001 - named below, with the others
                problems.append(f"{cls.__name__}: moving its first {control} changed nothing it shows")
        problems += shoot_and_check_readouts(page, i, SCREENSHOTS / f"gallery_{cls.__name__}.png",
                                             cls.__name__)["problems"]
    assert page.viewport_size == VIEWPORT
    assert not problems, "in JupyterLab at 1366x768 with the sidebar open:\n" + "\n".join(problems)
