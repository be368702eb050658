"""Lesson 02, step 1: find every quoted passage of a case, with its sentence, speaker and reporting verb.

Works on any case. Quote spans, speakers and verbs come from
:mod:`kit.attribution` (the one module that answers "who said this?"), read
in article order by :class:`.speakers.ArticleSpeakers`:

* "X said" / "said X" / "X, the <title>, said" / "<title> X said" /
  "according to X", titles dropped ("Transport Minister Ana Lopez" -> "Ana Lopez");
* "he"/"she" is the last person named as a speaker (quoted, or the subject of a
  sentence) in this paragraph or an earlier one, never an outlet or a group;
  "they" the last group; "the minister"/"the union" the last person with that
  title or the group of that name (:mod:`.speakers`);
* "X said in a statement:" gives X the quoted paragraphs that follow; a quote
  that opens a sentence right after another quote of the same paragraph
  ("“A,” she said. “B.”") keeps its speaker; "X was blunter: “…”" names X;
* an outlet speaks only when the sentence names no person ("the Post reported");
* short names take the full name used elsewhere ("Peskov" -> "Dmitry Peskov"),
  accents aside, the same article's first;
* a speaker printed as a variant of a name printed elsewhere is flagged in
  ``speaker_note`` (:func:`.names.name_variants`: "possible misspelling of ...").
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..attribution import attribute, find_spans, ordinal_referent, unify_speakers
from ..core import lexicon
from ..core.case import resolve_case
from ..core.text import normalise_space, paragraphs
from .names import name_variants
from .speakers import ArticleSpeakers

if TYPE_CHECKING:
    import pandas as pd

    from ..core.case import Case

QUOTE_COLUMNS = ["quote_id", "article_id", "file", "sentence_id", "start", "end", "speaker", "verb", "text", "problem",
                 "speaker_kind", "speaker_note"]


def extract_quotes(case: Case | str | Path | None = None) -> pd.DataFrame:
    """Find every quoted passage of a case with its sentence, speaker and reporting verb.

    Args:
        case: a loaded case, a case folder, or ``None`` for the seeds.

    Returns:
        A DataFrame with ``quote_id`` (like ``A3.Q2``), ``article_id, file,
        sentence_id, start, end`` (offsets of the quoted words in the raw text),
        ``speaker`` (as printed in the article, a surname completed from its
        full name), ``verb``, ``text`` (white space normalised), ``problem``
        (empty, or what is unbalanced), ``speaker_kind`` (``person``, ``group``,
        ``outlet`` or empty) and ``speaker_note`` (empty, or the flag of
        :func:`.names.name_variants` when the speaker's spelling is a variant of
        a name printed elsewhere).

    >>> q = extract_quotes()
    >>> row = q[q["text"] == "simply false information"].iloc[0]
    >>> row["speaker"], row["verb"], row["sentence_id"], row["speaker_kind"]
    ('Dmitry Peskov', 'dismissed', 'A3.S4', 'person')
    """
    import pandas as pd
    loaded = resolve_case(case)
    outlets = [o for o in loaded.articles["outlet"] if isinstance(o, str) and o]
    roles = role_titles(loaded.roles, loaded.path)
    rows = []
    for aid, file, headline in zip(loaded.articles["article_id"], loaded.articles["file"], loaded.articles["headline"]):
        names = ArticleSpeakers(loaded.path, outlets, roles)
        rows.extend(article_quotes(loaded, aid, file, headline, names))
    frame = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    frame["speaker"] = unify_speakers(frame["speaker"], frame["article_id"])
    variants = name_variants(zip(frame["article_id"], frame["speaker"]), prefer=list(roles),
                             apart=[(a, b) for a in roles for b in roles if a < b])
    flags = dict(zip(variants["name"], variants["flag"]))
    frame["speaker_note"] = [flags.get(s, "") for s in frame["speaker"]]
    return frame


def role_titles(roles: pd.DataFrame, root: str | Path | None = None) -> dict[str, set[str]]:
    """``{person: the lower-case words of their roles}`` from a case's ``context/roles.csv`` (function words dropped).

    >>> import pandas as pd
    >>> sorted(role_titles(pd.DataFrame({"person": ["Ana Lopez"], "role": ["Minister of Transport"]}))["Ana Lopez"])
    ['minister', 'transport']
    """
    function = set(lexicon.words("function_word", root)) | set(lexicon.words("stopword", root))
    out: dict[str, set[str]] = {}
    for name, role in zip(roles.get("person", []), roles.get("role", [])):
        if isinstance(name, str) and name.strip():
            words = re.findall(r"[\w.-]+", str(role).lower()) if isinstance(role, str) else []
            out.setdefault(name.strip(), set()).update(w for w in words if w not in function)
    return out


def article_quotes(loaded: Case, aid: str, file: str, headline: str, names: ArticleSpeakers) -> list[dict]:  # long: one pass over an article keeps the order that pronouns need
    """The quotes of one article, in order, each with its speaker resolved against ``names`` (read as it goes).

    A quote with no speaker in its sentence that opens its paragraph takes the speaker of the
    statement it continues: a paragraph that ends with a colon after "X said in a statement",
    or a quote left open at the end of the paragraph before.
    """
    raw = loaded.raw(file)
    sents = loaded.sentences[loaded.sentences["file"] == file]
    starts, ends, ids, texts = list(sents["start"]), list(sents["end"]), list(sents["sentence_id"]), list(sents["text"])
    paras = list(sents["paragraph"])
    spans_at: dict[int, list] = {}
    opens: dict[int, int] = {}  # span start -> its paragraph's first character
    for _, lines in paragraphs(raw, headline):
        for span in find_spans(raw, lines[0][0], lines[-1][1]):
            k = next((j for j in range(len(starts)) if starts[j] <= span.start < max(ends[j], starts[j] + 1)), None)
            if k is None:
                k = max((j for j in range(len(starts)) if starts[j] <= span.start), default=0)
            spans_at.setdefault(k, []).append(span)
            opens[span.start] = lines[0][0]
    rows, carried, previous, n = [], ("", ""), (-1, "", ""), 0
    for k, sentence in enumerate(texts):
        done = 0
        for span in spans_at.get(k, []):
            text = normalise_space(raw[span.start : span.end])
            speaker = verb = ""
            offset = locate(sentence, text) if text else None
            if offset is not None:
                names.read(blank_quotes(sentence[done:offset]), opens_sentence=not done)
                speaker, verb = attribute(sentence, offset, offset + len(text), loaded.path)
                if not (speaker or verb) and k + 1 < len(texts) and paras[k + 1] == paras[k] \
                        and not sentence[offset + len(text):].strip(" ”\"’»?!.,"):
                    # the splitter may cut '“Why?” Ferrer asked.' after the question mark: read on into the next sentence
                    speaker, verb = attribute(f"{sentence} {texts[k + 1]}", offset, offset + len(text), loaded.path)
                speaker = speaker or ordinal_referent(sentence[:offset], texts[k - 1] if k else "")
                if not (speaker or verb) and sentence[:offset].rstrip(" “\"‘«").endswith(":"):
                    speaker = names.subject(blank_quotes(sentence[done:offset]))  # "Ana Lopez was blunter: “…”"
                done = offset + len(text)
            if not speaker and span.start - 1 == opens[span.start] and carried[0]:
                speaker, verb = carried  # a paragraph of a statement introduced before
            elif not (speaker or verb) and offset is not None and not sentence[:offset].strip(" “\"‘«") \
                    and previous[0] == opens[span.start]:
                speaker, verb = previous[1:]  # "“A,” she said. “B.”": the next sentence of her quote
            elif speaker or offset is None:
                carried = ("", "")
            speaker = names.said(speaker)
            if span.problem.startswith("the opening") and speaker:
                carried = (speaker, verb)  # the quote goes on in the next paragraph
            previous = (opens[span.start], speaker, verb)
            n += 1
            rows.append({"quote_id": f"{aid}.Q{n}", "article_id": aid, "file": file, "sentence_id": ids[k],
                         "start": span.start, "end": span.end, "speaker": speaker, "verb": verb, "text": text,
                         "problem": span.problem, "speaker_kind": names.kind(speaker) if speaker else ""})
        names.read(blank_quotes(sentence[done:]), opens_sentence=not done)
        if k not in spans_at:
            intro = sentence.rstrip().endswith(":")  # "X said in a statement:" then quoted paragraphs
            who, said = attribute(sentence, len(sentence), len(sentence), loaded.path) if intro else ("", "")
            carried = (names.resolve(who), said) if who else ("", "")
    return rows


def blank_quotes(text: str) -> str:
    """A text with its quoted passages blanked out (so that quoted words name no speaker).

    >>> blank_quotes('He said “Ana Lopez lied” today')
    'He said                  today'
    """
    return re.sub(r"[“\"‘«][^”\"’»]*(?:[”\"’»]|$)", lambda m: " " * len(m.group(0)), text)


def locate(sentence: str, text: str) -> int | None:
    """Return where a quote's words start in a normalised sentence (any white space between them), or ``None``.

    >>> locate("He said  it is  true.", "it is true")
    9
    """
    if text in sentence:
        return sentence.index(text)
    parts = text.split()
    m = re.search(r"\s+".join(re.escape(p) for p in parts), sentence) if parts else None
    return m.start() if m else None
