"""What each form's document shows, in which order: one layout function per form.

A layout decides the parties, the sections and their blocks, and who signs; the
:class:`~asendusdoc.render.context.Context` supplies every word and formatted value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from asendusdoc.forms import (
    ActionPlan,
    ClientDiary,
    Closure,
    CooperationAgreement,
    FamilyConferenceReferral,
    FamilyNeedsFeedback,
    FamilySupportReferral,
    FormModel,
    ProgressReport,
    SupportPersonReferral,
    SupportPlan,
)
from asendusdoc.forms._blocks import (
    Activity,
    Family,
    Goal,
    MunicipalityParty,
    ProblemArea,
    Service,
    Worker,
)
from asendusdoc.forms._words import INTROS
from asendusdoc.forms.client_diary import DiaryEntry
from asendusdoc.forms.closure import GoalOutcome, ServiceEnd
from asendusdoc.forms.cooperation_agreement import DroppedGoal
from asendusdoc.forms.family_conference_referral import AuthorityAgreement, NetworkMember
from asendusdoc.forms.progress_report import ContactSummary, GoalProgress
from asendusdoc.render.document import (
    Block,
    FieldRow,
    FieldsBlock,
    Party,
    PreparedBy,
    Section,
    Signature,
)
from asendusdoc.render.layout_family_needs_feedback import family_needs_feedback_layout

if TYPE_CHECKING:
    from asendusdoc.render.context import Context

__all__ = ["Layout", "layout_for"]


@dataclass
class Layout:
    """The parts of a document that differ from form to form."""

    author: str
    parties: list[Party]
    sections: list[Section]
    subtitle: str = ""
    signatures: list[Signature] = field(default_factory=list)
    prepared_by: PreparedBy | None = None
    """The "Koostas" block, for documents that are not signed by their parties."""
    agreement: bool = False
    """An agreement heads its people "Pooled" (parties), any other document "Osalised"."""
    title: str = ""
    """The document's title when it is not the form's own (the Viimsi client-work summary)."""
    intro: str | None = None
    """The sentence under the title when it is not the form's own."""


def _goals(c: Context, goals: list[Goal], heading: str = "") -> Block:
    if any(goal.key for goal in goals):
        return c.table(
            goals,
            Goal,
            ["key", "description", "indicator"],
            widths=(0.06, 0.18, 0.44, 0.32),
            heading=heading,
        )
    return c.table(
        goals, Goal, ["description", "indicator"], widths=(0.07, 0.53, 0.4), heading=heading
    )


def _activities(c: Context, activities: list[Activity], heading: str = "") -> Block:
    return c.table(
        activities,
        Activity,
        ["description", "responsible", "goal_key", "due"],
        widths=(0.06, 0.38, 0.2, 0.18, 0.18),
        heading=heading,
    )


def _caregiver_signatures(c: Context, family: Family) -> list[Signature]:
    """One signature per adult of the family, under their role ("Hooldusvanem")."""
    return [Signature(_capitalized(g.role.title(c.lang)), g.full_name) for g in family.caregivers]


def _prepared_by(c: Context, worker: Worker, form: FormModel) -> PreparedBy:
    """The "Koostas" block: the worker who wrote the document, on the document's date."""
    return PreparedBy(worker.name, worker.position or "", c.date(form.document_date))


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _family_support_referral(form: FamilySupportReferral, c: Context) -> Layout:
    f = form
    return Layout(
        author=f.municipality.name,
        subtitle=f.service_type.title(c.lang),
        prepared_by=_prepared_by(c, f.municipality.worker, f),
        parties=[
            c.municipality_party(f.municipality),
            c.family_party(f.family, c.title(f, "family")),
        ],
        sections=[
            Section(
                c.title(f, "family"), [c.fields(f, ("family_type",)), *c.family_blocks(f.family)]
            ),
            Section(
                c.title(f, "service_type"),
                [
                    c.fields(
                        f,
                        (
                            "service_type",
                            "placement_date",
                            "service_start",
                            "service_end",
                            "service_language",
                            "preferred_provider",
                        ),
                    )
                ],
            ),
            Section(
                c.title(f, "problem_areas"),
                [
                    c.table(
                        f.problem_areas,
                        ProblemArea,
                        ["area", "description"],
                        widths=(0.07, 0.28, 0.65),
                    )
                ],
            ),
            Section(c.title(f, "goals"), [_goals(c, f.goals)]),
            Section(
                c.title(f, "justification"),
                [
                    c.text(f.justification),
                    c.fields(f, ("previous_service", "previous_service_details")),
                ],
            ),
        ],
    )


