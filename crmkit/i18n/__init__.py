"""Every user-facing label of the widgets and plots, in English and Chinese (界面文字).

    from crmkit import i18n
    i18n.set_language("zh")      # the whole kit switches: widget labels, plot titles, axes
    i18n.t("taxi.profit_per_hour")

Labels live in the ``labels_*.py`` modules of this package as ``LABELS = {key: (english,
chinese)}``; keys are namespaced by chapter or module (``"taxi.strategy"``). Plots ask
:func:`plot_text`.

Chinese in charts (图表中文) works on any machine: the kit ships its own font, "Crmkit Sans SC"
(``crmkit/fonts/``, a subset of Noto Sans CJK SC under the SIL Open Font License: the kit's labels
and the 3,755 common hanzi of GB2312), and registers it with matplotlib when it is needed; no
system font and no font-cache rebuild are required. Characters outside the subset fall back to a
system CJK font when there is one (``apt-get install fonts-noto-cjk``). Your own Chinese titles
work after ``set_language("zh")`` or ``use_cjk_font()``. Only if no Chinese font can be had at all
(the kit's font file removed and none installed) do charts fall back to English, with a
:class:`CJKFontWarning` saying what to install.

Money is written one way everywhere (:func:`money`): ``¥1,234.50``, ``−¥0.39``, ``+¥12.35``.
"""

from __future__ import annotations

import importlib
import math
import pkgutil
import re
import sys
import warnings
from functools import lru_cache
from pathlib import Path

from ..errors import CrmkitWarning, ParameterError

__all__ = ["set_language", "get_language", "t", "term", "plot_text", "both", "cjk_font", "use_cjk_font", "labels",
           "money", "rounded_parts", "CJKFontWarning", "BUNDLED_FONT", "BUNDLED_FAMILY", "describe", "table"]

LANGUAGES = ("en", "zh")
_state = {"lang": "en"}

#: The kit's own Chinese font (a subset of Noto Sans CJK SC, SIL OFL 1.1; see crmkit/fonts/README.md).
BUNDLED_FONT = Path(__file__).resolve().parents[1] / "fonts" / "CrmkitSansSC-Regular.otf"
BUNDLED_FAMILY = "Crmkit Sans SC"

# System families tried in order after the kit's own font (for characters outside its subset, or
# when the font file is missing); the installed ones follow it in matplotlib's sans-serif list.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Noto Sans CJK JP",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
    "AR PL UMing CN",
)
# File names of CJK fonts, for fonts installed after matplotlib built its font cache.
_CJK_FILES = re.compile(r"(NotoSans(Mono)?CJK|NotoSansSC|SourceHanSans|wqy|msyh|simhei|PingFang|STHeiti|uming|ukai)",
                        re.IGNORECASE)


class CJKFontWarning(CrmkitWarning):
    """No font with Chinese glyphs could be found, so charts are drawn with English labels."""


@lru_cache(maxsize=1)
def labels() -> dict[str, tuple[str, str]]:
    """The merged label table {key: (english, chinese)}."""
    table: dict[str, tuple[str, str]] = {}
    for mod in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not mod.name.startswith("labels_"):
            continue
        for key, pair in importlib.import_module(f"{__name__}.{mod.name}").LABELS.items():
            if key in table:
                raise RuntimeError(f"label {key!r} is defined twice")
            table[key] = pair
    return table


def set_language(lang: str) -> None:
    """Switch every label of the kit to ``"en"`` (English) or ``"zh"`` (中文)."""
    if lang not in LANGUAGES:
        raise ParameterError(f"language must be one of {LANGUAGES}, not {lang!r}.")
    _state["lang"] = lang
    if lang == "zh":
        use_cjk_font()
    elif "matplotlib" in sys.modules:
        add_cjk_fallback()  # English charts: Latin fonts first again, Chinese still drawable


def get_language() -> str:
    return _state["lang"]


