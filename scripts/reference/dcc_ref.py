#!/usr/bin/env python3
"""Independent reference checker for EU DCC (HCERT) test cases.

Reads test-case JSON files in the dgc-testdata layout (fields PREFIX, BASE45,
COMPRESSED, COSE, CBOR, JSON, TESTCTX, EXPECTEDRESULTS), recomputes every
EXPECTED* verdict it understands, and reports where its own verdict differs
from the one written in the file.

Written for this project from the public specifications (HCERT spec, RFC 8152
COSE_Sign1, RFC 8392 CWT, RFC 9285 Base45); it shares no code with the
upstream test harness.

Requirements (install into any venv):  pip install cbor2 base45 cryptography jsonschema
(jsonschema is optional; without it the schema verdicts are reported as skipped.)

Usage:
    python3 scripts/reference/dcc_ref.py Tests/Fixtures/dcc              # whole tree
    python3 scripts/reference/dcc_ref.py Tests/Fixtures/dcc/common -v    # per-check detail
    python3 scripts/reference/dcc_ref.py DIR --report out.json            # machine-readable report
    python3 scripts/reference/dcc_ref.py FILE.json --dump                 # print decoded payload
    python3 scripts/reference/dcc_ref.py DIR --from-prefix                # verify from the HC1: string only

Verdict semantics (how this script reads each EXPECTED* flag):
  EXPECTEDUNPREFIX         PREFIX starts with "HC1:" and the rest equals BASE45 (when BASE45 given)
  EXPECTEDB45DECODE        BASE45 (else PREFIX minus "HC1:") decodes and equals COMPRESSED (when given)
  EXPECTEDCOMPRESSION      zlib-inflate(COMPRESSED) == COSE  (falls back to the PREFIX chain)
  EXPECTEDVERIFY           COSE (else the PREFIX chain) is a COSE_Sign1 whose kid (protected header
                           wins over unprotected) == SHA-256(DSC DER)[0:8] and whose ES256 / PS256
                           signature verifies with the DSC public key
  EXPECTEDDECODE           COSE payload is a CWT with -260/1 hcert, equal to CBOR and JSON (if given);
                           without COSE: CBOR decodes and equals JSON; without both: the PREFIX chain
  EXPECTEDVALIDJSON        full PREFIX chain decodes and its hcert equals JSON
  EXPECTEDSCHEMAVALIDATION hcert (from CBOR, else COSE, else PREFIX chain) validates against the
                           eu-dcc-schema combined schema of its "ver", and holds exactly one of v/t/r
  EXPECTEDVALIDOBJECT      JSON validates against the schema named by TESTCTX.SCHEMA
  EXPECTEDENCODE           JSON and CBOR are semantically equal
  EXPECTEDEXPIRATIONCHECK  CWT iat <= VALIDATIONCLOCK <= CWT exp.  Alternative reported alongside
                           ("dsc-covers", the upstream harness): also DSC.notBefore <= iat and
                           exp <= DSC.notAfter
  EXPECTEDKEYUSAGE         the DSC's DCC-specific EKU OIDs (1.3.6.1.4.1.1847.2021.1.1/2/3 and the
                           ...1.4.1.0.1847... variants) allow the certificate type (t/v/r); a DSC with
                           none of them allows all types (as the CWA app does).  Alternative ("any-EKU",
                           the upstream harness): if the DSC has any EKU at all it must include the type's OID
  X.509 leniency           some real DSCs are not strict DER (FI: BasicConstraints cA=FALSE encoded;
                           common/CO15: empty EKU SEQUENCE); EKUs are then read with a small DER walk
  EXPECTEDPICTUREDECODE    not checked (needs a QR decoder)
"""
from __future__ import annotations

import argparse
import base64
import binascii
import datetime as dt
import hashlib
import json
import math
import re
import sys
import zlib
from pathlib import Path

import base45
import cbor2
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils as asym_utils

try:
    import jsonschema  # optional
except ImportError:  # pragma: no cover
    jsonschema = None

