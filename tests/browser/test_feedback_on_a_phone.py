"""A student's feedback page read on a phone (390×844): nothing runs off the right edge, every answer is readable.

The page is the grader's own (``kit.grading.feedback.feedback_page``) for an invented student with
a long answer, a long explanation and a written answer, loaded into Chromium at a phone's width.
"""

from __future__ import annotations

import pytest

from conftest import SHOTS
from kit.grading.feedback import feedback_page

pytestmark = pytest.mark.browser
LONG = "because the harbour authority's statement of 3 March 2031 " * 6


def rows() -> list[dict]:
    base = {"student": "ana", "notebook": "02_trace_sources_exercise.ipynb", "message": LONG, "prompt": "Which article renders the "
            "statement with changed words?", "hint": "Line the renderings up.", "max_points": 1}
    return [
        {**base, "question": "q2.1", "answer": "['A1.S5', 'A2.S6', 'A3.S14']" * 3, "result": "correct", "points": 1,
         "explanation": LONG},
        {**base, "question": "q2.2", "answer": "'A4'", "result": "not yet right", "points": 0, "explanation": LONG},
        {**base, "question": "TOTAL", "answer": "", "result": "", "points": 1, "max_points": 2, "explanation": "",
         "status": "ok"},
        {**base, "notebook": "ALL", "question": "TOTAL", "answer": "", "result": "", "points": 1, "max_points": 2,
         "explanation": "", "status": "ok"},
    ]


def test_the_feedback_page_fits_a_phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = context.new_page()
    page.set_content(feedback_page("ana", rows(), [{"notebook": "02_trace_sources_exercise.ipynb", "item": "Reflect 1",
                                                     "prompt": "Why does the wording matter?", "answer": LONG,
                                                     "words": 60}]))
    widths = page.evaluate("() => ({scroll: document.documentElement.scrollWidth, view: window.innerWidth})")
    assert widths["scroll"] <= widths["view"], widths
    labels = page.evaluate("() => [...document.querySelectorAll('td[data-label]')].slice(0, 3)"
                           ".map(td => getComputedStyle(td, '::before').content)")
    assert labels == ['"Your answer: "', '"Result: "', '"Explanation: "'], labels  # each cell says what it is
    header = page.evaluate("() => getComputedStyle(document.querySelector('tr')).display")
    assert header == "none"  # the header row gives way to the labels on a phone
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "feedback_phone.png"), full_page=True)
    context.close()
