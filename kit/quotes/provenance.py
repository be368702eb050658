"""Lesson 02: attribution chains (the key) and the provenance graph (any case).

An *edge* says how a claim or quote travelled from a source to where it was
read. Its ``kind`` is one of:

* ``quotes directly``: the words appear in quotation marks;
* ``paraphrases``: the source's statement is restated without quotation marks
  ("according to Peskov, ...");
* ``cites without quoting``: the source is named as the origin ("The Post,
  citing anonymous sources, claimed...", "a Washington Post report").

On any case the edges are found automatically from quotes and attribution
phrases; when the case has a chains key (``keys/sources.csv``) its chains add
the steps a reader traced by hand, back to a first appearance or to "not
traceable from these texts".
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..attribution import according_sources, cited_sources, unify_speakers
from ..chart_text import counted, described, plural
from ..core.case import resolve_case
from ..core.registry import register_key
from ..display import PALETTE, article_label
from .extract import extract_quotes
from .names import name_variants

if TYPE_CHECKING:
    import altair as alt
    import pandas as pd

    from ..core.case import Case

KINDS = ("quotes directly", "paraphrases", "cites without quoting")
ENDS = ("first appearance", "not traceable")
CHAIN_COLUMNS = ["id", "chain", "claim_id", "file", "step", "source", "relation", "quote", "when", "where", "note"]
KIND_COLOURS = PALETTE["relation"]
EDGE_COLUMNS = ["source", "target", "kind", "article_id", "evidence", "text"]


def validate_chains(rows: list[tuple[int, dict[str, str]]], label: str, case: Case, problems: list[str]) -> None:
    """Report problems of a chains key: relations, step order, ends, claim ids, dates."""
    if rows:
        missing = [c for c in CHAIN_COLUMNS if c not in rows[0][1]]
        if missing:
            problems.append(f"{label} has no column {', '.join(repr(m) for m in missing)}; its columns are {','.join(CHAIN_COLUMNS)}.")
            return
    claims = case.keys.get("claims")
    claim_files = dict(zip(claims["id"], claims["file"])) if claims is not None else {}
    chains: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for line, row in rows:
        where = f"{label}, line {line} ({row['id'] or 'no id'})"
        for field in ("chain", "claim_id", "file", "step", "source", "relation", "note"):
            if not row[field].strip():
                problems.append(f"{where}: the field {field!r} is empty; fill it in.")
                break
        else:
            if row["relation"] not in KINDS + ENDS:
                problems.append(f"{where}, field 'relation': {row['relation']!r} is not a relation; use one of {', '.join(KINDS + ENDS)}.")
            if not row["step"].strip().isdigit():
                problems.append(f"{where}, field 'step': {row['step']!r} is not a whole number.")
                continue
            if claim_files and row["claim_id"] not in claim_files:
                problems.append(f"{where}, field 'claim_id': {row['claim_id']!r} is not a claim of keys/claims.csv.")
            elif claim_files and claim_files[row["claim_id"]] != row["file"]:
                problems.append(f"{where}, field 'file': claim {row['claim_id']} is in {claim_files[row['claim_id']]}, not {row['file']}.")
            if row["when"].strip() and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["when"].strip()):
                problems.append(f"{where}, field 'when': {row['when']!r} is not a date; write it as YYYY-MM-DD.")
            chains.setdefault(row["chain"], []).append((line, row))
    for chain, members in chains.items():
        members.sort(key=lambda lr: int(lr[1]["step"]))
        steps = [int(r["step"]) for _, r in members]
        if steps != list(range(1, len(steps) + 1)):
            problems.append(f"{label}: chain {chain} has steps {steps}; number them 1, 2, 3... without gaps.")
            continue
        last_line, last = members[-1]
        if last["relation"] not in ENDS:
            problems.append(f"{label}, line {last_line}: chain {chain} ends with {last['relation']!r}; its last step must be 'first appearance' or 'not traceable'.")
        elif last["relation"] == "first appearance" and not (last["when"].strip() and last["where"].strip()):
            problems.append(f"{label}, line {last_line}: chain {chain}'s first appearance needs 'when' and 'where'.")
        for line, row in members[:-1]:
            if row["relation"] in ENDS:
                problems.append(f"{label}, line {line}: chain {chain} says {row['relation']!r} before its last step.")


def source_chains(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Return the case's attribution chains (``keys/sources.csv``), one row per step, in order.

    >>> chains = source_chains()
    >>> chains.groupby("chain")["relation"].last().isin(["first appearance", "not traceable"]).all()
    np.True_
    """
    import pandas as pd
    loaded = resolve_case(case)
    table = loaded.keys.get("sources")
    if table is None or table.empty:
        return pd.DataFrame(columns=CHAIN_COLUMNS + ["article_id"])
    out = table.copy()
    out["step"] = out["step"].astype(int)
    out["article_id"] = out["file"].map(dict(zip(loaded.articles["file"], loaded.articles["article_id"])))
    out["_chain"] = out["chain"].str.extract(r"(\d+)$")[0].astype(int)
    return out.sort_values(["_chain", "step"]).drop(columns="_chain").reset_index(drop=True)


