"""Lesson 04: compare framings: headlines, reporting verbs, hedges, loaded words, voices, omissions.

Two halves.

**Measures on any case** (no key needed), per article:

* **reporting verbs** (:func:`reporting_verbs`), each *neutral* (``said``,
  ``told``, ``according to``: the writer reports that words were spoken) or
  *evaluative* (``claimed``, ``dismissed``, ``debunked``, ``insisted``,
  ``denied``: the writer characterises the statement, as contested,
  defensive, reluctant or successful). Evaluative is not the same as wrong:
  Peskov did deny the report, but "debunked" says he proved it false;
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
3. Rates are per 1,000 words of the article (``case.articles["words"]``, the
   headline and any boilerplate included), so long and short articles compare.

The word lists below were written for this kit, short on purpose so that
students can read them and argue with them; no third-party list is copied
(research-only or GPL lexicons such as NRC EmoLex, MPQA or AFINN are avoided).
Reporting verbs follow the rule of news style guides and of the CheckThat!
subjectivity guidelines that "said" is neutral and a verb that judges the
statement is the writer's tone; hedges and certainty markers follow the
categories "hedges" and "boosters" of K. Hyland, *Metadiscourse* (2005),
filled with everyday news English. Every list is **extensible per case**: a
``lexicon.csv`` in the case folder with the columns ``kind,word`` (``kind`` one
of :data:`LEXICON_KINDS`) adds its words (and may move a word to another kind
of the same family, e.g. make ``warned`` neutral).

**Keys** (``keys/*.csv`` in the case folder, each quote verbatim in its file):

* ``coverage.csv`` (``id,fact,file,status,quote,note``): key facts of the story
  × articles, each ``included``, ``distorted`` or ``omitted``;
* ``frames.csv`` (``id,file,paragraph,frame,quote,note``): one primary frame
  per paragraph, from :data:`FRAMES`;
* ``stance.csv`` (``id,file,stance,quote,note``): each article's stance toward
  the report at the centre of the story: ``credible``, ``doubtful`` or ``neutral``;
* ``techniques.csv`` (``id,technique,file,quote,note``): persuasion techniques,
  from :data:`TECHNIQUES`.

:func:`validate_framing_keys` checks them when the case is loaded.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

from .core.errors import CaseError, KitError
from .core.case import resolve_case
from .core.registry import register_key

if TYPE_CHECKING:
    import altair as alt
    import pandas as pd

    from .core.case import Case

# --- taxonomies -------------------------------------------------------------------------------

FRAMES = (
    "Economic",
    "Capacity_and_resources",
    "Morality",
    "Fairness_and_equality",
    "Legality_Constitutionality_and_jurisprudence",
    "Policy_prescription_and_evaluation",
    "Crime_and_punishment",
    "Security_and_defense",
    "Health_and_safety",
    "Quality_of_life",
    "Cultural_identity",
    "Public_opinion",
    "Political",
    "External_regulation_and_reputation",
)
"""The 14 generic frames of SemEval-2023 Task 3, subtask 2, spelled as in its data, in codebook order.

