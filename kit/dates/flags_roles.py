"""Title flags: a person called by a title of ``roles.csv`` they did not hold at the article's date.

A *mention* is a title of the person's rows right before their name ("Foreign
Minister Ana Costa", "President Costa") or right after it as an apposition
("Costa, the foreign minister,"). It is checked against the article's
reference date and the days its sentence is about (the timeline's resolved
expressions in that sentence): it is right when a row with that title covers
one of them.

Otherwise, by the rows with that title (a table, in order):

====================================  ================  =========================================
the title, at those dates             kind              why
====================================  ================  =========================================
held before, a stage ("candidate")    ``anachronism``   a stage ends; it is never a courtesy title
held before (and not "former")        ``title check``   outdated, or kept as a courtesy: check
held only later                       ``anachronism``   not yet held
"former X", X held only later         ``anachronism``   "former" for a title not yet held
====================================  ================  =========================================

"former X" (any ``role_cue`` word of value ``past``) for a title held before
is right, and so is a title the table does not list for the person (the table
may be incomplete). Inside a quotation, a title held before is the speaker's
choice (a courtesy title is common) and is not checked; a title never held is
flagged all the same, with a note that it is the speaker's wording.

>>> from kit.dates.roles import RoleRow
>>> row = RoleRow("Ana Costa", "Minister", date(2020, 1, 1), date(2023, 1, 1), ("Minister",), False)
>>> verdict("Minister", False, [row], [(date(2024, 5, 1), date(2024, 5, 1))])[0]
'title check'
>>> verdict("Minister", True, [row], [(date(2024, 5, 1), date(2024, 5, 1))]) is None
True
"""

from __future__ import annotations

import re
from datetime import date

from .model import Article, Expression, Sentence, article_sentences, flag_row
from .roles import RoleRow, cue_words, is_stage, role_rows

NAME_GAP = r"(?:[A-Z][\w.’'-]*\s+){0,2}?"
"""Up to two capitalised words (first names, initials) between a title and the surname."""
QUOTES = ("“", "”", '"')


def person_names(person: str, shared: frozenset[str] = frozenset()) -> list[str]:
    """Return the ways a person is named: the full name, and the surname unless another person of the table shares it.

    >>> person_names("Ana Maria Costa"), person_names("Ana Costa", frozenset({"Costa"}))
    (['Ana Maria Costa', 'Costa'], ['Ana Costa'])
    """
    parts = person.split()
    return [person] + ([parts[-1]] if len(parts) > 1 and parts[-1] not in shared else [])


def shared_surnames(people) -> frozenset[str]:
    """Return the surnames that more than one person of the table has (a surname alone cannot tell them apart)."""
    surnames = [p.split()[-1] for p in set(people) if p.split()]
    return frozenset(s for s in surnames if surnames.count(s) > 1)


def past_marked(before: str, root: str = "") -> bool:
    """Whether the words just before a title (at most two capitalised ones between) hold a past word ("former U.S.")."""
    words = "|".join(re.escape(w) for w in sorted(cue_words("past", root), key=len, reverse=True))
    if not words:
        return False
    return re.search(rf"(?<![\w-])(?:{words})(?:-|\s+(?:the\s+)?{NAME_GAP})$", before, re.I) is not None


def in_quotation(text: str, at: int) -> bool:
    """Whether position ``at`` of a sentence is inside a quotation (an opening mark before it is not closed)."""
    before = text[:at]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def title_mentions(text: str, person: str, titles: tuple[str, ...], root: str = "",
                   shared: frozenset[str] = frozenset()) -> list[tuple[str, int, bool, str]]:
    """Return ``(title, start, past, phrase)`` for each title of a person used with their name in a text.

    >>> title_mentions("He met former President Ana Costa and Costa, the Minister, spoke.", "Ana Costa", ("President", "Minister"))
    [('President', 14, True, 'President Ana Costa'), ('Minister', 38, False, 'Costa, the Minister')]
    """
    names = "|".join(re.escape(n) for n in person_names(person, shared))
    past = "|".join(re.escape(w) for w in cue_words("past", root)) or "(?!)"
    gap = rf"(?:[A-Z][\w.’'-]*\s+|[\w.-]+['’]s\s+|(?i:{past})\s+){{0,2}}?"  # "Sporting's", "former", "U.S."
    out = []
    for title in sorted(titles, key=len, reverse=True):
        t = r"\s+".join(re.escape(w) for w in title.split())
        before = re.compile(rf"(?<![\w])(?i:{t})(?![\w-])\s+{NAME_GAP}(?:{names})(?![\w-])")
        after = re.compile(rf"(?<![\w-])(?:{names}),\s+(?:the\s+)?{gap}(?P<title>(?i:{t}))(?![\w-])(?!\s+[A-Z])")
        for m in before.finditer(text):
            lead = text[: m.start()]
            if lead.endswith("-") and not past_marked(lead[:-1].rsplit(None, 1)[-1] + "-" if lead[:-1].split() else "", root):
                continue  # "vice-President": another title
            out.append((title, m.start(), past_marked(lead, root), text[m.start(): m.end()]))
        for m in after.finditer(text):
            past = past_marked(text[: m.start("title")], root)
            out.append((title, m.start(), past, m.group(0)))
    spans = [(m[1], m[1] + len(m[3])) for m in out]
    unique = [m for m, (a, b) in zip(out, spans)  # a mention inside a longer one ("Minister" in "Transport Minister")
              if not any(c <= a and b <= d and (c, d) != (a, b) for c, d in spans)]
    by_span = {}
    for m in unique:
        by_span.setdefault((m[1], len(m[3])), m)  # one title per place
    return sorted(by_span.values(), key=lambda m: m[1])


