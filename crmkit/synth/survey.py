"""A customer satisfaction survey with known ACSI path coefficients (synthetic, chapter 07)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..data import Column, DatasetSpec

SEED = 707
N = 3000
SEGMENTS = ("price-sensitive", "quality-seeking", "convenience")
#: True structural equations on the construct scale (1-10): intercept and slopes.
TRUE_PATHS = {
    "quality": {"const": 3.0, "expectations": 0.55},
    "value": {"const": 0.5, "expectations": 0.15, "quality": 0.75},
    "satisfaction": {"const": 0.3, "expectations": 0.10, "quality": 0.45, "value": 0.40},
    "loyalty": {"const": 0.5, "satisfaction": 0.85, "complaints": -0.8},
}
COMPLAINT_LOGIT = {"const": 2.0, "satisfaction": -0.6}  # P(complained) = 1 / (1 + exp(-(2.0 - 0.6 SAT)))
NPS_SEGMENT_SHIFT = {"price-sensitive": -1.5, "quality-seeking": 0.5, "convenience": 0.0}
ITEM_NOISE = 0.3


def _items(rng, construct, k):
    return np.clip(np.round(construct[:, None] + rng.normal(0, ITEM_NOISE, (len(construct), k))), 1, 10).astype(int)


def _build() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    seg = rng.choice(len(SEGMENTS), N, p=(0.4, 0.35, 0.25))
    P = TRUE_PATHS
    exp_ = 7.0 + rng.normal(0, 1.4, N)
    pq = P["quality"]["const"] + P["quality"]["expectations"] * exp_ + rng.normal(0, 0.9, N)
    pv = P["value"]["const"] + P["value"]["expectations"] * exp_ + P["value"]["quality"] * pq + rng.normal(0, 0.8, N)
    sat = (P["satisfaction"]["const"] + P["satisfaction"]["expectations"] * exp_ + P["satisfaction"]["quality"] * pq
           + P["satisfaction"]["value"] * pv + rng.normal(0, 0.7, N))
    complained = rng.random(N) < 1 / (1 + np.exp(-(COMPLAINT_LOGIT["const"] + COMPLAINT_LOGIT["satisfaction"] * sat)))
    loy = P["loyalty"]["const"] + P["loyalty"]["satisfaction"] * sat + P["loyalty"]["complaints"] * complained \
        + rng.normal(0, 0.8, N)
    # Recommendation (0-10): flat over the zone of indifference, steep only for the very satisfied.
    shift = np.array([NPS_SEGMENT_SHIFT[s] for s in SEGMENTS])[seg]
    rec = 5.5 + 0.35 * (np.minimum(sat, 8) - 1) + 1.6 * np.maximum(sat - 8, 0) + shift + rng.normal(0, 1.0, N)
    items = {}
    for name, construct, k in (("exp", exp_, 3), ("pq", pq, 3), ("pv", pv, 2), ("sat", sat, 3)):
        block = _items(rng, construct, k)
        for j in range(k):
            items[f"{name}_{j + 1}"] = block[:, j]
    loy_items = _items(rng, loy, 3)
    customers = rng.choice(4000, N, replace=False) + 1
    return pd.DataFrame({
        "respondent_id": [f"R{i:04d}" for i in range(1, N + 1)],
        "customer_id": [f"C{c:05d}" for c in customers],
        "segment": np.array(SEGMENTS)[seg],
        **items,
        "complained": complained,
        "loy_repurchase": loy_items[:, 0],
        "loy_recommend": loy_items[:, 1],
        "loy_price_tolerance": loy_items[:, 2],
        "nps_score": np.clip(np.round(rec), 0, 10).astype(int),
        "purchases_12m": rng.poisson(np.exp(0.25 * np.clip(loy, 1, 10) - 0.6)),
        "affective_1": _items(rng, loy + rng.normal(0, 0.8, N), 1)[:, 0],
        "cognitive_1": _items(rng, loy + rng.normal(0, 0.8, N), 1)[:, 0],
        "intentional_1": _items(rng, loy + rng.normal(0, 0.8, N), 1)[:, 0],
    })


def _item(desc):
    return Column("int", desc, "1-10")


DATASETS = [
    DatasetSpec(
        name="survey",
        title="Customer satisfaction survey (synthetic, ACSI structure)",
        description=f"""\
{N:,} answers to a satisfaction survey of the retail chain's customers, generated with seed {SEED} from the
ACSI structure (Fornell et al. 1996): expectations -> perceived quality -> perceived value -> satisfaction ->
complaints and loyalty. Each construct is a latent score on the 1-10 scale; each item is the construct plus
normal noise (sd {ITEM_NOISE}), rounded and kept within 1-10. Complaints follow a logistic model of satisfaction;
the recommendation score (`nps_score`, 0-10) rises slowly over the zone of indifference and steeply above a
satisfaction of 8, by a different amount in each segment. Segments: price-sensitive
(价格敏感型), quality-seeking (品质追求型), convenience (便利型). Regressions on item means recover the true
coefficients up to the small attenuation that item noise causes.
""",
        columns={
            "respondent_id": Column("str", "survey answer id"),
            "customer_id": Column("str", "customer id of the retail chain"),
            "segment": Column("category", "customer segment", categories=SEGMENTS),
            **{f"exp_{j}": _item(f"customer expectations (顾客预期), item {j}") for j in (1, 2, 3)},
            **{f"pq_{j}": _item(f"perceived quality (感知质量), item {j}") for j in (1, 2, 3)},
            **{f"pv_{j}": _item(f"perceived value (感知价值), item {j}") for j in (1, 2)},
            **{f"sat_{j}": _item(f"customer satisfaction (顾客满意度), item {j}") for j in (1, 2, 3)},
            "complained": Column("bool", "complained in the last year (顾客抱怨)"),
            "loy_repurchase": _item("loyalty: will buy again"),
            "loy_recommend": _item("loyalty: would recommend"),
            "loy_price_tolerance": _item("loyalty: would stay after a price rise"),
            "nps_score": Column("int", "likelihood to recommend (NPS question)", "0-10"),
            "purchases_12m": Column("int", "purchases in the last 12 months (behavioural loyalty)"),
            "affective_1": _item("affective loyalty (情感性忠诚): I feel attached to this company"),
            "cognitive_1": _item("cognitive loyalty (认知性忠诚): it is the first brand I think of"),
            "intentional_1": _item("intentional loyalty (意向性忠诚): I intend to buy again next year"),
        },
        build=_build,
        true_parameters={
            **{f"{target} = " + " + ".join(f"{v} {k}" if k != "const" else f"{v}" for k, v in eq.items()): "(+ noise)"
               for target, eq in TRUE_PATHS.items()},
            "P(complained)": "1 / (1 + exp(-(2.0 - 0.6 satisfaction)))",
            "recommendation shift by segment": NPS_SEGMENT_SHIFT,
            "seed": SEED,
        },
        chapters=("07",),
    )
]
