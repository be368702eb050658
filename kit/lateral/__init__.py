"""Lateral reading: investigate a source before reading it closely, in the case's own offline corpus.

Professional fact-checkers leave an unfamiliar page at once and read what others say about its
source. An offline course brings that web with it: each case's ``context/sources/`` holds pages
(reference entries, outlets' own about pages, assessments, self-serving results) and profiles of
its outlets, authors and quoted people (:mod:`kit.lateral.corpus`).
"""

from .corpus import PAGE_COLUMNS, PAGE_KINDS, PROFILE_COLUMNS, pages, profiles
from .search import search
from .widget import add_event, investigate, new_trail, restore, trail_summary

__all__ = ["PAGE_COLUMNS", "PAGE_KINDS", "PROFILE_COLUMNS", "pages", "profiles",
           "search", "investigate", "new_trail", "add_event", "trail_summary", "restore"]
