"""Hypothesis strategies of valid forms, for property tests in other systems' suites.

:func:`forms` gives JSON-compatible dicts (what a system sends to asendusdoc or reads back from
it) that pass :func:`asendusdoc.validate_form`: real personal codes and municipalities, dates in
the order each form's rules ask for, every service type, support-person type, closure reason and
enumeration value, optional fields present or absent::

    from hypothesis import given
    from asendusdoc.testing.strategies import forms

    @given(forms("closure"))
    def test_our_importer_accepts_every_closure(data):
        ...

The building blocks (:func:`personal_codes`, :func:`phones`, :func:`emails`, :func:`texts`,
:func:`municipalities`, ...) are public too, for strategies of one's own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import Enum
from functools import cache
from typing import Any

import phonenumbers
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from asendusdoc.forms._base import add_months
from asendusdoc.forms._blocks import CaregiverRole, FamilyType, ProblemAreaKind, Responsible
from asendusdoc.forms._blocks import Service as ServiceKind
from asendusdoc.forms._types import personal_code_check_digit
from asendusdoc.forms.action_plan import FamilyDifficulty
from asendusdoc.forms.client_diary import ContactKind
from asendusdoc.forms.closure import ClosureReason, Outcome, RefusalForm
from asendusdoc.forms.family_conference_referral import ConferenceGround, ReferrerKind
from asendusdoc.forms.family_needs_feedback import (
    ContactOpenness,
    FilledBy,
    LifeStage,
    NeedLevel,
    Usefulness,
)
from asendusdoc.forms.family_support_referral import FamilySupportServiceType
from asendusdoc.forms.progress_report import REPORT_PERIOD_MONTHS, GoalStatus
from asendusdoc.forms.support_person_referral import (
    CareSetting,
    ReferralReason,
    SupportPersonType,
)
from asendusdoc.reference import MUNICIPALITIES, PROVIDERS, Language, ProviderService, region_of
from asendusdoc.reference.needs import NeedArea, SupportService

__all__ = [
    "FORM_STRATEGIES",
    "dates",
    "emails",
    "form_ids",
    "forms",
    "long_texts",
    "municipalities",
    "personal_codes",
    "phones",
    "short_texts",
    "texts",
]

Data = dict[str, Any]

# Printable only: Latin with the Estonian letters, Cyrillic with ё and «», digits, punctuation
# (markup and template characters included: they must come through documents literally).
_LETTERS = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "õäöüšžÕÄÖÜŠŽ"
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
)
_TEXT_ALPHABET = _LETTERS + "0123456789" + " .,;:!?-–()«»„“\"'&<>/%{}#№"
_NAME_ALPHABET = _LETTERS + "-' "


@cache
def texts(
    min_size: int = 1, max_size: int = 60, *, alphabet: str = _TEXT_ALPHABET
) -> SearchStrategy[str]:
    """Printable text without control characters, never blank, without surrounding spaces."""
    return (
        st.text(alphabet=alphabet, min_size=min_size, max_size=max_size).map(str.strip).filter(bool)
    )


@cache
def short_texts(max_size: int = 60) -> SearchStrategy[str]:
    """A ``ShortText`` (one line, at most 300 characters)."""
    return texts(max_size=min(max_size, 300))


@cache
def long_texts(max_size: int = 240) -> SearchStrategy[str]:
    """A ``LongText``: paragraphs joined by line breaks."""
    return st.lists(texts(max_size=max_size // 3 or 1), min_size=1, max_size=3).map("\n".join)


@cache
def _names() -> SearchStrategy[str]:
    return texts(max_size=30, alphabet=_NAME_ALPHABET)


@cache
def dates(
    min_value: dt.date = dt.date(2020, 1, 1), max_value: dt.date = dt.date(2030, 12, 31)
) -> SearchStrategy[dt.date]:
    """Dates between the two bounds (by default the years a form is written in)."""
    return st.dates(min_value=min_value, max_value=max_value)


def _iso(day: dt.date) -> str:
    return day.isoformat()


@cache
def _offsets(max_days: int) -> SearchStrategy[int]:
    return st.integers(0, max_days)


def _days_after(start: dt.date, max_days: int) -> SearchStrategy[dt.date]:
    return _offsets(max_days).map(lambda n: start + dt.timedelta(days=n))


def _between(start: dt.date, end: dt.date) -> SearchStrategy[dt.date]:
    """A day from ``start`` to ``end``, both included (``end`` >= ``start``)."""
    return _days_after(start, (end - start).days)


_CENTURY_DIGITS = {18: (1, 2), 19: (3, 4), 20: (5, 6), 21: (7, 8)}


@st.composite
def _personal_code(draw: DrawFn, born: dt.date) -> str:
    male, female = _CENTURY_DIGITS[born.year // 100]
    first = draw(st.sampled_from((male, female)))
    serial = draw(st.integers(0, 999))
    first_ten = f"{first}{born:%y%m%d}{serial:03d}"
    return f"{first_ten}{personal_code_check_digit(first_ten)}"


@cache
def personal_codes(
    min_birth: dt.date = dt.date(1900, 1, 1), max_birth: dt.date = dt.date(2029, 12, 31)
) -> SearchStrategy[str]:
    """Valid Estonian personal codes (isikukood) of people born between the bounds."""
    return st.dates(min_value=min_birth, max_value=max_birth).flatmap(_personal_code)


def _format_phone(digits: str) -> str:
    number = phonenumbers.parse(digits, "EE")
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))


@cache
def phones() -> SearchStrategy[str]:
    """Valid Estonian phone numbers (mobile 5xxx xxxx, landline 6xx xxxx), as stored."""
    mobile = st.integers(0, 9_999_999).map(lambda n: f"5{n:07d}")
    landline = st.integers(0, 999_999).map(lambda n: f"6{n:06d}")
    return st.one_of(mobile, landline).map(_format_phone)


@cache
def emails() -> SearchStrategy[str]:
    """E-mail addresses at ``example.com`` that pydantic's ``EmailStr`` accepts."""
    part = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=12)
    local = st.lists(part, min_size=1, max_size=3).map(".".join)
    return local.map(lambda name: f"{name}@example.com")


