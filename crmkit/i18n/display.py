"""Readable text for the kit's results (结果的显示文字): analytics return data, this names it.

The analytic modules return codes and label keys (``people.style_advice("owl").sell`` is
``"people.owl.sell"``, ``accounts.pdca_plan(...)`` the level, target and focus); :func:`describe`
turns such a result into text in the current language, and :func:`table` gives a table's headers
and cells in the current language for a widget or a notebook::

    >>> from crmkit import i18n, people
    >>> i18n.describe(people.style_advice("owl"))["name"]
    'Owl (analysis)'
"""

from __future__ import annotations

import dataclasses

import pandas as pd

__all__ = ["describe", "table", "name"]


def name(value):
    """``value`` in the current language when it is a label key (``"people.owl"`` -> 猫头鹰型(分析) in
    Chinese), else ``value`` unchanged."""
    from . import labels, t

    if isinstance(value, str) and value in labels():
        return t(value)
    return value


def _pdca(step) -> pd.Series:
    from . import t

    level, target, focus = step.level, step.target_level, step.focus
    from crmkit.accounts import COMMUNICATION_MODES

    focus_text = t(f"accounts.point.{focus}")
    plan = (t("accounts.pdca.plan", target=t(f"accounts.level.{target}"), focus=focus_text) if target != level
            else t("accounts.pdca.plan_keep", focus=focus_text))
    modes = "; ".join(t(f"accounts.mode.{COMMUNICATION_MODES.index(m)}") for m in step.modes)
    return pd.Series({
        "level": t(f"accounts.level.{level}"), "target_level": t(f"accounts.level.{target}"), "focus": focus_text,
        "modes": modes, "plan": plan, "do": t("accounts.pdca.do", modes=modes), "check": t("accounts.pdca.check"),
        "act": t(f"accounts.pdca.act.{level}"),
    }, dtype=object)


def _texty(s) -> bool:
    return pd.api.types.is_object_dtype(s.dtype) or pd.api.types.is_string_dtype(s.dtype)


def describe(result):
    """A result of the kit in words, in the current language.

    * a frozen dataclass (``people.style_advice``, ``people.role_treatment``, ``people.buying_role``,
      ``accounts.pdca_plan`` ...): a Series, one entry per field, label keys replaced by their text;
      for a PDCA step also the plan / do / check / act sentences;
    * a DataFrame or Series (``people.buying_roles()``, ``people.influential_customers()``
      ...): a copy whose label-key cells are replaced by their text.
    """
    if type(result).__name__ == "PdcaStep":
        return _pdca(result)
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        return pd.Series({f.name: name(getattr(result, f.name)) for f in dataclasses.fields(result)}, dtype=object)
    if isinstance(result, pd.DataFrame):
        out = result.copy()
        for c in out.columns:
            if _texty(out[c]):
                out[c] = out[c].map(name).astype(object)
        return out
    if isinstance(result, pd.Series):
        return result.map(name).astype(object) if _texty(result) else result.copy()
    from ..errors import ParameterError

    raise ParameterError(f"describe takes a result of the kit (a dataclass, a DataFrame or a Series); "
                         f"got {type(result).__name__}.")


def table(frame: pd.DataFrame, headers: dict | None = None, *, values: str | None = None) -> pd.DataFrame:
    """``frame`` as a widget or notebook shows it in the current language.

    ``headers`` maps each column (and the index name) to the label key of its header; ``values`` is a
    label namespace for the cells (``"class"``: a cell ``"gold"`` is shown as ``class.gold``'s text when
    that label exists, as :func:`crmkit.i18n.term` does); label-key cells are always named."""
    from . import t, term

    out = describe(frame)
    headers = headers or {}
    if values:
        for c in out.columns:
            if _texty(out[c]) or isinstance(out[c].dtype, pd.CategoricalDtype):
                out[c] = out[c].astype(object).map(lambda x: term(values, x) if isinstance(x, str) else x)
        out.index = pd.Index([term(values, x) if isinstance(x, str) else x for x in out.index], name=out.index.name)
    out = out.rename(columns={c: t(k) for c, k in headers.items() if c in out.columns})
    if out.index.name in headers:
        out.index.name = t(headers[out.index.name])
    return out
