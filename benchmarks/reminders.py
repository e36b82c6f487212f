"""One beat tick of the deadline reminders over every unit, three deadlines due at once; then a second tick
that must send nothing (exactly once). Target (issue 13): ≤ 10 s for 2,000 units.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/anhai_bench_city .venv/bin/python benchmarks/reminders.py

In one transaction that is rolled back at the end (the benchmark database is left as it was): every launched
campaign is set aside, a copy of the seeded plan is launched with its registration, criteria report and
submission deadlines 7, 3 and 1 days ahead (each a "before" stage today), so every active top-level unit owes
all three; notifications.tasks' send_due_reminders runs twice, timed, with its queries counted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks import bootstrap  # noqa: E402


class _Rollback(Exception):
    pass


def warm_up() -> None:
    """What a worker process does once, not per tick: import the URL patterns (reverse) and compile the
    reminder templates (the cached loader)."""
    from django.template.loader import get_template
    from django.urls import reverse

    reverse("campaigns:list")
    for name in ("reminder", "reminder_escalation", "base"):
        get_template(f"notifications/emails/{name}.txt")
        get_template(f"notifications/emails/{name}.html")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sqlite", default=None, help="SQLite file (without DATABASE_URL)")
    parser.add_argument("--slowest", type=int, default=0, help="print the first tick's N slowest queries")
    parser.add_argument("--profile", type=int, default=0, help="profile the first tick: N top functions")
    args = parser.parse_args(argv)
    bootstrap.setup(args.sqlite)

    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from campaigns.enums import CampaignStatus
    from campaigns.models import Campaign
    from campaigns.services import campaign_copy
    from notifications.models import Notification, OutboundEmail, Reminder
    from notifications.reminders import send_due_reminders
    from organisation.enums import Role
    from organisation.models import Unit, User

    today = timezone.localdate()
    units = Unit.objects.filter(parent__isnull=True, is_active=True).count()
    print(f"# One reminder tick on {bootstrap.describe_database()}: {units:,} top-level units, {today}")
    result = {}
    slowest = []
    try:
        with transaction.atomic():
            Campaign.objects.filter(status=CampaignStatus.LAUNCHED).update(status=CampaignStatus.CLOSED)
            source = Campaign.objects.order_by("pk").first()
            office = User.objects.filter(role_assignments__role=Role.OFFICE).order_by("pk").first()
            campaign = campaign_copy(
                source=source,
                actor=office,
                title="Phong trào thi đua đo thời gian nhắc hạn",
                period_start=dt.date(today.year, 1, 1),
                period_end=dt.date(today.year, 12, 31),
            )
            Campaign.objects.filter(pk=campaign.pk).update(
                status=CampaignStatus.LAUNCHED,
                registration_deadline=today + dt.timedelta(days=7),
                criteria_report_deadline=today + dt.timedelta(days=3),
                submission_deadline=today + dt.timedelta(days=1),
            )
            before = (Reminder.objects.count(), Notification.objects.count(), OutboundEmail.objects.count())
            # A beat worker has loaded its URL patterns and templates before its tick: not counted here.
            warm_up()
            with CaptureQueriesContext(connection) as ctx:
                started, cpu = time.perf_counter(), time.process_time()
                if args.profile:
                    import cProfile

                    profiler = cProfile.Profile()
                    sent = profiler.runcall(send_due_reminders, today=today)
                else:
                    sent = send_due_reminders(today=today)
                first, first_cpu = time.perf_counter() - started, time.process_time() - cpu
            queries = len(ctx.captured_queries)
            query_s = sum(float(q["time"]) for q in ctx.captured_queries)
            slowest = sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))[: args.slowest]
            started = time.perf_counter()
            again = send_due_reminders(today=today)
            second = time.perf_counter() - started
            after = (Reminder.objects.count(), Notification.objects.count(), OutboundEmail.objects.count())
            result = {
                "sent": sent,
                "first_s": first,
                "first_cpu": first_cpu,
                "queries": queries,
                "query_s": query_s,
                "again": again,
                "second_s": second,
                "rows": [a - b for a, b in zip(after, before, strict=True)],
            }
            raise _Rollback
    except _Rollback:
        pass
    reminders, notes, emails = result["rows"]
    if args.profile:
        import pstats

        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)
    for q in slowest:
        print(f"  {float(q['time']) * 1000:8.1f} ms  {q['sql'][:160]}")
    print(
        f"first tick: {result['sent']:,} reminders in {result['first_s']:.2f} s wall, {result['first_cpu']:.2f} s CPU "
        f"of this process ({result['queries']:,} queries, {result['query_s']:.2f} s waiting for them); "
        f"rows written: {reminders:,} reminders, {notes:,} notifications, {emails:,} emails"
    )
    print(f"second tick: {result['again']} sent in {result['second_s']:.2f} s (exactly once: must be 0)")
    print(f"target ≤ 10 s: {'met' if result['first_s'] <= 10 else 'MISSED'}; rolled back, nothing kept")
    return 0 if result["again"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