@cache
def municipalities() -> SearchStrategy[str]:
    """The official name of one of the 79 municipalities."""
    return st.sampled_from(sorted(MUNICIPALITIES))


def _providers(service: ProviderService) -> list[str]:
    return [name for name, p in PROVIDERS.items() if p.service is service]


@cache
def _values(enum: type[Enum]) -> SearchStrategy[Any]:
    return st.sampled_from([member.value for member in enum])


@cache
def _value_lists(enum: type[Enum]) -> SearchStrategy[list[Any]]:
    return st.lists(_values(enum), min_size=1, max_size=len(enum), unique=True)


def _object(
    required: dict[str, SearchStrategy[Any]], optional: dict[str, SearchStrategy[Any]] | None = None
) -> SearchStrategy[Data]:
    """A dict with every required key and any subset of the optional ones."""
    return st.fixed_dictionaries(required, optional=optional or {})


def _merged(*parts: SearchStrategy[Data]) -> SearchStrategy[Data]:
    return st.tuples(*parts).map(lambda ds: {k: v for d in ds for k, v in d.items()})


# --- Building blocks ---------------------------------------------------------------------------


@cache
def _worker() -> SearchStrategy[Data]:
    return _object(
        {"name": _names()},
        {"position": short_texts(40), "phone": phones(), "email": emails()},
    )


@cache
def _municipality_party(name: str | None = None) -> SearchStrategy[Data]:
    chosen = st.just(name) if name is not None else municipalities()
    return _object({"name": chosen, "worker": _worker()})


@cache
def _provider_party(service: ProviderService) -> SearchStrategy[Data]:
    return _object({"name": st.sampled_from(_providers(service)), "worker": _worker()})


_ADULT_BIRTH = (dt.date(1940, 1, 1), dt.date(2004, 12, 31))
# Born before the earliest document date the strategies draw (2020): no one is born after
# the form that names them (rule born_after_document_date).
_CHILD_BIRTH = (dt.date(2004, 1, 1), dt.date(2019, 12, 31))


