"""Framing keys: the four answer keys of lesson 04, their validators and their tables.

Each key is a CSV in the case's ``keys/`` folder, each quote verbatim in its file:

* ``coverage.csv`` (``id,fact,file,status,quote,note``): key facts of the story
  × articles, each ``included``, ``distorted`` or ``omitted``;
* ``frames.csv`` (``id,file,paragraph,frame,quote,note``): one primary frame
  per paragraph, from :data:`kit.framing.taxonomy.FRAMES`;
* ``stance.csv`` (``id,file,stance,quote,note``): each article's stance toward
  the report at the centre of the story: ``credible``, ``doubtful`` or ``neutral``;
* ``techniques.csv`` (``id,technique,file,quote,note``): persuasion techniques,
  from :data:`kit.framing.taxonomy.TECHNIQUES`.

Each validator registers itself with the core (:func:`kit.core.register_key`),
so the case loader checks the keys when a case is loaded.

>>> sorted(FRAMING_VALIDATORS)
['coverage', 'frames', 'stance', 'techniques']
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.case import resolve_case
from ..core.registry import register_key
from ..core.text import find_quote
from .taxonomy import COVERAGE_STATUSES, FRAMES, STANCES, TECHNIQUE_GROUPS, TECHNIQUES

if TYPE_CHECKING:
    import pandas as pd

    from ..core.case import Case

COVERAGE_COLUMNS = ["id", "fact", "file", "status", "quote", "note"]
FRAME_COLUMNS = ["id", "file", "paragraph", "frame", "quote", "note"]
STANCE_COLUMNS = ["id", "file", "stance", "quote", "note"]
TECHNIQUE_COLUMNS = ["id", "technique", "file", "quote", "note"]

_FACT_ID = re.compile(r"^(F\d+)\.(A\d+)$")


def _close(value: str, allowed) -> str:
    guess = difflib.get_close_matches(value.replace(" ", "_"), list(allowed), n=1, cutoff=0.6)
    return f" (did you mean {guess[0]!r}?)" if guess else ""


def _missing_columns(rows, columns, label, problems) -> bool:
    if rows:
        missing = [c for c in columns if c not in rows[0][1]]
        if missing:
            problems.append(f"{label} has no column {', '.join(repr(m) for m in missing)}; "
                            f"its columns are {','.join(columns)}.")
            return True
    return False


def _empty_field(row: dict[str, str], fields, where: str, problems: list[str]) -> bool:
    for f in fields:
        if not row[f].strip():
            problems.append(f"{where}: the field {f!r} is empty; fill it in.")
            return True
    return False


def validate_coverage(rows: list[tuple[int, dict[str, str]]], label: str, case: Case, problems: list[str]) -> None:
    """Report problems of a coverage key (``keys/coverage.csv``).

    Checks: the columns; ``id``, ``fact``, ``file``, ``status`` filled in;
    ``status`` one of :data:`COVERAGE_STATUSES`; a quote for ``included`` and
    ``distorted``, none for ``omitted``; a note for ``distorted`` and
    ``omitted``; ids like ``F03.A2`` whose article is the row's file; one fact
    text per fact id; every fact × every article exactly once; every fact
    included by at least one article.
    """
    if _missing_columns(rows, COVERAGE_COLUMNS, label, problems):
        return
    ids = dict(zip(case.articles["file"], case.articles["article_id"]))
    seen: dict[tuple[str, str], int] = {}
    facts: dict[str, tuple[int, str]] = {}
    included: dict[str, bool] = {}
    for line, row in rows:
        where = f"{label}, line {line} ({row['id'].strip() or 'no id'})"
        if _empty_field(row, ("id", "fact", "file", "status"), where, problems):
            continue
        status, quote, note, file = row["status"].strip(), row["quote"].strip(), row["note"].strip(), row["file"].strip()
        if status not in COVERAGE_STATUSES:
            problems.append(f"{where}, field 'status': {status!r} is not a status; use one of {', '.join(COVERAGE_STATUSES)}.")
            continue
        if status in ("included", "distorted") and not quote:
            problems.append(f"{where}, field 'quote' is empty; an {status} fact needs the article's words as evidence.")
        if status == "omitted" and quote:
            problems.append(f"{where}, field 'quote': an omitted fact has no quote; leave it empty and say what is missing in 'note'.")
        if status in ("distorted", "omitted") and not note:
            problems.append(f"{where}, field 'note' is empty; say in one sentence what is {status} and why.")
        m = _FACT_ID.match(row["id"].strip())
        if not m:
            problems.append(f"{where}, field 'id': {row['id']!r} is not a coverage id; write it like F03.A2 (fact, article).")
            continue
        fact_id, article = m.groups()
        if file in ids and ids[file] != article:
            problems.append(f"{where}, field 'id': {row['id']!r} names article {article}, but {file} is {ids[file]}.")
        fact = " ".join(row["fact"].split())
        if fact_id in facts and facts[fact_id][1] != fact:
            problems.append(f"{where}, field 'fact': fact {fact_id} is worded differently on line {facts[fact_id][0]}; "
                            "use the same words on every row of a fact.")
        facts.setdefault(fact_id, (line, fact))
        included[fact_id] = included.get(fact_id, False) or status == "included"
        pair = (fact_id, file)
        if pair in seen:
            problems.append(f"{where}: fact {fact_id} is given twice for {file} (also on line {seen[pair]}); "
                            "keep one row per fact and article.")
        seen.setdefault(pair, line)
    for fact_id, (line, _) in facts.items():
        missing = [f"{ids[f]}" for f in ids if (fact_id, f) not in seen]
        if missing:
            problems.append(f"{label}: fact {fact_id} (line {line}) has no row for {', '.join(missing)}; "
                            "give every fact one row per article (included, distorted or omitted).")
        if not included[fact_id]:
            problems.append(f"{label}: fact {fact_id} (line {line}) is included by no article; "
                            "a key fact needs evidence in at least one article.")


def validate_frames(rows: list[tuple[int, dict[str, str]]], label: str, case: Case, problems: list[str]) -> None:
    """Report problems of a frames key (``keys/frames.csv``).

    Checks: the columns; ``id``, ``file``, ``paragraph``, ``frame``, ``quote``
    filled in; ``frame`` one of :data:`FRAMES`, spelled exactly; ``paragraph``
    a paragraph number of that file; the quote inside that paragraph; one
    primary frame per paragraph.
    """
    if _missing_columns(rows, FRAME_COLUMNS, label, problems):
        return
    paragraphs = {f: set(int(p) for p in g["paragraph"]) for f, g in case.sentences.groupby("file")}
    para_of = dict(zip(case.sentences["sentence_id"], case.sentences["paragraph"]))
    grouped = case.sentences.groupby(["file", "paragraph"])
    spans = {(f, int(p)): (int(g["start"].min()), int(g["end"].max())) for (f, p), g in grouped}
    seen: dict[tuple[str, int], int] = {}
    for line, row in rows:
        where = f"{label}, line {line} ({row['id'].strip() or 'no id'})"
        if _empty_field(row, ("id", "file", "paragraph", "frame", "quote"), where, problems):
            continue
        frame, file = row["frame"].strip(), row["file"].strip()
        if frame not in FRAMES:
            problems.append(f"{where}, field 'frame': {frame!r} is not a frame name{_close(frame, FRAMES)}; "
                            "use a name of kit.framing.FRAMES exactly.")
        text = row["paragraph"].strip()
        if not text.isdigit():
            problems.append(f"{where}, field 'paragraph': {text!r} is not a whole number; give the paragraph number of case.sentences.")
            continue
        para = int(text)
        if file not in paragraphs:
            continue  # the generic check reports an unknown file
        if para not in paragraphs[file]:
            problems.append(f"{where}, field 'paragraph': {file} has no paragraph {para}; "
                            f"its paragraphs are 1 to {max(paragraphs[file])}.")
            continue
        found = case.find_quote(file, row["quote"])
        start, end = spans[(file, para)]
        if found and find_quote(case.raw(file)[start:end], row["quote"]) is None:
            problems.append(f"{where}, field 'paragraph': the quote is in paragraph "
                            f"{int(para_of[found[0]])}, not {para}; correct the paragraph number.")
        if (file, para) in seen:
            problems.append(f"{where}: paragraph {para} of {file} already has a frame (line {seen[(file, para)]}); "
                            "give each paragraph one primary frame.")
        seen.setdefault((file, para), line)


def validate_stance(rows: list[tuple[int, dict[str, str]]], label: str, case: Case, problems: list[str]) -> None:
    """Report problems of a stance key (``keys/stance.csv``).

    Checks: the columns; every field but none filled in; ``stance`` one of
    :data:`STANCES`; one stance per article on all its rows; at most three rows per article.
    """
    if _missing_columns(rows, STANCE_COLUMNS, label, problems):
        return
    stance_of: dict[str, tuple[int, str]] = {}
    counts: dict[str, int] = {}
    for line, row in rows:
        where = f"{label}, line {line} ({row['id'].strip() or 'no id'})"
        if _empty_field(row, STANCE_COLUMNS, where, problems):
            continue
        stance, file = row["stance"].strip(), row["file"].strip()
        if stance not in STANCES:
            problems.append(f"{where}, field 'stance': {stance!r} is not a stance; use one of {', '.join(STANCES)}.")
            continue
        if file in stance_of and stance_of[file][1] != stance:
            problems.append(f"{where}, field 'stance': {file} is {stance_of[file][1]!r} on line {stance_of[file][0]}; "
                            "an article has one stance.")
        stance_of.setdefault(file, (line, stance))
        counts[file] = counts.get(file, 0) + 1
        if counts[file] == 4:
            problems.append(f"{where}: {file} has more than three stance rows; keep the one to three clearest sentences.")


def validate_techniques(rows: list[tuple[int, dict[str, str]]], label: str, case: Case, problems: list[str]) -> None:
    """Report problems of a techniques key (``keys/techniques.csv``).

    Checks: the columns; ``id``, ``technique``, ``file``, ``quote``, ``note``
    filled in; ``technique`` one of :data:`TECHNIQUES`, spelled exactly.
    """
    if _missing_columns(rows, TECHNIQUE_COLUMNS, label, problems):
        return
    for line, row in rows:
        where = f"{label}, line {line} ({row['id'].strip() or 'no id'})"
        if _empty_field(row, TECHNIQUE_COLUMNS, where, problems):
            continue
        technique = row["technique"].strip()
        if technique not in TECHNIQUES:
            problems.append(f"{where}, field 'technique': {technique!r} is not a technique name"
                            f"{_close(technique, TECHNIQUES)}; use a name of kit.framing.TECHNIQUES exactly.")


FRAMING_VALIDATORS = {
    "coverage": validate_coverage,
    "frames": validate_frames,
    "stance": validate_stance,
    "techniques": validate_techniques,
}
"""Validator by key name (the file name of ``keys/NAME.csv`` without ``.csv``)."""


def validate_framing_keys(name: str, rows: list[tuple[int, dict[str, str]]], label: str, case: Case,
                          problems: list[str]) -> None:
    """Validate one framing key by its name (``coverage``, ``frames``, ``stance``, ``techniques``); others are ignored.

    Meant for the case loader, next to the generic checks of ``file``/``quote``
    and ``id`` (which it does not repeat).

    Args:
        name: the key's name (``path.stem``).
        rows: ``(line number, row)`` pairs as read by the loader.
        label: how to name the file in messages, e.g. ``seeds/keys/frames.csv``.
        case: the case being loaded (articles and sentences are ready).
        problems: a list that each problem is appended to, one sentence each.

    >>> problems = []
    >>> validate_framing_keys("stance", [(2, {"id": "S1", "file": "x.txt", "stance": "sceptical",
    ...     "quote": "q", "note": "n"})], "keys/stance.csv", None, problems)
    >>> problems
    ["keys/stance.csv, line 2 (S1), field 'stance': 'sceptical' is not a stance; use one of credible, doubtful, neutral."]
    """
    validator = FRAMING_VALIDATORS.get(name)
    if validator is not None:
        validator(rows, label, case, problems)


def _key_table(loaded: Case, name: str, columns: list[str]) -> pd.DataFrame:
    import pandas as pd

    table = loaded.keys.get(name)
    if table is None or table.empty:
        return pd.DataFrame(columns=["article_id"] + columns)
    out = table.reindex(columns=columns).fillna("").copy()
    out.insert(0, "article_id", out["file"].map(dict(zip(loaded.articles["file"], loaded.articles["article_id"]))))
    return out


def coverage(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Return the coverage key: every key fact × article, ``included``, ``distorted`` or ``omitted``.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.

    Returns:
        A DataFrame with ``article_id, fact_id`` and the key's columns
        (``id, fact, file, status, quote, note``), by fact and article; empty
        with these columns when the case has no ``keys/coverage.csv``.

    >>> c = coverage()
    >>> c.loc[c["id"] == "F01.A1", "status"].item()
    'distorted'
    """
    loaded = resolve_case(case)
    out = _key_table(loaded, "coverage", COVERAGE_COLUMNS)
    out.insert(1, "fact_id", out["id"].str.split(".").str[0] if len(out) else [])
    if len(out):
        out["_f"] = out["fact_id"].str[1:].astype(int)
        out["_a"] = out["article_id"].str[1:].astype(int)
        out = out.sort_values(["_f", "_a"]).drop(columns=["_f", "_a"])
    return out.reset_index(drop=True)


