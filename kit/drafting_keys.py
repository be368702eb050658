"""Draft the keys beyond claims and questions: source chains, coverage, frames, stance, techniques, annotations.

:func:`kit.drafting.draft_keys` drafts every key of a case; this module drafts six, each in its key's
exact format, each row marked as a draft, each ``quote`` copied from the article (the loader checks
it), each ``note`` naming the analysis that proposed the row and what the reviewer must check:

=========== ================================================================================
sources     a chain per quoted statement (:func:`kit.quotes.trace_quotes`), per "first reported"
            credit (:func:`kit.sourcing.first_reports`) and per statement the baseline gives to
            a named source (:func:`kit.sourcing.attributions`): the article's rendering, then
            the earliest appearance the texts show (``first appearance``, dated) or ``not traceable``
coverage    facts: report sentences stating a figure (:func:`kit.numbers.read_quantities`) or
            resting on a named source, earliest article first; in every other article the
            sentence sharing most of the fact's content words: ``included`` from :data:`MATCH`
            of them, or when it counts the same noun in a related sentence (the rule of
            :func:`kit.number_conflicts`); ``distorted`` (a candidate) when that figure differs;
            else ``omitted``
frames      per paragraph, the frame sharing most hint words (:data:`kit.framing.FRAME_HINTS`),
            at least :data:`HINT_WORDS`, else :data:`PLACEHOLDER_FRAME`, said so in the note
stance      per article, :data:`PLACEHOLDER_STANCE` (the kit does not judge stance), quoting the
            sentence with most of the writer's own hedges and certainty words
techniques  the writer's loaded words (:func:`kit.framing.loaded_words`), vague sources and
            question headlines with a doubt marker, named by :data:`TECHNIQUE_OF`
annotations the timeline flags (:func:`kit.timeline_flags`): facet and value by :data:`FACET_OF`
=========== ================================================================================

The review state lives in ``status`` (``draft`` or ``reviewed``), except in ``coverage.csv``, whose
``status`` is the coverage status: there it is ``review`` (:data:`REVIEW_COLUMN`).
:func:`kit.drafting.merge_key` keeps every reviewed row and drafts only around it.

>>> cover = draft_coverage(example_case())
>>> cover[["id", "status", "quote", "review"]].values.tolist()[:2]
[['F01.A1', 'included', 'The union said 300 crew walked out on Monday.', 'draft'], ['F01.A2', 'distorted', 'About 3,000 crew walked out, as Bay News first reported.', 'draft']]
"""

from __future__ import annotations

import calendar
import re
from typing import TYPE_CHECKING

from .annotations import ANNOTATION_COLUMNS, prose_citation_problems
from .answer_match import stem
from .attribution import cited_sources
from .claims.baseline import guess_sentences
from .core import lexicon
from .core.case import load_case
from .core.text import find_quote
from .dates import timeline_flags
from .dates.flags import SEVERITY
from .framing import (COVERAGE_COLUMNS, FRAME_COLUMNS, FRAME_HINTS, STANCE_COLUMNS, TECHNIQUE_COLUMNS, headlines,
                      hedges, loaded_words)
from .numbers import read_quantities
from .quotes import trace_quotes
from .quotes.provenance import CHAIN_COLUMNS, node_name
from .sourcing import attributions, first_reports

if TYPE_CHECKING:
    import pandas as pd

    from .core.case import Case

DRAFT, REVIEWED = "draft", "reviewed"
"""The values of a key's review column: drafted by the kit, or checked by a person."""
REVIEW_COLUMN = {"coverage": "review"}
"""Where a key keeps its review state when not in ``status`` (coverage's ``status`` is included/distorted/omitted)."""
MATCH = 0.4
"""Share of a fact's content words another article's sentence must hold to count as the same fact."""
MAX_FACTS = 8
"""How many coverage facts a draft proposes (an instructor keeps the key facts of the story)."""
HINT_WORDS = 2
"""How many of a frame's hint words a paragraph must share for the draft to guess that frame."""
PLACEHOLDER_FRAME = "Political"
"""The frame a drafted paragraph gets when no frame's hint words are in it: a placeholder, said so in its note."""
PLACEHOLDER_STANCE = "neutral"
"""The stance every drafted article gets: the kit does not judge stance, so this is a placeholder to replace."""
TECHNIQUE_OF = {"label": "Name_Calling-Labeling", "discrediting": "Doubt", "intensifier": "Loaded_Language",
                "emotive": "Loaded_Language", "case lexicon": "Loaded_Language", "vague source": "Appeal_to_Authority",
                "doubting headline": "Doubt"}
