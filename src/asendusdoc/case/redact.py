"""The provider's view of a referral: what SKA forwards to the provider (seed 000, step 3).

SKA forwards "the family data needed to start the service". :data:`PROVIDER_FIELDS` lists
every field the reduced referral may hold (dotted paths, ``[]`` for list items); everything
else is dropped. Personal codes are dropped (a child's birth date is kept, taken from the code);
the justification of the need in the case plan is what SKA checks, not what the provider needs:
the model requires the field, so it holds
:data:`asendusdoc.forms.family_support_referral.JUSTIFICATION_WITHHELD` instead. See
``docs/case-checks.md``.
"""

from __future__ import annotations

from typing import Any

from asendusdoc.errors import InputError
from asendusdoc.forms import FamilySupportReferral, FormModel
from asendusdoc.forms.family_support_referral import JUSTIFICATION_WITHHELD

__all__ = ["PROVIDER_FIELDS", "redact_for_provider"]

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


def redact_for_provider(form: FormModel) -> FamilySupportReferral:
    """The referral reduced to :data:`PROVIDER_FIELDS`; it validates and renders like any form.

    Raises :class:`InputError` (``redact_not_supported``) for a form other than the family
    support referral.
    """
    if not isinstance(form, FamilySupportReferral):
        raise InputError(
            "only the family support referral has a provider's view, not '{form}'",
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
    kept = _keep_only(data, "")
    return FamilySupportReferral.model_validate(kept)


def _keep_only(value: Any, path: str) -> Any:
    """``value`` with every field not in :data:`PROVIDER_FIELDS` removed (a second guard)."""
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            child = f"{path}.{key}" if path else key
            if child in PROVIDER_FIELDS or any(
                f.startswith(child + ".") or f.startswith(child + "[]") for f in PROVIDER_FIELDS
            ):
                result[key] = _keep_only(item, child)
        return result
    if isinstance(value, list):
        return [_keep_only(item, f"{path}[]") for item in value]
    return value
