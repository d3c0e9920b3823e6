"""The one validator of the kit (输入检查): every public function checks its inputs here, once.

Numbers and options raise :class:`~crmkit.errors.ParameterError`; tables and columns raise
:class:`~crmkit.errors.DataError`. Messages name the parameter, column or rows at fault and say
what would be valid. Inner code trusts what these functions return.

    >>> from crmkit import _validate as v
    >>> v.number("discount", 0.1, low=0)
    0.1
    >>> v.number("horizon", -5, low=0)
    Traceback (most recent call last):
    ...
    crmkit.errors.ParameterError: horizon must be at least 0; got -5.

Conventions (CONTRIBUTING.md): bools, complex numbers, text, NaN and infinities are never
numbers; a parameter that drives time or memory (horizons, periods, counts) has a stated upper
bound (``MAX_PERIODS``) unless a closed form makes its size free.
"""

from __future__ import annotations

import math
import numbers as _numbers
import re
from typing import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from .errors import DataError, ParameterError, describe_rows

__all__ = [
    "MAX_PERIODS",
    "MAX_SIMULATED",
    "MAX_MAGNITUDE",
    "number",
    "integer",
    "probability",
    "choice",
    "flag",
    "weights",
    "sequence",
    "timestamp",
    "table",
    "ids",
    "numeric_column",
    "flag_column",
    "date_column",
    "finite",
    "column",
    "names",
    "values",
]

#: Upper bound for a horizon or a number of periods that a function loops over (10,000 years
#: of months). Closed forms do not need it.
MAX_PERIODS = 120_000
#: No number the kit computes with is larger than this (a quadrillion ¥, customers or periods):
#: beyond it sums and products overflow into inf/NaN, so it is refused with a clear message.
MAX_MAGNITUDE = 1e15
#: Upper bound for the number of customers, trips ... a simulation may draw in one call.
MAX_SIMULATED = 10_000_000

_BAD = "\x00unreadable"
_TRUE = {"true", "t", "yes", "y", "1", "是", "对", "真"}
_FALSE = {"false", "f", "no", "n", "0", "否", "不", "假"}


# --------------------------------------------------------------------------------------------
# Numbers and options
# --------------------------------------------------------------------------------------------


def _is_number(value) -> bool:
    return isinstance(value, (_numbers.Real, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_))


def number(name: str, value, *, low=None, high=None, low_open: bool = False, high_open: bool = False,
           integer: bool = False):
    """``value`` as a float (an int with ``integer=True``), or a ParameterError naming ``name``.

    Refused: bools, complex numbers, text, None, NaN, infinities, values outside
    ``[low, high]`` (open ends with ``low_open`` / ``high_open``), and fractions with ``integer``.
    """
    if not _is_number(value):
        kind = "True/False" if isinstance(value, (bool, np.bool_)) else type(value).__name__
        raise ParameterError(f"{name} must be a number, not {value!r} ({kind}).")
    v = float(value)
    if not math.isfinite(v):
        raise ParameterError(f"{name} must be a finite number, not {value!r}.")
    if abs(v) > MAX_MAGNITUDE:
        raise ParameterError(f"{name} = {value!r} is too large to compute with: the kit works with numbers up to "
                             f"{MAX_MAGNITUDE:.0e} in size.")
    if low is not None and (v < low or (low_open and v == low)):
        raise ParameterError(f"{name} must be {'more than' if low_open else 'at least'} {low}; got {value!r}.")
    if high is not None and (v > high or (high_open and v == high)):
        raise ParameterError(f"{name} must be {'less than' if high_open else 'at most'} {high}; got {value!r}.")
    if integer:
        if v != int(v):
            raise ParameterError(f"{name} must be a whole number; got {value!r}.")
        return int(v)
    return v


def integer(name: str, value, *, low=None, high=None) -> int:
    """A whole number in ``[low, high]``; ``3.0`` is accepted as 3, ``3.5`` is not."""
    return number(name, value, low=low, high=high, integer=True)


def probability(name: str, value, *, low_open: bool = False, high_open: bool = False) -> float:
    """A share or rate between 0 and 1 (e.g. a retention rate of 0.8, not 80)."""
    v = number(name, value)
    if 1 < v <= 100:
        raise ParameterError(f"{name} must be a share between 0 and 1; got {value!r}. "
                             f"If you meant {v:g} %, pass {v / 100:g}.")
    return number(name, v, low=0, high=1, low_open=low_open, high_open=high_open)


