"""Review a drafted key in the notebook: ``kit.review_key("claims", case)``.

After ``python -m kit draft CASE`` every drafted row says ``status=draft``. The
review widget walks a key's rows, drafts first, shows each row's sentence in its
article (headline, the sentence before and after), and lets the instructor
accept it, relabel it, rewrite its rationale (or a question's explanation), or
delete it. Every decision is saved at once, atomically (a crash leaves the old
file or the new one), and an accepted row gets ``status=reviewed``, so drafting
again never overwrites it. A drafted "label this sentence" question follows its
claim's new label (:func:`follow_label`).

The logic is pure functions on plain rows (:func:`decide`, :func:`context_of`,
:func:`queue`), tested directly; :func:`review_key` only wires them to
ipywidgets. Every control is a button, dropdown or text box, so the widget is
used with the keyboard alone (Tab to move, Enter or Space to press).

>>> rows = [{"id": "A1.C1", "label": "opinion", "rationale": "", "status": "draft"}]
>>> decide(rows, "A1.C1", "relabel", label="speculation")[0]["status"]
'reviewed'
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from .claims.taxonomy import LABELS
from .core.case import Case, resolve_case
from .core.errors import KitError
from .drafting import DRAFT, REVIEWED, read_rows, save_rows

if TYPE_CHECKING:
    import ipywidgets

ACTIONS = ("accept", "relabel", "edit", "delete")
"""What an instructor can do with a row."""
TEXT_FIELD = {"claims": "rationale", "questions": "explanation"}
"""The text each key's reviewer edits."""


def decide(rows: list[dict[str, str]], row_id: str, action: str, *, label: str = "", text: str = "",
           key: str = "claims") -> list[dict[str, str]]:
    """Return the rows after one decision on the row ``row_id`` (the input is not changed).

    ``accept`` marks it reviewed; ``relabel`` sets its ``label`` (claims) or ``answer``
    (questions) and marks it reviewed; ``edit`` sets its rationale or explanation and marks it
    reviewed; ``delete`` removes it.

    Raises:
        KitError: an unknown action, an unknown row, or a label that is not one of the labels.
    """
    if action not in ACTIONS:
        raise KitError(f"{action!r} is not a review action; use one of {', '.join(ACTIONS)}.")
    if not any(r.get("id") == row_id for r in rows):
        raise KitError(f"There is no row {row_id!r} in this key; pick a row the widget shows.")
    if action == "delete":
        return [dict(r) for r in rows if r.get("id") != row_id]
    if action == "relabel" and key == "claims" and label not in LABELS:
        raise KitError(f"{label!r} is not a label; use one of {', '.join(LABELS)}.")
    out = []
    for r in rows:
        r = dict(r)
        if r.get("id") == row_id:
            if action == "relabel":
                r["label" if key == "claims" else "answer"] = label
            if action == "edit":
                r[TEXT_FIELD[key]] = text
            r["status"] = REVIEWED
        out.append(r)
    return out


def queue(rows: list[dict[str, str]]) -> list[str]:
    """The ids to review, drafts first, each group in key order.

    >>> queue([{"id": "a", "status": "reviewed"}, {"id": "b", "status": "draft"}])
    ['b', 'a']
    """
    drafts = [r["id"] for r in rows if (r.get("status") or "").strip() == DRAFT]
    return drafts + [r["id"] for r in rows if r["id"] not in drafts]


def context_of(case: Case, sentence_id: str) -> dict[str, str]:
    """The article and the sentences around one sentence: what a reviewer reads before deciding."""
    s = case.sentences
    at = s.index[s["sentence_id"] == sentence_id]
    if len(at) == 0:
        return {"article": "", "before": "", "sentence": "", "after": ""}
    i = s.index.get_loc(at[0])
    row = s.iloc[i]
    same = lambda j: 0 <= j < len(s) and s.iloc[j]["file"] == row["file"]  # noqa: E731
    article = case.articles[case.articles["file"] == row["file"]].iloc[0]
    title = " · ".join(v for v in (article["article_id"], article["outlet"], article["headline"]) if v)
    return {"article": title, "before": s.iloc[i - 1]["text"] if same(i - 1) else "",
            "sentence": row["text"], "after": s.iloc[i + 1]["text"] if same(i + 1) else ""}


def review_card(row: dict[str, str], context: dict[str, str], key: str) -> str:
    """The card of one row: its article, its sentence in context, and the draft's proposal."""
    e = html.escape
    proposal = row.get("label") if key == "claims" else f"{row.get('kind', '')}: {row.get('answer', '')}"
    return (f"<div class='kit-review-card'><p><b>{e(row.get('id', ''))}</b> · {e(row.get('status', '') or 'reviewed')}"
            f" · {e(context['article'])}</p><p style='color:#555'>{e(context['before'])}</p>"
            f"<p style='background:#fff3cd;padding:4px'>{e(context['sentence'])}</p>"
            f"<p style='color:#555'>{e(context['after'])}</p>"
            f"<p>Proposed: <b>{e(proposal or '')}</b><br>{e(row.get('prompt', '') if key == 'questions' else '')}</p></div>")


