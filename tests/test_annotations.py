"""One annotation per span, and the cross-key checks that stop the course contradicting itself (kit.annotations)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import kit
from kit.annotations import cited_quotes, prose_citation_problems, quote_in_sentences
from tests.helpers import make_case

ROOT = Path(__file__).resolve().parent.parent
TEXT = ("The senator, a former mayor, spoke on Monday. She is running for mayor again.\n"
        "The Gazette reported the vote. Officials denied the report.\n")
ANNOTATIONS = ("id,file,sentence_id,quote,facet,value,note\n"
               "N1,01_a.txt,A1.S1,a former mayor,anachronism,no,True until she took office again.\n"
               "N2,01_a.txt,A1.S2,She is running for mayor again,anachronism,yes,The election was over.\n"
               "N3,01_a.txt,A1.S3,The Gazette reported the vote,evidence,report,The report itself.\n"
               "N4,01_a.txt,A1.S4,Officials denied the report,evidence,denial,The denial.\n")
QUESTION_HEADER = "id,kind,prompt,answer,options,match,tolerance,explanation,hint,file,quote,facet\n"


def _case(tmp_path, questions: str, annotations: str = ANNOTATIONS, claims: str | None = None):
    keys = {"annotations": annotations, "questions": QUESTION_HEADER + questions}
    if claims is not None:
        keys["claims"] = claims
    return make_case(tmp_path, {"01_a.txt": TEXT}, keys=keys)


def test_questions_that_agree_with_the_annotations_load(tmp_path):
    folder = _case(tmp_path, "q1,sentences,Anachronism,A1.S2,,any,,See A1.S2.,Look.,01_a.txt,running for mayor,anachronism\n"
                             "q2,sentences,The report,A1.S3,,any,,See A1.S3.,Look.,01_a.txt,reported the vote,evidence:report\n")
    assert kit.validate_case(folder) == []
    assert kit.annotated(kit.load_case(folder), "anachronism", "no") == {"A1.S1"}


@pytest.mark.parametrize(
    "question, problem",
    [
        ("q1,sentences,Anachronism,A1.S1;A1.S2,,any,,See A1.S2.,Look.,01_a.txt,running for mayor,anachronism\n",
         "accepts A1.S1, which annotations.csv does not mark anachronism = yes"),
        ("q1,sentences,Anachronism,A1.S1;A1.S2,,any,,See A1.S2.,Look.,01_a.txt,running for mayor,anachronism\n",
         "it accepts A1.S1 as an anachronism, but annotations.csv says it is not one"),
        ("q1,sentences,The denial,A1.S3,,any,,See A1.S3.,Look.,01_a.txt,reported the vote,evidence:denial\n",
         "A1.S4 is annotated evidence = denial but the answer rejects it"),
        ("q1,choice,Is it an anachronism?,yes,yes;no,,,See A1.S1.,Look.,01_a.txt,a former mayor,anachronism\n",
         "it answers 'yes' but annotations.csv says A1.S1 is not an anachronism"),
        ("q1,sentences,Anachronism,A1.S2,,any,,See A1.S2.,Look.,01_a.txt,running for mayor,tone\n", "'tone' names no facet"),
    ],
)
def test_a_question_that_contradicts_an_annotation_is_one_sentence(tmp_path, question, problem):
    problems = kit.validate_case(_case(tmp_path, question))
    assert any(problem in p for p in problems), problems
    assert all("\n" not in p and p.endswith(".") for p in problems)


def test_a_label_question_must_say_whose_label_and_agree_with_it(tmp_path):
    labels = "verifiable_fact;attributed_statement;opinion;speculation;prediction;loaded_framing"
    claims = ("id,file,sentence_id,quote,label,who_asserts,original_source,rationale,example\n"
              "A1.C1,01_a.txt,A1.S4,Officials denied the report,attributed_statement,officials,officials,Reported.,\n")
    wrong = f"q1,choice,Label,verifiable_fact,{labels},,,See A1.S4.,Look.,01_a.txt,Officials denied the report,label\n"
    assert any("but the claim key says attributed_statement" in p
               for p in kit.validate_case(_case(tmp_path / "a", wrong, claims=claims)))
    unsaid = f"q1,choice,Label,attributed_statement,{labels},,,See A1.S4.,Look.,01_a.txt,Officials denied the report,\n"
    assert any("must say whose" in p for p in kit.validate_case(_case(tmp_path / "b", unsaid, claims=claims)))
    baseline = kit.guess_label("Officials denied the report.")[0]
    right = f"q1,choice,Baseline,{baseline},{labels},,,See A1.S4.,Look.,01_a.txt,Officials denied the report,baseline\n"
    assert kit.validate_case(_case(tmp_path / "c", right, claims=claims)) == []


def test_malformed_annotations_are_named(tmp_path):
    bad = ANNOTATIONS + "N5,01_a.txt,A1.S2,She is running,anachronism,maybe,?\nN6,01_a.txt,A1.S2,She is running,tone,x,?\n"
    problems = kit.validate_case(_case(tmp_path, "", annotations=bad))
    assert any("'maybe' is not a value of anachronism" in p for p in problems)
    assert any("'tone' is not a facet" in p for p in problems)


def test_prose_must_quote_the_sentence_it_cites(tmp_path):
    case = kit.load_case(_case(tmp_path, ""))
    ok = "It says 'reported the vote' (A1.S3)."
    wrong = "It says 'denied the vote' (A1.S3)."
    assert prose_citation_problems(case, [("x", ok)]) == []
    assert "quotes 'denied the vote' from A1.S3" in prose_citation_problems(case, [("x", wrong)])[0]
    assert cited_quotes("the team 'hasn't commented' (A2.S9)") == [("hasn't commented", ["A2.S9"])]
    assert quote_in_sentences("The Gazette … the vote", ["The Gazette reported the vote."])


def test_the_seeds_hold_no_contradiction_and_their_prose_quotes_what_it_cites():
    case = kit.load_case()  # the loader runs every cross-key check; a contradiction would raise
    assert {"A4.S5", "A4.S16", "A4.S22"} <= kit.annotated(case, "anachronism", "no")
    texts = []
    for folder in ("lessons", "solutions", "assessments/key"):
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            texts += [(f"{path.relative_to(ROOT)}, cell {i}", "".join(c["source"]))
                      for i, c in enumerate(cells) if c["cell_type"] == "markdown"]
    assert prose_citation_problems(case, texts) == []
