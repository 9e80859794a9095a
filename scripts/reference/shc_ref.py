#!/usr/bin/env python3
"""Independent reference checker for the SMART Health Cards examples in Tests/Fixtures/shc.

Written for this project from the SMART Health Cards Framework specification; no upstream
code.  For every example-NN set it checks:
  * numeric QR (shc:/ or shc:/i/n/ chunks) -> JWS compact string, equal to example-NN-d-jws.txt
  * the .smart-health-card file's verifiableCredential[0] equals the same JWS
  * JWS header: alg ES256, zip DEF, kid present in the issuer jwks.json
  * kid == base64url(SHA-256 JWK thumbprint, RFC 7638)
  * ES256 signature (raw r||s) verifies over ASCII(header "." payload)
  * payload = raw DEFLATE (no zlib header) of example-NN-c-jws-payload-minified.json
  * revocation: vc.rid listed in the issuer CRL for that kid (with optional ".<timestamp>")

Requirements: pip install cryptography
Usage: python3 scripts/reference/shc_ref.py [DIR]
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
import sys
import zlib
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, utils

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "Tests" / "Fixtures" / "shc"


def b64u_dec(s: str) -> bytes:
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def b64u_enc(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def numeric_to_jws(chunks: list[str]) -> str:
    parts = {}
    for c in chunks:
        m = re.fullmatch(r"shc:/(?:(\d+)/(\d+)/)?(\d+)", c.strip())
        if not m:
            raise ValueError("not a shc:/ numeric string")
        idx = int(m.group(1) or 1)
        digits = m.group(3)
        if len(digits) % 2:
            raise ValueError("odd number of digits")
        parts[idx] = "".join(chr(int(digits[i:i + 2]) + 45) for i in range(0, len(digits), 2))
    return "".join(parts[i] for i in sorted(parts))


def jwk_thumbprint(jwk: dict) -> str:
    canon = json.dumps({k: jwk[k] for k in ("crv", "kty", "x", "y")}, separators=(",", ":"),
                       sort_keys=True)
    return b64u_enc(hashlib.sha256(canon.encode()).digest())


def jwk_to_key(jwk: dict):
    x = int.from_bytes(b64u_dec(jwk["x"]), "big")
    y = int.from_bytes(b64u_dec(jwk["y"]), "big")
    return ec.EllipticCurvePublicNumbers(x, y, ec.SECP256R1()).public_key()


def check_set(d: Path, n: str, jwks: dict, crls: dict) -> list[str]:
    problems = []
    jws = (d / f"example-{n}-d-jws.txt").read_text().strip()
    qr_files = sorted(d.glob(f"example-{n}-f-qr-code-numeric-value-*.txt"))
    if numeric_to_jws([f.read_text() for f in qr_files]) != jws:
        problems.append("numeric QR does not decode to the JWS")
    card = json.loads((d / f"example-{n}-e-file.smart-health-card").read_text())
    if card.get("verifiableCredential") != [jws]:
        problems.append(".smart-health-card does not hold the JWS")
    h64, p64, s64 = jws.split(".")
    header = json.loads(b64u_dec(h64))
    if header.get("alg") != "ES256" or header.get("zip") != "DEF":
        problems.append(f"unexpected header {header}")
    jwk = jwks.get(header.get("kid"))
    if jwk is None:
        return problems + [f"kid {header.get('kid')} not in jwks"]
    if jwk_thumbprint(jwk) != header["kid"]:
        problems.append("kid is not the JWK thumbprint")
    sig = b64u_dec(s64)
    try:
        jwk_to_key(jwk).verify(
            utils.encode_dss_signature(int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:], "big")),
            f"{h64}.{p64}".encode("ascii"), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        problems.append("signature does not verify")
    payload = zlib.decompress(b64u_dec(p64), wbits=-15)
    minified = (d / f"example-{n}-c-jws-payload-minified.json").read_bytes().strip()
    if payload != minified:
        if json.loads(payload) == json.loads(minified):
            problems.append("payload equal as JSON but not byte-identical to the minified file")
        else:
            problems.append("payload differs from the minified file")
    claims = json.loads(payload)
    rid = claims.get("vc", {}).get("rid")
    revoked = False
    if rid and header["kid"] in crls:
        for entry in crls[header["kid"]]["rids"]:
            r, _, ts = entry.partition(".")
            if r == rid and (not ts or claims.get("nbf", 0) < int(ts)):
                revoked = True
    print(f"example-{n}: qr_chunks={len(qr_files)} kid={header['kid'][:12]}... "
          f"x5c={'x5c' in jwk} nbf={claims.get('nbf')} rid={rid} revoked={revoked} "
          f"{'OK' if not problems else problems}")
    return problems


def main(argv=None):
    d = Path((argv or sys.argv[1:] or [str(DEFAULT_DIR)])[0])
    jwks = {k["kid"]: k for k in json.loads((d / "issuer/.well-known/jwks.json").read_text())["keys"]}
    crls = {}
    for f in (d / "issuer/.well-known/crl").glob("*.json"):
        c = json.loads(f.read_text())
        crls[c["kid"]] = c
    sets = sorted({m.group(1) for f in d.glob("example-*-d-jws.txt")
                   if (m := re.match(r"example-(\d+)-", f.name))})
    bad = sum(len(check_set(d, n, jwks, crls)) for n in sets)
    print("FAILURES:", bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
