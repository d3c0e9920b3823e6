"""Committed notebooks carry no wall-clock: no cell timings in their metadata.

`jupyter nbconvert --execute` records when each cell started and finished (nbclient's ``record_timing``) in
the cell's metadata. It is not an output, so nbval never sees it, but it is the time of one machine's run,
it changes at every re-execution (a diff in every cell), and it is no part of the course. CONTRIBUTING's
command turns it off; this test keeps the committed notebooks free of it.
"""

from __future__ import annotations

import json

from .conftest import ROOT

FOLDERS = ("notebooks", "solutions", "exercises", "zh/notebooks", "zh/solutions", "zh/exercises",
           "apps/en", "apps/zh")


def timed_cells(nb: dict) -> list[int]:
    return [i for i, c in enumerate(nb.get("cells", [])) if "execution" in c.get("metadata", {})]


def test_no_committed_notebook_records_cell_timings():
    found = {}
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            cells = timed_cells(json.loads(path.read_text(encoding="utf-8")))
            if cells:
                found[str(path.relative_to(ROOT))] = cells[:5]
    assert not found, ("cell timings (metadata 'execution') in: " + ", ".join(found)
                       + "; execute with --ExecutePreprocessor.record_timing=False")


def test_the_check_finds_a_timed_cell():
    nb = {"cells": [{"cell_type": "code", "metadata": {}},
                    {"cell_type": "code", "metadata": {"execution": {"iopub.execute_input": "2026-01-01T00:00:00Z"}}}]}
    assert timed_cells(nb) == [1]