def _support_person_referral(form: SupportPersonReferral, c: Context) -> Layout:
    f = form
    y = f.young_person
    return Layout(
        author=f.municipality.name,
        subtitle=f.support_person_type.title(c.lang),
        prepared_by=_prepared_by(c, f.municipality.worker, f),
        parties=[
            c.municipality_party(f.municipality),
            Party(c.title(f, "young_person"), [y.full_name, *(v for v in (y.phone, y.email) if v)]),
        ],
        sections=[
            Section(
                c.title(f, "young_person"),
                [
                    c.fields(
                        y,
                        (
                            "given_name",
                            "family_name",
                            "personal_code",
                            "birth_date",
                            "phone",
                            "email",
                        ),
                    ),
                    c.fields(
                        f,
                        (
                            "reason",
                            "care_setting",
                            "leaving_care_date",
                            "aftercare",
                            "residence_municipality",
                        ),
                    ),
                    *(
                        [c.children_table(f.children, heading=c.title(f, "children"))]
                        if f.children
                        else []
                    ),
                ],
            ),
            Section(
                c.title(f, "support_person_type"),
                [
                    c.fields(f, ("support_person_type", "service_start", "provider_region")),
                    *(
                        [
                            c.fields(
                                f.trusted_support_person,
                                ("name", "relationship", "phone"),
                                heading=c.title(f, "trusted_support_person"),
                            )
                        ]
                        if f.trusted_support_person
                        else []
                    ),
                ],
            ),
            Section(c.title(f, "needs_assessment"), [c.text(f.needs_assessment)]),
            Section(c.title(f, "goals"), [_goals(c, f.goals)]),
            Section(c.title(f, "notes"), [c.text(f.notes)]),
        ],
    )


def _agreement_field(form: FamilyConferenceReferral) -> str:
    """An older form's bare "agreed" where it is set, else the (missing) agreement."""
    if form.guardianship_authority_agreed:
        return "guardianship_authority_agreed"
    return "guardianship_authority_agreement"


def _family_conference_referral(form: FamilyConferenceReferral, c: Context) -> Layout:
    f = form
    r = f.referrer
    agreement_recorded = isinstance(f.guardianship_authority_agreement, AuthorityAgreement)
    return Layout(
        author=r.organisation,
        prepared_by=_prepared_by(c, r.person, f),
        subtitle=", ".join(g.title(c.lang) for g in f.grounds),
        parties=[
            Party(
                c.title(f, "referrer"),
                [r.organisation, r.kind.title(c.lang), *c.worker_lines(r.person)],
            )
        ],
        sections=[
            Section(
                c.title(f, "grounds"),
                [
                    c.items(f.grounds),
                    c.fields(
                        f,
                        (
                            "other_grounds",
                            "municipality",
                            "family_consent",
                            *(() if agreement_recorded else (_agreement_field(f),)),
                        ),
                    ),
                    *(
                        [
                            c.fields(
                                f.guardianship_authority_agreement,
                                ("authority", "person", "date"),
                                heading=c.title(f, "guardianship_authority_agreement"),
                            )
                        ]
                        if isinstance(f.guardianship_authority_agreement, AuthorityAgreement)
                        else []
                    ),
                ],
            ),
            Section(c.title(f, "children"), [c.children_table(f.children, heading="")]),
            Section(c.title(f, "family_situation"), [c.text(f.family_situation)]),
            Section(c.title(f, "protective_factors"), [c.items(f.protective_factors)]),
            Section(c.title(f, "risk_factors"), [c.items(f.risk_factors)]),
            Section(
                c.title(f, "network"),
                [
                    c.table(
                        f.network,
                        NetworkMember,
                        ["name", "relationship", "phone"],
                        widths=(0.07, 0.38, 0.3, 0.25),
                    )
                ],
            ),
            Section(c.title(f, "expected_outcome"), [c.text(f.expected_outcome)]),
        ],
    )


