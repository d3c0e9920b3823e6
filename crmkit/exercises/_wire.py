"""Answers as plain JSON, so that a value recorded in a sandboxed student kernel can be judged outside it.

    obj = encode(value)          # inside the student's kernel: JSON-able, never raises
    value = decode(obj)          # in the grader: untrusted input; raises WireError when malformed

What travels: ``None``, bools, ints (any size up to :data:`MAX_INT_DIGITS` digits), floats (NaN and
infinities included), complex numbers, text, lists, tuples, sets, dicts (any hashable keys that
travel), ``...``, ``Fraction``/``Decimal``, dates, times, timestamps and timedeltas (Python's, numpy's
and pandas'), numpy scalars and arrays of the usual dtypes, and pandas Series, DataFrames and indexes
(plain, range, categorical, datetime, multi) with their names. Anything else arrives as an
:class:`Opaque` object that names its type, which no checker accepts as an answer.

``decode`` trusts nothing: no pickle, no eval, no import by name; dtypes come from a fixed list; depth,
element count and text length are limited (:data:`MAX_DEPTH`, :data:`MAX_ITEMS`, :data:`MAX_TEXT`).
"""

from __future__ import annotations

import datetime as _dt
import decimal
import fractions
import math
import re
from dataclasses import dataclass

__all__ = ["encode", "decode", "WireError", "Opaque", "MAX_DEPTH", "MAX_ITEMS", "MAX_TEXT", "MAX_INT_DIGITS"]

MAX_DEPTH = 32
MAX_ITEMS = 2_000_000  # numbers, texts and containers in one answer
MAX_TEXT = 1_000_000  # characters in one text
MAX_INT_DIGITS = 4000  # below Python's own int-to-text limit (4300)
_SAFE_INT = 2**53

_NUMPY_DTYPES = {"bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
                 "float16", "float32", "float64", "complex64", "complex128", "object"}
_TIME_UNIT = re.compile(r"^(datetime64|timedelta64)\[(Y|M|W|D|h|m|s|ms|us|ns)\]$")
_PANDAS_EXTENSION = {"Int8", "Int16", "Int32", "Int64", "UInt8", "UInt16", "UInt32", "UInt64",
                     "Float32", "Float64", "boolean", "string"}


class WireError(ValueError):
    """A recorded answer is malformed or too large; the grader ignores it and says so."""


@dataclass(frozen=True)
class Opaque:
    """An answer that could not travel (an object of a type the wire does not know)."""

    type_name: str
    text: str = ""

    def __repr__(self) -> str:
        return f"<{self.type_name} that could not be recorded{': ' + self.text if self.text else ''}>"


# ------------------------------------------------------------------------------------------------
# encode (runs inside the student's kernel: must never raise and never take long)
# ------------------------------------------------------------------------------------------------

class _Budget:
    def __init__(self):
        self.items = 0

    def take(self, n=1):
        self.items += n
        if self.items > MAX_ITEMS:
            raise WireError(f"more than {MAX_ITEMS:,} values")


def encode(value):
    """``value`` as a JSON-able object (see the module's docstring). Never raises."""
    try:
        return _enc(value, 0, _Budget())
    except BaseException as exc:  # noqa: BLE001 - a student's object may raise anything, even SystemExit
        try:
            name = type(value).__name__
        except BaseException:  # noqa: BLE001
            name = "object"
        return {"$": "opaque", "type": str(name)[:100], "text": f"could not be recorded ({type(exc).__name__})"}


def _type_name(x) -> str:
    t = type(x)
    return f"{t.__module__}.{t.__qualname__}"[:100]


def _enc_float(x: float):
    if math.isfinite(x):
        return x
    return {"$": "float", "v": "nan" if x != x else ("inf" if x > 0 else "-inf")}


def _enc_int(x: int):
    if -_SAFE_INT < x < _SAFE_INT:
        return x
    if x.bit_length() > MAX_INT_DIGITS * 3.33:
        return {"$": "opaque", "type": "int", "text": f"an integer of about {int(x.bit_length() / 3.32)} digits"}
    return {"$": "int", "v": str(x)}


def _enc_text(x: str):
    if len(x) > MAX_TEXT:
        raise WireError("text too long")
    return x