def t(key: str, lang: str | None = None, **fmt) -> str:
    """The label ``key`` in the current language (or ``lang``), formatted with ``fmt``."""
    try:
        en, zh = labels()[key]
    except KeyError:
        raise KeyError(f"no label {key!r} in crmkit.i18n") from None
    text = zh if (lang or _state["lang"]) == "zh" else en
    return text.format(**fmt) if fmt else text


def both(key: str) -> str:
    """``"English (中文)"``: for notebook prose and tables shown in either seminar."""
    en, zh = labels()[key]
    return f"{en} ({zh})"


@lru_cache(maxsize=1)
def cjk_fonts() -> tuple[str, ...]:
    """The font families with Chinese glyphs that matplotlib can use, best first: the kit's own
    font (registered with matplotlib here), then installed system fonts. Empty when there is none."""
    from matplotlib import font_manager

    found = []
    if BUNDLED_FONT.is_file():
        try:
            _register(BUNDLED_FONT)
            found.append(BUNDLED_FAMILY)
        except Exception:  # pragma: no cover - an unreadable file: fall back to the system's fonts
            pass
    installed = {f.name for f in font_manager.fontManager.ttflist}
    system = [fam for fam in CJK_FAMILIES if fam in installed]
    if not system:
        # A font installed after matplotlib cached its font list (e.g. apt-get install fonts-noto-cjk
        # in a running session) is not in that list: look for the files themselves.
        for path in font_manager.findSystemFonts():
            if _CJK_FILES.search(Path(path).name):
                try:
                    font_manager.fontManager.addfont(path)
                except Exception:  # pragma: no cover - a broken font file
                    continue
        installed = {f.name for f in font_manager.fontManager.ttflist}
        system = [fam for fam in CJK_FAMILIES if fam in installed]
    return tuple(found + system)


def _register(path: Path) -> None:
    """Add the kit's font to matplotlib, also as the bold face (the kit ships one weight, so bold
    titles draw in the regular weight instead of matplotlib logging "failed to find font weight")."""
    import dataclasses

    from matplotlib import font_manager

    fm = font_manager.fontManager
    if any(f.fname == str(path) for f in fm.ttflist):
        return
    fm.addfont(str(path))
    entry = next(f for f in reversed(fm.ttflist) if f.fname == str(path))
    fm.ttflist.append(dataclasses.replace(entry, weight=700))
    if hasattr(fm, "_findfont_cached"):  # matplotlib caches font look-ups
        fm._findfont_cached.cache_clear()


def cjk_font() -> str | None:
    """The font family used for Chinese in charts (the kit's own, else a system one), or None."""
    fams = cjk_fonts()
    return fams[0] if fams else None


def _outside_crmkit() -> int:
    """The stacklevel of the first caller outside crmkit, so a warning points at the user's line."""
    package = str(Path(__file__).resolve().parents[1])
    frame, level = sys._getframe(1), 1
    while frame is not None and str(Path(frame.f_code.co_filename).resolve()).startswith(package):
        frame, level = frame.f_back, level + 1
    return level


def _warn_no_font() -> None:
    warnings.warn(
        "No font with Chinese glyphs was found, so charts keep English labels (widgets and tables are in "
        f"Chinese). crmkit's own font {BUNDLED_FONT.name} is missing from the installed package: reinstall "
        "crmkit (`pip install -e .` in the course folder, or `make install`), or install a Chinese font "
        "(Debian/Ubuntu: `sudo apt-get install fonts-noto-cjk`; macOS and Windows have one), then restart "
        "the kernel.",
        CJKFontWarning, stacklevel=_outside_crmkit())


def use_cjk_font() -> str | None:
    """Put the CJK fonts first in matplotlib's sans-serif list, so every chart, including your own
    titles (``plt.title("月度收入")``), draws Chinese; characters outside the kit's font come from a
    system CJK font when there is one. Returns the family used, or None (with a
    :class:`CJKFontWarning`) when there is none."""
    fam = cjk_font()
    if fam is None:
        _warn_no_font()
        return None
    import matplotlib

    fams = [fam] + [f for f in cjk_fonts() if f != fam]
    current = list(matplotlib.rcParams["font.sans-serif"])
    if current[: len(fams)] != fams:
        matplotlib.rcParams["font.sans-serif"] = fams + [f for f in current if f not in fams]
    _fallback(fams[:2])  # also for texts made now and drawn after a switch back to English
    return fam


