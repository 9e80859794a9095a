"""The verifier page's CertLogic evaluator (verifier/certlogic.js) in headless Chromium, imported from the served page
as the page imports it: every assertion of the CertLogic 1.3.3 test suite, every case of its validation suite, every
test of the member states' rules (Tests/Fixtures/rules), and the specification's own examples the suites leave out.

With VERIFIER_BASE set (e.g. http://127.0.0.1:8000 from `python3 -m http.server --directory
Sources/HealthAPI/Resources`), the page is taken from there instead of a real `healthctl serve`: for a quick run of
the working copy's files without building the server, which bundles them at build time."""

import json
import os
import statistics
import tempfile
import time
from pathlib import Path

import pytest

from conftest import REPOSITORY, HealthServer, chromium

RULES = REPOSITORY / "Tests" / "Fixtures" / "rules"
SPECIFICATION = RULES / "certlogic" / "specification"
BUSINESS_RULES = RULES / "business-rules"

#: Upstream cases left out, each with the reason it disagrees with the specification (all marked "skip" upstream).
#: (suite file, case name, assertion index or None for every assertion of the case) -> reason.
EXCLUDED = {
    ("patched-reduce.json", "patched reduce knows about global data", None): (
        "expects reduce's lambda to see the outer data context as `data`, which the specification only says CertLogic "
        "*may* add at some point; in 1.3.3 the lambda's context is {current, accumulator} alone"
    ),
    **{
        ("ins-with-nulls.json", "null-safety", index): (
            "expects false for `in` on a null 2nd operand, where the specification says operating on a non-array "
            "2nd operand is an error (the test checks that it throws)"
        )
        for index in range(4)
    },
}
#: The excluded `in` cases must throw, as the specification says.
MUST_THROW = {key for key in EXCLUDED if key[0] == "ins-with-nulls.json"}

# Shared by every call: imports the module the page serves, and compares results as JSON (a date-time shows as
# {"date-time": ISO string}, an error as {"error": its class and message}).
PRELUDE = """
const done = arguments[arguments.length - 1];
const input = arguments[0];
const shown = (value) =>
  value instanceof Date ? { 'date-time': value.toISOString() } : value === undefined ? { undefined: true } : value;
function same(a, b) {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && same(a[key], b[key]));
}
function attempt(body, certlogic) {
  try {
    return shown(body());
  } catch (error) {
    const kind = error instanceof certlogic.CertLogicError ? 'CertLogicError' : `OTHER ${error.name}`;
    return { error: `${kind}: ${error.message}` };
  }
}
import('/verifier/certlogic.js').then((certlogic) => done(main(certlogic)), (error) => done('import failed: ' + error));
"""

# [{id, expression, data, expected, throws}] -> the failures.
RUN_ASSERTIONS = PRELUDE + """
function main(certlogic) {
  const failures = [];
  for (const c of input) {
    const got = attempt(() => certlogic.evaluate(c.expression, c.data), certlogic);
    const refused = typeof got?.error === 'string' && got.error.startsWith('CertLogicError:');
    const ok = c.throws ? refused : same(got, c.expected);
    if (!ok) failures.push({ id: c.id, got, expected: c.throws ? 'a CertLogicError' : c.expected });
  }
  return failures;
}
"""

# [{id, expression, valid}] -> the failures.
RUN_VALIDATION = PRELUDE + """
function main(certlogic) {
  const failures = [];
  for (const c of input) {
    const got = attempt(() => certlogic.validate(c.expression), certlogic);
    const ok = c.valid ? got === undefined || got?.undefined : got.error?.startsWith('CertLogicError:');
    if (!ok) failures.push({ id: c.id, got, expected: c.valid ? 'valid' : 'a CertLogicError' });
  }
  return failures;
}
"""

# [{rule, logic, tests: [{id, data, expected}]}] -> {failures, count, microseconds: [per rule, one evaluate of it]}.
RUN_RULES = PRELUDE + """
function main(certlogic) {
  const failures = [];
  const microseconds = [];
  let count = 0;
  for (const rule of input) {
    for (const test of rule.tests) {
      count++;
      const got = attempt(() => certlogic.evaluate(rule.logic, test.data), certlogic);
      if (!same(got, test.expected)) failures.push({ id: test.id, got, expected: test.expected });
    }
    // The timer is coarse (0.1 ms): one evaluate is the mean over rounds of all the rule's tests for 5 ms, the best of
    // three such runs (a garbage collection can fall into one).
    const runs = [0, 1, 2].map(() => {
      let evaluations = 0;
      const started = performance.now();
      while (performance.now() - started < 5) {
        for (const test of rule.tests) attempt(() => certlogic.evaluate(rule.logic, test.data), certlogic);
        evaluations += rule.tests.length;
      }
      return ((performance.now() - started) * 1000) / evaluations;
    });
    microseconds.push(Math.min(...runs));
  }
  return { failures, count, microseconds };
}
"""