def _cooperation_agreement(form: CooperationAgreement, c: Context) -> Layout:
    f = form
    parties = [
        c.municipality_party(f.municipality),
        Party(c.title(f, "provider"), [f.provider.name, *c.worker_lines(f.provider.worker)]),
    ]
    signatures = [Signature(c.title(f, "provider"), f.provider.worker.name)]
    client_sections: list[Section] = []
    if f.young_person is not None:
        y = f.young_person
        parties.append(Party(c.title(f, "young_person"), [y.full_name]))
        signatures.insert(0, Signature(c.title(f, "young_person"), y.full_name))
        client_sections.append(
            Section(
                c.title(f, "young_person"),
                [
                    c.fields(
                        y,
                        (
                            "given_name",
                            "family_name",
                            "personal_code",
                            "birth_date",
                            "phone",
                            "email",
                        ),
                    )
                ],
            )
        )
    if f.family is not None:
        parties.append(c.family_party(f.family, c.title(f, "family")))
        signatures[:0] = _caregiver_signatures(c, f.family)
        client_sections.append(Section(c.title(f, "family"), c.family_blocks(f.family)))
    sections = [
        Section(
            c.title(f, "service"),
            [
                c.fields(
                    f,
                    (
                        "service",
                        "service_start",
                        "service_end",
                        "meeting_frequency",
                        "communication_language",
                    ),
                )
            ],
        ),
        *client_sections,
        Section(c.title(f, "goals"), [_goals(c, f.goals)]),
        *(
            [
                Section(
                    c.title(f, "dropped_goals"),
                    [
                        c.table(
                            f.dropped_goals,
                            DroppedGoal,
                            ["key", "goal", "reason"],
                            widths=(0.07, 0.16, 0.37, 0.4),
                        )
                    ],
                )
            ]
            if f.dropped_goals
            else []
        ),
    ]
    if f.service is Service.FAMILY_SUPPORT or f.family_activities or f.worker_activities:
        sections.append(
            Section(c.title(f, "family_activities"), [_activities(c, f.family_activities)])
        )
        sections.append(
            Section(c.title(f, "worker_activities"), [_activities(c, f.worker_activities)])
        )
    if f.service is Service.SUPPORT_PERSON or f.communication_principles or f.confidentiality:
        sections.append(
            Section(
                c.title(f, "communication_principles"),
                [
                    c.text(f.communication_principles),
                    c.text(f.confidentiality, heading=c.title(f, "confidentiality")),
                ],
            )
        )
    return Layout(
        author=f.provider.name,
        subtitle=f.service.title(c.lang),
        parties=parties,
        sections=sections,
        signatures=signatures,
        agreement=True,
    )


def _support_plan(form: SupportPlan, c: Context) -> Layout:
    f = form
    goal_sections = []
    for number, goal in enumerate(f.goals, start=1):
        label = f"{c.title(Goal, 'description')} {goal.key or number}"
        goal_sections.append(
            Section(
                label,
                [
                    c.fields(goal, ("description", "indicator")),
                    _activities(c, goal.activities, heading=c.title(type(goal), "activities")),
                ],
            )
        )
    return Layout(
        author=f.provider.name,
        prepared_by=_prepared_by(c, f.provider.worker, f),
        parties=[
            c.municipality_party(f.municipality),
            Party(c.title(f, "provider"), [f.provider.name, *c.worker_lines(f.provider.worker)]),
            c.family_party(f.family, c.title(f, "family")),
        ],
        sections=[
            Section(
                c.title(f, "family"),
                [c.fields(f, ("period_start", "period_end")), *c.family_blocks(f.family)],
            ),
            Section(c.title(f, "family_strengths"), [c.text(f.family_strengths)]),
            *goal_sections,
        ],
    )


