"""The council profile: typed, validated data. An unknown key is an error, never silently ignored.

A profile is one TOML file per council (see ``profiles/`` and docs/profiles.md). It holds what differs between
councils: role titles, deciders, targets, complaint routes, adopted options, nation, the principal council,
the protocol's version history, and the council's clause reference for every rule id in the catalogue.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from councildesk.catalogue import rules as catalogue_rules
from councildesk.catalogue.references import NOT_ADOPTED
from councildesk.catalogue.registry import silent_policy
from councildesk.core.errors import Citation

RoleKind = Literal[
    "councillor",
    "chair",
    "vice_chair",
    "mayor",
    "co_opted_member",
    "clerk",
    "officer",
    "chief_executive",
    "head_of_service",
    "cmt_member",
    "monitoring_officer",
    "group_leader",
    "personnel_committee",
]
HeadOfficerKind = Literal["clerk", "chief_executive"]
Nation = Literal["england", "wales", "scotland", "northern_ireland"]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=60)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
ClauseRefs = list[Text] | Literal["not_adopted"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class RoleTitles(Strict):
    """What this council calls each role. A role the council does not have is left out."""

    councillor: Text = "Councillor"
    chair: Text = "Chair"
    vice_chair: Text = "Vice-Chair"
    mayor: Text | None = None
    co_opted_member: Text | None = None  # 002 1.8: co-opted members of committees, covered like members
    clerk: Text | None = None
    officer: Text = "Officer"
    chief_executive: Text | None = None
    head_of_service: Text | None = None
    cmt_member: Text | None = None
    monitoring_officer: Text = "Monitoring Officer"
    group_leader: Text | None = None
    personnel_committee: Text | None = None


class Roles(Strict):
    head_of_paid_service: HeadOfficerKind
    titles: RoleTitles = RoleTitles()
    # The council's own words for the protocol's terms, e.g. "Officer/Clerks" -> "any employee who advises".
    terminology: dict[Text, Text] = Field(default_factory=dict)


class Deciders(Strict):
    """Who decides what. Values are role kinds; ``*_consult`` lists roles that must be consulted first."""

    need_to_know: RoleKind
    need_to_know_consult: list[RoleKind] = Field(default_factory=list)
    need_to_know_disputes: RoleKind
    assign_work: RoleKind
    press_release_approval: RoleKind | None = None
    officer_attendance_at_groups: RoleKind | None = None
    protocol_interpretation: RoleKind


class Target(Strict):
    value: Annotated[int, Field(gt=0, le=366)]
    unit: Literal["working_days", "calendar_days"]
    clause: Text | None = None  # where the council's own text sets this number, if it does


class Targets(Strict):
    enquiry_acknowledgement: Target | None = None
    enquiry_response: Target | None = None
    councillor_response: Target | None = None
    complaint_response: Target | None = None


class WorkingHours(Strict):
    """Officers' normal working hours: contact outside them is queued to the next working period and flagged."""

    start: dt.time = dt.time(9, 0)
    end: dt.time = dt.time(17, 0)

    @model_validator(mode="after")
    def _start_before_end(self) -> WorkingHours:
        if self.start >= self.end:
            raise ValueError(f"working hours start {self.start} is not before end {self.end}")
        return self


class ReopenWindow(Strict):
    """How long after an answer the councillor who raised an enquiry may follow it up or reopen it. No protocol
    sets this: it is a council setting (a default of 5 working days, as Hillingdon does)."""

    value: Annotated[int, Field(gt=0, le=60)] = 5
    unit: Literal["working_days", "calendar_days"] = "working_days"


class EnquirySettings(Strict):
    """How enquiries run here, beyond routes derived from features and the rule map."""

    # 004 4.6: an enquiry purely seeking factual information may go straight to the officer who holds the facts.
    factual_direct_contact: bool = False
    # Who hears about an overdue enquiry after the assignee and the head officer (002 3.6: a CMT member).
    escalation: RoleKind | Literal["head_officer"] = "head_officer"
    working_hours: WorkingHours = WorkingHours()
    # After an answer: the window for the raiser's follow-up or reopening (reopening restarts the clock).
    reopen_window: ReopenWindow = ReopenWindow()


ComplaintParty = Literal["councillor", "officer", "clerk", "chair", "member_of_public", "head_officer"]
Recipient = Literal[
    "clerk",
    "chief_executive",
    "chair",
    "vice_chair",
    "personnel_committee",
    "monitoring_officer",
    "line_manager",
    "head_of_service",
    "group_leader",
    "mayor",
    "cmt_member",
]


class ComplaintRoute(Strict):
    complainant: ComplaintParty
    subject: ComplaintParty
    first_recipient: Recipient
    formal_route: (
        Recipient
        | Literal[
            "grievance_procedure",
            "disciplinary_procedure",
            "code_of_conduct_complaint",
            "complaints_procedure",
        ]
    )
    clause: Text | None = None
    note: Text | None = None


