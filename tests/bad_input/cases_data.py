"""crmkit.data in the bad-input harness."""

from __future__ import annotations

import pandas as pd

from crmkit import data

from .harness import Table, Target


def _tx():
    return pd.DataFrame({"customer_id": ["a", "b", "a"], "date": ["2024-01-05", "2024-01-06", "2024-02-01"],
                         "amount": [10.0, 20.0, 5.0]})


TARGETS = [
    Target("data.validate_transactions", data.validate_transactions, lambda: {"df": _tx(), "asof": "2024-12-31"},
           tables={"df": Table(ids=("customer_id",), dates=("date",), nonnegative=("amount",))}, dates=("asof",)),
    Target("data.load", data.load, lambda: {"name": "taxi_trips"}, options=("name",)),
]
