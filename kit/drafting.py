"""Draft a case's keys from the automatic analyses, for an instructor to review: ``python -m kit draft CASE``.

Teaching a new story should not start with a blank spreadsheet. :func:`draft_keys`
turns what the analyses find into rows in the key formats the course reads:

* ``keys/claims.csv``: every report sentence (boilerplate left out) with the
  baseline's label, the rule and cue behind it, and who it rests on (named,
  vague, or the writer);
* ``keys/questions.csv``: checked questions made from those findings: "label
  this sentence" (lesson 1), "which rendering changed the words" and "who
  reported first" (lesson 2), "which date does this expression mean" and
  "which sentence does the timeline flag" (lesson 3), "which articles leave
  out this fact" (lesson 4, from the drafted coverage);
* ``keys/sources.csv``, ``coverage.csv``, ``frames.csv``, ``stance.csv``,
  ``techniques.csv`` and ``annotations.csv``: see :mod:`kit.drafting_keys`.

Every drafted row carries ``status=draft`` (in ``coverage.csv``, whose
``status`` is the coverage status, ``review=draft``). A row an instructor has
reviewed (``reviewed``, or a key written by hand with no such column) is never
overwritten: :func:`write_drafts` keeps it and drafts only around it.
``python -m kit validate`` says how many rows of each key are still drafts.

>>> import tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp()) / "port"
>>> (root / "articles").mkdir(parents=True)
>>> _ = (root / "articles" / "a.txt").write_text("Port reopens\\n\\nThe port reopened on Monday, officials said.\\n")
>>> _ = (root / "metadata.csv").write_text("file,outlet,author,genre,published,headline,url,notes\\na.txt,Port News,,news,2031-03-05,Port reopens,,\\n")
>>> from kit.core.case import load_case
>>> drafts = draft_keys(load_case(root, cached=False))
>>> drafts["claims"][["id", "label", "status"]].values.tolist()
[['A1.C1', 'verifiable_fact', 'draft'], ['A1.C2', 'attributed_statement', 'draft']]
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from .claims.baseline import guess_sentences
from .claims.taxonomy import LABELS
from .core.case import Case, load_case, resolve_case
from .core.paths import case_dir
from .core.store import write_atomic
from .core.tables import read_table
from .dates import timeline, timeline_flags
from .lateral.corpus import PROFILE_COLUMNS, draft_profiles
from .dates.flags import SEVERITY
from .drafting_keys import DRAFT, MATCH, REVIEWED, draft_other_keys, quotable, review_column
from .quotes import GRADES, trace_quotes
from .sourcing import attributions, first_reports

if TYPE_CHECKING:
    import pandas as pd

CLAIM_COLUMNS = ["id", "file", "sentence_id", "quote", "label", "who_asserts", "original_source", "rationale", "example",
                 "status"]
QUESTION_COLUMNS = ["id", "kind", "prompt", "answer", "options", "match", "tolerance", "explanation", "hint",
                    "defensible", "file", "quote", "facet", "status"]
PER_KIND = 4
"""How many questions of each kind a draft proposes (an instructor keeps the best)."""
FAITHFUL = ("reference", "unique", "verbatim")
"""Quote grades that say a rendering kept the words; every other grade of :data:`kit.quotes.GRADES` changed them."""
SLOT = {"sources": ("chain", "step"), "coverage": ("id",), "frames": ("file", "paragraph"), "stance": ("file",),
        "techniques": ("file", "quote"), "annotations": ("sentence_id", "facet")}
"""The place a reviewed row holds: a drafted row with the same values (or the same id) is left out."""
GROUP = {"sources": "chain", "coverage": "id"}
"""The rows that stand or fall together: a chain, or a fact (ids ``F01.A2``: the part before the dot)."""


def draft_claims(case: Case) -> pd.DataFrame:
    """Draft the claim key: one row per report sentence, labelled by the baseline, resting on who the text names."""
    import pandas as pd

    sources = attributions(case).set_index("sentence_id")
    files = dict(zip(case.sentences["sentence_id"], case.sentences["file"]))
    rows, counts = [], {}
    for _, g in guess_sentences(case).iterrows():
        sid = g["sentence_id"]
        if not quotable(case, sid):
            continue  # its words appear earlier in another sentence, so no quote could point to it
        aid = sid.split(".")[0]
        counts[aid] = counts.get(aid, 0) + 1
        source = sources["source"].get(sid, "") if sid in sources.index else ""
        kind = sources["attribution"].get(sid, "") if sid in sources.index else ""
        who = source or ("the writer" if g["label"] != "attributed_statement" else "someone the sentence names (check)")
        rows.append({"id": f"{aid}.C{counts[aid]}", "file": files[sid], "sentence_id": sid, "quote": g["text"],
                     "label": g["label"], "who_asserts": who,
                     "original_source": "not traced yet" + (f" ({kind} source)" if kind else ""),
                     "rationale": f"Draft: the baseline's rule '{g['rule']}' fired ({g['cue']}); check the label "
                                  "against the definitions and say why in a sentence.",
                     "example": "", "status": DRAFT})
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)


def _question(qid: str, kind: str, prompt: str, answer: str, explanation: str, hint: str, *, about: tuple[str, str],
              options: str = "", match: str = "", facet: str = "") -> dict[str, str]:
    """One question row, tied to the sentence it is about (``about``: its file and text, the key's quote)."""
    return {"id": qid, "kind": kind, "prompt": prompt, "answer": answer, "options": options, "match": match,
            "tolerance": "", "explanation": explanation, "hint": hint, "defensible": "", "file": about[0],
            "quote": about[1], "facet": facet, "status": DRAFT}


def _about(case: Case, sentence_id: str) -> tuple[str, str]:
    """The file and text of a sentence: what a drafted question quotes."""
    row = case.sentences[case.sentences["sentence_id"] == sentence_id].iloc[0]
    return row["file"], row["text"]


def _label_questions(claims: pd.DataFrame) -> list[dict[str, str]]:
    """One "label this sentence" question per label the draft found, up to :data:`PER_KIND`."""
    picked = claims.drop_duplicates("label").head(PER_KIND)
    return [_question(f"q1.{n}", "choice", f"Label: '{row['quote'][:90]}' ({row['sentence_id']})", row["label"],
                      f"{row['sentence_id']}: {row['rationale']}", "Ask how the sentence could be checked: records, "
                      "the source, nothing (a view), or time.", options=";".join(LABELS),
                      about=(row["file"], row["quote"]), facet="label")
            for n, (_, row) in enumerate(picked.iterrows(), start=1)]


def _quote_questions(case: Case, start: int) -> list[dict[str, str]]:
    """"Which rendering changed the words?" for statements rendered in several articles, one of them altered."""
    quotes = trace_quotes(case)
    out = []
    for _, group in quotes.groupby("statement_id", sort=False):
        changed = group[~group["match"].isin(FAITHFUL) & group["match"].isin(GRADES)]
        reference = group[group["match"] == "reference"]
        if changed.empty or reference.empty or len(out) >= PER_KIND:
            continue
        ref = reference.iloc[0]
        answer = ";".join(dict.fromkeys(changed["sentence_id"]))
        out.append(_question(
            f"q2.{start + len(out)}", "sentences",
            f"Which sentence renders {ref['speaker'] or 'the'} statement '{ref['text'][:70]}' ({ref['sentence_id']}) "
            "with changed words?", answer,
            f"Against the reference in {ref['sentence_id']}, " + "; ".join(
                f"{r['sentence_id']} is {r['match']}" for _, r in changed.iterrows()) + ".",
            "Put each rendering beside the reference, word for word.", match="any", about=_about(case, ref["sentence_id"])))
    return out


def _first_report_questions(case: Case, start: int) -> list[dict[str, str]]:
    """"Who does this article say reported first?" where an article says so."""
    said = first_reports(case)
    said = said[said["evidence"].str.startswith("it says so")].head(PER_KIND)
    aid = dict(zip(case.articles["file"], case.articles["article_id"]))
    return [_question(f"q2.{start + n}", "text", f"Who does {aid[r['file']]} say reported the story first?", r["source"],
                      f"{r['sentence_id']} credits {r['source']} ({r['evidence']})"
                      + (f"; other articles name someone else: {r['disagrees_with']}." if r["disagrees_with"] else "."),
                      "Look for 'first reported', 'broke the story' or 'initially reported'.",
                      about=_about(case, r["sentence_id"]))
            for n, (_, r) in enumerate(said.iterrows())]


def _date_questions(case: Case) -> list[dict[str, str]]:
    """"Which date does this expression mean?" for relative dates the timeline resolved to one day."""
    rows = timeline(case)
    rows = rows[rows["kind"].isin(["weekday", "relative day"]) & rows["confidence"].isin(["high", "medium"])
                & (rows["resolved"].str.len() == 10)].drop_duplicates("expression").head(PER_KIND)
    return [_question(f"q3.{n}", "date", f"Which date does '{r['expression']}' in {r['sentence_id']} mean?",
                      r["resolved"], f"{r['sentence_id']}: {r['basis']}.",
                      "Find the date the article is read against, then count from it.", about=_about(case, r["sentence_id"]))
            for n, (_, r) in enumerate(rows.iterrows(), start=1)]


def _flag_questions(case: Case, start: int) -> list[dict[str, str]]:
    """"Which sentence does the timeline flag?" for each kind of flag found (notes left out)."""
    flags = timeline_flags(case)
    flags = flags[flags["kind"].map(SEVERITY.get) != "note"].drop_duplicates("kind").head(PER_KIND)
    return [_question(f"q3.{start + n}", "sentences", f"Which sentence has a {r['kind']} (a timeline problem)?",
                      r["sentence_id"], f"{r['sentence_id']}: {r['explanation']}",
                      "Compare each date with the article's own date and with the case's context.", match="any",
                      about=_about(case, r["sentence_id"]))
            for n, (_, r) in enumerate(flags.iterrows())]


def _omission_questions(case: Case, coverage: pd.DataFrame) -> list[dict[str, str]]:
    """"Which articles leave out this fact?" for drafted coverage facts that some articles omit."""
    aid = dict(zip(case.articles["file"], case.articles["article_id"]))
    out = []
    for fact, group in coverage.groupby(coverage["id"].str.split(".").str[0], sort=False):
        left_out = [aid[f] for f in group.loc[group["status"] == "omitted", "file"]]
        stated = group[group["status"] != "omitted"]
        if not left_out or stated.empty or len(out) >= PER_KIND:
            continue
        first = stated.iloc[0]
        sid = case.find_quote(first["file"], first["quote"])[0]
        out.append(_question(
            f"q4.{len(out) + 1}", "articles", f"Which articles leave out this fact: '{first['fact'][:90]}'?",
            ";".join(left_out), f"{sid} states it; by the kit's coverage draft ({fact}), "
            f"{', '.join(aid[f] for f in stated['file'])} {'state' if len(stated) > 1 else 'states'} it and "
            f"{', '.join(left_out)} {'hold' if len(left_out) > 1 else 'holds'} no sentence with {MATCH:.0%} of its content words.",
            "Look for the fact in each article, in any words: a figure, a name, a date.", match="exact",
            about=(first["file"], first["quote"])))
    return out


def draft_keys(case: Case | str | Path | None = None, claims: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """Draft every key of a case from its analyses (every row ``status=draft``; coverage ``review=draft``).

    Args:
        case: a loaded case, a case folder, or ``None`` for the course's case.
        claims: the claim key the label questions ask about and the source chains refer to (default:
            the drafted claims); pass the key with its reviewed rows so that a question never
            contradicts a label a person chose.

    Returns:
        ``{"claims": table, "questions": table, ...}`` in the key formats (see :data:`CLAIM_COLUMNS`,
        :data:`QUESTION_COLUMNS` and :mod:`kit.drafting_keys`).
    """
    import pandas as pd

    loaded = resolve_case(case)
    drafted = draft_claims(loaded)
    others = draft_other_keys(loaded, drafted if claims is None else claims)
    quotes = _quote_questions(loaded, 1)
    dates = _date_questions(loaded)
    questions = (_label_questions(drafted if claims is None else claims) + quotes
                 + _first_report_questions(loaded, len(quotes) + 1) + dates + _flag_questions(loaded, len(dates) + 1)
                 + _omission_questions(loaded, others["coverage"]))
    return {"claims": drafted, "questions": pd.DataFrame(questions, columns=QUESTION_COLUMNS), **others}


def merge_draft(existing: list[dict[str, str]], draft: pd.DataFrame) -> tuple[list[dict[str, str]], int, int]:
    """Merge a draft into a key's rows: keep every reviewed row, replace old drafts; return ``(rows, kept, drafted)``.

    A row is reviewed unless its ``status`` is ``draft``. A drafted row whose id a reviewed row
    already uses, or that quotes a sentence a reviewed claim already covers, is left out.

    >>> import pandas as pd
    >>> old = [{"id": "A1.C1", "sentence_id": "A1.S2", "status": "reviewed"}, {"id": "A1.C2", "status": "draft"}]
    >>> new = pd.DataFrame([{"id": "A1.C1", "sentence_id": "A1.S2", "status": "draft"},
    ...                     {"id": "A1.C2", "sentence_id": "A1.S3", "status": "draft"}])
    >>> rows, kept, drafted = merge_draft(old, new)
    >>> [r["id"] for r in rows], kept, drafted
    (['A1.C1', 'A1.C2'], 1, 1)
    """
    reviewed = [r for r in existing if (r.get("status") or "").strip() != DRAFT]
    taken_ids = {r.get("id", "") for r in reviewed}
    taken_sentences = {r.get("sentence_id", "") for r in reviewed} - {""}
    fresh = [{k: ("" if v is None else str(v)) for k, v in row.items()} for row in draft.to_dict("records")
             if row["id"] not in taken_ids and row.get("sentence_id", "") not in taken_sentences]
    return reviewed + fresh, len(reviewed), len(fresh)


def _norm(value) -> str:
    return " ".join(str(value or "").split())


def _unit(key: str, row: dict) -> str:
    """The group a row belongs to: its chain (sources), its fact id (coverage, ``F01`` of ``F01.A2``), else its id."""
    value = _norm(row.get(GROUP.get(key, "id")))
    return value.split(".")[0] if key == "coverage" else value


def _ties(key: str, row: dict, drafted: bool = False) -> set:
    """What ties a drafted group to a reviewed one: the claim of a chain; a fact's wording or its quotes.

    Of a drafted fact only the sentence that states it counts (its quote is the fact), not the
    sentences matched in other articles: one sentence may match several facts.
    """
    if key == "sources":
        return {_norm(row.get("claim_id"))} - {""}
    quote, fact = _norm(row.get("quote")), _norm(row.get("fact"))
    return {fact} | ({(row.get("file"), quote)} if quote and (quote == fact or not drafted) else set())


def _pairs(key: str, rows: list[dict]) -> set:
    """The ``(file, quote)`` evidence of a fact's rows (none for other keys)."""
    return {(r.get("file"), _norm(r.get("quote"))) for r in rows if _norm(r.get("quote"))} if key == "coverage" else set()


def _tied(key: str, rows: list[dict], groups: dict[str, list[dict]]) -> dict | None:
    """The reviewed group a drafted chain or fact belongs to, if any: a row of it to copy the name and wording from.

    Tied: the same claim (a chain); the same wording, the same stating sentence, or at least half of the
    reviewed fact's quotes (a fact).
    """
    mine = set().union(*(_ties(key, r, True) for r in rows))
    pairs = _pairs(key, rows)
    for members in groups.values():
        theirs = _pairs(key, members)
        if mine & set().union(*(_ties(key, r) for r in members)) or (theirs and 2 * len(pairs & theirs) >= len(theirs)):
            return members[0]
    return None


def _adopt(key: str, rows: list[dict], unit: str, model: dict) -> list[dict]:
    """Drafted rows of a group a person reviewed in part: they take its name (and a fact's wording)."""
    for row in rows:
        if key == "sources":
            row.update(id=f"{unit}.{row['step']}", chain=unit)
        else:
            row.update(id=f"{unit}.{row['id'].split('.', 1)[1]}", fact=model["fact"])
    return rows


def _overlaps(row: dict, reviewed: list[dict]) -> bool:
    """A drafted quote inside a reviewed quote of the same file and technique, or around it (a reviewer may trim a quote)."""
    mine = _norm(row.get("quote"))
    theirs = [_norm(r.get("quote")) for r in reviewed
              if r.get("file") == row.get("file") and r.get("technique") == row.get("technique")]
    return bool(mine) and any(q and (q in mine or mine in q) for q in theirs)


def _renumber(rows: list[dict], key: str, taken: set[str]) -> list[dict]:
    """Give drafted groups numbers after the reviewed ones (``T3`` after a reviewed ``T2``; ``F04.A1`` after ``F03``)."""
    numbers = [int(m.group(2)) for t in taken if (m := re.match(r"([A-Za-z]+)(\d+)", t))]
    start, new = max(numbers, default=0), {}
    for row in rows:
        unit = _unit(key, row)
        m = re.match(r"([A-Za-z]+)(\d+)", unit)
        if m:
            new.setdefault(unit, f"{m.group(1)}{start + len(new) + 1:0{len(m.group(2))}d}")
            row["id"] = new[unit] + row["id"][len(unit):]
            row.update({"chain": new[unit]} if "chain" in row else {})
    return rows


def merge_key(key: str, existing: list[dict[str, str]], draft: pd.DataFrame) -> tuple[list[dict[str, str]], int, int]:
    """Merge a drafted key into its rows as written: keep every reviewed row; return ``(rows, kept, drafted)``.

    A row is reviewed unless its review column (:func:`review_column`) says ``draft``. A drafted row
    whose place (:data:`SLOT`) a reviewed row holds is left out. A drafted chain or fact tied to a
    reviewed one (same claim; same wording or quote) joins it, for the steps or articles it lacks;
    other drafted chains, facts, techniques and annotations are numbered after the reviewed ones.

    >>> import pandas as pd
    >>> old = [{"id": "A1.ST1", "file": "a.txt", "stance": "doubtful", "status": "reviewed"}]
    >>> new = pd.DataFrame([{"id": "A1.ST1", "file": "a.txt", "stance": "neutral", "status": "draft"},
    ...                     {"id": "A2.ST1", "file": "b.txt", "stance": "neutral", "status": "draft"}])
    >>> rows, kept, drafted = merge_key("stance", old, new)
    >>> [(r["id"], r["stance"]) for r in rows], kept, drafted
    ([('A1.ST1', 'doubtful'), ('A2.ST1', 'neutral')], 1, 1)
    """
    col = review_column(key)
    reviewed = [r for r in existing if _norm(r.get(col)) != DRAFT]
    slots = {tuple(_norm(r.get(c)) for c in SLOT[key]) for r in reviewed} | {_norm(r.get("id")) for r in reviewed}
    fresh: dict[str, list[dict]] = {}
    for row in draft.to_dict("records"):
        fresh.setdefault(_unit(key, row), []).append({k: ("" if v is None else str(v)) for k, v in row.items()})
    groups: dict[str, list[dict]] = {}
    for row in reviewed if key in GROUP else []:
        groups.setdefault(_unit(key, row), []).append(row)
    kept, numbered = [], []
    for unit, rows in fresh.items():
        model = _tied(key, rows, groups) if key in GROUP else None
        rows = _adopt(key, rows, _unit(key, model), model) if model is not None else rows
        placed = model is not None or key in ("frames", "stance")
        if placed or key not in GROUP:  # a drafted group that joins no reviewed one only needs new numbers
            rows = [r for r in rows if tuple(_norm(r.get(c)) for c in SLOT[key]) not in slots
                    and not (placed and _norm(r["id"]) in slots) and not (key == "techniques" and _overlaps(r, reviewed))]
        (kept if placed else numbered).extend(rows)
    fresh_rows = kept + _renumber(numbered, key, {_unit(key, r) for r in reviewed})
    return reviewed + fresh_rows, len(reviewed), len(fresh_rows)


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a key file as written (not validated: a half-reviewed key may not load yet)."""
    return [row for _, row in (read_table(path, path.name, [], None, []) or [])] if path.is_file() else []


def _without_keys(root: Path, scratch: Path) -> Path:
    """Copy a case's texts and context (not its keys) to ``scratch``: drafting must not depend on a key in review."""
    shutil.copytree(root, scratch, ignore=lambda folder, names: ["keys"] if Path(folder) == root else [])
    return scratch


REJECTED = "rejected"
"""The folder, inside ``keys/``, where the drafted rows an instructor deleted are remembered (one CSV per key)."""
_FINGERPRINT = ("file", "sentence_id", "paragraph", "fact", "quote", "label", "answer", "frame", "stance", "technique",
                "relation", "facet", "value")


def fingerprint(row: dict[str, str]) -> str:
    """What identifies a drafted row across drafts (its place and its proposal, not its id or its text).

    >>> fingerprint({"id": "A1.C3", "sentence_id": "A1.S4", "label": "opinion", "rationale": "x"})
    '|A1.S4||||opinion|||||||'
    """
    return "|".join(" ".join(str(row.get(c) or "").split()) for c in _FINGERPRINT)


def reject(folder: Path, key: str, row: dict[str, str]) -> None:
    """Remember a drafted row the instructor deleted, so that drafting again does not bring it back."""
    path = Path(folder) / REJECTED / f"{key}.csv"
    rows = read_rows(path)
    if fingerprint(row) not in {r.get("fingerprint") for r in rows}:
        path.parent.mkdir(parents=True, exist_ok=True)
        save_rows(path, [*rows, {"id": row.get("id", ""), "fingerprint": fingerprint(row)}], ["id", "fingerprint"], "id")


def rejected(folder: Path, key: str) -> set[str]:
    """The fingerprints of the drafted rows of ``key`` an instructor deleted (see :func:`reject`)."""
    return {r.get("fingerprint", "") for r in read_rows(Path(folder) / REJECTED / f"{key}.csv")}


def load_without_keys(root: Path) -> Case:
    """Load a case's texts and context without its keys (a key in the middle of a review may not load yet)."""
    with tempfile.TemporaryDirectory(prefix="kit-texts-") as scratch:
        return load_case(_without_keys(root, Path(scratch) / root.name), cached=False)


def write_drafts(case: Case | str | Path | None = None) -> dict[str, tuple[int, int]]:
    """Draft the keys of a case and write them into its ``keys/`` folder, keeping every reviewed row.

    The analyses run on the case's texts and context alone, so a key in the middle of a review
    (say, a relabelled claim that a drafted question still contradicts) never stops a new draft;
    label questions are drafted from the claim key as reviewed so far.

    Returns:
        ``{key name: (reviewed rows kept, drafted rows written)}``.
    """
    import pandas as pd

    root = Path(case.path if isinstance(case, Case) else (case if case is not None else case_dir())).expanduser().resolve()
    folder = root / "keys"
    if not (root / "metadata.csv").is_file():
        load_case(root, cached=False)  # raises the friendly CaseError: no such folder, a file, no metadata.csv
    with tempfile.TemporaryDirectory(prefix="kit-draft-") as scratch:
        bare = load_case(_without_keys(root, Path(scratch) / root.name), cached=False)
        claims_rows, _, _ = merge_draft(read_rows(folder / "claims.csv"), draft_claims(bare))
        claims = pd.DataFrame(claims_rows).fillna("")
        drafts = draft_keys(bare, claims[claims["label"].isin(LABELS)])
    folder.mkdir(exist_ok=True)
    done = {}
    for name, draft in drafts.items():
        path = folder / f"{name}.csv"
        existing, review = read_rows(path), review_column(name)
        if name in ("claims", "questions"):
            rows, kept, drafted = merge_draft(existing, draft)
        else:
            rows, kept, drafted = merge_key(name, existing, draft)
        refused = rejected(folder, name)
        rows = [r for r in rows if (r.get(review) or "").strip() != DRAFT or fingerprint(r) not in refused]
        drafted = sum((r.get(review) or "").strip() == DRAFT for r in rows)
        for row in rows:
            row[review] = row.get(review) or REVIEWED
        if rows or path.is_file():  # a key with nothing to draft and no file yet is not created empty
            save_rows(path, rows, list(dict.fromkeys([*draft.columns, *(c for r in existing for c in r)])), review)
        done[name] = (kept, drafted)
    return done


def write_profile_drafts(case: Case | str | Path | None = None) -> tuple[int, int]:
    """Add an empty profile for every outlet, author and person not yet in ``context/sources/profiles.csv``.

    Returns ``(rows kept, rows drafted)``; a name already profiled (as ``entity`` or an alias) is left alone.
    """
    root = Path(case.path if isinstance(case, Case) else (case if case is not None else case_dir())).expanduser().resolve()
    bare = load_without_keys(root)
    path = root / "context" / "sources" / "profiles.csv"
    existing = read_rows(path)
    named = {n.strip().casefold() for r in existing for n in [r.get("entity", ""), *(r.get("aliases") or "").split("|")]}
    taken = {r.get("id") for r in existing}
    fresh = [r for r in draft_profiles(bare) if r["entity"].casefold() not in named]
    n = len(existing)
    for row in fresh:
        while f"S{n + 1}" in taken:
            n += 1
        n += 1
        row["id"] = f"S{n}"
    if fresh:
        path.parent.mkdir(parents=True, exist_ok=True)
        save_rows(path, existing + fresh, list(dict.fromkeys([*PROFILE_COLUMNS, *(c for r in existing for c in r)])), "review")
    return len(existing), len(fresh)


def save_rows(path: Path, rows: list[dict[str, str]], columns: list[str], review: str = "status") -> None:
    """Write a key's rows atomically, in its column order (the review column, ``status``, added if it was missing)."""
    import pandas as pd

    columns = [*columns, *([review] if review not in columns else [])]
    write_atomic(path, pd.DataFrame(rows, columns=columns).fillna("").to_csv(index=False))


def unreviewed(case: Case | str | Path | None = None) -> dict[str, int]:
    """Count the rows still marked as drafts in each key of a case (keys without any left out).

    A key's review state is in ``status``, or in ``review`` for coverage (see :func:`kit.drafting_keys.review_column`).

    >>> unreviewed()
    {}
    """
    loaded = resolve_case(case)
    out = {}
    for name, table in loaded.keys.items():
        column = review_column(name)
        if column in table.columns:
            n = int((table[column].astype(str).str.strip() == DRAFT).sum())
            if n:
                out[name] = n
    profiles = read_rows(Path(loaded.path) / "context" / "sources" / "profiles.csv")
    if n := sum((r.get("review") or "").strip() == DRAFT for r in profiles):
        out["profiles"] = n
    return out
