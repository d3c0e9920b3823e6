"""crmkit.lab (the kit's Chinese font as a web font) in the bad-input harness: ``copy_font`` refuses a
folder that is not a path, an existing file, or a place it cannot make, with a ParameterError."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from crmkit import lab

from .harness import Target


@functools.lru_cache(maxsize=1)
def _base() -> Path:
    base = Path(tempfile.mkdtemp(prefix="crmkit-bad-lab-"))
    atexit.register(shutil.rmtree, base, True)  # the folder this module made, and nothing else
    (base / "a-file").write_text("not a folder", encoding="utf-8")
    return base


TARGETS = [
    Target("lab.copy_font", lab.copy_font, lambda: {"folder": _base() / "out"},
           bad=(("none", "folder", None), ("number", "folder", 3), ("bool", "folder", True), ("text", "folder", ""),
                ("file", "folder", lambda: _base() / "a-file"),
                ("under_a_file", "folder", lambda: _base() / "a-file" / "sub"))),
    Target("lab.page_css", lab.page_css, lambda: {}),
]
