"""Chinese that works everywhere: the kit's own font (a subset of Noto Sans CJK SC) covers the kit's
labels and the common hanzi, charts in Chinese draw with no missing glyph on a machine with no
system font at all and a fresh matplotlib cache, and with no Chinese font at all the kit says so.
None of these tests depends on a CJK font being installed on the machine."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import textwrap

import pytest

from crmkit import i18n

from .conftest import ROOT


def _tool():
    spec = importlib.util.spec_from_file_location("subset_font", ROOT / "tools" / "subset_font.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def cmap():
    from fontTools.ttLib import TTFont

    return TTFont(i18n.BUNDLED_FONT, lazy=True).getBestCmap()


def test_the_font_ships_with_its_licence_and_is_small():
    assert i18n.BUNDLED_FONT.is_file() and i18n.BUNDLED_FONT.suffix == ".otf"
    assert i18n.BUNDLED_FONT.stat().st_size < 4 * 2**20
    licence = (i18n.BUNDLED_FONT.parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Noto Sans CJK SC" in licence
    assert "subset_font.py" in (i18n.BUNDLED_FONT.parent / "README.md").read_text(encoding="utf-8")


def test_gb2312_level_one_is_the_3755_common_hanzi():
    chars = _tool().gb2312_level1()
    assert len(chars) == 3755 == len(set(chars))
    assert chars[0] == "啊" and chars[-1] == "座"  # the first and last of 一级汉字 (B0A1, D7F9)


def test_the_font_covers_every_chinese_character_of_the_kit(cmap):
    kit = _tool().kit_characters()
    assert "客" in kit and "户" in kit  # 客户 is in the labels
    missing = sorted(c for c in kit if ord(c) not in cmap)
    assert missing == [], f"rerun tools/subset_font.py: the font lacks {''.join(missing)}"


def test_the_font_covers_the_common_hanzi_ascii_and_money_signs(cmap):
    wanted = _tool().gb2312_level1() + "".join(map(chr, range(0x20, 0x7F))) + "¥￥−，。：；（）、“”《》"
    assert [c for c in wanted if ord(c) not in cmap] == []
    assert i18n.money(-0.39) == "−¥0.39" and all(ord(c) in cmap for c in i18n.money(-1234.5))


SCRIPT = textwrap.dedent(r"""
    import json, sys, warnings
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib import font_manager as fm
    # A machine with no system font at all: only matplotlib's own fonts (DejaVu ...) are known.
    fm.fontManager.ttflist = [f for f in fm.fontManager.ttflist if "mpl-data" in f.fname]
    if hasattr(fm.fontManager, "_findfont_cached"):
        fm.fontManager._findfont_cached.cache_clear()
    fm.findSystemFonts = lambda *a, **k: []
    from crmkit import i18n
    if sys.argv[1] == "nofont":
        i18n.BUNDLED_FONT = i18n.BUNDLED_FONT.with_name("not-here.otf")
    out = {"family": None}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        i18n.set_language("zh")
        import matplotlib.pyplot as plt
        from crmkit.cases import taxi
        from crmkit.plots.taxi import strategy_chart
        ax = strategy_chart(taxi.compare_strategies())
        if sys.argv[1] != "nofont":
            ax.set_xlabel("我的标题：月度收入（元）−¥0.39")  # a student's own Chinese text
        ax.figure.canvas.draw()
        fig2, ax2 = plt.subplots()  # English mode: Latin first, Chinese still drawable
        i18n.set_language("en")
        ax2.set_title("Revenue 收入")
        fig2.canvas.draw()
    out["title"] = ax.get_title(loc="left")
    out["warnings"] = [f"{w.category.__name__}: {w.message}" for w in caught]
    out["font"] = fm.findfont(fm.FontProperties(family=matplotlib.rcParams["font.sans-serif"][0]))
    out["cjk"] = i18n.cjk_font()
    print(json.dumps(out))
""")


def _run(mode, tmp_path):
    env = dict(os.environ, MPLCONFIGDIR=str(tmp_path / "mplconfig"), PYTHONPATH=str(ROOT))
    env.pop("MPLBACKEND", None)
    res = subprocess.run([sys.executable, "-c", SCRIPT, mode], capture_output=True, text=True, env=env,
                         cwd=tmp_path, timeout=300)
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout.strip().splitlines()[-1])


def test_chinese_charts_draw_on_a_machine_without_fonts_and_a_fresh_cache(tmp_path):
    out = _run("bundled", tmp_path)
    assert out["cjk"] == i18n.BUNDLED_FAMILY
    assert out["title"] == i18n.t("taxi.chart_compare", lang="zh")  # the chart speaks Chinese
    assert [w for w in out["warnings"] if "missing from" in w or "Glyph" in w] == []
    assert out["warnings"] == []
    assert (tmp_path / "mplconfig").is_dir()  # the cache was built fresh for this run


def test_with_no_chinese_font_at_all_the_kit_warns_and_charts_stay_english(tmp_path):
    out = _run("nofont", tmp_path)
    assert out["cjk"] is None
    assert out["title"] == i18n.t("taxi.chart_compare", lang="en")
    warned = [w for w in out["warnings"] if w.startswith("CJKFontWarning")]
    assert len(warned) == 1 and "apt-get install fonts-noto-cjk" in warned[0]
    assert [w for w in out["warnings"] if "Glyph" in w and "missing" in w] != []  # the own title of 收入 in English mode