def node_name(name: str) -> str:
    """One name per source: a leading "The" and a trailing remark in brackets dropped.

    >>> node_name("The Washington Post (citing unnamed sources)")
    'Washington Post'
    """
    name = re.sub(r"\s*\([^)]*\)\s*$", "", name.strip())
    return re.sub(r"^(?i:the)\s+", "", name)


def merged_names(variants: pd.DataFrame) -> dict[str, str]:
    """``{spelling: node}``: every spelling of one person -> one node that shows the printed variants.

    >>> from kit.quotes.names import name_variants
    >>> merged_names(name_variants([("A1", "Ana Silva"), ("A1", "Ana Silva"), ("A2", "Ana Sliva")]))
    {'Ana Sliva': "Ana Silva (also printed 'Ana Sliva')", 'Ana Silva': "Ana Silva (also printed 'Ana Sliva')"}
    """
    others: dict[str, list[str]] = {}
    for variant, kept in zip(variants["name"], variants["variant_of"]):
        others.setdefault(kept, []).append(variant)
    shown = {}
    for kept, variants_of in others.items():
        node = f"{kept} (also printed {', '.join(repr(v) for v in variants_of)})"
        shown.update({v: node for v in variants_of} | {kept: node})
    return shown


def _article_label(articles: pd.DataFrame) -> dict[str, str]:
    return {a: article_label(a, o) for a, o in zip(articles["article_id"], articles["outlet"])}


def provenance_edges(case: Case | str | Path | None = None, use_key: bool = True) -> pd.DataFrame:
    """Find how sources reach each article: quoted, paraphrased, or cited without quoting.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.
        use_key: add the steps of the chains key when the case has one.

    Returns:
        A DataFrame with ``source, target, kind, article_id, evidence`` (a quote
        id, sentence id or chain step) and ``text``, without duplicate edges.

    >>> edges = provenance_edges(use_key=False)
    >>> ("Dmitry Peskov", "quotes directly") in set(zip(edges["source"], edges["kind"]))
    True
    """
    import pandas as pd
    loaded = resolve_case(case)
    labels = _article_label(loaded.articles)
    rows = []
    quoted_sentences = set()
    for q in extract_quotes(loaded).itertuples():
        quoted_sentences.add(q.sentence_id)
        if q.speaker:
            rows.append((q.speaker, labels[q.article_id], "quotes directly", q.article_id, q.quote_id, q.text))
    for s in loaded.sentences.itertuples():
        text = s.text
        if s.sentence_id not in quoted_sentences:
            for who in according_sources(text, loaded.path):
                if who:
                    rows.append((who, labels[s.article_id], "paraphrases", s.article_id, s.sentence_id, text))
        for name in cited_sources(text, loaded.path):
            rows.append((name, labels[s.article_id], "cites without quoting", s.article_id, s.sentence_id, text))
    if use_key:
        chains = source_chains(loaded)
        for _, steps in chains.groupby("chain", sort=False):
            steps = steps.sort_values("step")
            for here, there in zip(steps.iloc[:-1].itertuples(), steps.iloc[1:].itertuples()):
                target = labels[here.article_id] if here.step == 1 else here.source
                rows.append((there.source, target, here.relation, here.article_id, here.id, here.quote or here.note))
    frame = pd.DataFrame(rows, columns=EDGE_COLUMNS)
    frame["source"] = unify_speakers([node_name(n) for n in frame["source"]], frame["article_id"])
    chains = source_chains(loaded) if use_key else None
    keyed = [node_name(n) for n in chains["source"]] if use_key else []
    key_steps = set(chains["id"]) if use_key else set()
    printed = [("key" if e in key_steps else a, n) for a, n, e in zip(frame["article_id"], frame["source"], frame["evidence"])]
    speaking = [(a, n) for (a, n), kind in zip(printed, frame["kind"]) if kind == "quotes directly" and a != "key"]
    shown = merged_names(name_variants(printed, prefer=keyed, speakers=speaking))  # one node per person
    frame["source"] = [shown.get(n, n) for n in frame["source"]]
    frame["target"] = [t if t in labels.values() else node_name(t) for t in frame["target"]]
    frame = frame[frame["source"] != frame["target"]]
    return frame.drop_duplicates(["source", "target", "kind"]).reset_index(drop=True)