def _action_plan(form: ActionPlan, c: Context) -> Layout:
    f = form
    signatures = _caregiver_signatures(c, f.family)
    signatures += [
        Signature(c.title(f, "support_person"), f.support_person.name),
        Signature(c.title(MunicipalityParty, "worker"), f.municipality.worker.name),
    ]
    return Layout(
        author=f.municipality.name,
        parties=[
            c.municipality_party(f.municipality),
            Party(c.title(f, "support_person"), c.worker_lines(f.support_person)),
            c.family_party(f.family, c.title(f, "family")),
        ],
        sections=[
            Section(
                c.title(f, "family"),
                [
                    c.fields(f, ("service_start", "service_end", "parents_consent")),
                    *c.family_blocks(f.family),
                ],
            ),
            Section(c.title(f, "difficulties"), [c.items(f.difficulties)]),
            Section(c.title(f, "situation"), [c.text(f.situation)]),
            Section(c.title(f, "goals"), [_goals(c, f.goals)]),
            Section(c.title(f, "tasks"), [_activities(c, f.tasks)]),
        ],
        signatures=signatures,
    )


def _service_end(c: Context, end: ServiceEnd | None, heading: str) -> list[FieldsBlock]:
    """The recorded early end (report or diary entry): its date and reason; nothing if none."""
    return [] if end is None else [c.fields(end, ("date", "reason"), heading=heading)]


def _client_diary(form: ClientDiary, c: Context) -> Layout:
    f = form
    entries = sorted(f.entries, key=lambda e: e.date)
    minutes = sum(e.duration_minutes for e in entries)
    return Layout(
        author=f.municipality,
        subtitle=f.service.title(c.lang),
        prepared_by=_prepared_by(c, f.worker, f),
        parties=[
            Party(
                c.title(f, "worker"), [*(p for p in (f.provider,) if p), *c.worker_lines(f.worker)]
            ),
            Party(c.title(f, "client"), [f.client, f.municipality]),
        ],
        sections=[
            Section(
                c.title(f, "service"),
                [c.fields(f, ("service", "client", "period_start", "period_end"))],
            ),
            Section(
                c.title(f, "entries"),
                [
                    c.table(
                        entries,
                        DiaryEntry,
                        [
                            (c.title(DiaryEntry, "date"), lambda e: c.short_date(e.date)),
                            "kind",
                            (c.labels["duration"], lambda e: c.duration(e.duration_minutes)),
                            "participants",
                            "description",
                            "next_steps",
                        ],
                        widths=(0.05, 0.13, 0.18, 0.1, 0.15, 0.21, 0.18),
                    ),
                    FieldsBlock(
                        [
                            FieldRow(c.labels["total_contacts"], str(len(entries))),
                            FieldRow(c.labels["total_hours"], c.duration(minutes)),
                        ]
                    ),
                    *(
                        block
                        for entry in entries
                        for block in _service_end(
                            c, entry.service_end, c.title(DiaryEntry, "service_end")
                        )
                    ),
                ],
            ),
        ],
    )