# MAX_DEPTH -> what nesting at the limit, beyond it, 100,000 deep, and a path 10,000 deep into the data give. Built
# here: chromedriver refuses arguments nested more than 200 deep.
RUN_LIMITS = PRELUDE + """
function main(certlogic) {
  const nested = (depth, wrap, inner) => {
    let value = inner;
    for (let i = 0; i < depth; i++) value = wrap(value);
    return value;
  };
  const not = (operand) => ({ '!': [operand] });
  const data = nested(10000, (inner) => ({ a: inner }), 'found');
  return {
    atLimit: attempt(() => certlogic.evaluate(nested(input, not, true), null), certlogic),
    beyondLimit: attempt(() => certlogic.evaluate(nested(input + 1, not, true), null), certlogic),
    deepArray: attempt(() => certlogic.evaluate(nested(100000, (inner) => [inner], 1), null), certlogic),
    deepData: attempt(() => certlogic.evaluate({ var: Array(10000).fill('a').join('.') }, data), certlogic),
  };
}
"""

# [{id, value, truthy, falsy}] -> the failures; isTruthy, and whether `!` takes the value as falsy.
RUN_TRUTHINESS = PRELUDE + """
function main(certlogic) {
  const failures = [];
  for (const c of input) {
    const value = c.value === 'date-time' ? certlogic.evaluate({ plusTime: ['2021-06-01', 0, 'day'] }, null) : c.value;
    const truthy = certlogic.isTruthy(value);
    const negated = attempt(() => certlogic.evaluate({ '!': [{ var: '' }] }, value), certlogic);
    const falsy = negated === true;
    const neither = typeof negated?.error === 'string';
    if (truthy !== c.truthy || falsy !== c.falsy || neither !== (!c.truthy && !c.falsy)) {
      failures.push({ id: c.id, got: { truthy, negated }, expected: { truthy: c.truthy, falsy: c.falsy } });
    }
  }
  return failures;
}
"""


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def spec_assertions():
    """Every assertion of the test suite: (cases to run, ids of those left out)."""
    cases, left_out = [], []
    for path in sorted((SPECIFICATION / "testSuite").glob("*.json")):
        suite = load(path)
        for case in suite["cases"]:
            for index, assertion in enumerate(case["assertions"]):
                key = (path.name, case["name"])
                excluded = (*key, None) in EXCLUDED or (*key, index) in EXCLUDED
                skipped = "skip" in (suite.get("directive"), case.get("directive"), assertion.get("directive"))
                assert excluded == skipped, f"{key} #{index}: upstream's skip directives and EXCLUDED disagree"
                entry = {
                    "id": f"{path.name} / {case['name']} #{index}",
                    "expression": assertion.get("certLogicExpression", case.get("certLogicExpression")),
                    "data": assertion["data"],
                    "expected": assertion["expected"],
                    "throws": (*key, index) in MUST_THROW,
                }
                if excluded and not entry["throws"]:
                    left_out.append(entry["id"])
                else:
                    cases.append(entry)
    return cases, left_out


def validation_cases():
    cases = []
    for path in sorted((SPECIFICATION / "validation-testSuite").glob("*.json")):
        for index, case in enumerate(load(path)["cases"]):
            cases.append({
                "id": f"{path.name} #{index}: {json.dumps(case['certLogicExpression'])}",
                "expression": case["certLogicExpression"],
                "valid": not case["issues"],
            })
    return cases


def rule_batches():
    """The rules with tests, one batch per country: [[{rule, logic, tests}]]."""
    batches = []
    for country in sorted(path for path in BUSINESS_RULES.iterdir() if path.is_dir()):
        batch = []
        for rule_file in sorted(country.glob("*/rule.json")):
            tests = []
            for test_file in sorted((rule_file.parent / "tests").glob("*.json")):
                test = load(test_file)
                tests.append({
                    "id": f"{country.name}/{rule_file.parent.name}/{test_file.name} ({test.get('name', '')})",
                    "data": {"payload": test.get("payload"), "external": test["external"]},
                    "expected": test["expected"],
                })
            assert tests, f"{rule_file} has no tests"
            batch.append({"rule": rule_file.parent.name, "logic": load(rule_file)["Logic"], "tests": tests})
        if batch:
            batches.append(batch)
    return batches


def date_time(iso):
    return {"date-time": iso}