@st.composite
def _identity(draw: DrawFn, birth: tuple[dt.date, dt.date]) -> Data:
    """Personal code, birth date, or both (then they agree)."""
    born = draw(st.dates(*birth))
    code = draw(_personal_code(born))
    identity: Data = draw(
        st.sampled_from(
            [
                {"personal_code": code},
                {"birth_date": _iso(born)},
                {"personal_code": code, "birth_date": _iso(born)},
            ]
        )
    )
    return identity


@cache
def _person(birth: tuple[dt.date, dt.date], *, contacts: bool = False) -> SearchStrategy[Data]:
    optional = {"phone": phones(), "email": emails()} if contacts else {}
    return _merged(
        _object({"given_name": _names(), "family_name": _names()}, optional),
        _identity(birth),
    )


@cache
def _child() -> SearchStrategy[Data]:
    return _person(_CHILD_BIRTH)


@cache
def _young_person() -> SearchStrategy[Data]:
    return _person((dt.date(2000, 1, 1), dt.date(2012, 12, 31)), contacts=True)


@cache
def _caregiver() -> SearchStrategy[Data]:
    return _object(
        {"given_name": _names(), "family_name": _names(), "role": _values(CaregiverRole)},
        {
            "personal_code": personal_codes(*_ADULT_BIRTH),
            "phone": phones(),
            "email": emails(),
        },
    )


@cache
def _family(municipality: str | None = None) -> SearchStrategy[Data]:
    return _object(
        {
            "caregivers": st.lists(_caregiver(), min_size=1, max_size=3),
            "children": st.lists(_child(), min_size=1, max_size=3),
            "municipality": st.just(municipality) if municipality else municipalities(),
        },
        {"address": short_texts(60)},
    )


_GOAL_KEY = st.builds("{}{}".format, st.sampled_from("EGT"), st.integers(1, 99))
_GOAL_KEYS = st.lists(_GOAL_KEY, min_size=1, max_size=4, unique=True).map(tuple)


@cache
def _goal(key: str | None) -> SearchStrategy[Data]:
    required: dict[str, Any] = {"description": long_texts(200)}
    if key is not None:
        required["key"] = st.just(key)
    return _object(required, {"indicator": long_texts(120)})


@cache
def _goals_with_keys(keys: tuple[str, ...]) -> SearchStrategy[list[Data]]:
    """One goal per key; some keys may go unused (``None``) to reach goals without a key."""
    return st.tuples(*(st.sampled_from([key, key, None]).flatmap(_goal) for key in keys)).map(list)


@cache
def _activity(keys: tuple[str, ...]) -> SearchStrategy[Data]:
    optional: dict[str, Any] = {"due": dates().map(_iso)}
    if keys:
        optional["goal_key"] = st.sampled_from(list(keys))
    return _object({"description": long_texts(150), "responsible": _values(Responsible)}, optional)


@cache
def _activities(keys: tuple[str, ...], min_size: int = 1) -> SearchStrategy[list[Data]]:
    return st.lists(_activity(keys), min_size=min_size, max_size=3)


def _keys_of(goals: list[Data]) -> tuple[str, ...]:
    return tuple(goal["key"] for goal in goals if "key" in goal)


def _base(document_date: dt.date | None = None) -> SearchStrategy[Data]:
    day = st.just(document_date) if document_date is not None else dates()
    return _object({"case_reference": short_texts(30), "document_date": day.map(_iso)})


# --- The forms ----------------------------------------------------------------------------

_PROVIDER_OF_SERVICE = {
    ServiceKind.FAMILY_SUPPORT: ProviderService.FAMILY_SUPPORT,
    ServiceKind.SUPPORT_PERSON: ProviderService.SUPPORT_PERSON,
}