def _shown(value) -> str:
    """A value as a message shows it: short, and a table or array by its type, not its contents."""
    text = repr(value) if isinstance(value, (str, int, float, bool, type(None))) else type(value).__name__
    return text if len(text) <= 60 else text[:57] + "..."


def choice(name: str, value, options: Iterable):
    """One of ``options`` (compared as given), or a ParameterError listing them."""
    options = list(options)
    try:
        ok = bool(value in options)
    except (TypeError, ValueError):  # a table or an array compared with the options
        ok = False
    if not ok:
        listed = ", ".join(repr(o) for o in options)
        raise ParameterError(f"{name} must be one of {listed}; got {_shown(value)}.")
    return value


def column(name: str, value, *, optional: bool = False):
    """A column-name argument: non-empty text (None only where ``optional``)."""
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ParameterError(f"{name} must be the name of a column (text), e.g. {name}='...'; got {_shown(value)}.")
    return value


def names(name: str, values, options=None) -> list:
    """A list of names (one name may be given as text), each one of ``options`` when they are given."""
    if isinstance(values, str):
        values = (values,)
    if not isinstance(values, (list, tuple, set, frozenset)):
        raise ParameterError(f"{name} must be a list of names, e.g. ['decider', 'buyer']; got {_shown(values)}.")
    out = []
    for x in values:
        if options is not None:
            if not isinstance(x, str):
                raise ParameterError(f"{name} must be one of {', '.join(map(repr, options))}; got {_shown(x)}.")
            out.append(choice(name, x, list(options)))
        elif not isinstance(x, str):
            raise ParameterError(f"{name} must hold names (text); got {_shown(x)}.")
        else:
            out.append(x)
    return out


def flag(name: str, value) -> bool:
    """A true/false option: True or False (numpy bools too), not 'yes' or 1."""
    if not isinstance(value, (bool, np.bool_)):
        raise ParameterError(f"{name} must be True or False, not {value!r}.")
    return bool(value)


def sequence(name: str, values, *, low=None, high=None, length=None, increasing: bool = False,
             min_length: int = 1) -> np.ndarray:
    """A 1-D list of numbers (list, tuple, array, Series) as a float array, each checked as ``number``."""
    if isinstance(values, (str, bytes, Mapping)) or not isinstance(values, (Sequence, np.ndarray, pd.Series, pd.Index)):
        raise ParameterError(f"{name} must be a list of numbers, not {type(values).__name__}.")
    try:
        arr = np.asarray(values.to_numpy() if isinstance(values, (pd.Series, pd.Index)) else values)
    except ValueError:
        raise ParameterError(f"{name} must be a flat list of numbers.") from None
    if arr.ndim != 1 and not (arr.ndim > 1 and arr.dtype.kind in "iuf"):
        raise ParameterError(f"{name} must be a flat list of numbers.")
    if length is not None and len(arr) != length:
        raise ParameterError(f"{name} must have {length} numbers; got {len(arr)}.")
    if len(arr) < min_length:
        raise ParameterError(f"{name} must have at least {min_length} number(s); got {len(arr)}.")
    if arr.dtype.kind in "iuf":  # fast path: a numeric array
        out = arr.astype(float).ravel()
        bad = ~np.isfinite(out) | (np.abs(out) > MAX_MAGNITUDE)
        if low is not None:
            bad |= out < low
        if high is not None:
            bad |= out > high
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            number(f"{name}[{i}]", out[i], low=low, high=high)  # raises with the usual message
    else:
        items = arr.ravel().tolist()
        out = np.array([number(f"{name}[{i}]", x, low=low, high=high) for i, x in enumerate(items)], dtype=float)
    if increasing and np.any(np.diff(out) <= 0):
        raise ParameterError(f"{name} must be strictly increasing; got {out.tolist()!r}.")
    return out


def values(name: str, values, what: str = "list") -> list:
    """A one-dimensional collection of values (a list, tuple, array, Series or Index) as a list; anything
    else (None, a number, a bare string, a table) is a DataError that names the parameter."""
    if isinstance(values, (str, bytes, Mapping, pd.DataFrame)) or not isinstance(
            values, (Sequence, np.ndarray, pd.Series, pd.Index)):
        raise DataError(f"{name} must be a {what} of values (a list, an array or a Series), not "
                        f"{type(values).__name__}.")
    if isinstance(values, np.ndarray) and values.ndim != 1:
        raise DataError(f"{name} must be one-dimensional; got an array of shape {values.shape}.")
    return list(values.to_numpy()) if isinstance(values, (pd.Series, pd.Index)) else list(values)


