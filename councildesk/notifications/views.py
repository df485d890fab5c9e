"""Pages: your notifications (mark read), and the head officer's view of the email outbox (retry a failed one)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from councildesk.people.access import Membership
from councildesk.people.decorators import council_view

from . import selectors, services


def _back(request: HttpRequest, name: str, slug: str) -> HttpResponse:
    url = reverse(name, args=[slug])
    page = request.POST.get("page", "")
    return redirect(f"{url}?page={page}" if page.isdigit() else url)


@council_view
def notifications(request: HttpRequest, m: Membership) -> HttpResponse:
    page = selectors.notification_page_for(m, request.GET.get("page", 1))
    return render(
        request,
        "notifications/list.html",
        {"council": m.council, "m": m, "page": page, "unread": selectors.unread_count_for(m)},
    )


@require_POST
@council_view
def notification_read(request: HttpRequest, m: Membership, notification_id: int) -> HttpResponse:
    services.notification_mark_read(actor=m.person, council=m.council, notification_id=notification_id)
    return _back(request, "notifications", m.council.slug)


@require_POST
@council_view
def notifications_read_all(request: HttpRequest, m: Membership) -> HttpResponse:
    count = services.notifications_mark_all_read(actor=m.person, council=m.council)
    messages.success(request, f"{count} notification{'' if count == 1 else 's'} marked as read.")
    return _back(request, "notifications", m.council.slug)


@council_view
def outbox(request: HttpRequest, m: Membership) -> HttpResponse:
    page = selectors.outbox_page_for(m, request.GET.get("page", 1))
    return render(
        request,
        "notifications/outbox.html",
        {"council": m.council, "m": m, "page": page, "counts": selectors.outbox_counts_for(m)},
    )


@require_POST
@council_view
def outbox_retry(request: HttpRequest, m: Membership, email_id: int) -> HttpResponse:
    email = services.outbox_email_retry(actor=m.person, council=m.council, email_id=email_id)
    messages.success(request, f"The email to {email.to_address} will be sent again at the next sweep.")
    return _back(request, "outbox", m.council.slug)
