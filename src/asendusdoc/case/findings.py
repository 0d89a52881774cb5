"""Findings: what the case checks report, with a stable code and a message in et, ru and en.

Each code has one severity and one message template per language, written here (the gettext
catalogs are maintained elsewhere; these templates are the single source of the case texts).
Params fill ``{name}`` fields; dates are ISO strings and are shown as ``22.11.2026``. No param
ever holds what was typed into a form (it may be a personal code or a person's name): goals
are named by their position, not by their typed key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = ["FINDING_TEMPLATES", "FORM_KIND_TITLES", "Finding", "Severity", "format_day"]


class Severity(StrEnum):
    """How bad a finding is: an error fails ``check`` (exit code 1), the others do not."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


FORM_KIND_TITLES: dict[str, tuple[str, str, str]] = {
    "family-support-referral": (
        "peretoe teenusele suunamise vorm",
        "форма направления на услугу поддержки семьи",
        "family support referral",
    ),
    "support-person-referral": (
        "tugiisikuteenusele suunamise vorm",
        "форма направления на услугу опорного лица",
        "support-person referral",
    ),
    "family-conference-referral": (
        "Pere Lahendusringi suunamisvorm",
        "форма направления в Семейный круг решений",
        "family group conference referral",
    ),
    "cooperation-agreement": (
        "koostöölepe",
        "соглашение о сотрудничестве",
        "cooperation agreement",
    ),
    "support-plan": ("peretoe plaan", "план поддержки семьи", "family support plan"),
    "action-plan": ("tegevuskava", "план действий", "action plan"),
    "client-diary": ("kliendipäevik", "дневник клиента", "client diary"),
    "progress-report": (
        "ülevaade teenuse kulgemisest",
        "отчёт о ходе оказания услуги",
        "progress report",
    ),
    "closure": (
        "lõpetamise kokkulepe",
        "соглашение о прекращении услуги",
        "closure agreement",
    ),
}
"""The form kinds in the three languages, as the case messages use them."""

_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

