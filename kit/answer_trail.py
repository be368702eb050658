"""A lateral-reading trail as an answer: plain lines a teacher can read and the grader can score.

An investigation is a list of events (search, open, note). As an answer it is a list of
strings, one per event, ``"<seconds>s | <action> | <detail>"``, so it passes the course's
plain-value rule (no dicts, nothing that can redefine ``==``) and reads well in a gradebook:

* ``"4.2s | search | who runs global research | P3 P7 P1"`` (the query, then the results in rank order);
* ``"9.8s | open | P3"``;
* ``"31.0s | note | Montreal centre run by Chossudovsky"``.

A question of kind ``trail`` (``keys/questions.csv``) lists in ``answer`` the pages that
answer it. The trail is right when it opened one of them and ends with a note; the
feedback says which result answered it fastest (the key's first page) and where that page
ranked in the student's own searches.

>>> lines = encode_trail([{"t": 4.2, "action": "search", "query": "who runs it", "results": ["P3", "P1"]},
...                       {"t": 9.8, "action": "open", "page_id": "P3"}, {"t": 31, "action": "note", "text": "A centre"}])
>>> lines
['4.2s | search | who runs it | P3 P1', '9.8s | open | P3', '31.0s | note | A centre']
>>> decode_trail(lines)[0]["results"], grade_trail({"answer": "P3", "explanation": "P3 says so."}, lines)[0]
(['P3', 'P1'], True)
"""

from __future__ import annotations

import re
from typing import Any, Callable

ACTIONS = ("search", "open", "note")
_LINE = re.compile(r"^(?P<t>\d+(?:\.\d+)?)s \| (?P<action>search|open|note) \| (?P<rest>.*)$", re.S)


def _clean(text: Any) -> str:
    return " ".join(str(text).replace("|", "/").split())


def encode_trail(events: list[dict[str, Any]]) -> list[str]:
    """The plain lines of a trail of events (dicts with ``t``, ``action`` and its fields); unknown events are left out."""
    lines = []
    for e in events if isinstance(events, list) else []:
        if not isinstance(e, dict) or e.get("action") not in ACTIONS:
            continue
        t = f"{float(e.get('t') or 0):.1f}s"
        if e["action"] == "search":
            lines.append(f"{t} | search | {_clean(e.get('query', ''))} | {' '.join(map(_clean, e.get('results') or []))}")
        elif e["action"] == "open":
            lines.append(f"{t} | open | {_clean(e.get('page_id', ''))}")
        else:
            lines.append(f"{t} | note | {_clean(e.get('text', ''))}")
    return lines


def decode_trail(lines: Any) -> list[dict[str, Any]]:
    """The events of a trail's plain lines; raises ``ValueError`` naming the first line that is not one.

    >>> decode_trail(["2.0s | open | P1"])
    [{'t': 2.0, 'action': 'open', 'page_id': 'P1'}]
    """
    if isinstance(lines, str) or not isinstance(lines, (list, tuple)):
        raise ValueError("a trail is a list of lines like '9.8s | open | P3' (the widget's .answer)")
    events = []
    for n, line in enumerate(lines, start=1):
        m = _LINE.match(line) if isinstance(line, str) else None
        if m is None:
            raise ValueError(f"line {n} of the trail, {line!r}, is not like '9.8s | open | P3'")
        event: dict[str, Any] = {"t": float(m["t"]), "action": m["action"]}
        if m["action"] == "search":
            query, _, results = m["rest"].rpartition(" | ") if " | " in m["rest"] else (m["rest"], "", "")
            event.update(query=query.strip(), results=results.split())
        elif m["action"] == "open":
            event["page_id"] = m["rest"].strip()
        else:
            event["text"] = m["rest"].strip()
        events.append(event)
    return events


def trail_verdict(lines: list[str], is_answer: Callable[[str], bool], is_best: Callable[[str], bool],
                  best: str = "") -> tuple[bool, str]:
    """Judge a trail by one rule for the plain and the sealed key: opened a page, one that answers, and a note.

    ``is_answer`` says whether a page answers the question, ``is_best`` whether it is the fastest one;
    ``best`` names that page when the key may show it (the plain key), ``""`` when it may not (a sealed key
    names it only once the student's own searches listed it).

    >>> lines = ["0.0s | search | port owner | P4 P2", "1.0s | open | P2", "2.0s | note | P2 says the union."]
    >>> trail_verdict(lines, lambda p: p == "P2", lambda p: p == "P2")
    (True, 'You searched once and opened 1 page (P2). The fastest result was P2; in your searches it ranked 2.')
    """
    events = decode_trail(lines)
    opened = [e["page_id"] for e in events if e["action"] == "open"]
    noted = any(e["action"] == "note" and e["text"] for e in events)
    searches = [e for e in events if e["action"] == "search"]
    ranks = sorted((e["results"].index(p) + 1, p) for e in searches for p in e["results"] if is_best(p))
    if ranks:
        where = f" The fastest result was {ranks[0][1]}; in your searches it ranked {ranks[0][0]}."
    else:
        where = f" The fastest result was {best}; none of your searches listed it." if best else ""
    times, pages = ("once" if len(searches) == 1 else f"{len(searches)} times"), ("page" if len(opened) == 1 else "pages")
    summary = f"You searched {times} and opened {len(opened)} {pages} ({', '.join(opened) or 'none'})."
    if not opened:
        return False, f"{summary} Open a result before you judge: a snippet is not the page."
    if not any(is_answer(p) for p in opened):
        return False, f"{summary} None of them answers the question; try the outlet's or the person's name.{where}"
    if not noted:
        return False, f"{summary} Write what you learned in a sentence, then save."
    return True, f"{summary}{where}"


def grade_trail(question: dict[str, str], lines: list[str]) -> tuple[bool, str]:
    """Score a trail with the plain key: right when it opened a page of the key's ``answer`` and wrote a note."""
    answers = [p.strip() for p in re.split(r"[;|]", question.get("answer") or "") if p.strip()]
    best = answers[0] if answers else ""
    return trail_verdict(lines, lambda page: page in answers, lambda page: page == best, best)


def trail_key_problem(question_id: str, answer: str, case_folder) -> str | None:
    """Why a key's answer to a ``trail`` question is not a list of the case's pages (one sentence), or ``None``."""
    from .lateral.corpus import read_pages

    known = {p["page_id"] for p in read_pages(case_folder, [])}
    pages = [p.strip() for p in re.split(r"[;|]", answer or "") if p.strip()]
    missing = [p for p in pages if p not in known]
    if not pages or missing:
        return (f"{question_id} must list the pages that answer it, like P3;P7, from context/sources/pages.csv; "
                f"{', '.join(missing) or 'none is given'} {'is' if len(missing) == 1 else 'are'} not there.")
    return None


def model_trail(question: dict[str, str]) -> list[str]:
    """A model trail for a solution: search the words the question quotes, open its first page, note the explanation.

    >>> model_trail({"answer": "P2;P5", "quote": "Harbour News", "explanation": "P2 says who owns it. More."})
    ['0.0s | search | Harbour News | P2 P5', '1.0s | open | P2', '2.0s | note | P2 says who owns it.']
    """
    pages = [p.strip() for p in re.split(r"[;|]", question.get("answer") or "") if p.strip()]
    first = re.split(r"(?<=[.!?])\s", (question.get("explanation") or "").strip(), maxsplit=1)[0]
    return encode_trail([{"t": 0, "action": "search", "query": question.get("quote", ""), "results": pages},
                         {"t": 1, "action": "open", "page_id": pages[0] if pages else ""},
                         {"t": 2, "action": "note", "text": first}])
