"""A student's feedback page: each question, the answer, the result and the explanation, as HTML.

Every text from a notebook or the key is HTML-escaped. The colours are the kit's
(``kit.display.PALETTE`` roles ``page`` and ``feedback``).

>>> "background:#e6f4ea" in page_style()
True
"""

from __future__ import annotations

import html
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


def _question_row(row: dict[str, Any]) -> str:
    e = html.escape
    prompt = f"<br>{e(row['prompt'])}" if row.get("prompt") else ""
    return (
        f'<tr class="{e(row["result"].replace(" ", "-"))}"><td><strong>{e(row["question"])}</strong>{prompt}</td>'
        f"<td><code>{e(row['answer'] or '(none)')}</code></td><td>{e(row['result'])}</td>"
        f"<td>{e(_explanation(row))}</td></tr>"
    )


def _notebook_section(nb: dict[str, Any], rows: list[dict[str, Any]]) -> list[str]:
    e = html.escape
    parts = [f"<h2>{e(nb['notebook'])}: {nb['points']} of {nb['max_points']}</h2>"]
    if nb["status"] != "ok":
        parts.append(f'<p class="status">What happened when your notebook ran: {e(nb["status"])}.</p>')
    parts.append("<table><tr><th>Question</th><th>Your answer</th><th>Result</th><th>Explanation</th></tr>")
    parts.extend(_question_row(r) for r in rows if r["notebook"] == nb["notebook"] and r["question"] != "TOTAL")
    parts.append("</table>")
    return parts


def feedback_page(student: str, rows: list[dict[str, Any]]) -> str:
    """Render one student's feedback page (every text from the notebook or key is HTML-escaped).

    Args:
        student: the student's id.
        rows: the student's gradebook rows (with ``prompt``, ``explanation`` and ``hint``), totals included.

    >>> page = feedback_page("<b>", [])
    >>> "&lt;b&gt;" in page and "<b>" not in page.split("<body>")[1]
    True
    """
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Feedback for {e(student)}</title><style>{page_style()}</style></head><body>",
        f"<h1>Feedback for {e(student)}</h1>",
    ]
    totals = [r for r in rows if r["question"] == "TOTAL" and r["notebook"] == "ALL"]
    if totals:
        t = totals[0]
        parts.append(f"<p><strong>Total: {t['points']} of {t['max_points']} questions correct.</strong></p>")
    notebooks = [r for r in rows if r["question"] == "TOTAL" and r["notebook"] != "ALL"]
    if not notebooks:
        parts.append("<p>No course notebooks were found in your folder.</p>")
    for nb in notebooks:
        parts.extend(_notebook_section(nb, rows))
    parts.append("</body></html>\n")
    return "\n".join(parts)
