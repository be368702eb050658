"""Lesson 05: evidence, verdicts, ClaimReview JSON-LD, and pre/post scoring."""

import json

import pandas as pd
import pytest

import kit
from helpers import kit_attributes

VerdictError, evidence_table = kit_attributes("VerdictError", "evidence_table")

EVIDENCE = [
    {"sentence_id": "A2.S13", "shows": "the Post's account", "could_know": "unnamed sources"},
    {"sentence_id": "A1.S1", "shows": "the denial", "could_know": "a party to the call"},
    {"sentence_id": "A3.S6", "shows": "no comment", "could_know": "a party to the call"},
]


def review(**changes):
    args = dict(claim="Trump and Putin spoke on 7 November 2024.", verdict="unproven",
                evidence=EVIDENCE, author="Ada", date_published="2024-11-20",
                first_appearance={"name": "Trump talked to Putin", "publisher": "The Washington Post", "datePublished": "2024-11-10"},
                claim_author="The Washington Post (unnamed sources)")
    args.update(changes)
    claim, verdict, evidence = args.pop("claim"), args.pop("verdict"), args.pop("evidence")
    return kit.claim_review(claim, verdict, evidence, **args)


def test_claim_review_structure():
    doc = review()
    assert kit.validate_claim_review(doc) == []
    assert doc["@context"] == "https://schema.org" and doc["@type"] == "ClaimReview"
    assert doc["reviewRating"] == {"@type": "Rating", "ratingValue": 3, "bestRating": 5, "worstRating": 1,
                                   "alternateName": "unproven"}
    item = doc["itemReviewed"]
    assert item["@type"] == "Claim" and item["author"]["name"] == "The Washington Post (unnamed sources)"
    names = [a["name"] for a in item["appearance"]]
    assert names[1].startswith("In the wake of heightened tensions in Ukraine, the Kremlin") and len(names[1]) <= 100
    assert not any(name.endswith(".txt") for name in names)  # an article without a headline: its opening, never a file
    assert names[::2] == ["Did Trump Really Call Putin Late Last Week?",
                     "Kremlin denies reports of Putin-Trump call over Ukraine conflict"]
    a2 = item["appearance"][0]
    assert a2["publisher"] == {"@type": "Organization", "name": "Global Research"} and a2["datePublished"] == "2024-11-13"
    assert item["firstAppearance"] == {"@type": "CreativeWork", "name": "Trump talked to Putin", "datePublished": "2024-11-10",
                                       "publisher": {"@type": "Organization", "name": "The Washington Post"}}
    assert json.loads(json.dumps(doc)) == doc


@pytest.mark.parametrize(
    "mutate, problem",
    [
        (lambda d: d.pop("@context"), "'@context' must be"),
        (lambda d: d.update({"@type": "Review"}), "'@type' must be 'ClaimReview'"),
        (lambda d: d["reviewRating"].update({"alternateName": "mostly true"}), "alternateName' must be one of"),
        (lambda d: d["reviewRating"].update({"ratingValue": 9}), "worstRating <= ratingValue <= bestRating"),
        (lambda d: d["itemReviewed"].update({"appearance": []}), "must list where the claim appeared"),
        (lambda d: d.update({"datePublished": "20 Nov"}), "'datePublished' must be a date"),
        (lambda d: d.update({"author": "Ada"}), "'author' must be a Person or Organization"),
    ],
)
def test_validation_finds_each_problem(mutate, problem):
    doc = review()
    mutate(doc)
    assert any(problem in p for p in kit.validate_claim_review(doc))


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"verdict": "true"}, "'true' is not a verdict"),
        ({"date_published": "yesterday"}, "is not a date"),
        ({"author": " "}, "author is empty"),
        ({"evidence": [{"sentence_id": "A9.S1", "shows": "x", "could_know": "y"}]}, "'A9.S1' is not a sentence"),
        ({"evidence": [{"sentence_id": "A1.S1", "shows": "x"}]}, "has no 'could_know'"),
        ({"evidence": "A1.S1"}, "Evidence is a list of items"),
    ],
)
def test_bad_input_is_one_sentence(changes, message):
    with pytest.raises(VerdictError, match=message):
        review(**changes)


def test_save_claim_review(tmp_path):
    path = kit.save_claim_review(review(), tmp_path / "r.json")
    assert json.loads(path.read_text(encoding="utf-8"))["claimReviewed"].startswith("Trump and Putin")
    bad = review()
    bad.pop("@type")
    with pytest.raises(VerdictError, match="The ClaimReview is not valid"):
        kit.save_claim_review(bad, tmp_path / "bad.json")


def test_evidence_table_names_articles():
    table = evidence_table(EVIDENCE)
    assert table["article_id"].tolist() == ["A2", "A1", "A3"]
    assert table["outlet"].tolist() == ["Global Research", "outlet not stated", "outlet not stated"]


