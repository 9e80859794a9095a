"""The border verifier page in headless Chromium against a real server: lists downloaded online, a revocation
picked up while online, then offline (DevTools network emulation and the server stopped) a reload from the
service worker, and certificates typed into the focused field as a handheld scanner types them."""

import json
import re
import tempfile
import time
import urllib.request
import zlib
from datetime import datetime, timedelta, timezone
from pathlib import Path

import base45
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import REPOSITORY, SCREENSHOTS, chromium

HOLDER = {
    "nationalId": "880412345",
    "dateOfBirth": "1988-04-12",
    "familyName": "علي",
    "givenName": "فاطمة",
    "familyNameLatin": "ALI",
    "givenNameLatin": "FATIMA",
}
PAGE_FILES = REPOSITORY / "Sources" / "HealthAPI" / "Resources" / "verifier"
#: A test certificate is valid for 72 hours after its sample; this one is issued with this many seconds left.
EXPIRING_SECONDS = 40
#: The page clears a verdict after this long.
CLEAR_AFTER_SECONDS = 60


def iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def issue_test_certificates(server):
    """Negative PCR results for the holder, each of which issues a test certificate: {name: certificate}."""
    operator = json.loads(server.cli("tokens", "create", "--role", "operator", "--name", "border-test-op", "--json"))
    lab = json.loads(server.cli("tokens", "create", "--role", "lab", "--name", "border-test-lab", "--json"))
    server.request("POST", "/v1/people", HOLDER, operator["token"])
    now = datetime.now(timezone.utc)
    samples = {
        "valid": now - timedelta(hours=1),
        "revoked": now - timedelta(hours=2),
        "expired": now - timedelta(hours=72) + timedelta(seconds=EXPIRING_SECONDS),
    }
    batch = [
        {"sampleId": f"BORDER-{name}", "nationalId": HOLDER["nationalId"], "test": "pcr", "result": "negative",
         "sampledAt": iso(sampled), "resultedAt": iso(now)}
        for name, sampled in samples.items()
    ]
    outcomes = server.request("POST", "/v1/lab/results", batch, lab["token"])
    certificates = {}
    for name, outcome in zip(samples, outcomes):
        assert outcome["status"] == "created", outcome
        path = f"/v1/certificates/{outcome['certificateId']}"
        certificates[name] = server.request("GET", path, token=operator["token"])
    return certificates, operator["token"]


def signed_by_unknown_key(server, payload):
    """The same payload signed by a document signer that no trust list holds."""
    with tempfile.TemporaryDirectory(prefix="verifier-other-signer-") as directory:
        other = str(Path(directory) / "data")
        server.cli("keys", "init", "--country", "BH", data=other)
        payload_file = Path(directory) / "payload.json"
        payload_file.write_text(json.dumps(payload), encoding="utf-8")
        return server.cli("cert", "issue", "--payload", str(payload_file), data=other).strip()


def with_one_character_changed(hc1, old, new):
    """The certificate with one character of a short text of its signed content changed and re-encoded, as a
    forger would."""
    cose = zlib.decompress(base45.b45decode(hc1[4:]))
    item = bytes([0x60 + len(old)]) + old.encode()
    assert len(old) == len(new) < 24 and cose.count(item) == 1
    edited = cose.replace(item, bytes([0x60 + len(new)]) + new.encode())
    return "HC1:" + base45.b45encode(zlib.compress(edited)).decode()


def with_trailing_byte(hc1):
    """The certificate with one byte after its zlib stream."""
    return "HC1:" + base45.b45encode(base45.b45decode(hc1[4:]) + b"\x00").decode()


def resource_count(browser):
    return browser.execute_script("return performance.getEntriesByType('resource').length")


def page_size(base):
    """The bytes of every file the page and its service worker load."""
    total = 0
    for file in PAGE_FILES.iterdir():
        path = "/verifier" if file.name == "index.html" else f"/verifier/{file.name}"
        with urllib.request.urlopen(base + path, timeout=10) as response:
            total += len(response.read())
    return total


