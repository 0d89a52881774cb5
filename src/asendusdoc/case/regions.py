"""The support-person provider is the one of the region the young person lives in (seed 001).

Seed 001: "Noorele korraldab tugiisikuteenust selle piirkonna teenusepakkuja, kus noor elab. Nt
kui noor on pärit Ida-Virumaalt, kuid pärast asendushooldusteenuselt lahkumist asub elama
Tallinnasse, siis korraldab talle teenust Põhja piirkonna teenusepakkuja." The referral's own
rule checks the region it declares; this check compares the provider that the agreement, the
progress reports and the client diary name with the region of the referral's home after leaving
care (municipality → county → region, :func:`asendusdoc.reference.region_of`).
"""

from __future__ import annotations

from asendusdoc.case.collection import CaseForms
from asendusdoc.case.findings import Finding
from asendusdoc.forms import (
    ClientDiary,
    CooperationAgreement,
    ProgressReport,
    SupportPersonReferral,
)
from asendusdoc.forms._blocks import Service
from asendusdoc.reference import PROVIDERS, region_of

__all__ = ["provider_region_findings"]


def _named_provider(form: object) -> str | None:
    """The provider a support-person form names, or None."""
    if isinstance(form, CooperationAgreement):
        return form.provider.name if form.service is Service.SUPPORT_PERSON else None
    if isinstance(form, ProgressReport | ClientDiary) and form.service is Service.SUPPORT_PERSON:
        return form.provider
    return None


def provider_region_findings(case: CaseForms) -> list[Finding]:
    """``provider_region_mismatch`` for each form naming another region's provider; the region
    is that of the referral governing on the form's date (a renewed referral after a move)."""
    if case.first(SupportPersonReferral) is None:
        return []
    found: list[Finding] = []
    for item in case.forms:
        referral = case.governing(SupportPersonReferral, item.form.document_date)
        name = _named_provider(item.form)
        known = PROVIDERS.get(name) if name is not None else None
        if referral is None or known is None or known.region is None:
            continue
        municipality = referral[1].residence_municipality
        expected = region_of(municipality)
        if known.region is expected:
            continue
        params = {
            "provider": name,
            "region": known.region.titles,
            "municipality": municipality,
            "expected": expected.titles,
        }
        found.append(Finding("provider_region_mismatch", (item.name, referral[0]), params))
    return found