"""The persuasion technique a drafted finding proposes: loaded-word kind (kit.framing.loaded_words) or finding."""
FACET_OF = {"anachronism": ("anachronism", "yes")}
"""Annotation (facet, value) of a timeline flag kind; any other kind is ``evidence`` tagged with the kind's name."""
def example_case() -> Case:
    """A tiny invented case for the examples: a ferry strike told by two outlets (written to a temporary folder).

    >>> list(example_case().articles["outlet"])
    ['Bay News', 'Isle Post']
    """
    import tempfile
    from pathlib import Path

    root = Path(tempfile.mkdtemp()) / "ferry"
    (root / "articles").mkdir(parents=True)
    (root / "articles" / "a.txt").write_text(
        "Ferry strike\n\nThe union said 300 crew walked out on Monday.\n\n"
        "\"We will not sail,\" union secretary Aroha Ngata told reporters.\n", encoding="utf-8")
    (root / "articles" / "b.txt").write_text(
        "Is the strike really over pay?\n\nAbout 3,000 crew walked out, as Bay News first reported.\n\n"
        "\"We will not sail,\" Ngata said.\n\nCritics say the union regime is to blame.\n", encoding="utf-8")
    (root / "metadata.csv").write_text("file,outlet,author,genre,published,headline,url,notes\n"
                                       "a.txt,Bay News,,news,2031-05-02,Ferry strike,,\n"
                                       "b.txt,Isle Post,,news,2031-05-03,Is the strike really over pay?,,\n",
                                       encoding="utf-8")
    return load_case(root, cached=False)


def review_column(key: str) -> str:
    """The column that holds a key's review state (``status``, or ``review`` for coverage).

    >>> review_column("claims"), review_column("coverage")
    ('status', 'review')
    """
    return REVIEW_COLUMN.get(key, "status")


def quotable(case: Case, sentence_id: str, phrase: str = "") -> str:
    """A verbatim quote that the loader finds in the sentence: ``phrase`` if it is, else the sentence; or ``""``.

    The loader finds a quote at its first appearance in the article, so a phrase that appears earlier
    in another sentence would point there; then the whole sentence is quoted instead.

    >>> case = example_case()
    >>> quotable(case, "A1.S3", "Aroha Ngata"), quotable(case, "A1.S3", "union")[:12]
    ('Aroha Ngata', '"We will not')
    """
    found = case.sentences[case.sentences["sentence_id"] == sentence_id]
    row = found.iloc[0] if len(found) else None
    raw = case.raw(row["file"]) if row is not None else ""
    for quote in (phrase.strip(), row["text"]) if row is not None else ():
        span = find_quote(raw, quote) if quote else None
        if span and int(row["start"]) <= span[0] < int(row["end"]):
            return quote
    return ""


def _frame(rows: list[dict], columns: list[str], key: str) -> pd.DataFrame:
    """The drafted rows as a key table, each marked as a draft in the key's review column."""
    import pandas as pd
    col = review_column(key)
    return pd.DataFrame([{**r, col: DRAFT} for r in rows], columns=[*columns, col])


def _articles(case: Case) -> dict[str, dict[str, str]]:
    """``{file: {aid, outlet, date, label}}``; ``date`` is ``YYYY-MM-DD`` or empty."""
    out = {}
    for _, a in case.articles.iterrows():
        day = str(a["published"] or "")[:10]
        out[a["file"]] = {"aid": a["article_id"], "outlet": str(a["outlet"] or ""),
                          "date": day if re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) else "",
                          "label": f"{a['outlet']} ({a['article_id']})" if a["outlet"] else a["article_id"]}
    return out


