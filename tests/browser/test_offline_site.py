"""The static site and the slides in a real browser with the network cut off.

``make site`` and ``make slides`` output is opened in headless Chromium, where every request that is
not to this machine is aborted (a Playwright route) and host names do not resolve (a Chromium flag).
A chapter page with a formula is opened from ``file://`` and the formula must be typeset by the
copied MathJax with its own web font; the same chapter's slides are opened from a static server on
localhost and must advance on the arrow key, with every slide's content in reach. No request may even try to leave the machine, and no
script may fail. Screenshots at 1366x768 go to ``build/screenshots/offline_*.png``.

No JupyterLab is started: these pages are static.
"""

from __future__ import annotations

import functools
import http.server
import threading

import nbformat
import pytest

from crmkit import site

from .conftest import CHROMIUM_ARGS, ROOT, SCREENSHOTS, VIEWPORT, _require_browser, chromium

pytestmark = pytest.mark.browser

OFFLINE_ARGS = [*CHROMIUM_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]
LOCAL = ("file:", "data:", "blob:", "about:", "http://127.0.0.1:", "http://localhost:")


def _chapter_with_a_formula(tmp_path):
    """The first chapter with a display formula ($$ ... $$); a made-up one if no chapter has any."""
    for path in site.chapter_notebooks(ROOT):
        nb = nbformat.read(str(path), as_version=4)
        if any(c.cell_type == "markdown" and "$$" in c.source for c in nb.cells):
            return path
    path = tmp_path / "notebooks" / "99_formula.ipynb"
    path.parent.mkdir(parents=True)
    cells = [nbformat.v4.new_markdown_cell("# A formula"),
             nbformat.v4.new_markdown_cell(r"$$\text{CLV} = \sum_{t=1}^{T} \frac{m\,r^{t-1}}{(1+d)^{t}}$$"),
             nbformat.v4.new_markdown_cell("## Next slide")]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), str(path))
    return path


@pytest.fixture(scope="module")
def offline_build(tmp_path_factory):
    """One chapter converted as ``make site`` does, and its slides as ``make slides`` does."""
    _require_browser()
    tmp = tmp_path_factory.mktemp("offline")
    chapter = _chapter_with_a_formula(tmp)
    root = tmp / "course"
    (root / "notebooks").mkdir(parents=True)
    (root / "notebooks" / chapter.name).write_bytes(chapter.read_bytes())
    out = site.build_site(tmp / "site", root=root, progress=lambda *_: None)
    deck = site.build_slides(chapter, out / "slides")
    return out, out / f"{chapter.stem}.html", deck


@pytest.fixture(scope="module")
def server(offline_build):
    """A static file server for the built folder on a free localhost port."""
    out = offline_build[0]

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(out)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def offline_browser(offline_build, playwright_session):
    with chromium(playwright_session, OFFLINE_ARGS) as b:
        yield b


@pytest.fixture()
def offline_page(offline_browser):
    """A page whose requests off this machine are aborted and recorded; script errors are recorded."""
    context = offline_browser.new_context(viewport=VIEWPORT)
    blocked, errors = [], []

    def route(r):
        if r.request.url.startswith(LOCAL):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: errors.append(f"failed to load {r.url}") if r.url.startswith("file:") else None)
    page.blocked, page.errors = blocked, errors
    try:
        yield page
    finally:
        context.close()


_TYPESET = """() => window.MathJax && MathJax.isReady && MathJax.Hub.queue.pending === 0
    && MathJax.Hub.queue.running === 0 && document.querySelectorAll('.MathJax_Display').length > 0"""


