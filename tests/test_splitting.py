"""Splitting many articles in worker processes gives exactly what splitting them one by one gives."""

from __future__ import annotations

import pytest

from kit.core import splitting
from kit.core.text import split_sentences

ARTICLES = [
    (f"Harbour report {i}\n\nDr. A. Moana said on Tuesday the port reopens by Friday. About {i} workers stayed home.\n\n"
     f'"We are not there yet," she said at 9:30 a.m. local time. Officials of the U.N. declined to comment.', f"Harbour report {i}")
    for i in range(6)
] + [("Transfer news\n\nThe club said the striker signed on Monday. Fans? Delighted!", "")]


def test_parallel_split_equals_one_by_one(monkeypatch):
    monkeypatch.setattr(splitting, "PARALLEL_FROM", 4)
    assert splitting.workers_for(len(ARTICLES), cpus=2) == 2
    monkeypatch.setattr(splitting, "workers_for", lambda n, cpus=None: 2)
    assert splitting.split_all(ARTICLES) == [split_sentences(*job) for job in ARTICLES]


def test_split_falls_back_when_no_pool_can_start(monkeypatch):
    class Refused:
        def __init__(self, *args, **kwargs):
            raise OSError("no processes in this sandbox")

    monkeypatch.setattr(splitting, "workers_for", lambda n, cpus=None: 2)
    monkeypatch.setattr(splitting, "ProcessPoolExecutor", Refused)
    assert splitting.split_all(ARTICLES) == [split_sentences(*job) for job in ARTICLES]


@pytest.mark.parametrize(("n", "cpus", "expected"), [(63, 8, 1), (64, 8, 2), (320, 8, 8), (10_000, 4, 4), (500, 1, 1)])
def test_workers_grow_with_the_case_up_to_the_processors(n, cpus, expected):
    assert splitting.workers_for(n, cpus=cpus) == expected
