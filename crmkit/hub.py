"""The course on a JupyterHub (课程部署到 JupyterHub): nbgitpuller links for students.

A class is served by a JupyterHub (``deploy/``: The Littlest JupyterHub's kind of set-up on one machine,
Zero to JupyterHub on Kubernetes beyond it). A student opens a *link*; nbgitpuller, a server extension in
the course's environment, clones the course into the student's home the first time and afterwards merges
the instructor's new commits without overwriting what the student changed, then opens the page.

    crmkit hub-link --hub https://hub.example.edu --chapter 04            # chapter 04 for a student
    crmkit hub-link --hub https://hub.example.edu --chapter 04 --lang zh  # its Chinese edition (中文版)

The link follows nbgitpuller's documented form,
``{hub}/hub/user-redirect/git-pull?repo=...&branch=...&targetpath=...&urlpath=lab/tree/...``:
``user-redirect`` sends each student to their own server, ``targetpath`` is the folder the course is
cloned into (``crm-course``, the same in ``deploy/``), ``urlpath`` the page opened afterwards.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

from .errors import ParameterError

__all__ = ["FOLDER", "START", "chapter_path", "git_pull_path", "hub_link"]

#: The folder of a student's home the course is pulled into (``deploy/`` uses the same name).
FOLDER = "crm-course"
#: The start page, relative to the course's root.
START = "notebooks/00_start_here.ipynb"
ROOT = Path(__file__).resolve().parent.parent

_BRANCH = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/\-]{0,99}")
_FOLDER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._\-]{0,99}")


def _text(name, value) -> str:
    if isinstance(value, bool) or not isinstance(value, str) or not value.strip():
        raise ParameterError(f"{name} must be a non-empty text, not {value!r}")
    if any(c.isspace() for c in value.strip()) or len(value) > 2000:
        raise ParameterError(f"{name} must be one address or name without spaces, not {value[:80]!r}")
    return value.strip()


def _http_url(name, value, example) -> str:
    value = _text(name, value)
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ParameterError(f"{name} must be an http(s) address such as {example}, not {value!r}")
    if parts.username or parts.password:
        raise ParameterError(f"{name} must not hold a user name or password ({parts.scheme}://{parts.hostname}...): "
                             "a link is shared with every student")
    if parts.query or parts.fragment:
        raise ParameterError(f"{name} must be a plain address without '?' or '#', not {value!r}")
    return value.rstrip("/")


def chapter_path(chapter=None, *, lang: str = "en") -> str:
    """The course-relative path of a chapter's notebook (``notebooks/04_rfm.ipynb``), of its Chinese edition
    (``zh/notebooks/04_rfm.ipynb``), or of the start page when ``chapter`` is None. ``chapter`` is a number
    of the chapter map (``crmkit.course``): ``"04"``, ``4``, ``"05a"``."""
    from .course import CHAPTERS

    if lang not in ("en", "zh"):
        raise ParameterError(f"lang must be 'en' (English) or 'zh' (the Chinese edition, 中文版), not {lang!r}")
    prefix = "zh/" if lang == "zh" else ""
    if chapter is None:
        return prefix + START
    if isinstance(chapter, bool) or not isinstance(chapter, (int, str)):
        raise ParameterError(f"chapter must be a chapter number such as '04', not {chapter!r}")
    key = str(chapter).strip().lower()
    if re.fullmatch(r"\d[a-z]?", key):
        key = "0" + key
    numbers = [c.number for c in CHAPTERS]
    for c in CHAPTERS:
        if c.number == key:
            return f"{prefix}notebooks/{c.notebook}"
    raise ParameterError(f"unknown chapter {str(chapter)[:40]!r}; the chapters are {', '.join(numbers)}")


def git_pull_path(repo: str, *, branch: str = "main", path: str = START, folder: str = FOLDER) -> str:
    """The single-user server's nbgitpuller address (``git-pull?repo=...``), without the hub's part: what
    ``deploy/`` sets as the default URL so that every login brings the course up to date and opens
    ``path`` (course-relative)."""
    repo = _text("repo", repo)
    branch = _text("branch", branch)
    if not _BRANCH.fullmatch(branch) or ".." in branch or branch.endswith((".lock", "/", ".")):
        raise ParameterError(f"branch {branch!r} is not a git branch name (letters, digits, '.', '_', '-', '/')")
    folder = _text("folder", folder)
    if not _FOLDER.fullmatch(folder) or folder in (".", ".."):
        raise ParameterError(f"folder {folder!r} must be one folder name (letters, digits, '.', '_', '-')")
    query = urlencode({"repo": repo, "branch": branch, "targetpath": folder,
                       "urlpath": f"lab/tree/{folder}/{path}"}, quote_via=quote)
    return f"git-pull?{query}"


def hub_link(hub: str, *, repo: str, branch: str = "main", chapter=None, lang: str = "en",
             folder: str = FOLDER) -> str:
    """The nbgitpuller link that opens a chapter (or the start page) of the course for a student of the hub.

    >>> hub_link("https://hub.example.edu", repo="https://github.com/acme/crm-course", chapter="04")
    'https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Facme%2Fcrm-course&branch=main&targetpath=crm-course&urlpath=lab%2Ftree%2Fcrm-course%2Fnotebooks%2F04_rfm.ipynb'
    """
    hub = _http_url("hub", hub, "https://hub.example.edu")
    hub = re.sub(r"/hub$", "", hub)  # the address of the hub's home page is the hub too
    repo = _http_url("repo", repo, "https://github.com/OWNER/REPO")
    path = chapter_path(chapter, lang=lang)
    return f"{hub}/hub/user-redirect/{git_pull_path(repo, branch=branch, path=path, folder=folder)}"


def _remote_url(root, remote: str = "origin") -> str:
    """The course repository's git remote as an https address (what a student's server can clone)."""
    from ._cli import git_remote

    url, problem = git_remote(root, remote)
    if problem:
        raise ParameterError(f"could not ask git for the course's remote ({problem}); give --repo URL")
    if not url:
        raise ParameterError(f"the course has no git remote {remote!r}; give the repository students pull "
                             "from with --repo https://github.com/OWNER/REPO")
    m = re.fullmatch(r"(?:ssh://)?git@([\w.\-]+)[:/]([\w.\-]+/[\w.\-]+?)(?:\.git)?/?", url)
    return f"https://{m.group(1)}/{m.group(2)}" if m else url


def main(argv=None) -> int:
    """``crmkit hub-link``: print the nbgitpuller link of a chapter for the students of a hub."""
    import argparse

    from ._cli import ArgumentParser, run

    prog = "crmkit hub-link"

    def body() -> int:
        ap = ArgumentParser(prog=prog, description="The nbgitpuller link that opens a chapter of the course for "
                            "a student of a JupyterHub (为学生生成 nbgitpuller 链接).")
        ap.add_argument("--hub", required=True, help="the hub's address, e.g. https://hub.example.edu")
        ap.add_argument("--branch", default="main", help="the branch students pull (default: main)")
        ap.add_argument("--chapter", help="a chapter number such as 04 (default: the start page)")
        ap.add_argument("--lang", default="en", help="en (English) or zh (the Chinese edition, 中文版)")
        ap.add_argument("--repo", help="the course repository students pull from (default: its git remote)")
        ap.add_argument("--root", default=str(ROOT), help=argparse.SUPPRESS)
        args = ap.parse_args(sys.argv[1:] if argv is None else argv)
        _http_url("hub", args.hub, "https://hub.example.edu")  # the hub and the chapter are checked before git is asked
        chapter_path(args.chapter, lang=args.lang)
        repo = args.repo if args.repo is not None else _remote_url(args.root)
        print(hub_link(args.hub, repo=repo, branch=args.branch, chapter=args.chapter, lang=args.lang))
        return 0

    return run(prog, body)

