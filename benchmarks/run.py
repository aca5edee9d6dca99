"""Pillars against what a user would write by hand: time, peak memory, same entries.

    .venv/bin/python benchmarks/run.py            # everything, full sizes (make bench)
    .venv/bin/python benchmarks/run.py --quick    # small sizes, a smoke test
    .venv/bin/python benchmarks/run.py --only year-report,crm-read

Every measurement runs in a fresh child process, so peaks do not mix: the child imports and
prepares (not measured), resets the kernel's peak-RSS mark, runs the workload once, and
reports wall and CPU seconds, peak RSS and RSS growth during the workload. Figures go to
benchmarks/results/latest.json.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import platform
import resource
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
GOOGLE = ROOT / "tests/fixtures/ics/real/rie-benchmark-google-4778-events.ics"
OWNER = "dana.reyes@northwind.example"
TIMEOUT = 600  # seconds per child by default: a run that takes longer is reported, not waited for


@dataclass
class Benchmark:
    name: str
    title: str
    params: dict[str, Any]
    ours: str
    reference: str
    speed_target: float  # reference seconds / ours seconds must reach this
    memory_target: float | None = None  # ours peak growth / reference peak growth at most this
    repeat: int = 1
    note: str = ""
    result: dict[str, Any] = field(default_factory=dict)


def benchmarks(quick: bool, repeat: int | None, crm_rows: int | None) -> list[Benchmark]:
    sys.path.insert(0, str(HERE))
    from generate import calendar_path, crm_path

    events = 5_000 if quick else 50_000
    rows = crm_rows or (100_000 if quick else 1_000_000)
    calendar = str(calendar_path(events, seed=7))
    crm = str(crm_path(rows, seed=7))
    google = {
        "path": str(GOOGLE),
        "tz": "Europe/London",
        "owner": "gabi@gmail.com",
        "start": "2011-05-02",
        "end": "2011-05-16",
    }
    two_weeks = {
        "path": calendar,
        "tz": "Europe/Madrid",
        "owner": OWNER,
        "start": "2026-03-23",
        "end": "2026-04-06",
    }
    year = {**two_weeks, "start": "2026-01-01", "end": "2027-01-01", "name": "Dana Reyes"}
    csv_year = {**year, "path": crm}
    few = repeat or (3 if not quick else 1)
    return [
        Benchmark(
            "google-report",
            "2-week report, Google export (4,778 events)",
            google,
            "report:ours",
            "report:reference",
            5.0,
            repeat=few,
        ),
        Benchmark(
            "year-report",
            f"2-week report, generated year ({events:,} events)",
            two_weeks,
            "report:ours",
            "report:reference",
            5.0,
            repeat=repeat or 1,
        ),
        Benchmark(
            "year-import",
            f"import the year into SQLite ({events:,} events)",
            year,
            "calendar-import:ours",
            "calendar-import:reference",
            1.0,
            1 / 3,
            repeat or 1,
        ),
        Benchmark(
            "crm-import",
            f"import CRM calls CSV into SQLite ({rows:,} rows)",
            csv_year,
            "crm-import:ours",
            "crm-import:reference",
            1.0,
            None,
            repeat or 1,
        ),
        Benchmark(
            "crm-floor",
            f"write only: the {rows:,} rows' INSERT, prepared beforehand",
            csv_year,
            "crm-store:floor",
            "crm-import:reference",
            1.0,
            None,
            repeat or 1,
            note="the floor of crm-import: if this misses, no reader can meet crm-import's target",
        ),
        Benchmark(
            "crm-read",
            f"read CRM calls CSV, no database ({rows:,} rows)",
            csv_year,
            "crm-read:ours",
            "crm-read:reference",
            1.0,
            None,
            repeat or 1,
        ),
    ]


# ---------------------------------------------------------------- the child


def memory_kb(field_name: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
    return 0


def reset_peak() -> bool:
    """Reset the kernel's peak-RSS mark (VmHWM) so the setup's peak does not count."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
        return True
    except OSError:
        return False