def weights(name: str, values, *, keys=None, tol: float = 1e-6) -> pd.Series:
    """Non-negative weights that sum to 1, as a Series (a mapping keeps its keys).

    ``keys``: the names the weights must cover exactly (e.g. the criteria of a scorecard).
    """
    if isinstance(values, Mapping):
        series = pd.Series({k: values[k] for k in values}, dtype=object)
    elif isinstance(values, pd.Series):
        series = values.astype(object)
    else:
        arr = sequence(name, values)
        series = pd.Series(arr, dtype=object)
    if series.empty:
        raise ParameterError(f"{name} is empty: give at least one weight.")
    if keys is not None:
        keys = list(keys)
        missing = [k for k in keys if k not in series.index]
        extra = [k for k in series.index if k not in keys]
        if missing or extra:
            raise ParameterError(f"{name} must have one weight for each of {keys}; "
                                 f"missing {missing}, unknown {extra}.")
        series = series[keys]
    vals = pd.Series([number(f"{name}[{k!r}]", x, low=0) for k, x in series.items()], index=series.index, dtype=float)
    total = float(vals.sum())
    if abs(total - 1.0) > tol:
        raise ParameterError(f"{name} must sum to 1; they sum to {total:.6g}. "
                             f"Divide each weight by {total:.6g} to normalise them.")
    return vals


_MIN_TS = pd.Timestamp.min.ceil("D")
_MAX_TS = pd.Timestamp.max.floor("D")


def timestamp(name: str, value, *, optional: bool = False, dayfirst: bool | None = None):
    """A date (``'2024-03-31'``, a ``datetime``, a ``Timestamp``) as a naive ``pd.Timestamp``.

    A time zone is dropped after conversion to UTC wall time would change the day; the kit
    compares naive dates, so a tz-aware value keeps its own wall time. None is allowed only
    with ``optional=True``.
    """
    if value is None:
        if optional:
            return None
        raise ParameterError(f"{name} is required: give a date such as '2024-12-31'.")
    if isinstance(value, (bool, np.bool_)) or (_is_number(value)):
        raise ParameterError(f"{name} must be a date such as '2024-12-31', not the number {value!r}.")
    if isinstance(value, str):
        text = value.strip()
        if _ambiguous_day_month([text]) and dayfirst is None:
            raise ParameterError(
                f"{name} {value!r} could be day-first or month-first. Write it as YYYY-MM-DD "
                f"(e.g. '2024-03-01')."
            )
    try:
        ts = pd.Timestamp(value) if dayfirst is None else pd.to_datetime(value, dayfirst=dayfirst)
    except (ValueError, TypeError, OverflowError) as exc:
        raise ParameterError(f"{name} must be a date such as '2024-12-31'; could not read {value!r} "
                             f"({_short(exc)}).") from None
    if ts is pd.NaT or pd.isna(ts):
        raise ParameterError(f"{name} must be a date such as '2024-12-31', not {value!r}.")
    if ts.tzinfo is not None:
        ts = ts.tz_localize(None)
    if not (_MIN_TS <= ts <= _MAX_TS):
        raise ParameterError(f"{name} {value!r} is outside the dates the kit can compute with (1677-2262).")
    return ts.as_unit("ns")


def _short(exc: Exception) -> str:
    text = str(exc).split("\n")[0]
    return text[:120]


# --------------------------------------------------------------------------------------------
# Tables and columns
# --------------------------------------------------------------------------------------------


def table(df, columns: Iterable = (), what: str = "table", *, allow_empty: bool = False) -> pd.DataFrame:
    """Check that ``df`` is a DataFrame with unique column names, the ``columns`` and rows.

    Raises DataError naming what is wrong: not a DataFrame, duplicate column names, missing
    columns (listing the ones it has), or an empty table.
    """
    if not isinstance(df, pd.DataFrame):
        raise DataError(f"Expected the {what} as a pandas DataFrame, got {type(df).__name__}.")
    dup = df.columns[df.columns.duplicated()].unique().tolist()
    if dup:
        raise DataError(f"The {what} has duplicate column names {dup}: rename or drop the copies.")
    columns = [c for c in columns if c is not None]
    for c in columns:
        if not isinstance(c, str):
            raise ParameterError(f"Column names are given as text; got {c!r} ({type(c).__name__}).")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        have = ", ".join(map(str, df.columns)) or "none"
        raise DataError(
            f"The {what} has no column {', '.join(map(repr, missing))}. Its columns are: {have}. "
            f"Pass the right name (e.g. customer='cust_id') or rename the column."
        )
    if len(df) == 0 and not allow_empty:
        raise DataError(f"The {what} is empty: it has no rows to analyse.")
    return df


