"""City-scale data for the benchmarks (`benchmarks/generate.py --city`), built with bulk inserts.

What it makes with the defaults of the preset: 2,000 top-level units, 15 officials each (30,000), a head
account per unit; 5 years × 2 campaigns (the seeded CCHC 2025 plan and 9 copies made by
campaigns.services.campaign_copy); a dossier for every unit in every campaign (20,000) with a collective and 4
individuals (100,000 nominees), each with an achievement report, the unit's minutes and votes. In the 9 past
campaigns every dossier was reviewed (a nominee decision per nominee, one in twenty rejected), the council met
and voted (polls, recusals, voter records, secret ballots built before the poll was closed, then closed with the
hash computed by council.tally.result_hash), and an issued award decision gives a Giấy khen to every approved
nominee (numbered in the award register); in the current campaign the demo units went through the services
(seed_anhai --through voted) and the generated ones are submitted, returned or drafts. Notifications per
account with a role.

Rows are written with bulk_create when their ids are needed and with PostgreSQL's COPY otherwise (SQLite:
bulk_create). Constraints hold as in the workflow; the closed-poll triggers (council/dbguard.py) are respected
because a poll's ballots and voter records are inserted before its closed_at is set.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid

from django.db import connection, transaction
from django.utils import timezone

BATCH = 5000


def copy_rows(model, objs, fields=None) -> int:
    """Insert model instances without reading ids back: COPY on PostgreSQL, bulk_create elsewhere."""
    objs = list(objs)
    if not objs:
        return 0
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objs, batch_size=BATCH)
        return len(objs)
    concrete = [
        f
        for f in model._meta.concrete_fields
        if not (f.primary_key and getattr(f, "db_returning", False)) and (fields is None or f.name in fields)
    ]
    if model._meta.pk.db_returning and any(o.pk for o in objs):
        raise ValueError("copy_rows never writes explicit ids of serial keys")
    cols = ", ".join(connection.ops.quote_name(f.column) for f in concrete)
    sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({cols}) FROM STDIN"
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(sql) as copy:
            for obj in objs:
                copy.write_row(
                    [_copy_value(f, f.get_db_prep_save(f.pre_save(obj, True), connection)) for f in concrete]
                )
    return len(objs)


def copy_tuples(table: str, columns: list[str], rows) -> int:
    """COPY raw tuples (PostgreSQL only): for the biggest tables, where model instances cost too much."""
    n = 0
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                n += 1
    return n


def _copy_value(field, value):
    # JSONField's prep value is a psycopg Jsonb wrapper, which COPY cannot adapt in text mode: write the text.
    if value is not None and field.get_internal_type() == "JSONField":
        import json

        return json.dumps(getattr(value, "obj", value))
    return value


def build_city(args, step) -> None:
    from django.core.management import call_command

    from benchmarks.generate import make_notifications, make_organisation
    from campaigns.enums import CampaignStatus
    from campaigns.models import Campaign
    from campaigns.services import campaign_copy
    from organisation.seeding import organisation_seed

    organisation_seed()
    make_organisation(units=args.units, officials_per_unit=args.officials_per_unit)
    step(f"organisation: {args.units} top-level units, {args.officials_per_unit} officials each")
    call_command("seed_anhai", through="voted", stdout=_devnull())
    current = Campaign.objects.order_by("pk").first()
    step("seed_anhai --through voted: the current campaign, criteria for every unit, the demo dossiers")

    from organisation.enums import Role
    from organisation.models import User

    office = User.objects.filter(role_assignments__role=Role.OFFICE).order_by("pk").first()
    year = current.period_start.year
    past = []
    for back in range(args.years * 2 - 1):
        # H2 of this year is the seeded campaign; then H1 of this year, H2 and H1 of the years before.
        y = year - (back + 1) // 2
        first_half = back % 2 == 0
        start = dt.date(y, 1, 1) if first_half else dt.date(y, 7, 1)
        end = dt.date(y, 6, 30) if first_half else dt.date(y, 12, 31)
        label = "6 tháng đầu năm" if first_half else "6 tháng cuối năm"
        copy = campaign_copy(
            source=current,
            actor=office,
            title=f"Phong trào thi đua thực hiện công tác cải cách hành chính {label} {y}",
            period_start=start,
            period_end=end,
        )
        Campaign.objects.filter(pk=copy.pk).update(status=CampaignStatus.CLOSED)
        past.append(copy)
    step(f"campaigns: {len(past)} past copies")

    for i, campaign in enumerate(past):
        with transaction.atomic():
            counts = build_past_campaign(campaign, seed=i, nominees=args.nominees, office=office)
        step(f"past campaign {campaign.period_start:%m/%Y}: {counts}")
    with transaction.atomic():
        counts = build_current(current, nominees=args.nominees)
    step(f"current campaign, generated units: {counts}")
    made = make_notifications(args.notifications)
    step(f"notifications: {made}")


def _devnull():
    import os

    return open(os.devnull, "w")


def _unit_people():
    """{top unit id: [official, ...]} in sort order (a unit's own officials and its teams')."""
    from organisation.models import Official, Unit

    top_of = {u.pk: (u.parent_id or u.pk) for u in Unit.objects.only("id", "parent_id")}
    people: dict[int, list] = {}
    for o in Official.objects.only(
        "id", "full_name", "gender", "position", "unit_id", "date_of_birth"
    ).order_by("sort_key", "id"):
        people.setdefault(top_of[o.unit_id], []).append(o)
    return people


def _make_dossiers(campaign, units, heads, state, *, submitted_at, decided_at=None):
    from nominations.models import Dossier

    now = timezone.now()
    rows = [
        Dossier(
            campaign=campaign,
            unit=u,
            state=state(i),
            submitted_at=submitted_at if state(i) != "draft" else None,
            submission_count=0 if state(i) == "draft" else 1,
            decided_at=decided_at if state(i) in ("accepted", "rejected") else None,
            created_by_id=heads.get(u.pk),
            created_at=now,
        )
        for i, u in enumerate(units)
    ]
    return Dossier.objects.bulk_create(rows, batch_size=BATCH)


def _make_nominees(dossiers, people, nominees, standards):
    """A collective and `nominees` individuals per dossier, each with a confirmed report and the unit's vote."""
    from nominations.models import AchievementReport, MinutesVote, Nominee, UnitMinutes

    rows = []
    for d in dossiers:
        rows.append(Nominee(dossier=d, kind="collective", unit=d.unit, award_kind="giay_khen", order=0))
        for k, o in enumerate(people.get(d.unit_id, [])[1 : nominees + 1], start=1):
            rows.append(
                Nominee(
                    dossier=d,
                    kind="individual",
                    official=o,
                    award_kind="giay_khen",
                    order=k,
                    evidence=f"{o.full_name} giải quyết 100% hồ sơ được giao đúng hạn.",
                )
            )
    made = Nominee.objects.bulk_create(rows, batch_size=BATCH)
    Through = Nominee.standards.through
    copy_rows(
        Through,
        [
            Through(nominee_id=n.pk, standard_id=standards[n.kind])
            for n in made
            if standards.get(n.kind) is not None
        ],
    )
    now = timezone.now()
    reports = []
    for n in made:
        if n.kind == "collective":
            reports.append(
                AchievementReport(
                    nominee=n,
                    profile_structure="Lãnh đạo đơn vị và các tổ nghiệp vụ.",
                    profile_staff_total=15,
                    profile_staff_women=7,
                    profile_functions="Thực hiện nhiệm vụ chuyên môn của phường.",
                    results="Hoàn thành xuất sắc nhiệm vụ cải cách hành chính.",
                    confirmed_at=now,
                )
            )
        else:
            reports.append(
                AchievementReport(
                    nominee=n,
                    cv_full_name=n.official.full_name,
                    cv_position=n.official.position,
                    results=n.evidence,
                    confirmed_at=now,
                )
            )
    copy_rows(AchievementReport, reports)
    minutes = UnitMinutes.objects.bulk_create(
        [
            UnitMinutes(
                dossier=d,
                meeting_date=d.created_at.date(),
                meeting_place="Phòng họp đơn vị",
                chair_name="Thủ trưởng đơn vị",
                secretary_name="Thư ký",
                members_total=7,
                members_present=7,
                content="Hội đồng biểu quyết công khai.",
            )
            for d in dossiers
        ],
        batch_size=BATCH,
    )
    by_dossier = {m.dossier_id: m.pk for m in minutes}
    copy_rows(
        MinutesVote,
        [
            MinutesVote(minutes_id=by_dossier[n.dossier_id], nominee=n, votes_for=7 - i % 2, votes_total=7)
            for i, n in enumerate(made)
        ],
    )
    return made


