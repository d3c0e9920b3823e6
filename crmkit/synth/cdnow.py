"""The public CDNOW data (real data, not synthetic): conversion to the course's CSV files.

Source: the purchase histories of the customers who made their first purchase at the online
music retailer CDNOW in the first quarter of 1997, followed to the end of June 1998; made public
by Peter Fader and Bruce Hardie, as distributed with the ``lifetimes`` Python package (MIT).
Cite: Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005), "Counting Your Customers the Easy
Way: An Alternative to the Pareto/NBD Model", Marketing Science 24(2), 275-284.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..data import Column, DatasetSpec

_COMMON = """\
Real data: the purchases of the cohort of customers who made their first purchase at the online
music retailer CDNOW in the first quarter of 1997 (1997-01-01 .. 1997-03-31), followed to
1998-06-30. Amounts are in **US dollars** (the only non-CNY dataset of the course). Made public by
Peter Fader and Bruce Hardie; the copies converted here are those distributed with the `lifetimes`
Python package (MIT licence).

Cite as: Fader, P. S., Hardie, B. G. S. and Lee, K. L. (2005), "Counting Your Customers the Easy Way:
An Alternative to the Pareto/NBD Model", *Marketing Science* 24(2), 275-284.

Conventions of the literature: time in weeks; calibration period 1997-01-01 .. 1997-09-30
(39 weeks), holdout to 1998-06-30 (78 weeks in all); several transactions by one customer on one day
are one purchase occasion; the first purchase is not a repeat purchase.
"""

_COLS = {
    "customer_id": Column("str", "customer id of the full cohort (00001 .. 23570)"),
    "date": Column("date", "date of the transaction"),
    "number_of_cds": Column("int", "number of CDs bought", "CDs"),
    "dollar_value": Column("float", "value of the transaction", "USD"),
}

DATASETS = [
    DatasetSpec(
        name="cdnow",
        title="CDNOW purchases, full cohort (23,570 customers, 69,659 rows)",
        description=_COMMON,
        columns=_COLS,
        source="real (Fader, Hardie and Lee 2005)",
        chapters=("03", "04", "05"),
    ),
    DatasetSpec(
        name="cdnow_sample",
        title="CDNOW purchases, the 1/10 sample (2,357 customers, 6,919 rows)",
        description=_COMMON
        + "\nThe systematic 1/10 sample used in the papers' worked examples (BG/NBD estimates "
        "r = 0.243, alpha = 4.414, a = 0.793, b = 2.426 on its 39-week calibration period).\n",
        columns={
            "customer_id": _COLS["customer_id"],
            "sample_id": Column("int", "customer number within the sample (1 .. 2357)"),
            **{k: v for k, v in _COLS.items() if k != "customer_id"},
        },
        source="real (Fader, Hardie and Lee 2005)",
        chapters=("05",),
    ),
]


def _read_master(path: Path) -> pd.DataFrame:
    df = pd.read_csv(path, sep=r"\s+", dtype={"customer_id": str, "date": str})
    return df.rename(columns=str.strip)


def _read_sample(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, sep=r"\s+", header=None, dtype={0: str, 2: str},
                       names=["customer_id", "sample_id", "date", "number_of_cds", "dollar_value"])


def convert(source: Path, out: Path, check: bool = False) -> list[str]:
    """Write (or compare) cdnow.csv and cdnow_sample.csv from the distributed text files."""
    from . import render_csv

    differ = []
    frames = {
        "cdnow": _read_master(Path(source) / "CDNOW_master.txt"),
        "cdnow_sample": _read_sample(Path(source) / "CDNOW_sample.txt"),
    }
    for s in DATASETS:
        df = frames[s.name]
        df["date"] = pd.to_datetime(df["date"], format="%Y%m%d")
        data = render_csv(df, s)
        path = Path(out) / s.filename
        if not path.is_file() or path.read_bytes() != data:
            differ.append(s.filename)
            if not check:
                path.write_bytes(data)
    return differ