def ids(df: pd.DataFrame, column: str, what: str = "table") -> pd.Series:
    """An id column: no missing values, and one kind of id (not a mix of numbers and text)."""
    col = df[column]
    bad = col.isna()
    if bad.any():
        raise DataError(f"The column {column!r} of the {what} has missing ids in {describe_rows(df.index[bad])}.")
    if col.dtype == object:
        kinds = col.map(lambda x: "number" if _is_number(x) else type(x).__name__)
        if kinds.nunique() > 1:
            counts = kinds.value_counts()
            raise DataError(
                f"The column {column!r} of the {what} mixes kinds of ids ({', '.join(f'{k}: {n}' for k, n in counts.items())}), "
                f"so 7 and '7' would count as two customers. Convert it with .astype(str) first."
            )
    return col


def numeric_column(df: pd.DataFrame, column: str, what: str = "table", *, allow_negative: bool = True,
                   allow_nan: bool = False, low=None, high=None) -> pd.Series:
    """A numeric column as float64: bools, NaN (unless allowed), infinities and out-of-range values are
    refused with the rows named. Numbers written as text (``'1000'``, ``' 12.5'``, as a CSV read with
    ``dtype=str`` holds them) are **parsed**, and callers compute with the returned Series, never with
    the text; anything else (``'¥1000'``, ``'1,234'``, ``'abc'``) is refused with the rows named."""
    col = df[column]
    if pd.api.types.is_bool_dtype(col):
        raise DataError(f"The column {column!r} of the {what} holds True/False, not numbers.")
    if pd.api.types.is_complex_dtype(col):
        raise DataError(f"The column {column!r} of the {what} holds complex numbers; use real numbers.")
    if not pd.api.types.is_numeric_dtype(col):
        num = pd.to_numeric(col, errors="coerce")
        bad = (num.isna() & col.notna()) | col.map(lambda x: isinstance(x, (bool, np.bool_, complex)))
        if bad.any():
            examples = ", ".join(repr(v) for v in col[bad].head(3).tolist())
            raise DataError(f"The column {column!r} of the {what} must hold numbers; "
                            f"{describe_rows(df.index[bad])} do not (e.g. {examples}).")
        col = num
    vals = col.astype("float64")
    arr = vals.to_numpy()
    bad = np.isinf(arr) | (np.isnan(arr) if not allow_nan else np.zeros(len(arr), bool)) | (np.abs(np.nan_to_num(arr)) > MAX_MAGNITUDE)
    if bad.any():
        raise DataError(f"The column {column!r} of the {what} has missing (NaN), infinite or absurdly large values in "
                        f"{describe_rows(df.index[bad])}.")
    if not allow_negative:
        bad = arr < 0
        if bad.any():
            raise DataError(f"The column {column!r} of the {what} has negative values in "
                            f"{describe_rows(df.index[bad])}; they must be 0 or more.")
    if low is not None and (arr < low).any():
        raise DataError(f"The column {column!r} of the {what} has values below {low} in "
                        f"{describe_rows(df.index[arr < low])}.")
    if high is not None and (arr > high).any():
        raise DataError(f"The column {column!r} of the {what} has values above {high} in "
                        f"{describe_rows(df.index[arr > high])}.")
    return vals


