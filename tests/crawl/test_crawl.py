"""Issue 13: crawl every page each demo persona can reach by following links, and fail on what a person should never
see: a broken link, a code-style rule id, a raw internal string (a calendar fingerprint, a seed's file name), an ISO
date in the visible text, or an asset loaded from another site.

Generic on purpose: it follows whatever links the pages offer, so pages added by other apps are crawled too. To
keep it near a minute, each persona follows links to ``MAX_DEPTH`` from its home page and visits one URL of each
shape (the path with its numbers replaced): one enquiry, one paper, one request stand for the rest; deeper pages
of one shape are read by at most ``GLOBAL_PER_SHAPE`` personas in all.
"""

from __future__ import annotations

import os
import re
import time
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client

from councildesk.demo.loader import load_demo
from councildesk.people.models import Person

PER_SHAPE = 1
# Below the home page and the pages it links to, each shape is read by at most this many personas in all: the
# first personas to reach it. Role-specific pages are reached by the few who can see them.
GLOBAL_PER_SHAPE = 2
MAX_DEPTH = 3  # home, the pages it links to, theirs, and the pages those link to
MAX_PAGES_PER_PERSONA = 60
# Links never followed: they change state, or leave the HTML pages (downloads are fetched, not parsed).
SKIP = re.compile(r"^/(accounts/logout|logout|static/|media/)")
DOWNLOAD = re.compile(r"(\.csv$|\.json$|/file/|/attachments/\d+/|/export)")

RULE_ID = re.compile(r"\b[A-Z]+_[A-Z_]{4,}\b")
INTERNAL = re.compile(r"closures:\d|holidays-\d|\b\d{3}_[0-9a-f]{16}\.(?:txt|md|docx)\b|\|closures")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


class Page(HTMLParser):
    """Links, assets and the visible text of one page. Small print (``cd-rule-id``: the rule id beside its title, as
    the design allows; ``cd-code-path``: where in the software, on the coverage report), scripts, styles and the
    attributes of tags are not visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.assets: list[str] = []
        self.text: list[str] = []
        self._hidden: list[str] = []  # the stack of open tags that hide their text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag in {"script", "img", "iframe"} and a.get("src"):
            self.assets.append(a["src"])
        if tag == "link" and a.get("href"):
            self.assets.append(a["href"])
        small_print = {"cd-rule-id", "cd-code-path"} & set(a.get("class", "").split())
        hides = self._hidden or tag in {"script", "style"} or small_print
        if hides and tag not in {"br", "img", "input", "meta", "link", "hr"}:
            self._hidden.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._hidden and self._hidden[-1] == tag:
            self._hidden.pop()

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.text.append(data)


def shape(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def crawl(client: Client, start: str, budget: dict[str, int]) -> tuple[list[str], int]:
    problems: list[str] = []
    seen: dict[str, int] = {}
    shapes: dict[str, int] = {}
    queue = deque([(start, 0)])
    linked_from: dict[str, str] = {start: "(start)"}
    while queue and len(seen) < MAX_PAGES_PER_PERSONA:
        url, depth = queue.popleft()
        response = client.get(url)
        status = response.status_code
        if status in (301, 302):
            target = urljoin(url, response["Location"])
            seen[url] = status
            if urlsplit(target).netloc in ("", "testserver") and target not in linked_from:
                linked_from[target] = url
                parts = urlsplit(target)
                queue.appendleft((parts.path + (f"?{parts.query}" if parts.query else ""), depth))
            continue
        seen[url] = status
        if status >= 400:
            problems.append(f"broken link {url} ({status}), linked from {linked_from.get(url)}")
            continue
        if DOWNLOAD.search(urlsplit(url).path) or not response.get("Content-Type", "").startswith("text/html"):
            continue
        page = Page()
        page.feed(response.content.decode())
        text = " ".join(" ".join(page.text).split())
        for name, pattern in (("rule id", RULE_ID), ("internal string", INTERNAL), ("ISO date", ISO_DATE)):
            for found in sorted(set(pattern.findall(text)))[:3]:
                problems.append(f"{name} {found!r} on {url}")
        for asset in page.assets:
            if urlsplit(asset).netloc not in ("", "testserver"):
                problems.append(f"external asset {asset} on {url}")
        if depth >= MAX_DEPTH:
            continue
        for href in page.links:
            target = urljoin(url, href)
            parts = urlsplit(target)
            if parts.netloc not in ("", "testserver") or parts.scheme not in ("", "http") or SKIP.search(parts.path):
                continue
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if local in seen or local in linked_from:
                continue
            linked_from[local] = url
            key = shape(local)
            if shapes.get(key, 0) >= PER_SHAPE or (depth >= 1 and budget.get(key, 0) >= GLOBAL_PER_SHAPE):
                continue
            shapes[key] = shapes.get(key, 0) + 1
            if depth >= 1:
                budget[key] = budget.get(key, 0) + 1
            queue.append((local, depth + 1))
    return problems, len(seen)


@pytest.mark.django_db(transaction=False)
def test_every_page_a_demo_persona_can_reach_reads_cleanly():
    report = load_demo()
    started = time.monotonic()
    problems: list[str] = []
    visited = 0
    budget: dict[str, int] = {}
    only = os.environ.get("CRAWL_ONLY")  # a comma-separated list of usernames, to look at a few while fixing
    for username, _ in report.accounts:
        if only and username not in only.split(","):
            continue
        client = Client()
        client.force_login(Person.objects.get(username=username))
        found, count = crawl(client, "/", budget)
        visited += count
        problems += [f"{username}: {p}" for p in found]
    elapsed = time.monotonic() - started
    unique = sorted(set(problems))
    assert not unique, f"{len(unique)} problems on {visited} pages:\n" + "\n".join(unique[:200])
    # About a minute on an idle machine; printed rather than asserted, so a busy machine does not fail it.
    print(f"crawled {visited} pages for {len(report.accounts)} personas in {elapsed:.0f} s")