@st.composite
def family_support_referrals(draw: DrawFn) -> Data:
    """Peretoe teenusele suunamise vorm: adaptation or needs-based, per seed 000."""
    service_type = draw(_values(FamilySupportServiceType))
    data: Data = {"form": "family-support-referral", **draw(_base())}
    data |= draw(
        _object(
            {
                "municipality": _municipality_party(),
                "family_type": _values(FamilyType),
                "family": _family(),
                "justification": long_texts(),
            }
        )
    )
    data["service_type"] = service_type
    placement = draw(dates())
    if service_type == FamilySupportServiceType.ADAPTATION.value:
        earliest, latest = add_months(placement, -1), add_months(placement, 12)
        start = draw(_between(earliest, latest - dt.timedelta(days=1)))
        data["placement_date"] = _iso(placement)
        if draw(st.booleans()):
            data["service_end"] = _iso(draw(_between(start, latest)))
        needs_topics = draw(st.booleans())
    else:
        start = draw(dates())
        if draw(st.booleans()):
            data["placement_date"] = _iso(placement)
        if draw(st.booleans()):
            data["service_end"] = _iso(draw(_days_after(start, 400)))
        needs_topics = True
    data["service_start"] = _iso(start)
    if needs_topics:
        problem_area = _object({"area": _values(ProblemAreaKind), "description": long_texts()})
        data["problem_areas"] = draw(st.lists(problem_area, min_size=1, max_size=3))
        data["goals"] = draw(_GOAL_KEYS.flatmap(_goals_with_keys))
    data["previous_service"] = draw(st.booleans())
    if data["previous_service"] or draw(st.booleans()):
        data["previous_service_details"] = draw(long_texts(150))
    language: Language | None = draw(st.sampled_from([None, *Language]))
    if language is not None:
        data["service_language"] = language.value
    if draw(st.booleans()):
        spoken = language or Language.ESTONIAN
        fitting = [
            name
            for name in _providers(ProviderService.FAMILY_SUPPORT)
            if spoken in PROVIDERS[name].languages
        ]
        data["preferred_provider"] = draw(st.sampled_from(fitting))
    return data


@st.composite
def support_person_referrals(draw: DrawFn) -> Data:
    """Tugiisikuteenusele suunamine: trusted or professional support person, per seed 001."""
    document_date = draw(dates())
    data: Data = {"form": "support-person-referral", **draw(_base(document_date))}
    reason = draw(_values(ReferralReason))
    if reason == ReferralReason.LEFT_EARLIER.value:
        leaving = draw(_between(document_date - dt.timedelta(days=1500), document_date))
    else:
        leaving = draw(
            _between(document_date - dt.timedelta(days=200), document_date + dt.timedelta(days=400))
        )
    residence = draw(municipalities())
    person_type = draw(_values(SupportPersonType))
    if person_type == SupportPersonType.TRUSTED.value:
        start = draw(_days_after(leaving, 200))
        data["trusted_support_person"] = draw(
            _object({"name": _names(), "relationship": short_texts(40)}, {"phone": phones()})
        )
    else:
        start = draw(_days_after(add_months(leaving, -6), 400))
    data |= {
        "reason": reason,
        "leaving_care_date": _iso(leaving),
        "residence_municipality": residence,
        "provider_region": region_of(residence).value,
        "support_person_type": person_type,
        "service_start": _iso(start),
    }
    data |= draw(
        _object(
            {
                "municipality": _municipality_party(),
                "young_person": _young_person(),
                "care_setting": _values(CareSetting),
                "aftercare": st.booleans(),
                "needs_assessment": long_texts(),
            },
            {
                "goals": _GOAL_KEYS.flatmap(_goals_with_keys),
                "notes": short_texts(100),
            },
        )
    )
    return data


