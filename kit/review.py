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
ipywidgets. Every control is a button or a one-line text box, so the widget is used
with the keyboard alone in JupyterLab: Tab and Shift+Tab move in reading order, Enter
or Space press a button (a label is one of a row of buttons: a dropdown's arrow keys
would move the notebook's cell cursor instead), and Enter in a text box saves the
label and text, as "Save label and text" does (the value typed before an Enter may
reach the kernel just after it: :func:`_wire_enter`). Every control shows a 2px focus
ring (:data:`FOCUS_CSS`); tests/browser/test_review_in_browser.py drives it so in
JupyterLab. A question's card finds its sentence by its quote (:func:`sentence_id_of`).

>>> rows = [{"id": "A1.C1", "label": "opinion", "rationale": "", "status": "draft"}]
>>> decide(rows, "A1.C1", "relabel", label="speculation")[0]["status"]
'reviewed'
"""

from __future__ import annotations

import html
import time
from pathlib import Path
from typing import TYPE_CHECKING

from .annotations import FACETS
from .claims.taxonomy import DEFINITIONS, LABELS
from .core.case import Case, resolve_case
from .core.errors import CaseError, KitError
from .core.paths import case_dir
from .display import focus_css
from .drafting import DRAFT, REVIEWED, load_without_keys, read_rows, reject, save_rows
from .drafting_keys import review_column
from .framing.taxonomy import COVERAGE_STATUSES, FRAMES, STANCES, TECHNIQUES
from .quotes.provenance import ENDS, KINDS

if TYPE_CHECKING:
    import ipywidgets

ACTIONS = ("accept", "relabel", "edit", "delete")
"""What an instructor can do with a row."""
FIELDS = {
    "claims": ("label", LABELS, "rationale", ()),
    "questions": ("answer", None, "explanation", ("prompt",)),
    "coverage": ("status", COVERAGE_STATUSES, "note", ("fact",)),
    "frames": ("frame", FRAMES, "note", ("paragraph",)),
    "stance": ("stance", STANCES, "note", ()),
    "techniques": ("technique", TECHNIQUES, "note", ()),
    "sources": ("relation", KINDS + ENDS, "note", ("chain", "step", "source")),
    "annotations": ("value", None, "note", ("facet",)),
}
"""Per key: the column a reviewer relabels, its allowed values (``None``: free text), the text the reviewer
edits, and the columns the card shows beside the sentence. Every key ``python -m kit draft`` writes is here."""
TEXT_FIELD = {key: spec[2] for key, spec in FIELDS.items()}
"""The text each key's reviewer edits."""
BUTTONS_UP_TO = 8
"""A label list this long or shorter is a row of buttons; a longer one is a text box that suggests the values."""
FOCUS_CSS = focus_css("kit-review")
"""A focus ring on every control, scoped to the widget: ipywidgets' own is a 1px tint on a button
and none at all on a text box (``outline: none !important``, hence the ``!important`` here)."""
LATE_SECONDS = 1.0
"""How long after an Enter is saved a typed value still belongs to that row (see :func:`_wire_enter`):
the browser sends it in the same instant as the Enter, so it comes next; a person cannot edit the
next row and leave its box that fast."""


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
    column, allowed, field, _ = FIELDS[key]
    allowed = allowed or (FACETS.get(next((r.get("facet") for r in rows if r.get("id") == row_id), ""))
                           if key == "annotations" else None)
    if action == "relabel" and allowed and label not in allowed:
        raise KitError(f"{label!r} is not allowed in the {column} of {key}; use one of {', '.join(allowed)}.")
    out = []
    for r in rows:
        r = dict(r)
        if r.get("id") == row_id:
            if action == "relabel":
                r[column] = label
            if action == "edit":
                r[field] = text
            r[review_column(key)] = REVIEWED
        out.append(r)
    return out


def queue(rows: list[dict[str, str]], key: str = "claims") -> list[str]:
    """The ids to review, drafts first, each group in key order.

    >>> queue([{"id": "a", "status": "reviewed"}, {"id": "b", "status": "draft"}])
    ['b', 'a']
    """
    drafts = [r["id"] for r in rows if (r.get(review_column(key)) or "").strip() == DRAFT]
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


def sentence_id_of(case: Case, row: dict[str, str]) -> str:
    """The sentence a key row is about: its ``sentence_id``, else the sentence of its ``file`` that holds its ``quote``.

    A question row names no sentence id, only the article and the quoted words; the first
    sentence of that article whose text is, or else contains, the quote is the one it asks about.

    >>> import tempfile, pathlib
    >>> root = pathlib.Path(tempfile.mkdtemp()) / "ferry"
    >>> (root / "articles").mkdir(parents=True)
    >>> _ = (root / "articles" / "a.txt").write_text("Ferry late\\n\\nThe ferry left at noon. Crews said the fog lifted.\\n")
    >>> _ = (root / "metadata.csv").write_text("file,outlet,author,genre,published,headline,url,notes\\na.txt,Isle News,,news,2031-04-02,Ferry late,,\\n")
    >>> from kit.core.case import load_case
    >>> sentence_id_of(load_case(root, cached=False), {"file": "a.txt", "quote": "the fog lifted"})
    'A1.S3'
    """
    if row.get("sentence_id"):
        return row["sentence_id"]
    quote, s = (row.get("quote") or "").strip(), case.sentences
    if not quote:
        return ""
    mine = s[s["file"] == row.get("file", "")]
    hits = mine[mine["text"] == quote]
    hits = hits if len(hits) else mine[mine["text"].str.contains(quote, regex=False)]
    return str(hits.iloc[0]["sentence_id"]) if len(hits) else ""


def review_card(row: dict[str, str], context: dict[str, str], key: str) -> str:
    """The card of one row: its article, its sentence in context, and the draft's proposal."""
    e = html.escape
    column, _, field, shown = FIELDS[key]
    proposal = f"{row.get('kind', '')}: {row.get('answer', '')}" if key == "questions" else row.get(column, "")
    details = " · ".join(f"{c}: {row[c]}" for c in shown if row.get(c))
    sentence = context["sentence"] or (f"(quote, not found as a sentence) {row['quote']}" if row.get("quote") else
                                       "(no sentence: this row quotes nothing)")
    return (f"<div class='kit-review-card'><p><b>{e(row.get('id', ''))}</b> · "
            f"{e(row.get(review_column(key), '') or 'reviewed')} · {e(context['article'])}</p>"
            f"<p style='color:#555'>{e(context['before'])}</p>"
            f"<p style='background:#fff3cd;padding:4px'>{e(sentence)}</p>"
            f"<p style='color:#555'>{e(context['after'])}</p>"
            f"<p>Proposed {e(column)}: <b>{e(proposal or '')}</b><br>{e(details)}</p>"
            f"<p style='color:#555'>{e(field.capitalize())}: {e(row.get(field, ''))}</p></div>")


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
    """Build the review widget for ``keys/<key>.csv`` of a case (any key ``python -m kit draft`` writes).

    Each key's reviewer relabels one column and edits one text (:data:`FIELDS`): a claim's label and
    rationale, a question's answer and explanation, a coverage cell's status and note, and so on. A case
    whose keys do not load yet (a row mid-review) is still shown: its sentences come from its texts.

    Returns:
        An ``ipywidgets.VBox`` exposing, for tests and scripts, ``card``, ``label`` (a button
        per label, or the answer's text box), ``text`` (one-line rationale or explanation;
        Enter in a text box saves), ``accept``, ``save_edit``, ``delete``, ``previous_button``,
        ``next_button``, ``status`` and ``rows``.
    """
    import ipywidgets as w

    if key not in FIELDS:
        raise KitError(f"{key!r} cannot be reviewed here; use one of {', '.join(repr(k) for k in FIELDS)}.")
    loaded, root, note = _texts_of(case)
    path = root / "keys" / f"{key}.csv"
    if not path.is_file():
        raise KitError(f"Case {loaded.name!r} has no keys/{key}.csv; draft it first: python -m kit draft {root}")
    box = w.VBox(layout=w.Layout(max_width="820px"))
    box.add_class("kit-review")
    box.rows, columns = _load_rows(path)
    box.card, box.status = w.HTML(), w.HTML()
    box.label = _label_control(w, key)
    box.text = w.Text(description=TEXT_FIELD[key].capitalize(), layout=w.Layout(width="100%"))  # Enter saves
    box.accept, box.save_edit = w.Button(description="Accept as is"), w.Button(description="Save label and text")
    box.delete = w.Button(description="Delete row", button_style="danger")
    box.previous_button, box.next_button = w.Button(description="◀ Previous"), w.Button(description="Next ▶")
    box.status.add_class("kit-review-status")
    box.children = [w.HTML(FOCUS_CSS), box.card, box.label, box.text, w.HBox([box.accept, box.save_edit, box.delete]),
                    w.HBox([box.previous_button, box.next_button]), box.status]
    _wire(box, key, path, columns, loaded)
    if note:
        box.status.value = html.escape(note) + " " + box.status.value
    return box


def key_problem(path: Path) -> str:
    """After a save: the first problem the case now has in this key file (one sentence), or ``""``.

    A decision can leave a row the key does not accept (an ``omitted`` fact relabelled ``included`` needs
    a quote); the reviewer sees it at once, with the fix, instead of at the next ``validate``.
    """
    from .core.case import validate_case

    mine = [p for p in validate_case(path.parent.parent) if f"keys/{path.name}" in p]
    return f" But the key now has a problem: {mine[0]}" if mine else ""


def _texts_of(case: Case | str | Path | None) -> tuple[Case, Path, str]:
    """The case to review and its folder, or, when one of its keys does not load yet, its texts alone and why."""
    try:
        loaded = resolve_case(case)
        return loaded, Path(loaded.path), ""
    except CaseError as exc:
        root = case_dir() if case is None else Path(case).expanduser()
        if isinstance(case, Case) or not (root / "metadata.csv").is_file():
            raise
        root = root.resolve()
        return load_without_keys(root), root, f"Its keys do not load yet ({exc}); the sentences come from the texts."


def _label_control(w, key: str):
    """The control for a key's label: a row of buttons (a <select> loses its arrow keys to the notebook's
    shortcuts), a text box suggesting the values when there are many, or a free text box."""
    column, allowed, _, _ = FIELDS[key]
    if allowed and len(allowed) <= BUTTONS_UP_TO:
        tips = [DEFINITIONS.get(x, x) for x in allowed] if key == "claims" else list(allowed)
        return w.ToggleButtons(options=list(allowed), description=column.capitalize(), tooltips=tips,
                               style={"button_width": "auto"})
    if allowed:
        return w.Combobox(options=list(allowed), ensure_option=True, description=column.capitalize(),
                          placeholder="type to see the values")
    return w.Text(description=column.capitalize())


def _wire(box, key: str, path: Path, columns: list[str], case: Case) -> None:
    """Connect the widget's controls to :func:`decide` and :func:`save_rows` (the only stateful part)."""
    from ipywidgets import ToggleButtons

    state = {"order": queue(box.rows, key), "at": 0, "showing": False}
    column, allowed, field, _ = FIELDS[key]

    def current() -> dict[str, str] | None:
        ids = [i for i in state["order"] if any(r["id"] == i for r in box.rows)]
        state["order"] = ids
        return next(r for r in box.rows if r["id"] == ids[state["at"]]) if ids else None

    def show(message: str = "") -> None:
        state["at"] = max(0, min(state["at"], len(state["order"]) - 1))
        row = current()
        drafts = sum((r.get(review_column(key)) or "") == DRAFT for r in box.rows)
        box.status.value = html.escape(f"{message} {drafts} of {len(box.rows)} rows still in draft.".strip())
        if row is None:
            box.card.value = "<p>This key has no rows left.</p>"
            return
        box.card.value = review_card(row, context_of(case, sentence_id_of(case, row)), key)
        value = row.get(column, "")
        state["showing"] = True  # the values set here are the row's, not typed: no late Enter
        buttons = isinstance(box.label, ToggleButtons)
        box.label.value = value if not buttons or value in box.label.options else box.label.options[0]
        box.text.value = row.get(field, "")
        state["showing"] = False

    def commit(row: dict[str, str], action: str, label: str, text: str) -> None:
        try:
            if action == "edit":
                rows = decide(box.rows, row["id"], "relabel", label=label, key=key)
                rows = decide(rows, row["id"], "edit", text=text, key=key)
            else:
                rows = decide(box.rows, row["id"], action, key=key)
        except KitError as exc:
            show(str(exc))
            return
        if key == "claims" and action == "edit" and label != row.get("label"):
            follow_label(path.parent / "questions.csv", row, label)  # before the claims: never a contradiction
        if action == "delete" and (row.get(review_column(key)) or "").strip() == DRAFT:
            reject(path.parent, key, row)  # drafting again will not bring it back
        save_rows(path, rows, columns, review_column(key))
        box.rows = rows
        show(f"{row['id']}: {'deleted' if action == 'delete' else 'saved'}.{key_problem(path)}")

    def act(action: str) -> None:
        state.pop("entered", None)
        row = current()
        if row is not None:
            state["at"] += action != "delete"
            commit(row, action, box.label.value, box.text.value)

    box.accept.on_click(lambda _: act("accept"))
    box.save_edit.on_click(lambda _: act("edit"))
    box.delete.on_click(lambda _: act("delete"))
    box.previous_button.on_click(lambda _: (state.pop("entered", None), state.__setitem__("at", state["at"] - 1), show()))
    box.next_button.on_click(lambda _: (state.pop("entered", None), state.__setitem__("at", state["at"] + 1), show()))
    _wire_enter(box, key, state, current, act, commit)
    show()


def _wire_enter(box, key: str, state: dict, current, act, commit) -> None:
    """Make Enter in a text box save the row, even when the typed value reaches the kernel after the Enter.

    The text boxes send their value when Enter is pressed or the box is left (not on every key).
    The browser sends "submit" on the keypress and the typed value on the change that follows,
    in that order (and ipywidgets may hold a value back while an earlier one is pending), so the
    Enter saves the row with what the kernel has, and the first value that arrives within
    :data:`LATE_SECONDS` goes into the row that Enter saved: two atomic saves, the second one
    right. Any button press ends that window. A value that comes without an Enter (the box
    was left) only changes the box; a button saves it.
    """
    from ipywidgets import ToggleButtons

    boxes = {"text": box.text, **({"label": box.label} if not isinstance(box.label, ToggleButtons) else {})}

    def entered(_, content, __) -> None:
        if content.get("event") == "submit":
            row = current()
            act("edit")
            if row is not None:
                state["entered"] = (row["id"], time.monotonic())

    def late(field: str, value: str) -> None:
        row_id, at = state.get("entered") or ("", 0.0)
        row = next((r for r in box.rows if r["id"] == row_id), None)
        if state["showing"] or row is None or time.monotonic() - at > LATE_SECONDS:
            return
        state.pop("entered")  # one late value per Enter
        label = value if field == "label" else row.get(FIELDS[key][0], "")
        commit(row, "edit", label, value if field == "text" else row.get(TEXT_FIELD[key], ""))

    for field, typed in boxes.items():
        typed.continuous_update = False  # the value goes to the kernel on Enter or on leaving the box
        typed.on_msg(entered)
        typed.observe(lambda change, field=field: late(field, change["new"]), "value")
