"""Whole chapters with their widgets, in JupyterLab in a real browser, at 1366x768 with the file browser open.

For the chapter notebooks in WHOLE (whose stored outputs hold a widget): open it, run all cells, wait for
the kernel, and assert that no widget failed to display and no cell printed a traceback. Then move
a control of the first widget (the arrow key on its first slider, else the next option of its first
dropdown, else an unselected toggle button)
and assert that the widget's output changes, timing it; save a screenshot of every widget in
the screenshots folder (SCREENSHOTS in conftest.py) and assert that every slider readout is inside
the viewport and not covered.
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

import pytest

from .conftest import ROOT, SCREENSHOTS, TIMINGS, VIEWPORT

pytestmark = pytest.mark.browser

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def widget_notebooks() -> list[Path]:
    """The chapter notebooks whose stored outputs contain a widget view (found, not listed)."""
    out = []
    for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]*_*.ipynb")):
        try:
            nb = json.loads(p.read_text(encoding="utf-8"))
        except ValueError:
            continue
        if any(WIDGET_MIME in o.get("data", {}) for c in nb.get("cells", []) for o in c.get("outputs", [])):
            out.append(p)
    return out


#: A whole chapter runs in the browser: the first (its Chinese edition runs whole there too, in
#: test_web_font_browser.py). Every widget class is driven in the browser by test_widget_gallery_in_lab.py;
#: every chapter's cells run under nbval.
WHOLE = ("00_taxi_driver",)
NOTEBOOKS = [p for p in widget_notebooks() if p.stem in WHOLE]

# JavaScript helpers, evaluated in the page.
_OUTPUT_STATE = """(i) => {
  const w = document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output .widget-box, '
      + '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output .jupyter-widgets')[0];
  const root = w ? w.closest('.jp-OutputArea-output') : null;
  if (!root) return null;
  const html = [...root.querySelectorAll('.widget-html-content, .widget-html, table, pre')].map(e => e.innerText).join('|');
  const imgs = [...root.querySelectorAll('img')].map(e => e.src).join('|');
  return html + '#' + imgs;
}"""

_READOUTS = """(idx) => {
  const roots = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output')]
      .filter(o => o.querySelector('.jupyter-widgets'));
  const root = roots[idx];
  const bad = [];
  let checked = 0;
  const vw = window.innerWidth, vh = window.innerHeight;
  // a control in an inactive tab, or one the widget hides for the current choice (display: none)
  const hidden = (el) => {
    if (el.closest('.lm-mod-hidden, [hidden]')) return true;
    for (let e = el; e && e !== root; e = e.parentElement) if (getComputedStyle(e).display === 'none') return true;
    return false;
  };
  for (const r of root.querySelectorAll('.widget-readout')) {
    if (hidden(r)) continue;
    checked += 1;
    // scroll the notebook vertically only (scrollIntoView could also scroll a clipped control column
    // sideways and so show a readout that a student would not see)
    let b = r.getBoundingClientRect();
    if (b.top < 0 || b.bottom > vh) {
      const scroller = r.closest('.jp-WindowedPanel-outer') || r.closest('.jp-NotebookPanel-notebook');
      if (scroller) scroller.scrollTop += b.top - vh / 2;
      b = r.getBoundingClientRect();
    }
    const lab = r.closest('.widget-slider') && r.closest('.widget-slider').querySelector('.widget-label');
    const label = ((lab ? lab.innerText.trim() : 'readout') + ' = ' + r.innerText.trim()).slice(0, 50);
    if (b.width === 0 || b.height === 0) { bad.push(label + ': zero size'); continue; }
    if (b.left < 0 || b.top < 0 || b.right > vw || b.bottom > vh) { bad.push(label + ': outside the viewport ' + JSON.stringify([b.left, b.top, b.right, b.bottom])); continue; }
    const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
    if (!(hit === r || r.contains(hit))) bad.push(label + ': covered by ' + (hit ? (hit.getAttribute('class') || hit.tagName) : 'nothing'));
  }
  // a control's description must be readable whole, not cut off with an ellipsis
  for (const l of root.querySelectorAll('.widget-label')) {
    if (hidden(l) || !l.innerText.trim()) continue;
    if (l.scrollWidth > l.clientWidth + 1) bad.push(l.innerText.trim().slice(0, 50) + ': label cut off (' + l.scrollWidth + ' px text in ' + l.clientWidth + ' px)');
  }
  const sliders = [...root.querySelectorAll('.widget-slider')].filter(e => !hidden(e)).length;
  return {checked, sliders, bad};
}"""


_SCROLL_TO = ("(i) => { const roots = [...document.querySelectorAll("
              "'.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output')]"
              ".filter(o => o.querySelector('.jupyter-widgets'));"
              " roots[i].scrollIntoView({block: 'start'}); }")


def shoot_and_check_readouts(page, i: int, path, name: str) -> dict:
    """Bring widget ``i`` (among the output areas that hold a widget) to the top, save a screenshot to
    ``path`` and check its slider readouts where they stand; ``problems`` names each one with ``name``."""
    page.evaluate(_SCROLL_TO, i)
    page.wait_for_timeout(200)
    assert page.locator(".jp-FileBrowser").first.is_visible(), "the file browser sidebar closed"
    page.screenshot(path=str(path))
    found = page.evaluate(_READOUTS, i)
    problems = [f"{name}: {p}" for p in found["bad"]]
    if found["sliders"] and not found["checked"]:
        problems.insert(0, f"{name}: {found['sliders']} slider(s) but no readout shown")
    return {**found, "problems": problems}


def _accept_kernel_dialog(page, wait_ms=5_000):
    """JupyterLab may ask which kernel to start: take the proposed one (the notebook's python3)."""
    dialog = page.locator(".jp-Dialog", has_text="Select Kernel")
    try:
        if wait_ms:
            dialog.wait_for(state="visible", timeout=wait_ms)
        elif not dialog.is_visible():
            return
    except Exception:  # noqa: BLE001 - no dialog: the kernel starts by itself
        return
    dialog.locator(".jp-Dialog-button.jp-mod-accept").click()
    dialog.wait_for(state="hidden")


def _clear_outputs(page):
    page.locator(".lm-MenuBar-itemLabel", has_text="Edit").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Clear Outputs of All Cells").first.click()
    page.wait_for_function("() => document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) "
                           ".jp-OutputArea-output').length === 0")


def _run_all(page):
    """Run > Run All Cells; again if nothing started (the kernel was still connecting or a dialog came)."""
    for _ in range(4):
        _accept_kernel_dialog(page, wait_ms=0)
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        try:
            page.wait_for_function(
                "() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell "
                ".jp-InputPrompt')].some(p => /\\[(\\*|\\d+)\\]/.test(p.innerText))", timeout=15_000)
            return
        except Exception:  # noqa: BLE001 - try again
            _accept_kernel_dialog(page, wait_ms=3_000)
    raise AssertionError("Run All Cells did not start any cell")


def _wait_idle(page, timeout_s=120):
    """Until every code cell has run (a number in its prompt), or one failed, and the kernel is idle."""
    page.wait_for_function(
        """() => {
          const prompts = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')]
              .map(p => p.innerText);
          const done = prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p));
          const ind = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator');
          const idle = !ind || ind.getAttribute('data-status') === 'idle';
          const failed = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) '
              + '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]') !== null
              && !prompts.some(p => p.includes('*'));  // Run All stops at an error
          return (done || failed) && idle;
        }""",
        timeout=timeout_s * 1000, polling=250)


def _ensure_file_browser(page):
    if not page.locator(".jp-FileBrowser").first.is_visible():
        page.locator("#jp-left-stack, .jp-SideBar.jp-mod-left [data-id='filebrowser']").first.click()
        page.locator(".jp-FileBrowser").first.wait_for(state="visible")


@pytest.mark.skipif(not NOTEBOOKS, reason="no chapter notebook has a widget")
@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.stem)
def test_widget_notebook_in_jupyterlab(page, lab_url, nb):
    try:
        _check_notebook(page, lab_url, nb)
    except BaseException:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"FAILED_{nb.stem}.png"))
        raise