They are the dimensions of the Media Frames Corpus codebook (its 15th, "Other", is not used).
"""

FRAMES_CITATION = (
    "J. Piskorski, N. Stefanovitch, G. Da San Martino and P. Nakov (2023), SemEval-2023 Task 3: "
    "Detecting the Category, the Framing, and the Persuasion Techniques in Online News in a "
    "Multi-lingual Setup, Proceedings of SemEval-2023 (subtask 2: frames; subtask 3: persuasion "
    "techniques); the frames come from the Media Frames Corpus codebook: D. Card, A. E. Boydstun, "
    "J. H. Gross, P. Resnik and N. A. Smith (2015), The Media Frames Corpus, ACL."
)
"""Where :data:`FRAMES` and :data:`TECHNIQUES` come from."""

FRAME_HINTS = {
    "Economic": "costs, benefits, money, trade, jobs",
    "Capacity_and_resources": "whether there is enough of something: weapons, aid, time, people",
    "Morality": "right and wrong, honesty, duty, ethics",
    "Fairness_and_equality": "whether people or groups are treated equally",
    "Legality_Constitutionality_and_jurisprudence": "laws, rights, courts, what is legal",
    "Policy_prescription_and_evaluation": "what a government should do, and whether a policy works",
    "Crime_and_punishment": "breaking laws, enforcement, punishment",
    "Security_and_defense": "war, armies, threats, escalation, defence",
    "Health_and_safety": "health, injury, safety of people",
    "Quality_of_life": "how people's daily lives are affected",
    "Cultural_identity": "traditions, values and identity of a people or civilisation",
    "Public_opinion": "what the public or the media think, say or report; attention and credibility",
    "Political": "politicians, elections, parties, political strategy and manoeuvres",
    "External_regulation_and_reputation": "relations between states, diplomacy, a country's standing abroad",
}
"""One line per frame, written for the kit, to help decide (media credibility counts as Public_opinion)."""

TECHNIQUE_GROUPS = {
    "Attack on reputation": ("Name_Calling-Labeling", "Guilt_by_Association", "Doubt", "Appeal_to_Hypocrisy",
                             "Questioning_the_Reputation"),
    "Justification": ("Flag_Waving", "Appeal_to_Authority", "Appeal_to_Popularity", "Appeal_to_Values",
                      "Appeal_to_Fear-Prejudice"),
    "Simplification": ("Causal_Oversimplification", "False_Dilemma-No_Choice", "Consequential_Oversimplification"),
    "Distraction": ("Straw_Man", "Red_Herring", "Whataboutism"),
    "Call": ("Slogans", "Conversation_Killer", "Appeal_to_Time"),
    "Manipulative wording": ("Loaded_Language", "Obfuscation-Vagueness-Confusion", "Exaggeration-Minimisation",
                             "Repetition"),
}
"""The 23 persuasion techniques of SemEval-2023 Task 3, subtask 3, in its six groups."""

TECHNIQUES = tuple(t for group in TECHNIQUE_GROUPS.values() for t in group)
"""The 23 technique names, spelled as in the SemEval-2023 Task 3 data."""

# --- word lists (written for the kit; see the module docstring) ----------------------------------

REPORTING_NEUTRAL = (
    "said", "says", "say", "saying", "told", "tells", "stated", "stating", "according to",
    "added", "adds", "noted", "reported", "announced", "explained", "replied", "responded",
    "remarked", "wrote", "writes", "asked", "commented", "mentioned", "described", "describe", "describes",
    "calling", "put it",
)
"""Verbs that report that something was said without judging it (the default verb of news is "said")."""

REPORTING_EVALUATIVE = (
    "claimed", "claiming", "alleging", "alleges", "dismissed", "dismissing", "dismisses", "debunked",
    "debunking", "admitted", "admits", "conceded", "concedes", "insisted", "insisting", "insist", "insists",
    "refuted", "refuting", "denied", "denies", "deny", "denying", "rejected", "rejecting", "rejects",
    "emphasized", "emphasised", "emphasizing", "emphasising", "stressed", "warned", "warns", "urged",
    "argued", "argues", "argue", "suggested", "boasted", "complained", "acknowledged", "labeling",
    "labelling", "labeled", "labelled", "branded", "accused", "slammed", "touted",
)
"""Verbs that characterise the statement or its speaker: contested ("claimed"), defensive ("denied",
"insisted"), reluctant ("admitted"), forceful ("emphasized", "warned") or successful ("debunked",
"refuted"). Forms that are more often nouns or other words are left out on purpose: "claims" ("these
claims are ..."), "states" ("United States"), "notes"."""

HEDGES = (
    "reportedly", "allegedly", "alleged", "apparently", "purportedly", "supposedly", "presumably",
    "may", "might", "could", "perhaps", "possibly", "potentially", "probably", "likely",
    "unlikely", "likelihood", "appears", "appear", "appeared", "seems", "seem", "seemed", "seemingly",
    "suggests", "suggest", "it is unclear", "unclear", "uncertain", "not clear", "speculation",
    "speculated", "unconfirmed", "unverified", "is said to", "believed to", "thought to",
    "people familiar with", "unnamed sources", "anonymous sources", "sources say",
)
"""Words by which a writer holds back from asserting (Hyland's hedges), including vague sourcing.
"possible" is left out ("as much as possible" is no hedge)."""

CERTAINTY = (
    "it is clear", "it was clear", "is clear that", "made it clear", "was clear", "clearly", "certainly",
    "obviously", "undoubtedly", "undeniably", "without doubt", "no doubt", "in fact", "indeed",
    "of course", "definitely", "surely", "absolutely", "categorically", "evidently", "plainly",
    "in reality", "there is no question",
)
"""Words by which a writer insists that something is so (Hyland's boosters)."""

LOADED_LABELS = (
    "regime", "regimes", "so-called", "propaganda", "propagandist", "propagandists", "propagandistic",
    "puppet", "mouthpiece", "warmonger", "warmongers", "autocracies", "autocrats", "psychological warfare",
    "subversive", "thugs", "cronies",
)
"""Names that cast a person, state or group in a bad light ("regime" for a government)."""

LOADED_DISCREDITING = (
    "fake news", "hoax", "fabricated", "fabrication", "lie", "lied", "lying", "liar", "deception",
    "deceit", "ruse", "smokescreen", "smokescreens", "feigned", "rumor", "rumors", "rumour", "rumours",
    "misinformation", "disinformation", "distorting", "dubious", "tarnish",
)
"""Words that call information or its source false or unreliable (a newspaper's report called "rumors").
"lies" is left out: "the answer lies in..." is far more common in news than the plural noun."""

LOADED_INTENSIFIERS = (
    "bold", "swiftly", "staunchly", "firmly", "strongly", "notably", "aptly", "deliberately",
    "unwavering", "unprecedented",
)
"""Adverbs and adjectives that add force or approval the facts do not need ("swiftly debunked")."""

LOADED_EMOTIVE = (
    "gleeful", "humiliating", "provocative", "semi-nude", "alarming", "shocking", "outrageous", "brazen",
    "desperate", "worrying", "disgraceful", "sinister",
)
"""Words chosen to stir a feeling rather than to inform."""

LOADED = LOADED_LABELS + LOADED_DISCREDITING + LOADED_INTENSIFIERS + LOADED_EMOTIVE
"""Every loaded word of the kit (the four lists above)."""

LEXICON_KINDS = ("reporting_neutral", "reporting_evaluative", "hedge", "certainty", "loaded")
"""The allowed values of the ``kind`` column of a case's ``lexicon.csv``."""

HEADLINE_KINDS = ("question", "quote", "claim", "none")
COVERAGE_STATUSES = ("included", "distorted", "omitted")
STANCES = ("credible", "doubtful", "neutral")

COVERAGE_COLUMNS = ["id", "fact", "file", "status", "quote", "note"]
FRAME_COLUMNS = ["id", "file", "paragraph", "frame", "quote", "note"]
STANCE_COLUMNS = ["id", "file", "stance", "quote", "note"]
TECHNIQUE_COLUMNS = ["id", "technique", "file", "quote", "note"]

OKABE_ITO = {
    "orange": "#E69F00", "sky blue": "#56B4E9", "bluish green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "reddish purple": "#CC79A7", "black": "#000000",
}
"""The Okabe–Ito palette, safe for the common forms of colour blindness; every chart here uses it."""

GENRE_PALETTE = {
    "news": OKABE_ITO["blue"], "opinion": OKABE_ITO["vermillion"], "analysis": OKABE_ITO["bluish green"],
    "press_release": OKABE_ITO["reddish purple"], "blog": OKABE_ITO["orange"], "other": OKABE_ITO["sky blue"],
    "unknown": "#999999",
}
STATUS_PALETTE = {"included": OKABE_ITO["blue"], "distorted": OKABE_ITO["vermillion"], "omitted": "#E8E8E8"}
STATUS_MARKS = {"included": "+", "distorted": "!", "omitted": "–"}

_MEASURE_TITLES = {
    "reporting_neutral_per_1000": "Neutral reporting verbs per 1,000 words",
    "reporting_evaluative_per_1000": "Evaluative reporting verbs per 1,000 words",
    "evaluative_share": "Share of reporting verbs that are evaluative",
    "hedges_per_1000": "Hedges per 1,000 words",
    "certainty_per_1000": "Certainty markers per 1,000 words",
    "loaded_per_1000": "Loaded words per 1,000 words",
    "quoted_share": "Share of the article's words inside quotation marks",
}
MEASURE_GROUPS = {
    "reporting_verbs": (("reporting_neutral_per_1000", "neutral", OKABE_ITO["blue"]),
                        ("reporting_evaluative_per_1000", "evaluative", OKABE_ITO["vermillion"])),
    "hedges_certainty": (("hedges_per_1000", "hedge", OKABE_ITO["bluish green"]),
                         ("certainty_per_1000", "certainty", OKABE_ITO["orange"])),
}
"""Measures that :func:`measure_chart` draws as pairs of bars (per 1,000 words)."""

_INSTANCE_COLUMNS = ["article_id", "file", "sentence_id", "{word}", "kind", "in_quote", "source", "sentence"]
_FACT_ID = re.compile(r"^(F\d+)\.(A\d+)$")


# --- helpers ------------------------------------------------------------------------------------

def _case(case: Case | str | Path | None) -> Case:
    return resolve_case(case)


def _key(word: str) -> str:
    return " ".join(word.replace("’", "'").lower().split())


def _pattern(words) -> re.Pattern[str] | None:
    """One regex for a family of words: longest first, whole words, any space, ’ for '."""
    parts = []
    for w in sorted(set(words), key=lambda w: (-len(w), w)):
        tokens = [re.escape(t).replace("'", "['’]") for t in w.replace("’", "'").split()]
        if tokens:
            parts.append(r"\s+".join(tokens))
    if not parts:
        return None
    return re.compile(r"(?<![\w’'-])(" + "|".join(parts) + r")(?![\w-])", re.I)


def validate_lexicon(root: Path, problems: list[str]) -> list[tuple[str, str]]:
    """Read ``lexicon.csv`` of a case folder into ``(kind, word)`` pairs, reporting problems.

    A missing file is no problem (``[]``). Columns other than ``kind`` and
    ``word`` (a ``note``, say) are allowed and ignored.

    Args:
        root: the case folder.
        problems: a list that each problem is appended to, one sentence each.

    Returns:
        The good ``(kind, word)`` pairs, in file order.

    >>> validate_lexicon(Path("/nonexistent"), [])
    []
    """
    path = Path(root) / "lexicon.csv"
    if not path.is_file():
        return []
    label = f"{Path(root).name}/lexicon.csv"
    data = path.read_bytes()
    try:
        text = data.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        problems.append(f"{label} is not UTF-8 text (byte {exc.start}); save it as UTF-8 with the columns kind,word.")
        return []
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in next(reader, [])]
    if "kind" not in header or "word" not in header:
        shown = ",".join(header) if header else "nothing"
        problems.append(f"{label}, line 1: the header must name the columns kind,word, but it has {shown}.")
        return []
    pairs = []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(f"{label}, line {line} has {len(row)} fields but the header has {len(header)}; "
                            "put double quotes around a word that contains a comma.")
            continue
        values = dict(zip(header, row))
        kind, word = values["kind"].strip(), " ".join(values["word"].split())
        if kind not in LEXICON_KINDS:
            problems.append(f"{label}, line {line}, field 'kind': {kind!r} is not a kind; "
                            f"use one of {', '.join(LEXICON_KINDS)}.")
        elif not re.search(r"\w", word):
            problems.append(f"{label}, line {line}, field 'word' is empty; write the word or phrase to look for.")
        else:
            pairs.append((kind, word))
    return pairs