class Complaints(Strict):
    routes: list[ComplaintRoute] = Field(default_factory=list)
    personnel_panel_size: Annotated[int, Field(ge=1, le=15)] | None = None
    mediators: list[Text] = Field(default_factory=list)


class Features(Strict):
    """Optional parts of the protocol this council adopted."""

    political_groups: bool = False
    mayor: bool = False
    contact_centre: bool = False
    cmt: bool = False
    wards: bool = False
    notify_other_groups: bool = False
    disclose_requests_across_groups: bool = True

    @model_validator(mode="after")
    def _groups_switches_are_exclusive(self) -> Features:
        if self.notify_other_groups and not self.political_groups:
            raise ValueError("notify_other_groups needs political_groups = true")
        if self.notify_other_groups and self.disclose_requests_across_groups:
            raise ValueError(
                "notify_other_groups and disclose_requests_across_groups must never both be on "
                "(set disclose_requests_across_groups = false)"
            )
        return self


MediaCapacity = Literal["ward_member", "personal", "council", "party_group", "candidate"]
_ALL_CAPACITIES: tuple[MediaCapacity, ...] = ("ward_member", "personal", "council", "party_group", "candidate")


class SensitiveTopic(Strict):
    """A subject on which a press release needs the approver's sign-off (000 PRESS AND MEDIA ¶3), with the words
    that mark a draft as being about it."""

    name: Text
    words: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=60)]] = Field(
        min_length=1
    )


class MediaSettings(Strict):
    """How the press and media work here (MEDIA_*; ELECTIONS_MEDIA_CARE_IN_RUN_UP)."""

    # Who may speak "on behalf of the council": only the chair, a committee chair or an appointed spokesperson
    # (000 ¶4), a member after consulting the committee chair or the Chief Executive (002 8.2), or any member
    # declaring that capacity (004 11.5(a)).
    council_voice: Literal["spokespersons", "after_consultation", "any_member"] = "any_member"
    # The capacities a member may state when speaking to the media (004 11.5(a); 002 8.3 personal or, after
    # consultation, the council). "candidate" is 11.5(g)'s election candidate or party activist.
    capacities: list[MediaCapacity] = Field(default_factory=lambda: list(_ALL_CAPACITIES))
    sensitive_topics: list[SensitiveTopic] = Field(default_factory=list)
    # Who is told of a member's media contact and helps with a member's release (000 ¶4 the Clerk; 004 11.5(c) the
    # Town Clerk); None: the head of paid service.
    support_role: RoleKind | None = None

    @model_validator(mode="after")
    def _capacities_make_sense(self) -> MediaSettings:
        if not self.capacities or "personal" not in self.capacities:
            raise ValueError("media.capacities must include 'personal'")
        if len(set(self.capacities)) != len(self.capacities):
            raise ValueError("media.capacities lists a capacity twice")
        if self.council_voice != "any_member" and "council" not in self.capacities:
            raise ValueError(f"media.council_voice = {self.council_voice!r} needs 'council' in media.capacities")
        return self


class GroupSettings(Strict):
    # Where the Clerk may seek advice on party groups (001 6.5): the association's name, and how to reach it.
    county_association: Text | None = None
    county_association_contact: Text | None = None


class SignIn(Strict):
    """How people sign in here. A second factor is always required of officers, Monitoring Officers, personnel
    committee members and host administrators; a council may require it of its members too (councillors, the
    chair, vice-chair, mayor and co-opted members), for example under its own ICT security rules."""

    councillor_second_factor: bool = False


class CorrespondenceSettings(Strict):
    """How copying and signing work here (CORRESPONDENCE_*). Where a rule is not adopted its setting is unused."""

    # Copying correspondence to another councillor: "consent" waits for the author's consent and the author may
    # refuse (002 5.12; 004 12.1); "notice" is the exceptional copy made clear to the original councillor at once
    # (000 CORRESPONDENCE ¶1), with the reason it was necessary.
    copy_basis: Literal["consent", "notice"] = "consent"
    # Who may sign council correspondence in their own name: the chair, exceptionally (000 ¶2), or the Mayor
    # (004 12.3). None: nobody but officers.
    civic_head: Literal["chair", "mayor"] | None = None
    # Whether a letter in the civic head's name needs a recorded reason (000: yes, "the exception"; 004: no).
    civic_head_reason_required: bool = True


class PrincipalCouncil(Strict):
    name: Text
    monitoring_officer_title: Text = "Monitoring Officer"
    # Where a Code of Conduct allegation is emailed when the Monitoring Officer has no role in this installation.
    monitoring_officer_email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] | None = None


class Version(Strict):
    version: Text
    approved: dt.date | None = None
    minute_ref: Text | None = None
    change: Text | None = None
    next_review: dt.date | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _review_after_approval(self) -> Version:
        if self.approved and self.next_review and self.next_review <= self.approved:
            raise ValueError(f"next_review {self.next_review} is not after approved {self.approved}")
        return self


