"""SMART Health Cards at the border page, against a real server: the official example cards (`Tests/Fixtures/shc`)
scanned as a handheld scanner types them before their issuer is trusted (`unknown-issuer`), then after `healthctl
trust import` of a snapshot of the spec's example issuer (its keys and CRL): examples 00 and 01 (three doses) are
valid for entry; example 02 (three chunks, scanned one by one in shuffled order and pasted at once; a lab report
with no Patient) is technically valid and not valid for entry; example 03 is `revoked` (and past its `exp`); a card
with a changed signature is `signature-invalid`. Offline, lists stored by an older page without issuers still check
HC1 and ask for a refresh for a card. A card our server issues with a lab result scans back from the SVG citizens
download (drawn by Chromium, read by zbarimg), is valid on the page and in `cert verify` with the same checks, and
is revoked on both once its certificate is."""

import base64
import json
import random
import subprocess
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import REPOSITORY
from test_verifier_page import go_offline, issue_test_certificates

FIXTURES = REPOSITORY / "Tests" / "Fixtures" / "shc"
ISSUER = "https://spec.smarthealth.cards/examples/issuer"
ISSUER_NAME = "SMART Health Cards spec examples"
#: The checks of a card whose signature, dates and Bundle all hold; revocation is null when the issuer has no CRL
#: for the card's key or the card no rid.
CARD_CHECKS = ["prefix", "numeric", "chunks", "inflate", "jws", "kid", "signature", "issuer", "nbf", "fhir"]


def qr_texts(example):
    """The example's QR texts, one per chunk, in chunk order."""
    files = sorted(FIXTURES.glob(f"example-{example}-f-qr-code-numeric-value-*.txt"))
    return [file.read_text(encoding="utf-8").strip() for file in files]


def issuer_snapshot(directory):
    """The spec's example issuer as a VCI directory snapshot with its keys and CRL."""
    well_known = FIXTURES / "issuer" / ".well-known"
    crls = [json.loads(file.read_text(encoding="utf-8")) for file in sorted((well_known / "crl").glob("*.json"))]
    snapshot = {
        "directory": {"participating_issuers": [{"iss": ISSUER, "name": ISSUER_NAME}]},
        "keys": {ISSUER: json.loads((well_known / "jwks.json").read_text(encoding="utf-8"))},
        "crls": {ISSUER: crls},
    }
    path = Path(directory) / "issuer-snapshot.json"
    path.write_text(json.dumps(snapshot), encoding="utf-8")
    return path


def with_signature_changed(text):
    """The one-chunk card with one character of its JWS signature changed, encoded as numeric QR text again."""
    digits = text.removeprefix("shc:/")
    jws = "".join(chr(int(digits[i:i + 2]) + 45) for i in range(0, len(digits), 2))
    header, payload, signature = jws.split(".")
    jws = f"{header}.{payload}.{'B' if signature[0] != 'B' else 'A'}{signature[1:]}"
    return "shc:/" + "".join(f"{ord(c) - 45:02d}" for c in jws)


def shown(browser):
    WebDriverWait(browser, 20).until(lambda b: b.find_element(By.ID, "verdict").get_attribute("data-verdict"))
    verdict = browser.find_element(By.ID, "verdict")
    return {
        "verdict": verdict.get_attribute("data-verdict"),
        "format": verdict.get_attribute("data-format"),
        "check": verdict.get_attribute("data-check"),
        "error": verdict.get_attribute("data-error"),
        "checks": json.loads(verdict.get_attribute("data-checks")),
        "text": verdict.text,
    }


def scan_card(browser, texts):
    """Types each text and Enter into the focused field, one scan per chunk; returns the verdict."""
    chunks = browser.find_element(By.ID, "chunks")
    for read, text in enumerate(texts, 1):
        field = browser.switch_to.active_element
        assert field.get_attribute("id") == "hc1", "the scan field must have the focus"
        field.send_keys(text + Keys.ENTER)
        if read < len(texts):
            WebDriverWait(browser, 20).until(lambda b: chunks.get_attribute("data-have") == str(read))
            assert chunks.is_displayed() and f"({read} of {len(texts)})" in chunks.text, chunks.text
    result = shown(browser)
    assert not chunks.is_displayed(), "the chunk status goes once the card is whole"
    return result


def paste_card(browser, texts):
    """Pastes the texts one per line into the field (a text field keeps no line breaks)."""
    browser.execute_script(
        "const field = document.getElementById('hc1');"
        "field.value = arguments[0]; field.dispatchEvent(new Event('paste'));",
        "\n".join(texts),
    )
    return shown(browser)


