"""One page in-process, signed in: p50 and min over N requests, its queries (the slowest with their time),
optionally cProfile and EXPLAIN (ANALYZE, BUFFERS) of the slowest queries. Used for docs/benchmarks.md ("Per-page work").

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/anhai_bench_city DEBUG=true \
        .venv/bin/python benchmarks/page_profile.py /tham-dinh/cchc-2025-h2/ --requests 30 [--profile 40] [--explain 3]

The user is signed in as after the TOTP step (the office's pages are otherwise a redirect to it).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks import bootstrap  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--user", default="vhxh")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--profile", type=int, metavar="N", help="cProfile 5 requests, print N lines")
    parser.add_argument("--sort", default="cumulative", help="cProfile sort key (cumulative, tottime)")
    parser.add_argument("--explain", type=int, metavar="N", help="EXPLAIN ANALYZE the N slowest queries")
    args = parser.parse_args()
    bootstrap.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    bootstrap.sign_in(client, get_user_model().objects.get(username=args.user))
    response = client.get(args.url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(args.url)
    slowest = sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))
    print(
        f"{args.url}: status {response.status_code}, {len(response.content) // 1024} KB, {len(slowest)} queries"
    )
    for query in slowest[:6]:
        print(f"  {float(query['time']) * 1000:6.1f} ms  {query['sql'][:200]}")
    times = []
    for _ in range(args.requests):
        start = time.perf_counter()
        client.get(args.url)
        times.append(time.perf_counter() - start)
    print(f"p50 {statistics.median(times) * 1000:.1f} ms, min {min(times) * 1000:.1f} ms")
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(5):
            client.get(args.url)
        profile.disable()
        pstats.Stats(profile).sort_stats(args.sort).print_stats(args.profile)
    for query in [q for q in slowest if not q["sql"].startswith("DECLARE")][: args.explain or 0]:
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
            print("\n".join(row[0] for row in cursor.fetchall()), "\n-----")


if __name__ == "__main__":
    main()