def _enc(x, depth, budget):
    import numpy as np
    import pandas as pd

    if depth > MAX_DEPTH:
        raise WireError("nested too deeply")
    budget.take()
    t = type(x)
    if x is None or t is bool:
        return x
    if x is Ellipsis:
        return {"$": "ellipsis"}
    if t is int:
        return _enc_int(x)
    if t is float:
        return _enc_float(x)
    if t is str:
        return _enc_text(x)
    if t is complex:
        return {"$": "complex", "re": _enc_float(x.real), "im": _enc_float(x.imag)}
    # numpy and pandas scalars before the Python base classes (np.float64 is a float)
    if x is pd.NaT:
        return {"$": "nat"}
    if x is pd.NA:
        return {"$": "na"}
    if isinstance(x, pd.Timestamp):
        return {"$": "timestamp", "v": x.isoformat(), "tz": str(x.tz) if x.tz is not None else None}
    if isinstance(x, pd.Timedelta):
        return {"$": "timedelta", "ns": _enc_int(int(x.value))}
    if isinstance(x, np.generic):
        dt = x.dtype
        if dt.kind in "Mm":
            return {"$": "np", "dtype": str(dt), "v": _enc_int(int(x.view("int64")))}
        if dt.kind in "biufc" and str(dt) in _NUMPY_DTYPES:
            return {"$": "np", "dtype": str(dt), "v": _enc(x.item(), depth + 1, budget)}
        if dt.kind == "U":
            return _enc_text(str(x))
        return _opaque(x)
    if isinstance(x, bool):
        return bool(x)
    if isinstance(x, int):
        return {"$": "sub", "type": _type_name(x), "v": _enc_int(int.__int__(x))}
    if isinstance(x, float):
        return {"$": "sub", "type": _type_name(x), "v": _enc_float(float.__float__(x))}
    if isinstance(x, str):
        return {"$": "sub", "type": _type_name(x), "v": _enc_text(str.__str__(x))}
    if isinstance(x, fractions.Fraction):
        return {"$": "fraction", "n": _enc_int(int(x.numerator)), "d": _enc_int(int(x.denominator))}
    if isinstance(x, decimal.Decimal):
        return {"$": "decimal", "v": _enc_text(str(x)[:MAX_INT_DIGITS])}
    if isinstance(x, _dt.datetime):
        return {"$": "datetime", "v": x.isoformat()}
    if isinstance(x, _dt.date):
        return {"$": "date", "v": x.isoformat()}
    if isinstance(x, _dt.time):
        return {"$": "time", "v": x.isoformat()}
    if isinstance(x, _dt.timedelta):
        return {"$": "pytimedelta", "d": x.days, "s": x.seconds, "us": x.microseconds}
    if isinstance(x, list):
        budget.take(len(x))
        return [_enc(v, depth + 1, budget) for v in list.copy(x)]
    if isinstance(x, tuple):
        budget.take(len(x))
        return {"$": "tuple", "v": [_enc(v, depth + 1, budget) for v in tuple.__iter__(x)]}
    if isinstance(x, (set, frozenset)):
        budget.take(len(x))
        return {"$": "frozenset" if isinstance(x, frozenset) else "set",
                "v": [_enc(v, depth + 1, budget) for v in x]}
    if isinstance(x, range):
        return {"$": "range", "v": [_enc_int(x.start), _enc_int(x.stop), _enc_int(x.step)]}
    if isinstance(x, dict):
        budget.take(2 * len(x))
        return {"$": "dict", "v": [[_enc(k, depth + 1, budget), _enc(v, depth + 1, budget)]
                                   for k, v in dict.items(x)]}
    if isinstance(x, pd.DataFrame):
        budget.take(x.size)
        return {"$": "frame", "index": _enc_index(x.index, depth + 1, budget),
                "columns": _enc_index(x.columns, depth + 1, budget),
                "data": [_enc_values(x.iloc[:, i], depth + 1, budget) for i in range(x.shape[1])]}
    if isinstance(x, pd.Series):
        budget.take(len(x))
        return {"$": "series", "name": _enc(x.name, depth + 1, budget),
                "index": _enc_index(x.index, depth + 1, budget), "data": _enc_values(x, depth + 1, budget)}
    if isinstance(x, pd.Index):
        budget.take(len(x))
        return _enc_index(x, depth, budget)
    if isinstance(x, np.ndarray):
        budget.take(x.size)
        return _enc_array(x, depth, budget)
    from collections.abc import Mapping

    if isinstance(x, Mapping):
        items = list(x.items())
        budget.take(2 * len(items))
        return {"$": "dict", "v": [[_enc(k, depth + 1, budget), _enc(v, depth + 1, budget)] for k, v in items]}
    return _opaque(x)


