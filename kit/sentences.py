"""Every sentence of a case with its kind, and why a sentence is page text.

A case's sentences table (``case.sentences``) gives each sentence a kind:
``headline``, ``body`` or ``boilerplate`` (see :mod:`kit.core.boilerplate`).
:func:`sentence_kinds` adds the cue that made a sentence boilerplate, so an
instructor can check the marking on a new case and, where it is wrong, add or
move a phrase in the case's ``lexicon.csv``.

>>> table = sentence_kinds()
>>> table.loc[table["sentence_id"] == "A4.S44", ["kind", "cue"]].values.tolist()
[['boilerplate', "page phrase: 'LEAVE A REPLY'"]]
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .core.boilerplate import boilerplate_cues
from .core.case import Case, resolve_case

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = ["file", "sentence_id", "paragraph", "kind", "cue", "text"]
"""The columns of :func:`sentence_kinds`."""


def sentence_kinds(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Return every sentence with its kind and, for boilerplate, the cue that marked it.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.

    Returns:
        One row per sentence, in reading order, with the columns of :data:`COLUMNS`.
    """
    import pandas as pd

    loaded = resolve_case(case)
    frames = []
    for _, rows in loaded.sentences.groupby("file", sort=False):
        rows = rows.copy()
        read = [(p, "headline" if k == "headline" else "body", t) for p, k, t in zip(rows["paragraph"], rows["kind"], rows["text"])]
        cues = boilerplate_cues(read, loaded.path)
        rows["cue"] = [cue if kind == "boilerplate" else "" for cue, kind in zip(cues, rows["kind"])]
        frames.append(rows)
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
    return table[COLUMNS]
