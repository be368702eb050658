"""The claim baseline's rule table: each guess names its rule and cue words; tested on two invented stories."""

import pytest

import kit
from helpers import make_case
from kit.claims.baseline import RULES, explain_label, rule_table, writer_voice
from kit.claims.taxonomy import LABELS

# Story 1: news of a harbour strike in Wellington.
HARBOUR = [
    ("The Maritime Union said the new rosters would cut rest days.", "attributed_statement", "said"),
    ("Port officials have not commented on the union's figures.", "verifiable_fact", "no cue"),  # negated verb
    ("The port handled 1.2 million containers last year.", "verifiable_fact", "has a number"),
    ("Talks will resume on Friday.", "prediction", "will"),
    ("The closure could cost exporters millions.", "prediction", "could cost"),
    ("The delay may be a sign of deeper trouble.", "speculation", "may"),
    ("“This is a shameful lie,” the union secretary said.", "attributed_statement", "quotation mark"),
    ("The company swiftly debunked the union's figures.", "loaded_framing", "swiftly"),
    ("Analysts say the strike will spread to Auckland.", "attributed_statement", "Analysts say"),
    ("Ferries to Picton were cancelled in May 2024 as well.", "verifiable_fact", "has a number"),  # the month
]

# Story 2: an opinion column on a football transfer in Lisbon.
COLUMN = [
    ("Spending 45 million euros on one striker is reckless.", "opinion", "reckless"),
    ("Fans deserve better than this.", "opinion", "deserve"),
    ("The club should sell him in January.", "opinion", "should"),
    ("The president clearly wants to distract fans from last season.", "speculation", "wants to"),
    ("The signing probably reflects panic in the boardroom.", "speculation", "probably"),
    ("This so-called rebuilding project is a smokescreen.", "loaded_framing", "so-called"),
    ("Was this really the best use of the club's money?", "speculation", "?"),
    ("Lisbon's mayor attended the unveiling on Tuesday.", "verifiable_fact", "no cue"),  # looks like nothing: is nothing
    ("The striker will wear the number nine shirt.", "prediction", "will"),
]


@pytest.mark.parametrize("text, label, cue", HARBOUR + COLUMN)
def test_each_guess_names_its_rule_and_cue_words(text, label, cue):
    guess = explain_label(text)
    assert guess.label == label, guess
    assert cue in guess.cue, guess
    assert guess.rule in {r.name for r in RULES} | {"no cue (default)", "no cue; has a number"}


@pytest.mark.parametrize("headline", ["Will Wellington's Port Ever Recover?", "Record Deal Shocks Lisbon!",
                                      "Union Thugs Hold Wellington to Ransom"])
def test_headlines_that_ask_exclaim_or_load_are_framing(headline):
    assert explain_label(headline, headline=True).label == "loaded_framing"


def test_a_plain_headline_and_a_body_question_are_not_framing():
    assert explain_label("Port workers walk out over rosters", headline=True).label == "verifiable_fact"
    assert explain_label("Union says port rosters cut rest days", headline=True).label == "attributed_statement"
    assert explain_label("Will Wellington's port ever recover?").label == "speculation"  # a question in the body


def test_cues_inside_quotation_marks_are_the_speakers():
    assert writer_voice("He called it “a reckless deal” today.").count("reckless") == 0
    guess = explain_label("The coach called the fee “reckless” and “shameful”.")
    assert guess.label == "attributed_statement" and "reckless" not in guess.cues


def test_the_rule_table_is_ordered_and_readable():
    table = rule_table()
    assert table["rule"].tolist()[:-1] == [r.name for r in RULES]
    assert set(table["label"]) <= set(LABELS) and table["condition"].str.len().gt(10).all()
    assert table["order"].tolist() == list(range(1, len(RULES) + 2))


def test_an_opinion_column_is_not_read_as_facts(tmp_path):
    column = "Lisbon's Reckless Gamble?\n\n" + "\n\n".join(text for text, _, _ in COLUMN) + "\n"
    news = "Wellington port strike enters second day\n\n" + "\n\n".join(text for text, _, _ in HARBOUR) + "\n"
    case = make_case(tmp_path, {"01_column.txt": column, "02_news.txt": news}, {
        "01_column.txt": {"headline": "Lisbon's Reckless Gamble?", "genre": "opinion"},
        "02_news.txt": {"headline": "Wellington port strike enters second day", "genre": "news"}})
    guesses = kit.guess_sentences(case)
    assert {"rule", "cues"} <= set(guesses.columns)
    mine = guesses[guesses["file"] == "01_column.txt"].set_index("text")
    assert mine.loc["Lisbon's Reckless Gamble?", "label"] == "loaded_framing"
    assert {"opinion", "speculation", "loaded_framing"} <= set(mine["label"])
    assert (mine["label"] == "verifiable_fact").sum() == 1  # only the mayor at the unveiling
    assert mine.loc["Fans deserve better than this.", "cues"] == "deserve"


def test_a_case_lexicon_adds_cue_words(tmp_path):
    (tmp_path / "lexicon.csv").write_text("kind,word\nopinion,bonkers\ninference,masterplan\n", encoding="utf-8")
    assert explain_label("The fee is bonkers.").label == "verifiable_fact"
    assert explain_label("The fee is bonkers.", tmp_path).label == "opinion"
    assert explain_label("It is all part of a masterplan.", tmp_path).label == "speculation"


def _macro_f1(key, guessed):
    scores = []
    for label in LABELS:
        tp = sum(k == g == label for k, g in zip(key, guessed))
        fp = sum(g == label != k for k, g in zip(key, guessed))
        fn = sum(k == label != g for k, g in zip(key, guessed))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


def test_the_baseline_beats_the_commonest_label_on_the_seeds():
    """Before the rule table: accuracy 0.556, macro-F1 0.517 (the commonest label alone: 0.306)."""
    table = kit.baseline_vs_key()
    commonest = table["key"].value_counts().iloc[0] / len(table)
    assert table["agree"].mean() >= 0.55 > commonest
    assert _macro_f1(table["key"], table["baseline"]) >= 0.5
    assert {"loaded_framing", "opinion", "speculation", "prediction"} <= set(table["baseline"])


def test_a_question_inside_quotation_marks_is_someones_words_not_the_writers_guess():
    from kit.claims.baseline import explain_label

    assert explain_label('"Why did the ferry sail so close to the rocks?"').label == "attributed_statement"
    assert explain_label('"Will he stay at the club?" a fan asked the coach.').label == "attributed_statement"
    assert explain_label("Why did the harbour board wait so long?").label == "speculation"
    assert explain_label("Is this the best signing of the summer?").label == "speculation"