#: An expected CertLogicError.
ERROR = object()
#: The specification's examples and rules that the suites do not exercise: (expression, data, expected value or
#: ERROR).
SPEC_EXAMPLES = [
    # Every date(-time) format plusTime allows; no offset means UTC; decimals beyond the 3rd are dropped.
    *[
        ({"plusTime": [text, 0, "day"]}, None, date_time(iso))
        for text, iso in [
            ("2021", "2021-12-31T00:00:00.000Z"),
            ("2020-02", "2020-02-29T00:00:00.000Z"),
            ("2021-06-01", "2021-06-01T00:00:00.000Z"),
            ("2021-06-01T10:20:30", "2021-06-01T10:20:30.000Z"),
            ("2021-06-01T10:20:30Z", "2021-06-01T10:20:30.000Z"),
            ("2021-06-01T10:20:30+2", "2021-06-01T08:20:30.000Z"),
            ("2021-06-01T10:20:30-02", "2021-06-01T12:20:30.000Z"),
            ("2021-06-01T10:20:30+130", "2021-06-01T08:50:30.000Z"),
            ("2021-06-01T10:20:30+0130", "2021-06-01T08:50:30.000Z"),
            ("2021-06-01T10:20:30-1:30", "2021-06-01T11:50:30.000Z"),
            ("2021-06-01T10:20:30+01:30", "2021-06-01T08:50:30.000Z"),
            ("2021-06-01T10:20:30.5", "2021-06-01T10:20:30.500Z"),
            ("2021-06-01T10:20:30.1234567Z", "2021-06-01T10:20:30.123Z"),
            ("2021-06-01T10:20:30.9999+2", "2021-06-01T08:20:30.999Z"),
            ("2021-06-01T10:20:30.01-02", "2021-06-01T12:20:30.010Z"),
            ("2021-06-01T00:20:30.000+130", "2021-05-31T22:50:30.000Z"),
            ("2021-06-01T10:20:30.0+0130", "2021-06-01T08:50:30.000Z"),
            ("2021-06-01T10:20:30.0-1:30", "2021-06-01T11:50:30.000Z"),
            ("2021-06-01T10:20:30.0+01:30", "2021-06-01T08:50:30.000Z"),
        ]
    ],
    # Not an allowed format, or not a string: an error (date-times are made from strings only).
    *[({"plusTime": [text, 0, "day"]}, None, ERROR)
      for text in ["", "21-06-01", "2021-06-01T10:20", "2021-06-01 10:20:30", "2021-06-01T10:20:30.Z", " 2021",
                   "2021-12-31T23:59:60Z"]],
    ({"plusTime": [{"var": "x"}, 0, "day"]}, {"x": None}, ERROR),
    ({"plusTime": [{"var": "x"}, 0, "day"]}, {"x": 20210601}, ERROR),
    ({"plusTime": [{"plusTime": ["2021-06-01", 0, "day"]}, 1, "day"]}, None, ERROR),
    # The leap-day table, and the units by the UTC setters.
    ({"plusTime": ["2020-02-29", 1, "day"]}, None, date_time("2020-03-01T00:00:00.000Z")),
    ({"plusTime": ["2020-02-29", 1, "month"]}, None, date_time("2020-03-29T00:00:00.000Z")),
    ({"plusTime": ["2020-02-29", 1, "year"]}, None, date_time("2021-03-01T00:00:00.000Z")),
    ({"plusTime": ["2021-01-31T23:00:00-02:00", 1, "month"]}, None, date_time("2021-03-01T01:00:00.000Z")),
    ({"plusTime": ["2021-03-28T00:30:00+01:00", 3, "hour"]}, None, date_time("2021-03-28T02:30:00.000Z")),
    ({"plusTime": ["2021-06-01", -18, "year"]}, None, date_time("2003-06-01T00:00:00.000Z")),
    ({"plusTime": ["2021", 1, "minute"]}, None, ERROR),
    ({"plusTime": ["2021", {"var": "n"}, "day"]}, {"n": 1}, ERROR),
    # dccDateOfBirth: the last date the DOB allows; nothing but the three date forms.
    ({"dccDateOfBirth": ["1990"]}, None, date_time("1990-12-31T00:00:00.000Z")),
    ({"dccDateOfBirth": ["2000-02"]}, None, date_time("2000-02-29T00:00:00.000Z")),
    ({"dccDateOfBirth": ["1900-02"]}, None, date_time("1900-02-28T00:00:00.000Z")),
    ({"dccDateOfBirth": ["1990-04-30"]}, None, date_time("1990-04-30T00:00:00.000Z")),
    ({"dccDateOfBirth": ["1990-04-30T00:00:00Z"]}, None, ERROR),
    ({"dccDateOfBirth": [""]}, None, ERROR),
    ({"dccDateOfBirth": [{"var": "dob"}]}, {"dob": None}, ERROR),
    # Date-time comparisons, in their ternary form too; they take date-times only.
    ({"before": [{"plusTime": ["2021-06-01", 0, "day"]}, {"plusTime": ["2021-05-31", 24, "hour"]}]}, None, False),
    ({"not-after": [{"plusTime": ["2021-06-01", 0, "day"]}, {"plusTime": ["2021-05-31", 24, "hour"]},
                    {"plusTime": ["2021-06-01T00:00:00.001", 0, "day"]}]}, None, True),
    ({"after": [{"plusTime": ["2021-06-02", 0, "day"]}, {"plusTime": ["2021-06-01", 0, "day"]},
                {"plusTime": ["2021-06-01", 0, "day"]}]}, None, False),
    ({"after": ["2021-06-02", "2021-06-01"]}, None, ERROR),
    ({"before": [1, 2]}, None, ERROR),
    # Integer comparisons and +: integers only; a null operand is an error.
    ({">=": [3, 2, 2]}, None, True),
    ({">": [3, 2, 2]}, None, False),
    ({"<": [{"var": "x"}, 2]}, {"x": None}, ERROR),
    ({"<": [{"var": "x"}, 2]}, {"x": 1.5}, ERROR),
    ({"<=": ["1", 2]}, None, ERROR),
    ({"+": [{"var": "x"}, 1]}, {"x": 41}, 42),
    ({"+": ["a", "b"]}, None, ERROR),
    # `and` and `!` refuse what is neither truthy nor falsy; `if` takes anything not truthy as not.
    ({"and": [{"var": "x"}, True]}, {"x": 1.5}, ERROR),
    ({"!": [{"plusTime": ["2021", 0, "day"]}]}, None, ERROR),
    ({"if": [{"var": "x"}, "then", "else"]}, {"x": 1.5}, "else"),
    ({"and": [False, {"plusTime": ["", 0, "day"]}]}, None, False),
    ({"if": [True, "then", {"plusTime": ["", 0, "day"]}]}, None, "then"),
    # in: the 2nd operand must be an array; reduce: an array, or null for the initial value.
    ({"in": ["a", {"var": "x"}]}, {"x": "abc"}, ERROR),
    ({"in": [{"var": "x"}, {"var": "y"}]}, {"y": ["a", None]}, True),
    ({"reduce": [{"var": "x"}, {"+": [{"var": "accumulator"}, 1]}, 0]}, {"x": "abc"}, ERROR),
    ({"reduce": [[], {"var": "current"}, "initial"]}, None, "initial"),
    ({"reduce": [[1, 2, 3], {"var": "current"}, 0]}, None, 3),
    ({"reduce": [["a"], {"var": "data"}, 0]}, None, None),
    # extractFromUVCI: a string or null, split on / # :, with an initial URN:UVCI: ignored.
    ({"extractFromUVCI": [{"var": "x"}, 0]}, {"x": 42}, ERROR),
    ({"extractFromUVCI": ["URN:UVCI:01:NL:187/37512422923", 10]}, None, None),
    ({"extractFromUVCI": ["a::c/#/f", 1]}, None, ""),
    ({"extractFromUVCI": ["x", {"var": "i"}]}, {"i": 0}, ERROR),
    # var: object keys and array indices only; what is missing or not drillable is null.
    ({"var": "a.length"}, {"a": [1, 2]}, None),
    ({"var": "a.0"}, {"a": "xyz"}, None),
    ({"var": "a.1"}, {"a": {"1": "key"}}, "key"),
    ({"var": "toString"}, {}, None),
    ({"var": "a.b"}, {"a": True}, None),
    # === compares strings, numbers, booleans and null without coercion.
    ({"===": [{"var": "x"}, "1"]}, {"x": 1}, False),
    ({"===": [{"var": "x"}, True]}, {"x": True}, True),
    ({"===": [{"var": "x"}, "a"]}, {}, False),
]
#: Invalid expressions: the evaluator refuses them before evaluating anything.
INVALID_EXPRESSIONS = [
    {"if": [True, 1]}, {"===": [1, 1, 1]}, {"in": ["a"]}, {"+": [1]}, {"and": [True]}, {"!": [True, False]},
    {"<": [1]}, {"<": [1, 2, 3, 4]}, {"after": [1]}, {"plusTime": ["2021", 0]}, {"reduce": [[], 0]},
    {"extractFromUVCI": ["x"]}, {"dccDateOfBirth": []}, {"var": "a..b"}, {"var": ".a"}, {"var": ["a"]},
    {"var": "a", "if": [1, 2, 3]}, {"or": [True, False]}, {"toString": []}, {"if": [True, None, 1]}, [1, 2.5],
    {"plusTime": ["2021", 1.5, "day"]}, {"extractFromUVCI": ["x", "0"]},
]
TRUTHINESS = [
    (True, True, False), (False, False, True), (None, False, True), ("", False, True), ("0", True, False),
    (0, False, True), (-1, True, False), (1.5, False, False), ([], False, True), ([0], True, False),
    ({}, False, True), ({"a": None}, True, False), ("date-time", False, False),
]
#: How deep an expression may nest (MAX_DEPTH in certlogic.js).
MAX_DEPTH = 200


