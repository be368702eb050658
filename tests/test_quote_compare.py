"""Quote comparison: the pure logic (kit.quotes.compare) and the widget (kit.quotes.compare_widget.compare_quotes).

On the seeds (Peskov's denial, rendered twelve times in five articles) and on two invented stories:
a club manager's words on a transfer fee rendered four ways in Lisbon football coverage (one cut,
one reworded, one with only its punctuation changed, which must NOT count as a change), and a port
authority chief's statement in Wellington that three outlets render alike (case and punctuation aside:
"same words"). A case where no statement is rendered twice gets one friendly sentence. The widget is
driven as the browser drives it: ``.value`` for a toggle or the dropdown, ``.click()`` for Check.
"""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import make_case
from kit.answer_widget import last_answer
from kit.core.case import resolve_case
from kit.quotes import trace_quotes
from kit.quotes.compare import (CHANGE_KINDS, answer_value, change_words, demo_task, diff_html, diff_tokens,
                                judge_change, judge_changes, judge_pick, preselect_statement, quoted_words,
                                renderings, statement_options, tiny_trace, what_changed)
from kit.quotes.compare_widget import NOTHING_TO_COMPARE, compare_quotes

LISBON = {
    "relvado.txt": "Ventura defends Silva fee\n\nClube Atlético manager Rui Ventura defended the transfer on Monday. "
                   "“We did not overpay for Silva, the fee reflects his age and his talent,” Ventura said.\n",
    "bola.txt": "Silva deal questioned\n\nFans asked whether the club paid too much. “We did not overpay for Silva,” "
                "Ventura said on Tuesday.\n",
    "tejo.txt": "Ventura on the Silva fee\n\nThe manager was asked about the fee. Ventura said: “We did not overspend "
                "on Silva, the fee reflects his talent.”\n",
    "norte.txt": "Club stands by transfer\n\nRui Ventura told reporters: “We did not overpay for Silva. The fee reflects "
                 "his age and his talent.”\n",
}
LISBON_META = {"relvado.txt": {"outlet": "Gazeta do Relvado", "published": "2031-05-10"},
               "bola.txt": {"outlet": "Bola Diária", "published": "2031-05-11"},
               "tejo.txt": {"outlet": "Jornal do Tejo", "published": "2031-05-11"},
               "norte.txt": {"outlet": "Norte Desportivo", "published": "2031-05-12"}}
WELLINGTON = {
    "ledger.txt": "Harbour to reopen\n\nPort authority chief executive Mere Tane said the inspection was nearly done. "
                  "“The harbour will reopen on Monday once the cranes are inspected,” Tane said.\n",
    "post.txt": "Port reopening set\n\nTane said: “The Harbour will reopen on Monday, once the cranes are inspected.”\n",
    "wave.txt": "Cranes checked before reopening\n\n“The harbour will reopen on Monday once the cranes are inspected,” "
                "Mere Tane told reporters.\n",
}
WELLINGTON_META = {f: {"outlet": o, "published": "2031-03-02"}
                   for f, o in [("ledger.txt", "Harbour Ledger"), ("post.txt", "Wellington Post"), ("wave.txt", "Wave FM")]}
LONELY = {
    "one.txt": "Ferry delayed\n\n“The crossing is cancelled until Thursday,” the operator's Ana Reti said.\n",
    "two.txt": "Wharf quiet\n\n“We are waiting for the union,” Tom Hale said.\n",
}
HEADER = ["id", "kind", "prompt", "answer", "options", "match", "tolerance", "explanation", "hint", "defensible"]


