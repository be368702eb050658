"""The core of the kit: cases, text, answers and words. It knows no skill.

Skills (claims, quotes, dates, framing, questions) build on it and register
their key validators with :mod:`kit.core.registry`; nothing here imports a
skill, so there is no import cycle.
"""

from .case import Case, is_article_id, is_sentence_id, load_case, parse_date, resolve_case, validate_case
from .errors import CaseError, KitError, NotInCaseError
from .paths import answers_path, seeds_dir
from .registry import register_key

__all__ = [
    "Case",
    "CaseError",
    "KitError",
    "NotInCaseError",
    "answers_path",
    "is_article_id",
    "is_sentence_id",
    "load_case",
    "parse_date",
    "register_key",
    "resolve_case",
    "seeds_dir",
    "validate_case",
]
