"""The operators' statistics dashboard in headless Chromium against a real server: lab results, isolation and
quarantine orders and vaccine doses are seeded through the CLI and the HTTP API on chosen days of the last two
weeks; the page, given an operator token, draws its three charts with a bar for every day, shows a count of 10 or
more as its number (tooltip, <title> and table) and a smaller one as `<10` (as the API does), turns right to left
in Arabic, and sends a refused token back to the prompt with the reason. Screenshots go to
`.build/dashboard-screenshots/`."""

import base64
import json
import tempfile
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import REPOSITORY

SCREENSHOTS = REPOSITORY / ".build" / "dashboard-screenshots"
FIRST_ID = 700_000_100
PEOPLE = 80
#: Days back from today (UTC) and what is seeded on each: the day with 15 tests and the one with 4 are the
#: "number" and "<10" days the page is checked on.
MANY_TESTS_DAY, POSITIVE_DAY, FEW_TESTS_DAY, API_TESTS_DAY = 10, 6, 3, 2
DOSES_DAY, FEW_DOSES_DAY, CONTACT_DAY = 8, 1, 4


def national_id(number):
    return str(FIRST_ID + number)


def day(days_back):
    return (datetime.now(timezone.utc) - timedelta(days=days_back)).strftime("%Y-%m-%d")


