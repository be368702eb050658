"""A student's feedback page: each question, the answer, the result and the explanation, as HTML.

Below the questions: the student's written answers (read by the teacher, not checked) and their
claim-sorter answers (claims sorted, right at the first try; not scored).

The page is the jinja2 template ``kit/grading/templates/feedback.html.j2``, with
autoescaping on: every text from a notebook or the key is HTML-escaped. The colours are the kit's
(``kit.display.PALETTE`` roles ``page`` and ``feedback``).

>>> "background:#e6f4ea" in page_style()
True
"""

from __future__ import annotations

import functools
from typing import Any

from ..display import PALETTE


def page_style() -> str:
    """Return the page's CSS; a row's class is its result with spaces as dashes (``not-yet-right``).

    On a narrow screen (a phone) the tables turn into cards, one line per cell, so nothing runs off the edge."""
    page, result = PALETTE["page"], PALETTE["feedback"]
    return (
        "\nbody{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;"
        f"color:{page['text']}}}\n"
        "table{border-collapse:collapse;width:100%;margin:.5em 0 2em}\n"
        f"th,td{{border:1px solid {page['border']};padding:.4em .6em;text-align:left;vertical-align:top}}\n"
        f"th{{background:{page['header']}}} code{{white-space:pre-wrap;word-break:break-word}}\n"
        f".correct{{background:{result['correct_background']}}}"
        f".not-yet-right{{background:{result['incorrect_background']}}}"
        f".not-answered{{background:{result['unanswered_background']}}}"
        f".invalid{{background:{result['invalid_background']}}}\n"
        f".status{{color:{page['muted']}}} .written{{white-space:pre-wrap}}\n"
        "body,td{overflow-wrap:anywhere}\n"
        # a phone: each row becomes a card, each cell a line headed by its column's name (data-label)
        "@media (max-width:40em){body{margin:1em auto}table,tbody,tr,td{display:block;width:auto}"
        "tr:first-child{display:none}tr{margin:0 0 .8em;border:1px solid " + page["border"] + "}"
        "td{border:none;border-top:1px solid " + page["border"] + "}"
        "td[data-label]::before{content:attr(data-label) ': ';font-weight:600}}\n"
    )


def _explanation(row: dict[str, Any]) -> str:
    """The key's explanation for a correct answer; otherwise the check's message and, when it lacks it, the hint."""
    if row["result"] == "correct":
        return row.get("explanation") or row["message"]
    hint = row.get("hint", "")
    return row["message"] if (not hint or hint in row["message"]) else f"{row['message']} Hint: {hint}"


@functools.lru_cache(maxsize=1)
def _template():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("kit.grading", "templates"),
        autoescape=True,  # every text from a notebook or the key is escaped
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        keep_trailing_newline=True,
    )
    return env.get_template("feedback.html.j2")


def feedback_page(student: str, rows: list[dict[str, Any]], written: list[dict[str, Any]] | None = None,
                  sorter: dict[str, Any] | None = None) -> str:
    """Render one student's feedback page (``templates/feedback.html.j2``; every text is HTML-escaped by jinja2).

    Args:
        student: the student's id.
        rows: the student's gradebook rows (with ``prompt``, ``explanation`` and ``hint``), totals included.
        written: the student's written answers (rows of ``written.csv``, see :mod:`.written`), shown for the teacher
            to read; none when ``None``.
        sorter: the student's claim-sorter answers (see :func:`.submitted.sorter_answers`), not scored; the case
            has no claims key when ``None``.

    >>> page = feedback_page("<b>", [], [{"notebook": "00_a.ipynb", "item": "Reflect", "prompt": "Why?",
    ...                                    "answer": "<script>x</script>", "words": 1}])
    >>> "&lt;b&gt;" in page and "<b>" not in page.split("<body>")[1] and "&lt;script&gt;" in page
    True
    """
    totals = [r for r in rows if r["question"] == "TOTAL" and r["notebook"] == "ALL"]
    notebooks = [
        {**nb, "rows": [{**r, "explanation": _explanation(r)} for r in rows
                        if r["notebook"] == nb["notebook"] and r["question"] != "TOTAL"]}
        for nb in rows
        if nb["question"] == "TOTAL" and nb["notebook"] != "ALL"
    ]
    return _template().render(student=student, style=page_style(), total=totals[0] if totals else None,
                              notebooks=notebooks, written=written or [], sorter=sorter)
