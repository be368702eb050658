"""Cases: a folder of articles plus tables, loaded and validated.

A case folder holds::

    metadata.csv            file,outlet,author,genre,published,headline,url,notes
    articles/*.txt          the articles, byte for byte as captured (UTF-8)
    context/events.csv      optional: date,event[,source]
    context/roles.csv       optional: person,role,start,end[,source][,aliases]
    keys/*.csv              optional answer keys (questions.csv and the lesson keys)

Unknown metadata values are left empty. Every problem is reported in one
sentence that names the file, line and field and says how to fix it.
"""

from __future__ import annotations

import pickle
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from . import cache
from .errors import CaseError, NotInCaseError
from .lexicon import validate_lexicon
from .paths import SEALED_QUESTIONS, case_dir
from .keys import check_keys
from .registry import key_names, key_schema
from .tables import alias_problems, fmt_path, parse_date, read_table, read_text
from .tables import frame as text_frame

__all__ = ["Case", "is_article_id", "is_sentence_id", "load_case", "parse_date", "resolve_case", "validate_case"]
from .splitting import split_all
from .text import count_words, find_quote, normalise_space

if TYPE_CHECKING:
    import pandas as pd

METADATA_COLUMNS = ["file", "outlet", "author", "genre", "published", "headline", "url", "notes"]
GENRES = ("news", "opinion", "analysis", "press_release", "blog", "other")
"""Allowed values of the ``genre`` column (or empty when unknown)."""

CONTEXT_TABLES = {
    "events.csv": (["date", "event"], ["source"]),
    "roles.csv": (["person", "role", "start", "end"], ["source", "aliases"]),
}
_ARTICLE_ID = re.compile(r"^A\d+$")
_SENTENCE_ID = re.compile(r"^(A\d+)\.S(\d+)$")
_NUMBER_PREFIX = re.compile(r"^(\d+)")


def _article_ids(files: list[str]) -> dict[str, str]:
    """Give each article an id: its number prefix if all files have distinct ones, else its position."""
    prefixes = [_NUMBER_PREFIX.match(f) for f in files]
    numbers = [int(m.group(1)) for m in prefixes if m]
    if len(numbers) == len(files) and len(set(numbers)) == len(files):
        return {f: f"A{n}" for f, n in zip(files, numbers)}
    return {f: f"A{i}" for i, f in enumerate(sorted(files), start=1)}


@dataclass
class Case:
    """A loaded case: articles, sentences, context and answer keys.

    Attributes:
        path: the case folder.
        articles: one row per article (``article_id``, metadata, ``words``, ``sentences``).
        sentences: one row per sentence (``sentence_id`` like ``A2.S14``, text, raw span).
        events, roles: the context tables (empty when the case has none).
        keys: answer-key tables by name (``"questions"`` for ``keys/questions.csv``).

    >>> case = load_case()
    >>> case
    Case('seeds': 5 articles, 217 sentences, keys: annotations, claims, coverage, frames, questions, sources, stance, techniques)
    >>> case.sentences.loc[0, ["sentence_id", "kind"]].tolist()
    ['A0.S1', 'headline']
    """

    path: Path
    articles: pd.DataFrame
    sentences: pd.DataFrame
    events: pd.DataFrame
    roles: pd.DataFrame
    keys: dict[str, pd.DataFrame] = field(default_factory=dict)
    _raw: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def name(self) -> str:
        """The folder name of the case, e.g. ``"seeds"``."""
        return self.path.name

    def __repr__(self) -> str:  # a student release's sealed questions key (kit.sealed) is a key too
        keys = set(self.keys) | ({"questions"} if (Path(self.path) / "keys" / SEALED_QUESTIONS).is_file() else set())
        return f"Case({self.name!r}: {len(self.articles)} articles, {len(self.sentences)} sentences, keys: " \
               f"{', '.join(sorted(keys)) or 'none'})"

    def _file(self, article: str) -> str:
        if article in self._raw:
            return article
        match = self.articles.loc[self.articles["article_id"] == article, "file"]
        if len(match):
            return str(match.iloc[0])
        ids = ", ".join(self.articles["article_id"])
        raise NotInCaseError(f"{article!r} is not an article of case {self.name!r}; use a file name or one of {ids}.")

    def raw(self, article: str) -> str:
        """Return an article's text exactly as captured, by file name or article id.

        >>> load_case().raw("A3").startswith("Kremlin denies")
        True
        """
        return self._raw[self._file(article)]

    def text(self, article: str) -> str:
        """Return an article's normalised text: one line per paragraph, hard line breaks joined.

        >>> load_case().text("A0").splitlines()[0]
        'The Kremlin Said Trump-Putin Phone Call Never Happened. Why?'
        """
        file = self._file(article)
        rows = self.sentences[self.sentences["file"] == file]
        paras: dict[int, list[str]] = {}
        for p, t in zip(rows["paragraph"], rows["text"]):
            paras.setdefault(int(p), []).append(t)
        return "\n".join(" ".join(v) for _, v in sorted(paras.items()))

    def sentence(self, sentence_id: str) -> str:
        """Return the normalised text of one sentence by its id.

        >>> load_case().sentence("A3.S1")
        'Kremlin denies reports of Putin-Trump call over Ukraine conflict'
        """
        rows = self.sentences[self.sentences["sentence_id"] == sentence_id]
        if rows.empty:
            raise NotInCaseError(f"{sentence_id!r} is not a sentence id of case {self.name!r}; ids look like A1.S3.")
        return str(rows["text"].iloc[0])

    def find_quote(self, article: str, quote: str) -> list[str]:
        """Return the ids of the sentences that a verbatim quote overlaps (empty if not found).

        White space in the quote matches any white space (line breaks included);
        everything else must be exactly as printed.

        >>> load_case().find_quote("A3", "simply false information")
        ['A3.S4']
        """
        file = self._file(article)
        span = find_quote(self._raw[file], quote)
        if span is None:
            return []
        rows = self.sentences[self.sentences["file"] == file]
        hit = rows[(rows["start"] < span[1]) & (rows["end"] > span[0])]
        return list(hit["sentence_id"])