FROM_PREFIX = False  # --from-prefix: VERIFY / EXPIRATION / KEYUSAGE read only the PREFIX string
SCHEMA_DIR = Path(__file__).resolve().parents[2] / "Tests" / "Fixtures" / "dcc" / "schema"

# COSE / CWT constants
COSE_ALG, COSE_KID = 1, 4
CWT_ISS, CWT_EXP, CWT_IAT, CWT_HCERT = 1, 4, 6, -260
TAG_COSE_SIGN1, TAG_CWT = 18, 61
ALGS = {-7: "ES256", -35: "ES384", -36: "ES512", -37: "PS256", -38: "PS384", -39: "PS512"}

EKU_BY_TYPE = {
    "t": {"1.3.6.1.4.1.1847.2021.1.1", "1.3.6.1.4.1.0.1847.2021.1.1"},
    "v": {"1.3.6.1.4.1.1847.2021.1.2", "1.3.6.1.4.1.0.1847.2021.1.2"},
    "r": {"1.3.6.1.4.1.1847.2021.1.3", "1.3.6.1.4.1.0.1847.2021.1.3"},
}
DCC_EKUS = set().union(*EKU_BY_TYPE.values())

KNOWN_KEYS = [
    "EXPECTEDUNPREFIX", "EXPECTEDB45DECODE", "EXPECTEDCOMPRESSION", "EXPECTEDVERIFY",
    "EXPECTEDDECODE", "EXPECTEDVALIDJSON", "EXPECTEDSCHEMAVALIDATION", "EXPECTEDVALIDOBJECT",
    "EXPECTEDENCODE", "EXPECTEDEXPIRATIONCHECK", "EXPECTEDKEYUSAGE", "EXPECTEDPICTUREDECODE",
]


class CheckError(Exception):
    """A stage failed; the message says why."""


class MissingInput(Exception):
    """The file lacks the fields this check needs (reported as skipped, like upstream)."""


def thaw(v):
    """cbor2 >= 6 returns tuples / frozendicts for containers nested under a tag; make them plain."""
    if isinstance(v, cbor2.CBORTag):
        return cbor2.CBORTag(v.tag, thaw(v.value))
    if isinstance(v, (list, tuple)):
        return [thaw(x) for x in v]
    if isinstance(v, dict) or type(v).__name__ == "frozendict":
        return {thaw_key(k): thaw(x) for k, x in v.items()}
    return v


def thaw_key(k):
    return tuple(thaw_key(x) for x in k) if isinstance(k, (list, tuple)) else k


def cbor_loads(data: bytes):
    return thaw(cbor2.loads(data))


# ---------------------------------------------------------------- decoding ---

def unhex(s: str) -> bytes:
    try:
        return binascii.unhexlify(re.sub(r"\s+", "", s))
    except (binascii.Error, TypeError) as e:
        raise CheckError(f"bad hex: {e}")


def strip_prefix(prefixed: str) -> str:
    if not isinstance(prefixed, str) or not prefixed.startswith("HC1:"):
        raise CheckError("missing HC1: prefix")
    return prefixed[4:]


def b45(s: str) -> bytes:
    try:
        return base45.b45decode(s)
    except Exception as e:  # library raises ValueError on bad alphabet / length / overflow
        raise CheckError(f"base45 decode failed: {e}")


def inflate(data: bytes) -> bytes:
    try:
        d = zlib.decompressobj()
        out = d.decompress(data) + d.flush()
        if not d.eof:
            raise CheckError("zlib stream truncated")
        return out
    except zlib.error as e:
        raise CheckError(f"zlib inflate failed: {e}")


def chain_from_prefix(prefixed: str) -> bytes:
    """PREFIX string -> COSE bytes."""
    return inflate(b45(strip_prefix(prefixed)))


