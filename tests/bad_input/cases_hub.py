"""crmkit.hub (nbgitpuller links for a class on a JupyterHub) and ``crmkit hub-link`` in the bad-input harness:
a hub or repository that is not an http(s) address, an unknown chapter, a language other than en/zh, a branch
or folder that is not a name: each a ParameterError (the command: one line, exit code 2)."""

from __future__ import annotations

import contextlib
import io

from crmkit import hub
from crmkit._cli import CommandError

from .harness import Target

REPO = "https://github.com/acme/crm-course"
_URLS = (("text", "hub", "hub.example.edu"), ("empty", "hub", ""), ("scheme", "hub", "ftp://hub.example.edu"),
         ("javascript", "hub", "javascript:alert(1)"), ("spaces", "hub", "https://hub example.edu"),
         ("credentials", "hub", "https://me:secret@hub.example.edu"), ("query", "hub", "https://hub.example.edu/?x=1"),
         ("no_host", "hub", "https://"), ("none", "hub", None), ("number", "hub", 3),
         ("text", "repo", "acme/crm-course"), ("scheme", "repo", "file:///srv/course.git"), ("empty", "repo", ""),
         ("credentials", "repo", "https://token@github.com/acme/crm-course"), ("none", "repo", None))
_NAMES = (("unknown", "chapter", "99"), ("unknown", "chapter", "4b"), ("text", "chapter", "rfm"),
          ("bool", "chapter", True), ("float", "chapter", 4.0), ("unknown", "lang", "fr"), ("empty", "lang", ""),
          ("none", "lang", None), ("escape", "branch", "../main"), ("option_like", "branch", "-x"),
          ("spaces", "branch", "my branch"), ("empty", "branch", ""), ("escape", "folder", ".."),
          ("escape", "folder", "a/b"), ("option_like", "folder", "-x"), ("empty", "folder", ""))


def cli_hub_link(hub_url="https://hub.example.edu", chapter="04", lang="en", branch="main", repo=REPO):
    """``crmkit hub-link --hub URL --chapter NN --lang L --branch B --repo R``; a failure is one line."""
    err = io.StringIO()
    argv = ["--hub", hub_url, "--chapter", chapter, "--lang", lang, "--branch", branch, "--repo", repo]
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = hub.main(argv)
    if code != 0:
        message = err.getvalue().strip()
        assert "\n" not in message and "Traceback" not in message, message
        raise CommandError(message or f"exit code {code}")
    return code


TARGETS = [
    Target("hub.hub_link", hub.hub_link, lambda: {"hub": "https://hub.example.edu", "repo": REPO, "chapter": "04"},
           options=("lang",), bad=_URLS + _NAMES),
    Target("hub.chapter_path", hub.chapter_path, lambda: {"chapter": "04", "lang": "zh"}, options=("lang",),
           bad=tuple(b for b in _NAMES if b[1] in ("chapter", "lang"))),
    Target("hub.git_pull_path", hub.git_pull_path, lambda: {"repo": REPO, "branch": "main"},
           bad=tuple(b for b in _NAMES if b[1] in ("branch", "folder")) + (("none", "repo", None), ("empty", "repo", ""))),
    Target("cli.hub_link", cli_hub_link, lambda: {},
           bad=tuple((k, {"hub": "hub_url"}.get(p, p), v) for k, p, v in _URLS + _NAMES
                     if isinstance(v, str) and p != "folder")),
]