def scan(browser, text):
    """Types the text and Enter into whatever has the focus, as a keyboard-mode scanner does; returns the verdict."""
    field = browser.switch_to.active_element
    assert field.get_attribute("id") == "hc1", "the scan field must have the focus"
    field.send_keys(text + Keys.ENTER)
    WebDriverWait(browser, 20).until(lambda b: b.find_element(By.ID, "verdict").get_attribute("data-verdict"))
    verdict = browser.find_element(By.ID, "verdict")
    return {
        "verdict": verdict.get_attribute("data-verdict"),
        "check": verdict.get_attribute("data-check"),
        "error": verdict.get_attribute("data-error"),
        "text": verdict.text,
    }


def wait_for_lists(browser, revoked):
    status = browser.find_element(By.ID, "lists")
    WebDriverWait(browser, 20).until(
        lambda b: status.get_attribute("data-state") == "fresh" and f"{revoked} revoked" in status.text
    )
    return int(status.get_attribute("data-downloaded-at"))


def go_offline(browser, server):
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    server.stop()


def stored_text(browser):
    """Everything the page keeps in IndexedDB and Web Storage, as text."""
    return browser.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        const request = indexedDB.open('border-verifier');
        request.onsuccess = () => {
          const all = request.result.transaction('lists').objectStore('lists').getAll();
          all.onsuccess = () => done(JSON.stringify([all.result, {...localStorage}, {...sessionStorage}]));
        };
        """
    )


def age_lists_by_a_day(browser):
    """Moves the stored lists' download time 25 hours back."""
    browser.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        const request = indexedDB.open('border-verifier');
        request.onsuccess = () => {
          const store = request.result.transaction('lists', 'readwrite').objectStore('lists');
          store.get('lists').onsuccess = (event) => {
            const lists = event.target.result;
            lists.downloadedAt -= 25 * 3600 * 1000;
            store.put(lists, 'lists').onsuccess = () => done(true);
          };
        };
        """
    )


def test_verdicts_offline_after_lists_download(server, browser):
    started = time.monotonic()
    certificates, operator = issue_test_certificates(server)
    valid = certificates["valid"]
    unknown_signer = signed_by_unknown_key(server, valid["payload"])
    family_icao = valid["payload"]["nam"]["fnt"]
    edited = family_icao[:-1] + ("A" if family_icao[-1] != "A" else "B")
    tampered = with_one_character_changed(valid["hc1"], family_icao, edited)
    size = page_size(server.base)
    print(f"verifier page size: {size} bytes in {len(list(PAGE_FILES.iterdir()))} files")
    assert size < 125_000

    browser.get(server.base + "/verifier")
    first_download = wait_for_lists(browser, revoked=0)
    has_detector = browser.execute_script("return 'BarcodeDetector' in window")
    assert browser.find_element(By.ID, "camera").is_displayed() == has_detector, "camera button only with a detector"
    WebDriverWait(browser, 20).until(lambda b: b.execute_script("return navigator.serviceWorker.controller !== null"))
    requests_before = resource_count(browser)
    assert scan(browser, valid["hc1"])["verdict"] == "valid"
    assert resource_count(browser) == requests_before, "a scan sends nothing anywhere"
    revoke = f"/v1/certificates/{certificates['revoked']['id']}/revoke"
    server.request("POST", revoke, {"reason": "border test"}, operator)
    browser.refresh()
    online_download = wait_for_lists(browser, revoked=1)
    assert online_download > first_download

    go_offline(browser, server)
    browser.refresh()
    assert browser.execute_script("return navigator.serviceWorker.controller !== null")
    assert wait_for_lists(browser, revoked=1) == online_download, "offline, the stored lists are used"

    result = scan(browser, valid["hc1"])
    assert result["verdict"] == "valid", result
    assert "VALID" in result["text"] and "علي، فاطمة" in result["text"], result["text"]
    assert valid["payload"]["nam"]["fnt"] in result["text"] and "1988-04-12" in result["text"]
    assert valid["uvci"] in result["text"] and "PCR" in result["text"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SCREENSHOTS / "valid.png"))
    browser.find_element(By.ID, "language").click()
    assert browser.execute_script("return document.documentElement.dir") == "rtl"
    assert "صالحة" in browser.find_element(By.ID, "verdict").text
    browser.save_screenshot(str(SCREENSHOTS / "valid-ar.png"))
    browser.find_element(By.ID, "language").click()
    assert browser.switch_to.active_element.get_attribute("id") == "hc1"
    desk_size = browser.get_window_size()
    browser.set_window_size(412, 915)
    browser.save_screenshot(str(SCREENSHOTS / "valid-phone.png"))
    browser.set_window_size(desk_size["width"], desk_size["height"])
    scanned_at = time.monotonic()

    holder_traces = [HOLDER["familyName"], HOLDER["givenName"], valid["uvci"]]
    assert not any(trace in stored_text(browser) for trace in holder_traces), "nothing of the holder is stored"
    time.sleep(max(0, CLEAR_AFTER_SECONDS + 1 - (time.monotonic() - scanned_at)))
    verdict = browser.find_element(By.ID, "verdict")
    assert verdict.get_attribute("hidden") is not None and verdict.text == "", "the verdict is cleared after 60 s"

    cases = [
        ("signature changed", tampered, "signature", "signature-invalid", "signature"),
        ("expired", certificates["expired"]["hc1"], "expiry", "expired", "expired"),
        ("revoked after the first download", certificates["revoked"]["hc1"], "revocation", "revoked", "revoked"),
        ("unknown signer", unknown_signer, "kid", "unknown-kid", "unknown signer"),
        ("not a certificate", "NOT-A-CERTIFICATE 1234", "prefix", "wrong-prefix", "not a certificate"),
        ("trailing data", with_trailing_byte(valid["hc1"]), "decompress", "trailing-data", "not a certificate"),
        ("Base45 holding shc:/", "HC1:SHC:/0", "decompress", "invalid-zlib", "not a certificate"),
    ]
    for name, text, check, error, words in cases:
        result = scan(browser, text)
        assert (result["verdict"], result["check"], result["error"]) == ("invalid", check, error), (name, result)
        assert "INVALID" in result["text"] and words in result["text"], (name, result["text"])
        if name == "revoked after the first download":
            browser.save_screenshot(str(SCREENSHOTS / "invalid.png"))
    age_lists_by_a_day(browser)
    browser.refresh()
    status = browser.find_element(By.ID, "lists")
    WebDriverWait(browser, 20).until(lambda b: status.get_attribute("data-state") == "stale")
    assert "connect to the network" in status.text, status.text
    print(f"verifier browser test: {time.monotonic() - started:.1f} s")


def test_service_worker_keeps_every_page_file():
    """The worker's list of files to keep offline names each file of the page (and nothing else)."""
    worker = (PAGE_FILES / "sw.js").read_text(encoding="utf-8")
    listed = set(re.findall(r"'([^']+)'", worker.split("const FILES = [")[1].split("];")[0]))
    files = {f"/verifier/{file.name}" for file in PAGE_FILES.iterdir() if file.name not in ("index.html", "sw.js")}
    assert listed == {"/verifier"} | files


def test_an_arabic_browser_gets_the_page_in_arabic(server):
    driver = chromium("ar")
    try:
        driver.get(server.base + "/verifier")
        WebDriverWait(driver, 20).until(lambda d: d.find_element(By.ID, "lists").get_attribute("data-state") == "fresh")
        page = driver.execute_script("return [document.documentElement.lang, document.documentElement.dir]")
        assert page == ["ar", "rtl"]
        assert driver.find_element(By.TAG_NAME, "h1").text == "فحص الشهادة"
        assert driver.find_element(By.ID, "language").text == "English"
    finally:
        driver.quit()
