"""Lesson 04: framing measures on invented texts, the lexicon extension, the seed keys, validation and charts."""

import csv
import io

import pandas as pd
import pytest

import kit
from kit import framing
from kit.core import lexicon
from kit.display import PALETTE
from kit.core.tables import read_table
from kit.core.text import count_words

HEADER = "file,outlet,author,genre,published,headline,url,notes\n"


def _case(tmp_path, texts, headlines=None, lexicon=None, name="case"):
    """A case folder with one article per entry of ``texts`` (file name -> text)."""
    root = tmp_path / name
    (root / "articles").mkdir(parents=True)
    lines = [HEADER]
    for i, (file, text) in enumerate(texts.items()):
        (root / "articles" / file).write_text(text, encoding="utf-8")
        headline = (headlines or {}).get(file, "")
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow([file, f"Outlet {i}", "", "news", "2025-02-03", headline, "", ""])
        lines.append(buffer.getvalue())
    (root / "metadata.csv").write_text("".join(lines), encoding="utf-8")
    if lexicon is not None:
        (root / "lexicon.csv").write_text(lexicon, encoding="utf-8")
    return root


def _one(tmp_path, text, **kwargs):
    return kit.load_case(_case(tmp_path, {"001_x.txt": text}, **kwargs))


# --- reporting verbs ------------------------------------------------------------------------

def test_neutral_and_evaluative_reporting_verbs(tmp_path):
    case = _one(tmp_path, "Ana Lopez said the plan works. Critics claimed it fails. The minister dismissed it.\n")
    verbs = framing.reporting_verbs(case)
    assert verbs[["verb", "kind"]].values.tolist() == [["said", "neutral"], ["claimed", "evaluative"],
                                                       ["dismissed", "evaluative"]]
    assert verbs["sentence_id"].tolist() == ["A1.S1", "A1.S2", "A1.S3"]
    row = framing.framing_measures(case).iloc[0]
    assert (row["reporting_neutral"], row["reporting_evaluative"]) == (1, 2)
    assert row["evaluative_share"] == pytest.approx(2 / 3, abs=0.001)


def test_nouns_and_place_names_are_not_reporting_verbs(tmp_path):
    case = _one(tmp_path, "These claims are false. The United States agreed. The answer lies elsewhere.\n")
    assert framing.reporting_verbs(case).empty
    assert framing.loaded_words(case).empty


def test_words_inside_quotation_marks_are_listed_but_not_counted(tmp_path):
    case = _one(tmp_path, "The mayor said: “They claimed it was fake news.”\n")
    verbs = framing.reporting_verbs(case).set_index("verb")
    assert not verbs.loc["said", "in_quote"] and verbs.loc["claimed", "in_quote"]
    loaded = framing.loaded_words(case)
    assert loaded["word"].tolist() == ["fake news"] and loaded["in_quote"].tolist() == [True]
    row = framing.framing_measures(case).iloc[0]
    assert (row["reporting_neutral"], row["reporting_evaluative"], row["loaded"]) == (1, 0, 0)


# --- hedges and certainty -------------------------------------------------------------------

def test_hedges_and_certainty_markers(tmp_path):
    text = ("The deal may fail. It is clear that talks go on. Reportedly, officials met. "
            "It is unclear who won. Talks will certainly resume.\n")
    case = _one(tmp_path, text)
    h = framing.hedges(case)
    assert h[["word", "kind"]].values.tolist() == [
        ["may", "hedge"], ["it is clear", "certainty"], ["reportedly", "hedge"], ["it is unclear", "hedge"],
        ["certainly", "certainty"],
    ]
    row = framing.framing_measures(case).iloc[0]
    assert (row["hedges"], row["certainty"]) == (3, 2)


def test_the_month_may_is_not_a_hedge(tmp_path):
    case = _one(tmp_path, "The vote is on 5 May. The vote may slip. In May 2025 it happened.\n")
    assert framing.hedges(case)["sentence_id"].tolist() == ["A1.S2"]


