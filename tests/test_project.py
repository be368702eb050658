"""The two commands, CI, the README, packaging and import cost."""

import inspect
import os
import re
import shutil
import subprocess
import sys
import zipfile

import pytest

from helpers import ROOT


def _make_n(target, env=None):
    return subprocess.run(
        ["make", "-n", target], cwd=ROOT, capture_output=True, text=True, check=True, env=env
    ).stdout


def test_make_lab_opens_lesson_00_from_the_repository():
    out = _make_n("lab")
    lab = [line for line in out.splitlines() if "jupyter lab" in line][0]
    assert "--LabApp.default_url=/lab/tree/lessons/00_start_here.ipynb" in lab
    assert f'--ServerApp.root_dir="{ROOT}"' in lab
    assert ("--allow-root" in lab) == (os.geteuid() == 0)


def test_make_test_runs_everything():
    out = _make_n("test")
    assert re.search(r"^make\b.* sync unit notebooks-test browser$", out, re.M), out
    assert "kit build --check" in out
    assert re.search(r"-m pytest .*\btests kit --doctest-modules --ignore=tests/browser", out)
    assert "--nbval lessons solutions exercises assessments" in out  # one run: exercises carry no outputs to compare
    assert "--dist loadscope" in out and "--nbval-sanitize-with tests/nbval-sanitize.cfg" in out
    assert "-m browser tests/browser" in out, "the browser suite runs when Chromium is there"


def test_missing_browser_is_reported_and_fails_under_ci(tmp_path):
    env = dict(os.environ, PATH=f"{ROOT / '.venv' / 'bin'}:/usr/bin:/bin", CHROMIUM="")
    plain = subprocess.run(["make", "--no-print-directory", "browser", "CHROMIUM="], cwd=ROOT, capture_output=True, text=True,
                           env={k: v for k, v in env.items() if k != "CI"})
    assert plain.returncode == 0 and "BROWSER TESTS NOT RUN" in plain.stdout
    ci = subprocess.run(["make", "--no-print-directory", "browser", "CHROMIUM="], cwd=ROOT, capture_output=True, text=True,
                        env=dict(env, CI="true"))
    assert ci.returncode != 0 and "CI must run the browser suite" in ci.stdout


def test_ci_installs_chromium_when_missing():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "apt-get install -y -qq chromium" in ci


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
    assert os.access(ROOT / ".ci" / "run", os.X_OK)


def test_readme_first_screen_shows_the_two_commands():
    first = "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:25])
    assert "make lab" in first and "make test" in first


def test_pyproject_pins_major_versions():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"pandas>=3,<4"' in text and '"altair>=6,<7"' in text
    for dep in ("jupyterlab", "ipywidgets", "nbval"):
        assert dep in text


def test_sanitize_file_has_a_reason_for_every_rule():
    lines = (ROOT / "tests" / "nbval-sanitize.cfg").read_text(encoding="utf-8").splitlines()
    rules = [i for i, line in enumerate(lines) if line.startswith("[")]
    assert rules, "the file has no rule"
    for i in rules:
        assert i > 0 and lines[i - 1].startswith("#"), f"rule {lines[i]} has no comment above it saying why"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """A wheel built from a clean copy of the sources (a stale build/ folder must not fill its gaps)."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for folder in ("kit", "seeds", "cases"):
        shutil.copytree(ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(source)],
        check=True,
        capture_output=True,
    )
    return next(out.glob("*.whl"))


def test_wheel_ships_every_package_of_kit(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    sources = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "kit").rglob("*.py") if "__pycache__" not in p.parts)
    missing = sorted({s.rsplit("/", 1)[0].replace("/", ".") for s in sources if s not in names})
    assert not missing, "the wheel lacks modules of these packages; list them in pyproject.toml " \
                        "[tool.setuptools] packages: " + ", ".join(missing)


def test_wheel_ships_the_seed_case(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "kit/seeds/metadata.csv" in names
    assert sum(n.startswith("kit/seeds/articles/") for n in names) == 5
    assert "kit/seeds/keys/questions.csv" in names and "kit/seeds/context/roles.csv" in names
    assert "kit/cases/kestrel/metadata.csv" in names and "kit/cases/kestrel/keys/questions.csv" in names
    assert "kit/core/glossary.csv" in names and "kit/guide/teacher_guide.md.j2" in names


def test_non_editable_install_works_from_any_directory(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)], check=True)
    elsewhere = tmp_path / "home"
    elsewhere.mkdir()
    env = dict(os.environ, PYTHONPATH=str(target), KIT_ANSWERS=str(tmp_path / "a.json"))
    code = (
        "import kit, pathlib; c = kit.load_case(); "
        "print(pathlib.Path(kit.__file__).parent.parent == pathlib.Path(%r), len(c.articles), kit.check('q0.2', 'A2').status)"
        % str(target)
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert result.stdout.split() == ["True", "5", "correct"], result.stderr


def test_import_kit_is_light_and_silent():
    code = "import sys, kit; print(sorted(m for m in ('pandas', 'altair', 'ipywidgets', 'pysbd') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]" and result.stderr == ""


def test_public_facade_is_explicit():
    import kit

    assert sorted(kit.__all__, key=str.lower) == kit.__all__, "kit.__all__ is in alphabetical order"
    assert len(set(kit.__all__)) == len(kit.__all__)
    for name in kit.__all__:
        value = getattr(kit, name)
        if callable(value) or inspect.ismodule(value):  # constants are documented where they are defined
            assert inspect.getdoc(value), f"kit.{name} has no docstring"


def test_rights_are_stated_for_the_code_and_for_every_case():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## Rights" in readme and "MIT" in readme and "CC BY 4.0" in readme
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    cases = [ROOT / "seeds", *sorted(p for p in (ROOT / "cases").iterdir() if (p / "metadata.csv").exists())]
    assert len(cases) >= 2
    for case in cases:
        text = (case / "README.md").read_text(encoding="utf-8")
        rights = text.split("## Rights", 1)[-1] if "## Rights" in text else ""
        assert "CC BY 4.0" in rights, f"{case.name}/README.md needs a '## Rights' section naming the licence of original material"
        assert "invented" in rights or "belong to" in rights, f"{case.name}/README.md must say whose text the articles are"
