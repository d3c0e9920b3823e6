"""The managers' no-code apps (crmkit.apps, make app): the committed pages are what the generator writes
from today's chapters and labels; every widget of the catalogue has an app, in English and in Chinese;
the generator refuses a widget cell that cannot run alone and never overwrites or deletes a page it did
not make; the page template that serves them offline still matches the installed Voilà. (The pages in
a browser: tests/browser/test_app_browser.py.)"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from crmkit import apps, i18n, widgets
from crmkit.errors import ParameterError
from crmkit.i18n import editions

from .conftest import ROOT, fake_venv

HANZI = re.compile(r"[\u4e00-\u9fff]")
TEMPLATE = ROOT / "jupyterlab-settings" / "voila" / "templates" / "crmkit" / "index.html.j2"


@pytest.fixture(scope="module")
def chapters():
    return apps.chapter_apps()


def test_the_committed_app_pages_are_what_build_writes():
    out = apps.stale()
    assert out == [], ("the app pages are out of date: run `python -m crmkit.apps build` (`--prune` removes the pages "
                       f"of chapters that have no widget any more): {out}")


def test_every_widget_has_an_app_in_both_languages(chapters):
    shown = {w for a in chapters for w in a.widgets}
    assert {c.__name__ for c in widgets.catalogue()} <= shown, "a widget of the catalogue is in no chapter app"
    for a in chapters:
        en = nbformat.read(ROOT / "apps" / "en" / a.notebook, as_version=4)
        zh = nbformat.read(ROOT / "apps" / "zh" / a.notebook, as_version=4)
        # the same code (the chapter's own widget cells); the Chinese page first switches the language
        en_code = [c.source for c in en.cells if c.cell_type == "code"]
        zh_code = [c.source for c in zh.cells if c.cell_type == "code"]
        assert en_code == list(a.cells) and zh_code == [editions.LANGUAGE_CELL, *a.cells]
        assert not any(c.get("outputs") for c in en.cells + zh.cells if c.cell_type == "code")
        # English prose is English (but the link to the Chinese page); the Chinese prose reads Chinese
        assert not HANZI.search(en.cells[0].source.replace(i18n.t("apps.other_language", "en"), ""))
        assert editions.chinese_share(zh) >= 0.8, f"apps/zh/{a.notebook}: the prose is not mostly Chinese"


def test_the_chinese_pages_use_chinese_punctuation():
    from crmkit.i18n import catalogs

    for path in sorted((ROOT / "apps" / "zh").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "markdown":
                assert catalogs.punctuate(cell.source) == cell.source, f"apps/zh/{path.name}: {cell.source[:200]}"


def test_the_galleries_link_every_chapter_app_and_each_other(chapters):
    for lang, other in (("en", "zh"), ("zh", "en")):
        text = nbformat.read(ROOT / "apps" / lang / "index.ipynb", as_version=4).cells[0].source
        links = re.findall(r"\]\(([^)]+)\)", text)
        assert links == [f"../{other}/index.ipynb", *(a.notebook for a in chapters)]
        assert all((ROOT / "apps" / lang / link).is_file() for link in links)


def _course(tmp_path: Path, cell: str) -> Path:
    """A throw-away course whose chapter 00 shows a widget with ``cell``."""
    (tmp_path / "notebooks").mkdir()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Taxi"),
                                         nbformat.v4.new_code_cell("import pandas as pd"),
                                         nbformat.v4.new_code_cell(cell)])
    nbformat.write(nb, tmp_path / "notebooks" / "00_taxi_driver.ipynb")
    return tmp_path


def test_a_widget_cell_that_needs_another_cell_is_refused(tmp_path):
    course = _course(tmp_path, "from crmkit.widgets import TaxiShift\n\nw = TaxiShift()\nw.controls['rent'].value = pd.NA\nw")
    with pytest.raises(ParameterError, match=r"00_taxi_driver.ipynb, cell 2: .* uses pd, defined in another cell"):
        apps.build(course, say=lambda _: None)
    assert not (course / "apps").exists()


def test_build_writes_only_its_own_pages_and_prunes_only_when_asked(tmp_path):
    course = _course(tmp_path, "from crmkit.widgets import TaxiShift\n\nTaxiShift()")
    written = apps.build(course, say=lambda _: None)
    assert sorted(p.relative_to(course).as_posix() for p in written) == [
        "apps/en/00_taxi_driver.ipynb", "apps/en/index.ipynb", "apps/zh/00_taxi_driver.ipynb", "apps/zh/index.ipynb"]
    assert apps.stale(course) == [] and apps.build(course, say=lambda _: None) == []
    # a page of the generator whose chapter is gone is named, kept, and removed only with prune
    gone = course / "apps" / "en" / "99_gone.ipynb"
    shutil.copy(course / "apps" / "en" / "00_taxi_driver.ipynb", gone)
    mine = course / "apps" / "en" / "my_notes.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), mine)
    assert apps.stale(course) == ["apps/en/99_gone.ipynb (no chapter)"]
    apps.build(course, say=lambda _: None)
    assert gone.is_file()
    apps.build(course, prune=True, say=lambda _: None)
    assert not gone.exists() and mine.is_file()  # a notebook it did not make is never touched
    # a page in its place that it did not make is left alone, and nothing is written
    page = course / "apps" / "zh" / "00_taxi_driver.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), page)
    before = page.read_bytes()
    with pytest.raises(ParameterError, match="was not made by"):
        apps.build(course, say=lambda _: None)
    assert page.read_bytes() == before


def test_the_command_line_checks_and_builds(tmp_path, capsys):
    course = _course(tmp_path, "from crmkit.widgets import TaxiShift\n\nTaxiShift()")
    assert apps.main(["check", "--root", str(course)]) == 1
    assert "out of date: apps/en/index.ipynb" in capsys.readouterr().out
    assert apps.main(["build", "--root", str(course)]) == 0
    assert apps.main(["check", "--root", str(course)]) == 0
    assert apps.main(["check", "--prune", "--root", str(course)]) == 2
    assert "--prune goes with build" in capsys.readouterr().err


def test_the_page_template_removes_what_voila_fetches_from_the_network():
    """The course's template deletes the lab page's two CDN links by their exact text: they must still be the
    installed Voilà's (a newer Voilà that changes them would bring the network back; the browser test
    would then fail on the request)."""
    from jupyter_core.paths import jupyter_path

    lab = next(Path(p) / "templates" / "lab" / "index.html.j2" for p in jupyter_path("voila")
               if (Path(p) / "templates" / "lab" / "index.html.j2").is_file())
    source = lab.read_text(encoding="utf-8")
    removed = re.findall(r"replace\('(<link[^']*)'", TEMPLATE.read_text(encoding="utf-8"))
    assert removed and all(r in source for r in removed)
    for r in removed:
        source = source.replace(r, "")
    assert not [u for u in re.findall(r"https?://[^\s\"']+", source) if "cdn" in u], \
        "Voilà's lab page fetches something else from a CDN"
    assert json.loads((ROOT / "jupyterlab-settings" / "voila.json").read_text())["VoilaConfiguration"]["template"] \
        == TEMPLATE.parent.name


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize("lang, page", [("", "apps/en/index.ipynb"), ("zh_CN.UTF-8", "apps/zh/index.ipynb")])
def test_make_app_serves_the_gallery(tmp_path, lang, page):
    venv = fake_venv(tmp_path)
    out = subprocess.run(["make", "-C", str(ROOT), "-n", "app", f"VENV={venv}", f"LANG={lang}",
                          "APP_ARGS=--no-browser"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    command = next(ln for ln in out.stdout.splitlines() if "jupyter server" in ln)
    assert "--ServerApp.root_dir=." in command.split()
    assert f"--ServerApp.default_url=/voila/render/{page}" in command.split()
    assert (ROOT / page).is_file() and command.rstrip().endswith("--no-browser")


def test_binder_link_prints_the_apps_gallery_of_each_language(tmp_path, capsys):
    from crmkit import release

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "remote", "add", "origin", "https://github.com/acme/crm.git"], check=True)
    assert release.binder_main(["--root", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    base = "https://mybinder.org/v2/gh/acme/crm/HEAD?urlpath="
    for lang in ("en", "zh"):
        assert f"{base}voila/render/apps/{lang}/index.ipynb" in out
        assert (ROOT / "apps" / lang / "index.ipynb").is_file()
    assert f"{base}lab/tree/notebooks/00_start_here.ipynb" in out  # the course's own links stay