def _order(case: Case) -> list[str]:
    """The files, earliest published first (undated last), then in case order."""
    info = _articles(case)
    files = list(case.articles["file"])
    return sorted(files, key=lambda f: (info[f]["date"] or "9999", files.index(f)))


# --- sources: chains back to the earliest appearance -------------------------------------------------------


def _chain(n: int, claim: str, file: str, steps: list[dict[str, str]]) -> list[dict[str, str]]:
    return [{"id": f"T{n}.{i}", "chain": f"T{n}", "claim_id": claim, "file": file, "step": str(i), **s}
            for i, s in enumerate(steps, start=1)]


def _origin(case: Case, sid: str, source: str, outlet_of: dict[str, str], info: dict, why: str) -> dict[str, str]:
    """The last step: ``source`` as the first appearance (an article of this case, dated) or not traceable."""
    quote = quotable(case, sid, source) or quotable(case, sid)
    found = outlet_of.get(node_name(source).casefold())
    if found and info[found]["date"]:
        return {"source": source, "relation": "first appearance", "quote": quote, "when": info[found]["date"],
                "where": f"{info[found]['label']}, published {info[found]['date']}",
                "note": f"Draft ({why}): {source} has an article in this case, the earliest the texts show; "
                        "check that nothing earlier carried it."}
    return {"source": source, "relation": "not traceable", "quote": quote, "when": "", "where": "",
            "note": f"Draft ({why}): the texts do not show where {source} first said or published this; "
                    "check for the original (statement, briefing, report): found, it is the first appearance."}


def _quote_chains(case: Case, claim_of: dict[str, str], info: dict) -> list[tuple[str, str, list[dict]]]:
    """One chain per quotation with a speaker: the article quotes the speaker, first seen where the texts show."""
    quotes = trace_quotes(case)
    order = _order(case)
    out = []
    for _, group in quotes[quotes["speaker"].astype(bool)].groupby("statement_id", sort=False):
        first = min(group.itertuples(), key=lambda r: order.index(r.file))
        for r in group.itertuples():
            if r.sentence_id not in claim_of:
                continue
            how = f"{r.match}" + (f": {r.diff}" if r.diff else "")
            step1 = {"source": info[r.file]["label"], "relation": "quotes directly",
                     "quote": quotable(case, r.sentence_id, r.text), "when": "", "where": r.sentence_id,
                     "note": f"Draft (kit.trace_quotes): {r.sentence_id} quotes {r.speaker}, statement {r.statement_id}, "
                             f"rendering {how}; check the speaker and the words."}
            dated = info[first.file]["date"]
            last = {"source": r.speaker, "relation": "first appearance" if dated else "not traceable",
                    "quote": quotable(case, r.sentence_id, r.speaker) or step1["quote"], "when": dated,
                    "where": f"earliest rendering in these texts: {info[first.file]['label']}, {first.sentence_id}"
                    if dated else "",
                    "note": f"Draft (kit.trace_quotes): no text shows {r.speaker}'s words before "
                            f"{first.sentence_id}; check whether the original statement can be dated and placed."}
            out.append((r.sentence_id, r.file, [step1, last]))
    return out


