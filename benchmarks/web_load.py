"""The load test of the web benchmark: the real server on loopback, many logged-in users.

gunicorn (or `manage.py runserver --noreload` when it is not installed) serves the database
the settings in `env` name on a free 127.0.0.1 port. Each client logs in through the login
form (its own session and CSRF token), then fetches dashboards and person pages in a loop;
every answer but a 200 counts as an error. The server is stopped however the run ends.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from web_data import PASSWORD

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = ROOT / ".venv/bin/gunicorn"


def quantile(values: list[float], q: float) -> float:
    """The q-quantile (0..1) by linear interpolation; the median for q=0.5."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(env: dict[str, str], port: int, workers: int, log: Any) -> subprocess.Popen[bytes]:
    if GUNICORN.exists():
        command = [str(GUNICORN), "pillars.web.wsgi:application", "--bind", f"127.0.0.1:{port}"]
        command += ["--workers", str(workers), "--timeout", "120", "--log-level", "warning"]
    else:
        command = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
    return subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=log, stderr=log, start_new_session=True
    )


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, 9)  # its own session: the master and its workers only
            server.wait(timeout=15)


def wait_ready(base: str, server: subprocess.Popen[bytes]) -> None:
    import requests

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with {server.returncode}")
        try:
            if requests.get(base + "/accounts/login/", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise RuntimeError("the server did not answer within 60 s")


def login(base: str, email: str, password: str) -> Any:
    import requests

    session = requests.Session()
    form = session.get(base + "/accounts/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
    if token is None:
        raise RuntimeError("no CSRF token in the login form")
    fields = {"username": email, "password": password, "csrfmiddlewaretoken": token.group(1)}
    done = session.post(base + "/accounts/login/", data=fields, timeout=60, allow_redirects=False)
    if done.status_code != 302 or "sessionid" not in session.cookies:
        raise RuntimeError(f"login of {email} failed: HTTP {done.status_code}")
    return session


def client_urls(cast: dict[str, Any], email: str) -> list[str]:
    if email == cast["director"]:
        people = cast["all_people"][:10]
        urls = ["/dashboard/"] + [f"/dashboard/teams/{team}/" for team in cast["teams"]]
    else:
        people = cast["team_people"][email][:6]
        urls = ["/dashboard/"]
    return [url for person in people for url in (*urls[:1], f"/people/{person}/")] + urls[1:]


def load_test(
    env: dict[str, str],
    cast: dict[str, Any],
    *,
    clients: int,
    seconds: float,
    workers: int,
    log_path: Path,
) -> dict[str, Any]:
    """`clients` users, each logged in with its own session, fetch pages for `seconds`."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    logins = [cast["director"], *cast["managers"]]
    latencies: list[tuple[str, float]] = []
    statuses: Counter[str] = Counter()
    problems: Counter[str] = Counter()
    lock = threading.Lock()
    window: dict[str, float] = {}

    def open_window() -> None:  # run once, when every client has logged in
        window["start"] = time.monotonic()
        window["end"] = window["start"] + seconds

    start_line = threading.Barrier(clients + 1, action=open_window)

    def user(number: int) -> None:
        email = logins[number % len(logins)]
        try:
            session = login(base, email, PASSWORD)
            urls = client_urls(cast, email)
        except Exception as exc:  # a failed login is an error of the run, not of one request
            with lock:
                problems[f"login: {exc}"[:120]] += 1
            start_line.abort()
            return
        start_line.wait()
        step = number
        while time.monotonic() < window["end"]:
            url = urls[step % len(urls)]
            step += 1
            page = url.split("/")[1] if not url.startswith("/dashboard/teams") else "team"
            began = time.perf_counter()
            try:
                response = session.get(base + url, timeout=60, allow_redirects=False)
                status = str(response.status_code)
            except Exception as exc:
                status = type(exc).__name__
            elapsed = (time.perf_counter() - began) * 1000
            with lock:
                statuses[status] += 1
                if status == "200":
                    latencies.append((page, elapsed))
                else:
                    problems[f"{status} {url} as {email}"] += 1

    with open(log_path, "wb") as log:
        server = start_server(env, port, workers, log)
        try:
            wait_ready(base, server)
            threads = [threading.Thread(target=user, args=(n,)) for n in range(clients)]
            for thread in threads:
                thread.start()
            try:
                start_line.wait(timeout=300)
            except threading.BrokenBarrierError:
                raise RuntimeError(f"clients could not log in: {dict(problems)}") from None
            for thread in threads:
                thread.join(timeout=seconds + 120)
            elapsed = time.monotonic() - window["start"]
        finally:
            window.setdefault("end", 0.0)  # clients still waiting stop at once
            stop_server(server)
    times = [ms for _, ms in latencies]
    by_page = {
        page: round(quantile([ms for p, ms in latencies if p == page], 0.5), 1)
        for page in sorted({p for p, _ in latencies})
    }
    return {
        "clients": clients,
        "seconds": elapsed,
        "workers": workers if GUNICORN.exists() else "runserver",
        "requests": sum(statuses.values()),
        "per_second": sum(statuses.values()) / elapsed,
        "median_ms": quantile(times, 0.5),
        "p95_ms": quantile(times, 0.95),
        "median_ms_by_page": by_page,
        "statuses": dict(statuses),
        "errors": sum(problems.values()),
        "problems": dict(problems.most_common(10)),
    }
