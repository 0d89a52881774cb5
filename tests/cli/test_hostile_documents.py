"""A PDF or Word file is untrusted input: each hostile one is refused clearly, with exit 2.

Zip bombs (honest and lying sizes), too many parts, XXE, DTDs, macros (``.docm``,
``vbaProject.bin``), broken files, forged embedded data, too many rows; the message is in the
user's language, nothing of the file's content leaks, and in a batch the other files go on.
"""

from __future__ import annotations

import io
import json
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from asendusdoc.examples import example_data
from asendusdoc.read.budget import MAX_MEMBER_BYTES, MAX_MEMBERS
from asendusdoc.render import render_docx, render_pdf
from asendusdoc.render.embedding import form_json
from asendusdoc.render.embedding.pdf import embed_in_pdf
from tests.cli.test_render_cli import example, run

SECRET = "SALADUS-7f3a9c-ei-tohi-lekkida"


@pytest.fixture(scope="module")
def docx() -> bytes:
    return render_docx(example_data("closure"), "et")


@pytest.fixture(scope="module")
def plain_pdf() -> bytes:
    return render_pdf(example_data("closure"), "et", embedded_data=False)


def _rezip(data: bytes, change: Callable[[dict[str, bytes]], None]) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    change(entries)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in entries.items():
            target.writestr(name, content)
    return out.getvalue()


def _with_member(name: str, content: bytes) -> Callable[[dict[str, bytes]], None]:
    def change(entries: dict[str, bytes]) -> None:
        entries[name] = content

    return change


def _xxe_item(target: Path) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<!DOCTYPE fd:formData [<!ENTITY secret SYSTEM "file://{target}">]>\n'
        '<fd:formData xmlns:fd="urn:asendusdoc:form-data:1">&secret;</fd:formData>'
    ).encode()


def _lying_sizes(data: bytes, member: str, declared: int) -> bytes:
    """The zip ``data`` with ``member``'s uncompressed size set to ``declared`` in both headers."""
    raw = bytearray(data)
    name = member.encode()
    at = 0
    while (at := raw.find(name, at + 1)) != -1:
        if raw[at - 30 : at - 26] == b"PK\x03\x04":  # local header: size at offset 22
            struct.pack_into("<I", raw, at - 30 + 22, declared)
        elif raw[at - 46 : at - 42] == b"PK\x01\x02":  # central directory: size at offset 24
            struct.pack_into("<I", raw, at - 46 + 24, declared)
    return bytes(raw)


def _bomb(docx: bytes, member: str) -> bytes:
    """``docx`` whose ``member`` unpacks to more than a part may (a few dozen KiB packed)."""
    return _rezip(docx, _with_member(member, b"\0" * (MAX_MEMBER_BYTES + 1024)))