FINDING_TEMPLATES: dict[str, tuple[Severity, tuple[str, str, str]]] = {
    # --- the files ---------------------------------------------------------------------------
    "form_unreadable": (_E, (
        "Faili ei saa vormina lugeda: {detail}",
        "Файл нельзя прочитать как форму: {detail}",
        "The file cannot be read as a form: {detail}",
    )),
    "form_invalid": (_E, (
        "Vorm ei vasta nõuetele ({count} viga); vaadake see üle käsuga validate.",
        "Форма не соответствует требованиям (ошибок: {count}); проверьте командой validate.",
        "The form is invalid ({count} problem(s)); see the command validate.",
    )),
    "case_reference_differs": (_E, (
        "Vormi juhtumi viide erineb sellest, mis on ülejäänud vormidel.",
        "Номер дела в форме отличается от номера в остальных формах.",
        "The form's case reference differs from the one the other forms share.",
    )),
    # --- consistency -------------------------------------------------------------------------
    "goal_not_in_agreement": (_W, (
        "Suunamise eesmärk {goal} puudub koostöölepes; kui see jäeti teadlikult välja, "
        "kirjutage põhjus koostööleppesse.",
        "Цель {goal} из направления отсутствует в соглашении о сотрудничестве; если от неё "
        "сознательно отказались, укажите причину в соглашении.",
        "The referral's goal {goal} is not in the cooperation agreement; if it was dropped on "
        "purpose, write the reason into the agreement.",
    )),
    "support_plan_missing": (_W, (
        "Vajaduspõhine peretoe teenus algas {start}, kuid peretoe plaan puudub.",
        "Услуга поддержки семьи по потребности началась {start}, но плана поддержки семьи нет.",
        "The needs-based family support service started on {start} but there is no family "
        "support plan.",
    )),
    "goal_outcome_missing": (_E, (
        "Kokkulepitud eesmärgi {goal} tulemus puudub lõpetamise kokkuleppes.",
        "В соглашении о прекращении услуги нет результата по согласованной цели {goal}.",
        "The agreed goal {goal} has no outcome in the closure agreement.",
    )),
    "children_differ": (_E, (
        "Lapsed (nimed, isikukoodid või sünniajad) ei ühti vormi „{reference}“ andmetega.",
        "Дети (имена, личные коды или даты рождения) отличаются от данных в форме «{reference}».",
        "The children (names, personal codes or birth dates) differ from the {reference}.",
    )),
    "caregivers_differ": (_E, (
        "Vanemad ja hooldajad (nimed või isikukoodid) ei ühti vormi „{reference}“ andmetega.",
        "Родители и опекуны (имена или личные коды) отличаются от данных в форме «{reference}».",
        "The parents and carers (names or personal codes) differ from the {reference}.",
    )),
    "young_person_differs": (_E, (
        "Noore andmed (nimi, isikukood või sünniaeg) ei ühti vormi „{reference}“ andmetega.",
        "Данные молодого человека (имя, личный код или дата рождения) отличаются от "
        "данных в форме «{reference}».",
        "The young person (name, personal code or birth date) differs from the {reference}.",
    )),
    "dates_out_of_order": (_E, (
        "Vormi kuupäev {date} on varasem kui vormi „{other}“ kuupäev {other_date}.",
        "Дата формы {date} раньше даты формы «{other}» ({other_date}).",
        "The form is dated {date}, before the {other} ({other_date}).",
    )),
    "report_gap": (_E, (
        "Ülevaated ei kata teenuse ajavahemikku {start}–{end} ({days} päeva).",
        "Отчёты не охватывают период услуги с {start} по {end} (дней: {days}).",
        "The progress reports leave the service time from {start} to {end} uncovered "
        "({days} days).",
    )),
    # --- deadlines ---------------------------------------------------------------------------
    "report_overdue": (_E, (
        "Ülevaade teenuse kulgemisest alates {start} pidi olema esitatud {due}.",
        "Отчёт о ходе оказания услуги с {start} нужно было представить {due}.",
        "The progress report from {start} was due on {due}.",
    )),
    "report_due_soon": (_I, (
        "Ülevaade teenuse kulgemisest alates {start} tuleb esitada hiljemalt {due}.",
        "Отчёт о ходе оказания услуги с {start} нужно представить не позднее {due}.",
        "The progress report from {start} is due by {due}.",
    )),
    "adaptation_year_over": (_E, (
        "Kohanemiseks mõeldud teenuse aasta lõppes {due} (paigutus {placement}); "
        "lõpeta teenus või suuna pere vajaduspõhisele teenusele.",
        "Год услуги для адаптации закончился {due} (помещение в семью {placement}); "
        "прекратите услугу или направьте семью на услугу по потребности.",
        "The adaptation service's year ended on {due} (placement {placement}); end the "
        "service or refer the family to the needs-based service.",
    )),
    "adaptation_year_ending": (_I, (
        "Kohanemiseks mõeldud teenuse aasta lõpeb {due}.",
        "Год услуги для адаптации заканчивается {due}.",
        "The adaptation service's year ends on {due}.",
    )),
    "reassessment_overdue": (_W, (
        "Pärast aastat koostööd ({due}) tuleb noore olukorda hinnata; ühtegi ülevaadet pole "
        "sellest päevast alates.",
        "После года сотрудничества ({due}) нужно оценить ситуацию молодого человека; "
        "отчётов с этой даты нет.",
        "After one year of cooperation ({due}) the young person's situation is to be "
        "assessed; there is no progress report since that day.",
    )),
    "reassessment_due_soon": (_I, (
        "Aasta koostööd täitub {due}: hinda noore olukorda ja otsusta teenuse jätkamine.",
        "Год сотрудничества исполняется {due}: оцените ситуацию молодого человека и решите, "
        "продолжать ли услугу.",
        "One year of cooperation is reached on {due}: assess the young person's situation "
        "and decide whether the service continues.",
    )),
    "closure_late": (_W, (
        "Klienditöö kokkuvõte on dateeritud {date}, kuid pidi valmima nädala jooksul "
        "pärast teenuse lõppu ({due}).",
        "Итоговый отчёт по работе с клиентом датирован {date}, а должен был быть готов в "
        "течение недели после окончания услуги ({due}).",
        "The closure summary is dated {date}; it was due within a week of the service end "
        "({due}).",
    )),
    "closure_overdue": (_E, (
        "Teenus lõppes {end}; klienditöö kokkuvõte pidi olema esitatud {due}.",
        "Услуга закончилась {end}; итоговый отчёт нужно было представить {due}.",
        "The service ended on {end}; the closure summary was due on {due}.",
    )),
    "closure_due_soon": (_I, (
        "Teenus lõppes {end}; esita klienditöö kokkuvõte hiljemalt {due}.",
        "Услуга закончилась {end}; представьте итоговый отчёт не позднее {due}.",
        "The service ended on {end}; write the closure summary by {due}.",
    )),
    "professional_start_too_early": (_E, (
        "Professionaalne tugiisik alustab {start}, rohkem kui 6 kuud enne asendushoolduselt "
        "lahkumist ({leaving}); varaseim algus on {earliest}.",
        "Профессиональное опорное лицо начинает {start}, более чем за 6 месяцев до выхода "
        "из замещающей опеки ({leaving}); самое раннее начало — {earliest}.",
        "The professional support person starts on {start}, more than 6 months before "
        "leaving care ({leaving}); the earliest start is {earliest}.",
    )),
    "trusted_start_before_leaving": (_E, (
        "Usaldus-tugiisik alustab {start}, enne asendushoolduselt lahkumist ({leaving}).",
        "Доверенное опорное лицо начинает {start}, до выхода из замещающей опеки ({leaving}).",
        "The trusted support person starts on {start}, before the young person leaves care "
        "({leaving}).",
    )),
}  # fmt: skip
"""Finding code → its severity and its message templates (et, ru, en)."""