def child(case_name: str, params: dict[str, Any], keys_file: str) -> None:
    sys.path.insert(0, str(HERE))
    from cases import CASES

    measured, check = CASES[case_name](params)
    gc.collect()
    exact = reset_peak()
    base = memory_kb("VmRSS")
    cpu, wall = time.process_time(), time.perf_counter()
    result = measured()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = memory_kb("VmHWM") if exact else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    keys, extra = check(result)
    keys.sort()
    Path(keys_file).write_text("\n".join(keys) + "\n", encoding="utf-8")
    digest = hashlib.sha256("\n".join(keys).encode()).hexdigest()[:16]
    figures = {
        "seconds": wall,
        "cpu": cpu,
        "peak_mb": peak / 1024,
        "base_mb": base / 1024,
        "growth_mb": (peak - base) / 1024,
        "count": len(keys),
        "distinct": len(set(keys)),
        "digest": digest,
        "exact_peak": exact,
        **extra,
    }
    print("RESULT " + json.dumps(figures, default=str))


# ---------------------------------------------------------------- the parent


def measure(bench: Benchmark, case_name: str, timeout: int) -> dict[str, Any]:
    side = case_name.split(":")[1]
    keys_file = RESULTS / f"keys-{bench.name}-{side}.txt"
    runs = []
    for _ in range(bench.repeat):
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--child",
            case_name,
            json.dumps(bench.params),
            str(keys_file),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=timeout, cwd=ROOT
            )
        except subprocess.TimeoutExpired:
            return {"error": f"did not finish within {timeout} s (--timeout)"}
        lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
        if done.returncode != 0 or not lines:
            tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
            return {"error": tail[0][:200]}
        runs.append(json.loads(lines[-1][7:]))
    best = min(runs, key=lambda run: run["seconds"])
    return {**best, "all_seconds": [round(run["seconds"], 3) for run in runs]}


def judge(bench: Benchmark, ours: dict[str, Any], ref: dict[str, Any]) -> dict[str, Any]:
    if "error" in ours or "error" in ref:
        return {"ours": ours, "reference": ref, "met": False}
    speed = ref["seconds"] / ours["seconds"]
    memory = ours["growth_mb"] / max(ref["growth_mb"], 1e-9)
    same = ours["digest"] == ref["digest"]
    met = speed >= bench.speed_target and same
    if bench.memory_target is not None:
        met = met and memory <= bench.memory_target
    return {
        "ours": ours,
        "reference": ref,
        "speedup": speed,
        "cpu_speedup": ref["cpu"] / ours["cpu"],
        "memory_ratio": memory,
        "identical": same,
        "met": met,
    }


def row(bench: Benchmark) -> str:
    r = bench.result
    if "speedup" not in r:
        o, f = r["ours"], r["reference"]
        shown = [
            f"{side.get('seconds', 0):>8.2f}s" if "error" not in side else f"{'-':>9}"
            for side in (o, f)
        ]
        peaks = f"{o.get('peak_mb', 0):>6.0f}/{f.get('peak_mb', 0):<6.0f}"
        problem = o.get("error") or f.get("error")
        return f"{bench.name:<14} {shown[0]} {shown[1]} {'-':>8} {'-':>8} {peaks}  error: {problem}"
    o, f = r["ours"], r["reference"]
    return (
        f"{bench.name:<14} {o['seconds']:>8.2f}s {f['seconds']:>8.2f}s {r['speedup']:>7.2f}x "
        f"{r['cpu_speedup']:>7.2f}x {o['peak_mb']:>6.0f}/{f['peak_mb']:<6.0f} "
        f"{o['growth_mb']:>6.0f}/{f['growth_mb']:<6.0f} {o['count']:>9,} "
        f"{'yes' if r['identical'] else 'NO':>9}"
    )


def summary(bench: Benchmark) -> str:
    r = bench.result
    target = f">= {bench.speed_target:g}x faster"
    if bench.memory_target is not None:
        target += f", peak growth <= {bench.memory_target:.2g} of reference"
    if "speedup" not in r:
        if "error" in r["ours"] and "error" not in r["reference"]:
            return f"  {bench.name:<14} target {target}: MISSED (ours: {r['ours']['error']})"
        return f"  {bench.name:<14} target {target}: NOT MEASURED"
    memory = f" (CPU {r['cpu_speedup']:.2f}x), memory growth {r['memory_ratio']:.2f} of reference"
    verdict = "met" if r["met"] else "MISSED"
    return (
        f"  {bench.name:<14} speed ratio {r['speedup']:.2f}x{memory}, identical: "
        f"{'yes' if r['identical'] else 'NO'}; target {target}: {verdict}"
        + (f"\n  {'':<14} ({bench.note})" if bench.note else "")
    )


