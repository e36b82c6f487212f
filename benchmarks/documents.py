"""Documents against WeasyPrint's own speed, in one run: 100 certificates in one PDF through the app
(awards.documents.certificates_pdf: the data, the template, WeasyPrint) vs WeasyPrint laying out the very same
HTML directly (the floor); and the award decision with 100 awardees (awards.documents.decision_pdf).
Targets (issue 13): certificates ≤ 1.3 × the floor and ≤ 50 ms a page; the decision ≤ 2 s.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/anhai_bench_city .venv/bin/python benchmarks/documents.py
    .venv/bin/python benchmarks/documents.py --sqlite var/bench/large.sqlite3 --awardees 100 --passes 3

Inside a transaction that is rolled back: a draft decision of the seeded campaign with `--awardees` awards
copied from the city's awarded nominees. Passes alternate app and floor; the medians are compared.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks import bootstrap  # noqa: E402


class _Rollback(Exception):
    pass


def _draft_decision(awardees: int):
    from awards.models import Award, Decision
    from campaigns.models import Campaign

    campaign = Campaign.objects.order_by("pk").first()
    source = Award.objects.filter(nominee__isnull=False).select_related("decision").order_by("pk")[:awardees]
    source = list(source)
    if len(source) < awardees:
        raise SystemExit(f"only {len(source)} awards in this database: build it with generate.py --city")
    template = source[0].decision
    Decision.objects.filter(campaign=campaign, status="draft").delete()
    decision = Decision.objects.create(
        campaign=campaign,
        title=f"Về việc khen thưởng {campaign.title}",
        legal_bases=template.legal_bases,
        achievement=template.achievement,
        article1_intro=template.article1_intro,
        article2_text=template.article2_text,
        article3_text=template.article3_text,
        recipients=template.recipients,
        base_salary=template.base_salary,
        individual_amount=template.individual_amount,
        collective_amount=template.collective_amount,
        signer_capacity=template.signer_capacity,
        signer_name=template.signer_name,
    )
    Award.objects.bulk_create(
        Award(
            decision=decision,
            nominee_id=a.nominee_id,
            kind=a.kind,
            name=a.name,
            honorific=a.honorific,
            position=a.position,
            unit_name=a.unit_name,
            unit_id=a.unit_id,
            amount=a.amount,
            order=k,
        )
        for k, a in enumerate(source, start=1)
    )
    return decision


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sqlite", default=None)
    parser.add_argument("--awardees", type=int, default=100)
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args(argv)
    bootstrap.setup(args.sqlite)

    from django.db import transaction
    from pypdf import PdfReader

    from anhai_thidua.core import pdf
    from awards.documents import certificates_pdf, decision_pdf

    print(f"# Documents on {bootstrap.describe_database()}, {args.awardees} awardees, {args.passes} passes")
    out = {}
    try:
        with transaction.atomic():
            decision = _draft_decision(args.awardees)
            seen = []
            real = pdf.html_to_pdf
            pdf.html_to_pdf = lambda html: (seen.append(html), real(html))[1]
            try:
                data = certificates_pdf(decision)  # untimed: warms the fonts and captures the HTML
            finally:
                pdf.html_to_pdf = real
            html = seen[-1]
            pages = len(PdfReader(__import__("io").BytesIO(data)).pages)
            app, floor, dec, app_cpu, dec_cpu = [], [], [], [], []
            for _ in range(args.passes):
                started, cpu = time.perf_counter(), time.process_time()
                certificates_pdf(decision)
                app.append(time.perf_counter() - started)
                app_cpu.append(time.process_time() - cpu)
                started = time.perf_counter()
                pdf.html_to_pdf(html)  # WeasyPrint on the same HTML, directly
                floor.append(time.perf_counter() - started)
                started, cpu = time.perf_counter(), time.process_time()
                decision_pdf(decision)
                dec.append(time.perf_counter() - started)
                dec_cpu.append(time.process_time() - cpu)
            out = {
                "pages": pages,
                "app": app,
                "floor": floor,
                "decision": dec,
                "app_cpu": app_cpu,
                "decision_cpu": dec_cpu,
            }
            raise _Rollback
    except _Rollback:
        pass
    a, f, d = (statistics.median(out[k]) for k in ("app", "floor", "decision"))
    per_page = a / out["pages"] * 1000
    print(f"certificates through the app: {a:.2f} s median ({', '.join(f'{x:.2f}' for x in out['app'])})")
    print(f"WeasyPrint on the same HTML:   {f:.2f} s median ({', '.join(f'{x:.2f}' for x in out['floor'])})")
    print(
        f"ratio {a / f:.2f} (target ≤ 1.3: {'met' if a / f <= 1.3 else 'MISSED'}); "
        f"{out['pages']} pages, {per_page:.0f} ms a page (target ≤ 50: {'met' if per_page <= 50 else 'MISSED'})"
    )
    print(
        f"decision with {args.awardees} awardees: {d:.2f} s median ({', '.join(f'{x:.2f}' for x in out['decision'])}) "
        f"(target ≤ 2 s: {'met' if d <= 2 else 'MISSED'})"
    )
    # On a machine shared with other work the wall clock waits for the CPU; this process's CPU time does not.
    app_cpu, dec_cpu = statistics.median(out["app_cpu"]), statistics.median(out["decision_cpu"])
    print(
        f"CPU of this process: certificates {app_cpu / out['pages'] * 1000:.0f} ms a page, "
        f"decision {dec_cpu:.2f} s; load average {Path('/proc/loadavg').read_text().split()[0]}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
