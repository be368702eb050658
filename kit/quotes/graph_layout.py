"""A layered, deterministic layout of a small directed graph, with few edge crossings.

The provenance graph reads left to right: nodes that only send (original
sources) in the first column, nodes that receive and send (intermediaries) in
the next ones, and the *last* nodes (the articles) in the final column.
:func:`layers` puts each node in its column with networkx (the longest chain
of senders before it, cycles counted as one step); :func:`layered_positions`
orders every column by the barycentre of its neighbours (Sugiyama's heuristic),
then swaps neighbours while that removes crossings (networkx's own
``multipartite_layout`` keeps the order it is given, crossings and all). Every
column is spread evenly over the full height.
The same graph always gets the same positions (ties are broken by name).
:func:`crossings` counts the pairs of edges that cross, to measure a layout.

>>> pos = layered_positions(["Ann", "Bo", "A1", "A2"], [("Ann", "A2"), ("Bo", "A1")], last=["A1", "A2"])
>>> crossings(pos, [("Ann", "A2"), ("Bo", "A1")])
0
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

MAX_SWAP_EDGES = 80
"""Above this many edges only the barycentre sweeps run (swapping neighbours costs edges² per try)."""
SWEEPS = 6
"""Barycentre sweeps (down the columns and back) before neighbours are swapped."""
NEAR_NODE = 0.75
"""An edge passing a node it does not join closer than this many rows seems to go through it (and its label)."""
NEAR_NODE_COST = 25
"""One such near pass costs as much as this many crossings: it reads as a link that is not there."""


def layers(nodes: Iterable[str], edges: Iterable[tuple[str, str]], last: Iterable[str] = ()) -> dict[str, int]:
    """Column of each node: 0 for nodes that only send, +1 per sender before them; ``last`` nodes at the end.

    A cycle (two sources citing each other) counts as one step, so every graph has a layering.

    >>> layers(["WP", "Reuters", "A1"], [("WP", "Reuters"), ("Reuters", "A1"), ("WP", "A1")], last=["A1"])
    {'WP': 0, 'Reuters': 1, 'A1': 2}
    """
    import networkx as nx

    nodes, last = list(dict.fromkeys(nodes)), set(last)
    inner = nx.DiGraph()
    inner.add_nodes_from(n for n in nodes if n not in last)
    inner.add_edges_from((s, t) for s, t in edges if s in inner and t in inner and s != t)
    dag = nx.condensation(inner)
    depth: dict[int, int] = {}
    for c in nx.topological_sort(dag):
        depth[c] = max((depth[p] + 1 for p in dag.predecessors(c)), default=0)
    column = {n: depth[dag.graph["mapping"][n]] for n in inner}
    end = max(column.values(), default=-1) + 1
    return {n: column.get(n, end) for n in nodes}


def crossings(positions: dict[str, tuple[float, float]], edges: Iterable[tuple[str, str]]) -> int:
    """Count the pairs of straight edges that cross (edges that share an end never count).

    >>> pos = {"a": (0, 0), "b": (0, 1), "x": (1, 0), "y": (1, 1)}
    >>> crossings(pos, [("a", "y"), ("b", "x")]), crossings(pos, [("a", "x"), ("b", "y")])
    (1, 0)
    """
    segments = [(s, t, positions[s], positions[t]) for s, t in dict.fromkeys(edges) if s in positions and t in positions]
    count = 0
    for i, (s1, t1, p1, q1) in enumerate(segments):
        for s2, t2, p2, q2 in segments[i + 1:]:
            if {s1, t1} & {s2, t2}:
                continue
            count += _cross(p1, q1, p2, q2)
    return count


def near_nodes(positions: dict[str, tuple[float, float]], edges: Iterable[tuple[str, str]]) -> int:
    """Count the (edge, node) pairs where an edge passes a middle node it does not join within :data:`NEAR_NODE` rows.

    A row is the spacing of the tallest column (positions as :func:`spread` gives them).

    >>> pos = {"a": (0, 0.5), "m": (1, 0.5), "x": (2, 0.5), "b": (0, 0.1)}
    >>> near_nodes(pos, [("a", "x")]), near_nodes(pos, [("b", "m")])
    (1, 0)
    """
    rows = max([len([p for p in positions.values() if p[0] == x]) for x in {p[0] for p in positions.values()}], default=1)
    reach = NEAR_NODE / rows
    count = 0
    for s, t in dict.fromkeys(edges):
        (x1, y1), (x2, y2) = positions[s], positions[t]
        for n, (x, y) in positions.items():
            if n not in (s, t) and min(x1, x2) < x < max(x1, x2):
                count += abs(y1 + (y2 - y1) * (x - x1) / (x2 - x1) - y) < reach
    return count


def cost(positions: dict[str, tuple[float, float]], edges: list[tuple[str, str]]) -> int:
    """What a layout is scored by: its crossings, plus :data:`NEAR_NODE_COST` per edge that seems to run through a node.

    >>> cost({"a": (0, 0.5), "m": (1, 0.5), "x": (2, 0.5)}, [("a", "x")])
    25
    """
    return crossings(positions, edges) + NEAR_NODE_COST * near_nodes(positions, edges)


def _side(a, b, c) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def _cross(p1, q1, p2, q2) -> bool:
    """Whether two segments cross at a point inside both (touching or overlapping does not count)."""
    d1, d2 = _side(p2, q2, p1), _side(p2, q2, q1)
    d3, d4 = _side(p1, q1, p2), _side(p1, q1, q2)
    return d1 * d2 < 0 and d3 * d4 < 0


def spread(columns: Sequence[Sequence[str]]) -> dict[str, tuple[float, float]]:
    """Positions of ordered columns: x is the column, y runs 0-1 down it, nodes evenly spaced and centred.

    >>> spread([["a", "b"], ["x"]])
    {'a': (0.0, 0.25), 'b': (0.0, 0.75), 'x': (1.0, 0.5)}
    """
    return {n: (float(x), (i + 0.5) / len(col)) for x, col in enumerate(columns) for i, n in enumerate(col)}


def _barycentre_sweeps(columns: list[list[str]], edges: list[tuple[str, str]], fixed: set[int]) -> list[list[str]]:
    """Reorder the free columns by the mean height of each node's neighbours; keep the sweep with fewest crossings."""
    near: dict[str, list[str]] = {}
    for s, t in edges:
        near.setdefault(s, []).append(t)
        near.setdefault(t, []).append(s)
    best, best_count = [list(c) for c in columns], cost(spread(columns), edges)
    free = [i for i in range(len(columns)) if i not in fixed]
    for sweep in range(SWEEPS):
        for i in (free if sweep % 2 == 0 else free[::-1]):
            pos = spread(columns)
            def centre(n: str, here=i) -> float:
                ys = [pos[m][1] for m in near.get(n, []) if pos[m][0] != here]
                return sum(ys) / len(ys) if ys else pos[n][1]
            columns[i] = sorted(columns[i], key=lambda n: (centre(n), pos[n][1], n))
        count = cost(spread(columns), edges)
        if count < best_count:
            best, best_count = [list(c) for c in columns], count
    return best


