"""crmkit.data in the bad-input harness."""

from __future__ import annotations

import pandas as pd

from crmkit import data

from .harness import Table, declared


def _tx():
    return pd.DataFrame({"customer_id": ["a", "b", "a"], "date": ["2024-01-05", "2024-01-06", "2024-02-01"],
                         "amount": [10.0, 20.0, 5.0]})


TARGETS = [
    declared("data.validate_transactions", data.validate_transactions, lambda: {"df": _tx(), "asof": "2024-12-31"},
             tables={"df": Table(ids=("customer_id",), dates=("date",), nonnegative=("amount",))}),
    declared("data.load", data.load, lambda: {"name": "taxi_trips"}, options=("name",)),
    declared("data.read_csv", data.read_csv, lambda: {"path": _csv_file(), "date_columns": ["date"]},
             options=("sep", "path", "encoding")),
]


def _csv_file():
    """A learner's export: GBK, semicolons, slashed dates and decimal commas (written once per session)."""
    import tempfile
    from pathlib import Path

    path = Path(tempfile.gettempdir()) / f"crmkit-harness-{__import__('os').getpid()}.csv"
    if not path.is_file():
        import atexit

        atexit.register(path.unlink, missing_ok=True)
        path.write_bytes("customer_id;date;amount\nA;2024/1/5;1.234,5\nB;2024/1/6;20\n".encode("gb18030"))
    return path
