"""The provider's view of a referral: what SKA forwards to the provider (seeds 000 and 001).

Family support (seed 000, step 3):
SKA forwards "the family data needed to start the service". :data:`PROVIDER_FIELDS` lists
every field the reduced referral may hold (dotted paths, ``[]`` for list items); everything
else is dropped. Personal codes are dropped (a child's birth date is kept, taken from the code);
the justification of the need in the case plan is what SKA checks, not what the provider needs:
the model requires the field, so it holds
:data:`asendusdoc.forms.family_support_referral.JUSTIFICATION_WITHHELD` instead. See
``docs/case-checks.md``.

Support person (seed 001: "SKA projektijuht edastab info vastava piirkonna teenusepakkujale, kes
võtab KOViga ühendust ning alustatakse koostööd"): :data:`SUPPORT_PERSON_PROVIDER_FIELDS`, what
the regional provider needs to contact the municipality and start; the case-plan assessment
stays with the municipality (:data:`NEEDS_ASSESSMENT_WITHHELD`), the notes are dropped.
"""

from __future__ import annotations

from typing import Any

from asendusdoc.errors import InputError
from asendusdoc.forms import FamilySupportReferral, FormModel, SupportPersonReferral
from asendusdoc.forms._blocks import Child
from asendusdoc.forms.family_support_referral import JUSTIFICATION_WITHHELD
from asendusdoc.forms.support_person_referral import NEEDS_ASSESSMENT_WITHHELD

__all__ = ["PROVIDER_FIELDS", "SUPPORT_PERSON_PROVIDER_FIELDS", "redact_for_provider"]

PROVIDER_FIELDS: frozenset[str] = frozenset(
    {
        "form",
        "case_reference",
        "document_date",
        "municipality.name",
        "municipality.worker.name",
        "municipality.worker.position",
        "municipality.worker.phone",
        "municipality.worker.email",
        "family_type",
        "family.caregivers[].given_name",
        "family.caregivers[].family_name",
        "family.caregivers[].role",
        "family.caregivers[].phone",
        "family.caregivers[].email",
        "family.children[].given_name",
        "family.children[].family_name",
        "family.children[].birth_date",
        "family.municipality",
        "family.address",
        "service_type",
        "placement_date",
        "service_start",
        "service_end",
        "problem_areas[].area",
        "problem_areas[].description",
        "goals[].key",
        "goals[].description",
        "goals[].indicator",
        "previous_service",
        "previous_service_details",
        "justification",
        "preferred_provider",
        "service_language",
    }
)
"""Every field the provider's referral may hold; ``justification`` holds only the fixed text."""


SUPPORT_PERSON_PROVIDER_FIELDS: frozenset[str] = frozenset(
    {
        "form",
        "case_reference",
        "document_date",
        "municipality.name",
        "municipality.worker.name",
        "municipality.worker.position",
        "municipality.worker.phone",
        "municipality.worker.email",
        "young_person.given_name",
        "young_person.family_name",
        "young_person.birth_date",
        "young_person.phone",
        "young_person.email",
        "children[].given_name",
        "children[].family_name",
        "children[].birth_date",
        "reason",
        "care_setting",
        "leaving_care_date",
        "aftercare",
        "residence_municipality",
        "provider_region",
        "support_person_type",
        "trusted_support_person.name",
        "trusted_support_person.relationship",
        "trusted_support_person.phone",
        "service_start",
        "needs_assessment",
        "goals[].key",
        "goals[].description",
        "goals[].indicator",
    }
)
"""Every field the provider's support-person referral may hold; ``needs_assessment`` holds only
the fixed text."""


def redact_for_provider(form: FormModel) -> FamilySupportReferral | SupportPersonReferral:
    """The referral reduced to what its provider gets; it validates and renders like any form.

    The family support referral keeps :data:`PROVIDER_FIELDS`, the support-person referral
    :data:`SUPPORT_PERSON_PROVIDER_FIELDS`. Raises :class:`InputError`
    (``redact_not_supported``) for another form.
    """
    if isinstance(form, SupportPersonReferral):
        return _support_person_view(form)
    if not isinstance(form, FamilySupportReferral):
        raise InputError(
            "only the family support and support-person referrals have a provider's view, "
            "not '{form}'",
            code="redact_not_supported",
            form=form.form_id,
        )
    data = form.model_dump(mode="json", exclude_none=True)
    for caregiver in data["family"]["caregivers"]:
        caregiver.pop("personal_code", None)
    for child, model in zip(data["family"]["children"], form.family.children, strict=True):
        child.pop("personal_code", None)
        child["birth_date"] = model.born.isoformat()
    data["justification"] = JUSTIFICATION_WITHHELD
    kept = _keep_only(data, "", PROVIDER_FIELDS)
    return FamilySupportReferral.model_validate(kept)


def _support_person_view(form: SupportPersonReferral) -> SupportPersonReferral:
    data = form.model_dump(mode="json", exclude_none=True)
    people: list[tuple[dict[str, Any], Child]] = [(data["young_person"], form.young_person)]
    people += list(zip(data.get("children", []), form.children, strict=True))
    for dumped, model in people:
        dumped.pop("personal_code", None)
        dumped["birth_date"] = model.born.isoformat()
    data["needs_assessment"] = NEEDS_ASSESSMENT_WITHHELD
    kept = _keep_only(data, "", SUPPORT_PERSON_PROVIDER_FIELDS)
    return SupportPersonReferral.model_validate(kept)


def _keep_only(value: Any, path: str, fields: frozenset[str]) -> Any:
    """``value`` with every field not in ``fields`` removed (a second guard)."""
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            child = f"{path}.{key}" if path else key
            if child in fields or any(
                f.startswith(child + ".") or f.startswith(child + "[]") for f in fields
            ):
                result[key] = _keep_only(item, child, fields)
        return result
    if isinstance(value, list):
        return [_keep_only(item, f"{path}[]", fields) for item in value]
    return value
