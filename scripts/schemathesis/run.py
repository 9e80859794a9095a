"""Schemathesis against a real `healthctl serve`: every operation of the served OpenAPI document, all checks, as
an admin and as a citizen, with a fixed seed and a bounded number of examples so a run is repeatable.

Usage: python run.py HEALTHCTL SCHEMATHESIS   (the Makefile's `schemathesis` target passes both)

The server listens on 127.0.0.1 with a free port and a throwaway data directory. The admin token comes from
`healthctl tokens create`; the citizen enrols over HTTP and reads its one-time code from `healthctl outbox list`.
Refusals the project accepts are listed, each with its reason, in `hooks.py` beside this file. The last
line gives the figures: requests, operations, failures and seconds; the exit status is non-zero on any failure.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20261204
MAX_EXAMPLES = 60


class Server:
    """`healthctl serve` on 127.0.0.1:0 over a fresh data directory; its log is kept for a failed run."""

    def __init__(self, healthctl, work):
        self.healthctl = healthctl
        self.data = str(work / "data")
        self.log_path = work / "serve.log"
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [healthctl, "serve", "--data", self.data, "--host", "127.0.0.1", "--port", "0",
                 "--log-level", "error"],
                stdout=subprocess.PIPE, stderr=log, text=True)
        line = self.process.stdout.readline()
        if "listening on http://127.0.0.1:" not in line:
            raise SystemExit(f"healthctl serve did not start: {line!r}\n{self.log_path.read_text()}")
        self.base = line.split("listening on ")[1].split()[0]

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)

    def healthctl_json(self, *arguments):
        result = subprocess.run(
            [self.healthctl, *arguments, "--data", self.data, "--json"], capture_output=True, text=True)
        if result.returncode != 0:
            raise SystemExit(f"healthctl {arguments[0]}: {result.stderr}")
        return json.loads(result.stdout)

    def post(self, path, body, token=None):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        request = urllib.request.Request(
            self.base + path, data=json.dumps(body).encode(), method="POST", headers=headers)
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())


def citizen_token(server):
    """Enrols a citizen over HTTP and signs in with the code the outbox holds."""
    national_id = "900112345"
    server.post("/v1/accounts", {
        "nationalId": national_id, "dateOfBirth": "1990-01-17", "familyName": "Ali", "givenName": "Fatima",
        "phone": "+97336001234"})
    code = server.healthctl_json("outbox", "list")[0]["code"]
    return server.post("/v1/accounts/verify", {"nationalId": national_id, "code": code})["token"]


def seed_schedule(server, admin):
    """A centre with open slots, so searches and bookings meet real data as well as drawn identifiers."""
    centre = server.post(
        "/v1/centres", {"name": "Sitra Health Centre", "area": "Central", "services": ["pcr", "comirnaty"]}, admin)
    start = time.strftime("%Y-%m-%dT08:00:00Z", time.gmtime(time.time() + 2 * 86400))
    end = time.strftime("%Y-%m-%dT12:00:00Z", time.gmtime(time.time() + 2 * 86400))
    for service in ("pcr", "comirnaty"):
        server.post("/v1/slots", {"centreId": centre["id"], "service": service, "from": start, "to": end,
                                  "every": "15m", "capacity": 4}, admin)


def run_as(schemathesis, server, role, token, reports):
    """One schemathesis run with `token`: its exit status and its JSON report."""
    report = reports / f"{role}.json"
    command = [
        schemathesis, "--config-file", str(HERE / "schemathesis.toml"), "run", f"{server.base}/openapi.json",
        # hooks.py replaces these three with versions that know the refusals the project accepts.
        "--checks", "all", "--exclude-checks", "positive_data_acceptance,negative_data_rejection,use_after_free",
        "--max-examples", str(MAX_EXAMPLES), "--seed", str(SEED), "--workers", "1", "--no-color",
        "--header", f"Authorization: Bearer {token}",
        "--report", "json", "--report-json-path", str(report),
    ]
    environment = dict(os.environ, SCHEMATHESIS_HOOKS=str(HERE / "hooks.py"), SCHEMATHESIS_ROLE=role)
    print(f"== schemathesis as {role}", flush=True)
    # In the throwaway directory, so that schemathesis leaves no cache in the repository.
    status = subprocess.run(command, env=environment, cwd=reports).returncode
    return status, json.loads(report.read_text())


def main():
    healthctl, schemathesis = (os.path.abspath(argument) for argument in sys.argv[1:3])
    work = Path(tempfile.mkdtemp(prefix="schemathesis-"))
    started = time.monotonic()
    server = Server(healthctl, work)
    failed, figures = False, []
    try:
        admin = server.healthctl_json(
            "tokens", "create", "--role", "admin", "--name", "schemathesis-admin")["token"]
        seed_schedule(server, admin)
        citizen = citizen_token(server)
        for role, token in (("admin", admin), ("citizen", citizen)):
            status, report = run_as(schemathesis, server, role, token, work)
            failures = sum(failure["count"] for failure in report["failures"]) + len(report["errors"])
            figures.append(
                f"{role}: {report['test_cases']['generated']} test cases, "
                f"{report['operations']['tested']}/{report['operations']['total']} operations, "
                f"{failures} failures, {report['running_time']:.0f} s")
            failed = failed or status != 0
    finally:
        server.stop()
    print(f"schemathesis ({time.monotonic() - started:.0f} s in all): " + "; ".join(figures))
    if failed:
        sys.exit(f"schemathesis failed; the server's log is {server.log_path}")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