def _lexicon(loaded: Case) -> list[tuple[str, str]]:
    problems: list[str] = []
    pairs = validate_lexicon(loaded.path, problems)
    if problems:
        raise CaseError(problems[0])
    return pairs


def framing_lexicon(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Return every word the measures look for in a case: the kit's lists plus the case's ``lexicon.csv``.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.

    Returns:
        A DataFrame with ``family`` (reporting, epistemic or loaded), ``kind``,
        ``word`` and ``source`` (``kit`` or ``lexicon.csv``).

    Raises:
        CaseError: when ``lexicon.csv`` is malformed (one sentence naming file and line).

    >>> lex = framing_lexicon()
    >>> lex.set_index("word").loc["debunked", "kind"], lex.set_index("word").loc["reportedly", "kind"]
    ('evaluative', 'hedge')
    """
    import pandas as pd

    families = _families(_case(case))
    rows = [(family, kind, word, source) for family, entries in families.items()
            for word, (kind, source) in entries.items()]
    return pd.DataFrame(rows, columns=["family", "kind", "word", "source"])


def _families(loaded: Case | None) -> dict[str, dict[str, tuple[str, str]]]:
    """The word lists in effect, by family: ``{word: (kind, source)}``; the kit's alone when ``loaded`` is None."""
    reporting = {_key(w): ("neutral", "kit") for w in REPORTING_NEUTRAL}
    reporting.update({_key(w): ("evaluative", "kit") for w in REPORTING_EVALUATIVE})
    epistemic = {_key(w): ("hedge", "kit") for w in HEDGES}
    epistemic.update({_key(w): ("certainty", "kit") for w in CERTAINTY})
    loaded_words: dict[str, tuple[str, str]] = {}
    for kind, words in (("label", LOADED_LABELS), ("discrediting", LOADED_DISCREDITING),
                        ("intensifier", LOADED_INTENSIFIERS), ("emotive", LOADED_EMOTIVE)):
        loaded_words.update({_key(w): (kind, "kit") for w in words})
    for kind, word in (_lexicon(loaded) if loaded is not None else []):
        key = _key(word)
        if kind.startswith("reporting_"):
            reporting[key] = (kind.split("_", 1)[1], "lexicon.csv")
        elif kind in ("hedge", "certainty"):
            epistemic[key] = (kind, "lexicon.csv")
        elif key not in loaded_words:
            loaded_words[key] = ("case lexicon", "lexicon.csv")
    return {"reporting": reporting, "epistemic": epistemic, "loaded": loaded_words}


def _quoted_spans(loaded: Case) -> dict[str, list[tuple[int, int]]]:
    from .quotes import extract_quotes

    spans: dict[str, list[tuple[int, int]]] = {}
    quotes = extract_quotes(loaded)
    for file, start, end in zip(quotes["file"], quotes["start"], quotes["end"]):
        spans.setdefault(file, []).append((int(start), int(end)))
    return spans


def _scan(loaded: Case, family: str) -> pd.DataFrame:
    """Every match of one word family in a case, with its sentence and whether it is inside a quote."""
    import pandas as pd

    entries = _families(loaded)[family]
    pattern = _pattern(entries)
    quoted = _quoted_spans(loaded)
    column = "verb" if family == "reporting" else "word"
    columns = [c.format(word=column) for c in _INSTANCE_COLUMNS]
    rows = []
    if pattern is not None:
        for s in loaded.sentences.itertuples():
            raw = loaded.raw(s.file)
            piece = raw[s.start:s.end]
            for m in pattern.finditer(piece):
                found = m.group(1)
                if family == "epistemic" and found == "May" and (
                    re.match(r"\s+\d", piece[m.end():]) or re.search(r"\d\s+$", piece[:m.start()])
                ):
                    continue  # the month, not the hedge
                key = _key(found)
                kind, source = entries.get(key, ("", ""))
                at = s.start + m.start()
                in_quote = any(a <= at < b for a, b in quoted.get(s.file, []))
                rows.append((s.article_id, s.file, s.sentence_id, key, kind, in_quote, source, s.text))
    return pd.DataFrame(rows, columns=columns)


# --- measures -----------------------------------------------------------------------------------

def reporting_verbs(case: Case | str | Path | None = None) -> pd.DataFrame:
    """List every reporting verb of a case, marked neutral or evaluative, with its sentence id.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.

    Returns:
        A DataFrame with ``article_id, file, sentence_id, verb, kind`` (``neutral``
        or ``evaluative``), ``in_quote`` (inside quotation marks: the speaker's
        word, not counted in :func:`framing_measures`), ``source`` and ``sentence``.

    >>> verbs = reporting_verbs()
    >>> verbs.loc[verbs["sentence_id"] == "A1.S5", ["verb", "kind"]].values.tolist()
    [['debunked', 'evaluative'], ['stating', 'neutral']]
    """
    return _scan(_case(case), "reporting")


def hedges(case: Case | str | Path | None = None) -> pd.DataFrame:
    """List every hedge and certainty marker of a case, with its sentence id.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.

    Returns:
        A DataFrame with ``article_id, file, sentence_id, word, kind`` (``hedge``
        or ``certainty``), ``in_quote``, ``source`` and ``sentence``.

    >>> h = hedges()
    >>> h.loc[h["sentence_id"].isin(["A0.S10", "A2.S21"]), ["sentence_id", "word", "kind"]].values.tolist()
    [['A0.S10', 'it is clear', 'certainty'], ['A2.S21', 'probably', 'hedge']]
    """
    return _scan(_case(case), "epistemic")


def loaded_words(case: Case | str | Path | None = None) -> pd.DataFrame:
    """List every loaded word of a case, with its kind and sentence id.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.

    Returns:
        A DataFrame with ``article_id, file, sentence_id, word, kind`` (``label``,
        ``discrediting``, ``intensifier``, ``emotive``, or ``case lexicon`` for a
        word added by the case's ``lexicon.csv``), ``in_quote``, ``source`` and ``sentence``.

    >>> words = loaded_words()
    >>> words.loc[words["sentence_id"] == "A0.S23", ["word", "kind"]].values.tolist()
    [['semi-nude', 'emotive'], ['gleeful', 'emotive'], ['propagandists', 'label']]
    """
    return _scan(_case(case), "loaded")


def _link_free(text: str) -> str:
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)


