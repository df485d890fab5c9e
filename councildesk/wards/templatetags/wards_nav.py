"""``{% if council|wards_area %}``: whether the council's protocol provides for wards, premises visits or members'
resources, so that the service navigation offers the area only where it has something to show."""

from __future__ import annotations

from django import template

from councildesk.councils.models import Council

from ..rules import sections

register = template.Library()


@register.filter
def wards_area(council: Council | None) -> bool:
    return council is not None and sections(council.profile).any
