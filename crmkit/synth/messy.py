"""A deliberately messy transaction export (synthetic, appendix A1): one planted problem of each kind.

A shop's order export as a real one arrives: its own column names, dates in several formats and zones,
two currencies, and one planted instance of each problem :func:`crmkit.owndata.check_transactions` knows
(:data:`PLANTED`: the problem, the order number of the row that carries it). Everything is text, as a
CSV holds it; ``tests/test_owndata.py`` finds each planted problem.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..data import Column, DatasetSpec

SEED = 2411
N_CUSTOMERS = 40
N_ORDERS = 180
START = pd.Timestamp("2024-01-01")
#: The as-of date the export is checked at (its last clean order is before it).
ASOF = "2024-12-31"
#: The exchange rate the chapter converts the USD orders at ([added]: a round figure of 2024).
USD_RATE = 7.1

#: problem -> order number of the row that carries it (the duplicate: of the copy).
PLANTED = {
    "missing_id": "SO-10012",
    "inconsistent_id": "SO-10027",
    "bad_date": "SO-10043",
    "ambiguous_date": "SO-10058",
    "mixed_time_zones": "SO-10071",
    "future_date": "SO-10089",
    "bad_amount": "SO-10102",
    "orphan_return": "SO-10181",
    "duplicate_row": "SO-10120",
    "several_currencies": "SO-10133",
}


def _formats(rng, day: pd.Timestamp) -> str:
    """A date as exports write them: ISO, slashed without zeros, YYYYMMDD, or with a time in China's zone."""
    k = rng.integers(0, 4)
    if k == 0:
        return day.strftime("%Y-%m-%d")
    if k == 1:
        return f"{day.year}/{day.month}/{day.day}"
    if k == 2:
        return day.strftime("%Y%m%d")
    t = day + pd.Timedelta(minutes=int(rng.integers(9 * 60, 21 * 60)))
    return t.strftime("%Y-%m-%dT%H:%M:%S") + "+08:00"


def _build() -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    customers = [f"C{i:03d}" for i in range(1, N_CUSTOMERS + 1)]
    weight = rng.gamma(1.2, 1.0, N_CUSTOMERS)
    who = rng.choice(N_CUSTOMERS, N_ORDERS, p=weight / weight.sum())
    days = np.sort(rng.integers(0, 330, N_ORDERS))
    amounts = np.round(rng.lognormal(5.2, 0.7, N_ORDERS), 2)
    rows = []
    for i in range(N_ORDERS):
        day = START + pd.Timedelta(days=int(days[i]))
        rows.append({"order_no": f"SO-{10001 + i}", "cust": customers[who[i]], "order_date": _formats(rng, day),
                     "total": f"{amounts[i]:.2f}", "ccy": "CNY"})
    df = pd.DataFrame(rows).set_index("order_no", drop=False)
    # a few ordinary returns (negative amounts) of earlier purchases: allowed, not a problem
    for no in ("SO-10040", "SO-10095", "SO-10150"):
        buyer = df.at[no, "cust"]
        earlier = df[(df["cust"] == buyer) & (df.index < no)]
        if len(earlier):
            df.at[no, "total"] = f"-{float(earlier['total'].iloc[0]):.2f}"
    p = PLANTED
    df.at[p["missing_id"], "cust"] = ""
    df.at[p["inconsistent_id"], "cust"] = df.at["SO-10026", "cust"].lower() + " "
    df.at[p["bad_date"], "order_date"] = "2024-02-30"
    df.at[p["ambiguous_date"], "order_date"] = "05/06/2024"
    df.at[p["mixed_time_zones"], "order_date"] = "2024-05-01T02:00:00Z"
    df.at[p["future_date"], "order_date"] = "2025-11-20"  # a typo for 2024-11-20
    df.at[p["bad_amount"], "total"] = "¥1,280"
    df.loc[p["several_currencies"], "ccy"] = "USD"
    df.loc["SO-10134", "ccy"] = "USD"
    df.loc["SO-10135", "ccy"] = "USD"
    for no in ("SO-10133", "SO-10134", "SO-10135"):
        df.at[no, "total"] = f"{float(df.at[no, 'total']) / USD_RATE:.2f}"
    out = df.reset_index(drop=True)
    dup = out[out["order_no"] == p["duplicate_row"]]
    pos = int(dup.index[0]) + 1
    out = pd.concat([out.iloc[:pos], dup, out.iloc[pos:]], ignore_index=True)
    orphan = pd.DataFrame([{"order_no": p["orphan_return"], "cust": "C099", "order_date": "2024-12-02",
                            "total": "-45.00", "ccy": "CNY"}])
    return pd.concat([out, orphan], ignore_index=True)


DATASETS = [
    DatasetSpec(
        name="messy_export",
        title="A messy order export: one planted problem of each kind (synthetic)",
        description=f"""\
A shop's order export as real ones arrive (seed {SEED}; {N_ORDERS} orders of {N_CUSTOMERS} customers in 2024,
plus a copied row and a stray return): its own column names (`cust`, `order_date`, `total`, `ccy` instead of
the kit's `customer_id`, `date`, `amount`), dates written four ways (`2024-03-05`, `2024/3/5`, `20240305`,
`2024-03-05T14:30:00+08:00`), amounts in CNY and USD, and a few ordinary returns (negative amounts). Every
column is text, as a CSV holds it. **[added]** The course planted one problem of each kind the data contract
checks (`crmkit.owndata.check_transactions`, appendix A1): a missing customer id (order SO-10012), one id
written two ways (`c0xx ` with a space, SO-10027), an impossible date (`2024-02-30`, SO-10043), a day-first
or month-first date (`05/06/2024`, SO-10058), a time in UTC among China-time ones (SO-10071), a date in the
future (`2025-11-20`, SO-10089), an amount with a currency sign (`¥1,280`, SO-10102), a copied row (SO-10120
twice), orders in USD (SO-10133 to SO-10135, converted at {USD_RATE} CNY per USD) and a return by a customer
who never bought (C099, SO-10181). `crmkit.data.load('messy_export')` gives the text as it is;
`crmkit.owndata.read_transactions` reads and checks it.
""",
        columns={
            "order_no": Column("str", "order number (SO-10001 ...)"),
            "cust": Column("str", "customer id, as the shop's system writes it (C001 ...)"),
            "order_date": Column("str", "date (and time) of the order, in one of four formats"),
            "total": Column("str", "amount of the order (negative: a return)", "CNY or USD"),
            "ccy": Column("str", "currency of the amount (CNY, USD)"),
        },
        build=_build,
        true_parameters={"planted problems (problem: order)": ", ".join(f"{k}: {o}" for k, o in PLANTED.items()),
                         "USD rate (CNY per USD)": USD_RATE},
        chapters=("A1",),
    ),
]