def _check_metadata(root: Path, problems: list[str]) -> list[tuple[int, dict[str, str]]]:
    label = fmt_path(root / "metadata.csv", root)
    if not (root / "metadata.csv").is_file():
        problems.append(
            f"{root} has no metadata.csv; add one with the columns {','.join(METADATA_COLUMNS)} "
            "(one line per article)."
        )
        return []
    rows = read_table(root / "metadata.csv", label, METADATA_COLUMNS, [], problems) or []
    seen: dict[str, int] = {}
    good = []
    for line, row in rows:
        where = f"{label}, line {line}"
        name = row["file"].strip()
        if not name:
            problems.append(f"{where}: the field 'file' is empty; give the article's file name, e.g. 000_x.txt.")
            continue
        where = f"{label}, line {line} ({name})"
        if name in seen:
            problems.append(
                f"{where}: the file is listed twice (also on line {seen[name]}); keep one line per article."
            )
            continue
        seen[name] = line
        genre = row["genre"].strip()
        if genre and genre not in GENRES:
            problems.append(
                f"{where}, field 'genre': {genre!r} is not a genre; use one of {', '.join(GENRES)}, "
                "or leave it empty when unknown."
            )
        try:
            parse_date(row["published"])
        except ValueError:
            problems.append(
                f"{where}, field 'published': {row['published']!r} is not a date; "
                "write it as YYYY-MM-DD (e.g. 2024-11-13) or leave it empty when the text does not say."
            )
        url = row["url"].strip()
        if url and not re.match(r"^https?://\S+$", url):
            problems.append(f"{where}, field 'url': {url!r} is not a web address; start it with https:// or leave it empty.")
        good.append((line, row))
    return good


