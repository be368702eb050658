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

In the graph (:func:`provenance_graph`, :func:`provenance_chart`) a person or
outlet printed in several spellings is one node (:func:`merged_edges`, rules of
:mod:`.names`), named as the case's roles table or key spells it, else as most
articles do, with a note ("also spelt 'X' in A0"). The nodes stand in columns,
originators -> intermediaries -> articles, ordered to cross few lines
(:mod:`.graph_layout`).
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
from .graph_layout import FONT, LABEL_PLACES, NOTE_FONT, NOTE_SHIFT, ROW, ROW_WITH_NOTE, fitted_width, layered_positions
from .names import canonical_names, name_variants, short_form_variants

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


def _raw_edges(loaded: Case, use_key: bool, labels: dict[str, str]) -> list[tuple]:
    """Every edge as printed: quotes, paraphrases, citations and (with ``use_key``) the chains' steps."""
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
        for _, steps in source_chains(loaded).groupby("chain", sort=False):
            steps = steps.sort_values("step")
            for here, there in zip(steps.iloc[:-1].itertuples(), steps.iloc[1:].itertuples()):
                target = labels[here.article_id] if here.step == 1 else here.source
                rows.append((there.source, target, here.relation, here.article_id, here.id, here.quote or here.note))
    return rows


def merged_edges(case: Case | str | Path | None = None, use_key: bool = True) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Edges with one name per person or outlet (its kept spelling), and the table of the spellings merged.

    Spellings are merged by :mod:`.names` (accents, misspellings, a surname alone, short forms such as
    "WaPo"); the case's ``context/roles.csv`` gives the kept spelling of its people and keeps two of
    its people apart however alike their names. The table has :func:`.names.name_variants`' columns.

    >>> edges, merged = merged_edges()
    >>> merged.set_index("name").loc["Helmut Brandstdtter", ["variant_of", "variant_articles"]].tolist()
    ['Helmut Brandstätter', 'A0']
    """
    import pandas as pd
    loaded = resolve_case(case)
    labels = _article_label(loaded.articles)
    frame = pd.DataFrame(_raw_edges(loaded, use_key, labels), columns=EDGE_COLUMNS)
    people = list(dict.fromkeys(p for p in loaded.roles["person"] if p.strip()))
    names = [node_name(n) for n in frame["source"]]
    frame["source"] = unify_speakers(names + people, list(frame["article_id"]) + [""] * len(people))[:len(names)]
    chains = source_chains(loaded) if use_key else None
    keyed = [node_name(n) for n in chains["source"]] if use_key else []
    key_steps = set(chains["id"]) if use_key else set()
    printed = [("key" if e in key_steps else a, n) for a, n, e in zip(frame["article_id"], frame["source"], frame["evidence"])]
    speaking = [(a, n) for (a, n), kind in zip(printed, frame["kind"]) if kind == "quotes directly" and a != "key"]
    apart = [(a, b) for i, a in enumerate(people) for b in people[i + 1:]]
    spelling = name_variants(printed, prefer=people + keyed, apart=apart, speakers=speaking)
    kept = canonical_names(spelling)
    short = short_form_variants([(a, kept.get(n, n)) for a, n in printed])
    kept |= canonical_names(short)
    variants = pd.concat([t for t in (spelling, short) if not t.empty] or [spelling], ignore_index=True)
    frame["source"] = [kept.get(n, n) for n in frame["source"]]
    frame["target"] = [t if t in labels.values() else kept.get(node_name(t), node_name(t)) for t in frame["target"]]
    frame = frame[frame["source"] != frame["target"]]
    return frame.drop_duplicates(["source", "target", "kind"]).reset_index(drop=True), variants


def provenance_edges(case: Case | str | Path | None = None, use_key: bool = True) -> pd.DataFrame:
    """Find how sources reach each article: quoted, paraphrased, or cited without quoting.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.
        use_key: add the steps of the chains key when the case has one.

    Returns:
        A DataFrame with ``source, target, kind, article_id, evidence`` (a quote
        id, sentence id or chain step) and ``text``, without duplicate edges. A
        person printed in several spellings is one source, named with them all
        ("Ana Silva (also printed 'Ana Sliva')"; see :func:`merged_edges`).

    >>> edges = provenance_edges(use_key=False)
    >>> ("Dmitry Peskov", "quotes directly") in set(zip(edges["source"], edges["kind"]))
    True
    """
    frame, variants = merged_edges(case, use_key)
    shown = merged_names(variants)
    return frame.assign(source=[shown.get(n, n) for n in frame["source"]],
                        target=[shown.get(n, n) for n in frame["target"]])


def variant_notes(variants: pd.DataFrame) -> dict[str, str]:
    """``{kept spelling: note}`` naming the other spellings and where they are printed.

    >>> from kit.quotes.names import name_variants
    >>> variant_notes(name_variants([("A1", "Ana Silva"), ("A2", "Ana Silva"), ("A3", "Ana Sliva")]))
    {'Ana Silva': "also spelt 'Ana Sliva' in A3"}
    """
    notes: dict[str, list[str]] = {}
    for row in variants.itertuples():
        where = ", ".join("the sources key" if a == "key" else a for a in row.variant_articles.split(", "))
        verb = "also called" if row.relation == "short form" else "also spelt"
        notes.setdefault(row.variant_of, []).append(f"{verb} '{row.name}' in {where}")
    return {kept: "; ".join(said) for kept, said in notes.items()}


def provenance_graph(case: Case | str | Path | None = None, use_key: bool = True) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The provenance graph laid out: its nodes and its lines (one per pair, the most direct kind).

    Returns:
        ``nodes`` with ``node, note, role, column, x, y`` (role: ``source``, ``intermediary`` or
        ``article``; ``x`` the column, ``y`` 0-1 from the top; see :mod:`.graph_layout`) and
        ``lines`` with ``source, target, kind, evidence, text, x, y, x2, y2``.

    >>> nodes, lines = provenance_graph(use_key=False)
    >>> nodes.set_index("node").loc["A0 · The Moscow Times", "role"]
    'article'
    """
    import pandas as pd
    loaded = resolve_case(case)
    edges, variants = merged_edges(loaded, use_key=use_key)
    edges = edges.assign(_rank=edges["kind"].map({k: i for i, k in enumerate(KINDS)}))
    edges = edges.sort_values("_rank", kind="stable").drop_duplicates(["source", "target"]).sort_index()
    articles = list(_article_label(loaded.articles).values())
    pairs = list(zip(edges["source"], edges["target"]))
    names = list(dict.fromkeys([n for pair in pairs for n in pair] + articles))
    where = layered_positions(names, pairs, last=articles)
    column = {n: int(x) for n, (x, _) in where.items()}
    notes, end = variant_notes(variants), max(column.values(), default=0)
    nodes = pd.DataFrame(
        [{"node": n, "note": notes.get(n, ""), "role": "article" if n in articles else "source" if x == 0 else "intermediary",
          "column": "last" if x == end else "first" if x == 0 else "middle", "x": float(x), "y": y}
         for n, (x, y) in sorted(where.items(), key=lambda item: item[1])],
        columns=["node", "note", "role", "column", "x", "y"])
    lines = pd.DataFrame(
        [{"source": e.source, "target": e.target, "kind": e.kind, "evidence": e.evidence, "text": e.text[:160],
          "x": where[e.source][0], "y": where[e.source][1], "x2": where[e.target][0], "y2": where[e.target][1]}
         for e in edges.itertuples()],
        columns=["source", "target", "kind", "evidence", "text", "x", "y", "x2", "y2"])
    return nodes, lines


