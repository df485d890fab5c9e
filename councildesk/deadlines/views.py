"""The deadline calculator page: a GET form in, the due date and every skipped day with its reason out."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from councildesk.core import clock
from councildesk.people.access import Membership
from councildesk.people.decorators import council_view

from .forms import CalculatorForm
from .selectors import deadline_calculate_for, deadline_options_for


@council_view
def deadline_calculator(request: HttpRequest, m: Membership) -> HttpResponse:
    options = deadline_options_for(m)
    asked = "regime" in request.GET or "received" in request.GET
    form = CalculatorForm(options, request.GET if asked else None, initial={"received": clock.today().isoformat()})
    result = None
    if asked and form.is_valid():
        result = deadline_calculate_for(m, form.cleaned_data["regime"], form.cleaned_data["received"])
    context = {"council": m.council, "form": form, "options": options, "result": result}
    return render(request, "deadlines/calculator.html", context, status=400 if asked and not result else 200)