def _credit_chains(case: Case, claim_of: dict[str, str], info: dict, outlet_of: dict[str, str],
                   taken: set[str]) -> list[tuple[str, str, list[dict]]]:
    """Chains for "first reported by X" credits, then for statements attributed to a named source."""
    root = str(case.path)
    rows = [(r["sentence_id"], r["file"], r["source"], "kit.sourcing.first_reports")
            for _, r in first_reports(case).iterrows() if r["evidence"].startswith("it says so")]
    labels = guess_sentences(case).set_index("sentence_id")["label"]
    dates = {n.casefold() for n in (*calendar.day_name, *calendar.month_name) if n}
    rows += [(r["sentence_id"], r["file"], r["source"].split("; ")[0], "kit.sourcing.attributions")
             for _, r in attributions(case).iterrows() if r["attribution"] == "named" and r["source"]
             and labels.get(r["sentence_id"]) == "attributed_statement" and r["source"].split("; ")[0].casefold() not in dates]
    out = []
    for sid, file, source, why in rows:
        if sid in taken or sid not in claim_of:
            continue
        taken.add(sid)
        text = case.sentence(sid)
        relation = "cites without quoting" if cited_sources(text, root) else "paraphrases"
        step1 = {"source": info[file]["label"], "relation": relation, "quote": quotable(case, sid), "when": "",
                 "where": sid, "note": f"Draft ({why}): {sid} credits {source}; check who the sentence rests on."}
        out.append((sid, file, [step1, _origin(case, sid, source, outlet_of, info, why)]))
    return out


def draft_sources(case: Case, claims: pd.DataFrame) -> pd.DataFrame:
    """Draft ``keys/sources.csv``: a chain per quoted or credited statement of a claim of ``claims``.

    Args:
        case: the loaded case.
        claims: the claim key the chains refer to (``id, file, sentence_id``); sentences without a claim get no chain.

    >>> from kit.drafting import draft_claims
    >>> case = example_case()
    >>> chains = draft_sources(case, draft_claims(case))
    >>> chains.loc[chains["source"] == "Bay News", ["relation", "when"]].values.tolist()
    [['first appearance', '2031-05-02']]
    """
    claim_of = dict(zip(claims["sentence_id"], claims["id"])) if len(claims) else {}
    info = _articles(case)
    outlet_of = {node_name(v["outlet"]).casefold(): f for f, v in info.items() if v["outlet"]}
    found = _quote_chains(case, claim_of, info)
    found += _credit_chains(case, claim_of, info, outlet_of, {sid for sid, _, _ in found})
    rows = []
    for n, (sid, file, steps) in enumerate(found, start=1):
        if all(s["quote"] for s in steps):
            rows += _chain(n, claim_of[sid], file, steps)
    return _frame(rows, CHAIN_COLUMNS, "sources")


# --- coverage: facts of one article, looked for in the others ------------------------------------------------


def _content(text: str, stop: set[str]) -> set[str]:
    return {stem(w.lower()) for w in re.findall(r"[^\W\d_][\w'’-]+", text) if lexicon.key(w) not in stop}


def _fact_candidates(case: Case) -> list[tuple[str, str, str]]:
    """``(sentence_id, file, why)`` of report sentences stating a figure or resting on a named source."""
    root = str(case.path)
    labels = guess_sentences(case).set_index("sentence_id")["label"]
    named = {r["sentence_id"] for _, r in attributions(case).iterrows() if r["attribution"] == "named" and r["source"]}
    body = case.sentences[case.sentences["kind"] == "body"]
    order = _order(case)
    out = []
    for r in sorted(body.itertuples(), key=lambda r: order.index(r.file)):
        if labels.get(r.sentence_id) not in ("verifiable_fact", "attributed_statement"):
            continue
        if read_quantities(r.text, root):
            out.append((r.sentence_id, r.file, "it states a figure"))
        elif r.sentence_id in named:
            out.append((r.sentence_id, r.file, "it names its source"))
    return out


def _best_match(case: Case, words: set[str], file: str, stop: set[str]) -> tuple[str, float]:
    body = case.sentences[(case.sentences["file"] == file) & (case.sentences["kind"] == "body")]
    scored = [(len(words & _content(t, stop)) / len(words), sid) for sid, t in zip(body["sentence_id"], body["text"])]
    share, sid = max(scored, default=(0.0, ""))
    return sid, share