def frames(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Return the frames key: one primary frame per paragraph, with the paragraph's sentence ids.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.

    Returns:
        A DataFrame with ``article_id`` and the key's columns (``id, file,
        paragraph, frame, quote, note``; ``paragraph`` as a number) and
        ``sentence_ids`` (``;``-separated), in reading order; empty when the case
        has no ``keys/frames.csv``.

    >>> f = frames()
    >>> bool(f["frame"].isin(FRAMES).all()), f.loc[0, "article_id"]
    (True, 'A0')
    """
    loaded = resolve_case(case)
    out = _key_table(loaded, "frames", FRAME_COLUMNS)
    if out.empty:
        out["sentence_ids"] = []
        return out
    out["paragraph"] = out["paragraph"].astype(int)
    ids = loaded.sentences.groupby(["file", "paragraph"])["sentence_id"].agg(";".join)
    out["sentence_ids"] = [ids.get((f, p), "") for f, p in zip(out["file"], out["paragraph"])]
    out["_a"] = out["article_id"].str[1:].astype(int)
    return out.sort_values(["_a", "paragraph"]).drop(columns="_a").reset_index(drop=True)


def stance(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Return the stance key: each article's stance toward the central report, with the sentences that show it.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.

    Returns:
        A DataFrame with ``article_id`` and ``id, file, stance, quote, note``;
        empty when the case has no ``keys/stance.csv``.

    >>> stance().groupby("article_id")["stance"].first().to_dict()["A0"]
    'credible'
    """
    loaded = resolve_case(case)
    out = _key_table(loaded, "stance", STANCE_COLUMNS)
    if len(out):
        out["_a"] = out["article_id"].str[1:].astype(int)
        out = out.sort_values("_a", kind="stable").drop(columns="_a")
    return out.reset_index(drop=True)


def techniques(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Return the persuasion-techniques key, with each technique's group.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.

    Returns:
        A DataFrame with ``article_id``, ``id, technique, file, quote, note`` and
        ``group`` (e.g. "Attack on reputation"); empty when the case has no
        ``keys/techniques.csv``.

    >>> t = techniques()
    >>> bool(t["technique"].nunique() >= 6), t.loc[t["technique"] == "Doubt", "group"].iloc[0]
    (True, 'Attack on reputation')
    """
    loaded = resolve_case(case)
    out = _key_table(loaded, "techniques", TECHNIQUE_COLUMNS)
    group_of = {t: g for g, ts in TECHNIQUE_GROUPS.items() for t in ts}
    out["group"] = out["technique"].map(group_of) if len(out) else []
    return out.reset_index(drop=True)


for _name, _validator in FRAMING_VALIDATORS.items():
    register_key(_name, _validator, quote_optional=(_name == "coverage"))
