"""Chinese in every browser: the kit's font served as a web font by JupyterLab (the crmkit.lab server
extension), the site and slides, and the gradebook and feedback pages; ``make lab LANG=zh`` opens the
Chinese edition with JupyterLab's menus in Chinese. The browser itself is in tests/browser/test_web_font_browser.py."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest

from crmkit import grade as g
from crmkit import lab, site
from crmkit.i18n import get_language, labels, set_language

from .conftest import ROOT, fake_venv

SERVER_CONFIG = ROOT / "jupyterlab-settings" / "jupyter_server_config.d" / "crmkit.json"
ZH_OVERRIDES = ROOT / "jupyterlab-settings" / "zh" / "overrides.d" / "crmkit-zh.json"
needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _families(css: str, var: str) -> list[str]:
    m = re.search(rf"{re.escape(var)}\s*:\s*([^;]+);", css)
    assert m, f"{var} is not set"
    return [f.strip().strip('"').lower() for f in m.group(1).split(",")]


def _theme_css() -> str:
    base = Path(sys.prefix) / "share" / "jupyter" / "lab" / "themes" / "@jupyterlab" / "theme-light-extension"
    path = base / "index.css"
    if not path.is_file():
        pytest.skip(f"no installed JupyterLab light theme at {path}")
    return path.read_text(encoding="utf-8")


# -- the style sheet -------------------------------------------------------------------------------

@pytest.mark.parametrize("var", ["--jp-ui-font-family", "--jp-content-font-family", "--jp-code-font-family-default"])
def test_the_kit_font_is_named_before_jupyterlabs_own_families_unchanged(var):
    """Hanzi come from the kit's font, Latin text from JupyterLab's families (the face's unicode-range
    holds no Latin letter: checked below)."""
    ours, theirs = _families(lab.CSS.read_text(encoding="utf-8"), var), _families(_theme_css(), var)
    assert ours == [lab.FAMILY.lower()] + theirs, f"{var}: JupyterLab's theme says {theirs}"


def test_the_font_face_points_at_the_font_the_kit_ships():
    css = lab.CSS.read_text(encoding="utf-8")
    face = re.search(r"@font-face\s*{([^}]*)}", css).group(1)
    assert f'font-family: "{lab.FAMILY}"' in face
    url = re.search(r'url\("([^"]+)"\)', face).group(1)
    assert "/" not in url and (lab.FONT.parent / url).is_file()  # found in the fonts folder the server serves
    ranges = [tuple(int(x, 16) for x in r.strip().removeprefix("U+").split("-"))
              for r in re.search(r"unicode-range:\s*([^;]+);", face).group(1).split(",")]
    hanzi = {ch for en, zh in labels().values() for ch in zh if "\u4e00" <= ch <= "\u9fff" or ch in "，。：（）、"}
    outside = sorted(ch for ch in hanzi if not any(lo <= ord(ch) <= hi for lo, hi in ranges))
    assert outside == [], f"Chinese label characters outside the face's unicode-range: {outside[:20]}"
    latin = [c for c in "AZaz09¥€$%&@,.;:!?()-–—“”‘’…·×°" if any(lo <= ord(c) <= hi for lo, hi in ranges)]
    assert latin == [], f"Latin text would be drawn with the kit's font: {latin}"


# -- the server extension --------------------------------------------------------------------------

def _fake_server(paths):
    from traitlets.config import Config

    log = SimpleNamespace(info=lambda *a: None)
    return SimpleNamespace(web_app=SimpleNamespace(settings={"static_custom_path": paths}), config=Config(), log=log)


def test_the_extension_serves_the_css_and_the_font_first_and_turns_custom_css_on():
    user = ["jupyter-config/custom", "jupyter_server/static/custom"]  # the server's own folders, kept after
    server = _fake_server(list(user))
    lab._link_jupyter_server_extension(server)
    assert server.config.LabApp.custom_css is True
    lab._load_jupyter_server_extension(server)
    lab._load_jupyter_server_extension(server)  # loading twice changes nothing
    paths = server.web_app.settings["static_custom_path"]
    assert paths == [str(lab.STATIC), str(lab.FONT.parent), *user]
    assert (Path(paths[0]) / "custom.css").is_file() and (Path(paths[1]) / lab.FONT.name).is_file()
    assert lab._jupyter_server_extension_points() == [{"module": "crmkit.lab"}]


def test_a_user_who_turned_custom_css_off_keeps_it_off():
    server = _fake_server([])
    server.config.LabApp.custom_css = False
    lab._link_jupyter_server_extension(server)
    assert server.config.LabApp.custom_css is False


def test_the_server_config_enables_the_extension():
    config = json.loads(SERVER_CONFIG.read_text(encoding="utf-8"))
    assert config == {"ServerApp": {"jpserver_extensions": {"crmkit.lab": True}}}
    post = (ROOT / "postBuild").read_text()
    assert "jupyterlab-settings/jupyter_server_config.d/crmkit.json" in post
    assert "etc/jupyter/jupyter_server_config.d" in post


# -- make lab and make lab LANG=zh -----------------------------------------------------------------

def _make(*args) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LANG", "LC_", "MAKE"))}
    return subprocess.run(["make", "-C", str(ROOT), *args], capture_output=True, text=True, env=env)


@needs_make
def test_make_install_puts_the_server_config_and_the_chinese_settings_in_the_environment(tmp_path):
    venv = fake_venv(tmp_path)
    out = _make("install", f"VENV={venv}")
    assert out.returncode == 0, out.stderr
    assert (venv / "etc/jupyter/jupyter_server_config.d/crmkit.json").read_bytes() == SERVER_CONFIG.read_bytes()
    zh = venv / "share/jupyter/lab/settings-zh"
    assert (zh / "overrides.json").read_bytes() == (ROOT / "jupyterlab-settings/overrides.json").read_bytes()
    assert (zh / "overrides.d/crmkit-zh.json").read_bytes() == ZH_OVERRIDES.read_bytes()


@needs_make
@pytest.mark.parametrize("lang, zh", [("zh", True), ("zh_CN.UTF-8", True), ("en_US.UTF-8", False), ("C", False),
                                      (None, False)])
def test_make_lab_lang_zh_opens_the_chinese_edition_with_chinese_menus(tmp_path, lang, zh):
    venv = fake_venv(tmp_path)
    args = ["-n", "lab", f"VENV={venv}", "LAB_ARGS=--no-browser"] + ([f"LANG={lang}"] if lang else [])
    out = _make(*args)
    assert out.returncode == 0, out.stderr
    command = next(ln for ln in out.stdout.splitlines() if "jupyter lab" in ln).split()
    url = next(a for a in command if a.startswith("--LabApp.default_url=")).split("=", 1)[1]
    settings = [a.split("=", 1)[1] for a in command if a.startswith("--LabApp.app_settings_dir=")]
    if zh:
        assert url == "/lab/tree/zh/notebooks/00_start_here.ipynb"
        assert settings == [str(venv.resolve() / "share/jupyter/lab/settings-zh")]
    else:
        assert url == "/lab/tree/notebooks/00_start_here.ipynb" and settings == []
    assert command[-1] == "--no-browser"


def test_the_chinese_lab_locale_is_the_installed_language_pack():
    locale = json.loads(ZH_OVERRIDES.read_text(encoding="utf-8"))["@jupyterlab/translation-extension:plugin"]["locale"]
    packs = {e.name for e in entry_points(group="jupyterlab.languagepack")}
    assert locale in packs, f"no JupyterLab language pack {locale} installed (found {sorted(packs)})"


def test_the_readme_names_both_editions_binder_pages_and_binder_link_prints_both(tmp_path, capsys):
    from crmkit import release

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make lab LANG=zh" in readme
    assert "urlpath=lab/tree/notebooks/00_start_here.ipynb" in readme
    assert "urlpath=lab/tree/zh/notebooks/00_start_here.ipynb" in readme
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "remote", "add", "origin", "https://github.com/acme/crm.git"], check=True)
    assert release.binder_main(["--root", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    base = "https://mybinder.org/v2/gh/acme/crm/HEAD?urlpath=lab/tree/"
    assert f"({base}notebooks/00_start_here.ipynb)" in out and f"({base}zh/notebooks/00_start_here.ipynb)" in out


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_real_lab_serves_the_font_and_the_chinese_settings_give_chinese_menus(tmp_path):
    """One JupyterLab run as make lab LANG=zh runs it (the extension enabled, the zh app settings): it
    links and serves the CSS and the font, and its translation setting is the language pack's locale."""
    import time
    import urllib.request

    pytest.importorskip("jupyterlab")
    settings = tmp_path / "lab" / "settings-zh"  # what make install writes, made here
    (settings / "overrides.d").mkdir(parents=True)
    shutil.copy(ROOT / "jupyterlab-settings" / "overrides.json", settings / "overrides.json")
    shutil.copy(ZH_OVERRIDES, settings / "overrides.d" / ZH_OVERRIDES.name)
    port = _free_port()
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
           "--ServerApp.token=", "--ServerApp.password=", f"--ServerApp.root_dir={ROOT}", "--ServerApp.port_retries=0",
           '--ServerApp.jpserver_extensions={"crmkit.lab": True}', f"--LabApp.app_settings_dir={settings}",
           f"--LabApp.user_settings_dir={tmp_path / 'user'}", f"--LabApp.workspaces_dir={tmp_path / 'ws'}"]
    if hasattr(os, "getuid") and os.getuid() == 0:
        cmd.append("--allow-root")
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    url = f"http://127.0.0.1:{port}"
    with open(tmp_path / "server.log", "w") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 90
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/api/status", timeout=2):
                        break
                except OSError:
                    assert proc.poll() is None and time.monotonic() < deadline, \
                        (tmp_path / "server.log").read_text(errors="replace")[-2000:]
                    time.sleep(0.3)

            def get(path):
                with urllib.request.urlopen(url + path, timeout=30) as r:
                    return r.headers.get("Content-Type", ""), r.read()

            _, page = get("/lab")
            assert b'href="/custom/custom.css"' in page
            kind, css = get("/custom/custom.css")
            assert kind.startswith("text/css") and css == lab.CSS.read_bytes()
            kind, font = get(f"/custom/{lab.FONT.name}")
            assert font == lab.FONT.read_bytes() and "font" in kind
            _, body = get("/lab/api/settings/@jupyterlab/translation-extension:plugin")
            plugin = json.loads(body)  # the override is the setting's default; no user setting here
            assert plugin["schema"]["properties"]["locale"]["default"] == "zh_CN" and "locale" not in plugin["settings"]
            _, body = get("/lab/api/translations/zh_CN")
            assert json.loads(body)["data"], "the zh_CN language pack gave no translations"
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


