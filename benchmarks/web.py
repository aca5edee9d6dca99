"""The web pages under a year of a team's data: render times, queries per page, a load test.

    .venv/bin/python benchmarks/web.py             # 50 people, 52 weeks, 500,000 entries
    .venv/bin/python benchmarks/web.py --people 5 --weeks 4 --entries 5000 --load-seconds 5
    .venv/bin/python benchmarks/web.py --databases sqlite --no-load
    .venv/bin/python benchmarks/web.py --show      # the table of benchmarks/results/web.json

For each database (SQLite, PostgreSQL) a child process builds the dataset (web_data.py; the
SQLite file is kept in benchmarks/data/, PostgreSQL gets a fresh database that is dropped
afterwards), another times each page with Django's test Client (warm-ups, then N requests;
median, p95, queries per request), then gunicorn serves the database on a loopback port while
20 logged-in clients fetch the pages in a loop. Settings are production-like (DEBUG=False).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import secrets
import shutil
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"
RESULTS = HERE / "results"
TARGET_MS = 150.0
PG_URL = "postgres://postgres@127.0.0.1:5432/pillars_webbench"


# ---------------------------------------------------------------- the children (Django)


def child(kind: str, params: dict[str, Any]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pillars.web.settings")
    sys.path.insert(0, str(HERE))
    import django

    django.setup()
    if kind == "build":
        result: dict[str, Any] = build_child(params)
    else:
        result = pages_child(params)
    print("RESULT " + json.dumps(result, default=str), flush=True)


def build_child(params: dict[str, Any]) -> dict[str, Any]:
    from django.core.management import call_command
    from web_data import Size, build

    from pillars.teams.models import Person

    call_command("migrate", interactive=False, verbosity=0)
    if Person.objects.exists():
        return {"built": False}
    began = time.perf_counter()
    counts = build(Size(**params["size"]), date.fromisoformat(params["today"]))
    return {"built": True, "seconds": time.perf_counter() - began, **counts}


def pages_child(params: dict[str, Any]) -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from web_data import viewers
    from web_load import quantile

    cast = viewers()
    pages = [
        ("organisation dashboard", "director", cast["director"], "/dashboard/"),
        ("team dashboard", "director", cast["director"], f"/dashboard/teams/{cast['team_id']}/"),
        ("team dashboard", "manager", cast["manager"], "/dashboard/"),
        ("person page", "manager", cast["manager"], f"/people/{cast['person_id']}/"),
    ]
    figures = []
    for title, role, email, url in pages:
        client = Client()
        client.force_login(get_user_model().objects.get(username=email))
        began = time.perf_counter()
        response = client.get(url)
        first = time.perf_counter() - began
        if response.status_code != 200:
            raise SystemExit(f"{url} as {role}: HTTP {response.status_code}")
        for _ in range(max(params["warmup"] - 1, 0)):
            client.get(url)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        queries = len(captured)  # now: the next request's start empties the log it reads
        times: list[float] = []
        budget = time.perf_counter() + params["page_seconds"]
        while len(times) < params["requests"]:
            if len(times) >= 5 and time.perf_counter() > budget:
                break  # a slow page: enough requests for a median, the run stays bounded
            began = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - began) * 1000)
        changed = after_a_change(client, url, cast["person_id"], params["requests"])
        figures.append(
            {
                "changed_median_ms": quantile(changed, 0.5),
                "page": title,
                "viewer": role,
                "url": url,
                "first_ms": first * 1000,
                "median_ms": quantile(times, 0.5),
                "p95_ms": quantile(times, 0.95),
                "min_ms": min(times),
                "queries": queries,
                "kb": len(response.content) / 1024,
                "requests": len(times),
            }
        )
    return {"pages": figures, "cast": cast}


def after_a_change(client: Any, url: str, person_id: int, count: int) -> list[float]:
    """Times of the page right after one person's entries changed (as after their import):
    the week cache then recomputes that person's weeks, the others are remembered."""
    from pillars.timeuse.week_cache import touch_people

    times = []
    for _ in range(max(5, count // 3)):
        touch_people([person_id])
        began = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - began) * 1000)
    return times


# ---------------------------------------------------------------- the parent


def settings_env(database: str, size_key: str) -> dict[str, str]:
    """Production-like settings on plain HTTP (README, "Production"), for one database."""
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env |= {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "PILLARS_DATA_DIR": str(DATA / f"web-{size_key}"),
        "LOG_LEVEL": "WARNING",
    }
    if database != "sqlite":
        env["DATABASE_URL"] = database
    return env


def run_child(kind: str, params: dict[str, Any], env: dict[str, str], timeout: int) -> Any:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", kind, json.dumps(params)]
    done = subprocess.run(
        command, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True, timeout=timeout
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"child {kind} failed (exit {done.returncode}); see its stderr above")
    return json.loads(lines[-1][7:])


def pg_admin(url: str, statement: str) -> None:
    import psycopg

    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(statement)