@pytest.fixture(scope="module")
def page(request):
    """Chromium on the verifier page, from VERIFIER_BASE when set, else from a real `healthctl serve`."""
    base = os.environ.get("VERIFIER_BASE")
    server = None
    directory = None
    if not base:
        directory = tempfile.TemporaryDirectory(prefix="certlogic-test-")
        server = HealthServer(request.getfixturevalue("healthctl"), str(Path(directory.name) / "data"))
        server.start()
        base = server.base
    driver = chromium()
    try:
        driver.get(base.rstrip("/") + "/verifier")
        yield driver
    finally:
        driver.quit()
        if server:
            server.stop()
            directory.cleanup()


def run(page, script, argument):
    result = page.execute_async_script(script, argument)
    assert not isinstance(result, str), result
    return result


def report(failures):
    return f"{len(failures)} failed:\n" + "\n".join(json.dumps(failure, ensure_ascii=False) for failure in failures)


def test_specification_test_suite(page):
    cases, left_out = spec_assertions()
    failures = run(page, RUN_ASSERTIONS, cases)
    thrown = sum(1 for case in cases if case["throws"])
    print(
        f"certlogic test suite in Chromium: {len(cases) - thrown} assertions, {thrown} that must throw; "
        f"left out {len(left_out)} ({'; '.join(sorted({i.rsplit(' #', 1)[0] for i in left_out}))})"
    )
    assert not failures, report(failures)
    assert len(cases) >= 200