def _described_links(nodes: pd.DataFrame, lines: pd.DataFrame) -> str:
    """The graph in words: per receiving node, who it quotes, paraphrases and cites; then the merged spellings."""
    said = []
    for target in [n for n in nodes["node"] if n in set(lines["target"])]:
        mine = lines[lines["target"] == target]
        parts = [f"{kind} {', '.join(mine[mine['kind'] == kind]['source'])}" for kind in KINDS if kind in set(mine["kind"])]
        said.append(f"{target} {'; '.join(parts)}")
    text = ". ".join(said)
    merged = [f"{n} ({note})" for n, note in zip(nodes["node"], nodes["note"]) if note]
    if merged:
        text += f". One node each for {plural(len(merged), 'name')} printed in several spellings: {'; '.join(merged)}"
    return text


def _empty_chart(loaded: Case) -> alt.LayerChart:
    """A chart that says the case has no quotes and no cited sources (rather than an empty frame or an error)."""
    import altair as alt
    import pandas as pd
    message = "No quotes and no cited sources were found in these articles, so there is no graph to draw."
    chart = alt.Chart(pd.DataFrame({"message": [message]})).mark_text(fontSize=13, color="#444").encode(text="message")
    return described(alt.layer(chart).properties(width=620, height=80, title=f"Provenance in case '{loaded.name}'"),
                     f"Provenance graph of case '{loaded.name}': no quotes and no cited sources were found in its "
                     f"{plural(len(loaded.articles), 'article')}, so the graph is empty.")


