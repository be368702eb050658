"""Deployment: the shipped JupyterLab settings, the Binder configuration, docs/deploy.md and COURSE.md."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from pathlib import Path

import pytest
from helpers import ROOT

from kit.course_index import course_index, course_lines, notebook_title, title_of, write_course_index

SETTINGS = ROOT / "labsettings" / "overrides.json"
BIN = Path(sys.executable).parent
NOTIFICATION = "@jupyterlab/apputils-extension:notification"


def _installer():
    spec = importlib.util.spec_from_file_location("labsettings_install", ROOT / "labsettings" / "install.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the shipped settings -------------------------------------------------------------------------


def test_shipped_settings_turn_news_and_update_checks_off():
    settings = json.loads(SETTINGS.read_text(encoding="utf-8"))
    assert settings[NOTIFICATION]["fetchNews"] == "false"  # the schema's enum is the strings "true"/"false"/"none"
    assert settings[NOTIFICATION]["checkForUpdates"] is False


def test_every_shipped_setting_exists_in_jupyterlabs_schemas_with_an_allowed_value():
    schemas = Path(_installer().app_settings_dir()).parent / "schemas"
    for plugin, values in json.loads(SETTINGS.read_text(encoding="utf-8")).items():
        package, name = plugin.split(":")
        schema = json.loads((schemas / package / f"{name}.json").read_text(encoding="utf-8"))
        for key, value in values.items():
            prop = schema["properties"][key]  # KeyError: a setting JupyterLab does not have
            if "enum" in prop:
                assert value in prop["enum"], (plugin, key, value)
            kinds = {"boolean": bool, "string": str, "integer": int, "number": (int, float)}
            assert isinstance(value, kinds[prop["type"]]), (plugin, key, value)


def test_install_merges_with_existing_overrides_and_is_idempotent(tmp_path):
    install = _installer().install
    theirs = {"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"},
              NOTIFICATION: {"doNotDisturbMode": True, "fetchNews": "true"}}
    (tmp_path / "overrides.json").write_text(json.dumps(theirs))
    first = json.loads(install(tmp_path).read_text())
    second = json.loads(install(tmp_path).read_text())
    assert first == second
    assert first["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}  # kept
    assert first[NOTIFICATION] == {"doNotDisturbMode": True, "fetchNews": "false", "checkForUpdates": False}


def test_install_creates_a_missing_folder_and_refuses_a_broken_file(tmp_path):
    install = _installer().install
    made = install(tmp_path / "new" / "settings")
    assert json.loads(made.read_text())[NOTIFICATION]["fetchNews"] == "false"
    (tmp_path / "overrides.json").write_text("{ not json")
    with pytest.raises(SystemExit, match="not valid JSON"):
        install(tmp_path)
    assert (tmp_path / "overrides.json").read_text() == "{ not json"  # never overwritten


def _lab_app_dir() -> Path:
    out = subprocess.run([str(BIN / "jupyter"), "lab", "path"], capture_output=True, text=True, check=True).stdout
    return Path(re.search(r"Application directory:\s*(\S.*)", out).group(1).strip())


def test_installed_settings_are_where_jupyter_lab_path_says_jupyterlab_reads_them():
    installed = _installer().install()  # what `make setup` and binder/postBuild run, into this environment
    assert installed == _lab_app_dir() / "settings" / "overrides.json"
    assert json.loads(installed.read_text())[NOTIFICATION]["fetchNews"] == "false"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_running_jupyterlab_serves_the_courses_defaults(tmp_path):
    _installer().install()
    port, token = _free_port(), "deploy-test"
    argv = [str(BIN / "jupyter"), "lab", "--no-browser", f"--port={port}", f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={tmp_path}"] + (["--allow-root"] if os.geteuid() == 0 else [])
    url = f"http://127.0.0.1:{port}/lab/api/settings/{NOTIFICATION}?token={token}"
    server = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp_path)
    try:
        deadline, body = time.monotonic() + 90, None
        while body is None and time.monotonic() < deadline and server.poll() is None:
            try:
                body = json.loads(urllib.request.urlopen(url, timeout=5).read())
            except OSError:
                time.sleep(0.5)
        assert body is not None, "jupyter lab did not answer within 90 s"
        props = body["schema"]["properties"]
        assert props["fetchNews"]["default"] == "false"
        assert props["checkForUpdates"]["default"] is False
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_make_setup_installs_the_settings():
    text = (ROOT / "Makefile").read_text()
    rule = re.search(r"^\$\(STAMP\):(.*?)\n((?:\t.*\n)+)", text, re.M)
    assert "labsettings/overrides.json" in rule.group(1)
    assert "$(BIN)/python labsettings/install.py" in rule.group(2)


# --- Binder -----------------------------------------------------------------------------------------


def _requirements() -> list[str]:
    lines = (ROOT / "binder" / "requirements.txt").read_text().splitlines()
    return [line.split("#")[0].strip() for line in lines if line.split("#")[0].strip()]


def test_binder_installs_this_package_from_the_repository_and_nothing_else():
    assert _requirements() == ["-e ."]  # repo2docker runs pip from the repository's root
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["name"] == "media-literacy-kit"
    assert not any("playwright" in dep for dep in project["dependencies"])  # downloads browsers: test extra only


def test_binder_python_satisfies_the_package():
    runtime = (ROOT / "binder" / "runtime.txt").read_text().strip()
    major, minor = map(int, re.fullmatch(r"python-(\d+)\.(\d+)", runtime).groups())
    required = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert (major, minor) >= tuple(map(int, re.search(r">=\s*(\d+)\.(\d+)", required).groups()))


def test_binder_postbuild_installs_the_settings_and_downloads_nothing():
    post = ROOT / "binder" / "postBuild"
    text = post.read_text()
    assert text.startswith("#!/bin/bash") and os.access(post, os.X_OK)
    assert "python labsettings/install.py" in text
    assert not re.search(r"https?://|\bcurl\b|\bwget\b|pip install|git clone", text)


# --- docs/deploy.md -----------------------------------------------------------------------------------

DEPLOY_PATHS = {
    "(a)": ["make lab"],
    "(b)": ["python -m venv .venv", r".venv\Scripts\pip install -e .", r".venv\Scripts\jupyter lab"],
    "(c)": ["The Littlest JupyterHub", "nbgitpuller", "/hub/user-redirect/git-pull?repo=", "urlpath=lab/tree/"],
    "(d)": ["Binder", "binder/requirements.txt", "binder/postBuild", "mybinder.org/v2/gh/"],
    "(e)": ["Colab", "install cell", "KIT_ANSWERS", "bubblewrap"],
    "(f)": ["JupyterLite", "Pyodide", "rapidfuzz", "pysbd", "bm25s"],
}


def _sections() -> dict[str, str]:
    text = (ROOT / "docs" / "deploy.md").read_text()
    parts = re.split(r"^## (\([a-g]\))", text, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def test_deploy_doc_covers_every_path_with_its_collection_step():
    sections = _sections()
    for label, needles in DEPLOY_PATHS.items():
        body = sections[label]
        for needle in needles:
            assert needle in body, f"docs/deploy.md {label} does not mention {needle!r}"
        assert "**Collect:**" in body, f"docs/deploy.md {label} has no collection step"
    table = sections["(g)"]
    for label in DEPLOY_PATHS:
        assert f"| {label} " in table, f"the collection table has no row for {label}"


def test_deploy_doc_names_real_files():
    text = (ROOT / "docs" / "deploy.md").read_text()
    for path in re.findall(r"`((?:binder|labsettings)/[\w.]+)`", text):
        assert (ROOT / path).is_file(), path


# --- COURSE.md ------------------------------------------------------------------------------------------


def test_course_md_is_up_to_date_with_the_notebooks():
    assert (ROOT / "COURSE.md").read_text(encoding="utf-8") == course_index(ROOT), (
        "COURSE.md is out of date: run `python -m kit.course_index` from the repository root"
    )


def test_course_md_links_every_lesson_exercise_and_assessment_and_only_real_files():
    text = (ROOT / "COURSE.md").read_text(encoding="utf-8")
    links = set(re.findall(r"\]\(([^)]+)\)", text))
    for folder in ("lessons", "exercises", "assessments"):
        for nb in (ROOT / folder).glob("*.ipynb"):
            assert f"{folder}/{nb.name}" in links, nb
    assert all((ROOT / link).is_file() for link in links)


def _notebook(path: Path, *sources: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"cells": [{"cell_type": "markdown", "source": s} for s in sources]}))


NAV = "**Course** · [Course index](../COURSE.md) | ← [previous](../lessons/00_x.ipynb)"


def test_index_of_an_invented_harbour_strike_course(tmp_path):
    _notebook(tmp_path / "lessons" / "00_wellington_strike.ipynb", NAV, "# 00 · The Wellington harbour strike\n\nText.")
    _notebook(tmp_path / "lessons" / "01_picket_dates.ipynb", NAV, "#hashtag is not a title\n## Neither is this\n# 01 · Picket dates")
    _notebook(tmp_path / "exercises" / "00_wellington_strike_exercise.ipynb", NAV, "# 00 · Strike: practice")
    _notebook(tmp_path / "assessments" / "90_entry_quiz.ipynb", NAV,
              "# Entry quiz\n\nTake this before lesson 01. Ten minutes, no notes.")
    lines = course_lines(tmp_path)
    assert "- **00 · The Wellington harbour strike**: [lesson](lessons/00_wellington_strike.ipynb) · " \
           "[exercise](exercises/00_wellington_strike_exercise.ipynb)" in lines
    assert "- **01 · Picket dates**: [lesson](lessons/01_picket_dates.ipynb)" in lines  # no exercise: no link
    assert lines[-1] == "- **Entry quiz**: [assessments/90_entry_quiz.ipynb](assessments/90_entry_quiz.ipynb). " \
                        "Take this before lesson 01."
    assert "More practice" not in course_index(tmp_path)


def test_index_of_an_invented_football_transfer_course(tmp_path):
    _notebook(tmp_path / "lessons" / "00_lisbon_transfer.ipynb", "# 00 · The €40m transfer in Lisbon: who said it?")
    _notebook(tmp_path / "lessons" / "notes.ipynb", "# Teacher's scratchpad")  # not a lesson name: left out
    _notebook(tmp_path / "assessments" / "91_exit.ipynb", "no heading here")
    (tmp_path / "practice" / "porto").mkdir(parents=True)
    text = course_index(tmp_path)
    assert "**00 · The €40m transfer in Lisbon: who said it?**" in text
    assert "scratchpad" not in text
    assert "- **91_exit**: [assessments/91_exit.ipynb](assessments/91_exit.ipynb)\n" in text  # stem, no sentence
    assert "## More practice" in text
    written = write_course_index(tmp_path)
    assert written.read_text(encoding="utf-8") == text


def test_title_reader_skips_the_navigation_and_code_cells():
    cells = [{"cell_type": "code", "source": "# 00 · a comment, not a title"},
             {"cell_type": "markdown", "source": NAV},
             {"cell_type": "markdown", "source": ["# Port of Napier: practice\n", "\n", "Seven questions. Then more."]}]
    assert title_of(cells) == ("Port of Napier: practice", "Seven questions.")
    assert title_of([]) == ("", "")


def test_real_titles_match_the_lessons_headings():
    for nb in (ROOT / "lessons").glob("*.ipynb"):
        title, _ = notebook_title(nb)
        assert title.startswith(nb.name[:2] + " · "), (nb, title)
