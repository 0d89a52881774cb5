"""The form models and the registry that picks a model by the form's ``form`` id.

Each form's module is imported when that form is first used (:data:`FORM_MODELS` looks it up
by id, and the model classes are attributes of this package imported on first access), and a
model builds its validator on its first validation (``defer_build``): a command that reads one
referral builds the referral's model only.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING, Annotated, Any

from asendusdoc.forms._base import FormModel, RuleViolation

if TYPE_CHECKING:
    from pydantic import Field, TypeAdapter

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

_MODELS: dict[str, tuple[str, str]] = {
    "family-support-referral": ("family_support_referral", "FamilySupportReferral"),
    "support-person-referral": ("support_person_referral", "SupportPersonReferral"),
    "family-conference-referral": ("family_conference_referral", "FamilyConferenceReferral"),
    "cooperation-agreement": ("cooperation_agreement", "CooperationAgreement"),
    "support-plan": ("support_plan", "SupportPlan"),
    "action-plan": ("action_plan", "ActionPlan"),
    "client-diary": ("client_diary", "ClientDiary"),
    "progress-report": ("progress_report", "ProgressReport"),
    "closure": ("closure", "Closure"),
    "family-needs-feedback": ("family_needs_feedback", "FamilyNeedsFeedback"),
}
"""Form id → the module (under ``asendusdoc.forms``) and the class of its model, in the order
of the workflow."""


def _model(module: str, name: str) -> type[FormModel]:
    model: type[FormModel] = getattr(import_module(f"asendusdoc.forms.{module}"), name)
    return model


class _FormModels(Mapping[str, type[FormModel]]):
    """Form id → model, each model's module imported when the id is first looked up."""

    def __getitem__(self, form_id: str) -> type[FormModel]:
        return _model(*_MODELS[form_id])

    def __iter__(self) -> Iterator[str]:
        return iter(_MODELS)

    def __len__(self) -> int:
        return len(_MODELS)

    def __contains__(self, form_id: object) -> bool:
        return form_id in _MODELS

    def __repr__(self) -> str:
        return f"FORM_MODELS({list(_MODELS)})"


FORM_MODELS: Mapping[str, type[FormModel]] = _FormModels()
"""Form id → model, in the order of the workflow."""

_CLASSES = {name: module for module, name in _MODELS.values()}

if TYPE_CHECKING:
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
def _any_form() -> Any:
    from functools import reduce
    from operator import or_

    from pydantic import Field

    return Annotated[reduce(or_, FORM_MODELS.values()), Field(discriminator="form")]


@cache
def form_adapter() -> TypeAdapter[Any]:
    """The one validator of :data:`AnyForm`, built once per process (every form's model)."""
    from pydantic import TypeAdapter

    return TypeAdapter(_any_form())


def __getattr__(name: str) -> Any:
    if name == "AnyForm":
        return _any_form()
    module = _CLASSES.get(name)
    if module is None:
        raise AttributeError(f"module 'asendusdoc.forms' has no attribute {name!r}")
    value = _model(module, name)
    globals()[name] = value
    return value