def _hostile_files(folder: Path, docx: bytes, plain_pdf: bytes) -> dict[str, tuple[Path, str]]:
    """name → (file, the code of its refusal)."""
    secret_file = folder / "secret.txt"
    secret_file.write_text(SECRET)
    item = "customXml/item2.xml"
    many_parts = _rezip(
        docx,
        lambda entries: entries.update({f"x/{n}.bin": b"" for n in range(MAX_MEMBERS + 1)}),
    )
    diary = example_data("client-diary")
    diary["entries"] = [diary["entries"][0]] * 6000
    files = {
        "zip-bomb.docx": (_bomb(docx, "word/document.xml"), "docx_too_large"),
        "lying-bomb.docx": (_lying_sizes(_bomb(docx, item), item, 100), "docx_broken"),
        "many-parts.docx": (many_parts, "docx_too_many_parts"),
        "xxe.docx": (_rezip(docx, _with_member(item, _xxe_item(secret_file))), "docx_xml_doctype"),
        "xxe-content-types.docx": (
            _rezip(
                docx,
                _with_member(
                    "[Content_Types].xml",
                    b'<?xml version="1.0"?><!DOCTYPE Types [<!ENTITY s SYSTEM "file://'
                    + str(secret_file).encode()
                    + b'">]><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                    b'content-types">&s;</Types>',
                ),
            ),
            "docx_xml_doctype",
        ),
        "macros.docx": (
            _rezip(docx, _with_member("word/vbaProject.bin", b"Attribute VB_Name")),
            "docx_macros",
        ),
        "macro-type.docx": (
            _rezip(
                docx,
                lambda entries: entries.update(
                    {
                        "[Content_Types].xml": entries["[Content_Types].xml"].replace(
                            b"application/vnd.openxmlformats-officedocument"
                            b".wordprocessingml.document.main+xml",
                            b"application/vnd.ms-word.document.macroEnabled.main+xml",
                        )
                    }
                ),
            ),
            "docx_macros",
        ),
        "named.docm": (docx, "docx_macros"),
        "truncated.docx": (docx[: len(docx) // 2], "docx_broken"),
        "garbage.docx": (b"PK\x03\x04" + bytes(range(256)) * 8, "docx_broken"),
        "encrypted-word.docx": (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512,
            "docx_encrypted",
        ),
        "truncated.pdf": (render_pdf(example_data("closure"), "et")[:4000], "pdf_broken"),
        "forged-not-json.pdf": (
            embed_in_pdf(plain_pdf, [("closure.json", b"{ not json")]),
            "embedded_data_invalid",
        ),
        "forged-not-a-form.pdf": (
            embed_in_pdf(
                plain_pdf,
                [("closure.json", form_json({"asendusdoc": "9", "schema": "s", "form": {"a": 1}}))],
            ),
            "form_missing",
        ),
        "forged-no-envelope.pdf": (
            embed_in_pdf(plain_pdf, [("closure.json", form_json(example_data("closure")))]),
            "embedded_data_invalid",
        ),
        "too-many-rows.pdf": (
            embed_in_pdf(
                plain_pdf,
                [
                    (
                        "client-diary.json",
                        form_json(
                            {
                                "asendusdoc": "0.1.0",
                                "schema": "s/client-diary.schema.json",
                                "form": diary,
                            }
                        ),
                    )
                ],
            ),
            "document_too_many_rows",
        ),
        "not-ours.docx": (
            _rezip(
                docx,
                lambda entries: entries.update(
                    {
                        "word/_rels/document.xml.rels": entries[
                            "word/_rels/document.xml.rels"
                        ].replace(b'Id="asendusdocFormData"', b'Id="other" TargetMode="External"')
                    }
                ),
            ),
            "docx_not_ours",
        ),
    }
    paths = {}
    for name, (content, code) in files.items():
        (folder / name).write_bytes(content)
        paths[name] = (folder / name, code)
    return paths


@pytest.fixture(scope="module")
def hostile(
    tmp_path_factory: pytest.TempPathFactory, docx: bytes, plain_pdf: bytes
) -> dict[str, tuple[Path, str]]:
    return _hostile_files(tmp_path_factory.mktemp("hostile"), docx, plain_pdf)


HOSTILE_NAMES = [
    "zip-bomb.docx",
    "lying-bomb.docx",
    "many-parts.docx",
    "xxe.docx",
    "xxe-content-types.docx",
    "macros.docx",
    "macro-type.docx",
    "named.docm",
    "truncated.docx",
    "garbage.docx",
    "encrypted-word.docx",
    "truncated.pdf",
    "forged-not-json.pdf",
    "forged-not-a-form.pdf",
    "forged-no-envelope.pdf",
    "too-many-rows.pdf",
    "not-ours.docx",
]


def test_every_hostile_file_is_tested(hostile: dict[str, tuple[Path, str]]) -> None:
    assert sorted(HOSTILE_NAMES) == sorted(hostile)


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_hostile_file_is_refused_with_its_code_and_exit_2(
    capsys: pytest.CaptureFixture[str], hostile: dict[str, tuple[Path, str]], name: str
) -> None:
    path, code = hostile[name]
    exit_code, stdout, _ = run(capsys, "validate", path, "--json", "--lang", "en")
    assert exit_code == 2
    (result,) = json.loads(stdout)
    assert result["code"] == code
    assert SECRET not in stdout
    for command in (["extract", path], ["render", path, "-o", path.with_suffix(".out.pdf")]):
        exit_code, stdout, stderr = run(capsys, *command, "--lang", "en")
        assert exit_code == 2, stderr
        assert "Traceback" not in stderr and SECRET not in stdout + stderr
    assert not path.with_suffix(".out.pdf").exists()


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("et", ["makrosid", "DTD", "loetav", "ei ole asendusdoci", "parooliga", "rida"]),
        ("ru", ["макросы", "DTD", "читаемым", "не являются формой", "паролем", "строк"]),
        ("en", ["macros", "DTD", "readable", "not a form", "password", "rows"]),
    ],
)
def test_refusals_speak_the_users_language(
    capsys: pytest.CaptureFixture[str],
    hostile: dict[str, tuple[Path, str]],
    lang: str,
    words: list[str],
) -> None:
    names = ["macros.docx", "xxe.docx", "lying-bomb.docx", "forged-not-json.pdf"]
    names += ["encrypted-word.docx", "too-many-rows.pdf"]
    for name, word in zip(names, words, strict=True):
        code, stdout, stderr = run(capsys, "validate", hostile[name][0], "--lang", lang)
        assert code == 2
        assert word in stdout + stderr, (name, stdout + stderr)


def test_an_external_entity_is_never_resolved(hostile: dict[str, tuple[Path, str]]) -> None:
    from asendusdoc.errors import InputError
    from asendusdoc.read.packages import DocxPackage

    path, _ = hostile["xxe.docx"]
    package = DocxPackage(path.read_bytes())
    with pytest.raises(InputError) as refused:
        package.xml("customXml/item2.xml")
    assert SECRET not in str(refused.value) and SECRET not in repr(refused.value.params)


def test_in_a_batch_the_other_files_go_on(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, hostile: dict[str, tuple[Path, str]]
) -> None:
    good_docx = tmp_path / "good.docx"
    good_docx.write_bytes(render_docx(example_data("support-plan"), "ru"))
    inputs = [example("closure"), *(hostile[name][0] for name in HOSTILE_NAMES), good_docx]
    code, stdout, _ = run(capsys, "validate", *inputs, "--json")
    assert code == 2
    assert {r["file"] for r in json.loads(stdout)} == {str(hostile[n][0]) for n in HOSTILE_NAMES}
    code, stdout, _ = run(capsys, "validate", *inputs, "--lang", "en")
    assert f"{example('closure')}: valid" in stdout and f"{good_docx}: valid" in stdout
    out = tmp_path / "out"
    out.mkdir()
    code, _, _ = run(
        capsys, "render", example("closure"), good_docx, hostile["xxe.docx"][0], "--out-dir", out
    )
    assert code == 2
    assert sorted(p.name for p in out.iterdir()) == ["closure.pdf", "good.pdf"]
