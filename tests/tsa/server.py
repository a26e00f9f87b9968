"""A local RFC 3161 timestamp authority for the tests: pyHanko's DummyTimeStamper behind a small
threaded HTTP server on 127.0.0.1.

At start-up it makes a test TSA root (RSA, CA:TRUE) and a TSA certificate issued by it (RSA,
extended key usage id-kp-timeStamping, critical, as RFC 3161 §2.3 requires), and writes
DIR/tsa-root.pem (the trust anchor tests give to validators) and DIR/tsa.pem. Every POST of an
application/timestamp-query is answered with a granted application/timestamp-reply whose token
carries the TSA certificate. DIR/requests counts the requests answered (one line each).
With --no-timestamping-usage the TSA certificate lacks that extended key usage (a certificate
that may not timestamp, which clients must refuse).

Like a real authority, the TSA certificate names a CRL distribution point, and GET /crl answers
with the root's CRL (DER, nothing revoked), so that long-term validation data can include it.

Failure injection through DIR/control.json, read for every request: {"status": "ok"} (default),
{"status": "reject"} (a PKIStatus rejection), {"status": "http500"}, {"status": "garbage"}
(200 with bytes that are not a reply), {"status": "wrong-nonce"} (a token for another request).

The server writes DIR/port once it listens and runs until killed.
"""

import argparse
import datetime
import http.server
import json
import os
import threading

from asn1crypto import keys, tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.sign.timestamps import dummy_client
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper


class _KeyCache:
    """pyHanko's test timestamper loads its RSA key from DER for every token, and cryptography
    checks the key each time (about 45 ms, most of an answer's time). This stands in for the
    `serialization` module it calls, loading each key once."""

    def __init__(self):
        self._keys = {}

    def __getattr__(self, name):
        return getattr(serialization, name)

    def load_der_private_key(self, data, password=None, **kwargs):
        if data not in self._keys:
            self._keys[data] = serialization.load_der_private_key(data, password, **kwargs)
        return self._keys[data]


dummy_client.serialization = _KeyCache()


def make_authority(folder, crl_url, timestamping_usage=True):
    now = datetime.datetime.now(datetime.timezone.utc)
    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "SCR Desk test TSA root")])
    root = (
        x509.CertificateBuilder()
        .subject_name(root_name)
        .issuer_name(root_name)
        .public_key(root_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), critical=False)
        .sign(root_key, hashes.SHA256())
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "SCR Desk tests"),
            x509.NameAttribute(NameOID.COMMON_NAME, "SCR Desk test timestamp authority"),
        ]))
        .issuer_name(root_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False)
        .add_extension(
            x509.CRLDistributionPoints([
                x509.DistributionPoint([x509.UniformResourceIdentifier(crl_url)], None, None, None)
            ]),
            critical=False,
        )
    )
    if timestamping_usage:
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True
        )
    cert = builder.sign(root_key, hashes.SHA256())
    pem = serialization.Encoding.PEM
    with open(os.path.join(folder, "tsa-root.pem"), "wb") as f:
        f.write(root.public_bytes(pem))
    with open(os.path.join(folder, "tsa.pem"), "wb") as f:
        f.write(cert.public_bytes(pem))
    der = serialization.Encoding.DER
    crl = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(root_name)
        .last_update(now - datetime.timedelta(hours=1))
        .next_update(now + datetime.timedelta(days=30))
        .add_extension(x509.CRLNumber(1), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False)
        .sign(root_key, hashes.SHA256())
    )
    key_der = key.private_bytes(der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    stamper = DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(cert.public_bytes(der)),
        tsa_key=keys.PrivateKeyInfo.load(key_der),
        certs_to_embed=[asn1_x509.Certificate.load(root.public_bytes(der))],
    )
    return stamper, crl.public_bytes(der)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--no-timestamping-usage", action="store_true")
    args = parser.parse_args()
    lock = threading.Lock()
    control_path = os.path.join(args.dir, "control.json")
    count_path = os.path.join(args.dir, "requests")

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out as two writes; with Nagle's algorithm the second waits for
        # the client's delayed ACK (40 ms on Linux), which would be most of each answer's time.
        disable_nagle_algorithm = True

        def log_message(self, *_):
            pass

        def do_GET(self):
            if self.path != "/crl":
                return self.answer(404, b"not found", "text/plain")
            self.answer(200, crl, "application/pkix-crl")

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            try:
                control = json.load(open(control_path))
            except (OSError, ValueError):
                control = {}
            status = control.get("status", "ok")
            if status == "http500":
                return self.answer(500, b"broken", "text/plain")
            if status == "garbage":
                return self.answer(200, b"\x30\x03\x02\x01\x09", "application/timestamp-reply")
            if status == "reject":
                # asn1crypto's TimeStampResp insists on a token, so the SEQUENCE is made by hand.
                info = tsp.PKIStatusInfo({
                    "status": "rejection",
                    "status_string": ["test TSA told to refuse"],
                }).dump()
                reply = b"\x30" + bytes([len(info)]) + info
                return self.answer(200, reply, "application/timestamp-reply")
            request = tsp.TimeStampReq.load(body)
            if status == "wrong-nonce":
                request = tsp.TimeStampReq({
                    "version": 1,
                    "message_imprint": request["message_imprint"],
                    "nonce": 12345,
                    "cert_req": True,
                })
            with lock:
                reply = stamper.request_tsa_response(request)
                with open(count_path, "a") as f:
                    f.write("1\n")
            self.answer(200, reply.dump(), "application/timestamp-reply")

        def answer(self, code, body, content_type):
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    crl_url = f"http://127.0.0.1:{server.server_address[1]}/crl"
    stamper, crl = make_authority(args.dir, crl_url, timestamping_usage=not args.no_timestamping_usage)
    with open(os.path.join(args.dir, "port.tmp"), "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(os.path.join(args.dir, "port.tmp"), os.path.join(args.dir, "port"))
    server.serve_forever()


if __name__ == "__main__":
    main()