def flag_column(df: pd.DataFrame, column: str, what: str = "table") -> pd.Series:
    """A yes/no column as bool: True/False, 1/0, 'yes'/'no', 'true'/'false', '是'/'否'.

    Anything else (including NaN, 2, 'maybe') is refused with the rows named, so 'no' is never
    counted as True.
    """
    col = df[column]

    def one(x):
        if isinstance(x, (bool, np.bool_)):
            return bool(x)
        if _is_number(x) and float(x) in (0.0, 1.0):
            return bool(float(x))
        if isinstance(x, str):
            t = x.strip().lower()
            if t in _TRUE:
                return True
            if t in _FALSE:
                return False
        return None

    if pd.api.types.is_bool_dtype(col) and col.dtype != object and not col.isna().any():
        return col.astype(bool)
    # each distinct value read once (a million rows hold a handful of values): missing values are code -1
    codes, uniq = pd.factorize(col.astype(object), use_na_sentinel=True)
    read = [one(x) for x in uniq]
    known = np.array([r is not None for r in read] + [False])
    value = np.array([bool(r) for r in read] + [False])
    bad = ~known[codes]
    if bad.any():
        examples = ", ".join(repr(v) for v in col[bad].head(3).tolist())
        raise DataError(f"The column {column!r} of the {what} must be yes/no (True/False, 1/0, "
                        f"'yes'/'no', '是'/'否'); {describe_rows(df.index[bad])} are not (e.g. {examples}).")
    return pd.Series(value[codes], index=col.index, name=col.name)


def _ambiguous_day_month(texts) -> bool:
    """True when some text looks like ``a/b/yyyy`` (or ``a.b.yyyy``, ``a-b-yyyy``) with a, b <= 12."""
    s = pd.Series(list(texts), dtype=object).dropna().astype(str).str.strip()
    m = s.str.extract(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2,4})")
    m = m.dropna()
    if m.empty:
        return False
    a, b = m[0].astype(int), m[1].astype(int)
    # the column is ambiguous unless some value settles it (a > 12: day-first; b > 12: month-first)
    if (a > 12).any() or (b > 12).any():
        return False
    return bool(((a <= 12) & (b <= 12) & (a != b)).any())


def _day_month_order(texts) -> bool | None:
    """``True`` (day-first), ``False`` (month-first) or None when a column's values settle it."""
    s = pd.Series(list(texts), dtype=object).dropna().astype(str).str.strip()
    m = s.str.extract(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2,4})").dropna()
    if m.empty:
        return None
    a, b = m[0].astype(int), m[1].astype(int)
    if (a > 12).any() and (b > 12).any():
        return None
    if (a > 12).any():
        return True
    if (b > 12).any():
        return False
    return None


def _parse_unique(uniq, column, what, *, dayfirst, format):
    """Parse each distinct value of a date column once; returns (parsed values, unreadable values)."""
    tzs = set()
    prepared = []
    for v in uniq:
        if v is None or v is pd.NaT or (isinstance(v, float) and math.isnan(v)):
            prepared.append(None)
        elif isinstance(v, (bool, np.bool_)):
            prepared.append(_BAD)
        elif _is_number(v):
            ok = float(v).is_integer() and 10000101 <= float(v) <= 99991231
            prepared.append(str(int(v)) if ok else _BAD)
        elif isinstance(v, str):
            t = v.strip()
            m = re.search(r"(?:[+-]\d{2}:?\d{2}|Z)$", t)
            if m and ("T" in t or " " in t):
                tzs.add(m.group(0).replace(":", ""))
            prepared.append(t)
        elif hasattr(v, "year"):  # datetime, date, Timestamp
            tz = getattr(v, "tzinfo", None)
            if tz is not None:
                tzs.add(str(tz))
            prepared.append(v)
        else:
            prepared.append(_BAD)
    if len(tzs) > 1:
        raise DataError(f"The column {column!r} of the {what} mixes time zones ({', '.join(sorted(tzs))}). "
                        "Convert it to one zone first, e.g. pd.to_datetime(col, utc=True).dt.tz_convert('Asia/Shanghai').")
    texts = [v for v in prepared if isinstance(v, str) and v is not _BAD]
    if format is None and texts and dayfirst is None:
        if _ambiguous_day_month(texts):
            raise DataError(
                f"The dates in column {column!r} of the {what} (e.g. {texts[0]!r}) could be day-first "
                f"('03.01.2024' = 3 January) or month-first (= March 1). Say which: dayfirst=True or "
                f"dayfirst=False, or format='%d.%m.%Y'."
            )
        order = _day_month_order(texts)
        dayfirst = bool(order) if order is not None else False
    out, bad = [], []
    for raw_v, v in zip(uniq, prepared):
        if v is None:
            out.append(pd.NaT)
            continue
        if v is _BAD:
            out.append(pd.NaT)
            bad.append(raw_v)
            continue
        try:
            if isinstance(v, str):
                if format is not None:
                    ts = pd.to_datetime(v, format=format)
                elif v.isdigit() and len(v) == 8:
                    ts = pd.to_datetime(v, format="%Y%m%d")
                else:
                    ts = pd.to_datetime(v, dayfirst=bool(dayfirst))
            else:
                ts = pd.Timestamp(v)
            if ts.tzinfo is not None:
                ts = ts.tz_localize(None)
            if not (_MIN_TS <= ts <= _MAX_TS):
                raise ValueError("out of range")
            out.append(ts.as_unit("ns"))
        except (ValueError, TypeError, OverflowError, pd.errors.OutOfBoundsDatetime):
            out.append(pd.NaT)
            bad.append(raw_v)
    return out, bad


