"""Boilerplate: the page around an article (comment forms, share prompts, disclaimers), told from its report.

A captured article often carries text of the page it was on: "Leave a
comment", "Share this", "Related posts", "Subscribe to our newsletter", "The
views expressed are the author's own", a cookie notice. Such a sentence is kept
in the text (its sentence id does not change) but gets the kind
``boilerplate``: the claim baseline and the framing measures leave it out.

The phrases are the lexicon's kind ``boilerplate`` (a case's ``lexicon.csv``
adds its own); the ``value`` of a phrase says where it counts:

* empty: when it **opens** the sentence (after any bullets or brackets);
* ``anywhere``: wherever it stands in the sentence;
* ``label``: only as a label before a colon ("Disclaimer: ...");
* ``nav``: a navigation word ("Share", "Facebook"): a line made only of such words is page text;
* ``source``: a note on where the text comes from ("originally published on"): never page text,
  not even in a closing block, because it tells a reader where to read laterally.

Shapes count too, for a whole line (a paragraph of one sentence): a menu of
three or more short items between separators ("Home | Sport | Football"), a
line that is nothing but links, a counter (digits and no letter: "14").

A phrase inside quotation marks is someone's words, and a sentence with a
reporting verb in the writer's voice is reporting ("The union asked members to
sign up for the strike fund, officials said."): neither is boilerplate, unless
the phrase is a label before a colon. The rules of :data:`RULES` are tried in
order on each sentence; then the **closing block**: from the first boilerplate
sentence after which more than half the sentences to the end are boilerplate,
every sentence to the end is (an author's bio, a licence between two notices).
A headline is never boilerplate.

>>> boilerplate_cue("Leave a comment")
"page phrase: 'Leave a comment'"
>>> boilerplate_cue("The mayor invited residents to leave a comment on the plan.")
''
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from . import lexicon

BOILERPLATE = "boilerplate"
"""The sentence kind of page text (beside ``headline`` and ``body``)."""
PLACES = ("", "anywhere", "label", "nav", "source")
"""The values a ``boilerplate`` phrase may have in the lexicon (see the module's summary)."""
_QUOTE_OPEN, _QUOTE_CLOSE = "“«", "”»"
_LINK = re.compile(r"!?\[[^\]]*\]\([^)]*\)")
_TERMINAL = re.compile(r"[.?!][\"'”’)\]*]*\s*$")


class Words(NamedTuple):
    """The compiled phrase patterns of one lexicon (the kit's, or the kit's plus a case's)."""

    opens: re.Pattern[str] | None
    anywhere: re.Pattern[str] | None
    label: re.Pattern[str] | None
    nav: re.Pattern[str] | None
    reporting: re.Pattern[str] | None
    source: re.Pattern[str] | None


@lru_cache(maxsize=16)
def _words(root: str) -> Words:
    phrases = lexicon.values(BOILERPLATE, root or None)
    by_place = {place: [w for w, v in phrases.items() if v == place] for place in PLACES}
    near = lexicon.near_quote_verbs(root or None)
    verbs = [w for w in lexicon.words(lexicon.REPORTING_KINDS, root or None) if w not in near]
    return Words(lexicon.word_pattern(by_place[""] + by_place["label"]), lexicon.word_pattern(by_place["anywhere"]),
                 lexicon.word_pattern(by_place["label"]), lexicon.word_pattern(by_place["nav"]),
                 lexicon.word_pattern(verbs), lexicon.word_pattern(by_place["source"]))


def words_for(root: str | Path | None = None) -> Words:
    """Return the boilerplate phrase patterns in effect for a case folder (the kit's alone when ``None``).

    >>> words_for().opens.search("Leave a comment").group(1)
    'Leave a comment'
    """
    return _words(str(root or ""))


def _in_quote(text: str, at: int) -> bool:
    before = text[:at]
    curly = sum(before.count(c) for c in _QUOTE_OPEN) > sum(before.count(c) for c in _QUOTE_CLOSE)
    return curly or before.count('"') % 2 == 1


def _first_letter(text: str) -> int:
    m = re.search(r"\w", text)
    return m.start() if m else len(text)


def _before_colon(text: str, end: int) -> bool:
    return bool(re.match(r"[\s*_\]]*:", text[end:]))


def _reports(text: str, w: Words) -> bool:
    """A reporting verb in the writer's voice (outside quotation marks)."""
    return w.reporting is not None and any(not _in_quote(text, m.start()) for m in w.reporting.finditer(text))


def _phrase(text: str, w: Words) -> str:
    """Page phrase: one that opens the sentence (a label only before a colon), or one that counts anywhere."""
    start = _first_letter(text)
    m = w.opens.match(text, start) if w.opens is not None else None
    if m and not _in_quote(text, m.start()):
        is_label = w.label is not None and w.label.fullmatch(m.group(1)) is not None
        if _before_colon(text, m.end()) or (not is_label and not _reports(text, w)):
            return m.group(1)
    for m in w.anywhere.finditer(text) if w.anywhere is not None else ():
        if not _in_quote(text, m.start()) and not _reports(text, w):
            return m.group(1)
    return ""


def _navigation(text: str, w: Words) -> str:
    """Navigation line: nothing but navigation words and separators, no full stop."""
    if w.nav is None or _TERMINAL.search(text):
        return ""
    found = [m.group(1) for m in w.nav.finditer(text)]
    rest = w.nav.sub(" ", _LINK.sub(lambda m: m.group(0)[1:m.group(0).index("]")], text))
    return " ".join(found) if found and not re.search(r"\w", rest) else ""


_SEPARATORS = re.compile(r"\s[|•·»›/]\s")


def _menu_line(text: str, w: Words) -> str:
    """Menu line: three or more short items (one to three words) between separators such as ``|``."""
    items = _SEPARATORS.split(text)
    short = all(1 <= len(re.findall(r"\w+", item)) <= 3 for item in items)
    return " | ".join(i.strip() for i in items) if len(items) >= 3 and short and not _TERMINAL.search(text) else ""


def _link_line(text: str, w: Words) -> str:
    """Link line: the sentence is nothing but links (a button or banner of the page)."""
    links = _LINK.findall(text)
    return links[0] if links and not re.search(r"\w", _LINK.sub(" ", text)) else ""


def _counter(text: str, w: Words) -> str:
    """Counter: a line with digits but no letter (a count of shares or comments)."""
    return text if not re.search(r"[^\W\d_]", text) and re.search(r"\d", text) else ""


RULES: tuple[tuple[str, Callable[[str, Words], str]], ...] = (
    ("page phrase", _phrase),
    ("navigation line", _navigation),
    ("menu line", _menu_line),
    ("link line", _link_line),
    ("counter", _counter),
)
"""The rules tried on each sentence, in order: ``(name, test)``; a test returns the words that fired, or ``""``."""


def boilerplate_cue(text: str, root: str | Path | None = None, *, whole_line: bool = True) -> str:
    """Say why a sentence is page text, not report: ``"rule: 'words'"``, or ``""`` when it is not.

    Args:
        text: one sentence.
        root: a case folder whose ``lexicon.csv`` adds phrases (the kit's alone when ``None``).
        whole_line: the sentence is a whole paragraph; the shape rules (navigation line,
            link line, counter) apply only then.

    >>> boilerplate_cue("Share on Facebook")
    "page phrase: 'Share on'"
    >>> boilerplate_cue("Facebook | Twitter | Email")
    "navigation line: 'Facebook Twitter Email'"
    >>> boilerplate_cue("The harbour board will share on Friday what it found.")
    ''
    """
    w = words_for(root)
    for name, test in RULES:
        if name != "page phrase" and not whole_line:
            continue
        found = test(text, w)
        if found:
            return f"{name}: {found!r}"
    return ""


def boilerplate_cues(sentences: Sequence[tuple[int, str, str]], root: str | Path | None = None) -> list[str]:
    """Give each sentence of one article its boilerplate cue (``""`` for report), closing block included.

    Args:
        sentences: ``(paragraph, kind, text)`` of each sentence, in reading order.
        root: a case folder whose ``lexicon.csv`` adds phrases.

    Returns:
        One cue per sentence; a sentence with a cue is boilerplate.

    >>> boilerplate_cues([(1, "headline", "Share this"), (2, "body", "The port reopened."),
    ...                   (3, "body", "Share this:"), (4, "body", "Jo Bloggs writes on ports."),
    ...                   (5, "body", "All rights reserved.")])
    ['', '', "page phrase: 'Share this'", 'closing block, after: Share this:', "page phrase: 'All rights reserved'"]
    """
    paragraph_size: dict[int, int] = {}
    for paragraph, _, _ in sentences:
        paragraph_size[paragraph] = paragraph_size.get(paragraph, 0) + 1
    cues = ["" if kind == "headline" else boilerplate_cue(text, root, whole_line=paragraph_size[paragraph] == 1)
            for paragraph, kind, text in sentences]
    start = _closing_block(cues)
    source = words_for(root).source
    if start is not None:
        for i in range(start + 1, len(cues)):
            if not cues[i] and sentences[i][1] != "headline" and not (source and source.search(sentences[i][2])):
                cues[i] = f"closing block, after: {sentences[start][2]}"
    return cues


def _closing_block(cues: list[str]) -> int | None:
    """The first boilerplate sentence from which more than half the sentences to the end are boilerplate."""
    hits = 0
    best = None
    for i in range(len(cues) - 1, -1, -1):
        hits += bool(cues[i])
        if cues[i] and 2 * hits > len(cues) - i:
            best = i
    return best
