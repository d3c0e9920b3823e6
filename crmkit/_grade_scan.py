"""What a submission's source tries to do, read without running it (used by :mod:`crmkit.grade`).

:func:`scan` reads every code cell (IPython magics and ``!`` commands translated to Python first) and
returns :class:`Flag` objects for what no honest answer needs:

- ``reads answers``: ``.expected``, ``_expected...``, ``.solution``, an open question's ``.model_answer``, ``qK.spec()``, importing
  ``crmkit.exercises._core`` / ``_source``;
- ``patches the checker``: assigning to (or deleting) an attribute of anything imported from
  crmkit or a question, ``setattr``/``delattr`` on them, reaching into ``__dict__``, ``__code__``,
  ``__closure__``, ``__globals__``;
- ``runs processes``: ``os.fork``/``kill``/``system``/``exec``/``spawn``, ``subprocess``,
  ``multiprocessing``, ``pty``, ``ctypes``, shell commands (``!cmd``, ``%%bash``);
- ``writes outside its folder``: a file written, moved or deleted at an absolute path, a path
  with ``..`` or one derived from ``__file__``;
- ``tampers with the grader``: the grader's own names and files;
- ``solution notebook``: a ``# BEGIN SOLUTION`` marker (the solutions notebook handed in).

A scan can be fooled by code built at run time (``exec`` of assembled text); the grader also watches
the kernel at run time and, above all, never trusts what the kernel reports (see :mod:`crmkit.grade`).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

__all__ = ["Flag", "scan", "READS", "PATCHES", "PROCESSES", "WRITES", "GRADER", "SOLUTION", "question_refs"]

READS = "reads answers"
PATCHES = "patches the checker"
PROCESSES = "runs processes"
WRITES = "writes outside its folder"
GRADER = "tampers with the grader"
SOLUTION = "solution notebook"

_QREF = re.compile(r"\b(ch(?:\d+[a-z]?|A\d+))\.(q\d+)\b")
_ANSWER_ATTRS = {"expected", "solution", "_legacy_solution", "model_answer"}
_PATCH_ATTRS = {"check", "hint", "solution", "expected", "_compare", "_fb", "_number_status", "_value_status",
                "_expected_fn", "_expected_cache", "__class__", "__code__", "__call__"}
_DUNDERS = {"__dict__", "__code__", "__closure__", "__globals__", "__wrapped__", "__func__", "__defaults__",
            "__kwdefaults__"}
_PROCESS_MODULES = {"subprocess", "multiprocessing", "pty", "ctypes", "_ctypes", "cffi", "signal", "_posixsubprocess",
                    "concurrent", "pexpect", "sh", "plumbum"}
_OS_PROCESS = re.compile(r"^(fork|forkpty|kill|killpg|setsid|setpgid|system|popen|spawn\w*|exec\w*|posix_spawn\w*|"
                         r"pidfd_\w+|setuid|setgid|setresuid|nice|sched_\w+)$")
_SHELL_MAGICS = {"bash", "sh", "script", "system", "sx", "perl", "ruby", "python2", "python3", "pypy", "writefile",
                 "file", "run", "env", "set_env", "load", "loadpy", "store", "cd", "sc", "alias"}
_WRITERS = {"open", "write_text", "write_bytes", "to_csv", "to_excel", "to_parquet", "to_pickle", "to_json",
            "to_html", "to_sql", "to_feather", "to_hdf", "savefig", "savetxt", "remove", "unlink",
            "rmtree", "rmdir", "removedirs", "rename", "renames", "replace", "mkdir", "makedirs", "copy", "copy2",
            "copyfile", "copytree", "copymode", "copystat", "move", "touch", "chmod", "chown", "lchown", "truncate",
            "symlink", "symlink_to", "link", "hardlink_to", "link_to", "utime", "mkfifo", "mknod"}
_PATH_ONLY = {"rename", "renames", "replace", "copy", "move", "link", "remove"}  # also str/DataFrame methods
_GRADER_TEXT = re.compile(r"crmkit-out|crmkit-grader|records\.jsonl|_crmkit_grade|executed\.ipynb|status\.json")


@dataclass(frozen=True)
class Flag:
    """Something a submission did or tried; ``questions`` None means every question."""

    kind: str
    detail: str
    questions: tuple | None = None
    cell: int | None = None  # the cell's number in the submission (1 = first code cell), when known

    def describe(self) -> str:
        where = f" (cell {self.cell})" if self.cell else ""
        return f"{self.kind}: {self.detail}{where}"


def question_refs(source: str) -> set[str]:
    return {f"{c}.{q}" for c, q in _QREF.findall(source)}


def _python(source: str) -> str:
    try:
        from IPython.core.inputtransformer2 import TransformerManager

        return TransformerManager().transform_cell(source)
    except Exception:  # noqa: BLE001 - IPython missing or the transformer failed: comment magics out
        return "\n".join("pass  # " + ln if ln.lstrip().startswith(("%", "!")) else ln for ln in source.splitlines())


def _root(node) -> str | None:
    """The name an expression starts from: ``a`` for ``a.b[0].c()``."""
    while True:
        if isinstance(node, ast.Attribute):
            node = node.value
        elif isinstance(node, ast.Subscript):
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Starred):
            node = node.value
        elif isinstance(node, ast.Name):
            return node.id
        else:
            return None


def _names_in(node) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _crmkit_names(trees) -> set[str]:
    """Names bound to crmkit objects: imports from crmkit, and names assigned or looped from them."""
    names: set[str] = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for a in node.names:
                    if a.name.split(".")[0] == "crmkit":
                        names.add((a.asname or a.name).split(".")[0])
            elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "crmkit":
                names |= {a.asname or a.name for a in node.names}
    for _ in range(5):  # aliases of aliases
        before = len(names)
        for tree in trees:
            for node in ast.walk(tree):
                if isinstance(node, (ast.Assign, ast.AnnAssign, ast.NamedExpr)) and node.value is not None:
                    if _names_in(node.value) & names:
                        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                        for t in targets:
                            names |= {n.id for n in ast.walk(t) if isinstance(n, ast.Name)}
                elif isinstance(node, (ast.For, ast.comprehension)) and _names_in(node.iter) & names:
                    names |= {n.id for n in ast.walk(node.target) if isinstance(n, ast.Name)}
        if len(names) == before:
            break
    return names


def _text(node, source) -> str:
    try:
        return ast.get_source_segment(source, node) or ""
    except Exception:  # noqa: BLE001
        return ""


def _outside_path(node) -> bool:
    """Whether an expression names a path outside the submission's folder."""
    for n in ast.walk(node):
        if isinstance(n, ast.Constant) and isinstance(n.value, (str, bytes)):
            s = n.value.decode("latin-1") if isinstance(n.value, bytes) else n.value
            s = s.strip()
            if s.startswith(("/", "~", "\\")) or re.match(r"^[A-Za-z]:[\\/]", s) or ".." in re.split(r"[\\/]", s):
                if not s.startswith("/dev/null") and s != "/":
                    return True
        if isinstance(n, ast.Attribute) and n.attr in ("__file__", "home", "parent", "parents", "__path__"):
            return True
        if isinstance(n, ast.Name) and n.id in ("__file__",):
            return True
    return False


