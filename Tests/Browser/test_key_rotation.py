"""The border verifier page across a DSC rotation on a running server: a certificate signed before
`healthctl keys rotate` and one signed after both verify with the trust list the page downloads."""

import base64
import json
import time
import zlib
from datetime import datetime, timedelta, timezone

import base45

from test_verifier_page import HOLDER, iso, issue_test_certificates, scan, wait_for_lists


def signed_with(hc1, kid):
    """Whether the certificate's COSE headers carry the kid (base64, as trust lists give it)."""
    return base64.b64decode(kid) in zlib.decompress(base45.b45decode(hc1[4:]))


def test_certificates_signed_before_and_after_a_rotation_verify(server, browser):
    certificates, operator = issue_test_certificates(server)
    before = certificates["valid"]
    old_kid = server.request("GET", "/v1/trust-list")[0]["kid"]
    rotated = json.loads(server.cli("keys", "rotate", "--json"))
    deadline = time.monotonic() + 30
    while len(server.request("GET", "/v1/trust-list")) < 2:
        assert time.monotonic() < deadline, "the server did not take up the new DSC within 30 s"
        time.sleep(0.5)

    lab = json.loads(server.cli("tokens", "create", "--role", "lab", "--name", "rotation-lab", "--json"))
    now = datetime.now(timezone.utc)
    item = {"sampleId": "ROTATION-after", "nationalId": HOLDER["nationalId"], "test": "pcr",
            "result": "negative", "sampledAt": iso(now - timedelta(minutes=30)), "resultedAt": iso(now)}
    outcome = server.request("POST", "/v1/lab/results", [item], lab["token"])[0]
    after = server.request("GET", f"/v1/certificates/{outcome['certificateId']}", token=operator)
    assert signed_with(before["hc1"], old_kid) and signed_with(after["hc1"], rotated["kid"])

    browser.get(server.base + "/verifier")
    wait_for_lists(browser, revoked=0)
    for name, certificate in (("before", before), ("after", after)):
        result = scan(browser, certificate["hc1"])
        assert result["verdict"] == "valid", (name, result)
