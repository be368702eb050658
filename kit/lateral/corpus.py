"""A case's source corpus: the pages a student can find about its outlets, authors and quoted people, and profiles.

Students cannot search the web from an offline course, so a case brings a small web
of its own in ``context/sources/`` (both files optional; validated with the case):

* ``pages.csv``: ``page_id,title,address,publisher,kind,about,published,consulted,text``:
  one "web page" per row: what a search can find and a student can open. ``kind`` is one
  of :data:`PAGE_KINDS`; ``about`` names the entities the page is about (``|``-separated,
  as in ``profiles.csv``); ``text`` says, in the course's own words, what the page says.
* ``profiles.csv``: ``id,entity,aliases,role,articles,statement,page_id,as_of,status``:
  what an investigation concludes about each outlet, author and quoted person, each
  statement citing its pages. ``status`` is ``sourced``, ``disputed`` (sources disagree)
  or ``unknown`` (the texts do not reveal who it is: the absence is itself a signal).

Every problem is one sentence naming the file, line and field, and the fix.

>>> import tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> (root / "context" / "sources").mkdir(parents=True)
>>> _ = (root / "context" / "sources" / "pages.csv").write_text(
...     "page_id,title,address,publisher,kind,about,published,consulted,text\\n"
...     "P1,Harbour News - About,https://harbour.example/about,Harbour News,about,Harbour News,,2031-01-05,Says it is independent.\\n")
>>> problems = []
>>> len(read_pages(root, problems)), problems
(1, [])
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.registry import register_case_check
from ..core.tables import read_table

if TYPE_CHECKING:
    import pandas as pd

    from ..core.case import Case

PAGE_COLUMNS = ["page_id", "title", "address", "publisher", "kind", "about", "published", "consulted", "text"]
PROFILE_COLUMNS = ["id", "entity", "aliases", "role", "articles", "statement", "page_id", "as_of", "status"]
PAGE_KINDS = {
    "reference": "a reference work (an encyclopedia entry)",
    "about": "the outlet's or person's own page, as it describes itself",
    "assessment": "an assessment by press-freedom, fact-checking or disinformation researchers",
    "news": "a news report about the source",
    "self-published": "a blog, advocacy, partisan or self-serving page",
}
"""What kind of page a result is (what a lateral reader weighs first)."""
ROLES = ("outlet", "author", "person", "organisation")
STATUSES = ("sourced", "disputed", "unknown")
FOLDER = Path("context") / "sources"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ADDRESS = re.compile(r"^https?://[^\s/]+\.[^\s/]+(/\S*)?$")


def _rows(root: Path, name: str, columns: list[str], problems: list[str]) -> list[tuple[int, dict[str, str]]]:
    path = Path(root) / FOLDER / name
    if not path.is_file():
        return []
    label = f"{Path(root).name}/{FOLDER.as_posix()}/{name}"
    return read_table(path, label, columns, ["review"], problems) or []


def _check_page(line: int, row: dict[str, str], label: str, problems: list[str]) -> None:
    where = f"{label}, line {line} ({row.get('page_id') or 'no id'})"
    for column in ("page_id", "title", "address", "kind", "consulted", "text"):
        if not (row.get(column) or "").strip():
            problems.append(f"{where}, field {column!r} is empty; every page needs a {column}.")
    if row.get("kind") and row["kind"] not in PAGE_KINDS:
        problems.append(f"{where}, field 'kind' is {row['kind']!r}; use one of {', '.join(PAGE_KINDS)}.")
    if row.get("address") and not _ADDRESS.match(row["address"].strip()):
        problems.append(f"{where}, field 'address' {row['address']!r} is not a web address; write it as https://site/page.")
    for column in ("published", "consulted"):
        if (row.get(column) or "").strip() and not _DATE.match(row[column].strip()):
            problems.append(f"{where}, field {column!r} {row[column]!r} is not a date; write it as YYYY-MM-DD.")


def read_pages(root: str | Path, problems: list[str]) -> list[dict[str, str]]:
    """The rows of ``context/sources/pages.csv`` (none when the file is absent), problems appended."""
    label = f"{Path(root).name}/{FOLDER.as_posix()}/pages.csv"
    rows, seen = [], set()
    for line, row in _rows(Path(root), "pages.csv", PAGE_COLUMNS, problems):
        _check_page(line, row, label, problems)
        if row["page_id"] in seen:
            problems.append(f"{label}, line {line}: page_id {row['page_id']!r} is used twice; give each page its own id.")
        seen.add(row["page_id"])
        rows.append(row)
    return rows


def read_profiles(root: str | Path, pages: list[dict[str, str]], problems: list[str]) -> list[dict[str, str]]:
    """The rows of ``context/sources/profiles.csv``, checked against the pages; problems appended."""
    label = f"{Path(root).name}/{FOLDER.as_posix()}/profiles.csv"
    known = {p["page_id"] for p in pages}
    rows = []
    for line, row in _rows(Path(root), "profiles.csv", PROFILE_COLUMNS, problems):
        where = f"{label}, line {line} ({row.get('id') or 'no id'})"
        if row.get("role") not in ROLES:
            problems.append(f"{where}, field 'role' is {row.get('role')!r}; use one of {', '.join(ROLES)}.")
        if row.get("status") not in STATUSES:
            problems.append(f"{where}, field 'status' is {row.get('status')!r}; use one of {', '.join(STATUSES)}.")
        cited = [p for p in (row.get("page_id") or "").split("|") if p.strip()]
        if row.get("status") in ("sourced", "disputed") and not cited:
            problems.append(f"{where}, field 'page_id' is empty; a {row['status']} statement cites the pages that say it.")
        for page in cited:
            if page.strip() not in known:
                problems.append(f"{where}, field 'page_id' cites {page!r}, which is not in pages.csv; add the page or fix the id.")
        if not (row.get("statement") or "").strip() or not (row.get("entity") or "").strip():
            problems.append(f"{where}: 'entity' and 'statement' must not be empty.")
        if (row.get("as_of") or "").strip() and not _DATE.match(row["as_of"].strip()):
            problems.append(f"{where}, field 'as_of' {row['as_of']!r} is not a date; write it as YYYY-MM-DD.")
        rows.append(row)
    entities = {r["entity"] for r in rows}
    for page in pages:
        for name in (page.get("about") or "").split("|"):
            if name.strip() and rows and name.strip() not in entities:
                problems.append(f"{label}: page {page['page_id']} is about {name.strip()!r}, which has no profile; "
                                "add a profile row or spell the name as in profiles.csv.")
    return rows


def check_corpus(case: Case, problems: list[str]) -> None:
    """The case check: the corpus files parse, cite pages that exist, and name articles of the case."""
    pages = read_pages(case.path, problems)
    ids = set(case.articles["article_id"])
    for row in read_profiles(case.path, pages, problems):
        for aid in (row.get("articles") or "").split("|"):
            if aid.strip() and aid.strip() not in ids:
                problems.append(f"{case.name}/{FOLDER.as_posix()}/profiles.csv ({row['id']}), field 'articles' names "
                                f"{aid.strip()!r}, which is not an article of this case; use ids like {min(ids)}.")


def pages(case: Case | str | Path | None = None) -> pd.DataFrame:
    """The case's source corpus as a table (empty, with its columns, when the case has none).

    >>> pages().columns.tolist()[:3]
    ['page_id', 'title', 'address']
    """
    import pandas as pd

    from ..core.case import resolve_case

    loaded = resolve_case(case)
    return pd.DataFrame(read_pages(loaded.path, []), columns=PAGE_COLUMNS).fillna("")


def profiles(case: Case | str | Path | None = None) -> pd.DataFrame:
    """The case's source profiles (who is behind each outlet, author and quoted person), one finding per row."""
    import pandas as pd

    from ..core.case import resolve_case

    loaded = resolve_case(case)
    problems: list[str] = []
    return pd.DataFrame(read_profiles(loaded.path, read_pages(loaded.path, problems), problems),
                        columns=PROFILE_COLUMNS).fillna("")