def add_cjk_fallback() -> None:
    """In English mode: Latin fonts first, and matplotlib falls back to the CJK fonts for Chinese
    characters (class names such as 重要价值客户, a student's own Chinese title)."""
    import matplotlib

    cjk = list(cjk_fonts())
    current = list(matplotlib.rcParams["font.sans-serif"])
    wanted = [f for f in current if f not in cjk] + cjk
    if current != wanted:
        matplotlib.rcParams["font.sans-serif"] = wanted
    _fallback(cjk[:1])  # one fallback font: every family in the list costs time on every text drawn


def _fallback(families) -> None:
    """matplotlib draws each glyph with the first font of ``font.family`` that has it (a generic
    name such as "sans-serif" stands for one font): append the CJK families there."""
    import matplotlib

    cjk = set(cjk_fonts())
    current = list(matplotlib.rcParams["font.family"])
    wanted = [f for f in current if f not in cjk] + [f for f in families]
    if current != wanted:
        matplotlib.rcParams["font.family"] = wanted


def plot_text(key: str, **fmt) -> str:
    """A label for a chart: Chinese only when a CJK font can draw it, else English."""
    if _state["lang"] == "zh" and cjk_font() is None:
        return t(key, lang="en", **fmt)
    return t(key, **fmt)


# --------------------------------------------------------------------------------------------
# Money: one way of writing it everywhere (金额格式)
# --------------------------------------------------------------------------------------------

MINUS = "\u2212"  # the minus sign (−), not a hyphen


def money(x: float, decimals: int = 2, *, sign: bool = False, currency: str = "¥") -> str:
    """``¥1,234.50``; negative amounts as ``−¥0.39`` (minus sign before the currency); with
    ``sign=True`` a gain shows ``+¥12.35``. An amount that rounds to zero shows no sign."""
    x = float(x)
    if math.isnan(x):
        return "–"
    if math.isinf(x):
        return f"{MINUS if x < 0 else ('+' if sign else '')}{currency}∞"
    body = f"{abs(x):,.{decimals}f}"
    zero = float(body.replace(",", "")) == 0
    lead = "" if zero else (MINUS if x < 0 else ("+" if sign else ""))
    return f"{lead}{currency}{body}"


def rounded_parts(parts, decimals: int = 2) -> list[float]:
    """Round amounts so that the rounded parts add up to the rounded total (largest remainder):
    ``rounded_parts([22.3529, 12.3529])`` is ``[22.36, 12.35]``, which add up to ``34.71``."""
    scale = 10**decimals
    vals = [round(float(p) * scale, 6) for p in parts]  # 0.29 * 100 is 28.999...
    target = round(sum(vals))
    floors = [math.floor(v) for v in vals]
    short = target - sum(floors)
    order = sorted(range(len(vals)), key=lambda i: (-round(vals[i] - floors[i], 6), i))  # ties: first part
    for i in order[: max(short, 0)]:
        floors[i] += 1
    return [f / scale for f in floors]


def term(kind: str, name, default=None) -> str:
    """The label of a class name or an action in the current language (``term("class", "platinum")`` ->
    "白金客户" in Chinese); ``default`` (or the name itself) when the kit has no label for it."""
    key = f"{kind}.{name}"
    if key in labels():
        return t(key)
    return str(name) if default is None else default


def __getattr__(name: str):
    """``describe`` and ``table`` (results in words: analytics return data, i18n names it) come from
    :mod:`crmkit.i18n.display` on first use, so importing ``crmkit.i18n`` (the lab's server extension does,
    at every server start) does not import pandas."""
    if name in ("describe", "table"):
        from . import display

        return getattr(display, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