def _opaque(x):
    try:
        text = repr(x)
    except BaseException:  # noqa: BLE001
        text = ""
    return {"$": "opaque", "type": _type_name(x), "text": text[:200]}


def _enc_array(a, depth, budget):
    dt = a.dtype
    shape = list(a.shape)
    if dt.kind in "Mm":
        return {"$": "ndarray", "dtype": str(dt), "shape": shape, "v": [_enc_int(int(v)) for v in a.view("int64").ravel()]}
    if dt.kind == "U":
        return {"$": "ndarray", "dtype": "str", "shape": shape, "v": [_enc_text(str(v)) for v in a.ravel()]}
    if str(dt) in _NUMPY_DTYPES and dt.kind != "O":
        return {"$": "ndarray", "dtype": str(dt), "shape": shape,
                "v": [_enc(v, depth + 1, budget) for v in a.ravel().tolist()]}
    return {"$": "ndarray", "dtype": "object", "shape": shape,
            "v": [_enc(v, depth + 1, budget) for v in a.ravel(order="C")]}


def _enc_values(s, depth, budget):
    """A Series' values with their dtype."""
    import pandas as pd

    dt = s.dtype
    if isinstance(dt, pd.CategoricalDtype):
        return {"$": "categorical", "categories": _enc_index(dt.categories, depth + 1, budget),
                "ordered": bool(dt.ordered), "codes": [int(c) for c in s.cat.codes]}
    name = str(dt)
    if name in _PANDAS_EXTENSION:
        return {"$": "values", "dtype": name, "v": [_enc(v, depth + 1, budget) for v in s.tolist()]}
    if getattr(dt, "kind", "O") in "Mm" and name.startswith(("datetime64[", "timedelta64[")) and "," not in name:
        return _enc_array(s.to_numpy(), depth, budget)
    if isinstance(dt, pd.DatetimeTZDtype):
        return {"$": "values", "dtype": "object", "v": [_enc(v, depth + 1, budget) for v in s.tolist()]}
    return _enc_array(s.to_numpy(), depth, budget)


def _enc_index(ix, depth, budget):
    import pandas as pd

    names = [_enc(n, depth + 1, budget) for n in ix.names]
    if isinstance(ix, pd.RangeIndex):
        return {"$": "index", "kind": "range", "names": names,
                "v": [_enc_int(ix.start), _enc_int(ix.stop), _enc_int(ix.step)]}
    if isinstance(ix, pd.MultiIndex):
        levels = [_enc_values(pd.Series(ix.get_level_values(i)), depth + 1, budget) for i in range(ix.nlevels)]
        return {"$": "index", "kind": "multi", "names": names, "v": levels}
    return {"$": "index", "kind": "plain", "names": names, "v": _enc_values(pd.Series(ix), depth + 1, budget)}


# ------------------------------------------------------------------------------------------------
# decode (runs in the grader on untrusted input)
# ------------------------------------------------------------------------------------------------

def decode(obj):
    """The value an :func:`encode` result stands for. Raises :class:`WireError` on anything malformed."""
    try:
        return _dec(obj, 0, _Budget())
    except WireError:
        raise
    except (ValueError, TypeError, KeyError, OverflowError, IndexError, AttributeError, decimal.InvalidOperation) as exc:
        raise WireError(f"malformed answer ({type(exc).__name__}: {str(exc)[:100]})") from None
    except RecursionError:
        raise WireError("nested too deeply") from None


def _need(cond, what):
    if not cond:
        raise WireError(what)


def _dec_int(v):
    if type(v) is int:
        return v
    _need(isinstance(v, dict) and v.get("$") == "int" and isinstance(v.get("v"), str), "not an integer")
    s = v["v"]
    _need(len(s) <= MAX_INT_DIGITS + 1 and re.fullmatch(r"-?[0-9]+", s) is not None, "not an integer")
    return int(s)


