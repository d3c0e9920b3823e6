"""Chinese in every browser: with no Chinese font on the system, Chromium draws hanzi with the kit's
web font (crmkit.lab), not as empty boxes, in JupyterLab (a Chinese chapter, a widget after
``set_language("zh")``), on a feedback page and on a site page.

The machine must have no system CJK font (``fc-list :lang=zh`` empty), else the check would prove
nothing: each test first asserts that, and skips with one line where a CJK font is installed.
Each page is checked twice over, on the text the page itself shows:

1. Chromium's DevTools protocol (``CSS.getPlatformFontsForNode``) names the fonts that drew an element's
   text: the element holding the first hanzi of the page must be drawn (in part) with "Crmkit Sans SC".
2. A pixel check beside it: two different hanzi strings of the same length, in that element's style,
   must give different images (empty boxes are all alike); the same two strings in the system's own
   monospace font (no Chinese there) give the same image, which shows that the check can fail here.

Screenshots at 1366x768 (the lab with its file browser open) go to the screenshots folder (conftest.py).
"""

from __future__ import annotations

import shutil
import subprocess

import nbformat
import pytest

from .conftest import ROOT, SCREENSHOTS, VIEWPORT
from .lab_helpers import _accept_kernel_dialog, _ensure_file_browser, _run_all, _wait_idle

pytestmark = pytest.mark.browser

FAMILY = "Crmkit Sans SC"
A, B = "客户价值分析", "忠诚度与流失"  # same length, different characters


@pytest.fixture(scope="module", autouse=True)
def no_system_cjk_font():
    """The claim needs a machine without a Chinese system font: assert it, or skip saying so."""
    if shutil.which("fc-list") is None:
        pytest.skip("fc-list (fontconfig) is not installed: cannot tell whether a system CJK font is present")
    found = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=60).stdout.strip()
    if found:
        pytest.skip(f"a system CJK font is installed ({found.splitlines()[0]}): glyphs would not prove the web font")
    assert found == ""


_MARK = """(root) => {
  // every visible element whose own text holds a hanzi under root (a drop-down for its chosen option),
  // marked data-crmkit-probe=1, 2 ... for the protocol; the first is scrolled into view
  document.querySelectorAll('[data-crmkit-probe]').forEach(e => e.removeAttribute('data-crmkit-probe'));
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const found = [];
  for (let n = walker.nextNode(); n && found.length < 60; n = walker.nextNode()) {
    let el = n.parentElement;
    if (!/[\u4e00-\u9fff]/.test(n.textContent) || !el || el.closest('script, style, title')) continue;
    if (el.tagName === 'OPTION') { if (!el.selected) continue; el = el.closest('select'); }
    if (!el || el.hasAttribute('data-crmkit-probe') || el.closest('.lm-mod-hidden, [hidden]')) continue;
    const b = el.getBoundingClientRect();
    if (b.width === 0 || b.height === 0) continue;
    el.setAttribute('data-crmkit-probe', String(found.length + 1));
    found.push((el.tagName === 'SELECT' ? el.options[el.selectedIndex].text : n.textContent).trim().slice(0, 40));
  }
  if (found.length) document.querySelector('[data-crmkit-probe="1"]').scrollIntoView({block: 'center'});
  return found;
}"""


_PROBE = """(el, [text, family]) => {
  // a probe in the element's font (or in a given family), on top of the page where nothing clips it:
  // always at the same place, in a white box of whole pixels, so two probes differ only by their text
  let box = document.getElementById('crmkit-probe');
  if (!box) {
    box = document.createElement('div');
    box.id = 'crmkit-probe';
    Object.assign(box.style, {position: 'fixed', left: '0px', top: '0px', width: '400px', height: '80px',
                              zIndex: 2147483647, background: '#fff', color: '#000', padding: '8px',
                              boxSizing: 'border-box', overflow: 'hidden', whiteSpace: 'nowrap'});
    document.body.appendChild(box);
  }
  const cs = getComputedStyle(el);
  Object.assign(box.style, {fontFamily: family || cs.fontFamily, fontSize: cs.fontSize, fontWeight: cs.fontWeight});
  box.textContent = text;
}"""