def _make_reviews(dossiers, nominees, *, received_at, received_by):
    """Every dossier's review row with its search key, as reviews.search.review_reindex would write it."""
    from reviews.models import DossierReview
    from reviews.search import search_text_for

    names: dict[int, list] = {}
    for n in nominees:
        names.setdefault(n.dossier_id, []).append(n)
    copy_rows(
        DossierReview,
        [
            DossierReview(
                dossier=d,
                received_at=received_at if d.state != "draft" else None,
                received_submission=0 if d.state == "draft" else 1,
                received_by=received_by if d.state != "draft" else None,
                search_text=search_text_for(d, names.get(d.pk, [])),
            )
            for d in dossiers
        ],
    )


def _standards(campaign) -> dict[str, int | None]:
    from campaigns.models import Standard

    out = {}
    for kind in ("collective", "individual"):
        s = Standard.objects.filter(campaign=campaign, nominee_kind=kind).order_by("order", "id").first()
        out[kind] = s.pk if s else None
    return out


def _context():
    from organisation.enums import Role
    from organisation.models import RoleAssignment, Unit

    units = list(Unit.objects.filter(parent__isnull=True, is_active=True).order_by("order", "pk"))
    heads = {
        ra.unit_id: ra.user_id
        for ra in RoleAssignment.objects.filter(role=Role.UNIT_HEAD).only("unit_id", "user_id")
    }
    return units, heads