@st.composite
def family_conference_referrals(draw: DrawFn) -> Data:
    """Pere Lahendusringi suunamisvorm, per seed 004: consent, the referrer, the grounds."""
    data: Data = {"form": "family-conference-referral", **draw(_base())}
    referrer = draw(
        _object(
            {"kind": _values(ReferrerKind), "organisation": short_texts(60), "person": _worker()}
        )
    )
    grounds = draw(_value_lists(ConferenceGround))
    data |= {"referrer": referrer, "grounds": grounds, "family_consent": True}
    referral_day = dt.date.fromisoformat(data["document_date"])
    agreement = _object(
        {
            "authority": municipalities(),
            "person": short_texts(60),
            "date": dates(max_value=referral_day).map(_iso),
        }
    )
    if referrer["kind"] == ReferrerKind.SUBSTITUTE_CARE_PROVIDER.value:
        # the record (issue 17), now and then the old yes/no that is still accepted
        data["guardianship_authority_agreement"] = draw(agreement | st.just(True))
    elif draw(st.booleans()):
        data["guardianship_authority_agreement"] = draw(agreement | st.booleans())
    if draw(st.booleans()) and isinstance(data.get("guardianship_authority_agreement"), bool):
        # the migrated shape of the old yes/no
        data["guardianship_authority_agreed"] = data.pop("guardianship_authority_agreement")
    if ConferenceGround.OTHER_SUBSTITUTE_CARE.value in grounds or draw(st.booleans()):
        data["other_grounds"] = draw(short_texts(100))
    network_member = _object(
        {"name": _names(), "relationship": short_texts(40)}, {"phone": phones()}
    )
    data |= draw(
        _object(
            {
                "municipality": municipalities(),
                "children": st.lists(_child(), min_size=1, max_size=3),
                "family_situation": long_texts(),
                "protective_factors": st.lists(long_texts(150), min_size=1, max_size=3),
                "risk_factors": st.lists(long_texts(150), min_size=1, max_size=3),
            },
            {
                "network": st.lists(network_member, max_size=3),
                "expected_outcome": long_texts(200),
            },
        )
    )
    return data


def _service_dates(draw: DrawFn, data: Data, *, required_end: bool = False) -> dt.date:
    start: dt.date = draw(dates())
    data["service_start"] = _iso(start)
    if required_end or draw(st.booleans()):
        data["service_end"] = _iso(draw(_days_after(start, 500)))
    return start


def _dropped_goal() -> SearchStrategy[Data]:
    """A referral goal left out on purpose; its key (``X…``) is never one of the agreed ones."""
    return _object(
        {"goal": long_texts(150), "reason": long_texts(150)},
        {"key": st.sampled_from(["X1", "X2", "X3"])},
    )


@st.composite
def cooperation_agreements(draw: DrawFn) -> Data:
    """Koostöölepe: family support (seed 000) or support person (seed 001)."""
    service = draw(st.sampled_from([ServiceKind.FAMILY_SUPPORT, ServiceKind.SUPPORT_PERSON]))
    provider_service = _PROVIDER_OF_SERVICE[service]
    data: Data = {"form": "cooperation-agreement", **draw(_base()), "service": service.value}
    goals = draw(_GOAL_KEYS.flatmap(_goals_with_keys))
    keys = _keys_of(goals)
    data |= {"goals": goals}
    _service_dates(draw, data)
    family_support = service is ServiceKind.FAMILY_SUPPORT
    support_person = not family_support
    principles = {
        "communication_principles": long_texts(200),
        "confidentiality": long_texts(200),
        "communication_language": _values(Language),
    }
    parts = {
        "family": _family(),
        "young_person": _young_person(),
        "family_activities": _activities(keys),
        "worker_activities": _activities(keys),
        **principles,
    }
    needed = {"family", "family_activities", "worker_activities"} if family_support else set()
    if support_person:
        needed = {"young_person", *principles}
    data |= draw(
        _object(
            {
                "municipality": _municipality_party(),
                "provider": _provider_party(provider_service),
                **{name: parts[name] for name in needed},
            },
            {
                "meeting_frequency": short_texts(60),
                "dropped_goals": st.lists(_dropped_goal(), min_size=1, max_size=2),
                **{name: strategy for name, strategy in parts.items() if name not in needed},
            },
        )
    )
    return data


@cache
def _plan_goal(key: str | None) -> SearchStrategy[Data]:
    keys = (key,) if key is not None else ()
    return _merged(_goal(key), _object({"activities": _activities(keys)}))


@st.composite
def support_plans(draw: DrawFn) -> Data:
    """Peretoe plaan (seed 000): goals with activities, a period in order."""
    data: Data = {"form": "support-plan", **draw(_base())}
    start = draw(dates())
    keys = draw(_GOAL_KEYS)
    goals = draw(st.tuples(*(st.sampled_from([k, None]).flatmap(_plan_goal) for k in keys)))
    data |= {
        "period_start": _iso(start),
        "period_end": _iso(draw(_days_after(start, 400))),
        "goals": list(goals),
    }
    data |= draw(
        _object(
            {
                "municipality": _municipality_party(),
                "provider": _provider_party(ProviderService.FAMILY_SUPPORT),
                "family": _family(),
            },
            {"family_strengths": long_texts(200)},
        )
    )
    return data