# --- loaded words ---------------------------------------------------------------------------

def test_loaded_words_and_their_kinds(tmp_path):
    case = _one(tmp_path, "The regime spread fake news and its minister swiftly left after a humiliating defeat.\n")
    words = framing.loaded_words(case)
    assert words[["word", "kind"]].values.tolist() == [
        ["regime", "label"], ["fake news", "discrediting"], ["swiftly", "intensifier"], ["humiliating", "emotive"],
    ]
    assert set(words.columns) >= {"article_id", "sentence_id", "word", "kind"}
    assert framing.framing_measures(case).iloc[0]["loaded"] == 4


def test_framing_words_come_from_the_kit_lexicon_one_kind_each():
    lex = framing.framing_lexicon()
    assert not lex["word"].duplicated().any()  # a word is in one family, of one kind
    kinds = lex.groupby("family")["kind"].agg(set).to_dict()
    assert kinds == {"reporting": {"neutral", "evaluative"}, "epistemic": {"hedge", "certainty"},
                     "loaded": {"label", "discrediting", "intensifier", "emotive"}}
    kit_words = set(lexicon.words(("reporting_neutral", "reporting_evaluative", "hedge", "certainty",
                                   "loaded_label", "loaded_discrediting", "loaded_intensifier", "loaded_emotive")))
    near_quote = lexicon.near_quote_verbs()
    assert {"claims", "states"} <= near_quote  # reporting verbs only right beside a quotation
    assert set(lex["word"]) == kit_words - near_quote and set(lex["source"]) == {"kit"}
    assert "written for this kit" in framing.__doc__ and "Hyland" in framing.__doc__


def test_near_quote_verbs_are_not_counted_as_the_writer_s_reporting_verbs(tmp_path):
    case = _one(tmp_path, "“It works,” Ana Lopez claims. The United States agreed. Critics said so.\n")
    assert framing.reporting_verbs(case)["verb"].tolist() == ["said"]
    assert framing.framing_measures(case).iloc[0]["reporting_neutral"] == 1


def test_one_measures_call_reads_the_quotes_and_the_lexicon_once(tmp_path, monkeypatch):
    from kit.framing import headlines as headlines_module, measures, voices as voices_module

    case = _one(tmp_path, "“We will win,” Ana Lopez said. She may be right, reportedly.\n")
    calls = {"extract_quotes": 0, "families": 0}

    def counting(name, function):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return function(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(measures, "extract_quotes", counting("extract_quotes", measures.extract_quotes))
    monkeypatch.setattr(measures, "families", counting("families", measures.families))
    for module in (headlines_module, voices_module):
        for name in ("extract_quotes", "families"):
            if hasattr(module, name):
                monkeypatch.setattr(module, name, counting(name, getattr(module, name)))
    framing.framing_measures(case)
    assert calls == {"extract_quotes": 1, "families": 1}


# --- voices ---------------------------------------------------------------------------------

def test_voices_count_quotes_quoted_words_and_paraphrases(tmp_path):
    text = ("“We will win this war,” Ana Lopez said.\n"
            "“Again we will win,” she added.\n"
            "“No,” Ben Ray replied.\n"
            "According to Carla Diaz, the talks failed.\n"
            "The so-called “peace plan” failed.\n")
    case = _one(tmp_path, text)
    v = framing.voices(case).set_index("speaker")
    assert (v.loc["Ana Lopez", "quotes"], v.loc["Ana Lopez", "quoted_words"]) == (2, 9)
    assert (v.loc["Ben Ray", "quotes"], v.loc["Ben Ray", "quoted_words"]) == (1, 1)
    assert (v.loc["Carla Diaz", "quotes"], v.loc["Carla Diaz", "paraphrases"]) == (0, 1)
    assert v.loc["(no speaker named)", "quoted_words"] == 2
    assert v.index[0] == "Ana Lopez"  # most quoted words first
    row = framing.framing_measures(case).iloc[0]
    assert (row["voices"], row["quotes"], row["quoted_words"], row["top_voice"]) == (3, 4, 12, "Ana Lopez")


def test_a_paraphrase_needs_the_speaker_next_to_the_verb(tmp_path):
    case = _one(tmp_path, "Minister Kim Park swiftly denied the report.\nOn Monday, the report said little.\n")
    v = framing.voices(case)
    assert v["speaker"].tolist() == ["Kim Park"] and v["paraphrases"].tolist() == [1]


# --- headlines ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "headline, kind, says",
    [
        ("Did the Mayor Really Resign?", "question", "'Really' presupposes doubt"),
        ("The Council Said the Vote Never Happened. Why?", "question", "as given and asks why"),
        ("‘Pure Fiction’: Council Denies Rumors of a Deal", "quote", "opens with the words 'Pure Fiction'"),
        ("Council denies reports of a deal", "claim", "states its content as fact"),
        ("", "none", "no headline"),
    ],
)
def test_headline_kinds_and_presuppositions(tmp_path, headline, kind, says):
    text = (headline + "\n" if headline else "") + "The council met on Monday.\n"
    case = _one(tmp_path, text, headlines={"001_x.txt": headline})
    row = framing.headlines(case).iloc[0]
    assert row["kind"] == kind and says in row["presupposes"]
    assert framing.framing_measures(case).iloc[0]["headline_kind"] == kind