def _questions(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def lisbon(tmp_path, questions: list[dict] | None = None):
    keys = {"questions": _questions(questions)} if questions else None
    return resolve_case(make_case(tmp_path, LISBON, LISBON_META, keys=keys, name="lisbon"))


def wellington(tmp_path):
    return resolve_case(make_case(tmp_path, WELLINGTON, WELLINGTON_META, name="wellington"))


def article_of(case, outlet: str) -> str:
    return case.articles.loc[case.articles["outlet"] == outlet, "article_id"].iloc[0]


def table_of(case, statement: str = "S1"):
    return renderings(trace_quotes(case), statement, dict(zip(case.articles["article_id"], case.articles["outlet"])))


def row(table, quote_id: str):
    return table[table["quote_id"] == quote_id].iloc[0]


# --- the pure logic on the seeds ------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds():
    return table_of(resolve_case(None))


def test_the_seeds_offer_the_denial_labelled_by_speaker_and_words_never_a_file():
    options = statement_options(trace_quotes())
    assert [sid for _, sid in options] == ["S1"]
    label = options[0][0]
    assert label.startswith("Dmitry Peskov: “This is a particularly vivid") and "(5 articles)" in label
    assert ".txt" not in label


def test_the_seeds_renderings_put_the_reference_first_with_outlet_and_sentence(seeds):
    assert seeds["quote_id"].iloc[0] == "A0.Q3" and seeds["is_reference"].iloc[0]
    assert seeds["is_reference"].sum() == 1 and len(seeds) == 12
    assert row(seeds, "A0.Q3")["article"] == "A0 · The Moscow Times" and row(seeds, "A3.Q1")["sentence_id"] == "A3.S4"
    assert row(seeds, "A1.Q1")["article"] == "A1 · outlet not stated"


def test_the_seeds_a3_rendering_replaces_fake_news_and_the_excerpts_only_drop(seeds):
    a3 = row(seeds, "A3.Q1")
    assert ("replaced", "fake news,", "false information") in a3["tokens"] and a3["changed"] == "replaced"
    cut = seeds[seeds["match"] == "truncated"]
    assert set(cut["changed"]) == {"dropped"} and set(cut["fidelity"]) == {"cut"}
    markup = diff_html(a3["tokens"])
    assert "<del" in markup and "[-fake news,-]</del>" in markup and "[+false information+]</ins>" in markup
    assert PALETTE_DROPPED in markup


PALETTE_DROPPED = __import__("kit.display", fromlist=["PALETTE"]).PALETTE["compare"]["dropped"]


def test_the_seeds_demo_asks_for_the_changed_rendering_and_names_the_other(seeds):
    assert demo_task(seeds)[0] == "changed"
    right, why = judge_pick(seeds, "A3.Q1")
    assert right and "reworded" in why and "A0.Q3" in why and "A1.Q3" in why
    wrong, why = judge_pick(seeds, "A4.Q2")
    assert not wrong and "truncated" in why and "A3.Q1" in why
    assert not judge_pick(seeds, "A0.Q3")[0]


def test_the_seeds_what_changed_is_judged_naming_the_words(seeds):
    a3 = row(seeds, "A3.Q1")
    assert judge_change(a3, "replaced") == (True, "Right: against the reference A0.Q3, A3.Q1 dropped 'This is a "
                                            "particularly … is pure fiction,'; replaced 'fake news,' → 'false information'.")
    partly, why = judge_change(a3, "dropped")
    assert not partly and why.startswith("Partly") and "false information" in why
    assert not judge_change(a3, "same")[0] and judge_change(row(seeds, "A4.Q2"), "dropped")[0]
    assert judge_change(row(seeds, "A0.Q3"), "same")[0]


def test_the_seeds_answer_values_are_article_ids(seeds):
    assert answer_value(seeds, ["A3.Q1"]) == "A3"
    assert answer_value(seeds, ["A4.Q2", "A0.Q1", "A2.Q1", "A1.Q1", "A4.Q3"], many=True) == ["A0", "A1", "A2", "A4"]
    assert answer_value(seeds, []) is None and answer_value(seeds, ["nope"]) is None


def test_a_prompt_points_at_the_statement_its_quoted_words_come_from():
    trace = trace_quotes()
    prompt = "Which article renders the denial without the words 'pure fiction' that the others share?"
    assert quoted_words(prompt) == ["pure fiction"]
    assert preselect_statement(trace, statement_options(trace), prompt) == "S1"
    assert quoted_words("Which article quotes Trump's team? Don't guess.") == []
    assert preselect_statement(trace, [], prompt) is None


# --- two invented stories -----------------------------------------------------------------------


def test_lisbon_the_cut_the_reworded_and_the_repunctuated_renderings(tmp_path):
    case = lisbon(tmp_path)
    options = statement_options(trace_quotes(case))
    assert len(options) == 1 and options[0][0].startswith("Rui Ventura: “We did not overpay for Silva")
    table = table_of(case)
    by_outlet = {outlet.split(" · ", 1)[1]: r for outlet, r in zip(table["article"], table.to_dict("records"))}
    assert by_outlet["Gazeta do Relvado"]["is_reference"]  # the earliest dated
    assert by_outlet["Bola Diária"]["changed"] == "dropped"
    assert by_outlet["Jornal do Tejo"]["changed"] == "replaced" and by_outlet["Jornal do Tejo"]["fidelity"] == "changed"
    norte = by_outlet["Norte Desportivo"]  # "Silva. The fee" for "Silva, the fee": punctuation is no change
    assert norte["changed"] == "same" and norte["fidelity"] == "faithful" and "<del" not in diff_html(norte["tokens"])
    assert judge_change(norte, "same")[0] and not judge_change(norte, "replaced")[0]
    tejo = by_outlet["Jornal do Tejo"]["quote_id"]
    assert judge_pick(table, tejo)[0] and not judge_pick(table, norte["quote_id"])[0]
    said = change_words(by_outlet["Jornal do Tejo"]["tokens"])
    assert said == "replaced 'overpay for' → 'overspend on'; dropped 'age and his'"  # the diff that marks fewest words


def test_wellington_renderings_that_agree_say_same_words(tmp_path):
    case = wellington(tmp_path)
    table = table_of(case)
    assert len(table) == 3 and set(table["changed"]) == {"same"} and set(table["fidelity"]) == {"faithful"}
    assert demo_task(table)[0] == "faithful"
    post = row(table, article_of(case, "Wellington Post") + ".Q1")  # "Harbour" capitalised, a comma added
    assert judge_change(post, "same") == (True, "Right: against the reference A1.Q1, A2.Q1 has the same words "
                                          "(case and punctuation aside).")
    wrong, why = judge_change(post, "dropped")
    assert not wrong and "same words / only punctuation" in why
    assert judge_pick(table, post["quote_id"])[0]
    assert judge_changes(table, list(table["quote_id"][1:]), "same")[0]


def test_a_case_with_no_statement_rendered_twice_gets_a_friendly_widget(tmp_path):
    case = resolve_case(make_case(tmp_path, LONELY, name="lonely"))
    assert statement_options(trace_quotes(case)) == []
    box = compare_quotes(case=case)
    assert list(box.children) == [box.feedback] and NOTHING_TO_COMPARE.split(";")[0] in box.feedback.value
    assert "Traceback" not in box.feedback.value and box.answer is None


def test_statement_options_put_the_most_rendered_statement_first():
    trace = tiny_trace([("A1", "Rui Costa", "calm at the port"), ("A2", "", "no deal today"), ("A1", "", "no deal"),
                        ("A2", "Rui Costa", "calm at the port"), ("A3", "Ana Lopez", "no deal today")])
    options = statement_options(trace)
    assert [sid for _, sid in options] == ["S2", "S1"]
    assert options[0][0].startswith("Ana Lopez") and options[1][0].startswith("Rui Costa")


def test_html_is_escaped_and_marked_without_relying_on_colour():
    markup = diff_html([("same", "<b>we</b>", "<b>we</b>"), ("added", "", "&co"), ("dropped", "x y", "")])
    assert "<b>" not in markup and "&lt;b&gt;we&lt;/b&gt;" in markup and "[+&amp;co+]" in markup
    assert "text-decoration:line-through" in markup and "text-decoration:underline" in markup and "[-x y-]" in markup


WORDS = st.lists(st.sampled_from(["the", "fee", "port", "Silva", "talent", "Monday", "harbour", "we", "not"]),
                 min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(WORDS, WORDS)
def test_tokens_rebuild_both_renderings(first, second):
    a, b = " ".join(first), " ".join(second)
    tokens = diff_tokens(a, b, "truncated")
    assert " ".join(x for op, x, _ in tokens if op != "added" and x) == a
    assert " ".join(y for op, _, y in tokens if op != "dropped" and y) == b
    assert what_changed(tokens) in CHANGE_KINDS


@settings(max_examples=60, deadline=None)
@given(WORDS, st.lists(st.sampled_from([",", ".", "", "!", "“", "”"]), min_size=12, max_size=12), st.booleans())
def test_case_and_punctuation_are_the_same_words(words, marks, upper):
    text = " ".join(words)
    noisy = " ".join(f"{w.upper() if upper else w}{m}" for w, m in zip(words, marks))
    for match in ("verbatim", "reworded"):
        assert what_changed(diff_tokens(text, noisy, match)) == "same"


# --- the widget ---------------------------------------------------------------------------------


@pytest.fixture
def answers(tmp_path, monkeypatch):
    path = tmp_path / "answers.json"
    monkeypatch.setenv("KIT_ANSWERS", str(path))
    return path


def test_the_demo_widget_judges_a_pick_and_what_changed_and_records_nothing(answers):
    box = compare_quotes()
    assert box.statement.value == "S1" and box.statement.options[0][1] == "S1"
    assert "kit-compare-quotes" in box._dom_classes and "unfaithful" in box.task.value
    assert "A0.Q3" in box.legend.value and ".txt" not in box.legend.value
    box.check_button.click()
    assert "Pick a rendering first" in box.feedback.value
    box.pick_buttons["A4.Q2"].value = True
    box.pick_buttons["A3.Q1"].value = True  # one pick at a time
    assert not box.pick_buttons["A4.Q2"].value and box.answer == "A3"
    box.change.value = "replaced"
    box.check_button.click()
    assert "kit-demo" in box.feedback.value and "Right: the kit grades A3.Q1" in box.feedback.value
    assert "false information" in box.feedback.value and not answers.exists()


def test_a_question_of_kind_article_is_checked_recorded_and_restored(answers):
    box = compare_quotes("q2.2")
    assert box.statement.value == "S1" and "q2.2" in box.task.value
    box.pick_buttons["A3.Q1"].value = True
    box.change.value = "replaced"
    box.check_button.click()
    assert "kit-correct" in box.feedback.value and "What changed" in box.feedback.value
    assert last_answer("q2.2", "seeds") == "A3"
    again = compare_quotes("q2.2")  # after a kernel restart: only the answers file remains
    assert again.pick_buttons["A3.Q1"].value and again.answer == "A3" and "back" in again.feedback.value


def test_a_question_of_kind_articles_takes_several_picks(answers):
    box = compare_quotes("q2.1")
    for quote_id in ("A0.Q1", "A1.Q1", "A2.Q1", "A4.Q2"):
        box.pick_buttons[quote_id].value = True
    assert box.answer == ["A0", "A1", "A2", "A4"]
    box.change.value = "dropped"
    box.check_button.click()
    assert "kit-correct" in box.feedback.value and last_answer("q2.1", "seeds") == ["A0", "A1", "A2", "A4"]
    box.pick_buttons["A2.Q1"].value = False
    assert box.answer == ["A0", "A1", "A4"]
    again = compare_quotes("q2.1")
    assert sorted(q for q, b in again.pick_buttons.items() if b.value) == ["A0.Q3", "A1.Q1", "A2.Q1", "A4.Q1"]  # each article's first row shown


def test_an_invented_case_question_goes_through_check(tmp_path, answers):
    tejo = article_of(lisbon(tmp_path / "draft"), "Jornal do Tejo")
    case = lisbon(tmp_path, [{"id": "l1", "kind": "article", "answer": tejo, "prompt": "Which outlet renders "
                              "'we did not overpay for silva' with a word changed?",
                              "explanation": f"{tejo}.S3 has 'overspend on' for 'overpay for'.", "hint": "Compare the verbs."}])
    box = compare_quotes("l1", case.path)
    assert box.statement.value == "S1" and "Jornal do Tejo" in box.rows.children[0].children[1].value + "".join(
        r.children[1].value for r in box.rows.children)
    box.pick_buttons[f"{tejo}.Q1"].value = True
    box.change.value = "replaced"
    box.check_button.click()
    assert "kit-correct" in box.feedback.value and last_answer("l1", "lisbon") == tejo
    assert "Right: against the reference" in box.feedback.value


def test_the_wellington_demo_accepts_same_words(tmp_path, answers):
    box = compare_quotes(case=wellington(tmp_path))
    assert "agree" in box.task.value
    box.pick_buttons["A2.Q1"].value = True
    box.change.value = "same"
    box.check_button.click()
    assert "Right: the kit grades A2.Q1" in box.feedback.value and "same words" in box.feedback.value


def test_changing_the_statement_reloads_the_rows_and_clears_the_answer(tmp_path, answers):
    case = make_case(tmp_path, {**LISBON, **{"w" + f: t for f, t in WELLINGTON.items()}}, name="both")
    box = compare_quotes(case=case)
    first = set(box.pick_buttons)
    box.pick_buttons[next(iter(first))].value = True
    box.change.value = "dropped"
    box.statement.value = box.statement.options[1][1]
    assert set(box.pick_buttons).isdisjoint(first) and box.answer is None and box.change.value is None
    assert compare_quotes(case=case, statement=box.statement.options[1][1]).statement.value == box.statement.value


def test_the_widget_fits_and_every_control_is_focusable():
    box = compare_quotes()
    assert box.layout.max_width == "900px" and box.statement.layout.width == "auto"
    names = {type(c).__name__ for c in [box.statement, box.change, box.check_button, *box.pick_buttons.values()]}
    assert names <= {"Dropdown", "ToggleButtons", "Button", "ToggleButton"}
    assert all(b.description.startswith("Pick ") for b in box.pick_buttons.values())


def test_a_case_that_cannot_be_read_is_told_in_a_sentence(tmp_path):
    box = compare_quotes(case=tmp_path / "no_such_case")
    assert list(box.children) == [box.feedback] and "no_such_case" in box.feedback.value
    assert "Traceback" not in box.feedback.value