def _same_count(case: Case, sid: str, file: str, stop: set[str]) -> str:
    """A sentence of ``file`` counting a noun that ``sid`` counts, sharing another content word (kit.numbers' rule)."""
    root = str(case.path)
    nouns = {stem(q.noun) for q in read_quantities(case.sentence(sid), root)}
    words = _content(case.sentence(sid), stop)
    body = case.sentences[(case.sentences["file"] == file) & (case.sentences["kind"] == "body")]
    for other, text in zip(body["sentence_id"], body["text"]):
        counted = {stem(q.noun) for q in read_quantities(text, root)} & nouns
        if counted and (words & _content(text, stop)) - counted:
            return other
    return ""


def _figures_differ(case: Case, sid: str, other: str) -> str:
    """``"A1.S2 gives 40 crew, A2.S3 gives 400 crew"`` when two sentences count the same noun differently, else ``""``."""
    root = str(case.path)
    mine, theirs = read_quantities(case.sentence(sid), root), read_quantities(case.sentence(other), root)
    for a in mine:
        same = [b for b in theirs if stem(b.noun) == stem(a.noun)]
        if same and all(b.value != a.value for b in same):
            return f"{sid} gives {a.figure}, {other} gives {same[0].figure}"
    return ""


def _coverage_row(case: Case, fid: str, fact: str, sid: str, file: str, stop: set[str]) -> tuple[dict[str, str], str]:
    """The row of one fact in one other article, and the sentence it matched (``""`` when omitted)."""
    info = _articles(case)
    where = f"{fid}.{info[file]['aid']}"
    words = _content(fact, stop)
    match, share = _best_match(case, words, file, stop)
    if share < MATCH and (counted := _same_count(case, sid, file, stop)):
        match, share = counted, len(words & _content(case.sentence(counted), stop)) / len(words)
    elif share < MATCH:
        closest = f"; the closest, {match}, shares {share:.0%}" if match else ""
        return {"id": where, "fact": fact, "file": file, "status": "omitted", "quote": "",
                "note": f"Draft (coverage rule): no sentence holds {MATCH:.0%} of the fact's content words{closest}; "
                        "check by reading the article: it may say it in other words."}, ""
    differ = _figures_differ(case, sid, match)
    status = "distorted" if differ else "included"
    note = (f"Draft (coverage rule, a distortion candidate): {differ}; check which is right."
            if differ else f"Draft (coverage rule): {match} shares {share:.0%} of the fact's content words; "
                           "check that it says the same.")
    return {"id": where, "fact": fact, "file": file, "status": status, "quote": quotable(case, match), "note": note}, match


def draft_coverage(case: Case) -> pd.DataFrame:
    """Draft ``keys/coverage.csv``: up to :data:`MAX_FACTS` facts × every article (see the module's rule)."""
    stop = lexicon.words("stopword", case.path)
    info = _articles(case)
    rows, used = [], set()
    for sid, file, why in _fact_candidates(case):
        fact = case.sentence(sid)
        words = _content(fact, stop)
        if sid in used or len(words) < 3 or len(rows) >= MAX_FACTS * len(info):
            continue
        fid = f"F{len(rows) // len(info) + 1:02d}"
        mine = {"id": f"{fid}.{info[file]['aid']}", "fact": fact, "file": file, "status": "included",
                "quote": quotable(case, sid), "note": f"Draft (coverage rule): the fact is stated here, in {sid} "
                                                      f"({why}); check that it is a key fact of the story."}
        found = [_coverage_row(case, fid, fact, sid, f, stop) for f in info if f != file]
        others = [row for row, _ in found]
        if not mine["quote"] or any(r["status"] != "omitted" and not r["quote"] for r in others):
            continue
        used.update([sid, *(match for _, match in found)])
        rows += [mine, *others]
    order = list(info)
    rows.sort(key=lambda r: (r["id"].split(".")[0], order.index(r["file"])))
    return _frame(rows, COVERAGE_COLUMNS, "coverage")


# --- frames, stance, techniques, annotations ------------------------------------------------------------------


