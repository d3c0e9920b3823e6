"""A Chinese retail chain's customers and transactions (synthetic, CNY).

The purchase process is the BG/NBD "buy till you die" model (Fader, Hardie and Lee 2005) with
seasonality; spend per purchase follows the Gamma-Gamma model (Fader, Hardie and Lee 2005b):

* each customer starts with a first purchase at sign-up (spread evenly over 2022-01-01 .. 2024-09-30, so the
  chain acquires customers until a quarter before the log ends and every RFM class can fill);
* while alive, repeat purchases arrive as a Poisson process of rate ``lambda * s(t)`` per week,
  ``lambda ~ Gamma(r, alpha)`` (shape r, rate alpha) and ``s(t)`` a monthly seasonal factor with
  mean 1 over the year (Spring Festival, 618, Double 11, year end);
* after each repeat purchase the customer drops out for good with probability ``p ~ Beta(a, b)``
  (as in the BG/NBD model, not after the first purchase);
* the value of each purchase is ``z ~ Gamma(shape=p_spend, rate=nu)`` with the customer's
  ``nu ~ Gamma(shape=q, rate=gamma)``, so the mean spend per purchase is p_spend * gamma / (q - 1);
* a few purchases are returned later (a negative row with ``is_return`` true).

Observation ends 2024-12-31.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..data import Column, DatasetSpec

SEED = 20240101
START, SIGNUP_END, END = pd.Timestamp("2022-01-01"), pd.Timestamp("2024-09-30"), pd.Timestamp("2024-12-31")
N_BUYERS, N_PROSPECTS = 5000, 600
TRUE = {
    "r": 0.55, "alpha": 6.0, "a": 0.7, "b": 3.5,  # BG/NBD, time unit: week
    "p_spend": 4.0, "q": 5.0, "gamma": 220.0,  # Gamma-Gamma; mean spend 220 CNY
    "return_rate": 0.03,
}
# Monthly seasonal factors, normalised to mean 1 (Jan-Feb: Spring Festival; Jun: 618; Nov: Double 11).
_SEASON = np.array([1.35, 1.15, 0.85, 0.85, 0.9, 1.15, 0.85, 0.8, 0.85, 0.95, 1.45, 1.2])
SEASON = _SEASON / _SEASON.mean()

REGIONS = ("East", "North", "South", "Central", "Southwest", "Northeast")  # 华东 华北 华南 华中 西南 东北
REGION_P = (0.30, 0.20, 0.20, 0.12, 0.10, 0.08)
CHANNELS = ("store", "online", "app")
CATEGORIES = ("fresh food", "groceries", "household", "personal care", "apparel", "electronics")
CATEGORY_P = (0.28, 0.26, 0.16, 0.14, 0.10, 0.06)
MARGIN = dict(zip(CATEGORIES, (0.18, 0.22, 0.30, 0.38, 0.45, 0.12)))
ACQ_CHANNELS = ("store", "online ads", "app", "referral", "social media")
ACQ_COST = dict(zip(ACQ_CHANNELS, (40.0, 90.0, 70.0, 30.0, 60.0)))
STATES = ("potential", "target", "actual", "lost")
#: A buyer is `actual` if his last purchase falls in the 12 calendar months up to END (2024-01-01 .. 2024-12-31:
#: 366 days in the leap year 2024), else `lost`. A calendar window, not 365 days, so that the rule "bought in the
#: last 12 months" holds in a leap year too.
ACTUAL_WINDOW = pd.DateOffset(months=12)
LEVELS = ("regular", "silver", "gold", "platinum")


def _simulate(rng):
    """The latent process: per buyer, the purchase times (in days since START)."""
    signup_days = rng.integers(0, (SIGNUP_END - START).days + 1, N_BUYERS)
    lam = rng.gamma(TRUE["r"], 1.0 / TRUE["alpha"], N_BUYERS) / 7.0  # per day
    p_drop = rng.beta(TRUE["a"], TRUE["b"], N_BUYERS)
    horizon = (END - START).days + 1
    smax = SEASON.max()
    month_of_day = (START + pd.to_timedelta(np.arange(horizon + 400), "D")).month.to_numpy() - 1
    times = []
    for i in range(N_BUYERS):
        t, buys = float(signup_days[i]), [float(signup_days[i])]
        while True:
            # BG/NBD: a customer may drop out right after each *repeat* purchase (not after the first)
            if len(buys) > 1 and rng.random() < p_drop[i]:
                break
            # next purchase of a Poisson process of rate lam * s(t), by thinning at rate lam * smax
            while True:
                t += rng.exponential(1.0 / (lam[i] * smax)) if lam[i] > 0 else np.inf
                if t >= horizon or rng.random() < SEASON[month_of_day[int(t)]] / smax:
                    break
            if t >= horizon:
                break
            buys.append(t)
        times.append(np.floor(buys))
    return signup_days, times


def _build():
    rng = np.random.default_rng(SEED)
    signup_days, times = _simulate(rng)
    n_tx = np.array([len(t) for t in times])
    cust_idx = np.repeat(np.arange(N_BUYERS), n_tx)
    day = np.concatenate(times).astype(int)
    nu = rng.gamma(TRUE["q"], 1.0 / TRUE["gamma"], N_BUYERS)
    amount = np.round(rng.gamma(TRUE["p_spend"], 1.0, len(day)) / nu[cust_idx], 2)
    amount = np.maximum(amount, 1.0)

    region = rng.choice(len(REGIONS), N_BUYERS + N_PROSPECTS, p=REGION_P)
    pref = rng.choice(3, N_BUYERS, p=(0.55, 0.25, 0.20))
    chan = np.where(rng.random(len(day)) < 0.8, pref[cust_idx], rng.integers(0, 3, len(day)))
    store_no = rng.integers(1, 5, len(day))
    store = np.where(
        chan == 0,
        np.char.add(np.char.add("S", (region[cust_idx] + 1).astype(str)), np.char.zfill(store_no.astype(str), 2)),
        np.where(chan == 1, "ONLINE", "APP"),
    )
    cat = rng.choice(len(CATEGORIES), len(day), p=CATEGORY_P)
    qty = 1 + rng.poisson(amount / 90.0)
    margin_rate = np.array([MARGIN[c] for c in CATEGORIES])[cat] * rng.uniform(0.85, 1.15, len(day))

    tx = pd.DataFrame({
        "customer_idx": cust_idx,
        "date": START + pd.to_timedelta(day, "D"),
        "store_id": store,
        "region": np.array(REGIONS)[region[cust_idx]],
        "channel": np.array(CHANNELS)[chan],
        "product_category": np.array(CATEGORIES)[cat],
        "quantity": qty,
        "amount": amount,
        "gross_margin": np.round(amount * margin_rate, 2),
        "is_return": False,
    })
    # Returns: a full refund 1-20 days later, if that is still inside the observation window.
    ret = tx[rng.random(len(tx)) < TRUE["return_rate"]].copy()
    ret["date"] = ret["date"] + pd.to_timedelta(rng.integers(1, 21, len(ret)), "D")
    ret = ret[ret["date"] <= END]
    for c in ("amount", "gross_margin"):
        ret[c] = -ret[c]
    ret["is_return"] = True
    tx = pd.concat([tx, ret], ignore_index=True)
    tx = tx.sort_values(["date", "customer_idx", "is_return"], kind="stable", ignore_index=True)
    tx.insert(0, "transaction_id", [f"T{i:06d}" for i in range(1, len(tx) + 1)])
    tx.insert(1, "customer_id", [f"C{i + 1:05d}" for i in tx["customer_idx"]])
    tx = tx.drop(columns="customer_idx")

    # Customers: buyers first, then prospects who signed up but never bought.
    n = N_BUYERS + N_PROSPECTS
    signup = np.concatenate([signup_days, rng.integers(0, (END - START).days - 30, N_PROSPECTS)])
    acq = rng.choice(len(ACQ_CHANNELS), n, p=(0.35, 0.2, 0.2, 0.1, 0.15))
    net = tx.groupby("customer_id")["amount"].sum()
    last = tx.loc[~tx["is_return"]].groupby("customer_id")["date"].max()
    ids = [f"C{i + 1:05d}" for i in range(n)]
    spend = net.reindex(ids).fillna(0.0).to_numpy()
    last_buy = last.reindex(ids)
    state = np.where(
        np.arange(n) >= N_BUYERS,
        np.where(rng.random(n) < 0.4, "target", "potential"),
        np.where(last_buy > END - ACTUAL_WINDOW, "actual", "lost"),
    )
    level = np.select([spend >= 5000, spend >= 2000, spend >= 500], ["platinum", "gold", "silver"], "regular")
    customers = pd.DataFrame({
        "customer_id": ids,
        "signup_date": START + pd.to_timedelta(signup, "D"),
        "region": np.array(REGIONS)[region],
        "city_tier": rng.choice([1, 2, 3, 4], n, p=(0.25, 0.35, 0.25, 0.15)),
        "acquisition_channel": np.array(ACQ_CHANNELS)[acq],
        "acquisition_cost": np.round([ACQ_COST[ACQ_CHANNELS[a]] * rng.uniform(0.7, 1.3) for a in acq], 2),
        "age_band": rng.choice(["18-24", "25-34", "35-44", "45-54", "55+"], n, p=(0.15, 0.32, 0.26, 0.17, 0.10)),
        "gender": rng.choice(["F", "M"], n, p=(0.56, 0.44)),
        "member_level": level,
        "state": state,
    })
    return tx, customers


_cache: dict = {}


def _tables():
    if "t" not in _cache:
        _cache["t"] = _build()
    return _cache["t"]


_TX_DESC = f"""\
Synthetic transaction log of a Chinese retail chain (零售连锁): {N_BUYERS:,} customers who bought at least
once, {START.date()} .. {END.date()}, amounts in CNY. One row per purchase; a returned purchase adds a second
row with the negated amount and `is_return` true (退货). Generated by `crmkit/synth/retail.py` with seed {SEED}:
a BG/NBD buy-till-you-die purchase process with monthly seasonality (Spring Festival, 618, Double 11;
monthly factors {', '.join(f'{x:.2f}' for x in SEASON)} for January .. December), Gamma-Gamma spend per
purchase, first purchase at sign-up between {START.date()} and {SIGNUP_END.date()}. The BG/NBD parameters are
in weeks (rate of a customer: purchases per week); because of the seasonality a BG/NBD fit recovers them
approximately, not exactly. Regions: East 华东, North 华北, South 华南, Central 华中, Southwest 西南,
Northeast 东北.
"""

DATASETS = [
    DatasetSpec(
        name="retail_transactions",
        title="Retail chain transactions, 2022-2024 (synthetic)",
        description=_TX_DESC,
        columns={
            "transaction_id": Column("str", "transaction id, in date order"),
            "customer_id": Column("str", "customer id (C00001 ..), see retail_customers"),
            "date": Column("date", "date of the purchase or return"),
            "store_id": Column("str", "store (S<region><no>), or ONLINE / APP"),
            "region": Column("category", "region of the customer", categories=REGIONS),
            "channel": Column("category", "where the purchase was made", categories=CHANNELS),
            "product_category": Column("category", "main category of the basket", categories=CATEGORIES),
            "quantity": Column("int", "number of items", "items"),
            "amount": Column("float", "value of the purchase; negative for a return", "CNY"),
            "gross_margin": Column("float", "gross margin of the purchase; negative for a return", "CNY"),
            "is_return": Column("bool", "true for a return (退货) row"),
        },
        build=lambda: _tables()[0],
        true_parameters={
            "r, alpha (BG/NBD purchase rate, per week)": f"{TRUE['r']}, {TRUE['alpha']}",
            "a, b (BG/NBD dropout probability)": f"{TRUE['a']}, {TRUE['b']}",
            "p, q, gamma (Gamma-Gamma spend)": f"{TRUE['p_spend']}, {TRUE['q']}, {TRUE['gamma']} "
                                              f"(mean spend per purchase {TRUE['p_spend'] * TRUE['gamma'] / (TRUE['q'] - 1):.0f} CNY)",
            "share of purchases returned": TRUE["return_rate"],
            "seed": SEED,
        },
        chapters=("01", "03", "04", "05", "09"),
    ),
    DatasetSpec(
        name="retail_customers",
        title="Retail chain customers (synthetic)",
        description=f"""\
