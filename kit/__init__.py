"""The media-literacy course kit: cases, checks and charts for checking the news.

>>> import kit
>>> kit.load_case().articles.shape[0]
5
"""

from .store import answers
from .case import Case, load_case, validate_case
from .charts import articles_chart, setup
from .checks import Feedback, check, progress, questions
from .errors import CaseError, KitError
from .paths import answers_path, seeds_dir

__version__ = "0.1.0"

__all__ = [
    "Case",
    "CaseError",
    "Feedback",
    "KitError",
    "answers",
    "answers_path",
    "articles_chart",
    "check",
    "load_case",
    "progress",
    "questions",
    "seeds_dir",
    "setup",
    "validate_case",
]
