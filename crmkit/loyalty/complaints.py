"""What follows from the complaint iceberg (投诉冰山, chapter 09): the rates observed in a table of
dissatisfied customers, and, for one set of assumptions, the customers lost and the people told.

Complaints received are the visible tip; divided by the share of dissatisfied customers who complain
they give the whole iceberg (:func:`crmkit.loyalty.complaint_iceberg`). :func:`iceberg_panel` follows
the three groups (complaint resolved, complaint not resolved, silent) to the customers lost and the
people told, with the rates of :func:`observed_rates` (by default those of the ``complaints`` dataset).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from .. import _validate as v
from ..errors import DataError, ParameterError
from .retention import ComplaintIceberg, complaint_iceberg

__all__ = ["OUTCOMES", "ComplaintRates", "IcebergPanel", "observed_rates", "iceberg_panel", "default_rates"]

OUTCOMES = ("resolved", "unresolved", "silent")


@dataclass(frozen=True)
class ComplaintRates:
    """What dissatisfied customers did, as observed in a complaints table (e.g. ``data.load("complaints")``)."""

    share_complaining: float  # share of the dissatisfied who voiced the problem (formally or to frontline staff)
    resolution_rate: float  # share of voiced complaints resolved to the customer's satisfaction
    outcomes: pd.DataFrame = field(repr=False)  # per outcome: customers, repurchase (share), people_told (mean)


@v.params(complaints=v.Table("complaints table", columns=("voice", "resolved", "repurchased", "told")),
          voice=v.Column(), resolved=v.Column(), repurchased=v.Column(), told=v.Column())
def observed_rates(complaints: pd.DataFrame, *, voice: str = "voice", resolved: str = "resolved",
                   repurchased: str = "repurchased_12m", told: str = "people_told") -> ComplaintRates:
    """The rates of a table of dissatisfied customers (one row each): the share who complained, the
    share of complaints resolved, and per outcome the share who bought again and the people told."""
    what = "complaints table"
    spoke = complaints[voice].astype(str).ne("silent").to_numpy()
    if not spoke.any() or spoke.all():
        raise DataError("The table needs both silent and complaining customers to read the iceberg's rates.")
    res = v.flag_column(complaints, resolved, what).to_numpy().astype(bool)
    buy = v.flag_column(complaints, repurchased, what).to_numpy().astype(bool)
    n_told = v.numeric_column(complaints, told, what, allow_negative=False).to_numpy()
    outcome = pd.Series(["silent"] * len(complaints), index=complaints.index)
    outcome[spoke & res] = "resolved"
    outcome[spoke & ~res] = "unresolved"
    frame = pd.DataFrame({"outcome": outcome.to_numpy(), "repurchase": buy, "people_told": n_told})
    g = frame.groupby("outcome")
    table = pd.DataFrame({"customers": g.size(), "repurchase": g["repurchase"].mean(),
                          "people_told": g["people_told"].mean()}).reindex(list(OUTCOMES))
    if table.isna().any().any():
        raise DataError("Every outcome (resolved, unresolved, silent) needs at least one customer.")
    return ComplaintRates(float(spoke.mean()), float(res[spoke].mean()), table)


@dataclass(frozen=True)
class IcebergPanel:
    """The iceberg and what follows from it for one set of assumptions."""

    iceberg: ComplaintIceberg
    resolution_rate: float
    groups: pd.DataFrame = field(repr=False)  # per outcome: customers, repurchase, lost, people_told, reach
    lost: float  # customers who do not buy again within 12 months
    reach: float  # people told about the experience (word of mouth, good and bad)
    negative_reach: float  # people told by unresolved and silent customers


def _rates(name, rates):
    if not isinstance(rates, ComplaintRates):
        raise ParameterError(f"rates must be a ComplaintRates (from observed_rates), not {type(rates).__name__}.")
    return rates


_ICEBERG = complaint_iceberg.__crmkit_params__  # the iceberg's own constraints, declared once in retention


@v.params(complaints=_ICEBERG["complaints"], share_complaining=v.Share(low_open=True, optional=True),
          resolution_rate=v.Share(optional=True),
          rates=v.Custom(_rates, "a ComplaintRates (default: observed in the complaints dataset)", optional=True))
def iceberg_panel(complaints: float = 120, share_complaining: float | None = None,
                  resolution_rate: float | None = None, rates: ComplaintRates | None = None) -> IcebergPanel:
    """The iceberg of ``complaints`` received, the customers lost and the people told. ``rates`` (default:
    observed in the ``complaints`` dataset) give the repurchase share and the people told per outcome, and
    the defaults of the two shares."""
    rates = rates or default_rates()
    share = rates.share_complaining if share_complaining is None else share_complaining
    res = rates.resolution_rate if resolution_rate is None else resolution_rate
    berg = complaint_iceberg(complaints, share)
    n = pd.Series({"resolved": berg.complaints * res, "unresolved": berg.complaints * (1 - res),
                   "silent": berg.silent})
    g = rates.outcomes[["repurchase", "people_told"]].copy()
    g.insert(0, "customers", n)
    g["lost"] = g["customers"] * (1 - g["repurchase"])
    g["reach"] = g["customers"] * g["people_told"]
    return IcebergPanel(berg, res, g, float(g["lost"].sum()), float(g["reach"].sum()),
                        float(g.loc[["unresolved", "silent"], "reach"].sum()))


@lru_cache(maxsize=1)
def default_rates() -> ComplaintRates:
    """The rates observed in the course's ``complaints`` dataset (read once)."""
    from ..data import load

    return observed_rates(load("complaints"))