def _swap_neighbours(columns: list[list[str]], edges: list[tuple[str, str]], fixed: set[int]) -> list[list[str]]:
    """Swap two neighbours of a free column while that lowers the :func:`cost`."""
    count = cost(spread(columns), edges)
    improved = True
    while improved and count:
        improved = False
        for i, column in enumerate(columns):
            if i in fixed:
                continue
            for j in range(len(column) - 1):
                column[j], column[j + 1] = column[j + 1], column[j]
                trial = cost(spread(columns), edges)
                if trial < count:
                    count, improved = trial, True
                else:
                    column[j], column[j + 1] = column[j + 1], column[j]
    return columns


def _place_middle(columns: list[list[str]], edges: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """Move each node of a middle column, in its order, to the height (on or between rows) of lowest :func:`cost`.

    A lone intermediary in the middle of the chart is where every long edge passes; a few rows up or down
    it stands clear of them.
    """
    positions = spread(columns)
    rows = max((len(c) for c in columns), default=1)
    heights = [k / (2 * rows) for k in range(1, 2 * rows)]
    for x, column in enumerate(columns[1:-1], start=1):
        for i, node in enumerate(column):
            low = positions[column[i - 1]][1] if i else 0.0
            high = positions[column[i + 1]][1] if i + 1 < len(column) else 1.0
            tries = [h for h in heights if low < h < high] or [positions[node][1]]
            scores = {h: cost({**positions, node: (float(x), h)}, edges) for h in tries}
            best = min(tries, key=lambda h: (scores[h], abs(h - positions[node][1]), h))
            positions[node] = (float(x), best)
    return positions


def layered_positions(nodes: Iterable[str], edges: Iterable[tuple[str, str]], last: Sequence[str] = (),
                      keep_last_order: bool = True) -> dict[str, tuple[float, float]]:
    """Lay the graph out in columns (rule of the module docstring): ``{node: (column, height 0-1)}``.

    Args:
        nodes: every node (isolated ones too).
        edges: ``(sender, receiver)`` pairs.
        last: the nodes of the final column (the articles), in the order to show them.
        keep_last_order: keep ``last`` in the given order (a reader finds A1 under A0) instead of reordering it.

    >>> layered_positions(["Bo", "Ann", "A1"], [("Ann", "A1"), ("Bo", "A1")], last=["A1"])
    {'Ann': (0.0, 0.25), 'Bo': (0.0, 0.75), 'A1': (1.0, 0.5)}
    """
    nodes, edges = sorted(set(nodes)), sorted({(s, t) for s, t in edges if s != t})
    column = layers(nodes, edges, last)
    count = max(column.values(), default=-1) + 1
    ends = [n for n in last if n in column]
    columns = [sorted(n for n in nodes if column[n] == i and n not in ends) for i in range(count)]
    if ends:
        columns[-1] = ends
    fixed = {count - 1} if ends and keep_last_order else set()
    columns = _barycentre_sweeps(columns, edges, fixed)
    if len(edges) <= MAX_SWAP_EDGES:
        columns = _swap_neighbours(columns, edges, fixed)
    return _place_middle(columns, edges)


# --- room for the labels ----------------------------------------------------------------------------

FONT, NOTE_FONT = 11, 10
"""Font sizes (px) of a node's name and of its note."""
NOTE_SHIFT = 13
"""How far (px) below the name its note is written."""
ROW, ROW_WITH_NOTE = 24, 36
"""Height (px) of one node of the tallest column, without and with notes in the graph."""
CHAR_WIDTH = 0.62
"""Width of a character, as a share of the font size: generous for a sans-serif, so an estimate never falls short."""
LABEL_GAP = 14
"""Room (px) between a node and its label, and at the chart's edge."""
MIN_COLUMN_GAP, SQUEEZED_COLUMN_GAP = 200, 120
"""Distance (px) between two columns: at least the first; down to the second when the chart would be too wide."""
MAX_WIDTH, LEGEND_WIDTH = 1280, 190
"""The whole chart, legend included, fits this many pixels; the legend takes about the second."""
LABEL_PLACES = {"first": ("right", -9, 0, False), "middle": ("center", 0, -12, True), "last": ("left", 9, 0, False)}
"""Where a column's labels go: ``(align, dx, dy, halo)``. Left of the first column, right of the last (away
from the lines), above a middle node with a white halo over the lines that pass."""


def text_width(text: str, size: float) -> float:
    """An upper estimate of a text's width in pixels at a font size.

    >>> text_width("Reuters", 10)
    43.4
    """
    return round(len(text) * size * CHAR_WIDTH, 1)


def fitted_width(nodes) -> tuple[int, tuple[float, float]]:
    """Plot width (px) and x domain that leave room for every label of a laid-out graph (``column``, ``x``).

    The first column's labels stand left of it, the last column's right of it, the middle ones centred
    above their node; the columns are at least :data:`MIN_COLUMN_GAP` apart, squeezed (never below
    :data:`SQUEEZED_COLUMN_GAP`) to keep the chart and its legend within :data:`MAX_WIDTH`.

    >>> import pandas as pd
    >>> fitted_width(pd.DataFrame({"node": ["Reuters", "A1 · Wire"], "note": ["", ""],
    ...                            "column": ["first", "last"], "x": [0.0, 1.0]}))
    (355, (-0.354, 1.422))
    """
    def widest(column: str) -> float:
        here = nodes[nodes["column"] == column]
        sizes = [text_width(n, FONT) for n in here["node"]] + [text_width(n, NOTE_FONT) for n in here["note"]]
        return max(sizes, default=0.0)

    steps = int(nodes["x"].max()) if len(nodes) else 0
    left, right = widest("first") + LABEL_GAP + 9, widest("last") + LABEL_GAP + 9
    gap = max(MIN_COLUMN_GAP, widest("middle") + 2 * LABEL_GAP)
    if steps and left + right + gap * steps > MAX_WIDTH - LEGEND_WIDTH:
        gap = max(SQUEEZED_COLUMN_GAP, (MAX_WIDTH - LEGEND_WIDTH - left - right) / steps)
    unit = 1 / gap
    return round(left + right + gap * max(steps, 1)), (round(-left * unit, 3), round(max(steps, 1) + right * unit, 3))
