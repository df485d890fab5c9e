"""Workload, pressure and performance figures for enquiries (head officer, chair and personnel committee only).

Counting is done in SQL; percentiles are computed here from one month's response times at a time.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth, TruncWeek

from councildesk.people.access import PERSONNEL_COMMITTEE, Membership

from .models import Enquiry
from .permissions import can_see_workload, is_officer
from .rules import councillor_figures_visible

ALL_COUNCILLORS = "All councillors"

WEEKS = 12
MONTHS = 12


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    percent: int  # of the largest value, for the chart's width


def bars(pairs: list[tuple[str, int]]) -> list[Bar]:
    top = max((v for _, v in pairs), default=0) or 1
    return [Bar(k, v, round(100 * v / top)) for k, v in pairs]


@dataclass(frozen=True)
class Workload:
    weeks: list[dt.date]
    per_councillor: list[tuple[str, list[int], int]]  # name, count per week, total
    out_of_hours: list[Bar]
    per_officer: list[tuple[str, int, int]]  # name, open, overdue
    open_bars: list[Bar]
    by_councillor: bool = True  # False: councillors see totals only (002 4.2; the product's baseline elsewhere)


def _name(first: str, last: str, username: str) -> str:
    return f"{first} {last}".strip() or username


def workload(m: Membership, today: dt.date) -> Workload:
    if not can_see_workload(m):
        raise PermissionError("workload is for the head officer, the chair and the personnel committee")
    monday = today - dt.timedelta(days=today.weekday())
    weeks = [monday - dt.timedelta(weeks=i) for i in range(WEEKS - 1, -1, -1)]
    since = dt.datetime.combine(weeks[0], dt.time.min, tzinfo=dt.UTC)
    qs = Enquiry.objects.filter(council=m.council, direction=Enquiry.Direction.TO_OFFICER, received_at__gte=since)
    rows = (
        qs.annotate(week=TruncWeek("received_at"))
        .values("raised_by__first_name", "raised_by__last_name", "raised_by__username", "week")
        .annotate(n=Count("id"), ooh=Count("id", filter=Q(out_of_hours=True)))
    )
    counts: dict[str, dict[dt.date, int]] = defaultdict(dict)
    ooh: dict[str, int] = defaultdict(int)
    for r in rows:
        name = _name(r["raised_by__first_name"], r["raised_by__last_name"], r["raised_by__username"])
        week = r["week"].date() if isinstance(r["week"], dt.datetime) else r["week"]
        counts[name][week] = counts[name].get(week, 0) + r["n"]
        ooh[name] += r["ooh"]
    per_councillor = sorted(
        ((name, [c.get(w, 0) for w in weeks], sum(c.values())) for name, c in counts.items()), key=lambda t: -t[2]
    )
    by_councillor = councillor_figures_visible(
        viewer_is_officer=is_officer(m), viewer_is_personnel_body=PERSONNEL_COMMITTEE in m.kinds
    )
    if not by_councillor:
        per_week = [sum(row[1][i] for row in per_councillor) for i in range(len(weeks))]
        per_councillor = [(ALL_COUNCILLORS, per_week, sum(per_week))] if per_councillor else []
        ooh = defaultdict(int, {ALL_COUNCILLORS: sum(ooh.values())}) if ooh else ooh
    officers = (
        Enquiry.objects.filter(council=m.council, status__in=Enquiry.OPEN, direction=Enquiry.Direction.TO_OFFICER)
        .values("assignee__first_name", "assignee__last_name", "assignee__username")
        .annotate(open=Count("id"), overdue=Count("id", filter=Q(response_due__lt=today)))
        .order_by("-open")
    )
    per_officer = [
        (
            _name(o["assignee__first_name"] or "", o["assignee__last_name"] or "", o["assignee__username"] or "")
            or "Not yet assigned",
            o["open"],
            o["overdue"],
        )
        for o in officers
    ]
    return Workload(
        weeks=weeks,
        per_councillor=per_councillor,
        out_of_hours=bars(sorted(((k, v) for k, v in ooh.items() if v), key=lambda t: -t[1])),
        per_officer=per_officer,
        open_bars=bars([(name, n) for name, n, _ in per_officer]),
        by_councillor=by_councillor,
    )


@dataclass(frozen=True)
class MonthFigures:
    month: dt.date
    answered: int
    within_target: int
    share_percent: int | None
    median_days: float | None
    p90_days: float | None


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile (0-100) by linear interpolation between closest ranks; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def performance(m: Membership, today: dt.date) -> list[MonthFigures]:
    """Per month of answering: how many answered, the share within target, median and 90th-percentile days."""
    if not can_see_workload(m):
        raise PermissionError("performance is for the head officer, the chair and the personnel committee")
    first = (today.replace(day=1) - dt.timedelta(days=31 * (MONTHS - 1))).replace(day=1)
    since = dt.datetime.combine(first, dt.time.min, tzinfo=dt.UTC)
    rows = (
        Enquiry.objects.filter(
            council=m.council,
            status=Enquiry.Status.ANSWERED,
            closed_at__gte=since,
            direction=Enquiry.Direction.TO_OFFICER,
        )
        .annotate(month=TruncMonth("closed_at"))
        .values_list("month", "received_at", "closed_at", "response_due")
    )
    by_month: dict[dt.date, list[tuple[float, bool]]] = defaultdict(list)
    for month, received, closed, due in rows:
        if closed is None:
            continue
        key = month.date() if isinstance(month, dt.datetime) else month
        elapsed = (closed - received).total_seconds() / 86400
        by_month[key].append((elapsed, due is None or closed.date() <= due))
    figures = []
    for month in sorted(by_month):
        items = by_month[month]
        days = [d for d, _ in items]
        within = sum(1 for _, ok in items if ok)
        figures.append(
            MonthFigures(
                month=month,
                answered=len(items),
                within_target=within,
                share_percent=round(100 * within / len(items)) if items else None,
                median_days=round(statistics.median(days), 1) if days else None,
                p90_days=round(p, 1) if (p := percentile(days, 90)) is not None else None,
            )
        )
    return figures