class Cose:
    def __init__(self, raw: bytes):
        try:
            obj = cbor_loads(raw)
        except Exception as e:
            raise CheckError(f"COSE is not CBOR: {e}")
        self.tags = []
        while isinstance(obj, cbor2.CBORTag):
            self.tags.append(obj.tag)
            obj = obj.value
        if self.tags not in ([], [TAG_COSE_SIGN1], [TAG_CWT, TAG_COSE_SIGN1]):
            raise CheckError(f"unexpected CBOR tags {self.tags}")
        if not (isinstance(obj, list) and len(obj) == 4):
            raise CheckError("COSE_Sign1 must be a 4-element array")
        self.protected_bstr, unprot, self.payload, self.signature = obj
        if not isinstance(self.protected_bstr, bytes):
            raise CheckError("protected header is not a bstr")
        try:
            self.protected = cbor_loads(self.protected_bstr) if self.protected_bstr else {}
        except Exception as e:
            raise CheckError(f"protected header not CBOR: {e}")
        if not isinstance(self.protected, dict) or not isinstance(unprot, dict):
            raise CheckError("header is not a map")
        self.unprotected = unprot
        if not isinstance(self.payload, bytes) or not isinstance(self.signature, bytes):
            raise CheckError("payload/signature not bstr")

    @property
    def alg(self):
        return self.protected.get(COSE_ALG, self.unprotected.get(COSE_ALG))

    @property
    def kid(self):
        # HCERT: the protected kid is authoritative; unprotected only if protected has none
        if COSE_KID in self.protected:
            return self.protected[COSE_KID]
        return self.unprotected.get(COSE_KID)

    def to_be_signed(self) -> bytes:
        return cbor2.dumps(["Signature1", self.protected_bstr, b"", self.payload])

    def claims(self) -> dict:
        try:
            c = cbor_loads(self.payload)
        except Exception as e:
            raise CheckError(f"CWT payload not CBOR: {e}")
        if not isinstance(c, dict):
            raise CheckError("CWT payload is not a map")
        return c


def hcert_from_claims(claims: dict):
    h = claims.get(CWT_HCERT)
    if not isinstance(h, dict) or 1 not in h:
        raise CheckError("CWT has no -260/1 hcert")
    return h[1]


# --------------------------------------------------------------- DSC / sig ---

class Dsc:
    def __init__(self, b64: str):
        txt = re.sub(r"-----[A-Z ]+-----", "", b64 or "")
        txt = re.sub(r"\s+", "", txt)
        try:
            self.der = base64.b64decode(txt + "=" * (-len(txt) % 4))
        except binascii.Error as e:
            raise CheckError(f"CERTIFICATE not base64: {e}")
        try:
            self.cert = x509.load_der_x509_certificate(self.der)
        except Exception as e:
            raise CheckError(f"CERTIFICATE not a DER X.509 certificate: {e}")
        self.kid = hashlib.sha256(self.der).digest()[:8]
        self.key = self.cert.public_key()
        self.not_before = self.cert.not_valid_before_utc
        self.not_after = self.cert.not_valid_after_utc
        self.lenient_note = ""
        try:
            eku = self.cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
            self.ekus = {o.dotted_string for o in eku}
        except x509.ExtensionNotFound:
            self.ekus = set()
        except ValueError as e:
            # cryptography refuses some real DSCs (e.g. BasicConstraints cA=FALSE encoded
            # explicitly, or an empty EKU SEQUENCE); read the EKU with our own DER walk.
            self.ekus = der_ekus(self.der)
            self.lenient_note = f"X.509 extensions not strict DER ({str(e)[:80]}); EKU read leniently"


def _tlv(buf: bytes, i: int):
    """One DER TLV at i -> (tag, value_start, value_end)."""
    tag = buf[i]
    n = buf[i + 1]
    i += 2
    if n & 0x80:
        k = n & 0x7F
        n = int.from_bytes(buf[i:i + k], "big")
        i += k
    return tag, i, i + n


def _children(buf: bytes, start: int, end: int):
    i = start
    while i < end:
        tag, vs, ve = _tlv(buf, i)
        yield tag, vs, ve
        i = ve


