"""A local SMTP server for the distribution tests (aiosmtpd).

Every message accepted is written to DIR/mail/NNNNNN.eml with a summary beside it
(NNNNNN.json: envelope recipients, subject, Message-ID, each attachment's name, size and SHA-256),
so tests can count messages per member and compare attachments with the archive byte for byte.

Security: --tls none | starttls | implicit. With --make-ca a test CA and a server certificate
(CA:FALSE, SAN 127.0.0.1 and localhost, as rustls requires) are generated at start-up into
DIR/ca.pem, DIR/server.pem, DIR/server.key.

Failure injection through DIR/control.json, read for every message (so a test can change it
between runs): {"script": ["ok", "451 4.7.1 Try later", "550 5.1.1 No such user"],
"default": "ok", "delay": 0.05}. Each message takes the next entry of "script"; when it runs out,
"default" applies. "ok" accepts; anything else is the reply given at the end of DATA. "delay"
is slept before a message is accepted. A server "down at start" is simply one not started yet.

The server writes DIR/port when it listens and runs until killed.
"""

import argparse
import asyncio
import datetime
import email
import email.policy
import hashlib
import ipaddress
import json
import os
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def make_ca(folder):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "SCR Desk test council CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=10))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=10))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    with open(os.path.join(folder, "ca.pem"), "wb") as f:
        f.write(ca.public_bytes(pem))
    with open(os.path.join(folder, "server.pem"), "wb") as f:
        f.write(leaf.public_bytes(pem))
    with open(os.path.join(folder, "server.key"), "wb") as f:
        f.write(
            key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        )


def summary(raw, envelope_to):
    message = email.message_from_bytes(raw, policy=email.policy.default)
    attachments = []
    for part in message.iter_attachments():
        data = part.get_payload(decode=True) or b""
        attachments.append(
            {
                "name": part.get_filename(),
                "type": part.get_content_type(),
                "size": len(data),
                "sha256": hashlib.sha256(data).hexdigest().upper(),
            }
        )
    body = message.get_body(preferencelist=("plain",))
    return {
        "to": envelope_to,
        "header_to": str(message["To"]),
        "subject": str(message["Subject"]),
        "message_id": str(message["Message-ID"]),
        "in_reply_to": str(message["In-Reply-To"]) if message["In-Reply-To"] else None,
        "text": body.get_content() if body is not None else "",
        "attachments": attachments,
    }


class Handler:
    def __init__(self, folder):
        self.folder = folder
        self.mail = os.path.join(folder, "mail")
        os.makedirs(self.mail, exist_ok=True)
        self.seen = 0
        self.accepted = 0

    def control(self):
        try:
            with open(os.path.join(self.folder, "control.json")) as f:
                return json.load(f)
        except FileNotFoundError:
            return {}

    async def handle_DATA(self, server, session, envelope):
        control = self.control()
        script = control.get("script", [])
        outcome = script[self.seen] if self.seen < len(script) else control.get("default", "ok")
        self.seen += 1
        if control.get("delay"):
            await asyncio.sleep(float(control["delay"]))
        if outcome != "ok":
            return outcome
        self.accepted += 1
        name = os.path.join(self.mail, "%06d" % self.accepted)
        # Written under a temporary name and renamed, so a reader never sees half a message.
        with open(name + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content)
        with open(name + ".json.tmp", "w") as f:
            json.dump(summary(envelope.original_content, list(envelope.rcpt_tos)), f)
        os.rename(name + ".eml.tmp", name + ".eml")
        os.rename(name + ".json.tmp", name + ".json")
        return "250 2.0.0 Ok: queued as %06d" % self.accepted


def authenticator_for(credentials):
    user, password = credentials.split(":", 1)

    def check(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and (
            auth_data.login.decode() == user and auth_data.password.decode() == password
        )
        # handled=False: aiosmtpd then answers 535 itself (True would leave the client waiting).
        return AuthResult(success=ok, handled=False)

    return check


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--tls", choices=["none", "starttls", "implicit"], default="none")
    parser.add_argument("--auth", help="user:password the server requires")
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    handler = Handler(args.dir)
    context = None
    if args.tls != "none":
        make_ca(args.dir)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(os.path.join(args.dir, "server.pem"), os.path.join(args.dir, "server.key"))
    options = {"hostname": "localhost", "ident": "SCR Desk test SMTP"}
    if args.auth:
        options.update(authenticator=authenticator_for(args.auth), auth_required=True)
        # aiosmtpd only knows of TLS it negotiated itself (STARTTLS), not of an implicit TLS socket.
        options["auth_require_tls"] = args.tls == "starttls"
    if args.tls == "starttls":
        options.update(tls_context=context, require_starttls=True)

    def factory():
        return SMTP(handler, **options)

    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        factory, host="127.0.0.1", port=args.port, ssl=context if args.tls == "implicit" else None
    )
    port = server.sockets[0].getsockname()[1]
    with open(os.path.join(args.dir, "port.tmp"), "w") as f:
        f.write(str(port))
    os.rename(os.path.join(args.dir, "port.tmp"), os.path.join(args.dir, "port"))
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