The customer table of the same chain: the {N_BUYERS:,} buyers of `retail_transactions` (C00001 ..
C{N_BUYERS:05d}) and {N_PROSPECTS} registered prospects who have not bought. `state` follows the customer states
of chapter 01 (non-customer -> potential -> target -> actual -> lost): buyers are `actual` if they bought in
the last 12 calendar months of the log ({(END - ACTUAL_WINDOW + pd.Timedelta(days=1)).date()} .. {END.date()}), else `lost`; prospects are `potential` or `target`.
`member_level` is set by net spend over the log: platinum >= 5,000, gold >= 2,000, silver >= 500 CNY.
""",
        columns={
            "customer_id": Column("str", "customer id"),
            "signup_date": Column("date", "date of registration (= first purchase for buyers)"),
            "region": Column("category", "region", categories=REGIONS),
            "city_tier": Column("int", "city tier 1-4 (一线 .. 四线城市)"),
            "acquisition_channel": Column("category", "how the customer was acquired", categories=ACQ_CHANNELS),
            "acquisition_cost": Column("float", "cost of acquiring the customer", "CNY"),
            "age_band": Column("category", "age band", categories=("18-24", "25-34", "35-44", "45-54", "55+"), ordered=True),
            "gender": Column("category", "F / M", categories=("F", "M")),
            "member_level": Column("category", "membership level by net spend", categories=LEVELS, ordered=True),
            "state": Column("category", "customer state (客户状态)", categories=STATES),
        },
        build=lambda: _tables()[1],
        true_parameters={"seed": SEED, "acquisition cost by channel (mean, CNY)": ACQ_COST},
        chapters=("01", "03"),
    ),
]
