"""The document of the form ``family-conference-referral``: its parties, sections and signatures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asendusdoc.forms import FamilyConferenceReferral
from asendusdoc.forms.family_conference_referral import AuthorityAgreement, NetworkMember
from asendusdoc.render.document import Party, Section
from asendusdoc.render.layouts._shared import Layout, prepared_by

if TYPE_CHECKING:
    from asendusdoc.render.context import Context

__all__ = ["layout"]


def _agreement_field(form: FamilyConferenceReferral) -> str:
    """An older form's bare "agreed" where it is set, else the (missing) agreement."""
    if form.guardianship_authority_agreed:
        return "guardianship_authority_agreed"
    return "guardianship_authority_agreement"


def layout(form: FamilyConferenceReferral, c: Context) -> Layout:
    f = form
    r = f.referrer
    agreement_recorded = isinstance(f.guardianship_authority_agreement, AuthorityAgreement)
    return Layout(
        author=r.organisation,
        prepared_by=prepared_by(c, r.person, f),
        subtitle=", ".join(g.title(c.lang) for g in f.grounds),
        parties=[
            Party(
                c.title(f, "referrer"),
                [r.organisation, r.kind.title(c.lang), *c.worker_lines(r.person)],
                path="referrer",
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
                key="grounds",
            ),
            Section(
                c.title(f, "children"), [c.children_table(f.children, heading="")], key="children"
            ),
            Section(
                c.title(f, "family_situation"),
                [c.text_of(f, "family_situation")],
                key="family_situation",
            ),
            Section(
                c.title(f, "protective_factors"),
                [c.items(f.protective_factors)],
                key="protective_factors",
            ),
            Section(c.title(f, "risk_factors"), [c.items(f.risk_factors)], key="risk_factors"),
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
                key="network",
            ),
            Section(
                c.title(f, "expected_outcome"),
                [c.text_of(f, "expected_outcome")],
                key="expected_outcome",
            ),
        ],
    )