@st.composite
def action_plans(draw: DrawFn) -> Data:
    """Tegevuskava (seed 003): the parents' consent, a family living in the municipality."""
    data: Data = {"form": "action-plan", **draw(_base())}
    municipality = draw(municipalities())
    goals = draw(_GOAL_KEYS.flatmap(_goals_with_keys))
    _service_dates(draw, data, required_end=True)
    data |= {"parents_consent": True, "goals": goals}
    data |= draw(
        _object(
            {
                "municipality": _municipality_party(municipality),
                "support_person": _worker(),
                "family": _family(municipality),
                "difficulties": _value_lists(FamilyDifficulty),
                "situation": long_texts(),
                "tasks": _activities(_keys_of(goals)),
            }
        )
    )
    return data


@st.composite
def client_diaries(draw: DrawFn) -> Data:
    """Kliendipäevik (seeds 001, 003): every entry inside the period, none after the document."""
    start = draw(dates())
    document_date = draw(_days_after(start, 500))
    data: Data = {"form": "client-diary", **draw(_base(document_date))}
    data["period_start"] = _iso(start)
    last = document_date
    if draw(st.booleans()):
        end = draw(_days_after(start, 500))
        data["period_end"] = _iso(end)
        last = min(end, document_date)
    entry = _object(
        {
            "date": _between(start, last).map(_iso),
            "kind": _values(ContactKind),
            "duration_minutes": st.integers(1, 1440),
            "description": long_texts(200),
        },
        {"participants": short_texts(60), "next_steps": long_texts(120)},
    )
    data |= draw(
        _object(
            {
                "service": _values(ServiceKind),
                "municipality": municipalities(),
                "worker": _worker(),
                "client": short_texts(60),
                "entries": st.lists(entry, min_size=1, max_size=4),
            }
        )
    )
    return data


@st.composite
def progress_reports(draw: DrawFn) -> Data:
    """Ülevaade teenuse kulgemisest: a period inside the service, short enough, already over."""
    service = draw(st.sampled_from(list(ServiceKind)))
    service_start = draw(dates())
    period_start = draw(_days_after(service_start, 400))
    longest = add_months(period_start, REPORT_PERIOD_MONTHS[service]) - dt.timedelta(days=1)
    period_end = draw(_between(period_start, longest))
    document_date = draw(_days_after(period_end, 60))
    data: Data = {"form": "progress-report", **draw(_base(document_date))}
    data |= {
        "service": service.value,
        "service_start": _iso(service_start),
        "period_start": _iso(period_start),
        "period_end": _iso(period_end),
    }
    if service in _PROVIDER_OF_SERVICE and draw(st.booleans()):
        data["provider"] = draw(st.sampled_from(_providers(_PROVIDER_OF_SERVICE[service])))
    goal_progress = _object(
        {"goal": long_texts(150), "status": _values(GoalStatus)}, {"comment": long_texts(150)}
    )
    contact = _object(
        {
            "kind": _values(ContactKind),
            "count": st.integers(1, 60),
            "hours": st.integers(0, 1488).map(lambda half_hours: half_hours / 2),
        }
    )
    data |= draw(
        _object(
            {
                "municipality": _municipality_party(),
                "worker": _worker(),
                "client": short_texts(60),
                "situation": long_texts(),
                "progress": long_texts(),
                "next_steps": long_texts(),
            },
            {
                "difficulties": long_texts(),
                "goal_progress": st.lists(goal_progress, max_size=3),
                "contacts": st.lists(contact, max_size=len(ContactKind), unique_by=_kind),
            },
        )
    )
    return data


def _kind(contact: Data) -> str:
    return str(contact["kind"])