def _write_mode(call: ast.Call) -> bool:
    mode = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "mode"), None)
    return isinstance(mode, ast.Constant) and isinstance(mode.value, str) and any(c in mode.value for c in "wax+")


def _scan_tree(tree, source, crm, cell_no, checked, out):
    def flag(kind, node, detail=None, questions=None):
        text = detail or " ".join(_text(node, source).split())[:120]
        out.append(Flag(kind, text, questions, cell_no))

    cell_questions = tuple(sorted(question_refs(source) | checked)) or None
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            if node.attr in _ANSWER_ATTRS or node.attr.startswith("_expected"):
                if not isinstance(node.ctx, ast.Store):
                    flag(READS, node, questions=cell_questions)
            elif node.attr == "spec" and _QREF.search(_text(node.value, source) or "") or (
                    node.attr == "spec" and _root(node.value) in crm and _root(node.value) not in ("data",)
                    and "data" not in _text(node.value, source)):
                flag(READS, node, questions=cell_questions)
            elif node.attr in _DUNDERS and (_root(node) in crm or node.attr != "__dict__"):
                flag(PATCHES, node)
            elif (isinstance(node.value, ast.Name) and node.value.id == "os" and _OS_PROCESS.match(node.attr)):
                flag(PROCESSES, node)
            elif node.attr in ("system", "getoutput", "run_cell_magic", "run_line_magic") and _root(node) == "get_ipython":
                pass  # handled with the call below
        elif isinstance(node, ast.Name):
            if node.id.startswith("_expected") or node.id in ("_crmkit_grade_finish", "_crmkit_grade_state"):
                flag(READS if node.id.startswith("_expected") else GRADER, node, questions=cell_questions
                     if node.id.startswith("_expected") else None)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            mods = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            names = [a.name for a in node.names]
            for m in mods:
                if m.split(".")[0] in _PROCESS_MODULES:
                    flag(PROCESSES, node, detail=f"imports {m}")
            if any(p in ("_core", "_source") for m in mods for p in m.split(".")) or (
                    isinstance(node, ast.ImportFrom) and (node.module or "").startswith("crmkit")
                    and {"_core", "_source"} & set(names)):
                flag(READS, node, detail=" ".join(_text(node, source).split())[:120], questions=None)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            s = node.value
            if _GRADER_TEXT.search(s):
                flag(GRADER, node)
            elif re.search(r"exercises\W+_(core|source)\b|\b_(core|source)\.py\b", s) or s.startswith("_expected"):
                flag(READS, node)
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
            targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
            for t in targets:
                for sub in ast.walk(t):
                    if isinstance(sub, ast.Attribute) and isinstance(sub.ctx, (ast.Store, ast.Del)):
                        if _root(sub) in crm or sub.attr in _PATCH_ATTRS:
                            flag(PATCHES, node, detail=" ".join(_text(sub, source).split())[:80] + " = ...")
                    elif isinstance(sub, ast.Subscript) and isinstance(sub.ctx, (ast.Store, ast.Del)):
                        base = _text(sub.value, source)
                        if _root(sub) in crm and ("__dict__" in base or "vars(" in base):
                            flag(PATCHES, node, detail=" ".join(base.split())[:80] + "[...] = ...")
        elif isinstance(node, ast.Call):
            fn = node.func
            name = fn.attr if isinstance(fn, ast.Attribute) else fn.id if isinstance(fn, ast.Name) else ""
            if name in ("setattr", "delattr", "__setattr__", "__delattr__") and node.args:
                target = node.args[0]
                if _root(target) in crm or _names_in(target) & crm or _root(fn) in crm or name.startswith("__") or (
                        len(node.args) > 1 and isinstance(node.args[1], ast.Constant)
                        and node.args[1].value in _PATCH_ATTRS):
                    flag(PATCHES, node)
            elif name in ("getattr", "vars", "__getattribute__") and len(node.args) > 1 and isinstance(
                    node.args[1], ast.Constant) and isinstance(node.args[1].value, str) and (
                    node.args[1].value in _ANSWER_ATTRS or node.args[1].value.startswith("_expected")):
                flag(READS, node, questions=cell_questions)
            elif name in ("system", "getoutput") and _root(fn) == "get_ipython":
                flag(PROCESSES, node, detail="a shell command (!...)")
            elif name in ("run_cell_magic", "run_line_magic") and _root(fn) == "get_ipython" and node.args:
                magic = node.args[0].value if isinstance(node.args[0], ast.Constant) else ""
                if magic in _SHELL_MAGICS:
                    flag(PROCESSES, node, detail=f"the %{magic} magic")
                else:  # %time, %%capture ...: the Python inside is scanned too
                    for a in node.args[1:]:
                        if isinstance(a, ast.Constant) and isinstance(a.value, str) and a.value.strip():
                            _scan_source(a.value, crm, cell_no, checked, out)
            elif name in ("exec", "eval", "compile", "__import__", "import_module") and isinstance(fn, (ast.Name, ast.Attribute)):
                for a in node.args[:1]:
                    if isinstance(a, ast.Constant) and isinstance(a.value, str):
                        _scan_source(a.value, crm, cell_no, checked, out)
            if name in _WRITERS:
                writes = name != "open" or _write_mode(node)
                if name in _PATH_ONLY and _root(fn) not in ("os", "shutil", "Path", "pathlib"):
                    writes = False
                if writes and _outside_path(node):
                    flag(WRITES, node)


