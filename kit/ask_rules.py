"""The rules of :func:`kit.ask`: which control answers which kind of question, its options, and its answer.

:func:`kit.ask` (in :mod:`kit.ask`) builds the widget from these pure functions,
tested without widgets. Every kind of question a student answers by choosing
gets a control that fits it (:data:`CONTROLS`): a list of options for a ``choice``, the case's articles
by outlet for ``article`` (one) or ``articles`` (several, ticked), an article
then its sentences for ``sentence`` and ``sentences``, and a typed box for a
``date``, ``number`` or ``text``. Check hands the plain value to
:func:`kit.check` (it is recorded like a typed answer; the grader reads it from
the answers file handed in); a kernel restart shows the last saved answer again.

>>> case = make_tiny_case()
>>> control_for({"kind": "choice", "options": "opinion;prediction"}, case)
('radio', [('opinion', 'opinion'), ('prediction', 'prediction')])
>>> article_choices(case)
[('A1 · Harbour Ledger', 'A1'), ('A2 · outlet not stated', 'A2')]
>>> answer_of("sentences", {"sentences": ["A1.S2", "A0.S1"]})
['A0.S1', 'A1.S2']
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .answer_match import split_items
from .core.errors import KitError
from .display import article_label

if TYPE_CHECKING:
    from .core.case import Case

CONTROLS = {
    "choice": "radio", "article": "radio", "articles": "ticks", "sentence": "sentence", "sentences": "sentences",
    "date": "typed", "number": "typed", "text": "typed",
}
"""The control each kind of question is answered with; other kinds (a trail, a ClaimReview) have their own widget."""
ASKED_KINDS = ("choice", "article", "articles", "sentence", "sentences", "date")
"""The kinds a notebook asks with :func:`kit.ask` (picked, or a date typed in a box); a number or a text is
worked out in code, where writing it teaches something, and checked with :func:`kit.check`."""
PLACEHOLDER = {"date": "YYYY-MM-DD, like 2031-03-04", "number": "a number, like 3", "text": "a word or a few words"}
_SENTENCE_ID = re.compile(r"\b([A-Z]\d+)\.S\d+\b")


def checker_call(question_id: str, kind: str, variable: str, case: str = "") -> str:
    """The notebook line that checks a question's answer variable: ``kit.ask`` for :data:`ASKED_KINDS`, else ``kit.check``.

    >>> checker_call("q1.1", "choice", "answer_q1_1"), checker_call("q3.8", "number", "answer_q3_8")
    ('kit.ask("q1.1", answer_q1_1)', 'kit.check("q3.8", answer_q3_8)')
    """
    name = "ask" if kind in ASKED_KINDS else "check"
    return f'kit.{name}("{question_id}", {variable}{", " + case if case else ""})'


def make_tiny_case() -> Case:
    """A two-article invented case for the examples (a harbour strike in Wellington)."""
    import tempfile

    from .core.case import load_case

    root = Path(tempfile.mkdtemp()) / "harbour"
    (root / "articles").mkdir(parents=True)
    (root / "articles" / "a.txt").write_text("Port strike enters second day\n\nWharf workers stayed out.\n", "utf-8")
    (root / "articles" / "b.txt").write_text("Ferries run late\n\nThe union says talks resume on Friday.\n", "utf-8")
    (root / "metadata.csv").write_text("file,outlet,author,genre,published,headline,url,notes\n"
                                       "a.txt,Harbour Ledger,,news,2031-03-02,,,\nb.txt,,,news,,,,\n", "utf-8")
    return load_case(root)


def article_choices(case: Case) -> list[tuple[str, str]]:
    """The case's articles as (label, id) options: id and outlet, never a file name."""
    rows = case.articles
    return [(article_label(a, str(o or "")), a) for a, o in zip(rows["article_id"], rows["outlet"].fillna(""))]