def draft_profiles(case: Case) -> list[dict[str, str]]:
    """An empty profile (status ``unknown``, ``review=draft``) for every outlet, author and quoted person the case names.

    Outlets and authors come from ``metadata.csv``; people from the quotations' speakers
    (:func:`kit.trace_quotes`). An article whose outlet or author is not given gets its own
    row: that absence is what a lateral reader notes first. The instructor then investigates,
    writes the pages, and replaces each statement.
    """
    from ..quotes.grouping import trace_quotes

    found: dict[tuple[str, str], set[str]] = {}
    for a in case.articles.to_dict("records"):
        for role, column in (("outlet", "outlet"), ("author", "author")):
            name = str(a.get(column) or "").strip() or f"Unnamed {role} of {a['article_id']}"
            found.setdefault((name, role), set()).add(a["article_id"])
    quotes = trace_quotes(case)
    for speaker, sid in zip(quotes["speaker"], quotes["sentence_id"]):
        if str(speaker or "").strip():
            found.setdefault((str(speaker).strip(), "person"), set()).add(str(sid).split(".")[0])
    rows = []
    for n, ((name, role), articles) in enumerate(sorted(found.items(), key=lambda kv: (ROLES.index(kv[0][1]), kv[0][0])), 1):
        unnamed = name.startswith("Unnamed ")
        rows.append({"id": f"S{n}", "entity": name, "aliases": "", "role": role, "articles": "|".join(sorted(articles)),
                     "statement": ("The text does not say; a reader cannot check who is behind it, and that absence is "
                                   "itself a signal." if unnamed else
                                   f"DRAFT: not investigated yet. Who is {name}? Add the pages that say so."),
                     "page_id": "", "as_of": "", "status": "unknown", "review": "draft"})
    return rows


register_case_check("sources corpus", check_corpus)
