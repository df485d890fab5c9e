"""The enquiry list pages' fast paths give what the general ones gave (issue 14): the rows read in fixed SQL are
the ORM's rows with the same relations, the open queue's ids come in the same order, and the row tag writes the
markup the row template wrote."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models.signals import post_init
from django.template import Context, Template
from django.test import RequestFactory

from councildesk.core import fixedsql, rowbuild
from councildesk.enquiries import statements, targets
from councildesk.enquiries.models import ConfirmedTarget, Enquiry
from councildesk.enquiries.services import enquiry_raise
from councildesk.people.models import Person, Ward
from tests import factories

# The row template the tag replaced (with its status include written in), kept as the reference.
ROW_TEMPLATE = (
    "{% for e in rows %}"
    '<tr class="govuk-table__row">\n'
    '  <td class="govuk-table__cell"><a class="govuk-link" href="{% url \'enquiry_detail\' council.slug e.pk %}">'
    "{{ e.ref }}: {{ e.subject }}</a></td>\n"
    '  <td class="govuk-table__cell">{% if e.status == "answered" %}<strong class="govuk-tag govuk-tag--green">'
    'Answered</strong>{% elif e.status == "declined" %}<strong class="govuk-tag govuk-tag--red">Declined</strong>'
    '{% elif e.status == "assigned" %}<strong class="govuk-tag govuk-tag--blue">Assigned</strong>{% else %}'
    '<strong class="govuk-tag govuk-tag--light-blue">Received</strong>{% endif %}\n'
    "{% if e.paused_since %} (clock paused){% endif %}</td>\n"
    '  <td class="govuk-table__cell">{% if e.answered_on %}{{ e.outcome_label }}{% elif e.response_due %}'
    '{% if e.is_open and e.response_due < today %}<strong class="govuk-tag govuk-tag--red">Overdue</strong> '
    '{% endif %}{{ e.response_label }}{% if e.target_awaiting %}<br><span class="govuk-body-s">'
    "{{ awaiting|capfirst }}</span>{% endif %}{% else %}No target set{% endif %}</td>\n"
    '  {% if show_who %}<td class="govuk-table__cell">{{ e.raised_by.get_full_name|default:e.raised_by.username }}'
    "</td>\n"
    '  <td class="govuk-table__cell">{% if e.assignee %}{{ e.assignee.get_full_name|default:e.assignee.username }}'
    '{% elif e.route == "head_officer" %}The {{ council.profile.head_officer_title }}{% else %}'
    "{{ e.get_route_display }}{% endif %}</td>\n"
    '  <td class="govuk-table__cell">{{ e.get_priority_display }}</td>{% endif %}\n'
    "</tr>\n"
    "{% endfor %}"
)


@pytest.fixture
def varied(sandon_cast):
    """Enquiries in every state a row shows, some with every relation a row carries."""
    c = sandon_cast
    made = [
        enquiry_raise(actor=c.councillor, council=c.council, subject=f"s{i}", details="d", submission_key=f"k{i}")
        for i in range(12)
    ]
    ids = [e.pk for e in made]
    ward = Ward.objects.create(council=c.council, name="Mill <Ward>")
    confirmed = ConfirmedTarget.objects.create(
        council=c.council,
        kind="response",
        value=10,
        unit="working_days",
        agreed_on=dt.date(2026, 1, 1),
        minute="12/26",
        confirmed_by=c.head,
        confirmed_at=made[0].received_at,
    )
    Enquiry.objects.filter(pk=ids[1]).update(status="assigned", assignee=c.officer, ward=ward, priority=2)
    Enquiry.objects.filter(pk=ids[2]).update(status="answered", active=0, closed_at=made[2].received_at)
    Enquiry.objects.filter(pk=ids[3]).update(status="declined", active=0, closed_at=made[3].received_at)
    Enquiry.objects.filter(pk=ids[4]).update(paused_since=dt.date(2026, 11, 1), escalated_to=c.head)
    Enquiry.objects.filter(pk=ids[5]).update(response_due=None, response_value=None)
    Enquiry.objects.filter(pk=ids[6]).update(response_due=dt.date(2026, 1, 5), priority=1)
    Enquiry.objects.filter(pk=ids[7]).update(response_confirmed=confirmed, ack_confirmed=confirmed)
    Enquiry.objects.filter(pk=ids[8]).update(route="contact_centre", addressed_to=c.officer)
    Enquiry.objects.filter(pk=ids[9]).update(subject='<b>Tom & Jerry\'s "thing"</b>', response_due=None)
    Person.objects.filter(pk=c.councillor.pk).update(first_name="", last_name="")
    return c, ids


def test_rows_are_the_orms_rows_with_the_same_relations(varied):
    c, ids = varied
    order = [ids[5], ids[1], ids[9], ids[0], ids[7], ids[4], ids[2], ids[3], ids[8], ids[6]]
    other = factories.council("district-annex")
    fast = statements.rows(c.council, [*order, 10_000_000])
    slow = {e.pk: e for e in Enquiry.objects.filter(pk__in=order).select_related(*statements.RELATED)}
    assert [e.pk for e in fast] == order
    assert statements.rows(other, order) == []  # another council's ids find nothing
    for e in fast:
        orm = slow[e.pk]
        assert {k: v for k, v in vars(e).items() if k != "_state"} | {"council_id": orm.council_id} == {
            k: v for k, v in vars(orm).items() if k != "_state"
        }
        assert (e._state.adding, e._state.db) == (False, "default")
        assert e.council is c.council
        for name in statements.RELATED:
            field = Enquiry._meta.get_field(name)
            assert field.is_cached(e)
            mine, theirs = field.get_cached_value(e), field.get_cached_value(orm)
            assert (mine is None) == (theirs is None)
            if mine is not None:
                assert type(mine) is type(theirs)
                assert {k: v for k, v in vars(mine).items() if k != "_state"} == {
                    k: v for k, v in vars(theirs).items() if k != "_state"
                }


def test_the_whole_open_queue_comes_in_the_orms_order(varied):
    c, _ = varied
    orm = list(
        Enquiry.objects.filter(council=c.council, active=1)
        .order_by("-priority", "response_due", "id")
        .values_list("id", flat=True)
    )
    assert statements.open_ids(c.council, 0, 100) == orm
    assert statements.open_ids(c.council, 3, 4) == orm[3:7]


def test_a_model_with_an_init_receiver_is_built_through_init(sandon_cast):
    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance)

    assert rowbuild.loader(Person) is not fixedsql.loader(Person)
    post_init.connect(receiver, sender=Person)
    try:
        assert rowbuild.loader(Person) is fixedsql.loader(Person)
    finally:
        post_init.disconnect(receiver, sender=Person)


@pytest.mark.parametrize("show_who", [True, False])
def test_the_row_tag_writes_what_the_row_template_wrote(varied, show_who):
    c, ids = varied
    rows = statements.rows(c.council, ids)
    for e in rows[::2]:
        e.target_awaiting = targets.enquiry_source(c.council, e) == targets.AWAITING
    context = {
        "council": c.council,
        "today": dt.date(2026, 11, 30),
        "awaiting": targets.AWAITING,
        "rows": rows,
        "show_who": show_who,
    }
    expected = Template(ROW_TEMPLATE).render(Context(context))
    written = Template("{% load enquiry_rows %}{% enquiry_rows rows show_who=show_who %}").render(Context(context))
    for shown in ("Overdue", "clock paused", "No target set", "Declined on", "Answered on"):
        assert shown in written
    assert ("Urgent" in written) is show_who
    assert "Tom &amp; Jerry&#x27;s &quot;thing&quot;" in written
    assert written == expected


# The navigation link template the tag replaced, kept as the reference.
NAV_TEMPLATE = (
    "{% load govuk %}{% url name council.slug as href %}{% with current=request.resolver_match.url_name %}"
    "{% with section=request.path|in_section:href %}\n"
    '<li class="govuk-service-navigation__item{% if current == name or nav_section == name or section %} '
    'govuk-service-navigation__item--active{% endif %}">\n'
    '  <a class="govuk-service-navigation__link" href="{{ href }}"{% if current == name %} aria-current="page"'
    '{% elif nav_section == name or section %} aria-current="true"{% endif %}>\n'
    "    {% if current == name or nav_section == name or section %}"
    '<strong class="govuk-service-navigation__active-fallback">{{ label }}</strong>{% else %}{{ label }}'
    "{% endif %}\n  </a>\n</li>{% endwith %}{% endwith %}\n"
)


@pytest.mark.parametrize(
    ("path", "nav_section", "name"),
    [
        ("/c/sandon-burston/enquiries/", None, "enquiry_list"),  # the current page
        ("/c/sandon-burston/enquiries/", None, "people"),  # another page
        ("/c/sandon-burston/enquiries/4/", None, "enquiry_list"),  # a page in its section
        ("/c/sandon-burston/", None, "council_home"),  # the home page is no section
        ("/c/sandon-burston/structure/", "people", "people"),  # the view names the section
        ("/c/sandon-burston/structure/", "people", "no_such_page"),  # a name that does not reverse
    ],
)
def test_the_navigation_tag_writes_what_the_link_template_wrote(sandon_cast, path, nav_section, name):
    from django.urls import resolve

    request = RequestFactory().get(path)
    request.resolver_match = resolve(path)
    context = {"council": sandon_cast.council, "request": request, "name": name, "label": "A & B"}
    if nav_section:
        context["nav_section"] = nav_section
    expected = Template(NAV_TEMPLATE).render(Context(context))
    written = Template("{% load govuk %}{% nav_item name label %}").render(Context(context))
    assert written == expected