def provenance_chart(case: Case | str | Path | None = None, use_key: bool = True) -> alt.Chart:
    """Draw the provenance graph: sources on the left, articles on the right, edges coloured by kind.

    Sources that only send (original sources) stand in the first column,
    sources that also receive (intermediaries such as an outlet that cites
    another) in the middle, articles on the right. Hover an edge for its evidence.

    >>> spec = provenance_chart(use_key=False).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['rule', 'circle', 'text']
    """
    import altair as alt
    import pandas as pd
    loaded = resolve_case(case)
    edges = provenance_edges(loaded, use_key=use_key)
    # draw one line per pair, the most direct kind (a quote beats a paraphrase beats a citation)
    edges = edges.assign(_rank=edges["kind"].map({k: i for i, k in enumerate(KINDS)}))
    edges = edges.sort_values("_rank", kind="stable").drop_duplicates(["source", "target"]).sort_index()
    articles = list(_article_label(loaded.articles).values())
    targets = set(edges["target"])
    sources = list(dict.fromkeys(edges["source"]))
    middle = [s for s in sources if s in targets and s not in articles]
    first = sorted({s for s in sources if s not in targets and s not in articles})
    columns = [(first, 0, "source"), (sorted(middle), 1, "intermediary"), (articles, 2, "article")]
    nodes = []
    for names, x, role in columns:
        for i, name in enumerate(names):
            y = (i + 0.5) / max(len(names), 1)
            nodes.append({"node": name, "x": x, "y": y, "role": role})
    where = {n["node"]: (n["x"], n["y"]) for n in nodes}
    lines = pd.DataFrame(
        [
            {"source": e.source, "target": e.target, "kind": e.kind, "evidence": e.evidence, "text": e.text[:160],
             "x": where[e.source][0], "y": where[e.source][1], "x2": where[e.target][0], "y2": where[e.target][1]}
            for e in edges.itertuples()
            if e.source in where and e.target in where
        ],
        columns=["source", "target", "kind", "evidence", "text", "x", "y", "x2", "y2"],
    )
    node_frame = pd.DataFrame(nodes, columns=["node", "x", "y", "role"])
    x = alt.X("x:Q", axis=None, scale=alt.Scale(domain=[-0.9, 2.9]))
    y = alt.Y("y:Q", axis=None, scale=alt.Scale(domain=[1.02, -0.02]))
    kinds = [k for k in KIND_COLOURS if k in set(lines["kind"])] or list(KIND_COLOURS)
    edge_layer = alt.Chart(lines).mark_rule(strokeWidth=1.6, opacity=0.7).encode(
        x=x, y=y, x2="x2:Q", y2="y2:Q",
        color=alt.Color("kind:N", title="How it travelled",
                        scale=alt.Scale(domain=kinds, range=[KIND_COLOURS[k] for k in kinds])),
        tooltip=["source", "target", "kind", "evidence", "text"],
    )
    node_layer = alt.Chart(node_frame).mark_circle(size=80, color="#333").encode(x=x, y=y, tooltip=["node", "role"])
    label_layer = alt.Chart(node_frame).mark_text(fontSize=10, dx=0, dy=-9).encode(x=x, y=y, text="node")
    text = (f"Graph of how sources reach the articles: {plural(len(first), 'original source')}, "
            f"{plural(len(middle), 'intermediary', 'intermediaries')} and {plural(len(articles), 'article')}, joined by "
            f"{plural(len(lines), 'link')} ({counted(lines['kind'], list(KINDS))})")
    return described(alt.layer(edge_layer, node_layer, label_layer).properties(
        width=620, height=max(260, 26 * max(len(first), len(middle), len(articles))),
        title=f"Provenance in case '{loaded.name}': who reaches which article, and how",
    ), text)


register_key("sources", validate_chains)
