"""Schemathesis checks for this API: three built-in checks, each with the refusals the project accepts.

Every accepted refusal is listed below with its reason, by role, operation and problem `code`: a rule the OpenAPI
document cannot state (it depends on the caller's role, on stored data, on the clock or on another field), so a
schema-valid request may still be refused with that code. Nothing else is excused: any other refusal, and any of
these codes on another operation, still fails the run. `run.py` sets SCHEMATHESIS_ROLE to the caller's role.
"""

import os

import schemathesis
from schemathesis.core.failures import AcceptedNegativeData
from schemathesis.openapi.checks import RejectedPositiveData, UseAfterFree
from schemathesis.specs.openapi.checks import (
    negative_data_rejection,
    positive_data_acceptance,
    use_after_free,
)

# Staff read and book for a named person; a citizen for themself by default. The role is the token's, which a
# schema cannot see.
STAFF_NAME_THE_PERSON = "staff must give personId (citizens may omit it); a schema cannot depend on the caller's role"
# The clock: "today" and "now" move, a schema's bounds do not.
NOT_IN_THE_FUTURE = "a date or time after now is refused; a schema has no notion of now"
# Two fields compared with each other.
RANGE = "`to` must be after `from` (and within the documented span); a schema cannot compare two values"
# A rule on stored data: what the catalogue, the person's earlier doses or this server's configuration hold.
STORED = "depends on stored data or configuration, not on the request's shape"
# The GAEN verification protocol answers 400 to a well-formed code, token or certificate it did not issue.
UNISSUED = "a well-formed credential this server did not issue; GAEN's protocol answers 400"

ACCEPTED_REFUSALS = {
    ("admin", "GET /v1/results", "missing-field"): STAFF_NAME_THE_PERSON,
    ("admin", "GET /v1/vaccinations", "missing-field"): STAFF_NAME_THE_PERSON,
    ("admin", "GET /v1/certificates", "missing-field"): STAFF_NAME_THE_PERSON,
    ("admin", "GET /v1/status", "missing-field"): STAFF_NAME_THE_PERSON,
    ("admin", "GET /v1/orders", "missing-field"): STAFF_NAME_THE_PERSON,
    ("admin", "POST /v1/appointments", "missing-field"): STAFF_NAME_THE_PERSON,
    ("citizen", "GET /v1/appointments", "unknown-parameter"): "the filters are for staff; a citizen's list takes none",
    ("citizen", "GET /v1/orders", "unknown-parameter"): "`missed` is for staff; a citizen's list takes only personId",
    ("admin", "GET /v1/orders", "unknown-parameter"): "`limit` goes with `missed` only; a schema cannot make one "
    + "parameter depend on another",
    ("*", "POST /v1/verify", "unknown-destination"): "the destinations checked are those whose entry rules are held "
    + "(or ours): " + STORED,
    ("*", "POST /v1/cases/mine/contacts", "invalid-contacts"): "lastContact must fall between two days before the "
    + "case's onset and today: " + STORED,
    ("*", "POST /v1/accounts", "invalid-date-of-birth"): NOT_IN_THE_FUTURE,
    ("*", "POST /v1/people", "invalid-date-of-birth"): NOT_IN_THE_FUTURE,
    ("*", "POST /v1/dependants", "invalid-date-of-birth"): NOT_IN_THE_FUTURE,
    ("*", "POST /v1/dependants", "not-a-minor"): "a dependant is under 18 today; " + NOT_IN_THE_FUTURE,
    ("*", "POST /v1/vaccinations", "date-in-future"): NOT_IN_THE_FUTURE,
    ("*", "POST /v1/vaccinations/abroad", "date-in-future"): NOT_IN_THE_FUTURE,
    ("*", "GET /v1/slots", "invalid-range"): RANGE,
    ("*", "GET /v1/statistics/daily", "invalid-range"): RANGE,
    ("*", "POST /v1/slots", "invalid-range"): RANGE,
    ("*", "POST /v1/centres", "unknown-service"): STORED,
    ("*", "POST /v1/slots", "service-not-offered"): STORED,
    ("*", "POST /v1/vaccinations/abroad", "not-abroad"): "the server's own country is configuration: " + STORED,
    ("*", "POST /v1/vaccinations/abroad", "not-a-vaccination"): STORED,
    ("*", "POST /v1/vaccinations/abroad", "dose-out-of-sequence"): STORED,
    ("*", "POST /v1/vaccinations", "dose-out-of-sequence"): STORED,
    ("*", "POST /v1/vaccinations", "total-doses-mismatch"): STORED,
    ("*", "POST /v1/vaccinations", "booster-before-course-complete"): STORED,
    ("*", "POST /v1/vaccinations", "dose-too-early"): STORED,
    ("*", "POST /v1/vaccinations", "not-a-vaccination"): STORED,
    ("*", "POST /v1/vaccinations", "dose-before-appointment"): STORED,
    ("*", "POST /v1/vaccinations/abroad", "total-doses-mismatch"): STORED,
    ("*", "POST /v1/vaccinations/abroad", "booster-before-course-complete"): STORED,
    ("*", "POST /v1/vaccinations/abroad", "dose-too-early"): STORED,
    ("*", "POST /v1/appointments", "dose-too-early"): STORED,
    ("*", "POST /v1/appointments", "idempotency-key-reused"): "the same key was drawn before with another body: "
    + STORED,
    ("*", "POST /v1/appointments/{id}/reschedule", "service-mismatch"): STORED,
    ("*", "POST /v1/appointments/{id}/reschedule", "dose-too-early"): STORED,
    ("*", "POST /v1/appointments/{id}/reschedule", "same-slot"): STORED,
    ("*", "POST /v1/dependants", "too-many-dependants"): STORED,
    ("*", "POST /v1/appointments/{id}/check-in", "wrong-check-in-code"): STORED,
    ("*", "POST /v1/appointments/{id}/check-in", "too-many-attempts"): "past 5 wrong codes an appointment takes no "
    + "more: the count of earlier requests, not this one's shape",
    ("*", "POST /v1/exposure/verify", "invalid-verification-code"): UNISSUED,
    ("*", "POST /v1/exposure/verify", "too-many-attempts"): "past 20 wrong codes an hour from one address its tries "
    + "are refused: the count of earlier requests, not this one's shape",
    ("*", "POST /v1/exposure/verify", "unsupported-test-type"): "an accept list naming none of the diagnoses this "
    + "server issues ([], [\"user-report\"]) is refused whatever the code; what each name takes is the protocol's",
    ("*", "POST /v1/exposure/certificate", "invalid-verification-token"): UNISSUED,
    ("*", "POST /v1/exposure/publish", "invalid-certificate"): UNISSUED,
    ("*", "POST /v1/exposure/publish", "unknown-health-authority"): "the health authority id is configuration: "
    + STORED,
}


