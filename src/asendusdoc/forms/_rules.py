"""Small rule helpers that several forms share, so each rule is written once."""

from __future__ import annotations

import datetime as dt

from asendusdoc.forms._base import Path, RuleViolation
from asendusdoc.forms._blocks import Activity, Goal, Service
from asendusdoc.reference import PROVIDERS, Language, ProviderService, providers_of, quoted

__all__ = [
    "activity_goal_keys",
    "dates_in_order",
    "ended_between",
    "provider_fits",
    "provider_speaks",
    "service_allowed",
]

_PROVIDER_SERVICE = {
    Service.FAMILY_SUPPORT: ProviderService.FAMILY_SUPPORT,
    Service.SUPPORT_PERSON: ProviderService.SUPPORT_PERSON,
}


def dates_in_order(
    start: dt.date | None, end: dt.date | None, end_path: Path
) -> list[RuleViolation]:
    """``end`` must not come before ``start`` (either may be missing)."""
    if start is not None and end is not None and end < start:
        return [RuleViolation(end_path, "end_before_start", "the end comes before the start")]
    return []


def ended_between(
    end: dt.date, earliest: dt.date, latest: dt.date, path: Path
) -> list[RuleViolation]:
    """A recorded service end lies between the service (or diary) start and the day recorded."""
    if end < earliest:
        return [
            RuleViolation(
                path,
                "service_end_before_start",
                "the service cannot end before it started ({start})",
                {"start": earliest.isoformat()},
            )
        ]
    if end > latest:
        return [
            RuleViolation(
                path,
                "service_end_in_future",
                "record the end once it has happened: the end is after the day it is recorded "
                "({recorded})",
                {"recorded": latest.isoformat()},
            )
        ]
    return []


def service_allowed(service: Service, allowed: tuple[Service, ...]) -> list[RuleViolation]:
    """The form exists only for some services."""
    if service in allowed:
        return []
    return [
        RuleViolation(
            ("service",),
            "service_not_for_form",
            "this form is not used for the {service}",
            {"service": service.value},
        )
    ]


def provider_fits(
    provider_name: str | None, service: Service, path: Path, language: Language | None = None
) -> list[RuleViolation]:
    """A named provider must provide the service the form is about.

    SKA's services (family support, support person) have the providers of the reference list
    only; the municipality's own service (Viimsi, seed 003) names its support person's employer
    freely. A refusal offers the providers of the service (those working in ``language``, when
    the form asks for one and any does).
    """
    expected = _PROVIDER_SERVICE.get(service)
    if provider_name is None or expected is None:
        return []
    offered = providers_of(expected, language) if language is not None else []
    choices = quoted(offered or providers_of(expected))
    if provider_name not in PROVIDERS:
        return [
            RuleViolation(
                path,
                "provider_unknown",
                "this service has the providers of the reference list only: {choices}",
                {"choices": choices},
            )
        ]
    if PROVIDERS[provider_name].service is not expected:
        return [
            RuleViolation(
                path,
                "provider_wrong_service",
                "this provider does not provide the {service}; it is provided by {choices}",
                {"service": service.value, "choices": choices},
            )
        ]
    return []


def provider_speaks(
    provider_name: str | None, service: Service, language: Language, path: Path
) -> list[RuleViolation]:
    """A named provider of the reference list works in the language the service is asked in;
    a refusal names the providers of ``service`` that do."""
    provider = PROVIDERS.get(provider_name) if provider_name is not None else None
    expected = _PROVIDER_SERVICE.get(service)
    if provider is None or expected is None or language in provider.languages:
        return []
    return [
        RuleViolation(
            path,
            "provider_language",
            "this provider does not offer the service in the language the family needs "
            "({language}); in that language it is provided by {choices}",
            {"language": language.value, "choices": quoted(providers_of(expected, language))},
        )
    ]


def activity_goal_keys(
    goals: list[Goal], activities: list[Activity], path: Path
) -> list[RuleViolation]:
    """An activity that names a goal key must name a goal of the same form."""
    keys = {g.key for g in goals if g.key is not None}
    return [
        RuleViolation(
            (*path, index, "goal_key"),
            "goal_key_unknown",
            "no goal of this form has this key",
        )
        for index, activity in enumerate(activities)
        if activity.goal_key is not None and activity.goal_key not in keys
    ]
