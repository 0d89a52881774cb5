"""What each form's document shows, in which order: one module per form, mirroring ``forms/``.

A layout decides the parties, the sections and their blocks, and who signs; the
:class:`~asendusdoc.render.context.Context` supplies every word and formatted value. What several
layouts share (the :class:`Layout`, goal and activity tables, "Koostas") is in ``_shared``. The
PDF and the DOCX are both made from the one :class:`~asendusdoc.render.document.Document` a
layout gives.
"""

from __future__ import annotations

from collections.abc import Callable
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
from asendusdoc.render.layouts import (
    action_plan,
    client_diary,
    closure,
    cooperation_agreement,
    family_conference_referral,
    family_needs_feedback,
    family_support_referral,
    progress_report,
    support_person_referral,
    support_plan,
)
from asendusdoc.render.layouts._shared import Layout

if TYPE_CHECKING:
    from asendusdoc.render.context import Context

__all__ = ["Layout", "layout_for"]

_LAYOUTS: dict[type[FormModel], Callable[[Any, Context], Layout]] = {
    FamilySupportReferral: family_support_referral.layout,
    SupportPersonReferral: support_person_referral.layout,
    FamilyConferenceReferral: family_conference_referral.layout,
    CooperationAgreement: cooperation_agreement.layout,
    SupportPlan: support_plan.layout,
    ActionPlan: action_plan.layout,
    ClientDiary: client_diary.layout,
    ProgressReport: progress_report.layout,
    Closure: closure.layout,
    FamilyNeedsFeedback: family_needs_feedback.layout,
}


def layout_for(form: FormModel, context: Context) -> Layout:
    """The layout of ``form`` in the context's language."""
    return _LAYOUTS[type(form)](form, context)