def test_capstone_questions_need_three_articles(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_ANSWERS", str(tmp_path / "a.json"))
    assert kit.check("q5.2", ["A0.S2", "A1.S4", "A2.S13"]).correct
    two = kit.check("q5.2", ["A0.S2", "A0.S3", "A1.S4"])
    assert two.status == "incorrect" and "from 2 articles; cite at least 3" in two.message
    assert kit.check("q5.2", ["A0.S2", "A4.S1", "A1.S4"]).status == "incorrect"
    assert kit.check("q5.1", "unproven").correct and not kit.check("q5.1", "false").correct
    assert kit.check("q5.1", "confirmed").status == "incorrect"


def test_assessment_scores_from_answers_and_from_a_gradebook(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_ANSWERS", str(tmp_path / "a.json"))
    monkeypatch.setenv("KIT_STUDENT", "ana")
    kit.check("q90.1", "opinion")  # first answer wrong
    kit.check("q90.1", "speculation")  # a later right answer does not count
    kit.check("q90.2", "A2")
    kit.check("q91.1", "speculation")
    kit.check("q91.2", "A0")
    kit.check("q91.3", "A0")
    scores = kit.assessment_scores()
    assert scores[["student", "test", "right", "questions"]].astype(str).values.tolist() == [
        ["ana", "pre", "1", "5"], ["ana", "post", "3", "5"]]
    gradebook = tmp_path / "gradebook.csv"
    pd.DataFrame({"student": ["ana", "ana", "ben", "ben"], "question": ["q90.1", "q91.1", "q90.1", "q91.2"],
                  "points": [0, 1, 1, 1]}).to_csv(gradebook, index=False)
    class_scores = kit.assessment_scores(gradebook)
    assert class_scores["right"].tolist() == [0, 1, 1, 1]
    spec = kit.assessment_chart(class_scores).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["line", "line"]
    assert spec["layer"][0]["encoding"]["x"]["sort"] == ["pre", "post"] and "title" in spec


def test_evidence_from_another_case_names_the_id_and_the_case(tmp_path):
    """A worked example's ids copied onto another case fail with one sentence, never a review of the wrong story."""
    from helpers import make_case

    strike = make_case(tmp_path, {"01_port.txt": "Dockers in Wellington ended their strike.\n\n\"We are back,\" a docker said.\n",
                                  "02_union.txt": "The union said talks would resume on Monday.\n"}, name="strike")
    transfer = make_case(tmp_path, {"01_club.txt": "The striker signed for a Lisbon club.\n"}, name="transfer")
    good = [{"sentence_id": "A1.S2", "shows": "a docker's words", "could_know": "a docker on the quay"}]
    doc = kit.claim_review("The strike is over.", "likely", good, author="Ada", date_published="2025-02-01", case=strike)
    assert kit.validate_claim_review(doc) == [] and doc["itemReviewed"]["appearance"][0]["name"] == "Dockers in Wellington ended their strike."
    for case, sid in ((strike, "A3.S6"), (transfer, "A1.S2"), (transfer, "A0.S10")):
        bad = [{"sentence_id": sid, "shows": "x", "could_know": "y"}]
        with pytest.raises(VerdictError, match=rf"'{sid}' is not a sentence of case '{case.name}'; cite a sentence id"):
            kit.claim_review("The transfer is done.", "unproven", bad, author="Ada", date_published="2025-02-01", case=case)
        with pytest.raises(kit.KitError, match=sid):
            evidence_table(bad, case)


def test_an_evidence_quote_must_be_in_its_sentence(tmp_path):
    """With ``quote``, an id that exists but says something else (another story's example) fails in one sentence."""
    from helpers import make_case

    strike = make_case(tmp_path, {"01_port.txt": "Dockers in Wellington ended their strike.\n\n\"We are back,\" a docker said.\n"},
                       name="strike")
    transfer = make_case(tmp_path, {"01_club.txt": "The striker signed for a Lisbon club.\n\n\"We are back,\" the coach said.\n"},
                         name="transfer")
    item = {"sentence_id": "A1.S2", "quote": "We are back,\"  a docker", "shows": "a docker's words", "could_know": "a docker"}
    assert evidence_table([item], strike)["sentence_id"].tolist() == ["A1.S2"]  # white space is forgiven
    with pytest.raises(VerdictError, match=r"sentence A1.S2 of case 'transfer' does not say 'We are back,\" a docker'"):
        kit.claim_review("The strike is over.", "likely", [item], author="Ada", date_published="2025-02-01", case=transfer)
    assert evidence_table([{**item, "quote": "We are back"}], transfer)["article_id"].tolist() == ["A1"]
    assert list(evidence_table([item], strike).columns) == ["sentence_id", "article_id", "outlet", "sentence", "shows",
                                                            "could_know"]  # the quote is checked, not shown twice


def test_a_source_page_can_be_evidence_beside_sentences(tmp_path):
    import kit
    from kit.verdict import VerdictError

    folder = tmp_path / "ferry"
    (folder / "articles").mkdir(parents=True)
    (folder / "articles" / "a.txt").write_text("Ferries stop\n\nThe union says every crossing is cancelled.\n", encoding="utf-8")
    (folder / "metadata.csv").write_text("file,outlet,author,genre,published,headline,url,notes\n"
                                         "a.txt,Harbour Post,,news,2031-05-02,Ferries stop,,\n", encoding="utf-8")
    (folder / "context" / "sources").mkdir(parents=True)
    (folder / "context" / "sources" / "pages.csv").write_text(
        "page_id,title,address,publisher,kind,about,published,consulted,text\n"
        "P1,Harbour Post - Encyclopedia,https://enc.example/Harbour_Post,Encyclopedia,reference,Harbour Post,,2031-05-03,"
        "Describes a union-owned weekly.\n", encoding="utf-8")
    items = [{"sentence_id": "A1.S2", "shows": "the union's claim", "could_know": "the union"},
             {"page_id": "P1", "shows": "the paper belongs to the union", "could_know": "an encyclopedia"}]
    table = kit.evidence_table(items, folder)
    assert table["sentence_id"].tolist() == ["A1.S2", "P1"] and table["outlet"].tolist() == ["Harbour Post", "Encyclopedia"]
    review = kit.claim_review("Every crossing is cancelled", "unproven", items, author="A", date_published="2031-05-04",
                              case=folder)
    assert [a["name"] for a in review["itemReviewed"]["appearance"]] == ["Ferries stop"]  # a page is no appearance
    with pytest.raises(VerdictError, match="'P9' is not a page"):
        kit.evidence_table([{"page_id": "P9", "shows": "x", "could_know": "y"}], folder)