# U+0000 is refused in every string of a body and every query value, on every operation (PostgreSQL's text cannot
# hold it; the README says so): a pattern on each string of the document would state it, for no other gain.
NUL = "holds the NUL character"
NUL_CODES = {"invalid-field", "invalid-parameter"}

# Refusals accepted only with one of these details: the Latin forms of a name must be letters the ICAO 9303 Latin
# table covers once upper-cased and composed, a table no pattern can state (the document says it in words); and a
# Latin given name needs a given name, one field depending on another (or on how a single `name` splits).
LATIN_TABLE = "must be written in Latin letters"
LATIN_GIVEN_NAME = "givenNameLatin needs a given name"
ACCEPTED_WITH_DETAIL = {
    ("POST /v1/accounts", "invalid-name"): (LATIN_TABLE, LATIN_GIVEN_NAME),
    ("POST /v1/people", "invalid-name"): (LATIN_TABLE, LATIN_GIVEN_NAME),
    ("POST /v1/dependants", "invalid-name"): (LATIN_TABLE, LATIN_GIVEN_NAME),
}


def _json_object(response):
    try:
        value = response.json()
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


# The reference servers' paths served beside ours, with the same behaviour and so the same accepted refusals.
EXPOSURE_ALIASES = {
    "/api/verify": "/v1/exposure/verify",
    "/api/certificate": "/v1/exposure/certificate",
    "/v1/publish": "/v1/exposure/publish",
}


def _is_exposure_upload(path):
    return path.startswith("/v1/exposure/") or path in EXPOSURE_ALIASES


def _is_accepted(case, response):
    operation = f"{case.method.upper()} {EXPOSURE_ALIASES.get(case.operation.path, case.operation.path)}"
    problem = _json_object(response)
    code = problem.get("code")
    role = os.environ.get("SCHEMATHESIS_ROLE", "")
    if (role, operation, code) in ACCEPTED_REFUSALS or ("*", operation, code) in ACCEPTED_REFUSALS:
        return True
    if code in NUL_CODES and NUL in problem.get("detail", ""):
        return True
    details = ACCEPTED_WITH_DETAIL.get((operation, code), ())
    return any(detail in problem.get("detail", "") for detail in details)


@schemathesis.check
def positive_data_acceptance_but_rules(ctx, response, case):
    """`positive_data_acceptance`, but for the refusals listed above."""
    try:
        return positive_data_acceptance(ctx, response, case)
    except RejectedPositiveData:
        if _is_accepted(case, response):
            return None
        raise


@schemathesis.check
def negative_data_rejection_but_by_design(ctx, response, case):
    """`negative_data_rejection`, but for two answers that are 200 by design: a lab batch refuses a bad item in its
    200 answer (one bad result must not hold up the others), and an exposure request marked `X-Chaff` does no
    work at all and answers like a real one (so that chaff cannot be told apart on the wire)."""
    try:
        return negative_data_rejection(ctx, response, case)
    except AcceptedNegativeData:
        if case.operation.path == "/v1/lab/results" and response.status_code == 200:
            if any(outcome.get("status") == "rejected" for outcome in response.json()):
                return None
        if _is_exposure_upload(case.operation.path) and (case.headers or {}).get("X-Chaff"):
            return None
        raise


@schemathesis.check
def use_after_free_but_cancelled_appointments(ctx, response, case):
    """`use_after_free`, but DELETE /v1/appointments/{id} cancels: the appointment stays readable with status
    `cancelled` (its seat is freed, its history kept), so reading it afterwards is not a use after free."""
    try:
        return use_after_free(ctx, response, case)
    except UseAfterFree:
        if case.operation.path == "/v1/appointments/{id}" and _json_object(response).get("status") == "cancelled":
            return None
        raise
