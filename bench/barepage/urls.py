from __future__ import annotations

import os

from django.shortcuts import render
from django.urls import path

from .models import Row

ROWS = int(os.environ.get("BAREPAGE_ROWS", "25"))


def rows(request):  # type: ignore[no-untyped-def]
    found = Row.objects.filter(active=1).order_by("-id")[:ROWS]
    return render(request, "barepage/list.html", {"rows": found})


urlpatterns = [path("", rows)]