# -- the site --------------------------------------------------------------------------------------

def _course_with_both_editions(tmp_path) -> Path:
    root = tmp_path / "course"
    zh = ("# 出租车\n\n[English edition](../../notebooks/00_taxi_driver.ipynb) · 司机的一天。[本章](00_taxi_driver.ipynb#s1)、"
          "[第 99 章](99_missing.ipynb)")
    for folder, text in (("notebooks", "# Taxi\n\nThe driver's day."), ("zh/notebooks", zh)):
        (root / folder).mkdir(parents=True)
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(text), nbformat.v4.new_code_cell("1")])
        nbformat.write(nb, str(root / folder / "00_taxi_driver.ipynb"))
    return root


def test_site_pages_carry_the_font_and_the_chinese_edition_is_built_beside(tmp_path):
    out = site.build_site(tmp_path / "site", root=_course_with_both_editions(tmp_path), progress=lambda *_: None)
    static = out / "_static" / "crmkit"
    assert (static / lab.FONT.name).read_bytes() == lab.FONT.read_bytes() and (static / "OFL.txt").is_file()
    assert (static / "crmkit-font.css").read_text(encoding="utf-8") == lab.page_css()
    pages = {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in [*out.glob("*.html"),
                                                                                   *out.glob("zh/*.html")]}
    assert set(pages) == {"index.html", "glossary.html", "00_taxi_driver.html", "zh/index.html", "zh/00_taxi_driver.html"}
    for name, text in pages.items():
        up = "../" if name.startswith("zh/") else ""
        assert re.search(rf"""<link [^>]*href=["']{up}_static/crmkit/crmkit-font.css["']""", text), name
        assert site.external_urls(text) == [], name
        code = re.search(r"""<html lang=["']([^"']+)""", text).group(1)
        assert code == ("zh-CN" if up else "en"), name
    assert "href='zh/index.html'" in pages["index.html"] and "href='../index.html'" in pages["zh/index.html"]
    assert "客户关系管理" in pages["zh/index.html"] and "href='00_taxi_driver.html'" in pages["zh/index.html"]
    assert "司机的一天" in pages["zh/00_taxi_driver.html"]
    # links to chapter notebooks lead to their pages (the English one from the Chinese edition's banner)
    links = re.findall(r'href="([^"]+)"', pages["zh/00_taxi_driver.html"])
    assert {"../00_taxi_driver.html", "00_taxi_driver.html#s1", "99_missing.ipynb"} <= set(links), links


