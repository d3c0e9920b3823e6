"""``crmkit.exercises._wire``: answers travel from a sandboxed kernel to the grader as plain JSON."""

from __future__ import annotations

import datetime as dt
import decimal
import fractions
import json
import math

import numpy as np
import pandas as pd
import pytest

from crmkit.exercises import _wire as w
from crmkit.exercises import questions


def _trip(value):
    obj = w.encode(value)
    text = json.dumps(obj, allow_nan=False)  # strict JSON: NaN and infinities are tagged
    return w.decode(json.loads(text))


@pytest.mark.parametrize("value", [
    None, True, False, 0, -7, 10**400 // 10**350, 2**53 + 1, 3.25, -0.0, "text", "中文", "",
    [1, "a", None], (1, 2.5), {"a": 1, 2: "b", (1, 2): [3]}, {1, 2}, frozenset({"x"}), range(2, 9, 3),
    1 + 2j, fractions.Fraction(1, 3), decimal.Decimal("1.10"), Ellipsis,
    dt.date(2024, 1, 31), dt.datetime(2024, 1, 31, 12, 5), dt.time(7, 30), dt.timedelta(days=2, seconds=5),
    pd.Timestamp("2024-05-01 10:00"), pd.Timedelta("3h"), pd.NaT,
    np.float64(1.5), np.int32(-4), np.bool_(True), np.datetime64("2024-01-01"), np.timedelta64(5, "D"),
])
def test_plain_values_round_trip(value):
    back = _trip(value)
    if value is pd.NaT:
        assert back is pd.NaT
    else:
        assert back == value and type(back) is type(value)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_floats_round_trip(value):
    back = _trip(value)
    assert (math.isnan(back) and math.isnan(value)) or back == value


def test_arrays_series_and_frames_keep_their_index_and_dtypes():
    arr = np.arange(6, dtype="float32").reshape(2, 3)
    back = _trip(arr)
    assert back.dtype == arr.dtype and back.shape == (2, 3) and (back == arr).all()
    assert (_trip(np.array(["a", "b"])) == np.array(["a", "b"])).all()
    assert (_trip(np.array(["2024-01-01"], dtype="datetime64[ns]")) == np.array(["2024-01-01"], dtype="datetime64[ns]")).all()
    s = pd.Series([1.5, 2.0], index=pd.Index(["x", "y"], name="k"), name="v")
    pd.testing.assert_series_equal(_trip(s), s)
    cat = pd.Series([1.0, 2.0], index=pd.CategoricalIndex(["airport", "metro"], name="strategy"))
    pd.testing.assert_series_equal(_trip(cat), cat)
    f = pd.DataFrame({"a": [1, 2], "b": ["x", "y"], "d": pd.to_datetime(["2024-01-01", "2024-02-01"])},
                     index=pd.MultiIndex.from_tuples([("p", 1), ("q", 2)], names=["l", "n"]))
    pd.testing.assert_frame_equal(_trip(f), f)
    pd.testing.assert_series_equal(_trip(pd.Series([1, None], dtype="Int64")), pd.Series([1, None], dtype="Int64"))
    pd.testing.assert_frame_equal(_trip(pd.DataFrame()), pd.DataFrame())


def test_every_expected_answer_of_chapter_00_travels_and_is_still_right():
    from crmkit.exercises import RECORDED, OpenQuestion

    for name, q in questions("ch00").items():
        if isinstance(q, OpenQuestion):  # a model answer is recorded for the instructor, never "correct"
            assert q.check(_trip(q.expected)).outcome == RECORDED, name
        else:
            assert q.check(_trip(q.expected)).correct, name


class _Evil:
    def __repr__(self):
        raise SystemExit("no")


class _EvilList(list):
    def __iter__(self):
        raise KeyboardInterrupt


class _LyingFloat(float):
    def __eq__(self, other):
        return True

    __hash__ = float.__hash__


def test_encode_never_raises_and_unknown_objects_arrive_opaque():
    assert isinstance(_trip(_Evil()), w.Opaque)
    assert _trip(_EvilList([1, 2])) == [1, 2]  # read through list's own methods
    back = _trip(_LyingFloat(2.0))
    assert type(back) is float and back == 2.0  # a subclass arrives as a plain float: its __eq__ stays behind
    assert isinstance(_trip(object()), w.Opaque)
    assert isinstance(_trip(10**5000), w.Opaque)
    deep = []
    for _ in range(100):
        deep = [deep]
    assert w.encode(deep)["$"] == "opaque"


@pytest.mark.parametrize("obj", [
    {"$": "int", "v": "1" * 5000},
    {"$": "int", "v": "12e5"},
    {"$": "nope"},
    {"no": "tag"},
    {"$": "ndarray", "dtype": "V10", "shape": [1], "v": [1]},
    {"$": "ndarray", "dtype": "i4,i4", "shape": [1], "v": [1]},
    {"$": "ndarray", "dtype": "float64", "shape": [10**9], "v": []},
    {"$": "ndarray", "dtype": "float64", "shape": [-1], "v": []},
    {"$": "ndarray", "dtype": "float64", "shape": [2], "v": [1.0]},
    {"$": "ndarray", "dtype": "float64", "shape": [1], "v": ["x"]},
    {"$": "series", "index": {"$": "index", "kind": "range", "names": [None], "v": [0, 3, 1]},
     "data": {"$": "ndarray", "dtype": "int64", "shape": [1], "v": [1]}, "name": None},
    {"$": "index", "kind": "range", "names": [], "v": [0, 10**18, 1]},
    {"$": "dict", "v": [[[1], 2]]},
    {"$": "range", "v": [0, 1, 0]},
    {"$": "datetime", "v": "not a date"},
    {"$": "np", "dtype": "object; import os", "v": 1},
    "x" * (w.MAX_TEXT + 1),
])
def test_decode_refuses_malformed_or_huge_input(obj):
    with pytest.raises(w.WireError):
        w.decode(obj)


def test_decode_refuses_deep_nesting():
    deep = 1
    for _ in range(w.MAX_DEPTH + 5):
        deep = [deep]
    with pytest.raises(w.WireError):
        w.decode(deep)