def test_headline_notes_name_evaluative_verbs_loaded_words_and_hedges():
    note = framing.presupposition("‘Pure Fiction’: Kremlin Dismisses Rumors of Call Amid Rising Speculation")
    assert "'Dismisses' (an evaluative reporting verb)" in note
    assert "Denies" not in framing.presupposition("Kremlin Denies Rumors of Call")  # naming a denial judges nothing
    assert "'Rumors' is a loaded word" in note and "'Speculation' marks it as unconfirmed" in note
    assert "loaded" not in framing.presupposition("Council approves budget")


# --- normalisation --------------------------------------------------------------------------

def test_rates_are_per_1000_words(tmp_path):
    short = "It may rain. " + " ".join(["lorem"] * 17) + "\n"
    long_ = "It may rain. " + " ".join(["lorem"] * 197) + "\n"
    case = kit.load_case(_case(tmp_path, {"001_a.txt": short, "002_b.txt": long_}))
    assert count_words(short) == 20 and count_words(long_) == 200
    m = framing.framing_measures(case).set_index("article_id")
    assert m.loc["A1", "words"] == 20 and m.loc["A2", "words"] == 200
    assert (m.loc["A1", "hedges"], m.loc["A2", "hedges"]) == (1, 1)
    assert (m.loc["A1", "hedges_per_1000"], m.loc["A2", "hedges_per_1000"]) == (50.0, 5.0)


def test_measures_table_is_flat_and_csv_friendly(tmp_path):
    m = framing.framing_measures()
    assert m.columns.tolist() == framing.MEASURE_COLUMNS and m.columns[0] == "file"
    assert len(m) == 5
    text = m.to_csv(index=False)
    back = pd.read_csv(io.StringIO(text), keep_default_na=False)
    assert back.shape == m.shape and back["file"].tolist() == m["file"].tolist()
    assert all(not isinstance(v, (list, dict, tuple)) for v in m.to_numpy().ravel())


# --- the case lexicon -----------------------------------------------------------------------