def date_column(df: pd.DataFrame, column: str, what: str = "table", *, dayfirst: bool | None = None,
                format: str | None = None, not_after=None, allow_missing: bool = False) -> pd.Series:  # not_after: the caller's asof
    """A date column as naive ``datetime64[ns]``.

    Accepted: datetimes (a single time zone is dropped to wall time), ISO text ('2024-03-31'),
    8-digit numbers (20240331, read as YYYYMMDD). Refused with a DataError that says what to do:
    day-first vs month-first text that the values do not settle (pass ``dayfirst=`` or
    ``format=``), numbers that are not YYYYMMDD, unparsable or missing values (unless
    ``allow_missing``), dates outside 1677-2262, a mix of time zones, dates after ``not_after``.
    """
    raw = df[column]
    if isinstance(raw.dtype, pd.DatetimeTZDtype):
        parsed = raw.dt.tz_localize(None)
        _datetime_range(parsed, column, what, df.index)
    elif pd.api.types.is_datetime64_any_dtype(raw):
        parsed = raw
        _datetime_range(parsed, column, what, df.index)
    else:
        uniq = pd.unique(raw.astype(object))
        parsed_u, bad_u = _parse_unique(uniq, column, what, dayfirst=dayfirst, format=format)
        if bad_u:
            bad_mask = raw.astype(object).isin(bad_u)
            examples = ", ".join(repr(v) for v in bad_u[:3])
            raise DataError(
                f"The column {column!r} of the {what} has dates that cannot be read in "
                f"{describe_rows(df.index[bad_mask.to_numpy()])} (e.g. {examples}). Use dates like "
                f"'2024-03-31' between 1677 and 2262{'' if format else ', or pass format='}."
            )
        lookup = pd.Series(parsed_u, index=pd.Index(uniq, dtype=object), dtype="datetime64[ns]")
        codes = pd.Index(uniq, dtype=object).get_indexer(raw.astype(object))
        parsed = pd.Series(lookup.to_numpy()[codes], index=df.index, dtype="datetime64[ns]")
    bad = parsed.isna()
    if bad.any() and not allow_missing:
        raise DataError(f"The column {column!r} of the {what} has missing dates in {describe_rows(df.index[bad])}.")
    limit = None
    if not_after is not None:
        limit = timestamp("not_after", not_after)
        bad = parsed > limit
        if bad.any():
            raise DataError(
                f"The column {column!r} of the {what} has dates after {limit.date()} in "
                f"{describe_rows(df.index[bad])}: nothing can happen after the as-of date."
            )
    parsed = parsed.astype("datetime64[ns]")
    _span(parsed, column, what, df.index, limit)
    return parsed


#: The longest stretch of time the kit computes durations over: a difference of two dates is a
#: ``pd.Timedelta`` in nanoseconds, which overflows beyond about 292 years.
MAX_SPAN_DAYS = int(pd.Timedelta.max / pd.Timedelta(days=1)) - 1


def _datetime_range(parsed: pd.Series, column, what, index) -> None:
    """Refuse datetimes outside 1677-2262 in any unit (``datetime64[s]`` holds year 1500 or 9999, which
    the kit's nanosecond arithmetic cannot), before they are converted."""
    arr = parsed.to_numpy()
    unit = np.datetime_data(arr.dtype)[0]
    lo = np.datetime64(_MIN_TS.date().isoformat(), unit) if unit != "ns" else _MIN_TS.to_datetime64()
    hi = np.datetime64(_MAX_TS.date().isoformat(), unit) if unit != "ns" else _MAX_TS.to_datetime64()
    with np.errstate(invalid="ignore"):
        bad = ~np.isnat(arr) & ((arr < lo) | (arr > hi))
    if bad.any():
        examples = ", ".join(str(x)[:10] for x in arr[bad][:3])
        raise DataError(f"The column {column!r} of the {what} has dates outside the years the kit can compute "
                        f"with (1677-2262) in {describe_rows(index[bad])} (e.g. {examples}). Correct or drop them.")


