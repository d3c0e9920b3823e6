"""nbval's kernels are started again when one dies before it answers (a port race between parallel
workers, see tests/conftest.py), and only then: a kernel that never starts still fails."""

from __future__ import annotations

import pytest

from tests.conftest import with_retries


def test_a_kernel_that_died_at_start_is_started_again():
    calls = []

    def start(**kwargs):
        calls.append(kwargs)
        if len(calls) < 3:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return "km", "kc"

    assert with_retries(start, 3)(cwd="x") == ("km", "kc")
    assert calls == [{"cwd": "x"}] * 3


def test_a_kernel_that_never_starts_still_fails():
    def start(**kwargs):
        raise RuntimeError("Kernel died before replying to kernel_info")

    with pytest.raises(RuntimeError, match="Kernel died"):
        with_retries(start, 3)()


def test_nbval_uses_the_retrying_start():
    from nbval import kernel

    assert getattr(kernel.start_new_kernel, "crmkit_retries", False)
