"""A student's feedback page: each question, the answer, the result and the explanation, as HTML.

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
    """Return the page's CSS; a row's class is its result with spaces as dashes (``not-yet-right``)."""
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
        f".status{{color:{page['muted']}}}\n"
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


def feedback_page(student: str, rows: list[dict[str, Any]]) -> str:
    """Render one student's feedback page (``templates/feedback.html.j2``; every text is HTML-escaped by jinja2).

    Args:
        student: the student's id.
        rows: the student's gradebook rows (with ``prompt``, ``explanation`` and ``hint``), totals included.

    >>> page = feedback_page("<b>", [])
    >>> "&lt;b&gt;" in page and "<b>" not in page.split("<body>")[1]
    True
    """
    totals = [r for r in rows if r["question"] == "TOTAL" and r["notebook"] == "ALL"]
    notebooks = [
        {**nb, "rows": [{**r, "explanation": _explanation(r)} for r in rows
                        if r["notebook"] == nb["notebook"] and r["question"] != "TOTAL"]}
        for nb in rows
        if nb["question"] == "TOTAL" and nb["notebook"] != "ALL"
    ]
    return _template().render(student=student, style=page_style(), total=totals[0] if totals else None, notebooks=notebooks)
