"""Install the course's JupyterLab settings (``labsettings/overrides.json``) where JupyterLab reads them.

JupyterLab 4 (jupyterlab_server) reads default-setting overrides from
``<application directory>/settings/overrides.json``; the application directory
is ``{sys.prefix}/share/jupyter/lab`` unless ``$JUPYTERLAB_DIR`` says otherwise
(``jupyter lab path`` prints it). Installing there makes every ``jupyter lab``
started from this Python environment use the course's defaults (no news pop-up,
no update check, full path in the file browser, no cell toolbar over the navigation line), whatever folder it starts in
and however it is started (``make lab``, plain ``jupyter lab``, a hub, Binder).

They are defaults, not locks: a student's own Settings-editor choices still win.
An existing overrides.json is kept and merged (the course's keys win), so running
this twice, or on a machine with other overrides, is safe.

Run it with the environment's Python: ``python labsettings/install.py``
(``make setup`` and ``binder/postBuild`` do). Standard library only.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

SHIPPED = Path(__file__).resolve().parent / "overrides.json"


def app_settings_dir() -> Path:
    """Return the folder holding overrides.json for this environment's JupyterLab."""
    try:
        from jupyterlab.commands import get_app_dir  # honours $JUPYTERLAB_DIR
    except ImportError:  # JupyterLab not installed yet: the default location
        app_dir = os.environ.get("JUPYTERLAB_DIR") or os.path.join(sys.prefix, "share", "jupyter", "lab")
    else:
        app_dir = get_app_dir()
    return Path(app_dir) / "settings"


def merged(existing: dict, ours: dict) -> dict:
    """Return ``existing`` updated plugin by plugin with ``ours`` (our keys win, others are kept).

    >>> merged({"a:p": {"x": 1, "y": 2}, "b:q": {"z": 3}}, {"a:p": {"y": 9}})
    {'a:p': {'x': 1, 'y': 9}, 'b:q': {'z': 3}}
    """
    out = {plugin: dict(values) for plugin, values in existing.items()}
    for plugin, values in ours.items():
        out.setdefault(plugin, {}).update(values)
    return out


def install(target_dir: Path | None = None) -> Path:
    """Write the merged overrides.json into ``target_dir`` (default: this JupyterLab's) and return its path."""
    target_dir = Path(target_dir) if target_dir else app_settings_dir()
    target = target_dir / "overrides.json"
    ours = json.loads(SHIPPED.read_text(encoding="utf-8"))
    existing = {}
    if target.is_file():
        try:
            existing = json.loads(target.read_text(encoding="utf-8"))
        except ValueError as err:
            raise SystemExit(
                f"{target} is not valid JSON ({err}); fix or delete it, then run `python labsettings/install.py` again."
            ) from None
    text = json.dumps(merged(existing, ours), indent=2) + "\n"
    if target.is_file() and target.read_text(encoding="utf-8") == text:
        return target  # already installed: leave the file alone
    target_dir.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".overrides.json.{os.getpid()}.tmp")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, target)  # atomic: a JupyterLab starting meanwhile reads the old or the new file
    return target


if __name__ == "__main__":
    print(f"JupyterLab settings for the course installed in {install()}")