_PRONOUN_SUBJECT = re.compile(r"\b(he|she)\s+(?:[a-z]+ly\s+)?(?:(?:has|had|have|was|were|is)\s+)?$", re.I)
_NOT_SPEAKERS = {
    "they", "it", "he", "she", "we", "i", "you", "this", "that", "these", "those", "there", "however", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april",
    "may", "june", "july", "august", "september", "october", "november", "december",
}


def _subject_pattern() -> re.Pattern[str]:
    from .quotes import _NAME, _TITLE_WORDS

    titles = "|".join(re.escape(w) for w in sorted(_TITLE_WORDS, key=len, reverse=True))
    aux = r"(?:(?:has|had|have|was|were|is)\s+)?"
    return re.compile(r"(" + _NAME + r")(?:\s+(?:" + titles + r"))*\s+" + aux + r"(?:[a-z]+ly\s+)?" + aux + "$")


def _paraphrases(loaded: Case, quotes: pd.DataFrame) -> list[tuple[str, str, str]]:
    """``(article_id, speaker, sentence_id)`` for sentences that report a named speaker without quoting.

    The speaker must stand right before the first reporting verb (a title, an
    adverb in -ly or an auxiliary may come between: "Kremlin spokesman Dmitry
    Peskov swiftly dismissed"), or follow "according to"; "he"/"she" right
    before the verb is the last speaker named in the same paragraph.
    """
    from .quotes import _person, according_name

    entries = _families(loaded)["reporting"]
    verbs = _pattern([w for w in entries if w != "according to"])
    subject = _subject_pattern()
    quoted: dict[str, list[str]] = {}
    for sid, speaker in zip(quotes["sentence_id"], quotes["speaker"]):
        quoted.setdefault(sid, []).append(speaker)
    last_named: dict[tuple[str, int], str] = {}
    found = []
    for s in loaded.sentences.itertuples():
        if s.kind == "headline":
            continue
        where = (s.article_id, int(s.paragraph))
        if s.sentence_id in quoted:
            named = [q for q in quoted[s.sentence_id] if q]
            if named:
                last_named[where] = named[-1]
            continue
        text = _link_free(s.text).replace("**", "")
        speaker = ""
        according = re.search(r"(?i:according to)\s+(?:the\s+)?([^,;]+)", text)
        match = verbs.search(text) if verbs else None
        if according and (not match or according.start() <= match.start()):
            speaker = according_name(according.group(1))
        elif match:
            before = text[: match.start()]
            if _PRONOUN_SUBJECT.search(before):
                speaker = last_named.get(where, "")
            else:
                m = subject.search(before)
                if m and m.group(1).split()[0].lower() not in _NOT_SPEAKERS:
                    speaker = re.sub(r"['’]s$", "", _person(m.group(1)))
        if speaker:
            last_named[where] = speaker
            found.append((s.article_id, speaker, s.sentence_id))
    return found


