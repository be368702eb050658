"""Fixtures for the real-browser suite: a JupyterLab server of its own and Debian's Chromium.

The server runs on a free loopback port with a token of its own, on a copy of
the course in a temporary folder (so autosave never touches the repository),
with a throw-away answers file. Chromium comes from the system (`apt-get install
chromium`); Playwright never downloads a browser here.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "screenshots"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """The system's Chromium, or None."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """Start `jupyter lab` on a copy of the course; yield (base url, token, answers file, root)."""
    root = tmp_path_factory.mktemp("course")
    for folder in ("lessons", "exercises", "solutions"):
        shutil.copytree(ROOT / folder, root / folder)
    settings = root / ".settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false"}))
    answers = root / "answers.json"
    port, token = _free_port(), secrets.token_hex(16)
    env = dict(os.environ, KIT_ANSWERS=str(answers), KIT_STUDENT="browser-test", JUPYTER_CONFIG_DIR=str(root / ".jupyter"))
    command = [
        sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        f"--LabApp.user_settings_dir={root / '.settings'}", f"--LabApp.workspaces_dir={root / '.workspaces'}",
        "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log = open(root / "lab.log", "w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2):
                break
        except OSError:
            if time.time() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError("JupyterLab did not start: " + (root / "lab.log").read_text()[-2000:])
            time.sleep(0.3)
    yield {"base": base, "token": token, "answers": answers, "root": root}
    server.terminate()
    try:
        server.wait(10)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    if path is None:
        pytest.fail("Chromium is not installed: run `apt-get install chromium` (the browser suite needs it).")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, request):
    """A fresh page; its console is recorded for failure reports."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.console_lines = []
    page.on("console", lambda m: page.console_lines.append(f"[{m.type}] {m.text}"))
    page.on("pageerror", lambda e: page.console_lines.append(f"[pageerror] {e}"))
    request.node.browser_page = page
    yield page
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """On failure, save a screenshot and attach it and the browser console to the report."""
    outcome = yield
    report = outcome.get_result()
    page = getattr(item, "browser_page", None)
    if report.when == "call" and report.failed and page is not None:
        SHOTS.mkdir(exist_ok=True)
        shot = SHOTS / f"FAILED-{item.name}.png".replace("/", "_")
        try:
            page.screenshot(path=str(shot), full_page=False)
            report.sections.append(("screenshot", str(shot)))
        except Exception as exc:  # the page may be gone
            report.sections.append(("screenshot", f"could not be taken: {exc}"))
        report.sections.append(("browser console", "\n".join(page.console_lines[-200:]) or "(empty)"))
