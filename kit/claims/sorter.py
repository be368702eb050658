"""The claim sorter widget of lesson 01: logic in plain functions, a thin ipywidgets layer.

The student sees one claim highlighted in its sentence, with its article and
outlet; picks how sure they are (1 to 5) and then one of six label buttons;
and gets the key's label and rationale at once. Every answer goes through
:func:`kit.claims.check_claim`, the same answers file as ``kit.check``, so it
survives a kernel restart and an instructor can collect it. Everything is a
button or a dropdown: Tab moves between them, Enter or Space presses one.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from ..display import PALETTE, article_label
from .key import check_claim, claim_key, highlight
from .scoring import claim_responses
from .taxonomy import LABELS

if TYPE_CHECKING:
    import ipywidgets
    import pandas as pd

    from ..core.case import Case

_MUTED, _BORDER, _HEADER = PALETTE["page"]["muted"], PALETTE["page"]["border"], PALETTE["page"]["header"]
CONFIDENCE_HELP = "How sure are you? 1 = guessing, 5 = certain"


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


def card_html(item, position: int, total: int, earlier: str | None = None) -> str:
    """Render one claim: where it comes from, its sentence with the claim marked.

    >>> from kit.claims import claim_key
    >>> html = card_html(claim_key().iloc[0], 0, 10)
    >>> "Claim 1 of 10" in html and "<mark>" in html
    True
    """
    outlet = item["outlet"] or "outlet not stated"
    source = f"{html.escape(item['article_id'])} · {html.escape(outlet)} · sentence {html.escape(item['sentence_id'])}"
    again = (
        f'<div style="color:{_MUTED};font-size:90%">You answered this claim before: {html.escape(earlier)}.</div>'
        if earlier
        else ""
    )
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


def claim_sorter(case: Case | str | Path | None = None, article: str | None = None) -> ipywidgets.VBox:
    """Build the claim sorter widget for a case's claim key.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.
        article: start with one article's claims only (e.g. ``"A2"``); the dropdown changes it.

    Returns:
        An ``ipywidgets.VBox``. For tests and scripts it exposes ``buttons``
        (label to button), ``confidence``, ``article_filter``, ``card``,
        ``feedback``, ``progress``, ``next_button``, ``previous_button`` and
        ``items`` (the current claims), ``position``.

    >>> sorter = claim_sorter(article="A3")
    >>> sorted(sorter.buttons) == sorted(LABELS)
    True
    """
    key = claim_key(case)
    box = _build_box(key, article)
    controller = _SorterController(box, key, case)
    for button in box.buttons.values():
        button.on_click(controller.on_label)
    box.previous_button.on_click(lambda _: controller.on_move(-1))
    box.next_button.on_click(lambda _: controller.on_move(1))
    box.article_filter.observe(lambda change: controller.load(change["new"]), names="value")
    controller.load(box.article_filter.value)
    return box


def _build_box(key: pd.DataFrame, article: str | None) -> ipywidgets.VBox:
    """Lay out the sorter's widgets (no behaviour yet)."""
    import ipywidgets as w

    box = w.VBox(layout=w.Layout(max_width="820px"))
    box.add_class("kit-claim-sorter")
    box.card, box.feedback, box.progress = w.HTML(), w.HTML(), w.HTML()
    box.article_filter = w.Dropdown(options=article_options(key), value=article or "", description="Claims from")
    box.confidence = w.ToggleButtons(
        options=[("1", 1), ("2", 2), ("3", 3), ("4", 4), ("5", 5)], value=None, description="Sure?",
        tooltips=["guessing", "unsure", "fairly sure", "sure", "certain"],
        style={"button_width": "42px"},
    )
    box.buttons = {
        label: w.Button(description=label.replace("_", " "), tooltip=f"Label the claim {label}",
                        layout=w.Layout(width="auto"))
        for label in LABELS
    }
    box.previous_button = w.Button(description="← Previous", layout=w.Layout(width="auto"))
    box.next_button = w.Button(description="Next →", layout=w.Layout(width="auto"))
    box.items = key.iloc[0:0]
    box.position = 0
    box.children = [
        box.article_filter,
        box.progress,
        box.card,
        box.confidence,
        w.HBox(list(box.buttons.values()), layout=w.Layout(flex_flow="row wrap")),
        box.feedback,
        w.HBox([box.previous_button, box.next_button]),
    ]
    return box


class _SorterController:
    """The sorter's behaviour: which claim is shown, and what a click does (the pure parts are functions above)."""

    def __init__(self, box, key: pd.DataFrame, case) -> None:
        self.box, self.key, self.case = box, key, case

    def show(self) -> None:
        box = self.box
        items, mine = box.items, claim_responses(self.case)
        if items.empty:
            box.card.value = "<em>This case has no claim key (keys/claims.csv), so there is nothing to sort.</em>"
            box.progress.value = ""
            return
        item = items.iloc[box.position]
        earlier = mine.loc[mine["claim_id"] == item["id"], "given"]
        box.card.value = card_html(item, box.position, len(items), earlier.iloc[0] if len(earlier) else None)
        box.progress.value = f'<span style="color:{_MUTED}">{progress_text(items, mine)}</span>'
        box.previous_button.disabled = box.position == 0
        box.next_button.disabled = box.position >= len(items) - 1

    def load(self, article_id: str) -> None:
        box = self.box
        box.items = select_items(self.key, article_id or None)
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
                "First choose how sure you are (1 = guessing, 5 = certain), then the label.</div>"
            )
            return
        result = check_claim(box.items.iloc[box.position]["id"], label, box.confidence.value, self.case)
        box.feedback.value = result._repr_html_()
        box.confidence.value = None
        self.show()

    def on_move(self, step: int) -> None:
        box = self.box
        box.position = max(0, min(len(box.items) - 1, box.position + step))
        box.feedback.value = ""
        box.confidence.value = None
        self.show()