def test_lexicon_csv_adds_words_and_can_move_a_word(tmp_path):
    text = "The senator blasted the bill. It is arguably a witch hunt. Ana Lopez warned of delays.\n"
    plain = _one(tmp_path, text)
    assert framing.reporting_verbs(plain)["verb"].tolist() == ["warned"]
    assert framing.hedges(plain).empty and framing.loaded_words(plain).empty
    lexicon = ("kind,word,note\nreporting_evaluative,blasted,a verb of attack\nhedge,arguably,\n"
               "loaded,witch hunt,\nreporting_neutral,warned,neutral in this case\n")
    extended = kit.load_case(_case(tmp_path, {"001_x.txt": text}, lexicon=lexicon, name="extended"))
    verbs = framing.reporting_verbs(extended)
    assert verbs[["verb", "kind", "source"]].values.tolist() == [
        ["blasted", "evaluative", "lexicon.csv"], ["warned", "neutral", "lexicon.csv"]]
    assert framing.hedges(extended)[["word", "source"]].values.tolist() == [["arguably", "lexicon.csv"]]
    assert framing.loaded_words(extended)[["word", "kind"]].values.tolist() == [["witch hunt", "case lexicon"]]
    row = framing.framing_measures(extended).iloc[0]
    assert (row["reporting_evaluative"], row["reporting_neutral"], row["hedges"], row["loaded"]) == (1, 1, 1, 1)
    lex = framing.framing_lexicon(extended).set_index("word")
    assert lex.loc["blasted", "source"] == "lexicon.csv" and lex.loc["said", "source"] == "kit"


@pytest.mark.parametrize(
    "content, message",
    [
        ("kind,word\nhedge,arguably\nhedges,perhaps\n", "case/lexicon.csv, line 3, field 'kind': 'hedges' is not a kind; use one of"),
        ("word\narguably\n", "case/lexicon.csv has no column 'kind'; its first line must name the columns kind,word."),
        ("kind,word\nloaded,\n", "case/lexicon.csv, line 2, field 'word' is empty"),
        ("kind,word\nloaded,witch hunt,extra\n", "case/lexicon.csv, line 2 has 3 fields but the header has 2"),
        ("", "case/lexicon.csv is empty; it needs a header line: kind,word."),
    ],
)
def test_a_malformed_lexicon_is_one_friendly_sentence(tmp_path, content, message):
    folder = _case(tmp_path, {"001_x.txt": "Ana Lopez said so.\n"}, lexicon=content)
    with pytest.raises(kit.CaseError) as caught:  # the case loader checks lexicon.csv like every table
        kit.load_case(folder)
    text = str(caught.value)
    assert text.startswith(message) and "\n" not in text and text.endswith(".")
    assert kit.validate_case(folder)[0].startswith(message)


# --- a case without keys --------------------------------------------------------------------

def test_a_case_without_framing_keys_gives_empty_tables_and_charts(tmp_path):
    case = _one(tmp_path, "Ana Lopez said so.\n")
    for function, columns in ((framing.coverage, framing.COVERAGE_COLUMNS), (framing.frames, framing.FRAME_COLUMNS),
                              (framing.stance, framing.STANCE_COLUMNS), (framing.techniques, framing.TECHNIQUE_COLUMNS)):
        table = function(case)
        assert table.empty and "article_id" in table.columns and set(columns) <= set(table.columns)
    assert "no coverage key" in framing.coverage_chart(case).to_dict()["title"]
    assert "no frames key" in framing.frames_chart(case).to_dict()["title"]


# --- the seed keys --------------------------------------------------------------------------

SEMEVAL_FRAMES = (
    "Economic", "Capacity_and_resources", "Morality", "Fairness_and_equality",
    "Legality_Constitutionality_and_jurisprudence", "Policy_prescription_and_evaluation", "Crime_and_punishment",
    "Security_and_defense", "Health_and_safety", "Quality_of_life", "Cultural_identity", "Public_opinion",
    "Political", "External_regulation_and_reputation",
)


def test_taxonomies_are_the_semeval_names_verbatim():
    assert framing.FRAMES == SEMEVAL_FRAMES
    assert len(framing.TECHNIQUES) == 23 and len(set(framing.TECHNIQUES)) == 23
    for name in ("Loaded_Language", "Doubt", "Whataboutism", "Appeal_to_Authority", "Name_Calling-Labeling",
                 "Questioning_the_Reputation", "Exaggeration-Minimisation", "Repetition", "False_Dilemma-No_Choice",
                 "Obfuscation-Vagueness-Confusion", "Appeal_to_Fear-Prejudice", "Red_Herring"):
        assert name in framing.TECHNIQUES
    assert "SemEval-2023 Task 3" in framing.FRAMES_CITATION and "Media Frames Corpus" in framing.FRAMES_CITATION


