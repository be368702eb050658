"""Every chart of the kit carries a written description, computed from its data, that a screen reader can read.

One generic test runs over every chart function on two stories (the seeds and the kestrel case): the spec's
``description`` is a sentence that names no file, and the offline image carries it as ``aria-label`` and
``<title>``, and in its text form.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

import kit
from kit.chart_text import counted, extremes, number, plural
from kit.charts import labelled_svg, offline_bundle

ROOT = Path(__file__).resolve().parent.parent
CASES = [ROOT / "seeds", ROOT / "cases" / "kestrel"]
SCORES = pd.DataFrame({"student": ["ana", "ana", "ben", "ben"], "test": ["pre", "post", "pre", "post"],
                       "right": [2, 4, 3, 3], "questions": [5, 5, 5, 5], "score": [0.4, 0.8, 0.6, 0.6]})
CHARTS = {
    "articles": lambda case: kit.articles_chart(kit.load_case(case)),
    "measure": lambda case: kit.measure_chart(case),
    "measure pairs": lambda case: kit.measure_chart(case, "reporting_verbs"),
    "coverage": lambda case: kit.coverage_chart(case),
    "frames": lambda case: kit.frames_chart(case),
    "provenance": lambda case: kit.provenance_chart(case),
    "timeline": lambda case: kit.timeline_chart(case),
    "assessment": lambda case: kit.assessment_chart(SCORES),
}


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
@pytest.mark.parametrize("name", sorted(CHARTS))
def test_every_chart_describes_itself_from_its_data(name, case):
    spec = CHARTS[name](case).to_dict()
    text = spec.get("description", "")
    assert len(text) > 40 and text.endswith("."), text
    assert not re.search(r"\w+\.txt|[0-9a-f]{12}", text), text  # no file names or hashes
    files = set(kit.load_case(case).articles["file"])
    assert not any(f in str(spec) for f in files) or name != "articles"
    if name in ("articles", "measure"):
        assert "highest:" in text and "lowest:" in text


def test_the_offline_image_carries_the_description():
    spec = kit.articles_chart(kit.load_case()).to_dict()
    data, _ = offline_bundle(spec)
    assert spec["description"] in data["text/plain"]
    escaped = spec["description"].replace("'", "&#x27;")
    assert f'aria-label="{escaped}"' in data["image/svg+xml"] and "<title>" in data["image/svg+xml"]


def test_labelled_svg_escapes_and_leaves_an_undescribed_chart_alone():
    assert labelled_svg("<svg><g/></svg>", "") == "<svg><g/></svg>"
    assert '<title>A &quot;quote&quot; &amp; more</title>' in labelled_svg("<svg><g/></svg>", 'A "quote" & more')


def test_the_words_of_a_description():
    table = pd.DataFrame({"article": ["A1 · Wire", "A2 · Ledger", "A3 · Review"], "n": [3.0, 12.25, 3.0]})
    assert extremes(table, "article", "n") == "highest: A2 · Ledger (12.2); lowest: A1 · Wire (3)"
    assert extremes(table.head(1), "article", "n", "words") == "A1 · Wire: 3 words"
    assert extremes(table.assign(n=float("nan")), "article", "n") == "no data"
    assert counted([], ["included"]) == "none" and number(1_234_567) == "1,234,567"
    assert plural(0, "flag") == "0 flags"
