"""The form models and the registry that picks a model by the form's ``form`` id."""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any

from pydantic import Field, TypeAdapter

from asendusdoc.forms._base import FormModel, RuleViolation
from asendusdoc.forms.action_plan import ActionPlan
from asendusdoc.forms.client_diary import ClientDiary
from asendusdoc.forms.closure import Closure
from asendusdoc.forms.cooperation_agreement import CooperationAgreement
from asendusdoc.forms.family_conference_referral import FamilyConferenceReferral
from asendusdoc.forms.family_needs_feedback import FamilyNeedsFeedback
from asendusdoc.forms.family_support_referral import FamilySupportReferral
from asendusdoc.forms.progress_report import ProgressReport
from asendusdoc.forms.support_person_referral import SupportPersonReferral
from asendusdoc.forms.support_plan import SupportPlan

__all__ = [
    "FORM_MODELS",
    "ActionPlan",
    "AnyForm",
    "ClientDiary",
    "Closure",
    "CooperationAgreement",
    "FamilyConferenceReferral",
    "FamilyNeedsFeedback",
    "FamilySupportReferral",
    "FormModel",
    "ProgressReport",
    "RuleViolation",
    "SupportPersonReferral",
    "SupportPlan",
    "form_adapter",
]

FORM_MODELS: dict[str, type[FormModel]] = {
    model.form_id: model
    for model in (
        FamilySupportReferral,
        SupportPersonReferral,
        FamilyConferenceReferral,
        CooperationAgreement,
        SupportPlan,
        ActionPlan,
        ClientDiary,
        ProgressReport,
        Closure,
        FamilyNeedsFeedback,
    )
}
"""Form id → model, in the order of the workflow."""

AnyForm = Annotated[
    FamilySupportReferral
    | SupportPersonReferral
    | FamilyConferenceReferral
    | CooperationAgreement
    | SupportPlan
    | ActionPlan
    | ClientDiary
    | ProgressReport
    | Closure
    | FamilyNeedsFeedback,
    Field(discriminator="form"),
]
"""Any of the forms, chosen by its ``form`` field."""


@cache
def form_adapter() -> TypeAdapter[Any]:
    """The one validator of :data:`AnyForm`, built once per process."""
    return TypeAdapter(AnyForm)