@st.composite
def closures(draw: DrawFn) -> Data:
    """Lõpetamise kokkulepe (seeds 000, 003): the reason, how a refusal was made, dates."""
    service = draw(st.sampled_from([ServiceKind.FAMILY_SUPPORT, ServiceKind.FAMILY_SUPPORT_PERSON]))
    start = draw(dates())
    document_date = draw(_days_after(start, 600))
    data: Data = {"form": "closure", **draw(_base(document_date)), "service": service.value}
    data |= {
        "service_start": _iso(start),
        "service_end": _iso(draw(_days_after(start, 600))),
    }
    if service is ServiceKind.FAMILY_SUPPORT_PERSON or draw(st.booleans()):
        data["reason"] = draw(_values(ClosureReason))
    if data.get("reason") == ClosureReason.REFUSED_COOPERATION.value:
        data["refusal_form"] = draw(_values(RefusalForm))
    if service is ServiceKind.FAMILY_SUPPORT and draw(st.booleans()):
        data["provider"] = draw(st.sampled_from(_providers(ProviderService.FAMILY_SUPPORT)))
    goal_outcome = _object(
        {"goal": long_texts(150), "outcome": _values(Outcome)},
        {
            "goal_key": _GOAL_KEY,
            "comment": long_texts(150),
        },
    )
    data |= draw(
        _object(
            {
                "municipality": _municipality_party(),
                "worker": _worker(),
                "family": _family(),
                "activities": st.lists(long_texts(150), min_size=1, max_size=3),
                "goal_outcomes": st.lists(goal_outcome, min_size=1, max_size=3),
                "further_needs": long_texts(),
                "recommendations": long_texts(),
            }
        )
    )
    return data


@st.composite
def family_needs_feedbacks(draw: DrawFn, today: dt.date | None = None) -> Data:
    """Perede vajaduste tagasiside (seed 002): every area rated or skipped, no future date."""
    last = today or dt.date.today()
    end = draw(dates(dt.date(2020, 1, 1), last))
    start = draw(_between(end - dt.timedelta(days=400), end))
    data: Data = {
        "form": "family-needs-feedback",
        "document_date": _iso(draw(_between(end, last))),
        "period_start": _iso(start),
        "period_end": _iso(end),
    }
    needs = []
    for area in NeedArea:
        answer: Data = {"area": area.value, "level": draw(_values(NeedLevel))}
        needed = answer["level"] in (NeedLevel.SOME.value, NeedLevel.GREAT.value)
        if area is NeedArea.OTHER and (needed or draw(st.booleans())):
            answer["description"] = draw(short_texts(60))
        if draw(st.booleans()):
            answer["comment"] = draw(long_texts(120))
        needs.append(answer)
    data["needs"] = draw(st.permutations(needs))
    used = draw(st.lists(st.sampled_from(list(SupportService)), max_size=4, unique=True))
    data["services_used"] = [
        {"service": service.value, "usefulness": draw(_values(Usefulness))} for service in used
    ]
    data |= draw(
        _object(
            {
                "filled_by": _values(FilledBy),
                "family_type": _values(FamilyType),
                "life_stage": _values(LifeStage),
                "municipality": municipalities(),
                "contact_openness": _values(ContactOpenness),
                "statistics_consent": st.booleans(),
            },
            {"case_reference": short_texts(30), "expectations": long_texts()},
        )
    )
    return data


FORM_STRATEGIES: dict[str, Callable[[], SearchStrategy[Data]]] = {
    "family-support-referral": family_support_referrals,
    "support-person-referral": support_person_referrals,
    "family-conference-referral": family_conference_referrals,
    "cooperation-agreement": cooperation_agreements,
    "support-plan": support_plans,
    "action-plan": action_plans,
    "client-diary": client_diaries,
    "progress-report": progress_reports,
    "closure": closures,
    "family-needs-feedback": family_needs_feedbacks,
}
"""Form id → the function building its strategy, in the order of the workflow."""


def form_ids() -> SearchStrategy[str]:
    """One of the form ids."""
    return st.sampled_from(list(FORM_STRATEGIES))


def forms(form_id: str | None = None) -> SearchStrategy[Data]:
    """Valid forms of ``form_id`` as JSON-compatible dicts; of any form without one.

    Raises ``KeyError`` naming the known ids for an unknown one.
    """
    if form_id is None:
        return st.one_of([build() for build in FORM_STRATEGIES.values()])
    try:
        build = FORM_STRATEGIES[form_id]
    except KeyError:
        raise KeyError(
            f"unknown form id {form_id!r}; known: {', '.join(FORM_STRATEGIES)}"
        ) from None
    return build()