def _dec_float(v):
    if type(v) in (int, float) and type(v) is not bool:
        return float(v)
    _need(isinstance(v, dict) and v.get("$") == "float" and v.get("v") in ("nan", "inf", "-inf"), "not a number")
    return float(v["v"])


def _dec_text(v):
    _need(type(v) is str, "not a text")
    _need(len(v) <= MAX_TEXT, "text too long")
    return v


def _dec_list(v, budget):
    _need(type(v) is list, "not a list")
    budget.take(len(v))
    return v


def _dec(o, depth, budget):
    _need(depth <= MAX_DEPTH, "nested too deeply")
    budget.take()
    t = type(o)
    if o is None or t is bool or t is int:
        return o
    if t is float:
        return o
    if t is str:
        return _dec_text(o)
    if t is list:
        return [_dec(v, depth + 1, budget) for v in _dec_list(o, budget)]
    _need(t is dict and type(o.get("$")) is str, "not an answer")
    tag = o["$"]
    if tag == "ellipsis":
        return Ellipsis
    if tag == "int":
        return _dec_int(o)
    if tag == "float":
        return _dec_float(o)
    if tag == "complex":
        return complex(_dec_float(o["re"]), _dec_float(o["im"]))
    if tag == "tuple":
        return tuple(_dec(v, depth + 1, budget) for v in _dec_list(o["v"], budget))
    if tag in ("set", "frozenset"):
        items = [_dec(v, depth + 1, budget) for v in _dec_list(o["v"], budget)]
        return set(items) if tag == "set" else frozenset(items)
    if tag == "range":
        a, b, c = (_dec_int(v) for v in _dec_list(o["v"], budget))
        _need(c != 0, "range step 0")
        return range(a, b, c)
    if tag == "dict":
        out = {}
        for kv in _dec_list(o["v"], budget):
            _need(type(kv) is list and len(kv) == 2, "malformed dict item")
            out[_dec(kv[0], depth + 1, budget)] = _dec(kv[1], depth + 1, budget)
        return out
    if tag == "fraction":
        return fractions.Fraction(_dec_int(o["n"]), _dec_int(o["d"]))
    if tag == "decimal":
        s = _dec_text(o["v"])
        _need(len(s) <= MAX_INT_DIGITS + 20, "decimal too long")
        return decimal.Decimal(s)
    if tag == "datetime":
        return _dt.datetime.fromisoformat(_dec_text(o["v"])[:64])
    if tag == "date":
        return _dt.date.fromisoformat(_dec_text(o["v"])[:32])
    if tag == "time":
        return _dt.time.fromisoformat(_dec_text(o["v"])[:32])
    if tag == "pytimedelta":
        return _dt.timedelta(days=_dec_int(o["d"]), seconds=_dec_int(o["s"]), microseconds=_dec_int(o["us"]))
    if tag == "sub":  # a subclass of int/float/str arrives as its plain value
        return _dec(o["v"], depth + 1, budget)
    if tag == "opaque":
        return Opaque(_dec_text(o.get("type", "object"))[:100], _dec_text(o.get("text", ""))[:200])
    import numpy as np
    import pandas as pd

    if tag == "nat":
        return pd.NaT
    if tag == "na":
        return pd.NA
    if tag == "timestamp":
        tz = o.get("tz")
        _need(tz is None or (type(tz) is str and len(tz) < 64), "bad time zone")
        ts = pd.Timestamp(_dec_text(o["v"])[:64])
        return ts
    if tag == "timedelta":
        return pd.Timedelta(_dec_int(o["ns"]), unit="ns")
    if tag == "np":
        dtype = _dtype(o["dtype"])
        if dtype.kind in "Mm":
            return np.array([_dec_int(o["v"])], dtype="int64").view(dtype)[0]
        return dtype.type(_dec(o["v"], depth + 1, budget))
    if tag == "ndarray":
        return _dec_array(o, depth, budget)
    if tag == "series":
        index = _dec_index(o["index"], depth + 1, budget)
        data = _dec_values(o["data"], depth + 1, budget)
        _need(len(data) == len(index), "series: values and index differ in length")
        return pd.Series(data, index=index, name=_dec_label(o.get("name"), depth, budget))
    if tag == "frame":
        index = _dec_index(o["index"], depth + 1, budget)
        columns = _dec_index(o["columns"], depth + 1, budget)
        data = [_dec_values(c, depth + 1, budget) for c in _dec_list(o["data"], budget)]
        _need(len(data) == len(columns), "frame: columns and data differ")
        _need(all(len(c) == len(index) for c in data), "frame: a column's length differs from the index")
        frame = pd.DataFrame({i: c for i, c in enumerate(data)}, index=index) if data else pd.DataFrame(index=index)
        frame.columns = columns
        return frame
    if tag == "index":
        return _dec_index(o, depth, budget)
    raise WireError(f"unknown kind {tag[:30]!r}")