def test_slides_carry_the_font(tmp_path):
    root = _course_with_both_editions(tmp_path)
    deck = site.build_slides(root / "zh" / "notebooks" / "00_taxi_driver.ipynb", tmp_path / "slides")
    text = deck.read_text(encoding="utf-8")
    assert re.search(r"""<link [^>]*href=["']_static/crmkit/crmkit-font.css["']""", text)
    assert (tmp_path / "slides" / "_static" / "crmkit" / lab.FONT.name).is_file()
    assert re.search(r"""<html lang=["']zh-CN""", text)


def test_a_site_without_the_chinese_edition_has_no_link_to_it(tmp_path):
    root = _course_with_both_editions(tmp_path)
    shutil.rmtree(root / "zh")
    out = site.build_site(tmp_path / "site", root=root, progress=lambda *_: None)
    assert not (out / "zh").exists() and "zh/index.html" not in (out / "index.html").read_text(encoding="utf-8")


# -- the gradebook and feedback pages --------------------------------------------------------------

def _pages(tmp_path, lang):
    from crmkit.exercises import questions

    keys = [f"ch00.{k}" for k in questions("ch00")][:2]
    r = g.NotebookResult("alice", "ok", 0.1, chapters=("ch00",))
    before = get_language()
    set_language(lang)
    try:
        att = g.attempts(r, keys)
        row = {"student": "alice", "status": "ok", "flags": "", **{k: a.result for k, a in att.items()}, "total": 0}
        g._write(tmp_path, [row], keys, [r], {"alice": att})
    finally:
        set_language(before)
    return (tmp_path / "index.html").read_text(encoding="utf-8"), (tmp_path / "feedback" / "alice.html").read_text(
        encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_gradebook_and_feedback_pages_carry_the_font_and_the_language(tmp_path, lang):
    index, feedback = _pages(tmp_path, lang)
    static = tmp_path / "_static" / "crmkit"
    assert (static / lab.FONT.name).read_bytes() == lab.FONT.read_bytes() and (static / "OFL.txt").is_file()
    assert "href='_static/crmkit/crmkit-font.css'" in index
    assert "href='../_static/crmkit/crmkit-font.css'" in feedback
    code = "zh-CN" if lang == "zh" else "en"
    assert f"<html lang='{code}'>" in index and f"<html lang='{code}'>" in feedback
    if lang == "zh":
        assert "<h1>成绩册</h1>" in index and "<th>学生</th>" in index and "未作答" in index
        assert "alice 的作业反馈" in feedback and "ch00.q1: 未作答" in feedback
    else:
        assert "<h1>Gradebook (成绩册)</h1>" in index and "<th>student</th>" in index and "not attempted" in index
        assert "Feedback for alice (作业反馈)" in feedback and "ch00.q1: not attempted" in feedback


def test_grade_refuses_an_unknown_language(tmp_path, capsys):
    (tmp_path / "s").mkdir()
    nbformat.write(nbformat.v4.new_notebook(), str(tmp_path / "s" / "a.ipynb"))
    assert g.main([str(tmp_path / "s"), "--lang", "fr"]) == 2
    assert "invalid choice" in capsys.readouterr().err and not (tmp_path / "s-graded").exists()
    with pytest.raises(g.CommandError, match="--lang must be one of en, zh"):
        g.grade(tmp_path / "s", lang="zh_CN")