def measure_database(name: str, args: argparse.Namespace, size: Any) -> dict[str, Any]:
    database = "sqlite" if name == "sqlite" else args.pg_url
    env = settings_env(database, size.key)
    params = {"size": vars(size), "today": date.today().isoformat()}
    db_name = args.pg_url.rsplit("/", 1)[1]
    if name == "sqlite":
        folder = Path(env["PILLARS_DATA_DIR"])
        if not (folder / "ready").exists():
            shutil.rmtree(folder, ignore_errors=True)
    else:
        pg_admin(args.pg_url, f'DROP DATABASE IF EXISTS "{db_name}"')
        pg_admin(args.pg_url, f'CREATE DATABASE "{db_name}"')
    (Path(env["PILLARS_DATA_DIR"]) / "static").mkdir(parents=True, exist_ok=True)  # STATIC_ROOT
    try:
        print(f"[{name}] dataset ...", flush=True)
        RESULTS.mkdir(parents=True, exist_ok=True)
        built = run_child("build", params, env, 3600)
        if name == "sqlite" and built["built"]:
            (Path(env["PILLARS_DATA_DIR"]) / "ready").write_text(json.dumps(built) + "\n")
        if not built["built"]:
            built = json.loads((Path(env["PILLARS_DATA_DIR"]) / "ready").read_text())
        print(f"[{name}] dataset: {built}", flush=True)
        print(f"[{name}] pages ...", flush=True)
        measured = run_child(
            "pages",
            {"requests": args.requests, "warmup": args.warmup, "page_seconds": args.page_seconds},
            env,
            3600,
        )
        load = None
        if not args.no_load:
            print(
                f"[{name}] load: {args.clients} clients for {args.load_seconds} s ...", flush=True
            )
            from web_load import load_test

            load = load_test(
                env,
                measured["cast"],
                clients=args.clients,
                seconds=args.load_seconds,
                workers=args.workers,
                log_path=RESULTS / f"web-server-{name}.log",
            )
    finally:
        if name != "sqlite":
            pg_admin(args.pg_url, f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
    return {"database": name, "dataset": built, "pages": measured["pages"], "load": load}


# ---------------------------------------------------------------- report


def report(results: list[dict[str, Any]]) -> None:
    print(
        f"\n{'database':<10} {'page (viewer)':<36} {'median':>8} {'p95':>8} {'first':>8} "
        f"{'changed':>8} "
        f"{'queries':>7} {'KB':>6}  target (median < {TARGET_MS:.0f} ms)"
    )
    for result in results:
        for page in result["pages"]:
            verdict = "met" if page["median_ms"] < TARGET_MS else "MISSED"
            print(
                f"{result['database']:<10} {page['page'] + ' (' + page['viewer'] + ')':<36} "
                f"{page['median_ms']:>6.1f}ms {page['p95_ms']:>6.1f}ms {page['first_ms']:>6.0f}ms "
                f"{page.get('changed_median_ms', 0):>6.0f}ms "
                f"{page['queries']:>7} {page['kb']:>6.0f}  {verdict}"
            )
    for result in results:
        load = result.get("load")
        if not load:
            continue
        verdict = "met" if load["errors"] == 0 else "MISSED"
        print(
            f"\nload {result['database']}: {load['clients']} clients, {load['seconds']:.0f} s, "
            f"{load['workers']} workers: {load['requests']:,} requests, "
            f"{load['per_second']:.1f}/s, median {load['median_ms']:.0f} ms, "
            f"p95 {load['p95_ms']:.0f} ms, statuses {load['statuses']}, errors {load['errors']} "
            f"(no error: {verdict})"
        )
        for problem, count in load["problems"].items():
            print(f"  {count} x {problem}")


def write_results(results: list[dict[str, Any]], args: argparse.Namespace, size: Any) -> None:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "src"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    now = datetime.now(UTC).isoformat(timespec="seconds")
    fresh = [
        {**r, "when": now, "commit": commit, "size": vars(size), "target_ms": TARGET_MS}
        for r in results
    ]
    path = RESULTS / "web.json"
    kept = []
    if path.exists():  # a run of one database keeps the other's last figures
        try:
            kept = json.loads(path.read_text())["results"]
        except (ValueError, KeyError):
            kept = []
    names = {r["database"] for r in results}
    document = {
        "when": now,
        "commit": commit,
        "uncommitted_source_changes": bool(dirty),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "results": fresh + [r for r in kept if r.get("database") not in names],
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2, default=str) + "\n")
    print(f"\nwritten: {path.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description="Pillars' web pages under a year of data")
    parser.add_argument("--people", type=int, default=50)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--entries", type=int, default=500_000, help="activities in all")
    parser.add_argument("--databases", default="sqlite,postgres", help="sqlite,postgres")
    parser.add_argument("--pg-url", default=PG_URL, help="a database dropped and re-created")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests first")
    parser.add_argument(
        "--page-seconds", type=float, default=90.0, help="fewer requests (5 at least) past this"
    )
    parser.add_argument("--clients", type=int, default=20, help="concurrent users (load test)")
    parser.add_argument("--load-seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--no-load", action="store_true", help="skip the load test")
    parser.add_argument("--show", action="store_true", help="print benchmarks/results/web.json")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], json.loads(args.child[1]))
        return
    if args.show:
        report(json.loads((RESULTS / "web.json").read_text())["results"])
        return
    sys.path.insert(0, str(HERE))
    from web_data import Size

    size = Size(args.people, args.weeks, args.entries)
    names = [n.strip() for n in args.databases.split(",") if n.strip()]
    if set(names) - {"sqlite", "postgres"}:
        parser.error("--databases: sqlite and/or postgres")
    results = [measure_database(name, args, size) for name in names]
    report(results)
    write_results(results, args, size)


if __name__ == "__main__":
    main()
