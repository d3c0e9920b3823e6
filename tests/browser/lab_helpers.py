"""Helpers to open and run a notebook in JupyterLab in a real browser, at 1366x768 with the file browser open,
and to check a widget's slider readouts where they stand (visible, not covered, labels not cut off).

They serve tests/browser/test_widget_gallery_in_lab.py (every widget class in one lab page, in English) and
tests/browser/test_web_font_browser.py (chapter 00 run whole in its Chinese edition). Every chapter's cells
run under nbval; a whole English chapter in the browser repeated what those two do.
"""

from __future__ import annotations

import time

# JavaScript helpers, evaluated in the page.
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