def verdict(title: str, past: bool, rows: list[RoleRow], dates: list[tuple[date, date]],
            root: str = "") -> tuple[str, RoleRow, str] | None:
    """Return ``(kind, evidence row, why)`` for a mention that does not fit the table, else ``None`` (see the module)."""
    current = [r for r in rows if not r.past]
    latest = max(d for _, d in dates)
    if not past and any(r.covers(a, b) for r in current for a, b in dates):
        return None
    earlier = [r for r in rows if (r.end is not None and r.end <= latest) or (r.past and r.covers(*dates[0]))]
    later = [r for r in current if r.start is not None and r.start > latest]
    if past:
        started = [r for r in rows if r.start is None or r.start <= latest]
        return None if started or not later else ("anachronism", later[0], "former, but the title starts later")
    if earlier:
        row = max(earlier, key=lambda r: (not r.past, r.end or date.min))  # a row that ended is the best evidence
        kind = "anachronism" if is_stage(title, root) else "title check"
        return kind, row, "held before"
    if later:
        return "anachronism", min(later, key=lambda r: r.start), "held only later"
    return None


EXPLAIN = {
    ("anachronism", "held before"): "{phrase!r} calls {person} {title}, a stage that ended ({row}), before {when}.",
    ("title check", "held before"): "Outdated or courtesy title, check: {phrase!r} calls {person} {title}, a title held "
                                    "before ({row}) but not at {when}. Without 'former' it may be outdated, unless the "
                                    "outlet keeps it as a courtesy title.",
    ("anachronism", "held only later"): "{phrase!r} calls {person} {title}, a title held only later ({row}), not at {when}.",
    ("anachronism", "former, but the title starts later"): "{phrase!r} calls {person} former {title}, but the title is "
                                                           "held only later ({row}), not before {when}.",
}
"""The explanation of each verdict (filled with the mention, the row and the dates)."""


def sentence_dates(s: Sentence, days: dict[str, list[tuple[date, date]]]) -> list[tuple[date, date]]:
    """Return the dates a sentence is checked at: its article's reference date, then the days it is about."""
    return [(s.article.ref, s.article.ref)] + days.get(s.sentence_id, [])


def sentence_title_flags(s: Sentence, rows: list[RoleRow], days: dict[str, list[tuple[date, date]]]) -> list[dict]:
    """Return the title flag rows of one sentence."""
    a, root, out = s.article, str(s.article.ctx.root or ""), []
    shared = shared_surnames(r.person for r in rows)
    for person in dict.fromkeys(r.person for r in rows):
        mine = [r for r in rows if r.person == person]
        titles = tuple(dict.fromkeys(t for r in mine for t in r.titles))
        for title, at, past, phrase in title_mentions(s.text, person, titles, root, shared):
            with_title = [r for r in mine if title.lower() in (t.lower() for t in r.titles)]
            found = verdict(title, past, with_title, sentence_dates(s, days), root)
            if found is None:
                continue
            kind, row, why = found
            if kind == "title check" and in_quotation(s.text, at):
                continue  # a speaker may keep a courtesy title; quoting them is no error of the writer's
            dated = [f"{d:%Y-%m-%d}" for d, _ in sentence_dates(s, days)[1:]]
            when = f"this article's date ({a.ref:%Y-%m-%d}; {a.ref_basis})" + \
                   (f" or the date{'s' if len(dated) > 1 else ''} the sentence is about ({', '.join(dated)})" if dated else "")
            text = EXPLAIN[(kind, why)].format(phrase=phrase, person=person, title=title, row=row.describe(), when=when)
            if in_quotation(s.text, at):
                text += " The title is inside a quotation: the speaker's wording, not the writer's."
            out.append(flag_row(s.expression_at(phrase, "title"), kind, text, f"{phrase} / {row.describe()}"))
    return out


def expression_days(e: Expression) -> tuple[date, date] | None:
    """Return the first and last day an expression resolved to; a year ("2021") is its whole year.

    >>> from kit.dates.model import Expression
    >>> expression_days(Expression("a.txt", "A1", "A1.S1", 3, 7, "2021", "year", resolved="2021"))
    (datetime.date(2021, 1, 1), datetime.date(2021, 12, 31))
    """
    if e.day is not None:
        return e.day, e.until or e.day
    if re.fullmatch(r"\d{4}", e.resolved or ""):
        return date(int(e.resolved), 1, 1), date(int(e.resolved), 12, 31)
    return None


def title_flags(articles: list[Article], expressions: list[Expression]) -> list[dict]:
    """Return the title flag rows of articles with a reference date, sentence by sentence."""
    days: dict[str, list[tuple[date, date]]] = {}
    for e in expressions:
        span = expression_days(e)
        if span is not None:
            days.setdefault(e.sentence_id, []).append(span)
    out = []
    for article in articles:
        if article.ref is None or not article.ctx.roles:
            continue
        rows = role_rows(article.ctx.roles, article.ctx.role_aliases, article.ctx.root)
        for s in article_sentences(article):
            out += sentence_title_flags(s, rows, days)
    return out