def test_a_chapter_formula_is_typeset_offline_from_file(offline_build, offline_page):
    _, chapter, _ = offline_build
    page = offline_page
    page.goto(chapter.as_uri())
    try:
        page.wait_for_function(_TYPESET, timeout=30_000)
    except Exception:  # noqa: BLE001 - say what the reader sees instead of a timeout
        pass
    state = page.evaluate("""() => ({
        mathjax: !!(window.MathJax && MathJax.Hub),
        display: [...document.querySelectorAll('.MathJax_Display')].map(e => e.getBoundingClientRect().height),
        rawTeX: /\\$\\$|\\\\frac|\\\\text\\{|Math Processing Error/.test(document.body.innerText),
        fonts: [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)})""")
    assert state["mathjax"], f"MathJax did not load (blocked: {page.blocked}, errors: {page.errors})"
    assert state["display"] and min(state["display"]) > 20, f"no typeset display formula: {state}"
    assert not state["rawTeX"], "raw TeX is still visible on the page"
    assert any(f.startswith("STIXMathJax") for f in state["fonts"]), f"MathJax's web font did not load: {state['fonts']}"
    assert page.blocked == [] and page.errors == []
    page.locator(".MathJax_Display").first.scroll_into_view_if_needed()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "offline_chapter.png"))


def test_the_slides_advance_offline_from_a_local_server(offline_build, server, offline_page):
    out, _, deck = offline_build
    page = offline_page
    page.goto(f"{server}/{deck.relative_to(out).as_posix()}")
    try:
        page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=20_000)
    except Exception:  # noqa: BLE001 - say why instead of a timeout
        pass
    assert page.evaluate("() => !!(window.Reveal && Reveal.isReady())"), \
        f"reveal.js did not start (blocked: {page.blocked}, errors: {page.errors})"
    assert page.evaluate("Reveal.getTotalSlides()") >= 2
    first = page.evaluate("Reveal.getIndices()")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "offline_slide_1.png"))
    page.keyboard.press("ArrowRight")
    page.wait_for_function("(h) => Reveal.getIndices().h !== h || Reveal.getIndices().v !== 0", arg=first["h"])
    second = page.evaluate("Reveal.getIndices()")
    assert (second["h"], second["v"]) != (first["h"], first["v"])
    assert page.evaluate("document.querySelector('.reveal .slides section.present') !== null")
    page.wait_for_timeout(900)  # the slide transition, for the screenshot
    page.screenshot(path=str(SCREENSHOTS / "offline_slide_2.png"))
    # nothing on any slide is out of reach: a slide taller than the deck can be scrolled
    cut = []
    for i in range(page.evaluate("Reveal.getHorizontalSlides().length")):
        page.evaluate(f"Reveal.slide({i})")
        cut += page.evaluate("""() => [Reveal.getCurrentSlide()].filter(s => s.scrollHeight > s.clientHeight + 1
            && !['auto', 'scroll'].includes(getComputedStyle(s).overflowY)).map(s => s.innerText.slice(0, 60))""")
    assert cut == [], f"slides cut off: {cut}"
    # a formula on a slide, reached by clicking through quickly, is typeset and laid out
    for i in range(page.evaluate("Reveal.getHorizontalSlides().length")):
        page.evaluate(f"Reveal.slide({i})")
        if page.evaluate("Reveal.getCurrentSlide().querySelector('.MathJax_Display, script[type^=\"math/tex\"]') !== null"):
            break
    else:
        pytest.fail("the deck shows no formula")
    laid_out = """() => !!window.MathJax && MathJax.Hub.queue.pending === 0 && MathJax.Hub.queue.running === 0
        && [...Reveal.getCurrentSlide().querySelectorAll('.MathJax_Display')].some(e => e.getBoundingClientRect().height > 20)"""
    try:
        page.wait_for_function(laid_out, timeout=20_000)
    except Exception:  # noqa: BLE001 - the assertion below says what is wrong
        pass
    text = page.evaluate("Reveal.getCurrentSlide().innerText")
    assert page.evaluate(laid_out) and "Math Processing Error" not in text, f"the slide's formula is not typeset: {text[:300]}"
    assert page.blocked == [] and page.errors == []