def moment(days_back, minutes=0):
    start = datetime.now(timezone.utc).replace(hour=8, minute=0, second=0, microsecond=0)
    return (start - timedelta(days=days_back) + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")


def result_rows(days_back, people, result):
    return [
        {"sampleId": f"DASH-{days_back}-{person}", "nationalId": national_id(person), "test": "pcr", "result": result,
         "sampledAt": moment(days_back, index), "resultedAt": moment(days_back, 180 + index)}
        for index, person in enumerate(people)
    ]


def seed(server):
    """People, results, orders and doses; returns the operator token and the lab token."""
    operator = json.loads(server.cli("tokens", "create", "--role", "operator", "--name", "dash-op", "--json"))["token"]
    lab = json.loads(server.cli("tokens", "create", "--role", "lab", "--name", "dash-lab", "--json"))["token"]
    with tempfile.TemporaryDirectory(prefix="dashboard-seed-") as directory:
        people = Path(directory) / "people.csv"
        people.write_text("nationalId,dateOfBirth,name,phone\n" + "".join(
            f"{national_id(n)},1985-03-{n % 28 + 1:02d},Dashboard Person {n},+9733600{n:04d}\n" for n in range(PEOPLE)
        ), encoding="utf-8")
        server.cli("people", "import", str(people))
        # From a lab's file: 15 negatives on one day; 11 positives (cases, isolation) and 10 negatives on another
        # (fewer negatives would withhold that day's tests, which would give them); 4 negatives on a third.
        rows = (result_rows(MANY_TESTS_DAY, range(20, 35), "negative")
                + result_rows(POSITIVE_DAY, range(0, 11), "positive")
                + result_rows(POSITIVE_DAY, [*range(35, 37), *range(41, 49)], "negative")
                + result_rows(FEW_TESTS_DAY, range(37, 41), "negative"))
        results = Path(directory) / "results.csv"
        results.write_text("sample_id,national_id,test,result,sampled_at,resulted_at\n" + "".join(
            f"{r['sampleId']},{r['nationalId']},pcr,{r['result']},{r['sampledAt']},{r['resultedAt']}\n" for r in rows
        ), encoding="utf-8")
        imported = json.loads(server.cli("results", "import", "--lab", "dash-lab", "--json", str(results)))
        assert imported["created"] == len(rows), imported
    # From a lab's upload: 12 negatives.
    outcomes = server.request("POST", "/v1/lab/results", result_rows(API_TESTS_DAY, range(41, 53), "negative"), lab)
    assert all(outcome["status"] == "created" for outcome in outcomes), outcomes
    # 12 contacts of one case, quarantined from their last contact.
    cases = server.request("GET", "/v1/cases", token=operator)
    case_id = (cases["cases"] if isinstance(cases, dict) else cases)[0]["id"]
    contacts = [{"name": f"Contact {n}", "nationalId": national_id(n), "lastContact": day(CONTACT_DAY)}
                for n in range(53, 65)]
    server.request("POST", f"/v1/cases/{case_id}/contacts", {"contacts": contacts}, operator)
    # First doses given abroad: 12 on one day, 3 on another.
    for person, days_back in [*((n, DOSES_DAY) for n in range(65, 77)), *((n, FEW_DOSES_DAY) for n in range(77, 80))]:
        server.request("POST", "/v1/vaccinations/abroad", {
            "nationalId": national_id(person), "service": "comirnaty", "country": "DE", "doseNumber": 1,
            "totalDoses": 2, "administeredAt": moment(days_back),
        }, operator)
    return operator, lab


def statistics(server, token):
    return {entry["date"]: entry for entry in server.request("GET", "/v1/statistics/daily", token=token)["days"]}


def sign_in(browser, token):
    field = browser.find_element(By.ID, "token")
    assert field.get_attribute("type") == "password"
    field.send_keys(token)
    browser.find_element(By.CSS_SELECTOR, "#sign-in button[type=submit]").click()


def wait_for_charts(browser):
    WebDriverWait(browser, 20).until(
        lambda b: len(b.find_elements(By.CSS_SELECTOR, "#chart-cases rect.bar")) > 0 and b.find_element(By.ID, "charts").is_displayed()
    )


def bar(browser, chart, series, date):
    return browser.find_element(By.CSS_SELECTOR, f"#chart-{chart} rect.bar[data-series='{series}'][data-date='{date}']")


def hover_text(browser, element):
    ActionChains(browser).move_to_element(element).perform()
    tooltip = browser.find_element(By.ID, "tooltip")
    WebDriverWait(browser, 5).until(lambda b: tooltip.is_displayed())
    return tooltip.text


def table_cell(browser, date, key):
    return browser.find_element(By.CSS_SELECTOR, f"#numbers tr[data-date='{date}'] td[data-key='{key}']").text


def prompt_message(browser):
    WebDriverWait(browser, 20).until(lambda b: b.find_element(By.ID, "prompt-message").is_displayed())
    assert browser.find_element(By.ID, "sign-in").is_displayed()
    assert not browser.find_element(By.ID, "statistics").is_displayed()
    assert browser.execute_script("return sessionStorage.length") == 0, "a refused token is not kept"
    return browser.find_element(By.ID, "prompt-message").text


def full_page_screenshot(browser, name):
    """The whole page, not only the window, as a PNG in the screenshots folder."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = browser.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
    shot = browser.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": 1},
    })
    (SCREENSHOTS / name).write_bytes(base64.b64decode(shot["data"]))


def test_dashboard_draws_the_seeded_days(server, browser):
    started = time.monotonic()
    operator, lab = seed(server)
    many, few, positive = day(MANY_TESTS_DAY), day(FEW_TESTS_DAY), day(POSITIVE_DAY)
    days = statistics(server, operator)
    assert len(days) == 90 and day(0) in days
    assert days[many]["tests"] == 15 and days[day(API_TESTS_DAY)]["tests"] == 12
    assert days[few]["tests"] == "<10" and days[few]["positivity"] is None
    assert days[positive]["tests"] == 21 and days[positive]["positive"] == 11
    assert abs(days[positive]["positivity"] - 11 / 21) < 1e-9
    assert days[day(DOSES_DAY)]["doses"]["1"] == 12 and days[day(FEW_DOSES_DAY)]["doses"]["1"] == "<10"
    assert days[day(0)]["casesOpened"] == 11 and days[positive]["isolating"] == 11
    assert days[day(CONTACT_DAY)]["quarantining"] == 12
    try:
        server.request("GET", "/v1/statistics/daily", token=lab)
        raise AssertionError("a lab token must not see the statistics")
    except urllib.error.HTTPError as error:
        assert error.code == 403 and json.loads(error.read())["code"] == "forbidden-role"

    # A wrong token, then a lab's: back to the prompt, each with its reason.
    browser.get(server.base + "/dashboard")
    WebDriverWait(browser, 20).until(lambda b: b.find_element(By.ID, "token").is_displayed())
    sign_in(browser, "hs_" + "0" * 64)
    assert "not accepted" in prompt_message(browser)
    assert browser.switch_to.active_element.get_attribute("id") == "token"
    sign_in(browser, lab)
    assert "operator or admin token is needed" in prompt_message(browser)

    sign_in(browser, operator)
    wait_for_charts(browser)
    assert browser.execute_script("return sessionStorage.getItem('dashboard.token')") == operator
    assert "Vaccine doses per day" in browser.find_element(By.ID, "chart-doses").text
    # A bar (or a "<10" bar) for each of the 90 days in every series, and the seeded days' numbers on them.
    for chart, series in [("tests", "tests"), ("doses", "dose1"), ("doses", "dose2"), ("doses", "booster"),
                          ("cases", "casesOpened"), ("cases", "isolating"), ("cases", "quarantining")]:
        drawn = browser.find_elements(By.CSS_SELECTOR, f"#chart-{chart} rect.bar[data-series='{series}']")
        assert len(drawn) == 90, (chart, series, len(drawn))
    numbered = {
        ("tests", "tests", many): "15", ("tests", "tests", positive): "21", ("tests", "tests", day(API_TESTS_DAY)): "12",
        ("doses", "dose1", day(DOSES_DAY)): "12", ("cases", "casesOpened", day(0)): "11",
        ("cases", "isolating", positive): "11", ("cases", "quarantining", day(CONTACT_DAY)): "12",
    }
    for (chart, series, date), value in numbered.items():
        element = bar(browser, chart, series, date)
        assert element.get_attribute("data-value") == value and "few" not in element.get_attribute("class")
        assert float(element.get_attribute("height")) > 20, (chart, series, date)
    for chart, series, date in [("tests", "tests", few), ("doses", "dose1", day(FEW_DOSES_DAY))]:
        element = bar(browser, chart, series, date)
        assert element.get_attribute("data-value") == "<10" and "few" in element.get_attribute("class")
        assert float(element.get_attribute("height")) <= 6, "a <10 bar is a short one, not to scale"
    # Positivity: one point, on the one day it is not withheld; a gap everywhere else.
    points = browser.find_elements(By.CSS_SELECTOR, "#chart-tests circle.point")
    assert [p.get_attribute("data-date") for p in points] == [positive]
    assert points[0].get_attribute("data-value") == "52.4%"
    assert browser.find_element(By.CSS_SELECTOR, "#chart-tests path.line").get_attribute("d").count("M") == 1
    assert browser.find_elements(By.CSS_SELECTOR, "#chart-tests text.few-label")[0].text == "<10"

    # Hovering shows the number, or <10; every bar has it in its <title> too.
    many_bar = bar(browser, "tests", "tests", many)
    assert "15" in many_bar.find_element(By.TAG_NAME, "title").get_attribute("textContent")
    shown = hover_text(browser, many_bar)
    assert many in shown and "Tests: 15" in shown, shown
    shown = hover_text(browser, bar(browser, "tests", "tests", few))
    assert "Tests: <10" in shown and "Positivity: withheld" in shown, shown
    shown = hover_text(browser, bar(browser, "tests", "tests", positive))
    assert "Tests: 21" in shown and "Positive: 11" in shown and "52.4%" in shown, shown
    browser.execute_script("window.scrollTo(0, 0)")
    full_page_screenshot(browser, "dashboard-en.png")

    # The table view: every number, <10 as <10.
    browser.find_element(By.ID, "view").click()
    assert browser.find_element(By.ID, "numbers").is_displayed()
    assert not browser.find_element(By.ID, "charts").is_displayed()
    assert len(browser.find_elements(By.CSS_SELECTOR, "#numbers tbody tr")) == 90
    assert table_cell(browser, many, "tests") == "15" and table_cell(browser, few, "tests") == "<10"
    assert table_cell(browser, positive, "positivity") == "52.4%" and table_cell(browser, positive, "positive") == "11"
    assert table_cell(browser, day(DOSES_DAY), "dose1") == "12"
    assert table_cell(browser, day(FEW_DOSES_DAY), "dose1") == "<10"
    assert table_cell(browser, day(CONTACT_DAY), "quarantining") == "12"
    full_page_screenshot(browser, "dashboard-table.png")

    # Arabic: right to left, Arabic words, dates and <10 unchanged and kept left to right.
    browser.find_element(By.ID, "language").click()
    assert browser.execute_script("return [document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    assert browser.find_element(By.TAG_NAME, "h1").text == "الإحصاءات اليومية"
    assert browser.find_element(By.ID, "language").text == "English"
    assert table_cell(browser, few, "tests") == "<10" and table_cell(browser, many, "tests") == "15"
    date_cell = browser.find_element(By.CSS_SELECTOR, f"#numbers tr[data-date='{many}'] th bdi")
    assert date_cell.text == many and date_cell.get_attribute("dir") == "ltr"
    table = browser.find_element(By.ID, "numbers").rect
    first_header = browser.find_element(By.CSS_SELECTOR, "#numbers thead th").rect
    assert first_header["x"] + first_header["width"] > table["x"] + table["width"] - 5, "the date column is on the right"
    browser.find_element(By.ID, "view").click()
    wait_for_charts(browser)
    assert "جرعات اللقاح اليومية" in browser.find_element(By.ID, "chart-doses").text
    shown = hover_text(browser, bar(browser, "tests", "tests", many))
    assert "الفحوص: 15" in shown, shown
    browser.execute_script("window.scrollTo(0, 0)")
    full_page_screenshot(browser, "dashboard-ar.png")
    browser.find_element(By.ID, "language").click()
    assert browser.execute_script("return document.documentElement.dir") == "ltr"

    # A phone: the charts fit the width.
    desk = browser.get_window_size()
    browser.set_window_size(412, 800)
    WebDriverWait(browser, 10).until(
        lambda b: b.execute_script("return document.querySelector('#chart-tests .chart-svg').getBoundingClientRect().right")
        <= b.execute_script("return document.documentElement.clientWidth")
    )
    assert browser.execute_script(
        "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"), "no sideways scrolling"
    assert len(browser.find_elements(By.CSS_SELECTOR, "#chart-doses rect.bar[data-series='dose1']")) == 90
    browser.execute_script("window.scrollTo(0, 0)")
    browser.save_screenshot(str(SCREENSHOTS / "dashboard-phone.png"))
    browser.set_window_size(desk["width"], desk["height"])

    # A reload keeps the tab signed in; the arrow keys step through a focused chart's days.
    browser.refresh()
    wait_for_charts(browser)
    assert not browser.find_element(By.ID, "sign-in").is_displayed()
    focused = browser.execute_script(
        "document.querySelector('#chart-tests .chart-svg').focus(); return document.activeElement.closest('figure').id")
    assert focused == "chart-tests"
    ActionChains(browser).send_keys(*[Keys.ARROW_LEFT] * MANY_TESTS_DAY).perform()
    shown = browser.find_element(By.ID, "tooltip").text
    assert many in shown and "Tests: 15" in shown, shown

    # Signing out forgets the token; a reload asks again.
    browser.find_element(By.ID, "sign-out").click()
    assert "Signed out" in prompt_message(browser)
    browser.refresh()
    WebDriverWait(browser, 20).until(lambda b: b.find_element(By.ID, "token").is_displayed())
    assert not browser.find_element(By.ID, "statistics").is_displayed()
    print(f"dashboard browser test: {time.monotonic() - started:.1f} s")


def test_dashboard_says_when_the_server_cannot_be_reached(server, browser):
    operator = json.loads(server.cli("tokens", "create", "--role", "operator", "--name", "dash-op", "--json"))["token"]
    browser.get(server.base + "/dashboard")
    sign_in(browser, operator)
    wait_for_charts(browser)
    server.stop()
    browser.find_element(By.ID, "refresh").click()
    message = browser.find_element(By.ID, "load-message")
    WebDriverWait(browser, 20).until(lambda b: message.is_displayed())
    assert "cannot be reached" in message.text, message.text
    assert browser.find_element(By.ID, "charts").is_displayed(), "the numbers already loaded stay"
    assert browser.execute_script("return sessionStorage.getItem('dashboard.token')") == operator


def test_dashboard_tells_withheld_tests_apart(server, browser):
    """A day of ten positives and no negatives has its tests withheld (they would give the negatives away): drawn
    short as a "<10" is, but told as withheld in its bar and in the legend."""
    operator = json.loads(server.cli("tokens", "create", "--role", "operator", "--name", "dash-op", "--json"))["token"]
    lab = json.loads(server.cli("tokens", "create", "--role", "lab", "--name", "dash-lab", "--json"))["token"]
    with tempfile.TemporaryDirectory(prefix="dashboard-withheld-") as directory:
        people = Path(directory) / "people.csv"
        people.write_text("nationalId,dateOfBirth,name,phone\n" + "".join(
            f"{national_id(n)},1985-03-{n % 28 + 1:02d},Dashboard Person {n},\n" for n in range(14)
        ), encoding="utf-8")
        server.cli("people", "import", str(people))
    rows = result_rows(FEW_TESTS_DAY, range(0, 10), "positive") + result_rows(FEW_TESTS_DAY - 1, range(10, 14), "negative")
    outcomes = server.request("POST", "/v1/lab/results", rows, lab)
    assert all(outcome["status"] == "created" for outcome in outcomes), outcomes
    days = statistics(server, operator)
    withheld, few = day(FEW_TESTS_DAY), day(FEW_TESTS_DAY - 1)
    assert days[withheld]["tests"] == "withheld" and days[few]["tests"] == "<10"

    browser.get(server.base + "/dashboard")
    sign_in(browser, operator)
    wait_for_charts(browser)
    drawn = bar(browser, "tests", "tests", withheld)
    assert drawn.get_attribute("data-value") == "withheld" and "few" in drawn.get_attribute("class")
    assert "Withheld" in drawn.find_element(By.TAG_NAME, "title").get_attribute("textContent")
    legend = browser.find_element(By.CSS_SELECTOR, "#chart-tests .legend").text
    assert "Withheld: with the day's other numbers it would tell one below 10" in legend, legend