class RelatedInstrument(Strict):
    """A code, procedure or model that the protocol says it supplements, overlaps or was drawn from."""

    title: Text
    clause: Text | None = None  # where the protocol names it, as the council prints the reference
    note: Text | None = None


class Protocol(Strict):
    title: Text
    style: Literal["numbered", "unnumbered"]
    binding_level: Literal["mandatory", "guidance", "not_stated"] = "not_stated"
    review_interval_months: Annotated[int, Field(ge=1, le=120)] | None = None
    versions: list[Version] = Field(default_factory=list)
    flags: list[Text] = Field(default_factory=list)
    related: list[RelatedInstrument] = Field(default_factory=list)

    @field_validator("versions")
    @classmethod
    def _versions_in_order(cls, versions: list[Version]) -> list[Version]:
        dated = [v.approved for v in versions if v.approved]
        if dated != sorted(dated):
            raise ValueError("versions must be listed oldest first")
        return versions


class Profile(Strict):
    slug: Slug
    name: Text
    kind: Literal["parish", "town", "district", "borough", "county", "unitary"]
    nation: Nation
    description: Text
    principal_council: PrincipalCouncil
    roles: Roles
    deciders: Deciders
    targets: Targets = Targets()
    enquiries: EnquirySettings = EnquirySettings()
    complaints: Complaints = Complaints()
    features: Features = Features()
    media: MediaSettings = MediaSettings()
    groups: GroupSettings = GroupSettings()
    sign_in: SignIn = SignIn()
    correspondence: CorrespondenceSettings = CorrespondenceSettings()
    protocol: Protocol
    closure_days: list[dt.date] = Field(default_factory=list)
    clauses: dict[str, ClauseRefs]

    @model_validator(mode="after")
    def _titles_match_features(self) -> Profile:
        titles = self.roles.titles
        head_title = getattr(titles, self.roles.head_of_paid_service)
        if head_title is None:
            raise ValueError(f"roles.titles.{self.roles.head_of_paid_service} must name the head of paid service")
        if self.features.mayor and not titles.mayor:
            raise ValueError("features.mayor is on, so roles.titles.mayor must be set")
        return self

    @model_validator(mode="after")
    def _county_association_named(self) -> Profile:
        refs = self.clauses.get("GROUPS_CLERK_GUIDANCE_FROM_COUNTY_ASSOCIATION", NOT_ADOPTED)
        if refs != NOT_ADOPTED and not self.groups.county_association:
            raise ValueError(
                "the protocol sends the Clerk to the County Association for advice on groups, "
                "so groups.county_association must name it"
            )
        return self

    @model_validator(mode="after")
    def _media_support_role_exists(self) -> Profile:
        kind = self.media.support_role
        if kind is not None and not self.has_role(kind):
            raise ValueError(f"media.support_role {kind!r} is not a role this council has (give it a title)")
        return self

    def has_role(self, kind: str) -> bool:
        """Whether the council has this role (or body): it has a title, and any feature it needs is on."""
        if kind in {
            "line_manager",
            "grievance_procedure",
            "disciplinary_procedure",
            "code_of_conduct_complaint",
            "complaints_procedure",
        }:
            return True
        if kind == "group_leader" and not self.features.political_groups:
            return False
        if kind == "mayor" and not self.features.mayor:
            return False
        return getattr(self.roles.titles, kind, None) is not None

    def head_officer_title(self) -> str:
        title = getattr(self.roles.titles, self.roles.head_of_paid_service)
        return str(title)

    def title_for(self, kind: str) -> str:
        return str(getattr(self.roles.titles, kind, None) or kind.replace("_", " ").capitalize())

    def adopts(self, rule_id: str) -> bool:
        """Whether this council's protocol contains the rule (the profile maps it to at least one clause)."""
        return self.clauses.get(rule_id, NOT_ADOPTED) != NOT_ADOPTED

    def clause(self, rule_id: str) -> str | None:
        """The council's own reference for the rule, or ``None`` where its protocol does not contain it."""
        refs = self.clauses.get(rule_id, NOT_ADOPTED)
        return None if refs == NOT_ADOPTED else "; ".join(refs)

    def title(self, rule_id: str) -> str:
        """The rule's plain-English title, with this council's title for its head officer."""
        rule = catalogue_rules().get(rule_id)
        text = rule.title if rule else rule_id
        return text.replace("{head}", self.head_officer_title())

    def cite(self, *rule_ids: str) -> list[Citation]:
        """The one way to cite: each rule this council adopted, with its clause; each rule it did not adopt but
        the product applies as a baseline (the registry says so), marked as silent; the rest left out."""
        out: list[Citation] = []
        for rule_id in dict.fromkeys(rule_ids):
            clause = self.clause(rule_id)
            if clause is not None:
                out.append(Citation(rule_id, clause, self.title(rule_id)))
                continue
            silent, why = silent_policy(rule_id)
            if silent == "baseline":
                out.append(Citation(rule_id, None, self.title(rule_id), baseline=why))
        return out
