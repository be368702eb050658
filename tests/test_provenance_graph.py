"""The provenance graph: one node per person (spellings merged and noted), a layered layout with few crossings,
labels that are never cut, a description in words, the same spec every time, and a friendly empty chart.

Tested on the seeds and on two invented stories: a harbour strike in Wellington (a name misspelt in one
article, a newspaper cited by its initials: both merge) and a football transfer in Lisbon (people with
alike names who are different people: they must NOT merge).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kit
from helpers import ROOT, make_case
from kit.charts import render_images
from kit.quotes.graph_layout import MAX_WIDTH, crossings, layered_positions, layers, near_nodes, spread, text_width
from kit.quotes.names import name_variants
from kit.quotes.provenance import merged_edges, provenance_graph

HARBOUR = {
    "w1.txt": ("Pacific Wire", "Port workers walk out\n"
               "“We have been patient for eighteen months,” Aroha Ngata said.\n"
               "The Otago Daily Times reported the walkout first.\n"
               "“The rosters are safe,” Peter Whitcombe said.\n"),
    "w2.txt": ("Harbour Ledger", "Strike halts the port\n"
               "“Patience has run out,” Aroha Ngatta said outside the gates.\n"
               "The ODT reported that talks had failed.\n"),
    "w3.txt": ("Coast Review", "Talks stall\n"
               "“We remain at the table,” Peter Whitcombe said.\n"
               "“It is an insult,” said Aroha Ngata.\n"),
}
TRANSFER = {
    "l1.txt": ("Diário Desportivo", "Costa joins Sporting\n"
               "“He is ready to play,” Ana Costa, the coach, said.\n"
               "“He needs a week of rest,” Ana Cortes, the club doctor, said.\n"
               "“I am proud of him,” Rui Silva, his father, said.\n"
               "“We agreed in June,” Ana Sousa, his agent, said.\n"),
    "l2.txt": ("Lisbon Wire", "A record fee\n"
               "“This is my dream,” Tomás Silva said.\n"
               "“The fee is fair,” Ana Souza, the club president, said.\n"
               "“He trained well,” Ana Costa said.\n"),
}
TRANSFER_ROLES = [
    {"person": "Ana Sousa", "role": "agent", "start": "", "end": "", "source": "club register"},
    {"person": "Ana Souza", "role": "club president", "start": "", "end": "", "source": "club register"},
]


def _case(tmp_path, story, **extra):
    return make_case(tmp_path, {f: t for f, (_, t) in story.items()}, {f: {"outlet": o} for f, (o, _) in story.items()},
                     **extra)


def _nodes(case):
    nodes, _ = provenance_graph(case)
    return nodes.set_index("node")


# --- name variants: merged and noted, or kept apart ---------------------------------------------------

def test_the_seeds_misspelt_name_is_one_node_labelled_right_with_a_note():
    nodes = _nodes(None)
    assert nodes.loc["Helmut Brandstätter", "note"] == "also spelt 'Helmut Brandstdtter' in A0"
    assert not any(n.startswith("Helmut Brandstdtter") for n in nodes.index)
    assert nodes.loc["Washington Post", "note"] == "also called 'WaPo' in A2" and "WaPo" not in nodes.index
    text = kit.provenance_chart().to_dict()["description"]
    assert "Helmut Brandstätter (also spelt 'Helmut Brandstdtter' in A0)" in text


def test_a_name_misspelt_in_one_article_and_initials_merge(tmp_path):
    case = _case(tmp_path, HARBOUR)
    nodes = _nodes(case)
    assert nodes.loc["Aroha Ngata", "note"] == "also spelt 'Aroha Ngatta' in A2"
    assert nodes.loc["Otago Daily Times", "note"] == "also called 'ODT' in A2"
    assert {"Aroha Ngatta", "ODT"}.isdisjoint(nodes.index)
    assert nodes.loc["Peter Whitcombe", "note"] == ""  # printed one way: no note
    edges, _ = merged_edges(case)
    assert set(edges[edges["source"] == "Aroha Ngata"]["target"]) == {"A1 · Pacific Wire", "A2 · Harbour Ledger",
                                                                      "A3 · Coast Review"}


def test_people_with_alike_names_stay_apart(tmp_path):
    case = _case(tmp_path, TRANSFER, roles=TRANSFER_ROLES)
    nodes = _nodes(case)
    # one surname, two first names (father and son); two surnames a letter or two apart; both quoted
    assert {"Ana Costa", "Ana Cortes", "Rui Silva", "Tomás Silva", "Ana Sousa", "Ana Souza"} <= set(nodes.index)
    assert (nodes["note"] == "").all()
    assert "printed in several spellings" not in kit.provenance_chart(case).to_dict()["description"]


def test_the_roles_table_keeps_its_people_apart(tmp_path):
    """Without roles.csv 'Ana Souza' would pass for a misspelling of 'Ana Sousa'; the table says they are two."""
    assert len(name_variants([("A1", "Ana Sousa"), ("A2", "Ana Souza")])) == 1
    _, merged = merged_edges(_case(tmp_path, TRANSFER, roles=TRANSFER_ROLES))
    assert merged.empty


def test_a_surname_alone_joins_the_one_person_of_the_roles_table(tmp_path):
    """'Brandão told reporters' names the club president of roles.csv; two Silvas leave 'Silva' alone."""
    story = {**TRANSFER, "l3.txt": ("Porto Daily", "Fee questioned\n“We did not overpay,” Brandão told reporters.\n"
                                                   "“Wait and see,” Silva said.\n")}
    roles = TRANSFER_ROLES + [{"person": "João Brandão", "role": "club chairman", "start": "", "end": "", "source": "club"}]
    nodes = _nodes(_case(tmp_path, story, roles=roles))
    assert "João Brandão" in nodes.index and "Brandão" not in nodes.index
    assert {"Silva", "Rui Silva", "Tomás Silva"} <= set(nodes.index)


def test_the_roles_spelling_is_the_label(tmp_path):
    roles = [{"person": "Aroha Ngatta", "role": "union secretary", "start": "", "end": "", "source": "union site"}]
    nodes = _nodes(_case(tmp_path, HARBOUR, roles=roles))
    assert nodes.loc["Aroha Ngatta", "note"] == "also spelt 'Aroha Ngata' in A1, A3"


# --- layout ---------------------------------------------------------------------------------------------

def _before(nodes, lines):
    """The former layout: sources alphabetically, receiving sources in a middle column, articles in order."""
    articles = list(nodes[nodes["role"] == "article"].sort_values("y")["node"])
    targets, sources = set(lines["target"]), list(dict.fromkeys(lines["source"]))
    middle = sorted(s for s in sources if s in targets and s not in articles)
    first = sorted(s for s in sources if s not in targets and s not in articles)
    return spread([first, middle, articles])


@pytest.mark.parametrize("story", ["seeds", "harbour", "kestrel"])
def test_the_layout_crosses_fewer_lines_and_runs_none_through_a_node(tmp_path, story):
    case = {"seeds": None, "harbour": lambda: _case(tmp_path, HARBOUR), "kestrel": ROOT / "cases" / "kestrel"}[story]
    nodes, lines = provenance_graph(case() if callable(case) else case)
    pairs = list(zip(lines["source"], lines["target"]))
    now = {n: (x, y) for n, x, y in zip(nodes["node"], nodes["x"], nodes["y"])}
    before = _before(nodes, lines)
    assert crossings(now, pairs) <= crossings(before, pairs)
    assert near_nodes(now, pairs) <= near_nodes(before, pairs)
    if story == "seeds":
        assert crossings(now, pairs) < crossings(before, pairs) / 2


def test_columns_run_from_originators_to_intermediaries_to_articles():
    nodes = _nodes(None)
    assert nodes.loc["Dmitry Peskov", "x"] == 0 and nodes.loc["Dmitry Peskov", "role"] == "source"
    assert 0 < nodes.loc["Washington Post", "x"] < nodes.loc["Reuters", "x"]  # the Post reaches Reuters
    articles = nodes[nodes["role"] == "article"]
    assert (articles["x"] == nodes["x"].max()).all()
    assert list(articles.sort_values("y").index) == sorted(articles.index)  # A0 above A1 ... as in the case


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6)), max_size=14), st.randoms(use_true_random=False))
def test_any_small_graph_gets_one_layout_with_edges_pointing_right(pairs, rnd):
    edges = [(f"s{a}", f"s{b}") for a, b in pairs if a < b] + [(f"s{a}", f"A{a % 3}") for a, _ in pairs]
    nodes = sorted({n for e in edges for n in e} | {"A0", "A1", "A2"})
    shuffled_nodes, shuffled_edges = nodes[:], edges[:]
    rnd.shuffle(shuffled_nodes)
    rnd.shuffle(shuffled_edges)
    pos = layered_positions(nodes, edges, last=["A0", "A1", "A2"])
    assert pos == layered_positions(shuffled_nodes, shuffled_edges, last=["A0", "A1", "A2"])
    assert all(pos[s][0] < pos[t][0] for s, t in edges)
    heights = [(x, y) for x, y in pos.values()]
    assert len(set(heights)) == len(heights) and all(0 < y < 1 for _, y in heights)


def test_a_cycle_still_gets_columns():
    assert layers(["a", "b", "c", "A1"], [("a", "b"), ("b", "a"), ("b", "c"), ("c", "A1")], last=["A1"]) == \
        {"a": 0, "b": 0, "c": 1, "A1": 2}


# --- the chart: labels, description, determinism, empty case ------------------------------------------

def _svg_texts(svg: str):
    """``(text, x, font size, anchor)`` of every text of an SVG, x in the SVG's own pixels (group offsets added)."""
    import xml.etree.ElementTree as ET

    def walk(element, dx):
        move = re.search(r"translate\(([-\d.]+)", element.get("transform", ""))
        dx += float(move.group(1)) if move else 0.0
        if element.tag.endswith("}text") and element.text:
            size = re.search(r"([\d.]+)px", element.get("font-size", ""))
            yield element.text, dx, float(size.group(1)) if size else 11.0, element.get("text-anchor", "start")
        for child in element:
            yield from walk(child, dx)

    yield from walk(ET.fromstring(svg), 0.0)


