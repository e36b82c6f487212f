"""EXPLAIN every query of every main page on the benchmark data and flag sequential scans of big tables.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/anhai_bench_city .venv/bin/python benchmarks/explain.py
    ... benchmarks/explain.py --only "directory" --min-rows 5000 --analyze

Each page of benchmarks/pages.py is requested once in-process (Django's test Client, as its user); every
SELECT it ran is explained (EXPLAIN (FORMAT JSON), or EXPLAIN ANALYZE with --analyze) and each plan node that
reads a table of at least --min-rows rows (pg_class.reltuples, default 10,000) with a Seq Scan is listed with
the page, the query's shape and the planner's cost. PostgreSQL only. Exits 1 when a flagged scan remains and
--strict is given. Writes nothing.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks import bootstrap  # noqa: E402


def _nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def _shape(sql: str) -> str:
    sql = re.sub(r"'[^']*'", "'…'", sql)
    sql = re.sub(r"\b\d+\b", "N", sql)
    return re.sub(r"\s+", " ", sql)[:160]


def table_sizes() -> dict[str, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, c.reltuples::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind = 'r' AND n.nspname = 'public'"
        )
        return dict(cursor.fetchall())


def explain_page(page, client, sizes: dict[str, int], *, min_rows: int, analyze: bool) -> list[dict]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(page.url)
    flagged = []
    for n, q in enumerate(ctx.captured_queries, start=1):
        sql = q["sql"]
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        with connection.cursor() as cursor:
            cursor.execute(("EXPLAIN (ANALYZE, FORMAT JSON) " if analyze else "EXPLAIN (FORMAT JSON) ") + sql)
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        root = plan[0]["Plan"]
        for node in _nodes(root):
            table = node.get("Relation Name")
            if node.get("Node Type") == "Seq Scan" and sizes.get(table, 0) >= min_rows:
                flagged.append(
                    {
                        "page": page.name,
                        "status": response.status_code,
                        "query": n,
                        "table": table,
                        "rows": sizes[table],
                        "filter": node.get("Filter", ""),
                        "total_cost": root.get("Total Cost"),
                        "ms": root.get("Actual Total Time"),
                        "sql": _shape(sql),
                    }
                )
    return flagged


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="", help="pages whose name contains this text")
    parser.add_argument(
        "--min-rows", type=int, default=10_000, help="a 'big table' has at least this many rows"
    )
    parser.add_argument("--analyze", action="store_true", help="EXPLAIN ANALYZE (runs the queries)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a sequential scan is flagged")
    args = parser.parse_args(argv)

    bootstrap.setup()
    from django.db import connection
    from django.test import Client

    from benchmarks.pages import pages
    from organisation.models import User

    if connection.vendor != "postgresql":
        raise SystemExit("explain.py needs PostgreSQL (DATABASE_URL=postgres://…/anhai_bench…)")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh statistics after the bulk inserts
    sizes = table_sizes()
    print(
        f"# EXPLAIN on {bootstrap.describe_database()}: sequential scans of tables >= {args.min_rows:,} rows\n"
    )
    clients: dict = {}
    all_flagged = []
    for page in pages():
        if page.heavy or (args.only and args.only not in page.name):
            continue
        client = clients.get(page.user)
        if client is None:
            client = clients[page.user] = Client()
            if page.user:
                bootstrap.sign_in(client, User.objects.get(username=page.user))
        client.get(page.url)  # warm the per-user cache: the steady state is what is explained
        flagged = explain_page(page, client, sizes, min_rows=args.min_rows, analyze=args.analyze)
        all_flagged += flagged
        print(f"- {page.name}: {'OK' if not flagged else f'{len(flagged)} sequential scan(s)'}")
    if all_flagged:
        print("\n| page | query | table | rows | filter | plan cost | ms | SQL |")
        print("|---|---:|---|---:|---|---:|---:|---|")
        for f in all_flagged:
            print(
                f"| {f['page']} | {f['query']} | {f['table']} | {f['rows']:,} | {f['filter'][:80]} | "
                f"{f['total_cost']} | {f['ms'] if f['ms'] is not None else ''} | `{f['sql']}` |"
            )
    return 1 if (args.strict and all_flagged) else 0


if __name__ == "__main__":
    raise SystemExit(main())
