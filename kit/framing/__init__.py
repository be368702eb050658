"""Lesson 04: compare framings: headlines, reporting verbs, hedges, loaded words, voices, omissions.

Two halves.

**Measures on any case** (no key needed), per article:

* **reporting verbs** (:func:`reporting_verbs`), each *neutral* (``said``,
  ``told``, ``according to``, ``denied``: the writer reports that words were
  spoken, or names the speech act) or *evaluative* (``claimed``, ``dismissed``,
  ``debunked``, ``insisted``, ``emphasized``: the writer characterises the
  statement or its speaker, as contested, defensive, forceful, reluctant or
  successful). Evaluative is not the same as wrong: Peskov did deny the
  report, and "denied" says just that, but "debunked" says he proved it false;
* **hedges and certainty markers** (:func:`hedges`): words by which the writer
  holds back (``reportedly``, ``may``, ``probably``) or insists (``it is
  clear``, ``certainly``, ``indeed``);
* **loaded words** (:func:`loaded_words`): labels for people and institutions
  (``regime``, ``propagandists``), words that discredit information (``fake
  news``, ``rumors``), intensifiers that add force or approval (``swiftly``,
  ``staunchly``, ``bold``) and emotive words (``humiliating``, ``gleeful``);
* **voices** (:func:`voices`): who is quoted (from :func:`kit.quotes.extract_quotes`)
  or paraphrased, and how many quoted words each gets;
* **the headline** (:func:`headlines`): a *question*, a *quote*, a *claim*, or
  *none*, and what it presupposes.

Rules of counting:

1. Words are matched whole, ignoring case; in a phrase any white space matches
   any white space, and ’ matches '. The longest entry wins ("it is unclear"
   is one hedge, not also "unclear"). "May" with a capital next to a number
   is the month, not a hedge.
2. Every match is listed with its sentence id. A match inside quotation marks
   is the speaker's word, not the writer's: it is listed with
   ``in_quote=True`` but **not counted** in :func:`framing_measures`.
3. Rates are per 1,000 words of the article's report (``case.articles["words"]``:
   the headline included, boilerplate left out), so long and short articles compare.

The words live in the kit's lexicon (:mod:`kit.core.lexicon`, kinds
``reporting_neutral``, ``reporting_evaluative``, ``hedge``, ``certainty`` and
``loaded_*``). They were written for this kit, short on purpose so that
students can read them and argue with them; no third-party list is copied
(research-only or GPL lexicons such as NRC EmoLex, MPQA or AFINN are avoided).
Reporting verbs follow the rule of news style guides and of the CheckThat!
subjectivity guidelines that "said" is neutral and a verb that judges the
statement is the writer's tone; hedges and certainty markers follow the
categories "hedges" and "boosters" of K. Hyland, *Metadiscourse* (2005),
filled with everyday news English. Every list is **extensible per case**: a
``lexicon.csv`` in the case folder with the columns ``kind,word`` adds its
words (and may move a word to another kind, e.g. make ``warned`` neutral);
:func:`framing_lexicon` shows the words in effect.

**Keys** (``keys/*.csv`` in the case folder, each quote verbatim in its file):
``coverage.csv`` (key facts × articles: ``included``, ``distorted`` or
``omitted``), ``frames.csv`` (one primary frame per paragraph, from
:data:`FRAMES`), ``stance.csv`` (each article's stance toward the central
report) and ``techniques.csv`` (persuasion techniques, from
:data:`TECHNIQUES`). :func:`validate_framing_keys` checks them when the case
is loaded.

The package, one job per module: :mod:`~kit.framing.taxonomy` (frames,
techniques, statuses), :mod:`~kit.framing.words` (the word families and
where they occur), :mod:`~kit.framing.measures`, :mod:`~kit.framing.headlines`,
:mod:`~kit.framing.voices`, :mod:`~kit.framing.keys` and :mod:`~kit.framing.charts`.

>>> import kit.framing as framing
>>> framing.headline_kind("Did the Mayor Really Resign?")
'question'
"""

from __future__ import annotations

from .charts import GROUP_TITLES, MEASURE_GROUPS, MEASURE_TITLES, coverage_chart, frames_chart, measure_chart
from .headlines import HEADLINE_KINDS, headline_kind, headlines, presupposition
from .keys import (
    COVERAGE_COLUMNS,
    FRAME_COLUMNS,
    FRAMING_VALIDATORS,
    STANCE_COLUMNS,
    TECHNIQUE_COLUMNS,
    coverage,
    frames,
    stance,
    techniques,
    validate_coverage,
    validate_frames,
    validate_framing_keys,
    validate_stance,
    validate_techniques,
)
from .marking_widget import mark_words
from .measures import MEASURE_COLUMNS, framing_lexicon, framing_measures, hedges, loaded_words, report_words, reporting_verbs
from .taxonomy import (
    COVERAGE_STATUSES,
    FRAME_HINTS,
    FRAMES,
    FRAMES_CITATION,
    STANCES,
    STATUS_MARKS,
    TECHNIQUE_GROUPS,
    TECHNIQUES,
)
from .voices import voices

__all__ = [
    "COVERAGE_COLUMNS", "COVERAGE_STATUSES", "FRAME_COLUMNS", "FRAME_HINTS", "FRAMES", "FRAMES_CITATION",
    "FRAMING_VALIDATORS", "GROUP_TITLES", "HEADLINE_KINDS", "MEASURE_COLUMNS", "MEASURE_GROUPS", "MEASURE_TITLES",
    "STANCE_COLUMNS", "STANCES", "STATUS_MARKS", "TECHNIQUE_COLUMNS", "TECHNIQUE_GROUPS", "TECHNIQUES",
    "coverage", "coverage_chart", "frames", "frames_chart", "framing_lexicon", "framing_measures", "headline_kind",
    "headlines", "hedges", "loaded_words", "mark_words", "measure_chart", "presupposition", "report_words", "reporting_verbs", "stance",
    "techniques", "validate_coverage", "validate_frames", "validate_framing_keys", "validate_stance",
    "validate_techniques", "voices",
]