def _dec_label(o, depth, budget):
    v = _dec(o, depth + 1, budget)
    _need(not isinstance(v, (list, dict, set)), "unhashable name")
    return v


def _dtype(name):
    import numpy as np

    _need(type(name) is str and len(name) < 40, "bad dtype")
    if name in _NUMPY_DTYPES or _TIME_UNIT.match(name):
        return np.dtype(name)
    raise WireError(f"dtype {name!r} is not allowed")


def _dec_array(o, depth, budget):
    import numpy as np

    shape = _dec_list(o["shape"], budget)
    _need(len(shape) <= 32 and all(type(n) is int and 0 <= n <= MAX_ITEMS for n in shape), "bad shape")
    size = math.prod(shape)
    _need(size <= MAX_ITEMS, "array too large")
    values = _dec_list(o["v"], budget)
    _need(len(values) == size, "array: values and shape differ")
    name = o["dtype"]
    if name == "str":
        return np.array([_dec_text(v) for v in values], dtype=str).reshape(shape)
    dtype = _dtype(name)
    if dtype.kind in "Mm":
        return np.array([_dec_int(v) for v in values], dtype="int64").view(dtype).reshape(shape)
    items = [_dec(v, depth + 1, budget) for v in values]
    if dtype.kind == "O":
        arr = np.empty(size, dtype=object)
        for i, v in enumerate(items):
            arr[i] = v
        return arr.reshape(shape)
    for v in items:
        _need(type(v) in (bool, int, float, complex), "array: a value of the wrong kind")
    return np.array(items, dtype=dtype).reshape(shape)


def _dec_values(o, depth, budget):
    import pandas as pd

    _need(type(o) is dict, "bad values")
    tag = o.get("$")
    if tag == "categorical":
        cats = _dec_index(o["categories"], depth + 1, budget)
        codes = _dec_list(o["codes"], budget)
        _need(all(type(c) is int and -1 <= c < len(cats) for c in codes), "bad category codes")
        return pd.Categorical.from_codes(codes, categories=cats, ordered=bool(o.get("ordered")))
    if tag == "values":
        dtype = o.get("dtype")
        _need(dtype in _PANDAS_EXTENSION or dtype == "object", "bad dtype")
        items = [_dec(v, depth + 1, budget) for v in _dec_list(o["v"], budget)]
        return pd.array(items, dtype=dtype) if dtype != "object" else pd.array(items, dtype=object)
    if tag == "ndarray":
        arr = _dec_array(o, depth, budget)
        _need(arr.ndim == 1, "values must be one-dimensional")
        return arr
    raise WireError("bad values")


def _dec_index(o, depth, budget):
    import pandas as pd

    _need(type(o) is dict and o.get("$") == "index", "bad index")
    names = [_dec_label(n, depth, budget) for n in _dec_list(o.get("names", []), budget)]
    kind = o.get("kind")
    if kind == "range":
        a, b, c = (_dec_int(v) for v in _dec_list(o["v"], budget))
        _need(c != 0 and abs(b - a) // abs(c) <= MAX_ITEMS, "bad range index")
        ix = pd.RangeIndex(a, b, c)
    elif kind == "multi":
        levels = [_dec_values(v, depth + 1, budget) for v in _dec_list(o["v"], budget)]
        _need(0 < len(levels) <= 32 and len({len(v) for v in levels}) == 1, "bad multi-index")
        ix = pd.MultiIndex.from_arrays([pd.Index(v) for v in levels])
    elif kind == "plain":
        ix = pd.Index(_dec_values(o["v"], depth + 1, budget))
    else:
        raise WireError("bad index kind")
    if names and len(names) == ix.nlevels:
        ix = ix.set_names(names)
    return ix
