"""Malformed cases: each problem is one sentence naming the file, line and field (load_case and the CLI)."""

import subprocess
import sys

import pytest

import kit
from helpers import copy_seeds, edit_row, make_case, read_rows, write_rows

A1 = "001_d85575372cb3801a.txt"


def problems_of(folder):
    found = kit.validate_case(folder)
    with pytest.raises(kit.CaseError) as info:
        kit.load_case(folder)
    assert str(info.value).startswith(found[0])
    for p in found:
        assert "\n" not in p and "Traceback" not in p
    return found


def only_problem(folder):
    found = problems_of(folder)
    assert len(found) == 1, found
    return found[0]


def test_valid_copy_has_no_problems(tmp_path):
    assert kit.validate_case(copy_seeds(tmp_path)) == []


def test_missing_folder(tmp_path):
    p = only_problem(tmp_path / "nowhere")
    assert "does not exist" in p and "nowhere" in p


def test_file_instead_of_folder(tmp_path):
    f = tmp_path / "case.txt"
    f.write_text("x")
    assert "is a file, not a case folder" in only_problem(f)


def test_missing_metadata(tmp_path):
    case = copy_seeds(tmp_path)
    (case / "metadata.csv").unlink()
    assert "has no metadata.csv" in problems_of(case)[0]


def test_missing_column(tmp_path):
    case = copy_seeds(tmp_path)
    header, rows = read_rows(case / "metadata.csv")
    header.remove("genre")
    for r in rows:
        del r["genre"]
    write_rows(case / "metadata.csv", header, rows)
    p = problems_of(case)[0]
    assert "case/metadata.csv has no column 'genre'" in p


def test_extra_column(tmp_path):
    case = copy_seeds(tmp_path)
    header, rows = read_rows(case / "metadata.csv")
    for r in rows:
        r["language"] = "en"
    write_rows(case / "metadata.csv", header + ["language"], rows)
    assert "unknown column 'language'" in problems_of(case)[0]


def test_missing_article_file(tmp_path):
    case = copy_seeds(tmp_path)
    (case / "articles" / A1).unlink()
    p = only_problem(case)
    assert f"line 3 lists {A1}, but case/articles/{A1} does not exist" in p


def test_extra_article_file(tmp_path):
    case = copy_seeds(tmp_path)
    (case / "articles" / "005_new.txt").write_text("An article.", encoding="utf-8")
    assert "case/articles/005_new.txt is not listed in metadata.csv" in only_problem(case)


def test_bad_date(tmp_path):
    case = copy_seeds(tmp_path)
    edit_row(case / "metadata.csv", 1, published="2024-13-45")
    p = only_problem(case)
    assert f"case/metadata.csv, line 3 ({A1}), field 'published': '2024-13-45' is not a date" in p
    assert "YYYY-MM-DD" in p


def test_date_in_wrong_format(tmp_path):
    case = copy_seeds(tmp_path)
    edit_row(case / "metadata.csv", 2, published="13/11/2024")
    assert "'13/11/2024' is not a date" in only_problem(case)


def test_unknown_genre(tmp_path):
    case = copy_seeds(tmp_path)
    edit_row(case / "metadata.csv", 0, genre="Opinion piece")
    p = only_problem(case)
    assert "field 'genre': 'Opinion piece' is not a genre; use one of news, opinion" in p


def test_empty_article(tmp_path):
    case = copy_seeds(tmp_path)
    (case / "articles" / A1).write_text("  \n\n", encoding="utf-8")
    assert f"case/articles/{A1} is empty" in only_problem(case)


def test_article_not_utf8(tmp_path):
    case = copy_seeds(tmp_path)
    (case / "articles" / A1).write_bytes("Kremlin’s denial".encode("cp1252"))
    p = only_problem(case)
    assert f"case/articles/{A1} is not UTF-8 text (byte 7 is 0x92)" in p


def test_metadata_not_utf8(tmp_path):
    case = copy_seeds(tmp_path)
    data = (case / "metadata.csv").read_text(encoding="utf-8")
    (case / "metadata.csv").write_bytes(data.replace("’", "'").encode("utf-16"))
    assert "case/metadata.csv is not UTF-8 text" in problems_of(case)[0]


def test_duplicate_article_row(tmp_path):
    case = copy_seeds(tmp_path)
    header, rows = read_rows(case / "metadata.csv")
    write_rows(case / "metadata.csv", header, rows + [dict(rows[1])])
    assert f"line 7 ({A1}): the file is listed twice (also on line 3)" in only_problem(case)


def test_duplicate_key_id(tmp_path):
    case = copy_seeds(tmp_path)
    header, rows = read_rows(case / "keys" / "questions.csv")
    rows[2]["id"] = rows[1]["id"]
    write_rows(case / "keys" / "questions.csv", header, rows)
    p = only_problem(case)
    assert "case/keys/questions.csv, line 4, field 'id': 'q0.1' is a duplicate id (also on line 3)" in p


def test_key_quote_not_in_article(tmp_path):
    case = copy_seeds(tmp_path)
    edit_row(case / "keys" / "questions.csv", 1, quote="By Andrew Korybko")
    p = only_problem(case)
    assert "case/keys/questions.csv, line 3, field 'quote': 'By Andrew Korybko' is not in 002_14c45c499be95dbc.txt" in p


