"""``asendusdoc serve`` as a command: it starts without the web stack in ``--version``,
refuses to run without a key or with a broken keys file (exit 2, said in the user's
language), and with ``--tls-client-ca`` serves only clients with a certificate of that CA."""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import ssl
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from asendusdoc.cli import main
from tests.serve.server import running


def test_version_and_help_import_no_web_stack() -> None:
    for arguments in (["--version"], ["--help"], ["serve", "--help"]):
        probe = (
            "import sys\nfrom asendusdoc.cli import main\n"
            f"try:\n    main({arguments!r})\nexcept SystemExit:\n    pass\n"
            "loaded = [m for m in ('starlette', 'uvicorn', 'python_multipart', 'anyio')"
            " if m in sys.modules]\nprint(loaded)"
        )
        result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
        assert result.stdout.strip().endswith("[]"), (arguments, result.stdout)


@pytest.mark.parametrize(
    ("keys", "code"),
    [
        (None, "teenus vajab võtit"),
        ("[[keys]]\nname = 'a'\nsha256 = 'abc'\noperations = ['validate']\n", "64"),
        ("[[keys]]\nname = 'a'\nsha256 = '" + "a" * 64 + "'\noperations = ['render']\n", "render"),
        ("keys = 'x'", "[[keys]]"),
        ("not toml ===", "TOML"),
    ],
    ids=["no-key", "short-digest", "unknown-operation", "not-tables", "not-toml"],
)
def test_no_key_or_a_broken_keys_file_is_exit_2_with_a_reason(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    keys: str | None,
    code: str,
) -> None:
    monkeypatch.delenv("ASENDUSDOC_SERVE_KEY", raising=False)
    arguments = ["--lang", "et", "serve", "--port", "1"]
    if keys is not None:
        (tmp_path / "keys.toml").write_text(keys, "utf-8")
        arguments += ["--keys", str(tmp_path / "keys.toml")]
    assert main(arguments) == 2
    assert code in capsys.readouterr().err


def test_an_unknown_setting_in_the_configuration_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASENDUSDOC_SERVE_KEY", "k")
    (tmp_path / "c.toml").write_text("wrokers = 2\n", "utf-8")
    assert main(["--lang", "ru", "serve", "--config", str(tmp_path / "c.toml")]) == 2
    assert "wrokers" in capsys.readouterr().err


def _tls_files(folder: Path) -> dict[str, Path]:
    """A test CA, a server certificate for 127.0.0.1 and a client certificate, as PEM files."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.UTC)

    def certificate(
        name: str,
        key: object,
        issuer: tuple[x509.Name, object] | None,
        ca: bool = False,
        ip: bool = False,
    ) -> x509.Certificate:
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
        issuer_name, issuer_key = issuer or (subject, key)
        builder = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(issuer_name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())  # type: ignore[attr-defined]
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=2))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        )
        if ip:
            address = x509.IPAddress(ipaddress.ip_address("127.0.0.1"))
            builder = builder.add_extension(x509.SubjectAlternativeName([address]), critical=False)
        return builder.sign(issuer_key, hashes.SHA256())  # type: ignore[arg-type]

    files: dict[str, Path] = {}

    def write(name: str, cert: x509.Certificate, key: object) -> None:
        files[name] = folder / f"{name}.pem"
        files[name].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        files[name + "-key"] = folder / f"{name}-key.pem"
        files[name + "-key"].write_bytes(
            key.private_bytes(  # type: ignore[attr-defined]
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = certificate("Test CA", ca_key, None, ca=True)
    write("ca", ca, ca_key)
    for name, ip in (("server", True), ("client", False)):
        key = ec.generate_private_key(ec.SECP256R1())
        write(name, certificate(name, key, (ca.subject, ca_key), ip=ip), key)
    return files


def test_a_client_certificate_of_the_ca_is_let_in_and_none_is_not(tmp_path: Path) -> None:
    files = _tls_files(tmp_path)
    arguments = (
        "--tls-cert",
        str(files["server"]),
        "--tls-key",
        str(files["server-key"]),
        "--tls-client-ca",
        str(files["ca"]),
    )
    with running(tmp_path / "server", "", *arguments, workers=1) as server:
        verify = ssl.create_default_context(cafile=str(files["ca"]))
        verify.load_cert_chain(str(files["client"]), str(files["client-key"]))
        with httpx.Client(base_url=server.url, verify=verify, timeout=60) as client:
            server.wait_ready_with(client)
            assert client.get("/v1/forms").status_code == 200  # no key: the certificate is one
        anonymous = ssl.create_default_context(cafile=str(files["ca"]))
        with pytest.raises(httpx.TransportError):
            httpx.get(server.url + "/v1/forms", verify=anonymous, timeout=10)
        assert os.path.exists(files["ca"])
