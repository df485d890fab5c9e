"""The access matrix: every URL and API route × every persona × {own council, other council}.

An URL without an expectation fails the suite, so every later feature must extend the table.
"""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from councildesk.api.tokens import token_issue
from councildesk.catalogue.ids import RuleId
from councildesk.core import clock
from councildesk.councils.models import Council
from councildesk.demo.loader import load_demo
from councildesk.demo.roster import ENDED_TERM
from councildesk.people.models import Person
from councildesk.protocol.selectors import rules_by_unit

from .expectations import API, PAGES
from .objects import API_QUERY, PARAMS
from .personas import PERSONAS, Persona

RULE_ID = "ROLES_HEAD_OF_PAID_SERVICE"


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p


def served():
    pages, api = set(), set()
    for route, pattern in _walk(get_resolver().url_patterns):
        if route.startswith("api/v1/"):
            api.add("/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route))
        else:
            pages.add(pattern.name)
    return pages, api


def test_every_url_has_an_expectation_and_no_expectation_is_stale():
    pages, api = served()
    assert pages - set(PAGES) == set(), "pages without an access expectation"
    assert set(PAGES) - pages == set(), "expectations for pages that no longer exist"
    assert api - set(API) == set(), "API routes without an access expectation"
    assert set(API) - api == set(), "expectations for API routes that no longer exist"


@pytest.fixture
def demo(db):
    load_demo()
    tokens = {}
    for persona in PERSONAS:
        if persona.username:
            with pytest.MonkeyPatch.context() as mp:
                if persona.expired:  # their token was issued while their term still ran
                    mp.setattr(clock, "today", lambda: ENDED_TERM[0])
                person = Person.objects.get(username=persona.username)
                tokens[persona.name] = token_issue(actor=person, name="matrix")[1]
    return tokens


def _clause_ref(slug: str) -> str:
    return sorted(rules_by_unit(Council.objects.get(slug=slug)))[0]


def _page_url(name: str, slug: str) -> str:
    kwargs: dict[str, str] = {}
    route = next(r for r, p in _walk(get_resolver().url_patterns) if p.name == name)
    params = set(re.findall(r"<(?:\w+:)?(\w+)>", route))
    if "slug" in params:
        kwargs["slug"] = slug
    if "ref" in params:
        kwargs["ref"] = _clause_ref(slug)
    if "rule_id" in params:
        kwargs["rule_id"] = RULE_ID
    for param in params - {"slug", "ref", "rule_id"}:
        kwargs[param] = PARAMS[param](slug)
    return reverse(name, kwargs=kwargs)


def _client(persona: Persona) -> Client:
    client = Client()
    if persona.username:
        client.force_login(Person.objects.get(username=persona.username))
    return client


def _check(cases: list[tuple[str, Persona, str, int, int]]) -> None:
    wrong = [
        f"{url} as {p.name} ({scope}): expected {want}, got {got}" for url, p, scope, want, got in cases if want != got
    ]
    assert not wrong, f"{len(wrong)} of {len(cases)} cases wrong:\n" + "\n".join(wrong)


# One test per table, not one per URL: the demo (five councils, with enquiries and documents) is loaded once
# for all pages and once for all routes. Every wrong case is still listed, each with its URL and persona.
_HEADLINES = re.compile(r"<(h[1-4]|dt|th|legend|label|a|button|caption)\b[^>]*>(.*?)</\1>", re.DOTALL)
_RULE_IDS = frozenset(RuleId.__members__)


def _ids_in_headlines(html: str) -> set[str]:
    """Rule ids shown as a heading, key, link, label or button: the places a person reads as the headline."""
    found = set()
    for _, inner in _HEADLINES.findall(html):
        text = re.sub(r"<[^>]+>", " ", inner)
        found |= set(re.findall(r"\b[A-Z]+(?:_[A-Z]+){2,}\b", text)) & _RULE_IDS
    return found


def test_page_access(demo):
    cases = []
    headline_ids = []
    for persona in PERSONAS:
        client = _client(persona)
        for name in sorted(PAGES):
            for scope in ("own", "other"):
                url = _page_url(name, getattr(persona, scope))
                response = client.get(url)
                cases.append((url, persona, scope, PAGES[name](persona, scope), response.status_code))
                html = response.status_code == 200 and response["Content-Type"].startswith("text/html")
                if html and (ids := _ids_in_headlines(response.content.decode())):
                    headline_ids.append(f"{url} as {persona.name}: {sorted(ids)}")
    assert len(cases) == len(PAGES) * len(PERSONAS) * 2
    _check(cases)
    # Issue 8: pages show a rule's title and the council's clause; the code-style id is small print only.
    assert not headline_ids, "code-style rule ids shown as headlines:\n" + "\n".join(sorted(set(headline_ids)))


def test_api_access(demo):
    cases = []
    client = Client()
    for route in sorted(API):
        for persona in PERSONAS:
            headers = {"Authorization": f"Bearer {demo[persona.name]}"} if persona.username else {}
            for scope in ("own", "other"):
                slug = getattr(persona, scope)
                url = route.replace("{slug}", slug)
                for param in re.findall(r"{(\w+)}", url):
                    url = url.replace("{" + param + "}", PARAMS[param](slug))
                data = {"ref": _clause_ref(slug)} if route.endswith("/clause") else None
                if route in API_QUERY:
                    data = API_QUERY[route](slug)
                status = client.get(url, data, headers=headers).status_code
                cases.append((url, persona, scope, API[route](persona, scope), status))
    assert len(cases) == len(API) * len(PERSONAS) * 2
    _check(cases)


def test_a_probe_cannot_tell_a_missing_council_from_a_forbidden_one(demo):
    client = _client(PERSONAS[1])
    missing = client.get("/c/no-such-council/")
    forbidden = client.get("/c/mayor-town/")
    assert missing.status_code == forbidden.status_code == 404

    def scrub(body: bytes, slug: str) -> str:
        return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", body.decode().replace(slug, ""))

    assert scrub(missing.content, "no-such-council") == scrub(forbidden.content, "mayor-town")


def test_an_expired_councillor_is_told_why_with_rule_and_clause(demo):
    response = _client(next(p for p in PERSONAS if p.expired)).get("/c/sandon-burston/")
    assert response.status_code == 403
    text = response.content.decode()
    assert "ended on" in text
    assert "A councillor's access ends with their term" in unescape(text)  # the rule's title, never its id
    assert "ROLES_COUNCILLOR_TERM_BOUNDED" not in text
    assert "ROLES OF COUNCILLORS AND OFFICER/CLERKS ¶1 •2" in text


def test_a_principal_councils_monitoring_officer_reaches_the_councils_it_serves_and_no_others(demo):
    """In the demo the district serves the town council (MONITORING_ARRANGEMENTS): district.mo opens the town's
    Monitoring Officer pages without a role there; the district's other people, and every other council, get 404."""
    mo = _client(next(p for p in PERSONAS if p.username == "district.mo"))
    for url in ("/c/mayor-town/audit/", "/c/mayor-town/monitoring/", "/c/district-annex/monitoring/"):
        assert mo.get(url).status_code == 200, url
    assert "Town Council with a Mayor" in mo.get("/c/district-annex/monitoring/").content.decode()
    for url in ("/c/west-northants-town/audit/", "/c/sandon-burston/", "/c/cottingham/monitoring/"):
        assert mo.get(url).status_code == 404, url
    for username in ("district.ce", "district.officer", "district.chair"):
        other = _client(next(p for p in PERSONAS if p.username == username))
        assert other.get("/c/mayor-town/audit/").status_code == 404, username
