"""Every user-facing label of the widgets and plots, in English and Chinese (界面文字).

    from crmkit import i18n
    i18n.set_language("zh")      # the whole kit switches: widget labels, plot titles, axes
    i18n.t("taxi.profit_per_hour")

Labels live in the ``labels_*.py`` modules of this package as ``LABELS = {key: (english,
chinese)}``; keys are namespaced by chapter or module (``"taxi.strategy"``). Plots ask
:func:`plot_text`, which falls back to English when the language is Chinese but no CJK font
is installed, so a machine without fonts draws readable charts instead of empty boxes.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from ..errors import ParameterError

__all__ = ["set_language", "get_language", "t", "plot_text", "both", "cjk_font", "use_cjk_font", "labels"]

LANGUAGES = ("en", "zh")
_state = {"lang": "en"}

# Families tried in order; the first one installed is used for Chinese text in plots.
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
def cjk_font() -> str | None:
    """The name of an installed font family that has Chinese glyphs, or None."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((fam for fam in CJK_FAMILIES if fam in installed), None)


def use_cjk_font() -> str | None:
    """Put the installed CJK family first in matplotlib's sans-serif list; quiet when none."""
    fam = cjk_font()
    if fam is not None:
        import matplotlib

        current = list(matplotlib.rcParams["font.sans-serif"])
        if not current or current[0] != fam:
            matplotlib.rcParams["font.sans-serif"] = [fam] + [f for f in current if f != fam]
        matplotlib.rcParams["axes.unicode_minus"] = False
    return fam


def plot_text(key: str, **fmt) -> str:
    """A label for a chart: Chinese only when a CJK font can draw it, else English."""
    if _state["lang"] == "zh" and use_cjk_font() is None:
        return t(key, lang="en", **fmt)
    return t(key, **fmt)
