"""The claim sorter widget of lesson 01: logic in plain functions, a thin ipywidgets layer.

The student sees one claim highlighted in its sentence, with its article and
outlet; picks how sure they are (1 to 5) and then one of six label buttons;
and gets the key's label and rationale at once. Every answer goes through
:func:`kit.claims.check_claim`, the same answers file as ``kit.check``, so it
survives a kernel restart and an instructor can collect it. Everything is a
button or a dropdown: Tab moves between them, Enter or Space presses one.

The sorter starts on a balanced set of about twenty claims (:func:`balanced_items`:
every label of the key, as evenly as the key allows); the dropdown offers all
claims or one article. A scores panel under the buttons updates after every
answer (:func:`kit.claims.scoring.score_summary`), and when the set is done an end
screen gives its scores with a button to go on with all claims. A button shows
its focus ring only when reached from the keyboard, never after a mouse click.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from ..answer_widget import text_box
from ..confidence import LEVELS, SCALE, TIPS
from ..display import PALETTE, article_label, focus_css
from .key import check_claim, claim_key, highlight
from .scoring import claim_responses, score_summary
from .taxonomy import LABELS

if TYPE_CHECKING:
    import ipywidgets
    import pandas as pd

    from ..core.case import Case

_MUTED, _BORDER, _HEADER = PALETTE["page"]["muted"], PALETTE["page"]["border"], PALETTE["page"]["header"]
CONFIDENCE_HELP = f"How sure are you? {SCALE}"
DEFAULT_SIZE = 20
"""How many claims the default set holds (fewer when the key has fewer)."""
SET_CHOICE = "set"
"""The dropdown's value for the balanced default set ("" is all claims, an article id one article)."""
CLAIM_SETS = {"set": SET_CHOICE, "all": ""}
"""What ``claim_sorter(claims=...)`` accepts, and the dropdown value each starts on."""
SORTER_CSS = focus_css("kit-claim-sorter") + (
    "<style>.jupyter-widgets.kit-claim-sorter .jupyter-button:focus:not(:focus-visible)"
    "{outline: none !important; box-shadow: none !important}</style>")
"""A 2px ring on the control reached by keyboard; none left on a button after a mouse click
(ipywidgets draws a ring and a shadow on any focused button, so the last label pressed looked selected)."""


WIDGET_TEXT = "Claim sorter: for each claim choose how sure you are, then its label; each answer is checked at once and your scores update as you go."
"""The widget's text form: what a static view of the notebook shows instead of the widget."""


def label_quotas(counts: dict[str, int], size: int) -> dict[str, int]:
    """Share ``size`` places among labels as evenly as their claim counts allow, round-robin in the given order.

    A label with few claims gives all it has; the places it leaves go to the
    others one at a time, so a label with claims to spare is never more than
    one place behind another.

    >>> label_quotas({"opinion": 9, "prediction": 1, "speculation": 4}, 8)
    {'opinion': 4, 'prediction': 1, 'speculation': 3}
    """
    quotas = dict.fromkeys(counts, 0)
    left = min(size, sum(counts.values()))
    while left > 0:
        for label, count in counts.items():
            if left and quotas[label] < count:
                quotas[label] += 1
                left -= 1
    return quotas