def _oid(b: bytes) -> str:
    arcs, v = [], 0
    for byte in b:
        v = (v << 7) | (byte & 0x7F)
        if not byte & 0x80:
            arcs.append(v)
            v = 0
    first = min(arcs[0] // 40, 2)
    return ".".join(map(str, [first, arcs[0] - 40 * first] + arcs[1:]))


def der_ekus(der: bytes) -> set:
    """Extended-key-usage OIDs of a certificate, read without a strict X.509 parser."""
    _, cs, ce = _tlv(der, 0)
    _, ts, te = next(_children(der, cs, ce))            # tbsCertificate
    for tag, vs, ve in _children(der, ts, te):
        if tag != 0xA3:                                  # [3] extensions
            continue
        _, ls, le = _tlv(der, vs)
        for _, es, ee in _children(der, ls, le):         # Extension SEQUENCE
            parts = list(_children(der, es, ee))
            if der[parts[0][1]:parts[0][2]] != bytes.fromhex("551d25"):   # 2.5.29.37
                continue
            _, os_, oe = parts[-1]                        # extnValue OCTET STRING
            _, ss, se = _tlv(der, os_)
            return {_oid(der[a:b]) for t, a, b in _children(der, ss, se) if t == 0x06}
    return set()


def verify_signature(cose: Cose, dsc: Dsc) -> str:
    """Returns '' on success, else the reason for failure."""
    alg = cose.alg
    name = ALGS.get(alg)
    if name is None:
        return f"unsupported alg {alg!r}"
    h = {"256": hashes.SHA256(), "384": hashes.SHA384(), "512": hashes.SHA512()}[name[2:]]
    tbs = cose.to_be_signed()
    key = dsc.key
    try:
        if name.startswith("ES"):
            if not isinstance(key, ec.EllipticCurvePublicKey):
                return f"{name} but DSC key is {type(key).__name__}"
            n = (key.curve.key_size + 7) // 8
            sig = cose.signature
            if len(sig) != 2 * n:
                return f"ECDSA signature length {len(sig)} != {2 * n} (not raw r||s)"
            r, s = int.from_bytes(sig[:n], "big"), int.from_bytes(sig[n:], "big")
            key.verify(asym_utils.encode_dss_signature(r, s), tbs, ec.ECDSA(h))
            return ""
        if not isinstance(key, rsa.RSAPublicKey):
            return f"{name} but DSC key is {type(key).__name__}"
        try:
            key.verify(cose.signature, tbs,
                       padding.PSS(mgf=padding.MGF1(h), salt_length=h.digest_size), h)
            return ""
        except InvalidSignature:
            # diagnose a non-standard salt length (RFC 8230 requires salt = hash length)
            try:
                key.verify(cose.signature, tbs, padding.PSS(mgf=padding.MGF1(h),
                           salt_length=padding.PSS.AUTO), h)
                return "PSS signature only verifies with a non-standard salt length"
            except InvalidSignature:
                raise
    except InvalidSignature:
        return "signature does not verify"


# ------------------------------------------------------------- comparison ---

_DT_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")


def parse_instant(s: str) -> dt.datetime:
    t = s.strip().replace(" ", "T")
    t = re.sub(r"(\.\d{6})\d+", r"\1", t)          # >6 fractional digits (e.g. .NET 7-digit ticks)
    t = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", t)  # +0200 -> +02:00
    if t.endswith("Z"):
        t = t[:-1] + "+00:00"
    d = dt.datetime.fromisoformat(t)
    if d.tzinfo is None:
        d = d.replace(tzinfo=dt.timezone.utc)
    return d.astimezone(dt.timezone.utc)


def norm(v):
    """Canonical form for semantic equality of JSON vs CBOR content."""
    if isinstance(v, dict):
        return {str(k): norm(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [norm(x) for x in v]
    if isinstance(v, dt.datetime):
        if v.tzinfo is None:
            v = v.replace(tzinfo=dt.timezone.utc)
        return ("instant", v.astimezone(dt.timezone.utc).isoformat())
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, str) and _DT_RE.match(v):
        try:
            return ("instant", parse_instant(v).isoformat())
        except ValueError:
            return v
    if isinstance(v, float) and math.isfinite(v) and v.is_integer():
        return int(v)
    if isinstance(v, cbor2.CBORTag):
        return ("tag", v.tag, norm(v.value))
    return v


def jsonable(v):
    """Turn decoded CBOR into something JSON-schema-validatable."""
    if isinstance(v, dict):
        return {str(k): jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [jsonable(x) for x in v]
    if isinstance(v, dt.datetime):
        if v.tzinfo is None:
            v = v.replace(tzinfo=dt.timezone.utc)
        return v.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, bytes):
        return v.hex()
    if isinstance(v, cbor2.CBORTag):
        return jsonable(v.value)
    return v


# ------------------------------------------------------------------ schema ---

_schema_cache: dict = {}


def load_schema(version: str | None):
    if not SCHEMA_DIR.is_dir():
        return None, "schema dir missing"
    versions = sorted((p.name for p in SCHEMA_DIR.iterdir() if p.is_dir()),
                      key=lambda s: [int(x) if x.isdigit() else 0 for x in s.split(".")])
    if not versions:
        return None, "no schemas"
    chosen = version if version in versions else versions[-1]
    if chosen not in _schema_cache:
        f = next((SCHEMA_DIR / chosen).glob("*combined-schema.json"))
        _schema_cache[chosen] = json.loads(f.read_text(encoding="utf-8"))
    return _schema_cache[chosen], chosen


def schema_errors(obj, version_hint: str | None) -> list[str]:
    if jsonschema is None:
        raise MissingInput("jsonschema not installed")
    if not isinstance(obj, dict):
        return ["hcert is not an object"]
    ver = obj.get("ver") if isinstance(obj.get("ver"), str) else version_hint
    schema, used = load_schema(ver)
    if schema is None:
        raise MissingInput(used)
    cls = jsonschema.validators.validator_for(schema)
    errs = [f"[{used}] {'/'.join(map(str, e.path))}: {e.message[:120]}"
            for e in cls(schema).iter_errors(jsonable(obj))]
    kinds = [k for k in ("v", "t", "r") if k in obj]
    if len(kinds) != 1:
        errs.append(f"must hold exactly one of v/t/r, has {kinds}")
    return errs


# ------------------------------------------------------------------ checks ---

class Case:
    def __init__(self, path: Path):
        self.path = path
        self.d = json.loads(path.read_text(encoding="utf-8-sig"))
        self.ctx = self.d.get("TESTCTX") or {}
        self.exp = self.d.get("EXPECTEDRESULTS") or {}
        self.notes: list[str] = []

    def has(self, *fields):
        return all(isinstance(self.d.get(f), str) and self.d.get(f) != "" or
                   (f == "JSON" and f in self.d) for f in fields)

    # stage helpers --------------------------------------------------------
    def cose_bytes(self) -> bytes:
        """COSE field, or the PREFIX chain when the field is absent (or --from-prefix is given)."""
        if self.has("COSE") and not FROM_PREFIX:
            return unhex(self.d["COSE"])
        return chain_from_prefix(self.d.get("PREFIX", ""))

    def dsc(self) -> Dsc:
        if not self.ctx.get("CERTIFICATE"):
            raise CheckError("no TESTCTX.CERTIFICATE")
        return Dsc(self.ctx["CERTIFICATE"])

    def cbor_hcert(self):
        """CBOR field -> hcert object (the field holds either the hcert or the whole CWT)."""
        try:
            obj = cbor_loads(unhex(self.d["CBOR"]))
        except CheckError:
            raise
        except Exception as e:
            raise CheckError(f"CBOR field does not decode: {e}")
        if isinstance(obj, dict) and CWT_HCERT in obj:
            obj = hcert_from_claims(obj)
        return obj

    def clock(self) -> dt.datetime:
        c = self.ctx.get("VALIDATIONCLOCK")
        if not c:
            raise CheckError("no VALIDATIONCLOCK")
        try:
            return parse_instant(c)
        except ValueError as e:
            raise CheckError(f"unparseable VALIDATIONCLOCK {c!r}: {e}")

    # verdicts -------------------------------------------------------------
    def EXPECTEDUNPREFIX(self):
        rest = strip_prefix(self.d.get("PREFIX", ""))
        if self.has("BASE45") and rest != self.d["BASE45"]:
            raise CheckError("PREFIX minus HC1: differs from BASE45")
        return True

    def EXPECTEDB45DECODE(self):
        src = self.d["BASE45"] if self.has("BASE45") else strip_prefix(self.d.get("PREFIX", ""))
        raw = b45(src)
        if self.has("COMPRESSED") and raw != unhex(self.d["COMPRESSED"]):
            raise CheckError("base45-decoded bytes differ from COMPRESSED")
        return True

    def EXPECTEDCOMPRESSION(self):
        if self.has("COMPRESSED"):
            out = inflate(unhex(self.d["COMPRESSED"]))
        else:
            out = inflate(b45(strip_prefix(self.d.get("PREFIX", ""))))
        if self.has("COSE") and out != unhex(self.d["COSE"]):
            raise CheckError("inflated bytes differ from COSE")
        return True

    def EXPECTEDVERIFY(self):
        cose = Cose(self.cose_bytes())
        dsc = self.dsc()
        if cose.kid != dsc.kid:
            raise CheckError(f"kid {cose.kid.hex() if isinstance(cose.kid, bytes) else repr(cose.kid)}"
                             f" != SHA256(DSC)[0:8] {dsc.kid.hex()}")
        why = verify_signature(cose, dsc)
        if why:
            raise CheckError(why)
        # the payload must also be a CWT carrying an hcert
        hcert_from_claims(cose.claims())
        return True

    def EXPECTEDDECODE(self):
        if self.has("COSE"):
            h = hcert_from_claims(Cose(unhex(self.d["COSE"])).claims())
            if self.has("CBOR") and norm(self.cbor_hcert()) != norm(h):
                raise CheckError("COSE payload hcert differs from CBOR")
        elif self.has("CBOR"):
            h = self.cbor_hcert()
            if not isinstance(h, dict):
                raise CheckError("CBOR is not a map")
        else:  # neither COSE nor CBOR: decode the PREFIX chain
            h = hcert_from_claims(Cose(chain_from_prefix(self.d.get("PREFIX", ""))).claims())
        if "JSON" in self.d and norm(h) != norm(self.d["JSON"]):
            raise CheckError("decoded hcert differs from JSON")
        return True

    def EXPECTEDVALIDJSON(self):
        h = hcert_from_claims(Cose(chain_from_prefix(self.d.get("PREFIX", ""))).claims())
        if "JSON" not in self.d:
            raise MissingInput("no JSON to compare")
        if norm(h) != norm(self.d["JSON"]):
            raise CheckError("PREFIX-chain hcert differs from JSON")
        return True

    def _hcert_any(self):
        if self.has("CBOR"):
            return self.cbor_hcert()
        if self.has("COSE"):
            return hcert_from_claims(Cose(unhex(self.d["COSE"])).claims())
        return hcert_from_claims(Cose(chain_from_prefix(self.d.get("PREFIX", ""))).claims())

    def EXPECTEDSCHEMAVALIDATION(self):
        errs = schema_errors(self._hcert_any(), self.ctx.get("SCHEMA"))
        if errs:
            raise CheckError("; ".join(errs[:3]))
        return True

    def EXPECTEDVALIDOBJECT(self):
        if "JSON" not in self.d:
            raise MissingInput("no JSON")
        errs = schema_errors(self.d["JSON"], self.ctx.get("SCHEMA"))
        if errs:
            raise CheckError("; ".join(errs[:3]))
        return True

    def EXPECTEDENCODE(self):
        if "JSON" not in self.d or not self.has("CBOR"):
            raise MissingInput("needs JSON and CBOR")
        if norm(self.cbor_hcert()) != norm(self.d["JSON"]):
            raise CheckError("CBOR differs from JSON")
        return True

    def _times(self):
        cose = Cose(self.cose_bytes())
        claims = cose.claims()
        if not isinstance(claims.get(CWT_IAT), (int, float)) or not isinstance(claims.get(CWT_EXP), (int, float)):
            raise CheckError("CWT lacks numeric iat/exp")
        iat = dt.datetime.fromtimestamp(claims[CWT_IAT], dt.timezone.utc)
        exp = dt.datetime.fromtimestamp(claims[CWT_EXP], dt.timezone.utc)
        return iat, exp, self.clock()

    def EXPECTEDEXPIRATIONCHECK(self):
        iat, exp, clock = self._times()
        ok = iat <= clock <= exp
        # alternative reading (the upstream pytest harness): the DSC validity must also cover [iat, exp]
        try:
            dsc = self.dsc()
            self.alt_strict = ok and dsc.not_before <= iat and exp <= dsc.not_after
            span = f" dsc=[{dsc.not_before:%Y-%m-%dT%H:%M:%SZ}..{dsc.not_after:%Y-%m-%dT%H:%M:%SZ}]"
        except CheckError:
            self.alt_strict, span = False, ""
        if not ok:
            raise CheckError(f"iat={iat:%Y-%m-%dT%H:%M:%SZ} clock={clock:%Y-%m-%dT%H:%M:%SZ} "
                             f"exp={exp:%Y-%m-%dT%H:%M:%SZ}{span}")
        return True

    def EXPECTEDKEYUSAGE(self):
        h = hcert_from_claims(Cose(self.cose_bytes()).claims()) \
            if (self.has("COSE") or FROM_PREFIX) else self._hcert_any()
        kinds = [k for k in ("v", "t", "r") if isinstance(h, dict) and k in h]
        if len(kinds) != 1:
            raise CheckError(f"cannot tell certificate type: {kinds}")
        dsc = self.dsc()
        dcc_ekus = dsc.ekus & DCC_EKUS
        # alternative reading (the upstream pytest harness): any EKU present must include the type
        self.alt_keyusage = not dsc.ekus or bool(dsc.ekus & EKU_BY_TYPE[kinds[0]])
        if dcc_ekus and not (dcc_ekus & EKU_BY_TYPE[kinds[0]]):
            raise CheckError(f"type {kinds[0]} not allowed by DSC EKUs {sorted(dcc_ekus)}")
        if dsc.lenient_note:
            self.notes.append(dsc.lenient_note)
        return True

    def run(self):
        results = {}
        for key, want in self.exp.items():
            if key not in KNOWN_KEYS:
                results[key] = {"expected": want, "status": "unknown-key"}
                continue
            if key == "EXPECTEDPICTUREDECODE":
                results[key] = {"expected": want, "status": "not-checked"}
                continue
            fn = getattr(self, key)
            self.notes = []
            try:
                got, why = fn(), ""
            except MissingInput as e:
                results[key] = {"expected": want, "status": "skipped", "why": str(e)}
                continue
            except CheckError as e:
                got, why = False, str(e)
            except Exception as e:  # a bug or an unforeseen input shape: count as failure, say so
                got, why = False, f"{type(e).__name__}: {e}"
            entry = {"expected": want, "actual": got,
                     "status": "agree" if got == want else "DISAGREE"}
            if why:
                entry["why"] = why
            if key == "EXPECTEDEXPIRATIONCHECK" and hasattr(self, "alt_strict"):
                entry["alt_dsc_covers"] = self.alt_strict
                del self.alt_strict
            if key == "EXPECTEDKEYUSAGE" and hasattr(self, "alt_keyusage"):
                entry["alt_any_eku"] = self.alt_keyusage
                del self.alt_keyusage
            if self.notes:
                entry["notes"] = list(self.notes)
            results[key] = entry
        return results

    def e2e(self):
        """End-to-end verdict from PREFIX + CERTIFICATE + VALIDATIONCLOCK only."""
        out = {}
        try:
            cose = Cose(chain_from_prefix(self.d.get("PREFIX", "")))
            claims = cose.claims()
            out["alg"] = ALGS.get(cose.alg, cose.alg)
            out["hcert"] = jsonable(hcert_from_claims(claims))
            out["iss"] = claims.get(CWT_ISS)
            dsc = self.dsc()
            out["kid_ok"] = cose.kid == dsc.kid
            out["sig"] = verify_signature(cose, dsc) or "ok"
        except CheckError as e:
            out["error"] = str(e)
        return out


def collect(paths):
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for f in sorted(p.rglob("*.json")):
                if "schema" in f.relative_to(p).parts:
                    continue
                yield f
        else:
            yield p


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every check")
    ap.add_argument("--report", help="write a JSON report here")
    ap.add_argument("--dump", action="store_true", help="print the decoded PREFIX chain")
    ap.add_argument("--root", help="report file names relative to this folder")
    ap.add_argument("--from-prefix", action="store_true",
                    help="VERIFY/EXPIRATION/KEYUSAGE decode the PREFIX string instead of the COSE field")
    a = ap.parse_args(argv)
    global FROM_PREFIX
    FROM_PREFIX = a.from_prefix

    tally = {"files": 0, "not-test-case": 0, "checks": 0, "agree": 0, "DISAGREE": 0,
             "skipped": 0, "not-checked": 0, "unknown-key": 0}
    alt = {"EXPECTEDEXPIRATIONCHECK(dsc-covers)": [0, 0], "EXPECTEDKEYUSAGE(any-EKU)": [0, 0]}
    per_key: dict = {}
    report = {}
    for f in collect(a.paths):
        name = str(f.relative_to(a.root)) if a.root else str(f)
        try:
            case = Case(f)
        except Exception as e:
            print(f"{name}: unreadable: {e}")
            continue
        if "EXPECTEDRESULTS" not in case.d:
            tally["not-test-case"] += 1
            continue
        tally["files"] += 1
        res = case.run()
        report[name] = {"description": case.ctx.get("DESCRIPTION"), "results": res}
        if a.dump:
            print(json.dumps({name: case.e2e()}, indent=1, ensure_ascii=False, default=str))
        for key, r in res.items():
            tally[r["status"]] += 1
            if r["status"] in ("agree", "DISAGREE"):
                tally["checks"] += 1
                pk = per_key.setdefault(key, {"agree": 0, "DISAGREE": 0})
                pk[r["status"]] += 1
            for altkey, field in (("EXPECTEDEXPIRATIONCHECK(dsc-covers)", "alt_dsc_covers"),
                                  ("EXPECTEDKEYUSAGE(any-EKU)", "alt_any_eku")):
                if field in r:
                    alt[altkey][0 if r[field] == r["expected"] else 1] += 1
            if a.verbose or r["status"] == "DISAGREE":
                extra = f"  ({r['why']})" if r.get("why") else ""
                print(f"{r['status']:>9} {name} {key} expected={r['expected']} "
                      f"actual={r.get('actual')}{extra}")
    print("\nper check:")
    for k in sorted(per_key):
        print(f"  {k:26} agree={per_key[k]['agree']:4} disagree={per_key[k]['DISAGREE']:4}")
    print("alternative readings (agree/disagree):")
    for k, (ag, dis) in alt.items():
        print(f"  {k:34} agree={ag:4} disagree={dis:4}")
    print("totals:", json.dumps(tally))
    if a.report:
        Path(a.report).write_text(json.dumps({"tally": tally, "per_check": per_key, "alternatives": alt,
                                             "cases": report},
                                             indent=1, ensure_ascii=False, default=str))
    return 0 if tally["DISAGREE"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