def sentence_choices(case: Case, article: str) -> list[tuple[str, str]]:
    """One article's sentences as (label, id) options: the id, then the whole sentence (its spaces tidied).

    >>> sentence_choices(make_tiny_case(), "A2")[1]
    ('A2.S2 · The union says talks resume on Friday.', 'A2.S2')
    """
    rows = case.sentences[case.sentences["article_id"] == article]
    return [(f"{sid} · {' '.join(str(text).split())}", sid) for sid, text in zip(rows["sentence_id"], rows["text"])]


def control_for(question: dict[str, str], case: Case) -> tuple[str, list[tuple[str, str]]]:
    """The control a question is answered with (:data:`CONTROLS`) and its options (empty for typed answers).

    Raises:
        KitError: for a kind no control answers (a trail, a ClaimReview), saying which widget does.
    """
    kind = question.get("kind", "")
    control = CONTROLS.get(kind)
    if control is None:
        where = {"trail": "kit.lateral.investigate", "review": "the verdict builder"}.get(kind, "code")
        raise KitError(f"Question {question.get('id', '')} asks for a {kind or 'kind of answer'} that {where} gives, "
                       "not a click; answer it as its cell shows.")
    if kind == "choice":
        return control, [(o, o) for o in split_items(question.get("options", ""))]
    if control in ("radio", "ticks", "sentence", "sentences"):
        return control, article_choices(case)
    return control, []


def prompt_article(prompt: str, case: Case) -> str | None:
    """The article of the first sentence id a prompt names (``A3.S4`` → ``A3``), if the case has it.

    >>> prompt_article("'On Monday' in A2.S2: which date?", make_tiny_case()), prompt_article("no id", make_tiny_case())
    ('A2', None)
    """
    found = _SENTENCE_ID.search(prompt or "")
    return found.group(1) if found and found.group(1) in set(case.articles["article_id"]) else None


def answer_of(kind: str, state: dict[str, Any]) -> Any:
    """The plain answer :func:`kit.check` takes, from the controls' state (``...`` when nothing is picked).

    ``state`` holds ``choice`` (radio), ``ticked`` (ticks), ``sentence``, ``sentences`` or ``typed``.

    >>> answer_of("article", {"choice": "A1"}), answer_of("articles", {"ticked": []}), answer_of("date", {"typed": " 2031-03-04 "})
    ('A1', Ellipsis, '2031-03-04')
    >>> answer_of("number", {"typed": "2,5"}), answer_of("number", {"typed": "12"}), answer_of("number", {"typed": "two"})
    (2.5, 12, 'two')
    """
    control = CONTROLS[kind]
    value = {"radio": state.get("choice"), "ticks": sorted(state.get("ticked") or []) or None,
             "sentence": state.get("sentence"), "sentences": sorted(state.get("sentences") or []) or None,
             "typed": " ".join(str(state.get("typed") or "").split()) or None}[control]
    if value is None:
        return ...
    return _number(value) if kind == "number" else value


def _number(typed: str) -> int | float | str:
    """A typed number as a number (``"3"`` → 3, ``"2,5"`` → 2.5); anything else stays text, for check to explain."""
    for convert in (int, float):
        try:
            return convert(typed.replace(",", ".") if convert is float else typed)
        except ValueError:
            continue
    return typed


def state_of(kind: str, answer: Any) -> dict[str, Any]:
    """The controls' state that shows a saved or typed answer (the inverse of :func:`answer_of`).

    >>> state_of("sentences", ["A0.S1"]), state_of("number", 3), state_of("articles", [])
    ({'sentences': ['A0.S1']}, {'typed': '3'}, {})
    """
    control = CONTROLS[kind]
    if answer is ... or answer is None:
        return {}
    items = [str(a) for a in answer] if isinstance(answer, (list, tuple, set, frozenset)) else [str(answer)]
    if not items:  # an empty list: nothing picked
        return {}
    return {"radio": {"choice": items[0]}, "ticks": {"ticked": items}, "sentence": {"sentence": items[0]},
            "sentences": {"sentences": items}, "typed": {"typed": str(answer)}}[control]