HEADER = (
    f"{'benchmark':<14} {'ours':>9} {'reference':>9} {'ref/ours':>8} {'CPU r/o':>8} "
    f"{'peak MB o/r':>13} {'grow MB o/r':>13} {'entries':>9} {'identical':>9}"
)


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Pillars benchmarks against hand-written references"
    )
    parser.add_argument(
        "--quick", action="store_true", help="small sizes (5,000 events, 100,000 rows)"
    )
    parser.add_argument("--only", default="", help="comma-separated benchmark names")
    parser.add_argument("--repeat", type=int, default=None, help="runs per measurement (best kept)")
    parser.add_argument("--crm-rows", type=int, default=None, help="rows of the generated CSV")
    parser.add_argument("--timeout", type=int, default=TIMEOUT, help="seconds per measurement")
    parser.add_argument("--show", action="store_true", help="print the table of latest.json")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], json.loads(args.child[1]), args.child[2])
        return
    if args.show:
        show(RESULTS / "latest.json")
        return
    RESULTS.mkdir(parents=True, exist_ok=True)
    wanted = {name.strip() for name in args.only.split(",") if name.strip()}
    selected = [
        b
        for b in benchmarks(args.quick, args.repeat, args.crm_rows)
        if not wanted or b.name in wanted
    ]
    if wanted - {b.name for b in selected}:
        parser.error(
            f"unknown benchmark(s): {', '.join(sorted(wanted - {b.name for b in selected}))}"
        )
    print(HEADER)
    for bench in selected:
        ours = measure(bench, bench.ours, args.timeout)
        ref = measure(bench, bench.reference, args.timeout)
        bench.result = judge(bench, ours, ref)
        print(row(bench), flush=True)
    print(
        "\nSummary (ratio = reference time / our time; memory = our peak RSS growth / reference's)"
    )
    for bench in selected:
        print(summary(bench))
    write_results(selected, args.quick)


def show(latest: Path) -> None:
    """The stored figures (of possibly several partial runs) as the table and the summary."""
    stored = json.loads(latest.read_text())["benchmarks"]
    benches = []
    for entry in stored:
        bench = Benchmark(entry["name"], entry["title"], entry["params"], "", "", 0.0)
        bench.speed_target, bench.memory_target = entry["speed_target"], entry["memory_target"]
        bench.result = entry
        benches.append(bench)
    print(HEADER)
    for bench in benches:
        print(row(bench))
    print(
        "\nSummary (ratio = reference time / our time; memory = our peak RSS growth / reference's)"
    )
    for bench in benches:
        print(summary(bench) + f"  [{bench.title}; {bench.result.get('when', '')}]")


def write_results(selected: list[Benchmark], quick: bool) -> None:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    dirty = bool(
        subprocess.run(
            ["git", "status", "--porcelain", "src"], capture_output=True, text=True, cwd=ROOT
        ).stdout.strip()
    )
    now = datetime.now(UTC).isoformat(timespec="seconds")
    document = {
        "when": now,
        "commit": commit,
        "uncommitted_source_changes": dirty,
        "quick": quick,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "benchmarks": [
            {
                "name": b.name,
                "when": now,
                "commit": commit,
                "title": b.title,
                "params": b.params,
                "speed_target": b.speed_target,
                "memory_target": b.memory_target,
                **b.result,
            }
            for b in selected
        ],
    }
    # A partial run (--only) replaces its own entries and keeps the others of the last runs.
    latest = RESULTS / "latest.json"
    fresh = {(b["name"], b["title"]) for b in document["benchmarks"]}
    if latest.exists():
        try:
            kept = json.loads(latest.read_text())["benchmarks"]
        except (ValueError, KeyError):
            kept = []
        document["benchmarks"] += [b for b in kept if (b.get("name"), b.get("title")) not in fresh]
    latest.write_text(json.dumps(document, indent=2, default=str) + "\n")
    print(f"\nwritten: {(RESULTS / 'latest.json').relative_to(ROOT)}")


if __name__ == "__main__":
    main()