def _check_articles(root: Path, meta: list[tuple[int, dict[str, str]]], problems: list[str]) -> dict[str, str]:
    folder = root / "articles"
    if not folder.is_dir():
        problems.append(f"{root} has no articles/ folder; put one .txt file per article in {root.name}/articles/.")
        return {}
    on_disk = {p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")}
    listed = {row["file"].strip(): line for line, row in meta}
    for name in sorted(on_disk - set(listed)):
        problems.append(
            f"{root.name}/articles/{name} is not listed in metadata.csv; add a line for it there or remove the file."
        )
    for name, line in sorted(listed.items(), key=lambda kv: kv[1]):
        if name not in on_disk:
            problems.append(
                f"{root.name}/metadata.csv, line {line} lists {name}, but {root.name}/articles/{name} does not exist; "
                "add the file or remove the line."
            )
    raw: dict[str, str] = {}
    for name in sorted(on_disk & set(listed)):
        label = f"{root.name}/articles/{name}"
        if not name.endswith(".txt"):
            problems.append(f"{label} is not a .txt file; save each article as plain UTF-8 text ending in .txt.")
            continue
        text = read_text(folder / name, label, problems)
        if text is None:
            continue
        if not text.strip():
            problems.append(f"{label} is empty; paste the article's text into it or remove it from the case.")
            continue
        raw[name] = text
    return raw


def _check_context(root: Path, problems: list[str]) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    for name, (required, optional) in CONTEXT_TABLES.items():
        path = root / "context" / name
        if not path.is_file():
            continue
        label = fmt_path(path, root)
        rows = read_table(path, label, required, optional, problems) or []
        date_fields = ["date"] if name == "events.csv" else ["start", "end"]
        good = []
        for line, row in rows:
            parsed = {}
            for f in date_fields:
                try:
                    parsed[f] = parse_date(row[f])
                except ValueError:
                    problems.append(
                        f"{label}, line {line}, field '{f}': {row[f]!r} is not a date; write it as YYYY-MM-DD."
                    )
                    parsed[f] = None
            if name == "events.csv":
                if parsed.get("date") is None and not row["date"].strip():
                    problems.append(f"{label}, line {line}, field 'date' is empty; every event needs a date.")
                if not row["event"].strip():
                    problems.append(f"{label}, line {line}, field 'event' is empty; say what happened.")
            else:
                for f in ("person", "role"):
                    if not row[f].strip():
                        problems.append(f"{label}, line {line}, field '{f}' is empty; fill it in.")
                problems.extend(alias_problems(row.get("aliases") or "", label, line))
                s, e = parsed.get("start"), parsed.get("end")
                if s is not None and e is not None and str(e) < str(s):
                    problems.append(
                        f"{label}, line {line}: the role ends ({row['end']}) before it starts ({row['start']}); "
                        "swap or correct the dates."
                    )
            good.append(row)
        out[name] = good
    return out


def _build_sentences(files: dict[str, str], raw: dict[str, str], headlines: dict[str, str], root: str) -> pd.DataFrame:
    import pandas as pd

    records = []
    order = sorted(raw, key=lambda f: (int(files[f][1:]), f))
    split = split_all([(raw[file], headlines.get(file, ""), root) for file in order])  # root: the case's own lexicon
    for file, sentences in zip(order, split):
        aid = files[file]
        for n, s in enumerate(sentences, start=1):
            records.append(
                {
                    "sentence_id": f"{aid}.S{n}",
                    "article_id": aid,
                    "file": file,
                    "paragraph": s.paragraph,
                    "kind": s.kind,
                    "text": s.text,
                    "start": s.start,
                    "end": s.end,
                }
            )
    columns = ["sentence_id", "article_id", "file", "paragraph", "kind", "text", "start", "end"]
    return pd.DataFrame.from_records(records, columns=columns)


def validate_case(path: str | Path | None = None) -> list[str]:
    """Check a case folder and return its problems, one sentence each (empty when it is valid).

    Args:
        path: the case folder; the built-in seeds when ``None``.

    Returns:
        A list of problems; ``[]`` means the case loads.

    >>> validate_case()
    []
    """
    try:
        _load(path)
    except CaseError as exc:
        return exc.problems
    return []


def _load(path: str | Path | None) -> Case:
    import pandas as pd

    root = Path(path).expanduser() if path is not None else case_dir()
    if not root.exists():
        raise CaseError(f"The case folder {root} does not exist; check the path (it should hold metadata.csv).")
    if not root.is_dir():
        raise CaseError(f"{root} is a file, not a case folder; give the folder that holds metadata.csv.")
    root = root.resolve()
    problems: list[str] = []
    meta = _check_metadata(root, problems)
    raw = _check_articles(root, meta, problems)
    context = _check_context(root, problems)
    validate_lexicon(root, problems)  # a case may extend the kit's lexicon
    if problems:
        raise CaseError(problems)

    files = [row["file"].strip() for _, row in meta]
    ids = _article_ids(files)
    headlines = {row["file"].strip(): row["headline"].strip() for _, row in meta}
    sentences = _build_sentences(ids, raw, headlines, str(root))

    records = []
    by_file = dict(tuple(sentences.groupby("file", sort=False)))  # one pass, not one filter per article
    for _, row in meta:
        file = row["file"].strip()
        text_rows = by_file.get(file, sentences.iloc[:0])
        published = parse_date(row["published"])
        head = normalise_space(row["headline"])
        records.append(
            {
                "article_id": ids[file],
                "file": file,
                "outlet": row["outlet"].strip(),
                "author": row["author"].strip(),
                "genre": row["genre"].strip(),
                "published": pd.Timestamp(published) if published is not None else pd.NaT,
                "headline": head,
                "url": row["url"].strip(),
                "notes": row["notes"].strip(),
                "words": count_words(" ".join(text_rows.loc[text_rows["kind"] != "boilerplate", "text"])),
                "sentences": len(text_rows),
                "headline_in_text": bool(head) and bool((text_rows["kind"] == "headline").any()),
            }
        )
    articles = pd.DataFrame.from_records(records)
    articles = articles.sort_values("article_id", key=lambda s: s.str[1:].astype(int)).reset_index(drop=True)
    events = text_frame(context.get("events.csv", []), ["date", "event", "source"])
    roles = text_frame(context.get("roles.csv", []), ["person", "role", "start", "end", "source", "aliases"])
    for frame, cols in ((events, ["date"]), (roles, ["start", "end"])):
        for c in cols:
            frame[c] = pd.to_datetime(frame[c].replace("", None), format="ISO8601") if len(frame) else frame[c]
    case = Case(root, articles, sentences, events, roles, {}, raw)
    case.keys = check_keys(case, root, problems)
    if problems:
        raise CaseError(problems)
    return case


def load_case(path: str | Path | None = None, *, cached: bool = True) -> Case:
    """Load and validate a case folder (the built-in seed articles by default).

    A case already loaded on this machine, with the same files and the same
    kit, is read back from the kit's on-disk cache (:mod:`kit.core.cache`):
    every kernel of a class loads the case in milliseconds.

    Args:
        path: a case folder (with ``metadata.csv`` and ``articles/``), or ``None`` for the seeds.
        cached: use the on-disk cache; the grader passes ``False`` (it never
            reads a file that a submission could have written).

    Returns:
        A :class:`Case` with ``articles`` and ``sentences`` tables.

    Raises:
        CaseError: when the folder is not a valid case; the message names the file,
            line and field and says how to fix it.

    >>> case = load_case()
    >>> list(case.articles["article_id"])
    ['A0', 'A1', 'A2', 'A3', 'A4']
    >>> case.sentence("A0.S1")
    'The Kremlin Said Trump-Putin Phone Call Never Happened. Why?'
    """
    root = Path(path).expanduser() if path is not None else case_dir()
    name = case_digest(root) if cached else None
    stored = cache.load(CASE_CACHE, name) if name else None
    if stored is not None:
        try:
            return pickle.loads(stored)
        except Exception:  # an entry from an incompatible library version: load afresh
            pass
    case = _load(path)
    if name:
        cache.save(CASE_CACHE, name, pickle.dumps(case, protocol=pickle.HIGHEST_PROTOCOL))
    return case


CASE_CACHE = "cases"
"""The folder of :mod:`kit.core.cache` that holds loaded cases."""


def case_digest(root: Path) -> str | None:
    """Return a digest of everything a loaded case depends on, or ``None`` when it cannot be cached.

    That is: every file of the case folder (names and bytes), every file of the
    kit's source (its parsing and validation rules, the lexicon), the key
    validators registered now, and the versions of Python, pandas and pysbd.
    """
    if cache.cache_dir() is None or not root.is_dir():
        return None
    root = root.resolve()
    parts: list[str | bytes] = [str(root), _kit_digest()]
    for file in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        parts += [str(file.relative_to(root)), file.read_bytes()]
    for key in key_names():
        check = key_schema(key)
        parts.append(f"{key}:{check.validate.__module__}.{check.validate.__qualname__}:{check.quote_optional}")
    return cache.digest(*parts)


@lru_cache(maxsize=1)
def _kit_digest() -> str:
    """A digest of the kit's own source and data and of the library versions, read once per process."""
    import pandas as pd

    kit_dir = Path(__file__).resolve().parent.parent
    parts: list[str | bytes] = [sys.version, pd.__version__, version("pysbd")]
    for file in sorted(p for p in kit_dir.rglob("*") if p.suffix in (".py", ".csv") and "__pycache__" not in p.parts):
        parts += [str(file.relative_to(kit_dir)), file.read_bytes()]
    return cache.digest(*parts)


def is_sentence_id(value: object) -> bool:
    """Tell whether ``value`` looks like a sentence id such as ``A2.S14``.

    >>> is_sentence_id("A2.S14"), is_sentence_id("A2")
    (True, False)
    """
    return isinstance(value, str) and bool(_SENTENCE_ID.match(value))


def is_article_id(value: object) -> bool:
    """Tell whether ``value`` looks like an article id such as ``A2``.

    >>> is_article_id("A2"), is_article_id("A2.S1")
    (True, False)
    """
    return isinstance(value, str) and bool(_ARTICLE_ID.match(value))


@lru_cache(maxsize=4)
def _cached_case(path: str, stamp: tuple) -> Case:
    return load_case(path)


def _case_stamp(root: Path) -> tuple:
    return tuple(sorted((str(p), p.stat().st_mtime_ns) for p in root.rglob("*") if p.is_file()))


def resolve_case(case: Case | str | Path | None = None) -> Case:
    """Return a loaded case from a :class:`Case`, a case folder or ``None`` (the seeds).

    Every analysis accepts these three forms and calls this first. A folder is
    loaded once and cached until one of its files changes.

    Raises:
        CaseError: when the folder is not a valid case.

    >>> resolve_case() is resolve_case()
    True
    """
    if isinstance(case, Case):
        return case
    root = (Path(case).expanduser() if case is not None else case_dir()).resolve()
    if not root.is_dir():
        return load_case(root)  # raises the friendly CaseError
    return _cached_case(str(root), _case_stamp(root))
