"""The bad-input harness (坏输入测试): every public function, every input class that applies.

A module's public functions are listed as :class:`Target` objects in ``cases_<module>.py`` beside
this file (found by name; a new chapter adds its own file and edits nothing here). Each target
gives a call, its valid keyword arguments and which of them are numbers, tables, dates or
options. The harness then derives the bad inputs:

========================  ==========================================================  =============
class                     what is passed                                              must give
========================  ==========================================================  =============
nan, inf, complex, bool,  a number parameter replaced                                 CrmkitError
text, none
negative                  a non-negative number parameter set to -1                   CrmkitError
huge, 1e308               a size or money parameter set to 10**9 or 1e308             finite or CrmkitError
empty                     a table parameter with no rows                              CrmkitError (or finite)
one_row                   the first row only                                          finite or CrmkitError
missing_column            each required column dropped                                DataError
duplicate_column          a required column appears twice                             DataError
not_a_table               a list instead of the DataFrame                             CrmkitError
nan_cell, text_cell       a numeric column with NaN / 'abc' in one row                 finite or CrmkitError / DataError
negative_cell             a non-negative column with -1 in one row                     DataError
mixed_ids                 an id column with numbers and text                          DataError
before_1677, mixed_zones  a date column with 1500-01-01 / two UTC offsets             DataError
bad_date                  a date parameter set to 'yesterday'                          ParameterError
bad_option                an option parameter set to 'no-such-option'                  ParameterError
none_table                a table parameter set to None                               DataError
dt64s_range               a date column as datetime64[s] holding 1500-01-01 / 9999   DataError
span_1677_2262            a date column from 1678-01-01 to 2262-01-01                 finite or CrmkitError
text_numbers              every numeric column as text ('10.0')                       the same result, or CrmkitError
bool_cell                 a numeric column with True in one row                       DataError
seq_bools, seq_words,     a list-of-numbers parameter as [True, False], ['a', 'b'],   CrmkitError
seq_bare_text, seq_none   '9' or None
tiny                      a share or rate parameter set to 1e-320                     finite or CrmkitError
rate_-0.9, rate_-0.99     a discount rate set to -90 % / -99 %                        finite or CrmkitError
========================  ==========================================================  =============

"the same result" (``SAME``) means: either a CrmkitError, or a result equal to the one the valid
arguments give (numbers written as text are parsed, never compared as text).

"finite" means: no NaN or infinity anywhere in the result (numbers, arrays, Series, DataFrames,
dataclasses), unless the target says ``nan_ok`` for the columns that are empty by design. A fit
(``fit=True``) may instead warn with a :class:`crmkit.errors.CrmkitWarning`. Every call runs under
a time limit (``LIMIT_S``); a hang fails.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import signal
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pandas as pd

from crmkit.errors import CrmkitError, DataError, ParameterError

LIMIT_S = 5.0

RAISE = "raise"  # must raise CrmkitError
FINITE = "finite"  # a finite result or a CrmkitError
DATA = "data"  # must raise DataError
PARAM = "param"  # must raise ParameterError
SAME = "same"  # a CrmkitError, or the result of the valid arguments

NUMBER_CLASSES = {
    "nan": (float("nan"), RAISE),
    "inf": (float("inf"), RAISE),
    "complex": (1 + 2j, RAISE),
    "bool": (True, RAISE),
    "text": ("12", RAISE),
    "none": (None, RAISE),
}


@dataclass(frozen=True)
class Table:
    """Which columns of a table parameter play which role."""

    ids: tuple = ()
    dates: tuple = ()
    numbers: tuple = ()  # numeric columns; NaN and text in one row are tried
    nonnegative: tuple = ()  # numeric columns that must refuse -1
    required: tuple | None = None  # columns whose absence must be a DataError (default: all named above)
    empty_ok: bool = False  # an empty table may give a finite (empty) result instead of an error

    def required_columns(self):
        if self.required is not None:
            return tuple(self.required)
        return tuple(dict.fromkeys(self.ids + self.dates + self.numbers + self.nonnegative))


@dataclass(frozen=True)
class Target:
    """A public function with valid arguments and the roles of its parameters."""

    name: str
    call: Callable[..., Any]
    kwargs: Callable[[], dict]
    numbers: tuple = ()  # parameters that must be finite real numbers
    nonnegative: tuple = ()  # number parameters that must refuse -1
    huge: tuple = ()  # parameters tried with 10**9 and 1e308 (sizes, horizons, money)
    tables: dict = field(default_factory=dict)  # parameter -> Table
    dates: tuple = ()  # date parameters
    options: tuple = ()  # string option parameters
    sequences: tuple = ()  # list-of-number parameters (answers, profits, scores)
    tiny: tuple = ()  # shares and rates tried with 1e-320 (results divided by them must stay finite)
    rates: tuple = ()  # discount rates tried with -0.9 and -0.99
    fit: bool = False  # a crmkit warning is an acceptable answer
    nan_ok: bool = False  # the result may hold NaN by design (e.g. months a cohort has not lived)
    skip: tuple = ()  # input classes that do not apply, as "class" or "class:param"
    bad: tuple = ()  # explicit bad values, (class, param, value): each must raise a CrmkitError (e.g. CLI paths)


@dataclass(frozen=True)
class Case:
    target: Target
    klass: str
    param: str
    expect: str
    make: Callable[[], dict]

    @property
    def id(self) -> str:
        return f"{self.target.name}[{self.klass}:{self.param}]"


def _with(target: Target, param: str, value) -> Callable[[], dict]:
    def make():
        kw = target.kwargs()
        kw[param] = value() if callable(value) and not isinstance(value, type) else value
        return kw

    return make


def _table_change(target: Target, param: str, change) -> Callable[[], dict]:
    def make():
        kw = target.kwargs()
        kw[param] = change(kw[param].copy())
        return kw

    return make


def _set_cell(column, value):
    def change(df):
        df[column] = df[column].astype(object)
        df.iloc[0, df.columns.get_loc(column)] = value
        return df

    return change


def cases_for(target: Target) -> list[Case]:
    out: list[Case] = []

    def add(klass, param, expect, make):
        if klass in target.skip or f"{klass}:{param}" in target.skip:
            return
        out.append(Case(target, klass, param, expect, make))

    for p in target.numbers:
        for klass, (value, expect) in NUMBER_CLASSES.items():
            add(klass, p, expect, _with(target, p, value))
    for p in target.nonnegative:
        add("negative", p, RAISE, _with(target, p, -1))
    for p in target.huge:
        add("huge", p, FINITE, _with(target, p, 10**9))
        add("1e308", p, FINITE, _with(target, p, 1e308))
    for p in target.dates:
        add("bad_date", p, RAISE, _with(target, p, "yesterday"))
        add("before_1677", p, RAISE, _with(target, p, "1500-01-01"))
    for p in target.options:
        add("bad_option", p, RAISE, _with(target, p, "no-such-option"))
    for klass, p, value in target.bad:
        add(klass, p, RAISE, _with(target, p, value))
    for p in target.sequences:
        add("seq_bools", p, RAISE, _with(target, p, lambda: [True, False, True]))
        add("seq_words", p, RAISE, _with(target, p, lambda: ["a", "b"]))
        add("seq_bare_text", p, RAISE, _with(target, p, "9"))
        add("seq_none", p, RAISE, _with(target, p, None))
    for p in target.tiny:
        add("tiny", p, FINITE, _with(target, p, 1e-320))
    for p in target.rates:
        add("rate_-0.9", p, FINITE, _with(target, p, -0.9))
        add("rate_-0.99", p, FINITE, _with(target, p, -0.99))
    for p, t in target.tables.items():
        add("not_a_table", p, RAISE, _table_change(target, p, lambda df: df.to_numpy().tolist()))
        add("none_table", p, DATA, _with(target, p, None))
        numeric = tuple(dict.fromkeys(t.numbers + t.nonnegative))
        if numeric:
            def as_text(df, cols=numeric):
                for c in cols:
                    df[c] = [repr(float(x)) if isinstance(x, (int, float, np.integer, np.floating))
                             and not isinstance(x, (bool, np.bool_)) else x for x in df[c].tolist()]
                return df

            add("text_numbers", p, SAME, _table_change(target, p, as_text))
        for c in numeric:
            add("bool_cell", f"{p}.{c}", DATA, _table_change(target, p, _set_cell(c, True)))
        add("empty", p, FINITE if t.empty_ok else RAISE, _table_change(target, p, lambda df: df.iloc[:0]))
        add("one_row", p, FINITE, _table_change(target, p, lambda df: df.iloc[:1]))
        for c in t.required_columns():
            add("missing_column", f"{p}.{c}", DATA, _table_change(target, p, lambda df, c=c: df.drop(columns=[c])))
            add("duplicate_column", f"{p}.{c}", DATA,
                _table_change(target, p, lambda df, c=c: pd.concat([df, df[[c]]], axis=1)))
        for c in t.numbers + t.nonnegative:
            add("nan_cell", f"{p}.{c}", FINITE, _table_change(target, p, _set_cell(c, float("nan"))))
            add("inf_cell", f"{p}.{c}", FINITE, _table_change(target, p, _set_cell(c, float("inf"))))
            add("text_cell", f"{p}.{c}", DATA, _table_change(target, p, _set_cell(c, "abc")))
        for c in t.nonnegative:
            add("negative_cell", f"{p}.{c}", DATA, _table_change(target, p, _set_cell(c, -1)))
        for c in t.ids:
            def mixed(df, c=c):
                df[c] = df[c].astype(object)
                df.iloc[0, df.columns.get_loc(c)] = 123456789
                if len(df) > 1:
                    df.iloc[1, df.columns.get_loc(c)] = "x-1"
                return df

            add("mixed_ids", f"{p}.{c}", DATA, _table_change(target, p, mixed))
        for c in t.dates:
            add("before_1677", f"{p}.{c}", DATA, _table_change(target, p, _set_cell(c, "1500-01-01")))
            add("bad_date_cell", f"{p}.{c}", DATA, _table_change(target, p, _set_cell(c, "31/31/2024")))

            def zones(df, c=c):
                df[c] = pd.to_datetime(df[c]).dt.strftime("%Y-%m-%dT%H:%M:%S+08:00").astype(object)
                df.iloc[0, df.columns.get_loc(c)] = "2020-01-01T00:00:00+01:00"
                return df

            add("mixed_zones", f"{p}.{c}", DATA, _table_change(target, p, zones))

            def seconds(df, c=c):
                col = pd.to_datetime(df[c]).to_numpy().astype("datetime64[s]")
                col[0] = np.datetime64("1500-01-01", "s")
                if len(col) > 1:
                    col[-1] = np.datetime64("9999-12-31", "s")
                df[c] = col
                return df

            add("dt64s_range", f"{p}.{c}", DATA, _table_change(target, p, seconds))

            def span(df, c=c):
                df[c] = df[c].astype(object)
                df.iloc[0, df.columns.get_loc(c)] = "1678-01-01"
                df.iloc[-1, df.columns.get_loc(c)] = "2262-01-01"
                return df

            add("span_1677_2262", f"{p}.{c}", FINITE, _table_change(target, p, span))
    return out


# --------------------------------------------------------------------------------------------
# Judging a result
# --------------------------------------------------------------------------------------------


def same(a, b, depth: int = 0) -> bool:
    """Whether two results hold the same values (tables by value and labels, not by dtype)."""
    if depth > 6:
        return True
    try:
        if isinstance(a, pd.DataFrame) and isinstance(b, pd.DataFrame):
            pd.testing.assert_frame_equal(a, b, check_dtype=False, check_index_type=False,
                                          check_column_type=False, check_categorical=False)
            return True
        if isinstance(a, pd.Series) and isinstance(b, pd.Series):
            pd.testing.assert_series_equal(a, b, check_dtype=False, check_index_type=False,
                                           check_categorical=False, check_names=False)
            return True
    except AssertionError:
        return False
    if dataclasses.is_dataclass(a) and not isinstance(a, type) and type(a) is type(b):
        return all(same(getattr(a, f.name), getattr(b, f.name), depth + 1) for f in dataclasses.fields(a))
    if isinstance(a, (int, float, np.integer, np.floating)) and isinstance(b, (int, float, np.integer, np.floating)):
        return bool(np.isclose(float(a), float(b), rtol=1e-9, atol=0, equal_nan=True))
    if isinstance(a, np.ndarray) and isinstance(b, np.ndarray):
        return a.shape == b.shape and (np.allclose(a, b, equal_nan=True) if a.dtype.kind in "fiu" else (a == b).all())
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same(x, y, depth + 1) for x, y in zip(a, b))
    if isinstance(a, (str, bytes, bool, type(None))) or isinstance(b, (str, bytes, bool, type(None))):
        return type(a) is type(b) and a == b
    return True  # other objects (a fitted pipeline ...) are not results to compare


def nonfinite(obj, path: str = "result", depth: int = 0) -> str | None:
    """Where a result holds NaN or an infinity, or None when it is finite throughout."""
    if depth > 6:
        return None
    if isinstance(obj, (bool, np.bool_, str, bytes)) or obj is None:
        return None
    if isinstance(obj, (int, float, np.integer, np.floating, complex)):
        if isinstance(obj, complex):
            return f"{path} is complex"
        return None if np.isfinite(obj) else f"{path} = {obj}"
    if isinstance(obj, pd.DataFrame):
        num = obj.select_dtypes(include=["number"])
        arr = num.to_numpy(dtype=float, na_value=np.nan) if not num.empty else np.zeros(0)
        if arr.size and not np.isfinite(arr).all():
            bad = num.columns[~np.isfinite(arr).all(axis=0)].tolist()
            return f"{path} has NaN/inf in column(s) {bad}"
        return None
    if isinstance(obj, pd.Series):
        if pd.api.types.is_numeric_dtype(obj) and not pd.api.types.is_bool_dtype(obj):
            arr = obj.to_numpy(dtype=float, na_value=np.nan)
            if arr.size and not np.isfinite(arr).all():
                return f"{path} has NaN/inf"
        return None
    if isinstance(obj, np.ndarray):
        if obj.dtype.kind in "fc" and obj.size and not np.isfinite(obj).all():
            return f"{path} has NaN/inf"
        return None
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            r = nonfinite(getattr(obj, f.name), f"{path}.{f.name}", depth + 1)
            if r:
                return r
        return None
    if isinstance(obj, dict):
        for k, v in obj.items():
            r = nonfinite(v, f"{path}[{k!r}]", depth + 1)
            if r:
                return r
        return None
    if isinstance(obj, (list, tuple)):
        for i, v in enumerate(obj[:1000]):
            r = nonfinite(v, f"{path}[{i}]", depth + 1)
            if r:
                return r
    return None


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


def run(case: Case) -> str | None:
    """Run one case; None when the behaviour is right, else what was wrong."""
    from crmkit.errors import CrmkitWarning

    kwargs = case.make()
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, LIMIT_S)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = case.target.call(**kwargs)
    except Timeout:
        return f"took longer than {LIMIT_S:g} s"
    except CrmkitError as exc:
        if case.expect == DATA and not isinstance(exc, DataError):
            return f"raised {type(exc).__name__} ({exc}), expected a DataError"
        if case.expect == PARAM and not isinstance(exc, ParameterError):
            return f"raised {type(exc).__name__} ({exc}), expected a ParameterError"
        if not str(exc).strip():
            return "raised a CrmkitError without a message"
        return None
    except Exception as exc:  # noqa: BLE001 - the point is to catch every raw traceback
        return f"raw {type(exc).__name__}: {str(exc)[:200]}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    crmkit_warned = any(issubclass(w.category, CrmkitWarning) for w in caught)
    if case.expect in (RAISE, DATA, PARAM):
        if case.target.fit and crmkit_warned and case.expect == RAISE and case.klass in ("one_row",):
            return None
        return f"accepted the bad input silently (returned {type(result).__name__})"
    if case.expect == SAME:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            baseline = case.target.call(**case.target.kwargs())
        if not same(result, baseline):
            return "silently gave a different result for numbers written as text"
    if not case.target.nan_ok:
        where = nonfinite(result)
        if where and not (case.target.fit and crmkit_warned):
            return f"returned a non-finite result: {where}"
    return None


def kind_of(problem: str | None) -> str:
    """How a case's outcome counts in the summary: ok, raw, hang, silent or wrong_error."""
    if problem is None:
        return "ok"
    if problem.startswith("raw "):
        return "raw"
    if problem.startswith("took longer"):
        return "hang"
    if problem.startswith("raised"):
        return "wrong_error"
    return "silent"