def draft_frames(case: Case) -> pd.DataFrame:
    """Draft ``keys/frames.csv``: one row per paragraph, quoting its first sentence, with the kit's best guess.

    >>> frames = draft_frames(example_case())
    >>> len(frames), frames["note"].str.startswith("PLACEHOLDER").all()
    (7, np.True_)
    """
    stop = lexicon.words("stopword", case.path)
    hints = {frame: _content(hint, stop) for frame, hint in FRAME_HINTS.items()}
    page = case.sentences[case.sentences["kind"] != "boilerplate"]
    rows = []
    for (file, para), group in page.groupby(["file", "paragraph"], sort=False):
        first = group.iloc[0]
        quote = quotable(case, first["sentence_id"])
        if not quote:
            continue
        words = _content(" ".join(group["text"]), stop)
        shared = {f: sorted(words & w) for f, w in hints.items()}
        best = max(shared, key=lambda f: len(shared[f]))
        if len(shared[best]) >= HINT_WORDS:
            note = (f"Draft (frame hints): the paragraph shares {', '.join(shared[best])} with the hint of {best} "
                    "(kit.framing.FRAME_HINTS); check it is the paragraph's primary frame.")
        else:
            best = PLACEHOLDER_FRAME
            note = (f"PLACEHOLDER: no frame shares {HINT_WORDS} hint words with this paragraph, so {best} only holds the place; "
                    "choose the primary frame from kit.framing.FRAMES.")
        rows.append({"id": f"{first['article_id']}.P{int(para)}", "file": file, "paragraph": str(int(para)),
                     "frame": best, "quote": quote, "note": note})
    return _frame(rows, FRAME_COLUMNS, "frames")


def draft_stance(case: Case) -> pd.DataFrame:
    """Draft ``keys/stance.csv``: one placeholder row per article, quoting its sentence richest in hedges and certainty words.

    >>> draft_stance(example_case())[["id", "stance"]].values.tolist()
    [['A1.ST1', 'neutral'], ['A2.ST1', 'neutral']]
    """
    marks = hedges(case)
    marks = marks[~marks["in_quote"].astype(bool)]
    rows = []
    for _, a in case.articles.iterrows():
        mine = marks[marks["file"] == a["file"]]
        counts = mine.groupby("sentence_id")["word"].agg(list)
        sid = max(counts.index, key=lambda s: len(counts[s]), default="")
        if not sid:
            first = case.sentences[case.sentences["file"] == a["file"]]
            sid = first["sentence_id"].iloc[0] if len(first) else ""
        quote = quotable(case, sid) if sid else ""
        if not quote:
            continue
        words = f"the writer's own {', '.join(counts[sid])}" if sid in counts.index else "no hedge or certainty word"
        rows.append({"id": f"{a['article_id']}.ST1", "file": a["file"], "stance": PLACEHOLDER_STANCE, "quote": quote,
                     "note": f"PLACEHOLDER: the kit does not judge stance, so {PLACEHOLDER_STANCE} only holds the "
                             f"place; {sid} has {words} (kit.framing.hedges). Read the article and choose credible, "
                             "doubtful or neutral toward the central report, quoting one to three sentences."})
    return _frame(rows, STANCE_COLUMNS, "stance")


def _window(text: str, word: str, around: int = 4) -> str:
    """The words of ``text`` around the first whole ``word`` (``around`` each side, as printed), or ``""``."""
    w = re.escape(word)
    m = re.search(rf"(?:\S+\s+){{0,{around}}}\S*?(?<!\w){w}(?!\w)\S*(?:\s+\S+){{0,{around}}}", text, re.I)
    return m.group(0) if m else ""


