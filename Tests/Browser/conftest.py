"""Fixtures for the border verifier page tests: a real `healthctl serve` on loopback with a temporary data
directory, and headless Chromium (Debian's `chromium` and `chromium-driver`) driven by Selenium."""

import json
import os
import shutil
import subprocess
import tempfile
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

REPOSITORY = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPOSITORY / ".build" / "verifier-screenshots"


def healthctl_path():
    """The healthctl the Makefile built (HEALTHCTL), else the one in swift's debug bin folder."""
    if os.environ.get("HEALTHCTL"):
        return os.environ["HEALTHCTL"]
    bin_path = subprocess.run(
        ["swift", "build", "--show-bin-path"], cwd=REPOSITORY, capture_output=True, text=True, check=True
    ).stdout.strip()
    return str(Path(bin_path) / "healthctl")


class HealthServer:
    """`healthctl serve` on 127.0.0.1 with a free port, and the CLI against the same data directory."""

    def __init__(self, healthctl, data):
        self.healthctl = healthctl
        self.data = data
        self.process = None
        self.base = None

    def start(self):
        self.log = open(Path(self.data).parent / "serve.log", "ab")
        self.process = subprocess.Popen(
            [self.healthctl, "serve", "--data", self.data, "--host", "127.0.0.1", "--port", "0"],
            stdout=subprocess.PIPE, stderr=self.log, text=True,
        )
        line = self.process.stdout.readline()
        assert "listening on http://" in line, f"healthctl serve did not start: {line!r}"
        self.base = line.split("listening on ")[1].split()[0]

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.log.close()

    def cli(self, *arguments, data=None, check=True):
        """Runs healthctl with --data and returns its standard output; `check` requires exit status 0."""
        result = subprocess.run(
            [self.healthctl, *arguments, "--data", data or self.data], capture_output=True, text=True
        )
        assert not check or result.returncode == 0, f"healthctl {' '.join(arguments)}: {result.stderr}"
        return result.stdout

    def raw(self, method, path, token=None):
        """An HTTP request to the server; returns the answer's bytes."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        request = urllib.request.Request(self.base + path, method=method, headers=headers)
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.read()

    def request(self, method, path, body=None, token=None):
        """An HTTP request to the server; returns the decoded JSON answer."""
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read() or b"null")


@pytest.fixture(scope="session")
def healthctl():
    path = healthctl_path()
    assert Path(path).is_file(), f"{path} missing: build first (make test does)"
    return path


@pytest.fixture
def server(healthctl):
    with tempfile.TemporaryDirectory(prefix="verifier-test-") as directory:
        instance = HealthServer(healthctl, str(Path(directory) / "data"))
        instance.start()
        yield instance
        instance.stop()


def chromium(language="en-GB"):
    """Headless Chromium whose preferred language is `language`; fails loudly when Debian's chromium or
    chromedriver is missing."""
    binary = shutil.which("chromium")
    driver_path = shutil.which("chromedriver")
    assert binary and driver_path, "chromium and chromium-driver are needed (make test installs them)"
    options = Options()
    options.binary_location = binary
    arguments = ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1100"]
    for argument in [*arguments, f"--lang={language}"]:
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    driver = webdriver.Chrome(options=options, service=Service(driver_path))
    driver.set_script_timeout(300)
    return driver


@pytest.fixture
def browser():
    driver = chromium()
    yield driver
    driver.quit()
