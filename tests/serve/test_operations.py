"""Every operation of the real service, called over HTTP as another system would.

Each example form is validated and rendered in Estonian and Russian, as PDF and DOCX; the
document is the same bytes ``asendusdoc.produce`` gives; a CDOC envelope opens to them; a
filled blank's problems name its places; extract, case checks and suggestions answer as the
CLI's ``--json`` does.
"""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from pypdf import PdfReader

from asendusdoc.blank import make_blank
from asendusdoc.examples import example_data
from asendusdoc.forms import FORM_MODELS
from asendusdoc.product import MEDIA_TYPES, produce
from tests.serve.server import AUTH, EXAMPLES, Server

ODT = "application/vnd.oasis.opendocument.text"

FORM_IDS = list(FORM_MODELS)


def example_bytes(form_id: str) -> bytes:
    return (EXAMPLES / f"{form_id}.json").read_bytes()


def test_health_ready_and_the_form_list(server: Server) -> None:
    with server.client() as client:
        assert client.get("/health").json() == {"status": "ok"}
        assert client.get("/ready").json()["status"] == "ready"
        listed = client.get("/v1/forms", headers=AUTH)
    assert [entry["id"] for entry in listed.json()] == FORM_IDS
    assert listed.json()[0]["title_et"] == FORM_MODELS[FORM_IDS[0]].titles.et
    assert listed.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_schema_and_example_of_each_form(server: Server, form_id: str) -> None:
    with server.client(headers=AUTH) as client:
        schema = client.get(f"/v1/forms/{form_id}/schema")
        example = client.get(f"/v1/forms/{form_id}/example")
    assert schema.headers["content-type"] == "application/schema+json"
    assert schema.json()["properties"]["form"]["const"] == form_id
    assert example.json() == example_data(form_id)


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_each_example_is_valid(server: Server, form_id: str) -> None:
    with server.client(headers=AUTH) as client:
        answer = client.post(
            "/v1/validate",
            content=example_bytes(form_id),
            headers={"Content-Type": "application/json"},
        )
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"form": form_id, "valid": True, "problems": []}


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("lang", ["et", "ru"])
@pytest.mark.parametrize("form_id", FORM_IDS)
def test_each_example_renders_to_the_bytes_produce_gives(
    server: Server, form_id: str, lang: str, fmt: str
) -> None:
    with server.client(headers=AUTH) as client:
        answer = client.post(
            f"/v1/documents?lang={lang}&format={fmt}",
            content=example_bytes(form_id),
            headers={"Content-Type": "application/json"},
        )
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == MEDIA_TYPES[fmt]
    assert f'filename="{form_id}.{fmt}"' in answer.headers["content-disposition"]
    assert answer.content == produce(example_data(form_id), lang, fmt).data


def test_an_invalid_form_is_422_with_every_problem_in_the_callers_language(
    server: Server,
) -> None:
    invalid = (EXAMPLES / "invalid" / "closure--reason_missing.json").read_bytes()
    with server.client(headers=AUTH) as client:
        answers = {
            lang: client.post(
                "/v1/documents?lang=et",
                content=invalid,
                headers={
                    "Content-Type": "application/json",
                    "Accept-Language": f"{lang};q=0.9, de",
                },
            )
            for lang in ("et", "ru", "en")
        }
        checked = client.post(
            "/v1/validate", content=invalid, headers={"Content-Type": "application/json"}
        )
    for answer in answers.values():
        assert answer.status_code == 422
        assert answer.headers["content-type"] == "application/problem+json"
        problem = answer.json()
        assert problem["type"] == "urn:asendusdoc:problem:form_invalid"
        assert problem["code"] == "form_invalid" and problem["status"] == 422
        (entry,) = problem["problems"]
        assert entry["path"] == "reason"
    messages = {lang: answer.json()["problems"][0]["message"] for lang, answer in answers.items()}
    assert len(set(messages.values())) == 3  # three languages
    assert checked.json()["valid"] is False
    assert checked.json()["problems"] == answers["et"].json()["problems"]


def test_a_bundle_is_one_pdf_with_a_bookmark_per_form(server: Server) -> None:
    bundle = [example_data("support-plan"), example_data("progress-report")]
    with server.client(headers=AUTH) as client:
        answer = client.post("/v1/documents?lang=et", json=bundle)
    assert answer.status_code == 200, answer.text
    assert len(PdfReader(io.BytesIO(answer.content)).outline) == 2
    with server.client(headers=AUTH) as client:
        refused = client.post("/v1/documents?lang=et&format=docx", json=bundle)
    assert refused.status_code == 400 and refused.json()["code"] == "bundle_needs_pdf"