def open_and_run_all(page, url: str, timeout_s: int = 120) -> float:
    """Open a notebook in a fresh workspace (only it open), wait for its kernel, clear the stored outputs and
    run all cells with the file browser open; returns the seconds the run took."""
    page.goto(f"{url}?reset")
    page.locator(".jp-NotebookPanel .jp-Notebook").first.wait_for(state="visible", timeout=90_000)
    _accept_kernel_dialog(page)
    # the kernel must be ready before "Run All"
    page.wait_for_function("() => { const i = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook-ExecutionIndicator');"
                           " return i && i.getAttribute('data-status') === 'idle'"
                           " && !document.body.innerText.includes('| Connecting'); }", timeout=90_000)
    _ensure_file_browser(page)
    _clear_outputs(page)
    t0 = time.perf_counter()
    _run_all(page)
    _wait_idle(page, timeout_s=timeout_s)
    run_s = time.perf_counter() - t0
    page.wait_for_timeout(500)  # let the last widget views render
    return run_s


def _check_notebook(page, lab_url, nb):
    before = hashlib.sha256(nb.read_bytes()).hexdigest()
    run_s = open_and_run_all(page, f"{lab_url}/lab/tree/notebooks/{nb.name}")

    errors = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output", has_text="Error displaying widget")
    assert errors.count() == 0, errors.first.inner_text()
    tracebacks = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']", has_text="Traceback")
    assert tracebacks.count() == 0, tracebacks.first.inner_text()[:2000]
    widgets = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output").filter(
        has=page.locator(".jupyter-widgets"))
    n_widgets = widgets.count()
    assert n_widgets >= 1, "the notebook ran but no widget view appeared"

    # move the first control of the first widget and time the new output
    first = widgets.first
    first.scroll_into_view_if_needed()
    state0 = page.evaluate(_OUTPUT_STATE, 0)
    # visible controls only: a widget may hide the controls that do not apply (e.g. cut-offs in RFM mode)
    handle = first.locator(".widget-slider .noUi-handle, .widget-slider .ui-slider-handle").filter(visible=True)
    dropdown = first.locator(".widget-dropdown select").filter(visible=True)
    toggles = first.locator(".widget-toggle-buttons button:not(.mod-active)").filter(visible=True)
    enabled = [i for i in range(handle.count())
               if handle.nth(i).evaluate("h => !h.closest('[disabled], .mod-disabled')")]
    if enabled:  # the first slider that is shown and enabled
        h = handle.nth(enabled[0])
        control = "slider " + h.evaluate("h => { const s = h.closest('.widget-slider');"
                                         " const l = s && s.querySelector('.widget-label');"
                                         " return l ? l.innerText : ''; }")[:20]
        at_max = h.get_attribute("aria-valuenow") is not None and \
            h.get_attribute("aria-valuenow") == h.get_attribute("aria-valuemax")
        h.focus()
        t0 = time.perf_counter()
        page.keyboard.press("ArrowLeft" if at_max else "ArrowRight")
    elif dropdown.count():
        sel = dropdown.first
        options = sel.locator("option").all_inner_texts()
        current = sel.evaluate("s => s.selectedIndex")
        control = "dropdown " + options[(current + 1) % len(options)][:19]
        t0 = time.perf_counter()
        sel.select_option(index=(current + 1) % len(options))
    elif toggles.count():
        control = "toggle button " + toggles.first.inner_text()[:12]
        t0 = time.perf_counter()
        toggles.first.click()
    else:
        pytest.fail("the first widget has no slider, dropdown or toggle button to move")
    page.wait_for_function(f"(s0) => {{ const s = ({_OUTPUT_STATE})(0); return s !== null && s !== s0; }}",
                           arg=state0, timeout=30_000, polling="raf")
    ms = (time.perf_counter() - t0) * 1000
    TIMINGS.append((nb.stem, control.strip(), ms))
    print(f"\n{nb.stem}: ran all cells in {run_s:.1f} s; {control.strip()} -> new output in {ms:.0f} ms")

    # a screenshot per widget, with the readouts checked where they stand
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for i in range(n_widgets):
        widgets.nth(i).scroll_into_view_if_needed()
        found = shoot_and_check_readouts(page, i, SCREENSHOTS / f"{nb.stem}_widget{i + 1}.png", f"widget {i + 1}")
        print(f"{nb.stem} widget {i + 1}: {found['sliders']} slider(s), {found['checked']} readout(s) checked")
        problems += found["problems"]
    assert page.viewport_size == VIEWPORT
    assert not problems, "slider readouts not visible at 1366x768 with the sidebar open:\n" + "\n".join(problems)
    assert hashlib.sha256(nb.read_bytes()).hexdigest() == before, "running in the browser changed the notebook file"


def test_the_chapters_run_whole_are_there():
    """A renamed chapter must not silently drop out of the browser run."""
    assert sorted(p.stem for p in NOTEBOOKS) == sorted(WHOLE)