def downloaded_at(browser):
    status = browser.find_element(By.ID, "lists")
    WebDriverWait(browser, 20).until(lambda b: status.get_attribute("data-state") == "fresh")
    return int(status.get_attribute("data-downloaded-at"))


def reload_lists(browser):
    """Reloads the page and waits until it has downloaded the lists again."""
    before = downloaded_at(browser)
    browser.refresh()
    WebDriverWait(browser, 20).until(lambda b: downloaded_at(b) != before)


def assert_technically_valid(result, revocation):
    checks = result["checks"]
    assert result["format"] == "shc" and result["error"] == "" and checks["revocation"] is revocation, result
    assert all(checks[step] is True for step in CARD_CHECKS), result


def strip_stored_issuers(browser):
    """Makes the stored lists look like an older page's, which kept no health card issuers."""
    browser.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        indexedDB.open('border-verifier').onsuccess = (event) => {
          const store = event.target.result.transaction('lists', 'readwrite').objectStore('lists');
          store.get('lists').onsuccess = (got) => {
            const lists = got.target.result;
            delete lists.issuers;
            store.put(lists, 'lists').onsuccess = () => done(true);
          };
        };
        """
    )


def test_smart_health_cards_at_the_border(server, browser, tmp_path):
    browser.get(server.base + "/verifier")
    downloaded_at(browser)
    WebDriverWait(browser, 20).until(lambda b: b.execute_script("return navigator.serviceWorker.controller !== null"))
    unknown = scan_card(browser, qr_texts("00"))
    assert (unknown["verdict"], unknown["check"], unknown["error"]) == ("invalid", "issuer", "unknown-issuer"), unknown
    assert all(unknown["checks"][step] is None for step in ["kid", "signature", "nbf", "fhir"]), unknown
    assert "unknown issuer" in unknown["text"], unknown["text"]
    browser.find_element(By.ID, "language").click()
    assert "جهة إصدار غير معروفة" in browser.find_element(By.ID, "verdict").text
    browser.find_element(By.ID, "language").click()

    server.cli("trust", "import", str(issuer_snapshot(tmp_path)))
    reload_lists(browser)
    for example, revocation in [("00", True), ("01", None)]:
        result = scan_card(browser, qr_texts(example))
        assert result["verdict"] == "valid", (example, result)
        assert_technically_valid(result, revocation)
        for shown_text in ["Meets all 3 entry rules", "Anyperson, John B.", "ANYPERSON<<JOHN<B", "1951-01-20",
                           ISSUER_NAME, "Spikevax", "dose 3 of 3", "given 2022-09-05"]:
            assert shown_text in result["text"], (example, shown_text, result["text"])

    chunks = qr_texts("02")
    assert len(chunks) == 3
    shuffled = random.Random(2).sample(chunks, 3)
    for result in [scan_card(browser, shuffled), paste_card(browser, list(reversed(chunks)))]:
        assert result["verdict"] == "not-valid-for-entry", result
        assert_technically_valid(result, revocation=True)
        assert ISSUER_NAME in result["text"] and "Test" in result["text"], result["text"]
    mixed = paste_card(browser, [chunks[0], chunks[1], qr_texts("00")[0]])
    assert (mixed["check"], mixed["error"]) == ("chunks", "invalid-chunks"), mixed

    revoked = scan_card(browser, qr_texts("03"))
    assert (revoked["verdict"], revoked["check"], revoked["error"]) == ("invalid", "revocation", "revoked"), revoked
    assert revoked["checks"]["signature"] is True and revoked["checks"]["nbf"] is False, "also expired: " + str(revoked)
    assert "revoked" in revoked["text"] and "REVOKED, JOHNNY" in revoked["text"], revoked["text"]
    tampered = scan_card(browser, [with_signature_changed(qr_texts("00")[0])])
    assert (tampered["verdict"], tampered["check"], tampered["error"]) == (
        "invalid", "signature", "signature-invalid"), tampered
    assert tampered["checks"]["kid"] is True and tampered["checks"]["fhir"] is None, tampered
    assert "signature" in tampered["text"] and "Anyperson" not in tampered["text"], tampered["text"]
    upper = scan_card(browser, ["SHC:/" + qr_texts("00")[0][5:]])
    assert (upper["format"], upper["error"]) == ("shc", "wrong-prefix"), upper

    strip_stored_issuers(browser)
    go_offline(browser, server)
    browser.refresh()
    downloaded_at(browser)
    outdated = scan_card(browser, qr_texts("00"))
    assert (outdated["verdict"], outdated["error"]) == ("invalid", "no-issuer-list"), outdated
    assert "refresh" in outdated["text"], outdated["text"]
    hc1 = scan_card(browser, ["HC1:abc"])
    assert (hc1["format"], hc1["check"], hc1["error"]) == ("hc1", "base45", "base45-invalid-character"), hc1


def scanned_svg(browser, svg, tmp_path):
    """The QR texts zbarimg reads from a screenshot of `svg` as Chromium draws it, one per line.

    Only QR codes are looked for: zbar otherwise now and then reads a linear barcode out of a large symbol."""
    browser.get("data:image/svg+xml;base64," + base64.b64encode(svg).decode())
    image = tmp_path / "shc.png"
    image.write_bytes(browser.find_element(By.TAG_NAME, "svg").screenshot_as_png)
    scanned = subprocess.run(["zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", str(image)], capture_output=True, text=True)
    return sorted(line for line in scanned.stdout.splitlines() if line)


def test_our_cards_scan_verify_and_are_revoked_with_their_certificates(server, browser, tmp_path):
    certificates, operator = issue_test_certificates(server)
    card = certificates["valid"]["shc"]
    assert card["qr"] and all(text.startswith("shc:/") for text in card["qr"]), card
    svg = server.raw("GET", f"/v1/certificates/{certificates['valid']['id']}/shc.svg", token=operator)
    assert scanned_svg(browser, svg, tmp_path) == sorted(card["qr"]), "the SVG a citizen downloads scans back"

    browser.get(server.base + "/verifier")
    downloaded_at(browser)
    result = scan_card(browser, card["qr"])
    assert result["verdict"] == "valid", result
    assert_technically_valid(result, revocation=True)
    cli = json.loads(server.cli("cert", "verify", "--json", card["qr"][0], check=False))
    assert cli["verdict"] == "valid" and cli["checks"] == result["checks"], (cli, result)

    server.request("POST", f"/v1/certificates/{certificates['valid']['id']}/revoke", {"reason": "lab error"}, operator)
    reload_lists(browser)
    revoked = scan_card(browser, card["qr"])
    assert (revoked["verdict"], revoked["error"]) == ("invalid", "revoked"), revoked
    cli = json.loads(server.cli("cert", "verify", "--json", card["qr"][0], check=False))
    assert (cli["verdict"], cli["error"]) == ("invalid", "revoked"), cli


def observation(loinc, snomed, status, taken):
    return {"resource": {
        "resourceType": "Observation", "status": status, "effectiveDateTime": taken,
        "code": {"coding": [{"system": "http://loinc.org", "code": loinc}]},
        "valueCodeableConcept": {"coding": [{"system": "http://snomed.info/sct", "code": snomed}]},
    }}


#: The bundles HealthCardExampleTests.aCardsTestResultIsItsLatestCompletedCovidTest reads, with what the server reads.
LATEST_TEST_CASES = [
    ([observation("94500-6", "10828004", "final", "2026-03-10T10:00:00Z"),
      observation("94500-6", "260385009", "entered-in-error", "2026-03-11T10:00:00Z")], "LP6464-4", "260373001"),
    ([observation("94500-6", "10828004", "final", "2026-03-10T23:00:00-05:00"),
      observation("94500-6", "260385009", "final", "2026-03-11T02:00:00+00:00")], "LP6464-4", "260373001"),
    ([observation("94500-6", "260385009", "final", "2026-03-10T10:00:00Z"),
      observation("94563-4", "10828004", "final", "2026-03-12T10:00:00Z")], "LP6464-4", "260415000"),
]


def test_the_page_reads_a_cards_latest_completed_covid_test_as_the_server_does(server, browser):
    browser.get(server.base + "/verifier")
    for entries, test_type, result in LATEST_TEST_CASES:
        read = browser.execute_async_script(
            """
            const [bundle, done] = arguments;
            import('/verifier/fhir.js')
              .then(({ readBundle }) => done(readBundle(bundle, {}).payload.t?.[0] ?? null))
              .catch((error) => done({ error: String(error) }));
            """,
            {"resourceType": "Bundle", "entry": entries},
        )
        assert read is not None and (read["tt"], read["tr"]) == (test_type, result), (entries, read)