def test_key_quote_with_fixed_typo_is_rejected(tmp_path):
    """Correcting an article's typo in a key is an error: quotes are verbatim."""
    case = copy_seeds(tmp_path)
    (case / "keys" / "extra.csv").write_text(
        "id,file,quote\nx1,000_8979a4af9e96a01f.txt,Helmut Brandstätter\n", encoding="utf-8"
    )
    assert "field 'quote': 'Helmut Brandstätter' is not in 000_8979a4af9e96a01f.txt" in only_problem(case)


def test_key_quote_across_a_line_break_is_accepted(tmp_path):
    case = copy_seeds(tmp_path)
    (case / "keys" / "extra.csv").write_text(
        "id,file,quote\nx1,000_8979a4af9e96a01f.txt,Trump-Putin Phone Call Never Happened\n", encoding="utf-8"
    )
    assert kit.validate_case(case) == []


def test_key_unknown_file_and_sentence(tmp_path):
    case = copy_seeds(tmp_path)
    (case / "keys" / "extra.csv").write_text("id,file,quote,sentence_id\nx1,nope.txt,pure fiction,A7.S1\n", encoding="utf-8")
    found = problems_of(case)
    assert any("field 'file': 'nope.txt' is not an article of this case" in p for p in found)
    assert any("field 'sentence_id': 'A7.S1' is not a sentence of this case" in p for p in found)


def test_question_with_unknown_kind(tmp_path):
    case = copy_seeds(tmp_path)
    edit_row(case / "keys" / "questions.csv", 1, kind="multiple")
    assert "field 'kind': 'multiple' is not a kind" in only_problem(case)


def test_question_answer_cites_unknown_sentence(tmp_path):
    case = copy_seeds(tmp_path)
    edit_row(case / "keys" / "questions.csv", 5, answer="A3.S2;A3.S99")
    assert "A3.S99 is not a sentence of this case" in only_problem(case)


def test_question_explanation_must_cite_evidence(tmp_path):
    case = copy_seeds(tmp_path)
    edit_row(case / "keys" / "questions.csv", 1, explanation="Only one article has a byline.")
    assert "field 'explanation' cites no sentence id" in only_problem(case)


def test_question_choice_answer_not_in_options(tmp_path):
    case = copy_seeds(tmp_path)
    edit_row(case / "keys" / "questions.csv", 6, answer="lateral")
    assert "'lateral' is not one of them" in only_problem(case)


def test_context_bad_date_and_reversed_role(tmp_path):
    case = copy_seeds(tmp_path)
    edit_row(case / "context" / "events.csv", 0, date="Sept 12")
    edit_row(case / "context" / "roles.csv", 3, start="2025-01-20", end="2024-11-06")
    found = problems_of(case)
    assert any("case/context/events.csv, line 2, field 'date': 'Sept 12' is not a date" in p for p in found)
    assert any("case/context/roles.csv, line 5: the role ends (2024-11-06) before it starts (2025-01-20)" in p for p in found)


def test_ragged_csv_row(tmp_path):
    case = copy_seeds(tmp_path)
    with open(case / "context" / "events.csv", "a", encoding="utf-8") as handle:
        handle.write("2024-11-12,an event, with a comma,source,extra\n")
    assert "put double quotes around any value that contains a comma" in only_problem(case)


def test_all_problems_are_listed(tmp_path):
    case = copy_seeds(tmp_path)
    edit_row(case / "metadata.csv", 0, genre="column")
    edit_row(case / "metadata.csv", 1, published="yesterday")
    (case / "articles" / "999_extra.txt").write_text("x", encoding="utf-8")
    found = problems_of(case)
    assert len(found) == 3
    with pytest.raises(kit.CaseError, match=r"\(2 more problems: run `python -m kit validate`"):
        kit.load_case(case)


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "kit", *args], capture_output=True, text=True)


def test_cli_validate_ok():
    result = _cli("validate")
    assert result.returncode == 0
    assert result.stdout.startswith("OK: case 'seeds' has 5 articles")


def test_cli_validate_reports_every_problem_without_traceback(tmp_path):
    case = copy_seeds(tmp_path)
    edit_row(case / "metadata.csv", 0, genre="column")
    (case / "articles" / A1).write_bytes(b"\xff\xfe bad")
    result = _cli("validate", str(case))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[0] == f"2 problems in {case}:"
    assert any("field 'genre': 'column' is not a genre" in line for line in lines)
    assert any(f"case/articles/{A1} is not UTF-8 text" in line for line in lines)


def test_cli_validate_missing_folder(tmp_path):
    result = _cli("validate", str(tmp_path / "missing"))
    assert result.returncode == 1 and "does not exist" in result.stderr and "Traceback" not in result.stderr


def test_a_new_case_without_keys_or_numbers(tmp_path):
    """Any instructor's case works: no number prefixes, no context, no keys."""
    case = make_case(
        tmp_path,
        {"bbc.txt": "Ministers met on Friday.\nThey agreed.", "agency.txt": "Talks ended. Nobody spoke."},
        {"bbc.txt": {"outlet": "BBC", "genre": "news", "published": "2025-03-07", "url": "https://example.org/a"}},
        name="my_case",
    )
    loaded = kit.load_case(case)
    assert dict(zip(loaded.articles["file"], loaded.articles["article_id"])) == {"agency.txt": "A1", "bbc.txt": "A2"}
    assert list(loaded.sentences["sentence_id"]) == ["A1.S1", "A1.S2", "A2.S1", "A2.S2"]
    assert loaded.events.empty and loaded.roles.empty and loaded.keys == {}
    feedback = kit.check("q0.1", ["A1"], case=loaded, save=False)
    assert feedback.status == "invalid" and "Case 'my_case' has no questions key yet" in feedback.message
