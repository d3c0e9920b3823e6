"""nbgitpuller links (``crmkit hub-link``) and what a pull does to a student's home: the instructor's new
commits arrive, the student's edits stay. The pull runs nbgitpuller's own GitPuller on a local bare repository
in a temporary folder (no network)."""

from __future__ import annotations

import json
import os
import subprocess
from urllib.parse import parse_qs, urlsplit

import pytest

from crmkit import hub
from crmkit.__main__ import main

REPO = "https://github.com/acme/crm-course"


def _query(link):
    parts = urlsplit(link)
    return parts, {k: v[0] for k, v in parse_qs(parts.query).items()}


@pytest.mark.parametrize("chapter, lang, page", [
    ("04", "en", "notebooks/04_rfm.ipynb"), ("4", "zh", "zh/notebooks/04_rfm.ipynb"),
    (None, "en", "notebooks/00_start_here.ipynb"), ("05a", "en", "notebooks/05a_clv_formulas.ipynb")])
def test_the_link_follows_nbgitpullers_form_and_opens_the_chapter(chapter, lang, page):
    parts, q = _query(hub.hub_link("https://hub.example.edu/hub/", repo=REPO, branch="spring-2027", chapter=chapter,
                                   lang=lang))
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "hub.example.edu", "/hub/user-redirect/git-pull")
    assert q == {"repo": REPO, "branch": "spring-2027", "targetpath": "crm-course",
                 "urlpath": f"lab/tree/crm-course/{page}"}


def test_the_command_prints_the_link_and_refuses_bad_input_in_one_line(capsys):
    assert main(["hub-link", "--hub", "https://hub.example.edu", "--chapter", "04", "--lang", "zh",
                 "--repo", REPO]) == 0
    link = capsys.readouterr().out.strip()
    assert link == hub.hub_link("https://hub.example.edu", repo=REPO, chapter="04", lang="zh")
    for argv, words in ((["--hub", "hub.example.edu"], "http(s) address"), (["--chapter", "99"], "unknown chapter"),
                        (["--lang", "fr"], "'en'"), (["--branch", "a b"], "branch")):
        args = ["hub-link", "--hub", "https://hub.example.edu", "--repo", REPO]
        if argv[0] in args:
            args[args.index(argv[0]) + 1] = argv[1]
        else:
            args += argv
        assert main(args) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith("crmkit hub-link: error:") and words in err and "\n" not in err, err


def _git(*args, cwd):
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org", GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def _notebook(text):
    return json.dumps({"cells": [{"cell_type": "code", "execution_count": None, "id": "c1", "metadata": {},
                                  "outputs": [], "source": text}],
                       "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"


def test_a_pull_keeps_the_students_edits_and_brings_the_instructors_changes(tmp_path, monkeypatch):
    pull = pytest.importorskip("nbgitpuller.pull")
    for var, value in (("GIT_AUTHOR_NAME", "t"), ("GIT_AUTHOR_EMAIL", "t@example.org"), ("GIT_COMMITTER_NAME", "t"),
                       ("GIT_COMMITTER_EMAIL", "t@example.org"), ("GIT_CONFIG_GLOBAL", os.devnull),
                       ("GIT_CONFIG_NOSYSTEM", "1")):
        monkeypatch.setenv(var, value)
    # the instructor's course, pushed to a bare repository (the "GitHub" of this test)
    work, bare, home = tmp_path / "instructor", tmp_path / "course.git", tmp_path / "home" / "crm-course"
    (work / "notebooks").mkdir(parents=True)
    (work / "notebooks" / "04_rfm.ipynb").write_text(_notebook("rfm = 'chapter 4'"), encoding="utf-8")
    (work / "notebooks" / "05a_clv.ipynb").write_text(_notebook("clv = 'chapter 5a'"), encoding="utf-8")
    _git("init", "-q", "-b", "main", cwd=work)
    _git("add", ".", cwd=work)
    _git("commit", "-q", "-m", "course", cwd=work)
    _git("clone", "-q", "--bare", str(work), str(bare), cwd=tmp_path)
    _git("remote", "add", "origin", str(bare), cwd=work)

    # the student's first click: the course is cloned into the home
    for _ in pull.GitPuller(str(bare), str(home), branch="main").pull():
        pass
    mine = home / "notebooks" / "04_rfm.ipynb"
    assert "chapter 4" in mine.read_text(encoding="utf-8")
    # the student works: edits chapter 04's notebook and makes a notebook of their own
    mine.write_text(_notebook("rfm = 'my answer, do not lose it'"), encoding="utf-8")
    (home / "notebooks" / "my_notes.ipynb").write_text(_notebook("notes = 1"), encoding="utf-8")

    # the instructor changes the same notebook, another one, and adds a chapter
    (work / "notebooks" / "04_rfm.ipynb").write_text(_notebook("rfm = 'chapter 4, corrected'"), encoding="utf-8")
    (work / "notebooks" / "05a_clv.ipynb").write_text(_notebook("clv = 'chapter 5a, new'"), encoding="utf-8")
    (work / "notebooks" / "06_people.ipynb").write_text(_notebook("people = 'chapter 6'"), encoding="utf-8")
    _git("add", ".", cwd=work)
    _git("commit", "-q", "-m", "week 2", cwd=work)
    _git("push", "-q", "origin", "main", cwd=work)

    # the next click pulls again
    for _ in pull.GitPuller(str(bare), str(home), branch="main").pull():
        pass
    assert "my answer, do not lose it" in mine.read_text(encoding="utf-8")       # the student's edit stays
    assert (home / "notebooks" / "my_notes.ipynb").read_text(encoding="utf-8") == _notebook("notes = 1")
    assert "chapter 5a, new" in (home / "notebooks" / "05a_clv.ipynb").read_text(encoding="utf-8")  # news arrive
    assert "chapter 6" in (home / "notebooks" / "06_people.ipynb").read_text(encoding="utf-8")