@pytest.fixture(scope="module")
def seeds():
    return kit.load_case()


def test_coverage_key_is_complete_and_consistent(seeds):
    key = framing.coverage(seeds)
    facts = key["fact_id"].unique()
    assert 18 <= len(facts) <= 24
    assert len(key) == len(facts) * 5
    assert not key.duplicated(["fact_id", "article_id"]).any()
    assert set(key["status"]) == set(framing.COVERAGE_STATUSES)
    for fact_id, rows in key.groupby("fact_id"):
        assert sorted(rows["article_id"]) == ["A0", "A1", "A2", "A3", "A4"]
        assert (rows["status"] == "included").any(), fact_id
        assert rows["fact"].nunique() == 1
    for row in key.itertuples():
        if row.status == "omitted":
            assert row.quote == "" and row.note
        else:
            assert seeds.find_quote(row.file, row.quote), row.id
        if row.status == "distorted":
            assert row.note
    # the distortions the lessons rely on
    status = key.set_index("id")["status"]
    assert status["F01.A1"] == "distorted"  # "The Washington Post and Reuters initially reported"
    assert (key.loc[key["fact"].str.contains("president-elect"), ["article_id", "status"]]
            .set_index("article_id")["status"]["A4"]) == "distorted"


def test_frames_key_covers_every_substantive_paragraph(seeds):
    key = framing.frames(seeds)
    assert key["frame"].isin(framing.FRAMES).all()
    assert not key.duplicated(["file", "paragraph"]).any()
    boilerplate = {  # share counters, byline and dateline, icons, comment forms, footers
        "A0": {20}, "A1": set(), "A2": {2, 3, 4, 5, 8, 11, 12} | set(range(18, 33)), "A3": set(),
        "A4": {2, 3, 4, 24, 25, 26},
    }
    for aid, rows in seeds.sentences.groupby("article_id"):
        expected = set(rows["paragraph"].astype(int)) - boilerplate[aid]
        assert set(key.loc[key["article_id"] == aid, "paragraph"]) == expected, aid
    for row in key.itertuples():
        assert seeds.find_quote(row.file, row.quote)


def test_stance_key_gives_one_stance_per_article(seeds):
    key = framing.stance(seeds)
    per_article = key.groupby("article_id")["stance"].agg(set)
    assert sorted(per_article.index) == ["A0", "A1", "A2", "A3", "A4"]
    assert all(len(s) == 1 for s in per_article)
    assert key.groupby("article_id").size().between(1, 3).all()
    stances = {a: next(iter(s)) for a, s in per_article.items()}
    assert stances["A0"] == "credible" and stances["A2"] == "doubtful" and stances["A3"] == "neutral"


def test_techniques_key_has_at_least_six_techniques_with_two_examples(seeds):
    key = framing.techniques(seeds)
    assert key["technique"].isin(framing.TECHNIQUES).all()
    counts = key["technique"].value_counts()
    assert (counts >= 2).sum() >= 6
    assert key["group"].notna().all() and key["note"].str.len().gt(0).all()


def test_seed_measures_match_the_texts(seeds):
    verbs = framing.reporting_verbs(seeds)
    assert verbs.loc[verbs["sentence_id"] == "A1.S5", "verb"].tolist() == ["debunked", "stating"]
    words = framing.loaded_words(seeds)
    quoted = words[words["in_quote"]]
    assert {"A0.S5", "A0.S6"} <= set(quoted["sentence_id"])  # Peskov's "fake news", not the writer's
    m = framing.framing_measures(seeds).set_index("article_id")
    assert m.loc["A0", "loaded"] == int((~words["in_quote"] & (words["article_id"] == "A0")).sum())
    assert m["certainty_per_1000"].idxmax() == "A0"  # "It is clear that..." (A0.S10)
    assert m["reporting_evaluative_per_1000"].idxmax() == "A3"