def _technique_findings(case: Case) -> list[tuple[str, str, str, str]]:
    """``(kind, sentence_id, word, what the analysis saw)`` of every candidate technique."""
    words = loaded_words(case)
    out = [(r["kind"], r["sentence_id"], r["word"], f"the writer's {r['kind']} word '{r['word']}' (kit.framing.loaded_words)")
           for _, r in words[~words["in_quote"].astype(bool)].iterrows()]
    vague = attributions(case)
    out += [("vague source", r["sentence_id"], r["source"], f"a source that names no one, '{r['source']}' "
             "(kit.sourcing.attributions)") for _, r in vague[vague["attribution"] == "vague"].iterrows()]
    doubt = lexicon.word_pattern(lexicon.words("doubt_marker", case.path))
    heads = case.sentences[case.sentences["kind"] == "headline"]
    for _, h in headlines(case).iterrows():
        found = doubt.search(h["headline"]) if doubt and h["kind"] == "question" else None
        sid = heads.loc[heads["file"] == h["file"], "sentence_id"]
        if found and len(sid):
            out.append(("doubting headline", sid.iloc[0], "", f"a question headline with the doubt marker "
                        f"'{found.group(1)}' (kit.framing.headlines)"))
    return out


def draft_techniques(case: Case) -> pd.DataFrame:
    """Draft ``keys/techniques.csv``: a candidate per loaded word, vague source and doubting question headline.

    >>> draft_techniques(example_case())[["technique", "quote"]].values.tolist()
    [['Name_Calling-Labeling', 'Critics say the union regime is to blame.'], ['Appeal_to_Authority', 'Critics say the union regime is'], ['Doubt', 'Is the strike really over pay?']]
    """
    files = dict(zip(case.sentences["sentence_id"], case.sentences["file"]))
    rows, seen = [], set()
    for kind, sid, word, saw in _technique_findings(case):
        quote = quotable(case, sid, _window(case.sentence(sid), word) if word else "")
        if not quote or (files[sid], quote) in seen:
            continue
        seen.add((files[sid], quote))
        technique = TECHNIQUE_OF[kind]
        rows.append({"id": f"T{len(rows) + 1:02d}", "technique": technique, "file": files[sid], "quote": quote,
                     "note": f"Draft: {sid} has {saw}, proposed as {technique}; check that the words persuade "
                             "rather than inform, and name the technique from kit.framing.TECHNIQUES."})
    return _frame(rows, TECHNIQUE_COLUMNS, "techniques")


def draft_annotations(case: Case) -> pd.DataFrame:
    """Draft ``keys/annotations.csv``: one row per timeline flag, its facet and value by :data:`FACET_OF`.

    >>> list(draft_annotations(example_case()).columns)
    ['id', 'file', 'sentence_id', 'quote', 'facet', 'value', 'note', 'status']
    """
    rows = []
    for _, f in timeline_flags(case).iterrows():
        facet, value = FACET_OF.get(f["kind"], ("evidence", re.sub(r"[^a-z0-9]+", "-", f["kind"].lower()).strip("-")))
        start, _, end = str(f["span"]).partition(":")
        phrase = case.raw(f["file"])[int(start): int(end)] if start.isdigit() and end.isdigit() else ""
        quote = quotable(case, f["sentence_id"], phrase)
        if not quote or not value:
            continue
        plain = (f"Draft (kit.timeline_flags, {f['kind']}, severity {SEVERITY.get(f['kind'], '?')}): check the "
                 "flag against the article's date and the case's context tables before keeping it.")
        note = f"{plain[:-1]}; it says: {f['explanation']}"  # unless it cites words its sentence lacks (refused)
        rows.append({"id": f"N{len(rows) + 1}", "file": f["file"], "sentence_id": f["sentence_id"], "quote": quote,
                     "facet": facet, "value": value, "note": plain if prose_citation_problems(case, [("", note)]) else note})
    return _frame(rows, ANNOTATION_COLUMNS, "annotations")


def draft_other_keys(case: Case, claims: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Draft the six keys of this module; source chains refer to the claims of ``claims``.

    >>> from kit.drafting import draft_claims
    >>> case = example_case()
    >>> sorted(draft_other_keys(case, draft_claims(case)))
    ['annotations', 'coverage', 'frames', 'sources', 'stance', 'techniques']
    """
    return {"sources": draft_sources(case, claims), "coverage": draft_coverage(case), "frames": draft_frames(case),
            "stance": draft_stance(case), "techniques": draft_techniques(case), "annotations": draft_annotations(case)}