def _progress_report(form: ProgressReport, c: Context) -> Layout:
    f = form
    return Layout(
        author=f.provider or f.municipality.name,
        subtitle=f.service.title(c.lang),
        prepared_by=_prepared_by(c, f.worker, f),
        parties=[
            Party(
                c.title(f, "worker"), [*(p for p in (f.provider,) if p), *c.worker_lines(f.worker)]
            ),
            c.municipality_party(f.municipality),
        ],
        sections=[
            Section(
                c.title(f, "service"),
                [
                    c.fields(
                        f, ("service", "client", "service_start", "period_start", "period_end")
                    ),
                    *_service_end(c, f.service_end, c.title(f, "service_end")),
                ],
            ),
            Section(c.title(f, "situation"), [c.text(f.situation)]),
            Section(c.title(f, "progress"), [c.text(f.progress)]),
            Section(c.title(f, "difficulties"), [c.text(f.difficulties)]),
            Section(
                c.title(f, "goal_progress"),
                [
                    c.table(
                        f.goal_progress,
                        GoalProgress,
                        ["goal", "status", "comment"],
                        widths=(0.07, 0.43, 0.17, 0.33),
                    )
                ],
            ),
            Section(
                c.title(f, "contacts"),
                [
                    c.table(
                        f.contacts,
                        ContactSummary,
                        [
                            "kind",
                            "count",
                            (c.title(ContactSummary, "hours"), lambda s: c.duration(s.hours * 60)),
                        ],
                        widths=(0.07, 0.53, 0.2, 0.2),
                    )
                ],
            ),
            Section(c.title(f, "next_steps"), [c.text(f.next_steps)]),
        ],
    )


def _closure(form: Closure, c: Context) -> Layout:
    f = form
    author = f.provider or f.municipality.name
    # Viimsi's family support person writes a client-work summary to the municipality's social
    # and health department (seed 003); the other services close with an agreement the family
    # signs (seed 000, step 7).
    summary = f.service is Service.FAMILY_SUPPORT_PERSON
    signatures = [] if summary else _caregiver_signatures(c, f.family)
    if not summary:
        signatures.append(Signature(c.title(f, "worker"), f.worker.name))
    return Layout(
        author=author,
        subtitle=f.service.title(c.lang),
        title=Closure.summary_titles.get(c.lang) if summary else "",
        intro=INTROS["closure-client-work-summary"].get(c.lang) if summary else None,
        agreement=not summary,
        prepared_by=_prepared_by(c, f.worker, f) if summary else None,
        parties=[
            c.municipality_party(f.municipality),
            Party(
                c.title(f, "worker"), [*(p for p in (f.provider,) if p), *c.worker_lines(f.worker)]
            ),
            c.family_party(f.family, c.title(f, "family")),
        ],
        sections=[
            Section(
                c.title(f, "service"),
                [
                    c.fields(
                        f, ("service", "service_start", "service_end", "reason", "refusal_form")
                    )
                ],
            ),
            Section(c.title(f, "family"), c.family_blocks(f.family)),
            Section(c.title(f, "activities"), [c.items(f.activities)]),
            Section(
                c.title(f, "goal_outcomes"),
                [
                    c.table(
                        f.goal_outcomes,
                        GoalOutcome,
                        ["goal_key", "goal", "outcome", "comment"],
                        widths=(0.06, 0.18, 0.34, 0.16, 0.26),
                    )
                ],
            ),
            Section(c.title(f, "further_needs"), [c.text(f.further_needs)]),
            Section(c.title(f, "recommendations"), [c.text(f.recommendations)]),
        ],
        signatures=signatures,
    )


_LAYOUTS: dict[type[FormModel], Callable[[Any, Context], Layout]] = {
    FamilySupportReferral: _family_support_referral,
    SupportPersonReferral: _support_person_referral,
    FamilyConferenceReferral: _family_conference_referral,
    CooperationAgreement: _cooperation_agreement,
    SupportPlan: _support_plan,
    ActionPlan: _action_plan,
    ClientDiary: _client_diary,
    ProgressReport: _progress_report,
    Closure: _closure,
    FamilyNeedsFeedback: family_needs_feedback_layout,
}


def layout_for(form: FormModel, context: Context) -> Layout:
    """The layout of ``form`` in the context's language."""
    return _LAYOUTS[type(form)](form, context)
