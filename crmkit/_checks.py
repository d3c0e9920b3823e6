"""Checks of plain-number parameters shared by the analytic modules (one message style)."""

from __future__ import annotations

import math

import numpy as np

from .errors import ParameterError


def number(name, value, low=None, high=None, low_open=False, integer=False):
    """``value`` as a float (or int with ``integer``), or a ParameterError naming ``name`` and the valid range."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ParameterError(f"{name} must be a number, not {value!r}.")
    v = float(value)
    if not math.isfinite(v):
        raise ParameterError(f"{name} must be a finite number, not {value!r}.")
    if low is not None and (v < low or (low_open and v == low)):
        raise ParameterError(f"{name} must be {'more than' if low_open else 'at least'} {low}; got {value!r}.")
    if high is not None and v > high:
        raise ParameterError(f"{name} must be at most {high}; got {value!r}.")
    if integer and v != int(v):
        raise ParameterError(f"{name} must be a whole number; got {value!r}.")
    return int(v) if integer else v
