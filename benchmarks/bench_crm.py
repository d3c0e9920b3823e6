"""Chapter 12: the service-centre widget's speed, Erlang C for large centres, and the pipeline and
rule queries on a copy of the course database 100 times larger, without and with crm.INDEX_SQL."""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from _util import best_of, line

from crmkit import crm, data

ASOF = "2024-12-31"
COPIES = 100


def big_copy(folder: Path, copies: int = COPIES, indexes: bool = True) -> Path:
    """The course database repeated ``copies`` times (every id gets a suffix ``-k``), in ``folder``."""
    path = folder / f"crm_x{copies}{'' if indexes else '_noindex'}.sqlite"
    con = sqlite3.connect(path)
    con.executescript(crm.SCHEMA_SQL)
    con.execute("ATTACH DATABASE ? AS src", (f"{data.database_path('crm').resolve().as_uri()}?mode=ro",))
    con.execute("INSERT INTO stages SELECT * FROM src.stages")
    for table in crm.TABLES[1:]:
        cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
        for k in range(copies):
            sel = ", ".join(f"{c} || '-{k}'" if c.endswith("_id") else c for c in cols)
            con.execute(f"INSERT INTO {table} SELECT {sel} FROM src.{table}")
    con.commit()
    con.execute("DETACH DATABASE src")
    if indexes:
        con.executescript(crm.INDEX_SQL)
    con.execute("ANALYZE")
    con.commit()
    con.close()
    return path


LIMIT_S = 20.0


def timed(fn, con) -> float | None:
    """Seconds for one query, or None when it was stopped after LIMIT_S."""
    deadline = time.perf_counter() + LIMIT_S
    con.set_progress_handler(lambda: int(time.perf_counter() > deadline), 10_000)
    try:
        t0 = time.perf_counter()
        fn(con)
        return time.perf_counter() - t0
    except Exception:  # noqa: BLE001 - the interrupted query surfaces as a DataError
        return None
    finally:
        con.set_progress_handler(None, 0)


QUERIES = {
    "stage_conversion": lambda c: crm.stage_conversion(c, ASOF),
    "stage_durations": lambda c: crm.stage_durations(c, ASOF),
    "pipeline_forecast": lambda c: crm.pipeline_forecast(c, "2024-09-30"),
    "win_rates": lambda c: crm.win_rates(c, ASOF),
    "stale_opportunities": lambda c: crm.stale_opportunities(c, ASOF),
    "silent_staff": lambda c: crm.silent_staff(c, ASOF),
    "unfollowed_leads": lambda c: crm.unfollowed_leads(c, ASOF),
    "login_rates": lambda c: crm.login_rates(c, ASOF),
}


def main() -> None:
    from crmkit.widgets.crm import ServiceCentre

    w = ServiceCentre()
    for name, values in [("agents", list(range(21, 60))), ("calls_per_hour", list(range(310, 3000, 10))),
                         ("handling_time_s", list(range(250, 900, 10))), ("goal", [0.81, 0.82, 0.83, 0.84, 0.85,
                                                                                   0.86, 0.87, 0.88, 0.89, 0.9])]:
        times = []
        for value in values[:24]:
            t0 = time.perf_counter()
            w.controls[name].value = value
            times.append(time.perf_counter() - t0)
        line(f"ServiceCentre: change {name} (median / worst of {len(times)})",
             f"{statistics.median(times) * 1000:.0f} / {max(times) * 1000:.0f} ms", "target < 100 ms")
        w.controls["calls_per_hour"].value, w.controls["handling_time_s"].value = 300, 240

    t = best_of(lambda: crm.erlang_c(5000 * 3600 / 240 * 0.99, 240, 5000), 5)
    line("erlang_c, 5,000 agents at 99 % occupancy", f"{t * 1000:.2f} ms", "exact, no factorials")
    t = best_of(lambda: crm.agents_needed(75_000, 240), 5)
    line("agents_needed, 5,000 erlangs", f"{t * 1000:.2f} ms")
    t = best_of(lambda: crm.agents_needed(3_600_000, 360), 1)
    line("agents_needed, 360,000 erlangs", f"{t * 1000:.0f} ms")

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        plain = big_copy(Path(tmp), indexes=False)
        built = time.perf_counter() - t0
        indexed = big_copy(Path(tmp), indexes=True)
        size = indexed.stat().st_size / 2**20
        con = sqlite3.connect(plain)
        n = con.execute("SELECT (SELECT COUNT(*) FROM opportunities), (SELECT COUNT(*) FROM activities), "
                        "(SELECT COUNT(*) FROM logins)").fetchone()
        line(f"{COPIES}x copy: {n[0]:,} opportunities, {n[1]:,} activities, {n[2]:,} logins",
             f"{built:.1f} s", f"{size:.0f} MiB with indexes")
        timings = {}
        for label, path in (("no index", plain), ("indexes", indexed)):
            c = sqlite3.connect(path)
            for q, fn in QUERIES.items():
                timings[(q, label)] = timed(fn, c)
            c.close()
        con.close()

        def ms(x):
            return f"> {LIMIT_S:.0f} s (stopped)" if x is None else f"{x * 1000:.0f} ms"

        for q in QUERIES:
            a, b = timings[(q, "no index")], timings[(q, "indexes")]
            line(f"{q} on the {COPIES}x copy", ms(b), f"without crm.INDEX_SQL {ms(a)}")


if __name__ == "__main__":
    main()