_LANG_INDEX = {"et": 0, "ru": 1, "en": 2}


def format_day(day: dt.date) -> str:
    """A date as caseworkers write it in all three languages: ``22.11.2026``."""
    return day.strftime("%d.%m.%Y")


@dataclass(frozen=True)
class Finding:
    """One finding about a case.

    ``forms`` names the forms it concerns (file names, or form ids in the API). ``due`` is the
    deadline a deadline finding is about. ``params`` fill the message; form-kind params
    (``reference``, ``other``) hold a form id and are shown as the form's name.
    """

    code: str
    forms: tuple[str, ...]
    params: Mapping[str, Any] = field(default_factory=dict)
    due: dt.date | None = None

    @property
    def severity(self) -> Severity:
        """The severity of the code."""
        return FINDING_TEMPLATES[self.code][0]

    def message(self, lang: str) -> str:
        """The message in ``lang`` (et, ru or en; Estonian for another)."""
        template = FINDING_TEMPLATES[self.code][1][_LANG_INDEX.get(lang, 0)]
        return template.format(**_shown_params(self.params, lang))

    def as_dict(self, lang: str) -> dict[str, Any]:
        """The JSON shape: severity, code, forms, due date, message."""
        return {
            "severity": self.severity.value,
            "code": self.code,
            "forms": list(self.forms),
            "due": self.due.isoformat() if self.due else None,
            "message": self.message(lang),
        }


def _shown_params(params: Mapping[str, Any], lang: str) -> dict[str, Any]:
    index = _LANG_INDEX.get(lang, 0)
    shown: dict[str, Any] = {}
    for name, value in params.items():
        if isinstance(value, dt.date):
            shown[name] = format_day(value)
        elif isinstance(value, tuple) and len(value) == 3:
            shown[name] = value[index]  # a text already given in et, ru and en
        elif name in ("reference", "other") and value in FORM_KIND_TITLES:
            shown[name] = FORM_KIND_TITLES[value][index]
        else:
            shown[name] = value
    return shown