def _label_layers(nodes: pd.DataFrame, x, y) -> list:
    """Names and notes of the nodes, placed by column (:data:`LABEL_PLACES`), with a white halo over lines."""
    import altair as alt
    layers = []
    for column, (align, dx, dy, halo) in LABEL_PLACES.items():
        here = nodes[nodes["column"] == column]
        if here.empty:
            continue
        for field, size, shift, colour in (("node", FONT, dy, "#222"), ("note", NOTE_FONT, dy + NOTE_SHIFT, "#555")):
            rows = here[here[field] != ""]
            if rows.empty:
                continue
            style = {"align": align, "dx": dx, "dy": shift, "fontSize": size, "baseline": "middle"}
            if halo:
                layers.append(alt.Chart(rows).mark_text(**style, stroke="white", strokeWidth=3, strokeJoin="round")
                              .encode(x=x, y=y, text=f"{field}:N"))
            layers.append(alt.Chart(rows).mark_text(**style, color=colour, fontStyle="italic" if field == "note" else "normal")
                          .encode(x=x, y=y, text=f"{field}:N"))
    return layers


def provenance_chart(case: Case | str | Path | None = None, use_key: bool = True) -> alt.LayerChart:
    """Draw the provenance graph: sources on the left, articles on the right, edges coloured by kind.

    Sources that only send (original sources) stand in the first column,
    sources that also receive (intermediaries such as an outlet that cites
    another) in the middle, articles on the right, each column ordered to
    cross few lines (:mod:`.graph_layout`). A person printed in several
    spellings is one node, named in its kept spelling with a note ("also spelt
    'X' in A0"). Labels sit beside their node, never cut: the chart is made
    wide enough for them, at most :data:`.graph_layout.MAX_WIDTH` (1280) pixels with its legend.
    Hover an edge for its evidence. A case without quotes gets a chart that says so.

    >>> spec = provenance_chart(use_key=False).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]][:3]
    ['rule', 'circle', 'text']
    """
    import altair as alt
    loaded = resolve_case(case)
    nodes, lines = provenance_graph(loaded, use_key=use_key)
    if lines.empty:
        return _empty_chart(loaded)
    width, (left, right) = fitted_width(nodes)
    rows = max(nodes["x"].value_counts())
    height = max(200, rows * (ROW_WITH_NOTE if (nodes["note"] != "").any() else ROW))
    pad = (ROW / 2) / height
    x = alt.X("x:Q", axis=None, scale=alt.Scale(domain=[left, right], nice=False, zero=False))
    y = alt.Y("y:Q", axis=None, scale=alt.Scale(domain=[1 + pad, -pad], nice=False, zero=False))
    kinds = [k for k in KIND_COLOURS if k in set(lines["kind"])]
    edge_layer = alt.Chart(lines).mark_rule(strokeWidth=1.6, opacity=0.7).encode(
        x=x, y=y, x2="x2:Q", y2="y2:Q",
        color=alt.Color("kind:N", title="How it travelled",
                        scale=alt.Scale(domain=kinds, range=[KIND_COLOURS[k] for k in kinds])),
        tooltip=["source", "target", "kind", "evidence", "text"],
    )
    node_layer = alt.Chart(nodes).mark_circle(size=80, color="#333", opacity=1).encode(
        x=x, y=y, tooltip=["node", "note", "role"])
    roles = nodes["role"].value_counts()
    text = (f"Graph of how sources reach the articles of case '{loaded.name}': {plural(roles.get('source', 0), 'original source')}, "
            f"{plural(roles.get('intermediary', 0), 'intermediary', 'intermediaries')} and "
            f"{plural(roles.get('article', 0), 'article')}, joined by {plural(len(lines), 'link')} "
            f"({counted(lines['kind'], list(KINDS))}). {_described_links(nodes, lines)}")
    return described(alt.layer(edge_layer, node_layer, *_label_layers(nodes, x, y)).properties(
        width=width, height=height, title=f"Provenance in case '{loaded.name}': who reaches which article, and how",
    ), text)

register_key("sources", validate_chains)