def build_past_campaign(campaign, *, seed: int, nominees: int, office) -> dict[str, int]:
    """A closed campaign of an earlier half-year: every unit's dossier reviewed, voted on and awarded."""
    from awards.enums import AWARD_REGISTER_SYMBOL, DECISION_SYMBOL
    from awards.models import Award, Decision, DocumentRegister
    from council import tally
    from council.models import Attendance, Meeting, Poll, PollItem, Recusal, VoterRecord
    from organisation.models import CouncilMembership, Unit
    from reviews.models import NomineeDecision

    rnd = random.Random(seed)
    units, heads = _context()
    heads = {k: v for k, v in heads.items()}
    people = _unit_people()
    end = campaign.period_end
    submitted = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=10), dt.time(9)))
    decided = submitted + dt.timedelta(days=5)
    dossiers = _make_dossiers(
        campaign,
        units,
        heads,
        lambda i: "rejected" if i % 50 == 49 else "accepted",
        submitted_at=submitted,
        decided_at=decided,
    )
    # created_at is auto_now_add: the row says today; minutes dates follow the campaign instead.
    for d in dossiers:
        d.created_at = submitted - dt.timedelta(days=3)
    made = _make_nominees(dossiers, people, nominees, _standards(campaign))
    _make_reviews(dossiers, made, received_at=submitted, received_by=office)
    accepted_dossiers = {d.pk for d in dossiers if d.state == "accepted"}
    decisions = []
    accepted = []
    for i, n in enumerate(made):
        if n.dossier_id not in accepted_dossiers:
            continue
        rejected = i % 20 == 7
        decisions.append(
            NomineeDecision(
                nominee=n,
                dossier_id=n.dossier_id,
                decision="rejected" if rejected else "accepted",
                reason="Chưa đủ tiêu chuẩn theo Kế hoạch." if rejected else "",
                decided_by=office,
                decided_at=decided,
            )
        )
        if not rejected:
            accepted.append(n)
    copy_rows(NomineeDecision, decisions)

    # The council: a closed meeting, one secret poll for the Giấy khen, every accepted nominee on it.
    members = list(CouncilMembership.objects.filter(council__starts_on__lte=end).select_related("official"))
    if not members:
        members = list(CouncilMembership.objects.select_related("official"))
    held = decided + dt.timedelta(days=7)
    meeting = Meeting.objects.create(
        campaign=campaign,
        council_id=members[0].council_id,
        held_at=held,
        place="Hội trường UBND phường",
        state="closed",
        opened_at=held,
        closed_at=held + dt.timedelta(hours=2),
        created_by=office,
    )
    copy_rows(
        Attendance,
        [Attendance(meeting=meeting, member=m, status="present", recorded_by=office) for m in members],
    )
    poll = Poll.objects.create(
        meeting=meeting, award_kind="giay_khen", secret=True, members_total=len(members), opened_at=held
    )
    items = PollItem.objects.bulk_create(
        [PollItem(poll=poll, nominee=n, order=k) for k, n in enumerate(accepted)], batch_size=BATCH
    )
    # A member who heads a nominee's unit or is the nominee abstains on that item (recusal).
    member_by_official = {m.official_id: m for m in members}
    recusals = []
    for item, n in zip(items, accepted, strict=True):
        m = member_by_official.get(n.official_id)
        if m is not None:
            recusals.append(
                Recusal(poll_item=item, member=m, reason="Người được đề nghị là thành viên Hội đồng.")
            )
    copy_rows(Recusal, recusals)
    recused = {(r.poll_item_id, r.member_id) for r in recusals}
    copy_rows(
        VoterRecord, [VoterRecord(poll=poll, member=m, channel="app", recorded_by=office) for m in members]
    )
    ballots = []
    for item in items:
        # Mostly agree; one item in 25 falls below the threshold.
        low = item.order % 25 == 3
        for k, m in enumerate(members):
            if (item.pk, m.pk) in recused:
                continue
            agree = (k < len(members) // 3) if low else (k != len(members) - 1 or item.order % 2)
            ballots.append((item.pk, "agree" if agree else "disagree"))
    rnd.shuffle(ballots)  # as poll_close does: no order to link a ballot to a voter
    if connection.vendor == "postgresql":
        copy_tuples(
            "council_ballot", ["id", "poll_item_id", "choice"], ((uuid.uuid4(), i, c) for i, c in ballots)
        )
    else:
        from council.models import Ballot

        Ballot.objects.bulk_create([Ballot(poll_item_id=i, choice=c) for i, c in ballots], batch_size=BATCH)
    # Close with the council's own hash (after the ballots: from now on the triggers freeze the poll).
    poll.closed_at = meeting.closed_at
    poll.result_hash = tally.result_hash(poll)
    Poll.objects.filter(pk=poll.pk, closed_at__isnull=True).update(
        closed_at=poll.closed_at, result_hash=poll.result_hash
    )
    # As closing in the app does: the check recorded for the meeting page (it does not recompute it).
    assert tally.record_verification(Poll.objects.get(pk=poll.pk))

    # The award decision: issued, a Giấy khen for every approved nominee, numbered in the register.
    counts = tally.counts_for_items(i.pk for i in items)
    approved = [
        n
        for item, n in zip(items, accepted, strict=True)
        if tally.is_approved(counts[item.pk]["agree"], len(members))
    ]
    dyear = (held + dt.timedelta(days=10)).year
    register, _ = DocumentRegister.objects.get_or_create(year=dyear, symbol=DECISION_SYMBOL)
    register.last_number += 1
    register.save(update_fields=["last_number"])
    decision = Decision.objects.create(
        campaign=campaign,
        status="issued",
        number=register.last_number,
        year=dyear,
        decision_date=(held + dt.timedelta(days=10)).date(),
        title=f"Về việc khen thưởng {campaign.title}",
        legal_bases="Căn cứ Luật Thi đua, khen thưởng năm 2022;",
        achievement=campaign.award_achievement or "Đã có thành tích xuất sắc",
        article1_intro="Tặng Giấy khen của Chủ tịch UBND phường cho các tập thể, cá nhân:",
        article2_text="Tiền thưởng theo quy định.",
        article3_text="Chánh Văn phòng và các đơn vị có liên quan chịu trách nhiệm thi hành.",
        recipients="Như Điều 3;\nLưu: VT.",
        meeting_id=meeting.pk,
        base_salary=2340000,
        individual_amount=351000,
        collective_amount=702000,
        signer_capacity="chairman",
        signer_name="Trần Quốc Bảo",
        issued_at=held + dt.timedelta(days=10),
        created_by=office,
    )
    skt, _ = DocumentRegister.objects.get_or_create(year=dyear, symbol=AWARD_REGISTER_SYMBOL)
    unit_names = dict(Unit.objects.values_list("id", "name"))
    awards = []
    for k, n in enumerate(approved, start=1):
        individual = n.kind == "individual"
        top = n.dossier.unit_id
        awards.append(
            Award(
                decision=decision,
                nominee=n,
                kind=n.kind,
                name=n.official.full_name if individual else unit_names[n.unit_id],
                honorific=("Bà" if n.official.gender == "female" else "Ông") if individual else "",
                position=n.official.position if individual else "",
                unit_name=unit_names[top] if individual else "",
                unit_id=top,
                amount=351000 if individual else 702000,
                order=k,
                register_year=dyear,
                register_number=skt.last_number + k,
            )
        )
    copy_rows(Award, awards)
    skt.last_number += len(awards)
    skt.save(update_fields=["last_number"])
    return {
        "dossiers": len(dossiers),
        "nominees": len(made),
        "poll_items": len(items),
        "ballots": len(ballots),
        "awards": len(awards),
    }


def build_current(campaign, *, nominees: int) -> dict[str, int]:
    """The current campaign's dossiers for the units seed_anhai did not touch: most submitted and waiting
    for review, every tenth returned for supplements, every fourth still a draft."""
    from nominations.models import Dossier

    units, heads = _context()
    have = set(Dossier.objects.filter(campaign=campaign).values_list("unit_id", flat=True))
    units = [u for u in units if u.pk not in have]
    people = _unit_people()
    submitted = timezone.now() - dt.timedelta(days=2)

    def state(i):
        return "draft" if i % 4 == 3 else "submitted"

    dossiers = _make_dossiers(campaign, units, heads, state, submitted_at=submitted)
    made = _make_nominees(dossiers, people, nominees, _standards(campaign))
    _make_reviews(dossiers, made, received_at=submitted, received_by=None)
    return {"dossiers": len(dossiers), "nominees": len(made)}