def spread_positions(n: int, k: int) -> list[int]:
    """Pick ``k`` of ``n`` positions evenly spaced, each in the middle of its share (all distinct, ``k <= n``).

    >>> spread_positions(10, 3), spread_positions(4, 4), spread_positions(5, 0)
    ([1, 5, 8], [0, 1, 2, 3], [])
    """
    return [(2 * i + 1) * n // (2 * k) for i in range(k)]


def balanced_items(key: pd.DataFrame, size: int = DEFAULT_SIZE) -> pd.DataFrame:
    """Return a balanced set of about ``size`` claims: every label of the key, as evenly as it allows, in reading order.

    Rule-based and deterministic: the key's worked examples (``example == "yes"``)
    are left out, since the lesson shows them, unless a label has nothing else;
    :func:`label_quotas` shares the places among the labels in taxonomy order, and
    each label's claims are taken evenly spaced through the articles (:func:`spread_positions`)
    rather than all from the first one.

    >>> import pandas as pd
    >>> key = pd.DataFrame({"id": [f"A1.C{i}" for i in range(1, 7)], "example": ["yes", "", "", "", "", ""],
    ...                     "label": ["opinion", "opinion", "opinion", "opinion", "prediction", "opinion"]})
    >>> balanced_items(key, 3)["id"].tolist()
    ['A1.C3', 'A1.C5', 'A1.C6']
    """
    key = key.reset_index(drop=True)
    shown = key["example"].fillna("").astype(str).str.strip().eq("yes")
    pools = {}
    for label in LABELS:
        pool = key.index[(key["label"] == label) & ~shown]
        pools[label] = pool if len(pool) else key.index[key["label"] == label]
    quotas = label_quotas({label: len(pool) for label, pool in pools.items() if len(pool)}, size)
    picked = [pools[label][i] for label, k in quotas.items() for i in spread_positions(len(pools[label]), k)]
    return key.loc[sorted(picked)].reset_index(drop=True)


def choose_items(key: pd.DataFrame, choice: str | None, size: int = DEFAULT_SIZE) -> pd.DataFrame:
    """Return the claims of a dropdown choice: the balanced set (:data:`SET_CHOICE`), all (``""``) or one article.

    >>> from kit.claims import claim_key
    >>> len(choose_items(claim_key(), "set", 20)), len(choose_items(claim_key(), "")) == len(claim_key())
    (20, True)
    """
    return balanced_items(key, size) if choice == SET_CHOICE else select_items(key, choice or None)


def select_items(key: pd.DataFrame, article: str | None = None) -> pd.DataFrame:
    """Return the claims to sort, in reading order, optionally from one article only.

    >>> from kit.claims import claim_key
    >>> select_items(claim_key(), "A3")["article_id"].unique().tolist()
    ['A3']
    """
    picked = key if not article else key[key["article_id"] == article]
    return picked.reset_index(drop=True)


def start_position(items: pd.DataFrame, answered: set[str]) -> int:
    """Return the position of the first claim not answered yet (0 when all are).

    >>> import pandas as pd
    >>> start_position(pd.DataFrame({"id": ["A0.C1", "A0.C2"]}), {"A0.C1"})
    1
    """
    for position, claim_id in enumerate(items["id"]):
        if claim_id not in answered:
            return position
    return 0


def card_html(item, position: int, total: int, earlier: str | None = None, now: str | None = None) -> str:
    """Render one claim: where it comes from, its sentence with the claim marked.

    ``earlier`` is the first label given in an earlier session (before this
    sorter was built): "You answered this claim before". ``now`` is the first
    label given since: "You sorted this claim in this session".

    >>> from kit.claims import claim_key
    >>> html = card_html(claim_key().iloc[0], 0, 10)
    >>> "Claim 1 of 10" in html and "<mark>" in html
    True
    """
    outlet = item["outlet"] or "outlet not stated"
    source = f"{html.escape(item['article_id'])} · {html.escape(outlet)} · sentence {html.escape(item['sentence_id'])}"
    note = (f"You answered this claim before: {html.escape(earlier)}." if earlier
            else f"You sorted this claim in this session: {html.escape(now)}." if now else "")
    again = f'<div style="color:{_MUTED};font-size:90%">{note}</div>' if note else ""
    return (
        f'<div class="kit-claim-card" style="border:1px solid {_BORDER};border-radius:6px;padding:10px 14px">'
        f'<div style="color:{_MUTED};font-size:90%">Claim {position + 1} of {total} · {source}</div>'
        f'<blockquote style="margin:8px 0;font-size:110%;line-height:1.5">{highlight(item["sentence"], item["quote"])}</blockquote>'
        f"<div>What kind of statement is the <mark>marked</mark> claim?</div>{again}</div>"
    )


def progress_text(items: pd.DataFrame, answers: pd.DataFrame) -> str:
    """Summarise progress through the current set of claims.

    >>> import pandas as pd
    >>> progress_text(pd.DataFrame({"id": ["a", "b"]}), pd.DataFrame({"claim_id": ["a"], "correct": [True]}))
    'Answered 1 of 2 claims in this set; 1 right the first time.'
    """
    mine = answers[answers["claim_id"].isin(set(items["id"]))]
    return (
        f"Answered {len(mine)} of {len(items)} claims in this set; "
        f"{int(mine['correct'].sum())} right the first time."
    )


def set_done(items: pd.DataFrame, answers: pd.DataFrame) -> bool:
    """Whether every claim of a (non-empty) set has an answer.

    >>> import pandas as pd
    >>> set_done(pd.DataFrame({"id": ["a", "b"]}), pd.DataFrame({"claim_id": ["b", "a", "z"]}))
    True
    """
    return not items.empty and set(items["id"]) <= set(answers["claim_id"])


def end_html(items: pd.DataFrame, answers: pd.DataFrame, key: pd.DataFrame) -> str:
    """The end screen of a finished set: its scores, and what is left of the key.

    >>> import pandas as pd
    >>> items = pd.DataFrame({"id": ["A1.C1"], "label": ["opinion"]})
    >>> mine = pd.DataFrame({"claim_id": ["A1.C1"], "given": ["opinion"], "key": ["opinion"], "correct": [True]})
    >>> "1 claim of the key left" in end_html(items, mine, pd.DataFrame({"id": ["A1.C1", "A1.C2"]}))
    True
    """
    left = len(set(key["id"]) - set(answers["claim_id"]))
    more = (f"{left} claim{'s' if left != 1 else ''} of the key left: go on with all claims to sort them."
            if left else "You have sorted every claim of the key.")
    return (f'<div class="kit-end-screen" style="border:1px solid {_BORDER};border-radius:6px;padding:10px 14px;'
            f'background:{_HEADER}"><strong>Set done.</strong> {score_summary(answers, items)}'
            f'<div style="color:{_MUTED}">{more}</div></div>')


def set_options(key: pd.DataFrame, size: int = DEFAULT_SIZE) -> list[tuple[str, str]]:
    """Options for the sorter's dropdown: the balanced set, all claims, then each article.

    >>> from kit.claims import claim_key
    >>> set_options(claim_key())[:3]
    [('A mix of 20 claims, every label in the key', 'set'), ('All claims', ''), ('A0 · The Moscow Times', 'A0')]
    """
    mix = len(balanced_items(key, size)) if not key.empty else 0
    return [(f"A mix of {mix} claims, every label in the key", SET_CHOICE), ("All claims", "")] + article_options(key)[1:]


def article_options(key: pd.DataFrame) -> list[tuple[str, str]]:
    """Options for the article filter: all articles, then each article with its outlet.

    >>> from kit.claims import claim_key
    >>> article_options(claim_key())[:2]
    [('All articles', ''), ('A0 · The Moscow Times', 'A0')]
    """
    options = [("All articles", "")]
    seen = key.drop_duplicates("article_id")
    for aid, outlet in zip(seen["article_id"], seen["outlet"]):
        options.append((article_label(aid, outlet), aid))
    return options


def claim_sorter(case: Case | str | Path | None = None, article: str | None = None, claims: str = "set",
                 size: int = DEFAULT_SIZE) -> ipywidgets.VBox:
    """Build the claim sorter widget for a case's claim key.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.
        article: start with one article's claims only (e.g. ``"A2"``); the dropdown changes it.
        claims: ``"set"`` (default) starts on a balanced set of about ``size`` claims
            (:func:`balanced_items`), ``"all"`` on every claim of the key.
        size: how many claims the balanced set holds.

    Returns:
        An ``ipywidgets.VBox``. For tests and scripts it exposes ``buttons``
        (label to button), ``confidence``, ``article_filter`` (the dropdown),
        ``card``, ``feedback``, ``progress``, ``scores`` (the live scores panel),
        ``end`` (the end screen), ``more_button`` (go on with all claims),
        ``next_button``, ``previous_button``, ``items`` (the current claims) and ``position``.

    >>> sorter = claim_sorter(article="A3")
    >>> sorted(sorter.buttons) == sorted(LABELS)
    True
    """
    if claims not in CLAIM_SETS:
        raise ValueError(f"claims={claims!r} is not a set of claims; write claims=\"set\" (a balanced mix) or claims=\"all\".")
    key = claim_key(case)
    box = _build_box(key, article or CLAIM_SETS[claims], size)
    controller = _SorterController(box, key, case, size)
    for button in box.buttons.values():
        button.on_click(controller.on_label)
    box.previous_button.on_click(lambda _: controller.on_move(-1))
    box.next_button.on_click(lambda _: controller.on_move(1))
    box.more_button.on_click(lambda _: controller.on_more())
    box.article_filter.observe(lambda change: controller.load(change["new"]), names="value")
    controller.load(box.article_filter.value)
    return box


def _build_box(key: pd.DataFrame, choice: str, size: int) -> ipywidgets.VBox:
    """Lay out the sorter's widgets (no behaviour yet)."""
    import ipywidgets as w

    box = text_box(WIDGET_TEXT, layout=w.Layout(max_width="820px"))
    box.add_class("kit-claim-sorter")
    box.card, box.feedback, box.progress, box.scores, box.end = w.HTML(), w.HTML(), w.HTML(), w.HTML(), w.HTML()
    box.article_filter = w.Dropdown(options=set_options(key, size), value=choice, description="Claims")
    box.confidence = w.ToggleButtons(
        options=[(str(level), level) for level in LEVELS], value=None, description="Sure?", tooltips=list(TIPS),
        style={"button_width": "42px"},
    )
    box.buttons = {
        label: w.Button(description=label.replace("_", " "), tooltip=f"Label the claim {label}",
                        layout=w.Layout(width="auto"))
        for label in LABELS
    }
    box.previous_button = w.Button(description="← Previous", layout=w.Layout(width="auto"))
    box.next_button = w.Button(description="Next →", layout=w.Layout(width="auto"))
    box.more_button = w.Button(description="Go on with all claims →", layout=w.Layout(width="auto", display="none"))
    box.items = key.iloc[0:0]
    box.position = 0
    box.children = [
        w.HTML(SORTER_CSS),
        box.article_filter,
        box.progress,
        box.card,
        box.confidence,
        w.HBox(list(box.buttons.values()), layout=w.Layout(flex_flow="row wrap")),
        box.feedback,
        w.HBox([box.previous_button, box.next_button]),
        box.end,
        box.more_button,
        box.scores,
    ]
    return box


class _SorterController:
    """The sorter's behaviour: which claim is shown, and what a click does (the pure parts are functions above)."""

    def __init__(self, box, key: pd.DataFrame, case, size: int) -> None:
        self.box, self.key, self.case, self.size = box, key, case, size
        before = claim_responses(case)  # answers of earlier sessions, before this sorter was built
        self.before = dict(zip(before["claim_id"], before["given"]))

    def show(self, answered: bool = False) -> None:
        """Show the current claim, progress, scores and (when the set is done) the end screen.

        ``answered``: the claim was just answered, so its feedback is on screen and the card adds nothing.
        """
        box = self.box
        items, mine = box.items, claim_responses(self.case)
        if items.empty:
            box.card.value = "<em>This case has no claim key (keys/claims.csv), so there is nothing to sort.</em>"
            box.progress.value = box.scores.value = box.end.value = ""
            return
        item = items.iloc[box.position]
        now = None if answered else dict(zip(mine["claim_id"], mine["given"])).get(item["id"])
        box.card.value = card_html(item, box.position, len(items), self.before.get(item["id"]), now)
        box.progress.value = f'<span style="color:{_MUTED}">{progress_text(items, mine)}</span>'
        box.previous_button.disabled = box.position == 0
        box.next_button.disabled = box.position >= len(items) - 1
        done = set_done(items, mine)
        box.scores.value = "" if done else score_summary(mine, items)
        box.end.value = end_html(items, mine, self.key) if done else ""
        more = done and bool(set(self.key["id"]) - set(mine["claim_id"]))
        box.more_button.layout.display = None if more else "none"

    def load(self, choice: str) -> None:
        box = self.box
        box.items = choose_items(self.key, choice, self.size)
        box.position = start_position(box.items, set(claim_responses(self.case)["claim_id"]))
        box.feedback.value = ""
        self.show()

    def on_label(self, button) -> None:
        box = self.box
        if box.items.empty:
            return
        label = next(k for k, b in box.buttons.items() if b is button)
        if box.confidence.value is None:
            box.feedback.value = (
                f'<div class="kit-feedback kit-unanswered" style="padding:6px 10px;background:{_HEADER}">'
                f"First choose how sure you are ({SCALE}), then the label.</div>"
            )
            return
        result = check_claim(box.items.iloc[box.position]["id"], label, box.confidence.value, self.case)
        box.feedback.value = result._repr_html_()
        box.confidence.value = None
        self.show(answered=True)

    def on_move(self, step: int) -> None:
        box = self.box
        box.position = max(0, min(len(box.items) - 1, box.position + step))
        box.feedback.value = ""
        box.confidence.value = None
        self.show()

    def on_more(self) -> None:
        if self.box.article_filter.value == "":
            self.load("")
        else:
            self.box.article_filter.value = ""  # the observer loads all claims