def voices(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Who speaks in each article: quotes and quoted words per speaker, and paraphrases.

    Quotes come from :func:`kit.quotes.extract_quotes`; a quote whose speaker
    the text does not name counts for ``(no speaker named)`` (often a scare
    quote). A *paraphrase* is a sentence without quotation marks in which a
    named speaker comes just before a reporting verb ("Peskov suggested that...")
    or after "according to"; "he"/"she" is the last speaker named in the article.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.

    Returns:
        A DataFrame with ``article_id, file, speaker, quotes, quoted_words,
        paraphrases, sentence_ids`` (``;``-separated), by article and then by
        quoted words, most first.

    >>> v = voices()
    >>> row = v[(v["article_id"] == "A3") & (v["speaker"] == "Steven Cheung")].iloc[0]
    >>> int(row["quotes"]), int(row["quoted_words"])
    (1, 14)
    """
    import pandas as pd

    from .quotes import extract_quotes, unify_speakers
    from .core.text import count_words

    loaded = _case(case)
    quotes = extract_quotes(loaded)
    records = []
    for q in quotes.itertuples():
        records.append((q.article_id, q.speaker or "(no speaker named)", 1, count_words(_link_free(q.text)), 0,
                        q.sentence_id))
    for aid, speaker, sid in _paraphrases(loaded, quotes):
        records.append((aid, speaker, 0, 0, 1, sid))
    frame = pd.DataFrame(records, columns=["article_id", "speaker", "quotes", "quoted_words", "paraphrases",
                                           "sentence_id"])
    columns = ["article_id", "file", "speaker", "quotes", "quoted_words", "paraphrases", "sentence_ids"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    frame["speaker"] = unify_speakers(frame["speaker"])
    order = {sid: i for i, sid in enumerate(loaded.sentences["sentence_id"])}
    frame["_order"] = frame["sentence_id"].map(order)
    frame = frame.sort_values("_order", kind="stable")
    out = frame.groupby(["article_id", "speaker"], sort=False).agg(
        quotes=("quotes", "sum"), quoted_words=("quoted_words", "sum"), paraphrases=("paraphrases", "sum"),
        sentence_ids=("sentence_id", lambda ids: ";".join(dict.fromkeys(ids))),
    ).reset_index()
    out["file"] = out["article_id"].map(dict(zip(loaded.articles["article_id"], loaded.articles["file"])))
    out["_a"] = out["article_id"].str[1:].astype(int)
    out = out.sort_values(["_a", "quoted_words", "quotes", "paraphrases"], ascending=[True, False, False, False],
                          kind="stable")
    return out[columns].reset_index(drop=True)


def headline_kind(headline: str) -> str:
    """Classify a headline: ``question``, ``quote``, ``claim``, or ``none`` when there is none.

    A question ends with "?"; otherwise a headline with a passage in quotation
    marks is a quote; any other headline is a claim.

    >>> [headline_kind(h) for h in ["Did Trump Really Call Putin?", "‘Pure Fiction’: Kremlin Denies Call",
    ...                             "Kremlin denies reports of call", ""]]
    ['question', 'quote', 'claim', 'none']
    """
    from .quotes import _find_spans

    text = " ".join(headline.replace("**", "").split())
    if not text:
        return "none"
    if text.rstrip("”\"’')*» ").endswith("?"):
        return "question"
    if any(span.end > span.start and not span.problem for span in _find_spans(text, 0, len(text))):
        return "quote"
    return "claim"


def presupposition(headline: str, families: dict[str, dict[str, tuple[str, str]]] | None = None) -> str:
    """Say, by rule, what a headline takes for granted or invites the reader to believe.

    Rules: a question with "really" (or "actually", "truly") presupposes doubt;
    a statement followed by "Why?" takes the statement as given and asks for a
    motive; another question raises a possibility without asserting it; a
    quote headline adopts the quoted words as its own; a claim states its
    content as fact. Notes are added for evaluative reporting verbs, loaded
    words and hedges the headline uses.

    Args:
        headline: the headline.
        families: the word lists in effect (the kit's when ``None``).

    Returns:
        One sentence (clauses joined by semicolons).

    >>> presupposition("Did Trump Really Call Putin Late Last Week?")
    "a yes/no question with 'Really' presupposes doubt: it invites the answer no"
    """
    from .quotes import _find_spans

    text = " ".join(headline.replace("**", "").split())
    kind = headline_kind(text)
    if kind == "none":
        return "no headline: the article opens straight into its text"
    families = families or _families(None)
    notes = []
    if kind == "question":
        doubt = re.search(r"\b(really|actually|truly)\b", text, re.I)
        why = re.match(r"^(.*[.!:])\s*(why|how)\?$", text, re.I)
        if doubt:
            notes.append(f"a yes/no question with {doubt.group(1)!r} presupposes doubt: it invites the answer no")
        elif why:
            notes.append(f"takes {why.group(1).rstrip('.!:')!r} as given and asks {why.group(2).lower()}: "
                         "the statement becomes a move whose motive needs explaining")
        elif re.match(r"^(why|how|what|who|when|where)\b", text, re.I):
            notes.append("asks why or how, not whether: what it asks about is taken as given")
        else:
            notes.append("raises a possibility without asserting it: the reader supplies the answer")
    elif kind == "quote":
        span = next(s for s in _find_spans(text, 0, len(text)) if s.end > s.start and not s.problem)
        words = text[span.start:span.end]
        if span.start <= 1:
            notes.append(f"opens with the words {words!r} before saying who said them: "
                         "the speaker's framing becomes the headline's")
        else:
            notes.append(f"puts the quoted words {words!r} in the headline: the speaker's framing becomes the headline's")
    else:
        notes.append("states its content as fact")
    for family, (pattern_kinds, template) in {
        "reporting": (("evaluative",), "{w!r} (an evaluative reporting verb) makes the statement, not the event, the news"),
        "loaded": (None, "{w!r} is a loaded word"),
        "epistemic": (("hedge",), "{w!r} marks it as unconfirmed"),
    }.items():
        entries = families[family]
        pattern = _pattern(entries)
        for m in (pattern.finditer(text) if pattern else []):
            kind_of = entries.get(_key(m.group(1)), ("", ""))[0]
            if pattern_kinds is None or kind_of in pattern_kinds:
                notes.append(template.format(w=m.group(1)))
    return "; ".join(notes)


def headlines(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Put the headlines side by side: their kind and what each presupposes.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.

    Returns:
        A DataFrame with ``article_id, outlet, headline, kind, presupposes, file``
        (the headline from ``metadata.csv``; kind ``none`` when it is empty).

    >>> headlines()[["article_id", "kind"]].values.tolist()
    [['A0', 'question'], ['A1', 'none'], ['A2', 'question'], ['A3', 'claim'], ['A4', 'quote']]
    """
    import pandas as pd

    loaded = _case(case)
    families = _families(loaded)
    rows = []
    for a in loaded.articles.itertuples():
        rows.append((a.article_id, a.outlet, a.headline, headline_kind(a.headline),
                     presupposition(a.headline, families), a.file))
    return pd.DataFrame(rows, columns=["article_id", "outlet", "headline", "kind", "presupposes", "file"])


def _rate(count: int, words: int) -> float:
    return round(count * 1000 / words, 2) if words else 0.0


MEASURE_COLUMNS = [
    "file", "article_id", "outlet", "genre", "words", "headline_kind",
    "reporting_neutral", "reporting_evaluative", "reporting_neutral_per_1000", "reporting_evaluative_per_1000",
    "evaluative_share", "hedges", "hedges_per_1000", "certainty", "certainty_per_1000", "loaded",
    "loaded_per_1000", "voices", "quotes", "quoted_words", "quoted_share", "top_voice",
]
"""The columns of :func:`framing_measures` (and of ``python -m kit export framing``)."""


def framing_measures(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Measure every article's framing: one flat row per article, counts and rates per 1,000 words.

    Counts are of the writer's own words (matches inside quotation marks are
    left out; see the module docstring). ``evaluative_share`` is evaluative
    reporting verbs over all reporting verbs; ``voices`` counts named speakers
    (quoted or paraphrased); ``quoted_share`` is quoted words over words;
    ``top_voice`` is the speaker with the most quoted words.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.

    Returns:
        A DataFrame with the columns :data:`MEASURE_COLUMNS`, first ``file``.

    Raises:
        CaseError: when the case's ``lexicon.csv`` is malformed.

    >>> m = framing_measures().set_index("article_id")
    >>> m.columns[0], m.loc["A2", "headline_kind"], bool(m.loc["A1", "reporting_evaluative"] > m.loc["A0", "reporting_evaluative"])
    ('file', 'question', True)
    """
    import pandas as pd

    loaded = _case(case)
    own = {}
    for name, table in (("reporting", reporting_verbs(loaded)), ("epistemic", hedges(loaded)),
                        ("loaded", loaded_words(loaded))):
        own[name] = table[~table["in_quote"].astype(bool)]
    who = voices(loaded)
    heads = headlines(loaded).set_index("article_id")
    rows = []
    for a in loaded.articles.itertuples():
        words = int(a.words)

        def count(family: str, kinds: tuple[str, ...] | None = None) -> int:
            t = own[family]
            t = t[t["article_id"] == a.article_id]
            return int(len(t) if kinds is None else t["kind"].isin(kinds).sum())

        neutral, evaluative = count("reporting", ("neutral",)), count("reporting", ("evaluative",))
        hedge, certain, loaded_n = count("epistemic", ("hedge",)), count("epistemic", ("certainty",)), count("loaded")
        mine = who[who["article_id"] == a.article_id]
        named = mine[mine["speaker"] != "(no speaker named)"]
        quoted = int(mine["quoted_words"].sum())
        top = named.sort_values("quoted_words", ascending=False, kind="stable")
        top = top[top["quoted_words"] > 0]
        rows.append({
            "file": a.file, "article_id": a.article_id, "outlet": a.outlet, "genre": a.genre, "words": words,
            "headline_kind": heads.loc[a.article_id, "kind"],
            "reporting_neutral": neutral, "reporting_evaluative": evaluative,
            "reporting_neutral_per_1000": _rate(neutral, words), "reporting_evaluative_per_1000": _rate(evaluative, words),
            "evaluative_share": round(evaluative / (neutral + evaluative), 3) if neutral + evaluative else 0.0,
            "hedges": hedge, "hedges_per_1000": _rate(hedge, words),
            "certainty": certain, "certainty_per_1000": _rate(certain, words),
            "loaded": loaded_n, "loaded_per_1000": _rate(loaded_n, words),
            "voices": int(named["speaker"].nunique()), "quotes": int(mine["quotes"].sum()), "quoted_words": quoted,
            "quoted_share": round(quoted / words, 3) if words else 0.0,
            "top_voice": top["speaker"].iloc[0] if len(top) else "",
        })
    return pd.DataFrame(rows, columns=MEASURE_COLUMNS)


# --- keys ---------------------------------------------------------------------------------------

def _close(value: str, allowed) -> str:
    guess = difflib.get_close_matches(value.replace(" ", "_"), list(allowed), n=1, cutoff=0.6)
    return f" (did you mean {guess[0]!r}?)" if guess else ""


def _missing_columns(rows, columns, label, problems) -> bool:
    if rows:
        missing = [c for c in columns if c not in rows[0][1]]
        if missing:
            problems.append(f"{label} has no column {', '.join(repr(m) for m in missing)}; "
                            f"its columns are {','.join(columns)}.")
            return True
    return False


def _empty_field(row: dict[str, str], fields, where: str, problems: list[str]) -> bool:
    for f in fields:
        if not row[f].strip():
            problems.append(f"{where}: the field {f!r} is empty; fill it in.")
            return True
    return False


def validate_coverage(rows: list[tuple[int, dict[str, str]]], label: str, case: Case, problems: list[str]) -> None:
    """Report problems of a coverage key (``keys/coverage.csv``).

    Checks: the columns; ``id``, ``fact``, ``file``, ``status`` filled in;
    ``status`` one of :data:`COVERAGE_STATUSES`; a quote for ``included`` and
    ``distorted``, none for ``omitted``; a note for ``distorted`` and
    ``omitted``; ids like ``F03.A2`` whose article is the row's file; one fact
    text per fact id; every fact × every article exactly once; every fact
    included by at least one article.
    """
    if _missing_columns(rows, COVERAGE_COLUMNS, label, problems):
        return
    ids = dict(zip(case.articles["file"], case.articles["article_id"]))
    seen: dict[tuple[str, str], int] = {}
    facts: dict[str, tuple[int, str]] = {}
    included: dict[str, bool] = {}
    for line, row in rows:
        where = f"{label}, line {line} ({row['id'].strip() or 'no id'})"
        if _empty_field(row, ("id", "fact", "file", "status"), where, problems):
            continue
        status, quote, note, file = row["status"].strip(), row["quote"].strip(), row["note"].strip(), row["file"].strip()
        if status not in COVERAGE_STATUSES:
            problems.append(f"{where}, field 'status': {status!r} is not a status; use one of {', '.join(COVERAGE_STATUSES)}.")
            continue
        if status in ("included", "distorted") and not quote:
            problems.append(f"{where}, field 'quote' is empty; an {status} fact needs the article's words as evidence.")
        if status == "omitted" and quote:
            problems.append(f"{where}, field 'quote': an omitted fact has no quote; leave it empty and say what is missing in 'note'.")
        if status in ("distorted", "omitted") and not note:
            problems.append(f"{where}, field 'note' is empty; say in one sentence what is {status} and why.")
        m = _FACT_ID.match(row["id"].strip())
        if not m:
            problems.append(f"{where}, field 'id': {row['id']!r} is not a coverage id; write it like F03.A2 (fact, article).")
            continue
        fact_id, article = m.groups()
        if file in ids and ids[file] != article:
            problems.append(f"{where}, field 'id': {row['id']!r} names article {article}, but {file} is {ids[file]}.")
        fact = " ".join(row["fact"].split())
        if fact_id in facts and facts[fact_id][1] != fact:
            problems.append(f"{where}, field 'fact': fact {fact_id} is worded differently on line {facts[fact_id][0]}; "
                            "use the same words on every row of a fact.")
        facts.setdefault(fact_id, (line, fact))
        included[fact_id] = included.get(fact_id, False) or status == "included"
        pair = (fact_id, file)
        if pair in seen:
            problems.append(f"{where}: fact {fact_id} is given twice for {file} (also on line {seen[pair]}); "
                            "keep one row per fact and article.")
        seen.setdefault(pair, line)
    for fact_id, (line, _) in facts.items():
        missing = [f"{ids[f]}" for f in ids if (fact_id, f) not in seen]
        if missing:
            problems.append(f"{label}: fact {fact_id} (line {line}) has no row for {', '.join(missing)}; "
                            "give every fact one row per article (included, distorted or omitted).")
        if not included[fact_id]:
            problems.append(f"{label}: fact {fact_id} (line {line}) is included by no article; "
                            "a key fact needs evidence in at least one article.")


def validate_frames(rows: list[tuple[int, dict[str, str]]], label: str, case: Case, problems: list[str]) -> None:
    """Report problems of a frames key (``keys/frames.csv``).

    Checks: the columns; ``id``, ``file``, ``paragraph``, ``frame``, ``quote``
    filled in; ``frame`` one of :data:`FRAMES`, spelled exactly; ``paragraph``
    a paragraph number of that file; the quote inside that paragraph; one
    primary frame per paragraph.
    """
    from .core.text import find_quote

    if _missing_columns(rows, FRAME_COLUMNS, label, problems):
        return
    paragraphs = {f: set(int(p) for p in g["paragraph"]) for f, g in case.sentences.groupby("file")}
    para_of = dict(zip(case.sentences["sentence_id"], case.sentences["paragraph"]))
    grouped = case.sentences.groupby(["file", "paragraph"])
    spans = {(f, int(p)): (int(g["start"].min()), int(g["end"].max())) for (f, p), g in grouped}
    seen: dict[tuple[str, int], int] = {}
    for line, row in rows:
        where = f"{label}, line {line} ({row['id'].strip() or 'no id'})"
        if _empty_field(row, ("id", "file", "paragraph", "frame", "quote"), where, problems):
            continue
        frame, file = row["frame"].strip(), row["file"].strip()
        if frame not in FRAMES:
            problems.append(f"{where}, field 'frame': {frame!r} is not a frame name{_close(frame, FRAMES)}; "
                            "use a name of kit.framing.FRAMES exactly.")
        text = row["paragraph"].strip()
        if not text.isdigit():
            problems.append(f"{where}, field 'paragraph': {text!r} is not a whole number; give the paragraph number of case.sentences.")
            continue
        para = int(text)
        if file not in paragraphs:
            continue  # the generic check reports an unknown file
        if para not in paragraphs[file]:
            problems.append(f"{where}, field 'paragraph': {file} has no paragraph {para}; "
                            f"its paragraphs are 1 to {max(paragraphs[file])}.")
            continue
        found = case.find_quote(file, row["quote"])
        start, end = spans[(file, para)]
        if found and find_quote(case.raw(file)[start:end], row["quote"]) is None:
            problems.append(f"{where}, field 'paragraph': the quote is in paragraph "
                            f"{int(para_of[found[0]])}, not {para}; correct the paragraph number.")
        if (file, para) in seen:
            problems.append(f"{where}: paragraph {para} of {file} already has a frame (line {seen[(file, para)]}); "
                            "give each paragraph one primary frame.")
        seen.setdefault((file, para), line)


def validate_stance(rows: list[tuple[int, dict[str, str]]], label: str, case: Case, problems: list[str]) -> None:
    """Report problems of a stance key (``keys/stance.csv``).

    Checks: the columns; every field but none filled in; ``stance`` one of
    :data:`STANCES`; one stance per article on all its rows; at most three rows per article.
    """
    if _missing_columns(rows, STANCE_COLUMNS, label, problems):
        return
    stance_of: dict[str, tuple[int, str]] = {}
    counts: dict[str, int] = {}
    for line, row in rows:
        where = f"{label}, line {line} ({row['id'].strip() or 'no id'})"
        if _empty_field(row, STANCE_COLUMNS, where, problems):
            continue
        stance, file = row["stance"].strip(), row["file"].strip()
        if stance not in STANCES:
            problems.append(f"{where}, field 'stance': {stance!r} is not a stance; use one of {', '.join(STANCES)}.")
            continue
        if file in stance_of and stance_of[file][1] != stance:
            problems.append(f"{where}, field 'stance': {file} is {stance_of[file][1]!r} on line {stance_of[file][0]}; "
                            "an article has one stance.")
        stance_of.setdefault(file, (line, stance))
        counts[file] = counts.get(file, 0) + 1
        if counts[file] == 4:
            problems.append(f"{where}: {file} has more than three stance rows; keep the one to three clearest sentences.")


def validate_techniques(rows: list[tuple[int, dict[str, str]]], label: str, case: Case, problems: list[str]) -> None:
    """Report problems of a techniques key (``keys/techniques.csv``).

    Checks: the columns; ``id``, ``technique``, ``file``, ``quote``, ``note``
    filled in; ``technique`` one of :data:`TECHNIQUES`, spelled exactly.
    """
    if _missing_columns(rows, TECHNIQUE_COLUMNS, label, problems):
        return
    for line, row in rows:
        where = f"{label}, line {line} ({row['id'].strip() or 'no id'})"
        if _empty_field(row, TECHNIQUE_COLUMNS, where, problems):
            continue
        technique = row["technique"].strip()
        if technique not in TECHNIQUES:
            problems.append(f"{where}, field 'technique': {technique!r} is not a technique name"
                            f"{_close(technique, TECHNIQUES)}; use a name of kit.framing.TECHNIQUES exactly.")


FRAMING_VALIDATORS = {
    "coverage": validate_coverage,
    "frames": validate_frames,
    "stance": validate_stance,
    "techniques": validate_techniques,
}
"""Validator by key name (the file name of ``keys/NAME.csv`` without ``.csv``)."""


def validate_framing_keys(name: str, rows: list[tuple[int, dict[str, str]]], label: str, case: Case,
                          problems: list[str]) -> None:
    """Validate one framing key by its name (``coverage``, ``frames``, ``stance``, ``techniques``); others are ignored.

    Meant for the case loader, next to the generic checks of ``file``/``quote``
    and ``id`` (which it does not repeat).

    Args:
        name: the key's name (``path.stem``).
        rows: ``(line number, row)`` pairs as read by the loader.
        label: how to name the file in messages, e.g. ``seeds/keys/frames.csv``.
        case: the case being loaded (articles and sentences are ready).
        problems: a list that each problem is appended to, one sentence each.

    >>> problems = []
    >>> validate_framing_keys("stance", [(2, {"id": "S1", "file": "x.txt", "stance": "sceptical",
    ...     "quote": "q", "note": "n"})], "keys/stance.csv", None, problems)
    >>> problems
    ["keys/stance.csv, line 2 (S1), field 'stance': 'sceptical' is not a stance; use one of credible, doubtful, neutral."]
    """
    validator = FRAMING_VALIDATORS.get(name)
    if validator is not None:
        validator(rows, label, case, problems)


def _key_table(loaded: Case, name: str, columns: list[str]) -> pd.DataFrame:
    import pandas as pd

    table = loaded.keys.get(name)
    if table is None or table.empty:
        return pd.DataFrame(columns=["article_id"] + columns)
    out = table.reindex(columns=columns).fillna("").copy()
    out.insert(0, "article_id", out["file"].map(dict(zip(loaded.articles["file"], loaded.articles["article_id"]))))
    return out


def coverage(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Return the coverage key: every key fact × article, ``included``, ``distorted`` or ``omitted``.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.

    Returns:
        A DataFrame with ``article_id, fact_id`` and the key's columns
        (``id, fact, file, status, quote, note``), by fact and article; empty
        with these columns when the case has no ``keys/coverage.csv``.

    >>> c = coverage()
    >>> c.loc[c["id"] == "F01.A1", "status"].item()
    'distorted'
    """
    loaded = _case(case)
    out = _key_table(loaded, "coverage", COVERAGE_COLUMNS)
    out.insert(1, "fact_id", out["id"].str.split(".").str[0] if len(out) else [])
    if len(out):
        out["_f"] = out["fact_id"].str[1:].astype(int)
        out["_a"] = out["article_id"].str[1:].astype(int)
        out = out.sort_values(["_f", "_a"]).drop(columns=["_f", "_a"])
    return out.reset_index(drop=True)


def frames(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Return the frames key: one primary frame per paragraph, with the paragraph's sentence ids.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.

    Returns:
        A DataFrame with ``article_id`` and the key's columns (``id, file,
        paragraph, frame, quote, note``; ``paragraph`` as a number) and
        ``sentence_ids`` (``;``-separated), in reading order; empty when the case
        has no ``keys/frames.csv``.

    >>> f = frames()
    >>> bool(f["frame"].isin(FRAMES).all()), f.loc[0, "article_id"]
    (True, 'A0')
    """
    loaded = _case(case)
    out = _key_table(loaded, "frames", FRAME_COLUMNS)
    if out.empty:
        out["sentence_ids"] = []
        return out
    out["paragraph"] = out["paragraph"].astype(int)
    ids = loaded.sentences.groupby(["file", "paragraph"])["sentence_id"].agg(";".join)
    out["sentence_ids"] = [ids.get((f, p), "") for f, p in zip(out["file"], out["paragraph"])]
    out["_a"] = out["article_id"].str[1:].astype(int)
    return out.sort_values(["_a", "paragraph"]).drop(columns="_a").reset_index(drop=True)


def stance(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Return the stance key: each article's stance toward the central report, with the sentences that show it.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.

    Returns:
        A DataFrame with ``article_id`` and ``id, file, stance, quote, note``;
        empty when the case has no ``keys/stance.csv``.

    >>> stance().groupby("article_id")["stance"].first().to_dict()["A0"]
    'credible'
    """
    loaded = _case(case)
    out = _key_table(loaded, "stance", STANCE_COLUMNS)
    if len(out):
        out["_a"] = out["article_id"].str[1:].astype(int)
        out = out.sort_values("_a", kind="stable").drop(columns="_a")
    return out.reset_index(drop=True)


def techniques(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Return the persuasion-techniques key, with each technique's group.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.

    Returns:
        A DataFrame with ``article_id``, ``id, technique, file, quote, note`` and
        ``group`` (e.g. "Attack on reputation"); empty when the case has no
        ``keys/techniques.csv``.

    >>> t = techniques()
    >>> bool(t["technique"].nunique() >= 6), t.loc[t["technique"] == "Doubt", "group"].iloc[0]
    (True, 'Attack on reputation')
    """
    loaded = _case(case)
    out = _key_table(loaded, "techniques", TECHNIQUE_COLUMNS)
    group_of = {t: g for g, ts in TECHNIQUE_GROUPS.items() for t in ts}
    out["group"] = out["technique"].map(group_of) if len(out) else []
    return out.reset_index(drop=True)


# --- charts -------------------------------------------------------------------------------------

def _labels(loaded: Case) -> dict[str, str]:
    return {a: f"{a} · {o or 'outlet not stated'}" for a, o in zip(loaded.articles["article_id"], loaded.articles["outlet"])}


def measure_chart(case: Case | str | Path | None = None, measure: str = "loaded_per_1000") -> alt.Chart:
    """Compare the articles on one framing measure: one bar per article.

    A single measure (any numeric column of :func:`framing_measures`, e.g.
    ``loaded_per_1000``) is coloured by genre; the pairs in
    :data:`MEASURE_GROUPS` (``reporting_verbs``: neutral beside evaluative;
    ``hedges_certainty``: hedges beside certainty markers) are drawn side by
    side for each article. Colours are Okabe–Ito.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.
        measure: a column of :func:`framing_measures` or a key of :data:`MEASURE_GROUPS`.

    Returns:
        An ``alt.Chart`` with a title.

    Raises:
        KitError: when ``measure`` is not a measure (the message lists them).

    >>> spec = measure_chart(measure="reporting_verbs").to_dict()
    >>> spec["encoding"]["color"]["scale"]["range"]
    ['#0072B2', '#D55E00']
    """
    import altair as alt

    loaded = _case(case)
    table = framing_measures(loaded)
    numeric = [c for c in MEASURE_COLUMNS if c not in ("file", "article_id", "outlet", "genre", "headline_kind", "top_voice")]
    labels = _labels(loaded)
    table["article"] = table["article_id"].map(labels)
    order = list(labels.values())
    if measure in MEASURE_GROUPS:
        pairs = MEASURE_GROUPS[measure]
        long = table.melt(id_vars=["article", "article_id", "genre", "words"], value_vars=[c for c, _, _ in pairs],
                          var_name="column", value_name="per_1000")
        long["kind"] = long["column"].map({c: k for c, k, _ in pairs})
        title = {"reporting_verbs": "Reporting verbs per 1,000 words: neutral and evaluative",
                 "hedges_certainty": "Hedges and certainty markers per 1,000 words"}[measure]
        return (
            alt.Chart(long, title=f"{title} (case '{loaded.name}')")
            .mark_bar()
            .encode(
                y=alt.Y("article:N", title=None, sort=order),
                yOffset=alt.YOffset("kind:N", sort=[k for _, k, _ in pairs]),
                x=alt.X("per_1000:Q", title="Per 1,000 words"),
                color=alt.Color("kind:N", title="Kind", sort=[k for _, k, _ in pairs],
                                scale=alt.Scale(domain=[k for _, k, _ in pairs], range=[c for _, _, c in pairs])),
                tooltip=["article", "kind", alt.Tooltip("per_1000:Q", title="per 1,000 words"), "words"],
            )
            .properties(width=420, height=alt.Step(14))
        )
    if measure not in numeric:
        raise KitError(f"{measure!r} is not a framing measure; use one of {', '.join(numeric + list(MEASURE_GROUPS))}.")
    table["genre"] = table["genre"].replace("", "unknown")
    genres = [g for g in GENRE_PALETTE if g in set(table["genre"])]
    title = _MEASURE_TITLES.get(measure, measure.replace("_", " ").capitalize())
    return (
        alt.Chart(table, title=f"{title} (case '{loaded.name}')")
        .mark_bar()
        .encode(
            y=alt.Y("article:N", title=None, sort=order),
            x=alt.X(f"{measure}:Q", title=title),
            color=alt.Color("genre:N", title="Genre",
                            scale=alt.Scale(domain=genres, range=[GENRE_PALETTE[g] for g in genres])),
            tooltip=["article", "genre", "words", alt.Tooltip(f"{measure}:Q")],
        )
        .properties(width=420, height=alt.Step(26))
    )


def coverage_chart(case: Case | str | Path | None = None) -> alt.Chart:
    """Draw the coverage key as a heatmap: key facts (rows) × articles (columns), by status.

    Included is blue with ``+``, distorted vermillion with ``!``, omitted light
    grey with ``–`` (colour and mark both, for readers who do not see colour).
    Hover a cell for the evidence or the note. A case without a coverage key
    gives an empty chart that says so in its title.

    >>> spec = coverage_chart().to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]], spec["layer"][0]["encoding"]["color"]["scale"]["domain"]
    (['rect', 'text'], ['included', 'distorted', 'omitted'])
    """
    import altair as alt

    loaded = _case(case)
    table = coverage(loaded)
    labels = _labels(loaded)
    table["article"] = table["article_id"].map(labels)
    table["fact_label"] = [f"{i} {f if len(f) <= 60 else f[:57] + '...'}" for i, f in zip(table["fact_id"], table["fact"])]
    table["mark"] = table["status"].map(STATUS_MARKS)
    table["ink"] = ["#555555" if status == "omitted" else "#FFFFFF" for status in table["status"]]
    table["evidence"] = [q if q else n for q, n in zip(table["quote"], table["note"])]
    title = f"Key facts × articles in case '{loaded.name}': included, distorted or omitted"
    if table.empty:
        title = f"Case '{loaded.name}' has no coverage key (keys/coverage.csv)"
    facts = list(dict.fromkeys(table["fact_label"]))
    x = alt.X("article:N", title=None, sort=list(labels.values()), axis=alt.Axis(labelAngle=-30, orient="top"))
    y = alt.Y("fact_label:N", title=None, sort=facts, axis=alt.Axis(labelLimit=420))
    domain = list(COVERAGE_STATUSES)
    base = alt.Chart(table)
    cells = base.mark_rect(stroke="white", strokeWidth=1).encode(
        x=x, y=y,
        color=alt.Color("status:N", title="Status", sort=domain,
                        scale=alt.Scale(domain=domain, range=[STATUS_PALETTE[s] for s in domain])),
        tooltip=["id:N", "fact:N", "article:N", "status:N", "evidence:N"],
    )
    marks = base.mark_text(fontSize=12, fontWeight="bold").encode(
        x=x, y=y, text="mark:N", color=alt.Color("ink:N", scale=None, legend=None),
    )
    return alt.layer(cells, marks, title=title).properties(width=alt.Step(70), height=alt.Step(20))


def frames_chart(case: Case | str | Path | None = None) -> alt.Chart:
    """Draw the frames key as a heatmap: the 14 frames (rows) × articles (columns), paragraphs per cell.

    Every frame of :data:`FRAMES` is a row, in codebook order, even when no
    paragraph has it (an empty row is a finding too). Darker blue means more
    paragraphs; the number is printed in the cell.

    >>> spec = frames_chart().to_dict()
    >>> spec["layer"][0]["encoding"]["color"]["scale"]["range"], spec["title"][:6]
    (['#F2F2F2', '#0072B2'], 'Frames')
    """
    import altair as alt
    import pandas as pd

    loaded = _case(case)
    table = frames(loaded)
    labels = _labels(loaded)
    counts = table.groupby(["article_id", "frame"]).size() if len(table) else pd.Series(dtype=int)
    rows = []
    for aid, label in labels.items():
        for frame in FRAMES:
            n = int(counts.get((aid, frame), 0))
            rows.append({"article": label, "frame": frame, "paragraphs": n, "text": str(n) if n else ""})
    grid = pd.DataFrame(rows)
    title = f"Frames by article in case '{loaded.name}': paragraphs with each primary frame"
    if table.empty:
        title = f"Frames: case '{loaded.name}' has no frames key (keys/frames.csv)"
    x = alt.X("article:N", title=None, sort=list(labels.values()), axis=alt.Axis(labelAngle=-30, orient="top"))
    y = alt.Y("frame:N", title=None, sort=list(FRAMES), axis=alt.Axis(labelLimit=400))
    top = max(int(grid["paragraphs"].max()), 1)
    cells = alt.Chart(grid).mark_rect(stroke="white", strokeWidth=1).encode(
        x=x, y=y,
        color=alt.Color("paragraphs:Q", title="Paragraphs",
                        scale=alt.Scale(domain=[0, top], range=["#F2F2F2", OKABE_ITO["blue"]])),
        tooltip=["article:N", "frame:N", "paragraphs:Q"],
    )
    numbers = alt.Chart(grid).mark_text(fontSize=11).encode(
        x=x, y=y, text="text:N",
        color=alt.condition(alt.datum.paragraphs > top / 2, alt.value("#FFFFFF"), alt.value("#000000")),
    )
    return alt.layer(cells, numbers, title=title).properties(width=alt.Step(80), height=alt.Step(20))


for _name, _validator in FRAMING_VALIDATORS.items():
    register_key(_name, _validator, quote_optional=_name == "coverage")