def _span(parsed: pd.Series, column, what, index, limit=None) -> None:
    """Refuse dates spread over more than :data:`MAX_SPAN_DAYS` (with the as-of date): their differences
    would overflow."""
    vals = parsed.dropna()
    if vals.empty:
        return
    lo, hi = vals.min(), vals.max()
    if limit is not None:
        hi = max(hi, limit)
    days = (hi.to_pydatetime() - lo.to_pydatetime()).days
    if days > MAX_SPAN_DAYS:
        first = index[(parsed == lo).to_numpy()][:1].tolist()
        raise DataError(f"The dates of column {column!r} of the {what} span {days / 365.25:.0f} years "
                        f"({lo.date()} to {hi.date()}): durations over more than {MAX_SPAN_DAYS // 365} years "
                        f"cannot be computed. The earliest is in row {first[0] if first else '?'}: is it a typo?")


def finite(name: str, value, *, change: str):
    """``value`` (a number or an array) when it is finite throughout, else a ParameterError that names
    the result and which input to ``change`` (e.g. "a shorter horizon or a higher discount rate")."""
    arr = np.asarray(value, dtype=float)
    if not np.isfinite(arr).all() or (np.abs(arr) > 1e300).any():
        raise ParameterError(f"{name} is too large to compute (it overflows to infinity): {change}.")
    return value


# --------------------------------------------------------------------------------------------
# Declared constraints (as scikit-learn's ``validate_params``): one declaration per function, from
# which both the checks at the call and the bad-input harness's cases are derived
# --------------------------------------------------------------------------------------------

class Constraint:
    """What a parameter must be; ``check`` returns the value the function computes with."""

    optional = False

    def check(self, name: str, value):  # pragma: no cover - every constraint overrides it
        raise NotImplementedError


class Number(Constraint):
    """A real number in ``[low, high]`` (open ends with ``low_open`` / ``high_open``), a whole number with
    ``integer``, None allowed with ``optional``. ``kind`` tells the harness what to try: ``"size"`` and
    ``"money"`` with 10**9 and 1e308, ``"rate"`` (a discount rate) with -90 % and -99 %, ``"share"`` with
    1e-320."""

    def __init__(self, *, low=None, high=None, low_open: bool = False, high_open: bool = False,
                 integer: bool = False, optional: bool = False, kind: str = ""):
        self.low, self.high, self.low_open, self.high_open = low, high, low_open, high_open
        self.integer, self.optional, self.kind = integer, optional, kind

    def check(self, name, value):
        if value is None and self.optional:
            return None
        return number(name, value, low=self.low, high=self.high, low_open=self.low_open, high_open=self.high_open,
                      integer=self.integer)

    def refuses_minus_one(self) -> bool:
        return self.low is not None and (self.low > -1 or (self.low == -1 and self.low_open))


class Share(Number):
    """A share or rate between 0 and 1 (80 is refused with "did you mean 0.8?")."""

    def __init__(self, *, low_open: bool = False, high_open: bool = False, optional: bool = False):
        super().__init__(low=0, high=1, low_open=low_open, high_open=high_open, optional=optional, kind="share")

    def check(self, name, value):
        if value is None and self.optional:
            return None
        return probability(name, value, low_open=self.low_open, high_open=self.high_open)


class Options(Constraint):
    """One of the given options (None allowed with ``optional``)."""

    def __init__(self, *options, optional: bool = False):
        self.options, self.optional = options, optional

    def check(self, name, value):
        if value is None and self.optional:
            return None
        return choice(name, value, self.options)


class Date(Constraint):
    """A date (see :func:`timestamp`), None allowed with ``optional``."""

    def __init__(self, *, optional: bool = False):
        self.optional = optional

    def check(self, name, value):
        return timestamp(name, value, optional=self.optional)


class Numbers(Constraint):
    """A list of numbers (see :func:`sequence`), ``length`` of them when given, None allowed with ``optional``."""

    def __init__(self, *, low=None, high=None, min_length: int = 1, length=None, increasing: bool = False,
                 optional: bool = False):
        self.low, self.high, self.min_length, self.length, self.optional = low, high, min_length, length, optional
        self.increasing = increasing

    def check(self, name, value):
        if value is None and self.optional:
            return None
        return sequence(name, value, low=self.low, high=self.high, min_length=self.min_length, length=self.length,
                        increasing=self.increasing)


