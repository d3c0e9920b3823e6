"""The managers' apps (make app, Binder's app link) in Voilà in a real browser, at 1366x768.

Voilà is a server extension of the test's JupyterLab (the one session server of conftest.py, as on
Binder): it renders ``apps/<lang>/*.ipynb`` at ``/voila/render/...`` with the course's page template
(``make install`` puts it in the environment). In English: the gallery lists every chapter app and
links to it; a click opens a chapter's app; moving its first slider changes the figures it shows. In
Chinese: a chapter's app shows Chinese labels drawn with the kit's web font (no system CJK font here)
and answers a slider too. On every page: no code is shown, no traceback, and nothing is asked of another
host (the page works offline). Screenshots go to the screenshots folder; the Voilà kernels the test
started are shut down at the end.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import urllib.request

import pytest

from crmkit import apps

from .conftest import SCREENSHOTS, TIMINGS, VIEWPORT, lab_opener
from .test_web_font_browser import FAMILY, assert_hanzi_have_glyphs

pytestmark = pytest.mark.browser

#: The chapter app the test opens: the switching-cost calculator (a light page: no data to load).
CHAPTER = "08_switching_costs.ipynb"

_STATE = """() => [...document.querySelectorAll('#rendered_cells .widget-html-content, #rendered_cells img')]
  .map(e => e.tagName === 'IMG' ? e.src : e.innerText).join('|')"""


def _kernels(opener, url: str) -> set[str]:
    with opener.open(f"{url}/api/kernels", timeout=10) as r:
        return {k["id"] for k in json.load(r)}


@pytest.fixture()
def voila_kernels(page, lab_url):
    """Shut down, at the end, the kernels that the test's Voilà pages started (and only those), with the
    server's XSRF token (:func:`lab_opener`)."""
    opener, headers = lab_opener(lab_url)
    before = _kernels(opener, lab_url)
    yield
    for kid in _kernels(opener, lab_url) - before:
        opener.open(urllib.request.Request(f"{lab_url}/api/kernels/{kid}", method="DELETE", headers=headers),
                    timeout=30).close()
    assert _kernels(opener, lab_url) <= before, "a Voilà kernel of the test is still running"


def _open(page, url: str, name: str, *, widget: bool) -> None:
    """Open a Voilà page and check it (:func:`_check`)."""
    response = page.goto(url)
    assert response is not None and response.ok, f"{name}: HTTP {response and response.status} for {url}"
    _check(page, name, widget=widget)


def _check(page, name: str, *, widget: bool) -> None:
    """Wait until the Voilà page has run (and shows a widget, when it has one); it uses the course's template,
    shows no traceback and no code."""
    page.locator("#rendered_cells").wait_for(state="visible", timeout=120_000)
    if widget:
        page.locator("#rendered_cells .widget-slider").first.wait_for(state="visible", timeout=120_000)
        page.locator("#rendered_cells .jupyter-widgets img").first.wait_for(state="visible", timeout=60_000)
    assert page.evaluate("() => [...document.styleSheets].some(s => (s.href || '').includes('/crmkit/static/crmkit-font.css'))"), \
        f"{name}: Voilà did not use the course's page template (make install puts it in the environment)"
    text = page.locator("body").inner_text()
    assert "Traceback" not in text, f"{name}: {text[:1500]}"
    # no code: Voilà shows outputs only (the pages hold `import crmkit`, `set_language`, the widget's class)
    shown = page.locator(".jp-CodeCell .jp-InputArea, .jp-InputArea-editor, .cm-editor, .jp-CodeCell .highlight")
    assert shown.count() == 0, f"{name}: a code cell is shown: {shown.first.inner_text()[:200]}"
    for code in ("import ", "set_language", "Calculator()"):
        assert code not in text, f"{name}: code is shown ({code!r})"


def _move_first_slider(page, name: str) -> float:
    """Arrow key on the first slider; returns the milliseconds until the shown figures changed."""
    before = page.evaluate(_STATE)
    handle = page.locator("#rendered_cells .widget-slider .noUi-handle").first
    handle.focus()
    t0 = time.perf_counter()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"(s0) => ({_STATE})() !== s0", arg=before, timeout=30_000, polling="raf")
    ms = (time.perf_counter() - t0) * 1000
    TIMINGS.append((f"app {name}", "slider", ms))
    return ms


def _system_cjk_font() -> str:
    if shutil.which("fc-list") is None:
        return "unknown (no fc-list)"
    return subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=60).stdout.strip()


def test_the_apps_in_voila(page, lab_url, voila_kernels):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    elsewhere = []
    page.on("request", lambda r: elsewhere.append(r.url) if not r.url.startswith((lab_url, "data:", "blob:")) else None)
    assert page.viewport_size == VIEWPORT
    chapters = apps.chapter_apps()
    try:
        # the English gallery: every chapter app listed and linked
        _open(page, f"{lab_url}/voila/render/apps/en/index.ipynb", "gallery", widget=False)
        links = page.locator("#rendered_cells table a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
        assert links == [a.notebook for a in chapters]
        page.screenshot(path=str(SCREENSHOTS / "app_gallery_en.png"))

        # a click opens a chapter's app; its first slider changes what it shows
        page.locator("#rendered_cells table a", has_text="Switching costs").click()
        page.wait_for_url(f"**/voila/render/apps/en/{CHAPTER}")
        _check(page, CHAPTER, widget=True)
        assert page.locator(".widget-label", has_text="Procedural cost").count() == 1
        _move_first_slider(page, CHAPTER)
        page.screenshot(path=str(SCREENSHOTS / "app_chapter_en.png"))

        # the Chinese app: Chinese labels, drawn with the kit's web font, and it answers too
        _open(page, f"{lab_url}/voila/render/apps/zh/{CHAPTER}", f"zh/{CHAPTER}", widget=True)
        assert page.locator(".widget-label", has_text="程序性转移成本").count() == 1
        assert page.locator("h1").first.inner_text().startswith("第 08 章")
        _move_first_slider(page, f"zh/{CHAPTER}")
        if _system_cjk_font():
            page.screenshot(path=str(SCREENSHOTS / "app_chapter_zh.png"))
            print(f"\na system CJK font is installed: the web-font check of the Chinese app is left to machines "
                  f"without one ({_system_cjk_font().splitlines()[0]})")
        else:
            texts = assert_hanzi_have_glyphs(page, "#rendered_cells", "app_chapter")
            print(f"\nChinese app: {len(texts)} elements with hanzi drawn with {FAMILY}, e.g. {texts[:3]}")
    except BaseException:
        page.screenshot(path=str(SCREENSHOTS / "FAILED_app.png"))
        raise
    assert elsewhere == [], f"the app pages asked other hosts (they must work offline): {elsewhere[:5]}"
