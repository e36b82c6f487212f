"""Build a large, realistic An Hải data set for the benchmarks, on top of the demo seed (seed_anhai).

    .venv/bin/python benchmarks/generate.py --reset                       # var/bench/large.sqlite3
    .venv/bin/python benchmarks/generate.py --reset --units 60 --officials-per-unit 25 --nominees 4
    .venv/bin/python benchmarks/generate.py --reset --demo --sqlite var/bench/demo.sqlite3   # demo seed only
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/anhai_bench .venv/bin/python benchmarks/generate.py --reset

What it makes (defaults): 60 top-level units (the 6 demo units and 54 generated ones, each with a team),
25 officials per unit (1,500), a head account per unit; the demo campaign with its criteria, every unit
registered with one period of results (criteria.seeding); a dossier for every unit built and submitted through
the nominations services (a collective and `--nominees` individuals, each with a confirmed achievement report,
the unit's minutes and a scanned attachment); the office accepts most of them (reviews.seeding), the council
meets and votes on every accepted nominee (council.seeding); the rest wait for review or are still drafts;
`--notifications` in-app notifications per account with a role. Writes only the benchmark database
(benchmarks/settings.py refuses var/db.sqlite3).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks import bootstrap  # noqa: E402

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
]
MIDDLE_M = ["Văn", "Minh", "Quốc", "Đức", "Hữu", "Thanh", "Công", "Xuân"]
MIDDLE_F = ["Thị", "Thị Thu", "Thị Thanh", "Ngọc", "Thị Mai", "Thị Hồng", "Thùy", "Khánh"]
GIVEN_M = [
    "An",
    "Bảo",
    "Cường",
    "Dũng",
    "Đạt",
    "Hải",
    "Hùng",
    "Khoa",
    "Long",
    "Nam",
    "Phúc",
    "Quang",
    "Sơn",
    "Tâm",
]
GIVEN_F = [
    "Anh",
    "Chi",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hoa",
    "Lan",
    "Linh",
    "Mai",
    "Ngân",
    "Oanh",
    "Thảo",
    "Yến",
]
UNIT_KINDS = [
    ("Tổ dân phố số {n}", "TDP {n}", "don_vi"),
    ("Trường Tiểu học An Hải {n}", "TH An Hải {n}", "don_vi"),
    ("Trạm Y tế khu vực {n}", "TYT KV {n}", "don_vi"),
    ("Ban Quản lý chợ số {n}", "BQL chợ {n}", "don_vi"),
    ("Đội Trật tự đô thị số {n}", "Đội TTĐT {n}", "don_vi"),
    ("Phòng chuyên môn số {n}", "Phòng CM {n}", "phong"),
]


def _name(i: int) -> tuple[str, str]:
    female = i % 2 == 1
    family = FAMILY[(i * 7) % len(FAMILY)]
    middle = (MIDDLE_F if female else MIDDLE_M)[(i * 3) % 8]
    given = (GIVEN_F if female else GIVEN_M)[(i * 5 + i // 14) % 14]
    return f"{family} {middle} {given}", "female" if female else "male"


def _reset(sqlite_path: Path) -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{sqlite_path}{suffix}").unlink(missing_ok=True)
        return
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(url)
    name = cfg["NAME"]
    if not name.startswith("anhai_bench"):
        raise SystemExit(f"refusing to drop {name!r}: benchmark databases are named anhai_bench*")
    conninfo = dict(
        host=cfg.get("HOST") or "127.0.0.1",
        port=cfg.get("PORT") or 5432,
        user=cfg.get("USER") or "postgres",
        password=cfg.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    )
    with psycopg.connect(**{k: v for k, v in conninfo.items() if v is not None}) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def make_organisation(*, units: int, officials_per_unit: int) -> list:
    """Top up the demo organisation to `units` top-level units with `officials_per_unit` officials each
    (a fifth of them in the unit's team) and one head account per generated unit. Bulk inserts: these
    are reference rows with no workflow; Official.save() fills sort/search keys, so they are computed here."""
    from django.contrib.auth.hashers import make_password

    from organisation import seed_data
    from organisation.models import Official, RoleAssignment, Unit, User
    from organisation.text import fold, name_sort_key, nfc

    password = make_password(seed_data.DEMO_PASSWORD)  # hashed once: PBKDF2 per account would take minutes
    top = list(Unit.objects.filter(parent__isnull=True).order_by("order"))
    order = max(u.order for u in Unit.objects.all()) + 10
    new_units = []
    for n in range(1, max(units - len(top), 0) + 1):
        name, short, kind = UNIT_KINDS[n % len(UNIT_KINDS)]
        new_units.append(
            Unit(
                name=name.format(n=n),
                short_name=short.format(n=n),
                code=f"bench-{n:03d}",
                kind=kind,
                email=f"bench{n:03d}@anhai.example.vn",
                order=order + n * 10,
            )
        )
    Unit.objects.bulk_create(new_units)
    new_units = list(Unit.objects.filter(code__startswith="bench-").order_by("order"))
    Unit.objects.bulk_create(
        Unit(
            name="Tổ nghiệp vụ",
            short_name="Tổ NV",
            code=f"{u.code}-to",
            kind="to",
            parent=u,
            order=u.order + 1,
        )
        for u in new_units
    )
    teams = {t.parent_id: t for t in Unit.objects.filter(code__startswith="bench-", parent__isnull=False)}

    officials = []
    i = 0
    for unit in top + new_units:
        have = Official.objects.filter(unit__in=[unit, *unit.teams.all()]).count()
        for k in range(max(officials_per_unit - have, 0)):
            i += 1
            name, gender = _name(i)
            name = nfc(name)
            in_team = unit.pk in teams and k % 5 == 4
            officials.append(
                Official(
                    code=f"bench-cb{i:05d}",
                    full_name=name,
                    gender=gender,
                    date_of_birth=dt.date(1970 + i % 30, 1 + i % 12, 1 + i % 28),
                    position="Trưởng đơn vị" if k == 0 and unit in new_units else "Chuyên viên",
                    unit=teams[unit.pk] if in_team else unit,
                    email=f"cb{i:05d}@anhai.example.vn",
                    sort_key=name_sort_key(name),
                    search_key=fold(name),
                )
            )
    Official.objects.bulk_create(officials, batch_size=500)

    heads = {o.unit_id: o for o in Official.objects.filter(unit__in=new_units, position="Trưởng đơn vị")}
    users = [
        User(
            username=f"truong.{u.code}",
            password=password,
            official=heads[u.pk],
            email=heads[u.pk].email,
            first_name=heads[u.pk].full_name,
        )
        for u in new_units
    ]
    User.objects.bulk_create(users)
    by_name = {u.username: u for u in User.objects.filter(username__startswith="truong.bench-")}
    RoleAssignment.objects.bulk_create(
        RoleAssignment(user=by_name[f"truong.{u.code}"], role="unit_head", unit=u) for u in new_units
    )
    return new_units


def build_dossier(campaign, unit, *, nominees: int, timeline, submit: bool):
    """One generated unit's dossier through the nominations services, as its head would fill it: built on the
    day the units' councils meet and submitted on the submission day of the demo's timeline (the same
    calendar as the demo units', campaigns.timeline), each service run at its own time."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction

    from campaigns.models import Standard
    from campaigns.timeline import replaying
    from nominations import services
    from nominations.seeding import (
        demo_collective_report,
        demo_individual_report,
        demo_scan_pdf,
    )
    from organisation.models import Official
    from organisation.selectors import unit_head_user

    head = unit_head_user(unit)
    standards = {
        kind: list(Standard.objects.filter(campaign=campaign, nominee_kind=kind).order_by("order", "id"))
        for kind in ("collective", "individual")
    }
    with transaction.atomic(), replaying(timeline.at(timeline.unit_meetings, 16, 30)):
        dossier = services.dossier_create(campaign=campaign, unit=unit, actor=head)
        made = []
        collective = services.nominee_add(
            dossier=dossier,
            actor=head,
            kind="collective",
            unit=unit,
            award_kind="giay_khen",
            standards=standards["collective"][:1],
            evidence="Hoàn thành xuất sắc nhiệm vụ cải cách hành chính năm 2025.",
        )
        services.report_save(
            nominee=collective,
            actor=head,
            fields=demo_collective_report(
                unit, f"{unit.name} gồm lãnh đạo đơn vị và các tổ nghiệp vụ.", "Hoàn thành 100% nhiệm vụ."
            ),
            prior_awards=[
                {"year": 2024, "form": "Tập thể lao động tiên tiến", "decision": "Quyết định số 25/QĐ-UBND"}
            ],
        )
        made.append(collective)
        people = Official.objects.filter(unit__in=[unit, *unit.teams.all()]).exclude(pk=head.official_id)
        for official in people.select_related("unit").order_by("sort_key")[:nominees]:
            result = f"{official.full_name} giải quyết 100% hồ sơ được giao đúng hạn; số hóa toàn bộ kết quả."
            nominee = services.nominee_add(
                dossier=dossier,
                actor=head,
                kind="individual",
                official=official,
                award_kind="giay_khen",
                standards=standards["individual"][:1],
                evidence=result,
            )
            services.report_save(
                nominee=nominee,
                actor=head,
                fields=demo_individual_report(official, result, "", official.date_of_birth),
                prior_awards=[
                    {
                        "year": 2024,
                        "form": "Hoàn thành xuất sắc nhiệm vụ",
                        "decision": "Quyết định số 31/QĐ-UBND",
                    }
                ],
            )
            made.append(nominee)
        for nominee in made:
            services.report_confirm(nominee=nominee, actor=head)
        services.minutes_save(
            dossier=dossier,
            actor=head,
            fields={
                "meeting_date": timeline.unit_meetings,
                "meeting_place": f"Phòng họp {unit.name}",
                "chair_name": head.official.full_name,
                "secretary_name": "Thư ký Hội đồng",
                "members_total": 7,
                "members_present": 7,
                "content": "Hội đồng nghe báo cáo thành tích, thảo luận và biểu quyết công khai.",
            },
            votes={n.pk: (7 - i % 2, 7) for i, n in enumerate(made)},
        )
        services.attachment_add(
            dossier=dossier,
            actor=head,
            file=SimpleUploadedFile(
                f"Biên bản họp - {unit.short_name}.pdf", demo_scan_pdf(f"Bien ban {unit.code}")
            ),
            kind="bien_ban",
            replace=True,
        )
        if submit:
            with replaying(timeline.at(timeline.submitted, 11)):
                services.dossier_submit(dossier=dossier, actor=head, today=timeline.submitted)
    return dossier


def make_notifications(per_user: int) -> int:
    """`per_user` in-app notifications for every account with a role, a third of them unread."""
    from django.utils import timezone

    from notifications.models import Notification
    from organisation.models import User

    now = timezone.now()
    rows = []
    for user in User.objects.filter(role_assignments__isnull=False).distinct():
        for k in range(per_user):
            at = now - dt.timedelta(hours=3 * k)
            rows.append(
                Notification(
                    recipient=user,
                    subject=f"Nhắc hạn: còn {k % 10 + 1} ngày nộp báo cáo kết quả tiêu chí",
                    body="Đơn vị kiểm tra và cập nhật số liệu trước hạn.",
                    link="/",
                    created_at=at,
                    read_at=None if k % 3 == 0 else at,
                )
            )
    Notification.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def vacuum_analyze(step) -> None:
    """VACUUM ANALYZE the PostgreSQL database after the bulk inserts: the planner's statistics and the
    visibility map a production database keeps by autovacuum (off on some machines: this one), so plans are
    measured as they would run there, not on tables the planner believes empty."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    step("VACUUM ANALYZE")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sqlite", default="var/bench/large.sqlite3", help="SQLite file (without DATABASE_URL)"
    )
    parser.add_argument("--reset", action="store_true", help="drop the benchmark database first")
    parser.add_argument("--demo", action="store_true", help="only the demo seed (seed_anhai --through voted)")
    parser.add_argument(
        "--through",
        default="voted",
        help="--demo: the stage seed_anhai stops at (decided: the decision issued, for the decision's pages)",
    )
    parser.add_argument(
        "--city",
        action="store_true",
        help="city scale with bulk inserts (benchmarks/city.py): 2,000 units, 30,000 officials, "
        "5 years x 2 campaigns, 20,000 dossiers, 100,000 nominees; --units etc. still apply",
    )
    parser.add_argument("--units", type=int, default=None, help="top-level units in all (60; --city 2000)")
    parser.add_argument("--officials-per-unit", type=int, default=None, help="25; --city 15")
    parser.add_argument("--nominees", type=int, default=4, help="individuals per generated dossier")
    parser.add_argument("--years", type=int, default=5, help="--city: years of history, two campaigns each")
    parser.add_argument(
        "--notifications", type=int, default=None, help="per account with a role (60; --city 20)"
    )
    args = parser.parse_args(argv)
    city = {"units": 2000, "officials_per_unit": 15, "notifications": 20}
    large = {"units": 60, "officials_per_unit": 25, "notifications": 60}
    for key, value in (city if args.city else large).items():
        if getattr(args, key) is None:
            setattr(args, key, value)

    sqlite_path = Path(args.sqlite).resolve()
    sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    use_sqlite = not os.environ.get("DATABASE_URL")
    if args.reset:
        _reset(sqlite_path)
    elif use_sqlite and sqlite_path.exists():
        raise SystemExit(f"{args.sqlite} exists: run again with --reset")
    # SQLite: built under another name and renamed when complete, so a file that exists is a whole one.
    building = sqlite_path.with_name(sqlite_path.name + ".partial")
    if use_sqlite:
        _reset(building)
    bootstrap.setup(str(building))
    build(args)
    if use_sqlite:
        from django.db import connections

        connections.close_all()
        os.replace(building, sqlite_path)
        print(f"wrote {os.path.relpath(sqlite_path)}")


def build(args) -> None:
    from django.core.management import call_command
    from django.utils import timezone

    from campaigns.models import Campaign
    from organisation.seeding import organisation_seed

    started = time.monotonic()

    def step(text):
        print(f"[{time.monotonic() - started:6.1f}s] {text}", flush=True)

    step(f"database: {bootstrap.describe_database()}")
    call_command("migrate", verbosity=0)
    if Campaign.objects.exists():
        raise SystemExit("the benchmark database already has data: run again with --reset")
    today = timezone.localdate()
    if args.city:
        from benchmarks.city import build_city

        build_city(args, step)
        vacuum_analyze(step)
        step("city data done")
        print_counts()
        return
    if args.demo:
        call_command("seed_anhai", through=args.through)
        make_notifications(args.notifications)
        step("demo seed done")
        print_counts()
        return

    # One calendar for every step (campaigns.timeline), as `seed_anhai --through voted` uses: the plan's
    # registrations and results, the units' meetings and submissions, the review and the council meeting
    # all lie before today in their real order. (Each seeding module's own default timeline is built for
    # its stage alone: mixed, a review would come before the submission it reviews.)
    from awards.seeding import awards_seed_rates
    from campaigns.services import campaign_seed_anhai
    from campaigns.timeline import demo_timeline
    from council.seeding import council_seed_vote
    from criteria.seeding import criteria_seed_demo
    from nominations.seeding import nominations_seed_submitted
    from reviews.seeding import reviews_seed_accepted

    timeline = demo_timeline(today, "voted")
    organisation_seed()
    awards_seed_rates()
    new_units = make_organisation(units=args.units, officials_per_unit=args.officials_per_unit)
    step(f"organisation: {len(new_units)} generated units")
    campaign, _created = campaign_seed_anhai(today=today, timeline=timeline)
    criteria_seed_demo(campaign, today=today, timeline=timeline)  # registrations and results, every unit
    step("plan, criteria registrations and results for every unit (the demo seed's)")

    nominations_seed_submitted(campaign, today=today, timeline=timeline)
    # Two thirds are accepted and voted on; of the rest, most wait for review and every fourth is a draft.
    voted = [u for i, u in enumerate(new_units) if i % 3 != 2]
    later = [u for i, u in enumerate(new_units) if i % 3 == 2]
    for unit in voted:
        build_dossier(campaign, unit, nominees=args.nominees, timeline=timeline, submit=True)
    step(f"dossiers: {len(voted)} generated and submitted")
    reviews_seed_accepted(campaign, today=today, timeline=timeline)
    step("reviews: accepted")
    council_seed_vote(campaign, today=today, timeline=timeline)
    step("council: meeting held, vote closed")
    # Submitted on the same day as the others but not reviewed yet (built after the review and the meeting,
    # which take every dossier waiting for review).
    for i, unit in enumerate(later):
        build_dossier(campaign, unit, nominees=args.nominees, timeline=timeline, submit=i % 4 != 3)
    step(f"dossiers: {len(later)} more, waiting for review or still drafts")
    made = make_notifications(args.notifications)
    step(f"notifications: {made}")
    vacuum_analyze(step)
    print_counts()


def print_counts() -> None:
    from django.apps import apps

    for label in [
        "organisation.Unit",
        "organisation.Official",
        "organisation.User",
        "criteria.TargetResult",
        "nominations.Dossier",
        "nominations.Nominee",
        "reviews.NomineeDecision",
        "council.PollItem",
        "council.Ballot",
        "awards.Award",
        "notifications.Notification",
        "core.AuditEntry",
    ]:
        print(f"  {label}: {apps.get_model(label).objects.count()}")


if __name__ == "__main__":
    main()