def all_targets() -> list[Target]:
    """Every target of every ``cases_*.py`` module beside this file."""
    targets: list[Target] = []
    folder = Path(__file__).parent
    for m in sorted(pkgutil.iter_modules([str(folder)]), key=lambda m: m.name):
        if m.name.startswith("cases_"):
            mod = importlib.import_module(f"{__package__}.{m.name}")
            targets.extend(mod.TARGETS)
    return targets


def all_cases() -> list[Case]:
    return [c for t in all_targets() for c in cases_for(t)]


def declared(name: str, call: Callable[..., Any], kwargs: Callable[[], dict], **extra) -> Target:
    """A target whose parameter roles come from the function's own declaration (``@_validate.params``), so
    the checks and the cases cannot drift apart: every declared number is tried with NaN, inf, complex,
    True, text and None (None only where it is not optional), -1 where the declaration refuses it, 10**9 and
    1e308 for sizes and money, -90 % / -99 % for rates, 1e-320 for shares; options with an unknown option,
    dates with unreadable and out-of-range ones, lists of numbers with bools, words, bare text and None.
    ``extra`` adds what a declaration cannot say (tables, ``nan_ok``, ``skip``)."""
    from crmkit import _validate as v

    decl = getattr(call, "__crmkit_params__", None)
    if decl is None:
        raise TypeError(f"{name} has no @_validate.params declaration")
    roles: dict = {k: [] for k in ("numbers", "nonnegative", "huge", "options", "dates", "sequences", "rates",
                                   "tiny")}
    skip = list(extra.pop("skip", ()))
    for p, c in decl.items():
        if isinstance(c, v.Number):
            roles["numbers"].append(p)
            if c.refuses_minus_one():
                roles["nonnegative"].append(p)
            if c.kind in ("size", "money"):
                roles["huge"].append(p)
            if c.kind == "rate":
                roles["rates"].append(p)
            if c.kind == "share":
                roles["tiny"].append(p)
            if c.optional:
                skip.append(f"none:{p}")
        elif isinstance(c, v.Options):
            roles["options"].append(p)
        elif isinstance(c, v.Date):
            roles["dates"].append(p)
        elif isinstance(c, v.Numbers):
            roles["sequences"].append(p)
            if c.optional:
                skip.append(f"seq_none:{p}")
    for k in list(extra):  # roles a declaration cannot give (a number inside a Custom check) add to the derived ones
        if k in roles:
            roles[k] += [p for p in extra.pop(k) if p not in roles[k]]
    return Target(name, call, kwargs, **{k: tuple(x) for k, x in roles.items()}, skip=tuple(skip), **extra)
