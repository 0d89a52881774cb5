"""A refused choice names the choices that would be accepted (issue 26, stumble 3).

The Narva worker chose a provider that does not offer the family support service and read only
"choose another provider". Now the message names the providers of the service, in the service's
language when the form names one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from asendusdoc.cli import main
from asendusdoc.reference import Language, ProviderService, providers_of
from tests.forms.helpers import example

FAMILY_SUPPORT = ["MTÜ Oma Pere ja SOS Lasteküla Eesti Ühing", "MTÜ Teadlik Lapsevanem",
                  "Tallinna Lastekodu", "MTÜ Igale Lapsele Pere"]  # fmt: skip
IN_ENGLISH = ["Tallinna Lastekodu", "MTÜ Igale Lapsele Pere"]


def validate(tmp_path: Path, data: dict[str, object], lang: str) -> tuple[int, str]:
    path = tmp_path / "vorm.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    code = main(["validate", str(path), "--lang", lang])
    return code, path.name


def test_the_providers_of_a_service_in_a_language() -> None:
    assert providers_of(ProviderService.FAMILY_SUPPORT) == FAMILY_SUPPORT
    assert providers_of(ProviderService.FAMILY_SUPPORT, Language.ENGLISH) == IN_ENGLISH


@pytest.mark.parametrize(("lang", "quote"), [("et", "„{}“"), ("ru", "«{}»"), ("en", "„{}“")])
def test_a_provider_without_the_service_names_the_providers_that_offer_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, quote: str
) -> None:
    data = example("family-support-referral")
    data["preferred_provider"] = "MTÜ Suunatuli"  # a support-person provider
    code, _ = validate(tmp_path, data, lang)
    out = capsys.readouterr().out
    assert code == 1
    assert all(quote.format(name) in out for name in FAMILY_SUPPORT), out
    assert "Suunatuli" not in out.split(":", 2)[-1]


def test_a_provider_without_the_language_names_those_with_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = example("family-support-referral")
    data |= {"preferred_provider": "MTÜ Teadlik Lapsevanem", "service_language": "en"}
    code, _ = validate(tmp_path, data, "et")
    out = capsys.readouterr().out
    assert code == 1
    assert "„Tallinna Lastekodu“, „MTÜ Igale Lapsele Pere“" in out
    assert "Oma Pere" not in out


def test_an_agreement_s_provider_of_another_service_names_the_service_s_providers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = example("cooperation-agreement")
    data["provider"]["name"] = "MTÜ Ennetustegevuse Keskus"  # the family conference's provider
    code, _ = validate(tmp_path, data, "ru")
    out = capsys.readouterr().out
    assert code == 1
    expected = providers_of(ProviderService(data["service"]))
    assert expected and all(f"«{name}»" in out for name in expected), out
