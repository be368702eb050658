"""Splitting many articles in worker processes gives exactly what splitting them one by one gives."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kit.core import splitting
from kit.core.text import split_sentences

ARTICLES = [
    (f"Harbour report {i}\n\nDr. A. Moana said on Tuesday the port reopens by Friday. About {i} workers stayed home.\n\n"
     f'"We are not there yet," she said at 9:30 a.m. local time. Officials of the U.N. declined to comment.', f"Harbour report {i}")
    for i in range(6)
] + [("Transfer news\n\nThe club said the striker signed on Monday. Fans? Delighted!\n\nShare this:", "")]


def test_workers_split_exactly_as_one_by_one(monkeypatch):
    monkeypatch.setattr(splitting, "workers_for", lambda n, cpus=None: 2)
    calls = []
    real = subprocess.Popen
    monkeypatch.setattr(splitting.subprocess, "Popen", lambda *a, **k: calls.append(a) or real(*a, **k))
    assert splitting.split_all(ARTICLES) == [split_sentences(*job) for job in ARTICLES]
    assert len(calls) == 2 and calls[0][0][1:] == ["-m", "kit.core.splitting"]


def test_split_falls_back_when_no_worker_can_start(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("no processes in this sandbox")

    monkeypatch.setattr(splitting, "workers_for", lambda n, cpus=None: 2)
    monkeypatch.setattr(splitting.subprocess, "Popen", refuse)
    assert splitting.split_all(ARTICLES) == [split_sentences(*job) for job in ARTICLES]


def test_split_falls_back_when_a_worker_fails(monkeypatch):
    real = subprocess.Popen
    monkeypatch.setattr(splitting, "workers_for", lambda n, cpus=None: 2)
    monkeypatch.setattr(splitting.subprocess, "Popen",
                        lambda args, **k: real([sys.executable, "-c", "import sys; sys.stdin.read(); sys.exit(3)"], **k))
    assert splitting.split_all(ARTICLES) == [split_sentences(*job) for job in ARTICLES]


def test_a_script_without_a_main_guard_is_not_run_again_by_the_workers(tmp_path):
    """A pool of multiprocessing's spawn would re-run the caller's script in each worker; these workers do not."""
    script = tmp_path / "unguarded.py"
    marker = tmp_path / "runs.txt"
    script.write_text(
        "from kit.core import splitting\n"
        "splitting.PARALLEL_FROM = 4\n"
        f"open({str(marker)!r}, 'a').write('run\\n')\n"
        f"print(len(splitting.split_all([('One. Two.', '')] * 8)))\n", encoding="utf-8")
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert out.stdout.strip() == "8" and marker.read_text().count("run") == 1


@pytest.mark.parametrize(("n", "cpus", "expected"), [(63, 8, 1), (64, 8, 2), (320, 8, 8), (10_000, 4, 4), (500, 1, 1)])
def test_workers_grow_with_the_case_up_to_the_processors(n, cpus, expected):
    assert splitting.workers_for(n, cpus=cpus) == expected


def test_chunks_keep_the_order_and_lose_nothing():
    assert splitting.chunk_runs(list(range(7)), 3) == [[0, 1, 2], [3, 4], [5, 6]]


PIECES = ["Dr. A. Moana said the port reopens.", "\u201cWe are not there yet,\u201d she said.", "The U.S. and the U.N. agreed.",
          "Is it over?", "Fans cheered!", "It rose 4.5% to $1.2 bn.", "\u201cNo deal", "(see p. 4)", "At 9 a.m. the club met.",
          "The ship ran aground late yesterday...", "Officials declined to comment.", "'Never,' he said. 'Not now.'"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).map(" ".join), min_size=1, max_size=8))
def test_paragraphs_split_several_to_a_call_split_as_each_alone(paragraphs):
    """Batching short paragraphs into one pysbd call never changes a sentence (the batch is checked, else redone)."""
    from kit.core.text import _segmenter, chunks, segment_paragraphs

    alone = [[p.strip() for chunk in chunks(t) for p in _segmenter().segment(chunk)] for t in paragraphs]
    assert segment_paragraphs(paragraphs) == alone
