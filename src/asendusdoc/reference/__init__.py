"""Reference data: counties, the support-person regions, the 79 municipalities, the providers.

Official names of municipalities and providers are proper names: they stay as written in every
output language.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import AfterValidator, WithJsonSchema

from asendusdoc.i18n.field_errors import field_error
from asendusdoc.titles import TitledEnum, Titles

__all__ = [
    "MUNICIPALITIES",
    "PROVIDERS",
    "County",
    "Language",
    "MunicipalityName",
    "Provider",
    "ProviderName",
    "ProviderService",
    "Region",
    "closest_names",
    "county_of",
    "provider",
    "providers_of",
    "quoted",
    "region_of",
]


class Region(TitledEnum):
    """SKA lastekaitse piirkond: the region whose provider serves the young person (seed 001)."""

    NORTH = "pohja", Titles("Põhja piirkond", "Северный регион", "North region")
    SOUTH = "louna", Titles("Lõuna piirkond", "Южный регион", "South region")
    WEST = "laane", Titles("Lääne piirkond", "Западный регион", "West region")
    EAST = "ida", Titles("Ida piirkond", "Восточный регион", "East region")

    @property
    def genitive(self) -> Titles:
        """The region as a sentence names its provider: "Lõuna piirkonna", "Южного региона"."""
        return _REGION_GENITIVE[self.value]


_REGION_GENITIVE = {
    "pohja": Titles("Põhja piirkonna", "Северного региона", "the North region"),
    "louna": Titles("Lõuna piirkonna", "Южного региона", "the South region"),
    "laane": Titles("Lääne piirkonna", "Западного региона", "the West region"),
    "ida": Titles("Ida piirkonna", "Восточного региона", "the East region"),
}


class County(TitledEnum):
    """Maakond."""

    HARJU = "harju", Titles("Harju maakond", "уезд Харьюмаа", "Harju County")
    HIIU = "hiiu", Titles("Hiiu maakond", "уезд Хийумаа", "Hiiu County")
    IDA_VIRU = "ida-viru", Titles("Ida-Viru maakond", "уезд Ида-Вирумаа", "Ida-Viru County")
    JOGEVA = "jogeva", Titles("Jõgeva maakond", "уезд Йыгевамаа", "Jõgeva County")
    JARVA = "jarva", Titles("Järva maakond", "уезд Ярвамаа", "Järva County")
    LAANE = "laane", Titles("Lääne maakond", "уезд Ляэнемаа", "Lääne County")
    LAANE_VIRU = (
        "laane-viru",
        Titles("Lääne-Viru maakond", "уезд Ляэне-Вирумаа", "Lääne-Viru County"),
    )
    POLVA = "polva", Titles("Põlva maakond", "уезд Пыльвамаа", "Põlva County")
    PARNU = "parnu", Titles("Pärnu maakond", "уезд Пярнумаа", "Pärnu County")
    RAPLA = "rapla", Titles("Rapla maakond", "уезд Рапламаа", "Rapla County")
    SAARE = "saare", Titles("Saare maakond", "уезд Сааремаа", "Saare County")
    TARTU = "tartu", Titles("Tartu maakond", "уезд Тартумаа", "Tartu County")
    VALGA = "valga", Titles("Valga maakond", "уезд Валгамаа", "Valga County")
    VILJANDI = "viljandi", Titles("Viljandi maakond", "уезд Вильяндимаа", "Viljandi County")
    VORU = "voru", Titles("Võru maakond", "уезд Вырумаа", "Võru County")


REGION_OF_COUNTY: dict[County, Region] = {
    County.HARJU: Region.NORTH,
    County.RAPLA: Region.NORTH,
    County.JARVA: Region.NORTH,
    County.TARTU: Region.SOUTH,
    County.JOGEVA: Region.SOUTH,
    County.VILJANDI: Region.SOUTH,
    County.POLVA: Region.SOUTH,
    County.VORU: Region.SOUTH,
    County.VALGA: Region.SOUTH,
    County.PARNU: Region.WEST,
    County.SAARE: Region.WEST,
    County.LAANE: Region.WEST,
    County.HIIU: Region.WEST,
    County.IDA_VIRU: Region.EAST,
    County.LAANE_VIRU: Region.EAST,
}

_BY_COUNTY: dict[County, tuple[str, ...]] = {
    County.HARJU: (
        "Anija vald", "Harku vald", "Jõelähtme vald", "Keila linn", "Kiili vald", "Kose vald",
        "Kuusalu vald", "Loksa linn", "Lääne-Harju vald", "Maardu linn", "Raasiku vald",
        "Rae vald", "Saku vald", "Saue vald", "Tallinn", "Viimsi vald",
    ),
    County.HIIU: ("Hiiumaa vald",),
    County.IDA_VIRU: (
        "Alutaguse vald", "Jõhvi vald", "Kohtla-Järve linn", "Lüganuse vald", "Narva linn",
        "Narva-Jõesuu linn", "Sillamäe linn", "Toila vald",
    ),
    County.JOGEVA: ("Jõgeva vald", "Mustvee vald", "Põltsamaa vald"),
    County.JARVA: ("Järva vald", "Paide linn", "Türi vald"),
    County.LAANE: ("Haapsalu linn", "Lääne-Nigula vald", "Vormsi vald"),
    County.LAANE_VIRU: (
        "Haljala vald", "Kadrina vald", "Rakvere linn", "Rakvere vald", "Tapa vald",
        "Vinni vald", "Viru-Nigula vald", "Väike-Maarja vald",
    ),
    County.POLVA: ("Kanepi vald", "Põlva vald", "Räpina vald"),
    County.PARNU: (
        "Häädemeeste vald", "Kihnu vald", "Lääneranna vald", "Pärnu linn",
        "Põhja-Pärnumaa vald", "Saarde vald", "Tori vald",
    ),
    County.RAPLA: ("Kehtna vald", "Kohila vald", "Märjamaa vald", "Rapla vald"),
    County.SAARE: ("Muhu vald", "Ruhnu vald", "Saaremaa vald"),
    County.TARTU: (
        "Elva vald", "Kambja vald", "Kastre vald", "Luunja vald", "Nõo vald",
        "Peipsiääre vald", "Tartu linn", "Tartu vald",
    ),
    County.VALGA: ("Otepää vald", "Tõrva vald", "Valga vald"),
    County.VILJANDI: ("Mulgi vald", "Põhja-Sakala vald", "Viljandi linn", "Viljandi vald"),
    County.VORU: ("Antsla vald", "Rõuge vald", "Setomaa vald", "Võru linn", "Võru vald"),
}  # fmt: skip

MUNICIPALITIES: dict[str, County] = {
    name: county for county, names in _BY_COUNTY.items() for name in names
}
"""The 79 municipalities (kohalikud omavalitsused), official name → county."""


def county_of(municipality: str) -> County:
    """The county of a municipality by its official name."""
    return MUNICIPALITIES[municipality]


def region_of(municipality: str) -> Region:
    """The support-person region (seed 001) of a municipality."""
    return REGION_OF_COUNTY[MUNICIPALITIES[municipality]]


def closest_names(typed: str, names: Iterable[str], limit: int = 3) -> tuple[str, ...]:
    """Up to ``limit`` of ``names`` close to what was typed, best first; empty if none is.

    A name sharing the first word ("Tartu" → Tartu linn, Tartu vald), or containing or
    contained in what was typed ("SOS Lasteküla"), comes first; else the closest spellings
    (difflib). Only names from ``names`` ever come back, never the typed text.
    """
    folded = " ".join(typed.casefold().split())
    if not folded:
        return ()
    by_folded = {name.casefold(): name for name in names}
    first = folded.split()[0]
    picks = [
        name
        for key, name in by_folded.items()
        if (len(first) >= 4 and key.split()[0] == first)
        or (len(folded) >= 4 and (folded in key or key in folded))
    ]
    if not picks:
        close = difflib.get_close_matches(folded, by_folded, n=limit, cutoff=0.6)
        picks = [by_folded[key] for key in close]
    return tuple(picks[:limit])


def quoted(names: Iterable[str]) -> str:
    """Names as ``„Tartu linn“, „Tartu vald“`` for a message; a Russian message shows them
    as «Tartu linn» (:mod:`asendusdoc.problems.messages`, param ``suggestions``)."""
    from asendusdoc.i18n.quotes import quote

    return ", ".join(quote(name) for name in names)


def _known_municipality(name: str) -> str:
    if name not in MUNICIPALITIES:
        suggestions = closest_names(name, MUNICIPALITIES)
        if suggestions:
            suggested = quoted(suggestions)
            raise field_error("municipality_unknown", "suggestions", suggestions=suggested)
        raise field_error("municipality_unknown")
    return name


MunicipalityName = Annotated[
    str,
    AfterValidator(_known_municipality),
    WithJsonSchema({"type": "string", "enum": sorted(MUNICIPALITIES)}),
]
"""The official name of one of the 79 municipalities."""


class Language(TitledEnum):
    """A language of communication or service (suhtluskeel)."""

    ESTONIAN = "et", Titles("eesti keel", "эстонский язык", "Estonian")
    RUSSIAN = "ru", Titles("vene keel", "русский язык", "Russian")
    ENGLISH = "en", Titles("inglise keel", "английский язык", "English")


class ProviderService(TitledEnum):
    """The service a provider offers."""

    FAMILY_SUPPORT = (
        "family-support",
        Titles("peretoe teenus", "услуга поддержки семьи", "family support service"),
    )
    SUPPORT_PERSON = (
        "support-person",
        Titles("tugiisikuteenus", "услуга опорного лица", "support-person service"),
    )
    FAMILY_CONFERENCE = (
        "family-conference",
        Titles("Pere Lahendusring", "Семейный круг решений", "family group conference"),
    )


@dataclass(frozen=True)
class Provider:
    """Teenuseosutaja: a provider of a service, with its languages (and region, seed 001)."""

    name: str
    service: ProviderService
    languages: tuple[Language, ...]
    """The languages the seed names for it; empty where the seed names none."""
    region: Region | None = None


_ET, _RU, _EN = Language.ESTONIAN, Language.RUSSIAN, Language.ENGLISH

PROVIDERS: dict[str, Provider] = {
    p.name: p
    for p in (
        Provider("MTÜ Oma Pere ja SOS Lasteküla Eesti Ühing", ProviderService.FAMILY_SUPPORT,
                 (_ET, _RU)),
        Provider("MTÜ Teadlik Lapsevanem", ProviderService.FAMILY_SUPPORT, (_ET, _RU)),
        Provider("Tallinna Lastekodu", ProviderService.FAMILY_SUPPORT, (_ET, _EN, _RU)),
        Provider("MTÜ Igale Lapsele Pere", ProviderService.FAMILY_SUPPORT, (_ET, _EN, _RU)),
        Provider("MTÜ Suunatuli", ProviderService.SUPPORT_PERSON, (), Region.NORTH),
        Provider("SA Elva Laste- ja Perekeskus", ProviderService.SUPPORT_PERSON, (),
                 Region.SOUTH),
        Provider("OÜ Febrec", ProviderService.SUPPORT_PERSON, (), Region.WEST),
        Provider("MTÜ Virumaa Tugiteenused", ProviderService.SUPPORT_PERSON, (), Region.EAST),
        Provider("MTÜ Ennetustegevuse Keskus", ProviderService.FAMILY_CONFERENCE, ()),
    )
}  # fmt: skip
"""Known providers by official name (seeds 000, 001, 004)."""


def providers_of(
    service: ProviderService, language: Language | None = None, region: Region | None = None
) -> list[str]:
    """The names of the providers of ``service`` (working in ``language``, of ``region``): the
    choices a refusal offers, filtered by what the form already says."""
    return [
        p.name
        for p in PROVIDERS.values()
        if p.service is service
        and (language is None or not p.languages or language in p.languages)
        and (region is None or p.region in (None, region))
    ]


def provider(name: str) -> Provider:
    """The provider of that official name."""
    return PROVIDERS[name]


def _known_provider(name: Any) -> Any:
    if name not in PROVIDERS:
        known = ", ".join(PROVIDERS)
        suggestions = closest_names(name, PROVIDERS) if isinstance(name, str) else ()
        if suggestions:
            raise field_error(
                "provider_unknown", "suggestions", suggestions=quoted(suggestions), known=known
            )
        raise field_error("provider_unknown", known=known)
    return name


ProviderName = Annotated[
    str,
    AfterValidator(_known_provider),
    WithJsonSchema({"type": "string", "enum": list(PROVIDERS)}),
]
"""The official name of a known provider."""