@pytest.mark.parametrize("story", ["seeds", "harbour"])
def test_labels_are_whole_and_inside_a_chart_at_most_1280_pixels_wide(tmp_path, story):
    case = None if story == "seeds" else _case(tmp_path, HARBOUR)
    chart = kit.provenance_chart(case)
    svg, _ = render_images(chart.to_dict())
    width = float(re.search(r'<svg[^>]*width="([\d.]+)"', svg).group(1))
    assert width <= MAX_WIDTH
    nodes, _ = provenance_graph(case)
    drawn = {t for t, *_ in _svg_texts(svg)}
    assert set(nodes["node"]) <= drawn and set(nodes["note"]) - {""} <= drawn  # no label shortened
    for text, x, size, anchor in _svg_texts(svg):
        if text not in set(nodes["node"]) | set(nodes["note"]):
            continue  # the title and legend are placed by Vega-Lite itself
        w = text_width(text, size)
        left = x - w if anchor == "end" else x - w / 2 if anchor == "middle" else x
        assert 0 <= left and left + w <= width, (text, left, w, width)


def test_the_description_lists_nodes_edges_and_merges(tmp_path):
    text = kit.provenance_chart(_case(tmp_path, HARBOUR)).to_dict()["description"]
    assert text.startswith("Graph of how sources reach the articles of case 'case': 3 original sources, "
                           "0 intermediaries and 3 articles, joined by 7 links (5 quotes directly, 2 cites without quoting).")
    assert "A2 · Harbour Ledger quotes directly Aroha Ngata; cites without quoting Otago Daily Times." in text
    assert "One node each for 2 names printed in several spellings: " in text
    assert "Aroha Ngata (also spelt 'Aroha Ngatta' in A2)" in text and "Otago Daily Times (also called 'ODT' in A2)" in text


def test_the_same_case_gives_the_same_spec(tmp_path):
    assert kit.provenance_chart().to_dict() == kit.provenance_chart().to_dict()
    case = _case(tmp_path, TRANSFER, roles=TRANSFER_ROLES)
    assert kit.provenance_chart(case).to_dict() == kit.provenance_chart(case).to_dict()


def test_a_case_without_quotes_gets_a_chart_that_says_so(tmp_path):
    case = make_case(tmp_path, {"f.txt": "Ferry sails late\nThe ferry left at noon.\nNobody was hurt.\n"})
    spec = kit.provenance_chart(case).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["text"]
    assert "No quotes and no cited sources were found" in str(spec["datasets"])
    assert spec["description"] == ("Provenance graph of case 'case': no quotes and no cited sources were found in "
                                   "its 1 article, so the graph is empty.")
    render_images(spec)  # draws without an error
