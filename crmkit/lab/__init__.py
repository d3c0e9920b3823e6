"""The kit's Chinese font as a web font, wherever the kit shows HTML (网页中文字体).

A browser without a system CJK font draws Chinese as empty boxes. The kit ships its own font,
"Crmkit Sans SC" (``crmkit/fonts/``, SIL OFL), and serves it as a web font:

- **JupyterLab** (chapters, widget labels, tables, menus): this package is a Jupyter server
  extension. Enabled by ``{sys.prefix}/etc/jupyter/jupyter_server_config.d/crmkit.json`` (which
  ``make install`` and Binder's ``postBuild`` install from ``jupyterlab-settings/``), it turns on
  JupyterLab's custom CSS (``LabApp.custom_css``: the page links ``/custom/custom.css``) and puts
  two folders first in the server's custom-file search path (``static_custom_path``): this
  package's ``static/`` (``custom.css``) and ``crmkit/fonts/`` (the font, found by the relative
  address in the CSS). The CSS declares the font face and appends the family *after* JupyterLab's
  Latin families in its font variables, so Latin text keeps its look and hanzi get glyphs.
- **Static pages** (the site, the slides, the gradebook and feedback pages): :func:`copy_font`
  puts the font and its licence beside the pages and :func:`page_css` is the style they link.

``unicode-range`` limits the face to CJK characters, so a page without Chinese never downloads it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..i18n import BUNDLED_FAMILY, BUNDLED_FONT

__all__ = ["FAMILY", "FONT", "STATIC", "CSS", "copy_font", "page_css"]

FAMILY = BUNDLED_FAMILY
FONT = BUNDLED_FONT
LICENCE = FONT.parent / "OFL.txt"
STATIC = Path(__file__).resolve().parent / "static"
#: The CSS JupyterLab loads (``/custom/custom.css``); static pages use the same file.
CSS = STATIC / "custom.css"
def page_css() -> str:
    """The kit's web-font style sheet (the same file JupyterLab loads), as text."""
    return CSS.read_text(encoding="utf-8")


def copy_font(folder) -> Path:
    """Copy the font and its licence (the OFL asks for it beside every copy) into ``folder``;
    the style sheet ``crmkit-font.css`` goes with them, addressing the font relatively. Returns the
    style sheet's path. Files already there unchanged are left alone."""
    from ..errors import ParameterError

    if isinstance(folder, bool) or not isinstance(folder, (str, os.PathLike)) or not str(folder).strip():
        raise ParameterError(f"the folder for the kit's font must be a path, not {folder!r}")
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ParameterError(f"{folder} exists and is not a folder: the font cannot be copied into it")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ParameterError(f"cannot make the folder {folder} for the kit's font: {exc.strerror or exc}") from None
    for src, name in ((FONT, FONT.name), (LICENCE, "OFL.txt"), (CSS, "crmkit-font.css")):
        dest = folder / name
        if dest.is_file() and dest.read_bytes() == src.read_bytes():
            continue
        shutil.copyfile(src, dest)
    return folder / "crmkit-font.css"


# -- the Jupyter server extension --------------------------------------------------------------

def _jupyter_server_extension_points():
    return [{"module": "crmkit.lab"}]


def _link_jupyter_server_extension(serverapp) -> None:
    """Turn on JupyterLab's custom CSS unless the user's configuration says otherwise. (Extensions
    are linked in the order of their names, so JupyterLab, linked after crmkit.lab, reads it; a
    ``--LabApp.custom_css=False`` on the command line still wins.)"""
    lab = serverapp.config.LabApp
    if "custom_css" not in lab:
        lab.custom_css = True


def _load_jupyter_server_extension(serverapp) -> None:
    """Put the kit's CSS and font folders first where the server looks for ``/custom/`` files."""
    paths = serverapp.web_app.settings.setdefault("static_custom_path", [])
    for folder in (str(FONT.parent), str(STATIC)):
        if folder in paths:
            paths.remove(folder)
        paths.insert(0, folder)
    serverapp.log.info("crmkit: the kit's Chinese font is served to JupyterLab (/custom/custom.css)")
