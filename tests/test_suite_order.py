"""The suite starts its longest files first (tests/conftest.py): the order names real files and the hook
moves them ahead without changing the order of anything else."""

from __future__ import annotations

from types import SimpleNamespace

from .conftest import LONGEST_FIRST, ROOT, pytest_collection_modifyitems


def test_the_longest_files_first_are_real_files():
    assert all((ROOT / path).is_file() for path in LONGEST_FIRST), "a renamed file dropped out of LONGEST_FIRST"


def test_the_hook_moves_the_longest_files_ahead_and_keeps_every_other_order():
    def item(path, name):
        return SimpleNamespace(path=ROOT / path, name=name)

    items = [item("tests/test_a.py", "a1"), item("notebooks/x.ipynb", "x1"), item(LONGEST_FIRST[1], "g1"),
             item("tests/test_a.py", "a2"), item(LONGEST_FIRST[0], "w1"), item(LONGEST_FIRST[1], "g2")]
    pytest_collection_modifyitems(None, items)
    assert [i.name for i in items] == ["w1", "g1", "g2", "a1", "x1", "a2"]
