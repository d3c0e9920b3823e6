"""One exception family for the whole kit (错误类型).

Every error a learner can trigger with bad input is a :class:`CrmkitError`:

* :class:`DataError` -- a table is wrong: a missing column, unparsable dates, NaN ids,
  negative amounts, an empty table ...
* :class:`ParameterError` -- a number or option is wrong: a rate outside 0..1,
  an unknown method name, a horizon of -3 years ...

Messages name the column, the rows or the value at fault and say what would be valid,
so a student can fix the input without reading a traceback.
"""

from __future__ import annotations

__all__ = [
    "CrmkitError",
    "DataError",
    "ParameterError",
    "NotFittedError",
    "CrmkitWarning",
    "FitWarning",
    "describe_rows",
]


class CrmkitError(Exception):
    """Base class of every error raised on purpose by crmkit."""


class DataError(CrmkitError, ValueError):
    """A table (DataFrame, Series, file) does not have the shape or values crmkit needs."""


class ParameterError(CrmkitError, ValueError):
    """A number or option passed to a crmkit function is out of its valid range."""


class NotFittedError(CrmkitError, AttributeError):
    """A model's fitted values were asked for before ``fit()`` (also an AttributeError, so
    ``hasattr(model, "params_")`` is False before fitting, as in scikit-learn)."""


class CrmkitWarning(UserWarning):
    """Base class of the kit's warnings: the result is returned, but read it with care."""


class FitWarning(CrmkitWarning):
    """A fitted model cannot be trusted as it stands: the optimiser stopped at a bound, did not
    converge, or the data cannot identify the parameters. The message says why and what data
    would help."""


def describe_rows(labels, limit: int = 5) -> str:
    """Name a few offending row labels: ``"rows 3, 17, 20 (and 4 more)"``."""
    labels = list(labels)
    if not labels:
        return "no rows"
    shown = ", ".join(str(x) for x in labels[:limit])
    more = f" (and {len(labels) - limit} more)" if len(labels) > limit else ""
    word = "row" if len(labels) == 1 else "rows"
    return f"{word} {shown}{more}"