def test_a_blank_saved_as_odt_validates_as_its_docx(
    server: Server, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A filled blank LibreOffice saved as .odt (issue 26, stumble 15), sent as the raw body
    with its media type: the same answer as for the .docx."""
    from tests.api.test_filled_blank_problems import filled_plan
    from tests.blank.test_libreoffice_blank import through_libreoffice

    docx = filled_plan("et")
    odt = through_libreoffice({"plaan.docx": docx}, tmp_path_factory.mktemp("odt"), to="odt")
    sent = [(docx, MEDIA_TYPES["docx"]), (odt["plaan.docx"], ODT)]
    answers = []
    with server.client(headers=AUTH) as client:
        for data, media_type in sent:
            answer = client.post("/v1/validate", content=data, headers={"Content-Type": media_type})
            assert answer.status_code == 200, answer.text
            answers.append(answer.json())
    assert answers[1] == answers[0]
    assert [problem["path"] for problem in answers[1]["problems"]] == ["goals[1].description"]


@pytest.mark.parametrize("lang", ["et", "ru"])
def test_a_filled_blank_validates_with_its_places_named(server: Server, lang: str) -> None:
    from tests.api.test_filled_blank_problems import filled_plan
    from tests.blank.test_problem_places import PLAN

    with server.client(headers=AUTH) as client:
        answer = client.post(
            "/v1/validate",
            content=filled_plan(lang),
            headers={"Content-Type": MEDIA_TYPES["docx"], "Accept-Language": lang},
        )
    assert answer.status_code == 200, answer.text
    (problem,) = answer.json()["problems"]
    assert f"{problem['field']}: {problem['message']}" == PLAN[lang]
    assert problem["path"] == "goals[1].description"


@pytest.mark.parametrize("lang", ["et", "ru"])
def test_the_blank_of_each_form_is_a_fillable_word_file(server: Server, lang: str) -> None:
    with server.client(headers=AUTH) as client:
        for form_id in FORM_IDS:
            answer = client.get(f"/v1/forms/{form_id}/blank", params={"lang": lang})
            assert answer.status_code == 200, answer.text
            assert answer.content == make_blank(form_id, lang)
            zipfile.ZipFile(io.BytesIO(answer.content)).testzip()


def test_extract_gives_the_form_a_pdf_carries(server: Server) -> None:
    pdf = produce(example_data("closure"), "ru", "pdf").data
    bundle = produce([example_data("support-plan"), example_data("closure")], "et", "pdf").data
    with server.client(headers=AUTH) as client:
        one = client.post("/v1/extract", content=pdf, headers={"Content-Type": "application/pdf"})
        several = client.post(
            "/v1/extract", files={"file": ("kimp.pdf", bundle, "application/pdf")}
        )
    assert one.json() == {"forms": [{"name": "closure.json", "form": example_data("closure")}]}
    assert [form["name"] for form in several.json()["forms"]] == [
        "01-support-plan.json",
        "02-closure.json",
    ]


def test_case_check_lists_the_findings_as_check_json_does(server: Server) -> None:
    folder = EXAMPLES / "cases"
    case = sorted(p for p in folder.iterdir() if p.is_dir())[0]
    files = [
        ("file", (p.name, p.read_bytes(), "application/json")) for p in sorted(case.glob("*.json"))
    ]
    with server.client(headers=AUTH) as client:
        answer = client.post("/v1/cases/check", params={"today": "2026-11-22"}, files=files)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["today"] == "2026-11-22"
    assert body["case_reference"]
    assert all({"code", "severity", "message"} <= set(f) for f in body["findings"])


def test_suggest_answers_with_the_services_for_the_stated_needs(server: Server) -> None:
    with server.client(headers=AUTH) as client:
        answer = client.post(
            "/v1/suggest",
            json=example_data("family-needs-feedback"),
            headers={"Accept-Language": "ru"},
        )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["form"] == "family-needs-feedback" and body["lang"] == "ru"
    assert body["needs"] and body["needs"][0]["services"]


def test_a_cdoc_to_a_test_certificate_opens_to_the_bytes_of_produce(
    server: Server, tmp_path: object
) -> None:
    from pathlib import Path

    from cryptography.hazmat.primitives.asymmetric import ec

    from tests.crypto.cdoc_reader import decrypt_cdoc1
    from tests.crypto.conftest import make_certificate

    recipient = make_certificate(
        Path(str(tmp_path)), "mari", ec.generate_private_key(ec.SECP384R1())
    )
    files = [
        ("form", ("suunamine.json", example_bytes("family-support-referral"), "application/json")),
        ("cdoc_recipient", ("mari.pem", recipient.pem.read_bytes(), "application/x-pem-file")),
    ]
    with server.client(headers=AUTH) as client:
        answer = client.post("/v1/documents?lang=et&format=pdf", files=files)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/x-cdoc"
    assert 'filename="family-support-referral.pdf.cdoc"' in answer.headers["content-disposition"]
    opened = decrypt_cdoc1(answer.content, recipient.private_key, recipient.certificate)
    assert opened.data == produce(example_data("family-support-referral"), "et", "pdf").data
    assert opened.file_name == "family-support-referral.pdf"


def test_a_signed_container_is_read_for_the_document_it_holds(server: Server) -> None:
    from tests.api.test_filled_blank_problems import filled_plan
    from tests.crypto.test_asice_verify import _container

    pdf = produce(example_data("closure"), "et", "pdf").data
    container = _container({"closure.pdf": pdf}, ["closure.pdf"])
    blank = _container({"plaan.docx": filled_plan("et")}, ["plaan.docx"])
    asice = {"Content-Type": "application/vnd.etsi.asic-e+zip"}
    with server.client(headers=AUTH) as client:
        checked = client.post("/v1/validate", content=container, headers=asice)
        extracted = client.post("/v1/extract", content=container, headers=asice)
        placed = client.post("/v1/validate", content=blank, headers=asice)
    assert checked.json() == {"form": "closure", "valid": True, "problems": []}
    assert extracted.json()["forms"][0]["form"] == example_data("closure")
    (problem,) = placed.json()["problems"]
    assert problem["field"].startswith("3. Eesmärgid ja tegevused, rida 2")


def test_the_guides_javascript_client_renders_a_pdf_and_reports_problems(server: Server) -> None:
    import base64
    import os
    import re
    import shutil
    import subprocess

    from tests.serve.server import ALL_KEY, ROOT

    node = shutil.which("node")
    if node is None and os.environ.get("CI") != "true":
        pytest.skip("node is not installed")
    guide = (ROOT / "docs" / "integrator-guide.md").read_text("utf-8")
    section = guide.partition("### A minimal client in JavaScript")[2]
    client = re.search(r"```js\n(.*?)```", section, re.S)
    assert client is not None
    script = client.group(1).replace("http://127.0.0.1:8080", server.url) + (
        "const form = JSON.parse(process.argv.at(-1));\n"
        "renderPdf(form, 'ru').then((pdf) => process.stdout.write(Buffer.from(pdf)"
        ".toString('base64')), (error) => { console.error(error.message); process.exit(3); });\n"
    )
    env = {**os.environ, "ASENDUSDOC_KEY": ALL_KEY}
    good = subprocess.run(
        [str(node), "-e", script, json.dumps(example_data("closure"))],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert good.returncode == 0, good.stderr
    assert base64.b64decode(good.stdout) == produce(example_data("closure"), "ru", "pdf").data
    invalid = example_data("closure")
    del invalid["reason"]
    bad = subprocess.run(
        [str(node), "-e", script, json.dumps(invalid)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert bad.returncode == 3
    assert "422 form_invalid" in bad.stderr


def test_an_unknown_form_address_or_method_is_a_problem_too(server: Server) -> None:
    with server.client(headers=AUTH) as client:
        unknown_form = client.get("/v1/forms/no-such-form/schema")
        unknown_address = client.get("/v2/forms")
        wrong_method = client.get("/v1/validate")
        bad_parameter = client.post("/v1/documents?lang=de", json=example_data("closure"))
    assert (unknown_form.status_code, unknown_form.json()["code"]) == (404, "form_unknown")
    assert (unknown_address.status_code, unknown_address.json()["code"]) == (404, "not_found")
    assert (wrong_method.status_code, wrong_method.json()["code"]) == (405, "method_not_allowed")
    assert (bad_parameter.status_code, bad_parameter.json()["code"]) == (400, "parameter_invalid")
    assert "et, ru" in bad_parameter.json()["detail"]