def _fonts_of(page, count: int) -> list[list[dict]]:
    """The platform fonts Chromium used for the text of each marked element (DevTools protocol)."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        out = []
        for i in range(1, count + 1):
            node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": f'[data-crmkit-probe="{i}"]'})["nodeId"]
            out.append(cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"])
        return out
    finally:
        cdp.detach()


def _probe_images(page, el, family=None) -> tuple[bytes, bytes]:
    """Screenshots of the two hanzi strings, one after the other at the same place."""
    images = []
    for text in (A, B):
        el.evaluate(_PROBE, [text, family])
        images.append(page.locator("#crmkit-probe").screenshot(animations="disabled", caret="hide"))
    return images[0], images[1]


def assert_hanzi_have_glyphs(page, root_selector: str, name: str) -> str:
    """The protocol check on every element with hanzi under ``root_selector`` (at most 60), the pixel
    check on the first; a screenshot. Returns the texts checked."""
    page.evaluate("() => document.fonts.ready.then(() => true)")
    root = page.locator(root_selector).first
    texts = root.evaluate(_MARK)
    assert texts, f"{name}: no Chinese text is shown under {root_selector}"
    page.evaluate("([f, t]) => document.fonts.load(`16px \"${f}\"`, t)", [FAMILY, A + B])
    page.wait_for_function("() => document.fonts.status === 'loaded'")
    loaded = page.evaluate("(f) => [...document.fonts].filter(x => x.family.replace(/[\"']/g, '') === f)"
                           ".map(x => x.status)", FAMILY)
    assert "loaded" in loaded, f"{name}: the web font {FAMILY} did not load ({loaded})"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"zh_{name}.png"))
    boxes = [(text, fonts) for text, fonts in zip(texts, _fonts_of(page, len(texts)))
             if not any(f["familyName"] == FAMILY and f["glyphCount"] > 0 for f in fonts)]
    assert boxes == [], f"{name}: Chinese text drawn without {FAMILY} (empty boxes): {boxes[:5]}"
    el = page.locator('[data-crmkit-probe="1"]')
    a, b = _probe_images(page, el)
    ca, cb = _probe_images(page, el, family="monospace")  # the control: no web font, no system CJK font
    for suffix, image in (("a", a), ("b", b), ("control_a", ca), ("control_b", cb)):
        (SCREENSHOTS / f"zh_{name}_probe_{suffix}.png").write_bytes(image)
    assert a != b, f"{name}: two different hanzi strings look the same: empty boxes, not glyphs"
    assert ca == cb, f"{name}: without the web font the hanzi still differ: the machine has a CJK font after all"
    page.evaluate("() => document.getElementById('crmkit-probe').remove()")
    return texts


# -- JupyterLab: a Chinese chapter and its widget after set_language("zh") ---------------------------

def _chinese_chapter():
    """A Chinese chapter with a widget (zh/notebooks/, built from the English by crmkit.i18n.editions)."""
    for name in ("00_taxi_driver.ipynb", *sorted(p.name for p in (ROOT / "zh" / "notebooks").glob("[0-9]*.ipynb"))):
        path = ROOT / "zh" / "notebooks" / name
        if path.is_file() and "set_language" in path.read_text(encoding="utf-8"):
            return path
    return None


def test_a_chinese_chapter_and_its_widget_in_jupyterlab(page, lab_url):
    chapter = _chinese_chapter()
    if chapter is None:
        pytest.skip("the Chinese edition is not built (python -m crmkit.i18n.editions build)")
    page.goto(f"{lab_url}/lab/tree/zh/notebooks/{chapter.name}?reset")
    page.locator(".jp-NotebookPanel .jp-Notebook").first.wait_for(state="visible", timeout=90_000)
    assert page.evaluate("() => [...document.styleSheets].some(s => (s.href || '').endsWith('/custom/custom.css'))"), \
        "JupyterLab did not load /custom/custom.css: is the crmkit.lab server extension enabled (make install)?"
    _ensure_file_browser(page)
    assert page.viewport_size == VIEWPORT
    # the language pack is installed, yet a lab started without LANG=zh keeps its menus in English
    assert page.locator(".lm-MenuBar-itemLabel").first.inner_text() == "File"
    page.wait_for_function("() => /[\\u4e00-\\u9fff]/.test([...document.querySelectorAll("
                           "'.jp-NotebookPanel:not(.lm-mod-hidden) .jp-MarkdownOutput')].map(e => e.innerText).join(''))")
    texts = assert_hanzi_have_glyphs(page, ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook", "lab_chapter")
    print(f"\nlab chapter: {len(texts)} elements with hanzi drawn with {FAMILY}, e.g. {texts[:3]}")

    _accept_kernel_dialog(page)
    page.wait_for_function("() => { const i = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) "
                           ".jp-Notebook-ExecutionIndicator'); return i && i.getAttribute('data-status') === 'idle'"
                           " && !document.body.innerText.includes('| Connecting'); }", timeout=90_000)
    _run_all(page)
    _wait_idle(page)
    widget = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output .jupyter-widgets .widget-label"
    page.locator(widget).first.wait_for(state="attached", timeout=30_000)
    labels = page.locator(widget).all_inner_texts()
    assert any(any("\u4e00" <= ch <= "\u9fff" for ch in t) for t in labels), f"no Chinese widget label: {labels[:10]}"
    roots = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output:has(.jupyter-widgets)"
    texts = assert_hanzi_have_glyphs(page, roots, "lab_widget")
    print(f"lab widget: {len(texts)} elements with hanzi drawn with {FAMILY}, e.g. {texts[:3]}")


# -- a feedback page and a site page, opened from file:// ----------------------------------------------

def test_a_feedback_page(page, tmp_path):
    from crmkit import grade as g
    from crmkit.exercises import questions
    from crmkit.i18n import get_language, set_language

    keys = [f"ch00.{k}" for k in questions("ch00")]
    r = g.NotebookResult("王小明", "ok", 0.1, chapters=("ch00",))
    before = get_language()
    set_language("zh")
    try:
        att = g.attempts(r, keys)
        row = {"student": r.student, "status": "ok", "flags": "", **{k: a.result for k, a in att.items()}, "total": 0}
        g._write(tmp_path, [row], keys, [r], {r.student: att})
    finally:
        set_language(before)
    feedback = next((tmp_path / "feedback").glob("*.html"))
    page.goto(feedback.as_uri())
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    texts = assert_hanzi_have_glyphs(page, "body", "feedback")
    print(f"\nfeedback page: {len(texts)} elements with hanzi drawn with {FAMILY}, e.g. {texts[:3]}")


def test_a_site_page(page, tmp_path):
    from crmkit import site

    course = tmp_path / "course"
    for folder in ("notebooks", "zh/notebooks"):
        (course / folder).mkdir(parents=True)
    source = ROOT / "zh" / "notebooks" / "00_taxi_driver.ipynb"
    if source.is_file():
        nb = nbformat.read(str(source), as_version=4)
    else:  # the Chinese edition is not built here: a chapter of its own
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 第 0 章 出租车司机\n\n司机如何挑选乘客。")])
    nbformat.write(nb, str(course / "zh" / "notebooks" / "00_taxi_driver.ipynb"))
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Taxi")]),
                   str(course / "notebooks" / "00_taxi_driver.ipynb"))
    out = site.build_site(tmp_path / "site", root=course, progress=lambda *_: None)
    page.goto((out / "zh" / "00_taxi_driver.html").as_uri())
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    texts = assert_hanzi_have_glyphs(page, "main, body", "site")
    print(f"\nsite page: {len(texts)} elements with hanzi drawn with {FAMILY}, e.g. {texts[:3]}")
