"""Seed 003: the Viimsi family support-person service is the municipality's own, not SKA's.

Its support person's employer is named freely in the progress report, the client diary and the
closure; SKA's services (family support, support person) still accept only the providers of
the reference list.
"""

from __future__ import annotations

import pytest

from .helpers import codes, example

EMPLOYER = "Viimsi Vallavalitsuse sotsiaal- ja tervishoiuosakond"


@pytest.mark.parametrize("form_id", ["progress-report", "client-diary", "closure"])
def test_the_municipal_service_names_its_employer_freely(form_id: str) -> None:
    data = example(form_id)
    data["service"] = "family-support-person"
    if form_id == "closure":
        data.setdefault("reason", "tasks-done")
    data["provider"] = EMPLOYER
    assert codes(data) == []


@pytest.mark.parametrize(
    ("form_id", "service"),
    [("progress-report", "support-person"), ("client-diary", "support-person"),
     ("closure", "family-support"), ("progress-report", "family-support")],
)  # fmt: skip
def test_skas_services_keep_the_reference_providers(form_id: str, service: str) -> None:
    data = example(form_id)
    data["service"] = service
    data["provider"] = EMPLOYER
    assert codes(data) == ["provider_unknown"]
    data["provider"] = "MTÜ Suunatuli" if service == "support-person" else "MTÜ Teadlik Lapsevanem"
    assert codes(data) == []


def test_a_provider_of_another_service_is_still_refused() -> None:
    data = example("progress-report")
    data["service"] = "support-person"
    data["provider"] = "MTÜ Teadlik Lapsevanem"  # a family support provider
    assert codes(data) == ["provider_wrong_service"]
