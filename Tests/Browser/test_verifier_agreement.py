"""Agreement: every dgc-testdata case (Tests/Fixtures/dcc) whose document signer key is P-256 or RSA, verified
by the page's own verifier in Chromium with that case's DSC as the trust list and its validation clock, gets the
same verdict (valid, and the failure code) as `healthctl cert verify --json`."""

import base64
import csv
import hashlib
import json
import subprocess
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from conftest import REPOSITORY

FIXTURES = REPOSITORY / "Tests" / "Fixtures" / "dcc"


def known_upstream_issues():
    """(country, case or '') of upstream's list of test cases it knows to be wrong, as the Swift conformance test
    lists them."""
    with open(FIXTURES / "upstream-known-issues.csv", newline="", encoding="utf-8") as file:
        return {(row["country"], row["test_set"]) for row in csv.DictReader(file)}


def clock_ms(text, fallback_ms):
    """VALIDATIONCLOCK as milliseconds since 1970: any number of fraction digits, UTC when it has no zone."""
    if not text:
        return fallback_ms
    text = text.strip().replace("Z", "+00:00")
    main, _, rest = text.partition(".")
    fraction, zone = "", ""
    if rest:
        digits = len(rest) - len(rest.lstrip("0123456789"))
        fraction, zone = rest[:digits], rest[digits:]
    else:
        main, zone = (main[:19], main[19:])
    moment = datetime.fromisoformat(main + (zone or "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return int(moment.timestamp() * 1000) + int((fraction + "000")[:3])


def iso_ms(ms):
    return datetime.fromtimestamp(ms / 1000, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


def document_signer(case):
    text = case.get("TESTCTX", {}).get("CERTIFICATE") or ""
    cleaned = "".join(line for line in text.splitlines() if not line.startswith("-----")).replace(" ", "")
    return base64.b64decode(cleaned + "=" * (-len(cleaned) % 4)) if cleaned else None


def key_kind(der):
    """'p256', 'rsa', another key's name, or None when the DSC does not parse."""
    try:
        key = x509.load_der_x509_certificate(der).public_key()
    except ValueError:
        return None
    if isinstance(key, ec.EllipticCurvePublicKey):
        return "p256" if key.curve.name == "secp256r1" else key.curve.name
    return "rsa" if isinstance(key, rsa.RSAPublicKey) else type(key).__name__


def selected_cases(now_ms):
    """The cases with a PREFIX and a P-256 or RSA DSC, and counts of the others by why they were left out."""
    chosen, left_out = [], {}
    for path in sorted(FIXTURES.rglob("*.json")):
        relative = path.relative_to(FIXTURES)
        if relative.parts[0] == "schema":
            continue
        case = json.loads(path.read_text(encoding="utf-8"))
        der = document_signer(case)
        kind = key_kind(der) if der else "no DSC"
        if not case.get("PREFIX") or kind not in ("p256", "rsa"):
            reason = "no PREFIX" if not case.get("PREFIX") else f"DSC key {kind or 'unparsable'}"
            left_out[reason] = left_out.get(reason, 0) + 1
            continue
        subject = x509.load_der_x509_certificate(der).subject
        countries = subject.get_attributes_for_oid(x509.oid.NameOID.COUNTRY_NAME)
        entry = {
            "kid": base64.b64encode(hashlib.sha256(der).digest()[:8]).decode(),
            "country": countries[0].value if countries else "",
            "certificateType": "DSC",
            "rawData": base64.b64encode(der).decode(),
        }
        chosen.append({
            "name": str(relative),
            "country": relative.parts[0],
            "case": path.stem,
            "prefix": case["PREFIX"],
            "entry": entry,
            "now": clock_ms(case.get("TESTCTX", {}).get("VALIDATIONCLOCK"), now_ms),
        })
    return chosen, left_out


PAGE_VERIFY = """
const [cases, done] = [arguments[0], arguments[arguments.length - 1]];
(async () => {
  const { verifyHC1 } = await import('/verifier/verify.js');
  const { trustListFrom } = await import('/verifier/trust.js');
  const { valueSetsFrom } = await import('/verifier/valuesets.js');
  const valueSets = valueSetsFrom(await (await fetch('/v1/value-sets')).json());
  const results = [];
  for (const c of cases) {
    try {
      const r = await verifyHC1(c.prefix, { trust: trustListFrom([c.entry]), valueSets, now: c.now });
      results.push({ valid: r.valid, error: r.error, checks: r.checks });
    } catch (error) {
      results.push({ valid: null, error: 'page-exception: ' + error, checks: null });
    }
  }
  done(results);
})().catch((error) => done('failed: ' + error));
"""


def cli_verdict(healthctl, case, directory):
    trust = Path(directory) / "trust.json"
    trust.write_text(json.dumps([case["entry"]]), encoding="utf-8")
    result = subprocess.run(
        [healthctl, "cert", "verify", "--trust", str(trust), "--at", iso_ms(case["now"]), "--json", "-"],
        input=case["prefix"], capture_output=True, text=True,
    )
    if result.returncode not in (0, 1):
        return {"valid": None, "error": "cli-refused: " + result.stderr.strip().splitlines()[0], "checks": None}
    answer = json.loads(result.stdout)
    return {"valid": answer["valid"], "error": answer["error"], "checks": answer["checks"]}


def test_page_agrees_with_cli_on_conformance_cases(server, browser, healthctl):
    started = time.monotonic()
    cases, left_out = selected_cases(int(time.time() * 1000))
    browser.get(server.base + "/verifier")
    page = browser.execute_async_script(PAGE_VERIFY, cases)
    assert isinstance(page, list), page
    page_seconds = time.monotonic() - started
    with tempfile.TemporaryDirectory(prefix="verifier-agreement-") as directory:
        cli = [cli_verdict(healthctl, case, directory) for case in cases]
    known = known_upstream_issues()
    agree, disagree, unexplained, same_checks = 0, 0, [], 0
    for case, ours, theirs in zip(cases, page, cli):
        if (ours["valid"], ours["error"]) == (theirs["valid"], theirs["error"]):
            agree += 1
            same_checks += ours["checks"] == theirs["checks"]
            continue
        disagree += 1
        if (case["country"], case["case"]) not in known and (case["country"], "") not in known:
            unexplained.append(
                f"{case['name']}: page {ours['valid']} {ours['error']}, cli {theirs['valid']} {theirs['error']}"
            )
    valid = sum(1 for verdict in cli if verdict["valid"])
    print(
        f"verifier agreement: {len(cases)} cases (P-256 or RSA DSC), agree={agree} (same checks: {same_checks}) "
        f"disagree={disagree} (known upstream issues: {disagree - len(unexplained)}); valid by the CLI: {valid}; "
        f"left out: {left_out}; page {page_seconds:.1f} s, total {time.monotonic() - started:.1f} s"
    )
    assert not unexplained, f"{len(unexplained)} unexplained:\n" + "\n".join(unexplained)
    assert len(cases) > 450