def test_specification_validation_suite(page):
    cases = validation_cases()
    failures = run(page, RUN_VALIDATION, cases)
    valid = sum(case["valid"] for case in cases)
    print(f"certlogic validation suite in Chromium: {len(cases)} cases ({valid} valid, {len(cases) - valid} invalid)")
    assert not failures, report(failures)
    assert len(cases) >= 20


def test_member_states_rules(page):
    started = time.monotonic()
    failures, count, microseconds, rules = [], 0, [], 0
    for batch in rule_batches():
        result = run(page, RUN_RULES, batch)
        failures += result["failures"]
        count += result["count"]
        microseconds += result["microseconds"]
        rules += len(batch)
    print(
        f"certlogic business rules in Chromium: {count} tests of {rules} rules, {len(failures)} failed; "
        f"one evaluate of a rule: median {statistics.median(microseconds):.1f} µs, 90th percentile "
        f"{statistics.quantiles(microseconds, n=10)[-1]:.1f} µs, slowest {max(microseconds):.1f} µs"
        f" ({time.monotonic() - started:.1f} s)"
    )
    assert not failures, report(failures)
    assert count >= 900 and rules >= 130


def test_specification_examples_and_limits(page):
    cases = [
        {"id": f"{json.dumps(expression)} on {json.dumps(data)}", "expression": expression, "data": data,
         "expected": None if expected is ERROR else expected, "throws": expected is ERROR}
        for expression, data, expected in SPEC_EXAMPLES
    ]
    cases += [
        {"id": f"invalid {json.dumps(expression)}", "expression": expression, "data": None, "expected": None,
         "throws": True}
        for expression in INVALID_EXPRESSIONS
    ]
    failures = run(page, RUN_ASSERTIONS, cases)
    limits = run(page, RUN_LIMITS, MAX_DEPTH)
    truthiness = [{"id": json.dumps(value), "value": value, "truthy": truthy, "falsy": falsy}
                  for value, truthy, falsy in TRUTHINESS]
    failures += run(page, RUN_TRUTHINESS, truthiness)
    print(f"certlogic specification examples in Chromium: {len(cases)} expressions, {len(truthiness)} truthiness")
    assert not failures, report(failures)
    assert limits["atLimit"] is True, limits
    for name in ("beyondLimit", "deepArray"):
        assert limits[name].get("error", "").startswith("CertLogicError:"), limits
    assert limits["deepData"] == "found", limits