class Free(Constraint):
    """A parameter the function takes as it is (a label to write, any value): declared, so that no parameter
    is forgotten, with the reason it needs no check."""

    def __init__(self, reason: str):
        self.reason = reason

    def check(self, name, value):
        return value


class Column(Constraint):
    """A column-name argument (see :func:`column`), None allowed with ``optional``."""

    def __init__(self, *, optional: bool = False):
        self.optional = optional

    def check(self, name, value):
        return column(name, value, optional=self.optional)


class Flag(Constraint):
    """True or False (see :func:`flag`)."""

    def check(self, name, value):
        return flag(name, value)


class Table(Constraint):
    """A DataFrame (see :func:`table`): unique column names, the ``columns`` and rows (none needed with
    ``allow_empty``). A column given as the name of another parameter of the function (``"customer"``) stands
    for that parameter's value, so ``Table("transactions", columns=("customer", "date"))`` checks the columns
    the caller named; a parameter holding a list of names, or weights keyed by column, stands for all of them.
    ``what_from`` names the parameter that names the table in messages. Column roles (dates, ids, numbers) are
    checked in the function."""

    def __init__(self, what: str = "table", *, columns: tuple = (), allow_empty: bool = False, what_from=None):
        self.what, self.columns, self.allow_empty, self.what_from = what, tuple(columns), allow_empty, what_from

    def check(self, name, value, columns=(), what=None):
        return table(value, columns, what or self.what, allow_empty=self.allow_empty)


class Custom(Constraint):
    """A parameter checked by a function of its module, ``check(name, value)`` returning the value to compute
    with (e.g. a Series of values per customer); ``what`` says in words what it must be, for the docs and the
    harness (``"values"``: one number per customer)."""

    def __init__(self, check, what: str, *, optional: bool = False):
        self._check, self.what, self.optional = check, what, optional

    def check(self, name, value):
        if value is None and self.optional:
            return None
        return self._check(name, value)


def params(**constraints):
    """Declare a public function's constraints once; the decorator checks them at each call (passing on the
    values the checks return: floats, whole numbers, Timestamps) and keeps them in ``__crmkit_params__``,
    from which the bad-input harness derives its cases::

        @v.params(discount=v.Number(low=-1, low_open=True, kind="rate"), horizon=v.Number(low=0, integer=True))
        def annuity_factor(discount, horizon): ...
    """
    import functools
    import inspect

    def decorate(fn):
        sig = inspect.signature(fn)
        unknown = [n for n in constraints if n not in sig.parameters]
        if unknown:
            raise TypeError(f"{fn.__qualname__} declares constraints for parameters it does not have: {unknown}")

        tables = [n for n, c in constraints.items() if isinstance(c, Table)]

        def resolved(arguments, columns):
            out = []
            for col in columns:
                if col in sig.parameters:  # the name of a column parameter: the caller's choice
                    col = arguments[col] if col in arguments else sig.parameters[col].default
                if isinstance(col, (pd.Series, Mapping)):  # weights by column: their keys name the columns
                    col = list(col.index if isinstance(col, pd.Series) else col.keys())
                out.extend(col if isinstance(col, (list, tuple)) else [col])
            return out

        @functools.wraps(fn)
        def checked(*args, **kwargs):
            bound = sig.bind(*args, **kwargs)  # a wrong call stays a TypeError, as Python's own
            for n, c in constraints.items():  # in the order declared; tables after the names of their columns
                if n in bound.arguments and n not in tables:
                    bound.arguments[n] = c.check(n, bound.arguments[n])
                elif isinstance(c, Custom):  # a module's own check also turns a default into what it computes with
                    bound.arguments[n] = c.check(n, sig.parameters[n].default)
            for n in tables:
                if n in bound.arguments:
                    c = constraints[n]
                    what = resolved(bound.arguments, (c.what_from,))[0] if c.what_from else None  # the caller's name
                    bound.arguments[n] = c.check(n, bound.arguments[n], resolved(bound.arguments, c.columns), what)
            return fn(*bound.args, **bound.kwargs)

        checked.__crmkit_params__ = dict(constraints)
        return checked

    return decorate