# --- validation -----------------------------------------------------------------------------

def _rows(text):
    path_rows = []
    reader = csv.DictReader(io.StringIO(text))
    for row in reader:
        path_rows.append((reader.line_num, {k: v or "" for k, v in row.items()}))
    return path_rows


def _problems(name, text, case):
    problems = []
    framing.validate_framing_keys(name, _rows(text), f"keys/{name}.csv", case, problems)
    return problems


@pytest.fixture(scope="module")
def two(tmp_path_factory):
    root = _case(tmp_path_factory.mktemp("two"), {
        "001_a.txt": "The council met.\n\nThe mayor said the vote failed.\n",
        "002_b.txt": "The vote failed, critics claimed.\n",
    })
    return kit.load_case(root)


COVERAGE_OK = (
    "id,fact,file,status,quote,note\n"
    "F01.A1,The vote failed,001_a.txt,included,the vote failed,\n"
    "F01.A2,The vote failed,002_b.txt,distorted,The vote failed,Only critics say so.\n"
)


def test_a_valid_coverage_key_passes(two):
    assert _problems("coverage", COVERAGE_OK, two) == []


@pytest.mark.parametrize(
    "change, message",
    [
        (("F01.A2,The vote failed,002_b.txt,distorted", "F01.A2,The vote failed,002_b.txt,misleading"),
         "field 'status': 'misleading' is not a status; use one of included, distorted, omitted."),
        (("distorted,The vote failed,Only critics say so.", "omitted,The vote failed,Only critics say so."),
         "an omitted fact has no quote"),
        (("distorted,The vote failed,Only critics say so.", "distorted,The vote failed,"), "field 'note' is empty"),
        (("included,the vote failed,", "included,,"), "field 'quote' is empty"),
        (("F01.A2,", "F01.A1,"), "field 'id': 'F01.A1' names article A1, but 002_b.txt is A2."),
        (("Only critics say so.\n", "Only critics say so.\nF01.A2,The vote failed,002_b.txt,included,The vote failed,\n"),
         "fact F01 is given twice for 002_b.txt (also on line 3)"),
        (("F01.A2,", "F1-A2,"), "is not a coverage id; write it like F03.A2"),
        (("F01.A2,The vote failed", "F01.A2,The vote passed"), "fact F01 is worded differently on line 2"),
        (("F01.A1,The vote failed,001_a.txt,included,the vote failed,",
          "F01.A1,The vote failed,001_a.txt,omitted,,Not there."), "fact F01 (line 2) is included by no article"),
    ],
)
def test_coverage_validation(two, change, message):
    old, new = change
    assert old in COVERAGE_OK
    problems = _problems("coverage", COVERAGE_OK.replace(old, new, 1), two)
    assert any(message in p for p in problems), problems


def test_coverage_needs_every_fact_for_every_article(two):
    text = "id,fact,file,status,quote,note\nF01.A1,The vote failed,001_a.txt,included,the vote failed,\n"
    assert _problems("coverage", text, two) == [
        "keys/coverage.csv: fact F01 (line 2) has no row for A2; give every fact one row per article "
        "(included, distorted or omitted)."]


FRAMES_OK = "id,file,paragraph,frame,quote,note\nP1,001_a.txt,1,Political,The council met.,A meeting.\n"


@pytest.mark.parametrize(
    "change, message",
    [
        ((",Political,", ",Security and defense,"), "'Security and defense' is not a frame name (did you mean 'Security_and_defense'?)"),
        ((",1,", ",9,"), "001_a.txt has no paragraph 9; its paragraphs are 1 to 2."),
        ((",1,", ",2,"), "the quote is in paragraph 1, not 2"),
        ((",1,", ",one,"), "'one' is not a whole number"),
        ((",Political,", ",,"), "the field 'frame' is empty"),
    ],
)
def test_frames_validation(two, change, message):
    assert _problems("frames", FRAMES_OK, two) == []
    problems = _problems("frames", FRAMES_OK.replace(*change, 1), two)
    assert any(message in p for p in problems), problems