def _load_rows(path: Path) -> tuple[list[dict[str, str]], list[str]]:
    rows = read_rows(path)
    columns = list(dict.fromkeys(c for r in rows for c in r)) or ["id", "status"]
    return rows, columns


def follow_label(questions: Path, claim: dict[str, str], label: str) -> int:
    """Give the drafted label questions about a relabelled claim its new label; return how many changed.

    A drafted question "label this sentence" asks about one claim (same ``file`` and ``quote``,
    ``facet`` ``label``). When the instructor relabels that claim, the question follows, so the two
    keys never contradict each other; a question already reviewed is left for the instructor
    (``python -m kit validate`` names any contradiction).
    """
    if not questions.is_file():
        return 0
    rows, columns = _load_rows(questions)
    changed = 0
    for r in rows:
        if (r.get("facet") == "label" and r.get("file") == claim.get("file") and r.get("quote") == claim.get("quote")
                and (r.get("status") or "") == DRAFT and r.get("answer") != label):
            r["answer"] = label
            changed += 1
    if changed:
        save_rows(questions, rows, columns)
    return changed


def review_key(key: str = "claims", case: Case | str | Path | None = None) -> ipywidgets.VBox:
    """Build the review widget for ``keys/<key>.csv`` of a case (``claims`` or ``questions``).

    Returns:
        An ``ipywidgets.VBox`` exposing, for tests and scripts, ``card``, ``label`` (dropdown or
        text), ``text`` (rationale or explanation), ``accept``, ``save_edit``, ``delete``,
        ``previous_button``, ``next_button``, ``status`` and ``rows``.
    """
    import ipywidgets as w

    if key not in TEXT_FIELD:
        raise KitError(f"{key!r} cannot be reviewed here; use 'claims' or 'questions'.")
    loaded = resolve_case(case)
    path = Path(loaded.path) / "keys" / f"{key}.csv"
    if not path.is_file():
        raise KitError(f"Case {loaded.name!r} has no keys/{key}.csv; draft it first: python -m kit draft {loaded.path}")
    box = w.VBox(layout=w.Layout(max_width="820px"))
    box.add_class("kit-review")
    box.rows, columns = _load_rows(path)
    box.card, box.status = w.HTML(), w.HTML()
    box.label = (w.Dropdown(options=list(LABELS), description="Label") if key == "claims"
                 else w.Text(description="Answer"))
    box.text = w.Textarea(description=TEXT_FIELD[key].capitalize(), layout=w.Layout(width="100%", height="70px"))
    box.accept, box.save_edit = w.Button(description="Accept as is"), w.Button(description="Save label and text")
    box.delete = w.Button(description="Delete row", button_style="danger")
    box.previous_button, box.next_button = w.Button(description="◀ Previous"), w.Button(description="Next ▶")
    box.children = [box.card, box.label, box.text, w.HBox([box.accept, box.save_edit, box.delete]),
                    w.HBox([box.previous_button, box.next_button]), box.status]
    _wire(box, key, path, columns, loaded)
    return box


def _wire(box, key: str, path: Path, columns: list[str], case: Case) -> None:
    """Connect the widget's controls to :func:`decide` and :func:`save_rows` (the only stateful part)."""
    state = {"order": queue(box.rows), "at": 0}

    def current() -> dict[str, str] | None:
        ids = [i for i in state["order"] if any(r["id"] == i for r in box.rows)]
        state["order"] = ids
        return next(r for r in box.rows if r["id"] == ids[state["at"]]) if ids else None

    def show(message: str = "") -> None:
        state["at"] = max(0, min(state["at"], len(state["order"]) - 1))
        row = current()
        drafts = sum((r.get("status") or "") == DRAFT for r in box.rows)
        box.status.value = html.escape(f"{message} {drafts} of {len(box.rows)} rows still in draft.".strip())
        if row is None:
            box.card.value = "<p>This key has no rows left.</p>"
            return
        box.card.value = review_card(row, context_of(case, row.get("sentence_id", "")), key)
        value = row.get("label" if key == "claims" else "answer", "")
        box.label.value = value if key != "claims" or value in LABELS else LABELS[0]
        box.text.value = row.get(TEXT_FIELD[key], "")

    def act(action: str) -> None:
        row = current()
        if row is None:
            return
        try:
            if action == "edit":
                rows = decide(box.rows, row["id"], "relabel", label=box.label.value, key=key)
                rows = decide(rows, row["id"], "edit", text=box.text.value, key=key)
            else:
                rows = decide(box.rows, row["id"], action, key=key)
        except KitError as exc:
            show(str(exc))
            return
        if key == "claims" and action == "edit" and box.label.value != row.get("label"):
            follow_label(path.parent / "questions.csv", row, box.label.value)  # before the claims: never a contradiction
        save_rows(path, rows, columns)
        box.rows = rows
        if action != "delete":
            state["at"] += 1
        show(f"{row['id']}: {'deleted' if action == 'delete' else 'saved'}.")

    box.accept.on_click(lambda _: act("accept"))
    box.save_edit.on_click(lambda _: act("edit"))
    box.delete.on_click(lambda _: act("delete"))
    box.previous_button.on_click(lambda _: (state.__setitem__("at", state["at"] - 1), show()))
    box.next_button.on_click(lambda _: (state.__setitem__("at", state["at"] + 1), show()))
    show()
