"""Property tests: whatever table a student passes, validation either returns a clean table or
raises DataError -- never a raw pandas/numpy traceback, never silently wrong numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crmkit.data import validate_transactions
from crmkit.errors import DataError

cells = st.one_of(
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-1000, 1000),
    st.integers(19000101, 20301231),
    st.text(max_size=12),
    st.sampled_from(["2024-01-31", "2023-12-01", "31/01/2024", "2999-01-01", "", "NaT", "abc"]),
)


@st.composite
def messy_tables(draw):
    n = draw(st.integers(0, 8))
    cols = draw(st.lists(st.sampled_from(["customer_id", "date", "amount", "other"]), unique=True, min_size=0, max_size=4))
    return pd.DataFrame({c: draw(st.lists(cells, min_size=n, max_size=n)) for c in cols}, dtype=object)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(messy_tables())
def test_validation_returns_clean_data_or_raises_data_error(df):
    try:
        out = validate_transactions(df)
    except DataError as exc:
        assert str(exc)  # a message, always
        return
    assert len(out) == len(df) > 0
    assert out["customer_id"].notna().all()
    assert pd.api.types.is_datetime64_any_dtype(out["date"]) and out["date"].notna().all()
    assert (out["date"] >= pd.Timestamp("1000-01-01")).all()  # no numbers read as 1970 nanoseconds
    amounts = out["amount"].to_numpy(dtype=float)
    assert np.isfinite(amounts).all() and (amounts >= 0).all()
