"""Time the main pages against a bare Django view: median, p95 and queries per page, as a markdown table.

    .venv/bin/python benchmarks/pages.py                                  # var/bench/large.sqlite3, in-process
    .venv/bin/python benchmarks/pages.py --sqlite var/bench/demo.sqlite3 --requests 20
    .venv/bin/python benchmarks/pages.py --http 8765                      # also through gunicorn on :8765
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/anhai_bench .venv/bin/python benchmarks/pages.py

In-process runs use Django's test Client with users of the right roles logged in (force_login), so the time
is the whole request through the middleware and the template, without a socket. `--http PORT` starts one
gunicorn sync worker on 127.0.0.1:PORT (never 8000) with the same settings, sends the same requests with the
same session cookies (bounded: --requests per page, one at a time), and stops it. Query counts come from
CaptureQueriesContext on one in-process request. Build the data first with benchmarks/generate.py.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks import bootstrap  # noqa: E402

# Demo accounts (organisation/seed_data.py); every one exists at both sizes.
OFFICE = "vhxh"
UNIT_HEAD = "truongphong.kthtdt"
COUNCIL_MEMBER = "hoidong"
CHAIRMAN = "chutich"
PUBLICITY = "tuyentruyen"
ADMIN = "quantri"


@dataclass
class Page:
    name: str
    user: str | None
    url: str
    heavy: bool = False  # documents: fewer requests
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    http_times: list[float] = field(default_factory=list)
    queries: int | None = None
    status: int | None = None
    size: int = 0
    repeated: list[tuple[int, str]] = field(default_factory=list)


def pages() -> list[Page]:
    from django.db.models import Count
    from django.urls import reverse

    from awards.enums import DecisionStatus
    from awards.models import Award, Decision
    from campaigns.models import Campaign
    from council.models import Meeting
    from nominations.models import Dossier

    campaign = Campaign.objects.order_by("pk").first()
    slug = campaign.slug
    dossier = Dossier.objects.filter(campaign=campaign, unit__code="kthtdt").first()
    out = [
        Page("bare Django view (baseline)", None, "/__bench__/bare/"),
        Page("empty page in the layout (base.html)", OFFICE, "/__bench__/layout/"),
        Page("login page", None, reverse("login")),
        Page("home: office", OFFICE, "/"),
        Page("home: unit head", UNIT_HEAD, "/"),
        Page("home: council member", COUNCIL_MEMBER, "/"),
        Page("home: chairman", CHAIRMAN, "/"),
        Page("home: publicity", PUBLICITY, "/"),
        Page("campaign plan page", OFFICE, reverse("campaigns:detail", args=[slug])),
        Page("plan PDF", OFFICE, reverse("campaigns:plan_pdf", args=[slug]), heavy=True),
        Page("directory", OFFICE, reverse("organisation:directory")),
        Page("dossier list: office", OFFICE, reverse("nominations:list")),
        Page("dossier list: unit head", UNIT_HEAD, reverse("nominations:list")),
    ]
    if dossier:
        out += [
            Page("dossier page: unit head", UNIT_HEAD, reverse("nominations:detail", args=[dossier.pk])),
            Page("dossier page: office", OFFICE, reverse("nominations:detail", args=[dossier.pk])),
        ]
    out.append(Page("review inbox: office", OFFICE, reverse("reviews:inbox", args=[slug])))
    if dossier:
        out.append(Page("review page: office", OFFICE, reverse("reviews:review", args=[dossier.pk])))
    out += [
        Page("criteria dashboard: office", OFFICE, reverse("criteria:dashboard", args=[slug])),
        Page("criteria unit page: unit head", UNIT_HEAD, reverse("criteria:unit", args=[slug, "kthtdt"])),
        Page("notifications list", OFFICE, reverse("notifications:list")),
        Page("council meetings list", CHAIRMAN, reverse("council:list")),
    ]
    meeting = Meeting.objects.filter(campaign=campaign).order_by("-pk").first()
    if meeting:
        out += [
            Page("council meeting page", CHAIRMAN, reverse("council:detail", args=[meeting.pk])),
            Page(
                "council meeting page: member", COUNCIL_MEMBER, reverse("council:detail", args=[meeting.pk])
            ),
            Page("ballot page: member", COUNCIL_MEMBER, reverse("council:ballot", args=[meeting.pk])),
        ]
    # The meeting with the most poll items (at city scale a past campaign's, thousands of nominees).
    largest = Meeting.objects.annotate(n=Count("polls__items")).order_by("-n", "-pk").first()
    if largest and largest != meeting:
        out.append(
            Page("council meeting page: largest", CHAIRMAN, reverse("council:detail", args=[largest.pk]))
        )
    # The largest issued decision (at city scale a past campaign's, with thousands of awardees).
    decision = (
        Decision.objects.filter(status=DecisionStatus.ISSUED)
        .annotate(n=Count("awards"))
        .order_by("-n", "-pk")
        .first()
    )
    if decision:
        out.append(Page("decision page: chairman", CHAIRMAN, reverse("awards:decision", args=[decision.pk])))
    # The current campaign's award page: its council result before a decision (a redirect once there is one).
    out.append(Page("campaign awards page: office", OFFICE, reverse("awards:campaign", args=[slug])))
    award = Award.objects.filter(decision=decision).order_by("pk").first() if decision else None
    out += [
        Page("public: awards (công khai)", None, reverse("awards:public")),
        Page("public: criteria results", None, reverse("criteria:public")),
    ]
    if award:
        out.append(
            Page("public: certificate check (QR)", None, reverse("award_verify", args=[award.verify_token]))
        )
    return out


def _repeated(queries: list[dict], top: int = 3) -> list[tuple[int, str]]:
    """The SQL statements run more than twice, by shape (literals differ per row in an N+1)."""
    import re

    shapes: dict[str, int] = {}
    for q in queries:
        shape = re.sub(r"\b\d+\b", "N", re.sub(r"'[^']*'", "'S'", q["sql"]))
        shapes[shape] = shapes.get(shape, 0) + 1
    worst = sorted(((n, s) for s, n in shapes.items() if n > 2), reverse=True)
    return [(n, s[:300]) for n, s in worst[:top]]


def run_in_process(items: list[Page], requests: int, warmup: int) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from organisation.models import User

    clients: dict[str | None, Client] = {}
    for page in items:
        client = clients.get(page.user)
        if client is None:
            client = clients[page.user] = Client()
            if page.user:
                bootstrap.sign_in(client, User.objects.get(username=page.user))
        count = max(3, requests // 5) if page.heavy else requests
        for _ in range(warmup):
            client.get(page.url)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(page.url)
        page.status, page.queries = response.status_code, len(ctx.captured_queries)
        page.size = len(response.content)
        page.repeated = _repeated(ctx.captured_queries)
        for _ in range(count):
            t0, c0 = time.perf_counter(), time.thread_time()
            client.get(page.url)
            page.times.append(time.perf_counter() - t0)
            page.cpu.append(time.thread_time() - c0)
        print(
            f"  {page.name}: {statistics.median(page.times) * 1000:.1f} ms, {page.queries} queries",
            flush=True,
        )


def run_http(items: list[Page], requests: int, warmup: int, port: int, sqlite: str) -> None:
    """Start gunicorn on 127.0.0.1:port, send the requests one at a time, stop it."""
    if port == 8000:
        raise SystemExit("port 8000 is reserved for `make run`")
    from django.test import Client

    from organisation.models import User

    cookies: dict[str | None, str] = {None: ""}
    for user in {p.user for p in items if p.user}:
        client = Client()
        bootstrap.sign_in(client, User.objects.get(username=user))
        cookies[user] = f"sessionid={client.cookies['sessionid'].value}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "benchmarks.settings", "BENCH_SQLITE": sqlite}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "anhai_thidua.wsgi",
            "--chdir",
            str(bootstrap.ROOT),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60  # a loaded machine boots a worker slowly
        while True:
            try:
                urllib.request.urlopen(base + "/__bench__/bare/", timeout=10).read()
                break
            except OSError:  # URLError, refused, timed out
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("gunicorn did not answer") from None
                time.sleep(0.3)
        for page in items:
            count = max(3, requests // 5) if page.heavy else requests
            req = urllib.request.Request(base + page.url, headers={"Cookie": cookies[page.user]})
            for i in range(warmup + count):
                t0 = time.perf_counter()
                with urllib.request.urlopen(req, timeout=120) as response:
                    response.read()
                if i >= warmup:
                    page.http_times.append(time.perf_counter() - t0)
            print(f"  {page.name} (HTTP): {statistics.median(page.http_times) * 1000:.1f} ms", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)


FLOOR_URL = "/__bench__/floor/"


def _start_gunicorn(port: int, sqlite: str, workers: int) -> tuple[subprocess.Popen, str]:
    if port == 8000:
        raise SystemExit("port 8000 is reserved for `make run`")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "benchmarks.settings", "BENCH_SQLITE": sqlite}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "anhai_thidua.wsgi",
            "--chdir",
            str(bootstrap.ROOT),
            "--bind",
            f"127.0.0.1:{port}",  # loopback only
            "--workers",
            str(workers),
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90  # a loaded machine boots workers slowly
    while True:
        try:
            urllib.request.urlopen(base + FLOOR_URL, timeout=10).read()
            return server, base
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.terminate()
                raise SystemExit("gunicorn did not answer") from None
            time.sleep(0.3)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _session_cookies(items: list[Page]) -> dict[str | None, str]:
    from django.test import Client

    from organisation.models import User

    cookies: dict[str | None, str] = {None: ""}
    for user in {p.user for p in items if p.user}:
        client = Client()
        bootstrap.sign_in(client, User.objects.get(username=user))
        cookies[user] = f"sessionid={client.cookies['sessionid'].value}"
    return cookies


def _get(base: str, url: str, cookie: str) -> float:
    req = urllib.request.Request(base + url, headers={"Cookie": cookie})
    t0 = time.perf_counter()
    with urllib.request.urlopen(req, timeout=120) as response:
        response.read()
    return time.perf_counter() - t0


def run_floor(items: list[Page], requests: int, passes: int, base: str) -> list[dict]:
    """Issue 13's method: one gunicorn (`workers` sync workers) serves both the page and the floor (a bare
    view rendering a 10-row table); one connection; per pass `requests` requests of the page alternating
    with as many of the floor; `passes` passes; p50 of the page ÷ p50 of the floor over the same passes."""
    cookies = _session_cookies(items)
    rows = []
    for page in items:
        if page.url == FLOOR_URL:
            continue
        count = max(2, requests // 5) if page.heavy else requests
        times, floor = [], []
        _get(base, page.url, cookies[page.user])  # warm the worker's caches (both workers, roughly)
        _get(base, page.url, cookies[page.user])
        for _ in range(passes):
            for _ in range(count):
                times.append(_get(base, page.url, cookies[page.user]))
                floor.append(_get(base, FLOOR_URL, ""))
        p50, f50 = statistics.median(times), statistics.median(floor)
        rows.append(
            {
                "page": page.name,
                "user": page.user,
                "p50": p50,
                "floor": f50,
                "queries": page.queries,
                "status": page.status,
            }
        )
        print(
            f"  {page.name}: {p50 * 1000:.1f} ms ÷ floor {f50 * 1000:.1f} ms = ×{p50 / f50:.1f}",
            flush=True,
        )
    return rows


def run_concurrent(
    items: list[Page], connections: int, max_requests: int, max_seconds: float, base: str
) -> list[dict]:
    """`connections` clients at once against one page, bounded: at most `max_requests` requests and
    `max_seconds` seconds per page, then the next page. Loopback only. p50, p95, requests a second, errors."""
    cookies = _session_cookies(items)
    rows = []
    for page in items:
        if page.heavy:
            continue
        times, errors, elapsed = _hammer(
            base, page.url, cookies[page.user], connections, max_requests, max_seconds
        )
        if not times:
            rows.append({"page": page.name, "p50": None, "p95": None, "rps": 0, "n": 0, "errors": errors[0]})
            continue
        rows.append(
            {
                "page": page.name,
                "p50": statistics.median(times),
                "p95": _p95(times),
                "rps": len(times) / elapsed,
                "n": len(times),
                "errors": errors,
            }
        )
        r = rows[-1]
        print(
            f"  {page.name}: p95 {r['p95'] * 1000:.0f} ms, {r['rps']:.1f} req/s ({r['n']} requests)",
            flush=True,
        )
    return rows


def _hammer(base, url, cookie, connections: int, max_requests: int, max_seconds: float):
    """`connections` threads GET `url` until `max_requests` were sent or `max_seconds` passed."""
    import threading

    lock = threading.Lock()
    times: list[float] = []
    state = {"budget": max_requests, "errors": 0}
    stop_at = time.monotonic() + max_seconds

    def client():
        while time.monotonic() < stop_at:
            with lock:
                if state["budget"] <= 0:
                    return
                state["budget"] -= 1
            try:
                t = _get(base, url, cookie)
            except OSError:
                with lock:
                    state["errors"] += 1
                continue
            with lock:
                times.append(t)

    started = time.monotonic()
    threads = [threading.Thread(target=client, daemon=True) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=max_seconds + 130)
    return times, state["errors"], time.monotonic() - started


def floor_table(rows: list[dict], concurrent: list[dict] | None) -> str:
    by_name = {r["page"]: r for r in concurrent or []}
    head = "| page | as | queries | p50 ms | floor p50 ms | × floor (≤ 10) |"
    rule = "|---|---|---:|---:|---:|---:|"
    if concurrent:
        head += " 20 conn. p95 ms (≤ 250) | req/s |"
        rule += "---:|---:|"
    out = [head, rule]
    for r in rows:
        ratio = r["p50"] / r["floor"]
        mark = "" if ratio <= 10 else " ✗"
        q = r["queries"] if r["queries"] is not None else "—"
        q_mark = "" if (r["queries"] or 0) <= 15 else " ✗"
        # A page that answered with a redirect or an error is not the page: say so in its row.
        status = "" if r.get("status") in (None, 200) else f" (status {r['status']})"
        line = (
            f"| {r['page']}{status} | {r['user'] or 'anonymous'} | {q}{q_mark} | {r['p50'] * 1000:.1f} | "
            f"{r['floor'] * 1000:.1f} | ×{ratio:.1f}{mark} |"
        )
        if concurrent:
            c = by_name.get(r["page"])
            if c and c["p95"] is not None:
                line += f" {c['p95'] * 1000:.0f}{'' if c['p95'] <= 0.25 else ' ✗'} | {c['rps']:.1f} |"
            else:
                line += " — | — |"
        out.append(line)
    return "\n".join(out)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]


def table(items: list[Page]) -> str:
    """Wall-clock median and p95 with the ratio to the bare view; this thread's CPU time with its ratios to
    the bare view and to the empty layout page (CPU time hardly moves on a loaded machine, where wall-clock
    does; it leaves out PostgreSQL's own work, done in the server's process); queries; page size."""
    bare = statistics.median(items[0].times)
    bare_cpu = statistics.median(items[0].cpu)
    layout = next((statistics.median(p.cpu) for p in items if p.url == "/__bench__/layout/"), None)
    http_bare = statistics.median(items[0].http_times) if items[0].http_times else None
    head = "| page | as | median ms | p95 ms | × bare | CPU ms | CPU × bare | CPU × layout | queries | KB |"
    rule = "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    if http_bare:
        head += " HTTP median ms | HTTP p95 ms | HTTP × bare |"
        rule += "---:|---:|---:|"
    rows = [head, rule]
    for p in items:
        med, cpu = statistics.median(p.times), statistics.median(p.cpu)
        flag = "" if p.status == 200 else f" (status {p.status})"
        vs_layout = f"{cpu / layout:.1f}" if layout else "—"
        row = (
            f"| {p.name}{flag} | {p.user or 'anonymous'} | {med * 1000:.1f} | {_p95(p.times) * 1000:.1f} "
            f"| {med / bare:.0f} | {cpu * 1000:.1f} | {cpu / bare_cpu:.0f} | {vs_layout} | {p.queries} "
            f"| {p.size / 1024:.0f} |"
        )
        if http_bare:
            hm = statistics.median(p.http_times)
            row += f" {hm * 1000:.1f} | {_p95(p.http_times) * 1000:.1f} | {hm / http_bare:.0f} |"
        rows.append(row)
    return "\n".join(rows)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sqlite", default="var/bench/large.sqlite3", help="SQLite file (without DATABASE_URL)"
    )
    parser.add_argument(
        "--requests", type=int, default=20, help="timed requests per page (documents: a fifth)"
    )
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--http", type=int, metavar="PORT", help="also time through gunicorn on this port")
    parser.add_argument(
        "--only", help="only pages whose name contains this text (the two baselines always run)"
    )
    parser.add_argument(
        "--floor",
        type=int,
        metavar="PORT",
        help="issue 13's method: pages alternating with the floor view through gunicorn on 127.0.0.1:PORT",
    )
    parser.add_argument("--passes", type=int, default=3, help="--floor: passes per page")
    parser.add_argument("--workers", type=int, default=2, help="--floor/--concurrent: gunicorn sync workers")
    parser.add_argument(
        "--concurrent", type=int, default=0, metavar="N", help="also N connections at once per page (p95)"
    )
    parser.add_argument("--concurrent-requests", type=int, default=200, help="at most this many per page")
    parser.add_argument("--concurrent-seconds", type=float, default=20.0, help="at most this long per page")
    parser.add_argument("--json", help="write the raw numbers here")
    parser.add_argument("--table", metavar="JSON", help="only print the table of an earlier run's --json")
    args = parser.parse_args(argv)
    if args.table:
        data = json.loads(Path(args.table).read_text())
        print(f"**{data['database']}**; {data['size']}\n")
        print(table([Page(**{k: v for k, v in row.items() if k != "heavy"}) for row in data["pages"]]))
        return

    sqlite = str(Path(args.sqlite).resolve())
    if not os.environ.get("DATABASE_URL") and not Path(sqlite).exists():
        raise SystemExit(f"{args.sqlite} does not exist: run benchmarks/generate.py first")
    bootstrap.setup(sqlite)
    from nominations.models import Dossier, Nominee
    from organisation.models import Official, Unit

    items = pages()
    if args.only:
        items = items[:2] + [p for p in items[2:] if args.only in p.name]
    database = bootstrap.describe_database()
    size = (
        f"{Unit.objects.filter(parent__isnull=True).count()} units, {Official.objects.count()} officials, "
        f"{Dossier.objects.count()} dossiers, {Nominee.objects.count()} nominees"
    )
    print(f"{database}; {size}", flush=True)
    if args.floor is not None:
        # Queries (and a quick in-process time) per page, then the floor method through gunicorn.
        run_in_process(items, min(args.requests, 3), 1)
        items = [p for p in items if p.url not in ("/__bench__/bare/",)]
        # One gunicorn for both phases; --floor 0 picks a free loopback port (the machine is shared).
        port = args.floor if args.floor > 0 else _free_port()
        server, base = _start_gunicorn(port, sqlite, args.workers)
        concurrent = None
        try:
            rows = run_floor(items, args.requests, args.passes, base)
            if args.concurrent:
                concurrent = run_concurrent(
                    items, args.concurrent, args.concurrent_requests, args.concurrent_seconds, base
                )
        finally:
            server.terminate()
            server.wait(timeout=30)
        print(
            f"\n**{database}**; {size}; gunicorn {args.workers} sync workers on 127.0.0.1; {args.passes} passes × "
            f"{args.requests} requests per page alternating with the floor"
            + (
                f"; {args.concurrent} connections, ≤ {args.concurrent_requests} requests / "
                f"{args.concurrent_seconds:.0f} s per page"
                if args.concurrent
                else ""
            )
            + "\n"
        )
        print(floor_table(rows, concurrent))
        if args.json:
            Path(args.json).write_text(
                json.dumps(
                    {"database": database, "size": size, "floor": rows, "concurrent": concurrent}, indent=1
                )
            )
        return
    run_in_process(items, args.requests, args.warmup)
    if args.http:
        run_http(items, args.requests, args.warmup, args.http, sqlite)
    print()
    print(
        f"**{database}**; {size}; {args.requests} requests per page ({max(3, args.requests // 5)} for PDFs)"
    )
    print()
    print(table(items))
    repeated = [p for p in items if p.repeated]
    if repeated:
        print("\nStatements run more than twice in one request:")
        for p in repeated:
            for n, sql in p.repeated:
                print(f"- {p.name}: {n}× `{sql}`")
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "database": database,
                    "size": size,
                    "pages": [
                        {
                            k: getattr(p, k)
                            for k in (
                                "name",
                                "user",
                                "url",
                                "times",
                                "cpu",
                                "http_times",
                                "queries",
                                "status",
                                "size",
                            )
                        }
                        for p in items
                    ],
                },
                ensure_ascii=False,
                indent=1,
            )
        )


if __name__ == "__main__":
    main()