def test_frames_validation_allows_one_frame_per_paragraph(two):
    text = FRAMES_OK + "P2,001_a.txt,1,Morality,The council met.,Again.\n"
    assert any("already has a frame (line 2)" in p for p in _problems("frames", text, two))


def test_stance_and_technique_validation(two):
    stance = ("id,file,stance,quote,note\nS1,001_a.txt,neutral,The council met.,Plain.\n"
              "S2,001_a.txt,doubtful,the vote failed,Now doubtful.\nS3,002_b.txt,sure,critics claimed,Bad.\n")
    problems = _problems("stance", stance, two)
    assert any("is 'neutral' on line 2; an article has one stance" in p for p in problems)
    assert any("'sure' is not a stance" in p for p in problems)
    techniques = ("id,technique,file,quote,note\nT1,Loaded language,002_b.txt,critics claimed,Tone.\n"
                  "T2,Doubt,002_b.txt,critics claimed,\n")
    problems = _problems("techniques", techniques, two)
    assert any("'Loaded language' is not a technique name (did you mean 'Loaded_Language'?)" in p for p in problems)
    assert any("line 3 (T2): the field 'note' is empty" in p for p in problems)
    assert _problems("claims", "id\nx\n", two) == []  # other keys are not this module's business


def test_the_seed_keys_pass_their_validators(seeds):
    for name in framing.FRAMING_VALIDATORS:
        path = seeds.path / "keys" / f"{name}.csv"
        problems = []
        rows = read_table(path, name, [], None, problems)
        framing.validate_framing_keys(name, rows, name, seeds, problems)
        assert problems == [], problems


# --- charts ---------------------------------------------------------------------------------

def _colour_scale(spec):
    layers = spec.get("layer", [spec])
    return layers[0]["encoding"]["color"]["scale"]


def test_measure_chart_spec():
    spec = framing.measure_chart(measure="loaded_per_1000").to_dict()
    assert "Loaded words per 1,000 words" in spec["title"]
    scale = _colour_scale(spec)
    assert scale["range"] == [PALETTE["genre"][g] for g in scale["domain"]]
    assert set(scale["domain"]) == {"news", "opinion"}
    values = {r["article_id"]: r["loaded_per_1000"] for r in spec["datasets"][next(iter(spec["datasets"]))]}
    assert values == framing.framing_measures().set_index("article_id")["loaded_per_1000"].to_dict()
    grouped = framing.measure_chart(measure="hedges_certainty").to_dict()
    assert grouped["title"].startswith("Hedges and certainty markers")
    assert _colour_scale(grouped) == {"domain": ["hedge", "certainty"], "range": ["#009E73", "#E69F00"]}


def test_measure_chart_rejects_an_unknown_measure():
    with pytest.raises(kit.KitError, match="'bias' is not a framing measure; use one of"):
        framing.measure_chart(measure="bias")


def test_coverage_chart_spec(seeds):
    spec = framing.coverage_chart(seeds).to_dict()
    assert spec["title"].startswith("Key facts × articles")
    scale = _colour_scale(spec)
    assert scale["domain"] == ["included", "distorted", "omitted"]
    assert scale["range"] == [PALETTE["coverage"][s] for s in scale["domain"]]
    data = spec["datasets"][next(iter(spec["datasets"]))]
    assert len(data) == len(framing.coverage(seeds))


def test_frames_chart_spec(seeds):
    spec = framing.frames_chart(seeds).to_dict()
    assert spec["title"].startswith("Frames by article")
    assert _colour_scale(spec)["range"] == ["#F2F2F2", "#0072B2"]
    assert spec["layer"][0]["encoding"]["y"]["sort"] == list(framing.FRAMES)
    data = spec["datasets"][next(iter(spec["datasets"]))]
    assert len(data) == 14 * 5
    counted = sum(r["paragraphs"] for r in data)
    assert counted == len(framing.frames(seeds))