def _scan_source(source, crm, cell_no, checked, out):
    code = _python(source)
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        _scan_text(source, cell_no, out)
        return
    _scan_tree(tree, code, crm, cell_no, checked, out)


def _scan_text(source, cell_no, out):
    """A cell that is not Python: the plain-text patterns."""
    refs = tuple(sorted(question_refs(source))) or None
    for pat, kind in ((r"\.expected\b|_expected|\.model_answer\b", READS), (r"\.solution\s*\(", READS), (r"\b_(core|source)\b", READS),
                      (r"\bsetattr\s*\(|\.check\s*=[^=]", PATCHES), (r"\bos\.(fork|kill|system)|subprocess", PROCESSES)):
        m = re.search(pat, source)
        if m:
            out.append(Flag(kind, m.group(0), refs if kind == READS else None, cell_no))


_CHECK = re.compile(r"\b(ch(?:\d+[a-z]?|A\d+))\.(q\d+)\.check\s*\(")


def scan(sources) -> list[Flag]:
    """Flags for the code cells' sources (in order; cell numbers count code cells from 1)."""
    out: list[Flag] = []
    trees = []
    for src in sources:
        try:
            trees.append(ast.parse(_python(src)))
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            pass
    crm = _crmkit_names(trees)
    for i, src in enumerate(sources, 1):
        if ("# BEGIN SOLUTION" in src or "# END SOLUTION" in src) and not any(f.kind == SOLUTION for f in out):
            out.append(Flag(SOLUTION, "the notebook holds '# BEGIN SOLUTION' regions (a solutions notebook)", None, i))
        checked = {f"{c}.{q}" for c, q in _CHECK.findall(src)}
        _scan_source(src, crm, i, checked, out)
    seen, unique = set(), []
    for f in out:
        key = (f.kind, f.detail, f.cell)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique
