"""How many students one machine serves: a load test of the course's JupyterHub (deploy/jupyterhub_config.py).

    python benchmarks/hub_load.py --students 10 20 30 40       (make bench-hub)
    python benchmarks/hub_load.py --by-chapter                  memory of one student, chapter by chapter

For each class size N, a fresh hub on loopback (dummy authenticator, temporary folder, crmkit._hubrun):
N simulated students arrive over --ramp seconds; each signs in through the login form, starts a server
through the hub's REST API, opens chapter 04 (notebooks/04_rfm.ipynb) in a kernel and runs every code cell
through the proxy's websocket, then moves the chapter's widget (the "as of" slider of the classification
explorer: a comm message, as the browser sends) every --every seconds until the run's --duration is over.
Each run is bounded: at the deadline the hub is stopped, whatever is unfinished counts as a failure.

Reported per N: spawn time (median, p95), cell latency over all cells of chapter 04 (median, p95), the
whole chapter's run time (median), widget-change latency (median, p95: from the comm message to the kernel's
idle, i.e. the redraw done), failures (students who could not sign in, start, finish the chapter, or whose
widget change failed), memory per student (peak RSS of the student's server and kernel, median) and the
machine's load. A table on stdout, the numbers in build/hub_load/results.json and a plot in
build/hub_load/hub_load.png (build/ is not committed: the numbers depend on the machine and its load). The
run the README quotes is kept in benchmarks/results/ (hub_load.json, hub_load_by_chapter.json and the plot,
66 KB): a record of that measurement, not a reproducible output.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crmkit import _hubrun  # noqa: E402

CHAPTER = ROOT / "notebooks" / "04_rfm.ipynb"
OUT = ROOT / "build" / "hub_load"


def pct(values, q):
    if not values:
        return float("nan")
    v = sorted(values)
    return v[min(len(v) - 1, max(0, round(q / 100 * (len(v) - 1))))]


class Student(threading.Thread):
    def __init__(self, hub, name, delay, deadline, every):
        super().__init__(daemon=True)
        self.hub, self.name, self.delay, self.deadline, self.every = hub, name, delay, deadline, every
        self.spawn = None
        self.cells: list[float] = []
        self.chapter = None
        self.widget: list[float] = []
        self.failure = None
        self.done = False

    def run(self):
        kernel = None
        try:
            time.sleep(self.delay)
            self.hub.login(self.name)
            self.spawn = self.hub.spawn(self.name, timeout=max(5.0, self.deadline - time.monotonic()))
            kernel = _hubrun.Kernel(self.hub, self.name, timeout=max(5.0, self.deadline - time.monotonic()))
            t0 = time.monotonic()
            self.cells = kernel.run_notebook(self.hub.dir / "homes" / self.name / "crm-course" / "notebooks"
                                             / CHAPTER.name)
            self.chapter = time.monotonic() - t0
            slider = next(((cid, s) for cid, s in kernel.comms.items()
                           if s.get("_model_name") == "SelectionSliderModel"), None)
            if slider is None:
                raise _hubrun.HubError("chapter 04's widget opened no selection slider")
            cid, state = slider
            n = len(state.get("_options_labels", [])) or 2
            i = 0
            while time.monotonic() + self.every < self.deadline:
                time.sleep(self.every)
                i += 1
                self.widget.append(kernel.widget_change(cid, {"index": n - 1 - (i % 2)}))
            self.done = True
        except Exception as exc:  # noqa: BLE001 - every failure of a student is counted, and the run goes on
            if time.monotonic() >= self.deadline - 1 and self.chapter is not None:
                self.done = True  # the window closed during a widget change: not the hub's failure
            else:
                self.failure = f"{type(exc).__name__}: {str(exc).splitlines()[0][:160] if str(exc) else ''}"
        finally:
            if kernel is not None:
                try:
                    kernel.ws.close()
                except Exception:  # noqa: BLE001
                    pass


def run_class(n: int, *, duration: float, ramp: float, every: float) -> dict:
    import psutil

    hub = _hubrun.Hub(notebooks=("00_start_here.ipynb", CHAPTER.name))
    t_start, load_before = time.monotonic(), os.getloadavg()[0]  # the machine is shared: its load before the run
    hub.start()
    try:
        deadline = time.monotonic() + duration
        students = [Student(hub, f"student{i:03d}", i * ramp / max(1, n), deadline, every) for i in range(n)]
        for s in students:
            s.start()
        peak: dict[str, int] = {}
        loads, used = [], []
        while time.monotonic() < deadline and any(s.is_alive() for s in students):
            for user, rss in hub.memory().items():
                peak[user] = max(peak.get(user, 0), rss)
            loads.append(os.getloadavg()[0])
            used.append(psutil.virtual_memory().used)
            time.sleep(3)
        for s in students:
            s.join(timeout=max(0.0, deadline + 15 - time.monotonic()))
    finally:
        hub.stop()
    cells = [c for s in students for c in s.cells]
    later = [c for s in students for c in s.cells[1:]]  # without the first cell (the imports)
    widget = [w for s in students for w in s.widget]
    spawns = [s.spawn for s in students if s.spawn is not None]
    failures = [f"{s.name}: {s.failure or 'did not finish in the window'}" for s in students if not s.done]
    mem = sorted(peak.values())
    return {
        "students": n, "duration_s": duration, "ramp_s": ramp, "every_s": every,
        "spawn_median_s": statistics.median(spawns) if spawns else float("nan"), "spawn_p95_s": pct(spawns, 95),
        "cell_median_s": statistics.median(cells) if cells else float("nan"), "cell_p95_s": pct(cells, 95),
        "cell_after_imports_p95_s": pct(later, 95),
        "chapter_median_s": statistics.median([s.chapter for s in students if s.chapter]) if cells else float("nan"),
        "widget_median_s": statistics.median(widget) if widget else float("nan"), "widget_p95_s": pct(widget, 95),
        "widget_changes": len(widget), "failures": len(failures), "failure_examples": failures[:5],
        "mem_per_student_mb": statistics.median(mem) / 2**20 if mem else float("nan"),
        "mem_max_student_mb": mem[-1] / 2**20 if mem else float("nan"),
        "machine_mem_used_gb": max(used) / 2**30 if used else float("nan"),
        "load_avg_max": max(loads) if loads else float("nan"),
        "load_avg_before": load_before, "wall_s": time.monotonic() - t_start,
    }


def by_chapter() -> list[dict]:
    """One student, each chapter in a fresh kernel: the RSS of the server and that kernel after the chapter."""
    from crmkit.course import CHAPTERS

    names = [c.notebook for c in CHAPTERS]
    hub = _hubrun.Hub(notebooks=("00_start_here.ipynb", *names))
    rows = []
    with hub:
        hub.login("student")
        hub.spawn("student")
        base = hub.memory().get("student", 0)
        for c in CHAPTERS:
            k = _hubrun.Kernel(hub, "student", timeout=300)
            t0 = time.monotonic()
            try:
                k.run_notebook(hub.dir / "homes" / "student" / "crm-course" / "notebooks" / c.notebook)
                ok = "ok"
            except _hubrun.HubError as exc:
                ok = str(exc)[:80]
            rows.append({"chapter": c.number, "notebook": c.notebook, "seconds": time.monotonic() - t0,
                         "server_and_kernel_mb": hub.memory().get("student", 0) / 2**20,
                         "server_alone_mb": base / 2**20, "status": ok})
            k.close()
            time.sleep(1)
            print(f"  {c.number:>4} {rows[-1]['server_and_kernel_mb']:7.0f} MB {rows[-1]['seconds']:6.1f} s  {ok}",
                  flush=True)
    return rows


HEAD = (f"{'N':>4} {'spawn med/p95 s':>16} {'cell med/p95 s':>15} {'ch.04 med s':>11} {'widget med/p95 s':>17} "
        f"{'changes':>7} {'fail':>5} {'MB/student':>10} {'RAM used GB':>11} {'load before/max':>15}")


def row(r: dict) -> str:
    return (f"{r['students']:>4} {r['spawn_median_s']:>7.1f} / {r['spawn_p95_s']:<6.1f} "
            f"{r['cell_median_s']:>6.2f} / {r['cell_p95_s']:<6.2f} {r['chapter_median_s']:>11.1f} "
            f"{r['widget_median_s']:>7.2f} / {r['widget_p95_s']:<7.2f} {r['widget_changes']:>7} "
            f"{r['failures']:>5} {r['mem_per_student_mb']:>10.0f} {r['machine_mem_used_gb']:>11.1f} "
            f"{r.get('load_avg_before', float('nan')):>7.1f} / {r['load_avg_max']:<5.1f}")


def plot(results: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ns = [r["students"] for r in results]
    fig, axes = plt.subplots(1, 3, figsize=(13, 4))
    ax = axes[0]
    for key, label in (("cell_p95_s", "cell p95"), ("cell_median_s", "cell median"),
                       ("widget_p95_s", "widget change p95"), ("widget_median_s", "widget change median")):
        ax.plot(ns, [r[key] for r in results], marker="o", label=label)
    ax.set(xlabel="students (N)", ylabel="seconds", title="Latency through the proxy (chapter 04)")
    ax.legend()
    ax = axes[1]
    ax.plot(ns, [r["spawn_median_s"] for r in results], marker="o", label="spawn median")
    ax.plot(ns, [r["spawn_p95_s"] for r in results], marker="o", label="spawn p95")
    ax2 = ax.twinx()
    ax2.bar(ns, [r["failures"] for r in results], width=2, alpha=0.3, color="red", label="failures")
    ax2.set_ylabel("failures")
    ax2.set_ylim(0, max([1] + [r["failures"] for r in results]) * 1.1)
    ax.set(xlabel="students (N)", ylabel="seconds", title="Server start and failures")
    ax.legend(loc="upper left")
    ax = axes[2]
    ax.plot(ns, [r["mem_per_student_mb"] for r in results], marker="o", label="per student (median peak)")
    ax.plot(ns, [r["machine_mem_used_gb"] * 1024 for r in results], marker="s", label="machine, all used (other jobs too)")
    ax.set(xlabel="students (N)", ylabel="MB", title="Memory")
    ax.legend()
    fig.suptitle("The course's JupyterHub on one 2-core 24 GB machine (benchmarks/hub_load.py)")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=80)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--students", type=int, nargs="+", default=[10, 20, 30, 40], help="class sizes to run, e.g. 10 20 40")
    ap.add_argument("--duration", type=float, default=240, help="seconds each class size runs (bounded), default 240")
    ap.add_argument("--ramp", type=float, default=30, help="seconds over which the students arrive, default 30")
    ap.add_argument("--every", type=float, default=5, help="seconds between a student's widget changes, default 5")
    ap.add_argument("--by-chapter", action="store_true", help="memory of one student, chapter by chapter")
    ap.add_argument("--out", default=str(OUT), help="folder for results.json and hub_load.png (default build/hub_load)")
    args = ap.parse_args(argv)
    why = _hubrun.missing()
    if why:
        print(f"hub load test: cannot run: {why}", file=sys.stderr)
        return 2
    if any(n < 1 or n > 200 for n in args.students) or not 10 <= args.duration <= 900:
        print("hub load test: --students between 1 and 200, --duration between 10 and 900 s", file=sys.stderr)
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.by_chapter:
        rows = by_chapter()
        (out / "by_chapter.json").write_text(json.dumps(rows, indent=1))
        return 0
    results = []
    print(HEAD, flush=True)
    for n in args.students:
        r = run_class(n, duration=args.duration, ramp=args.ramp, every=args.every)
        results.append(r)
        print(row(r), flush=True)
        for f in r["failure_examples"]:
            print(f"      {f}", flush=True)
        time.sleep(5)  # let the machine settle between class sizes
    old = json.loads((out / "results.json").read_text()) if (out / "results.json").exists() else []
    keep = [o for o in old if o["students"] not in {r["students"] for r in results}]
    results_all = sorted(keep + results, key=lambda r: r["students"])
    (out / "results.json").write_text(json.dumps(results_all, indent=1))
    plot(results_all, out / "hub_load.png")
    print(f"results: {out / 'results.json'}, plot: {out / 'hub_load.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
