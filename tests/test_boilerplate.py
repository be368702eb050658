"""Boilerplate: page text (comment forms, share prompts, disclaimers) is kept but left out of claims and measures."""

from hypothesis import given, settings
from hypothesis import strategies as st

import kit
from helpers import make_case
from kit.core.boilerplate import RULES, boilerplate_cue, boilerplate_cues
from kit.core.text import split_sentences
from kit.framing.measures import framing_measures, loaded_words, report_words

# Story 1: a harbour strike in Wellington, with the page's closing text after it.
HARBOUR = """Wellington port workers walk out over roster changes

Wellington's harbour came to a standstill on Tuesday as 300 port workers walked off the job.
The Maritime Union said the new rosters would cut rest days. The port company said talks would resume on Friday.
The union asked residents to leave a comment on its petition page before the weekend.
More than 2,000 people have signed up for the union's newsletter since the strike began.
Comments by the port's chief executive angered the union.
Sign up for the strike fund, union organisers told members on Monday.
Share this:
Facebook | Twitter | Email
Related posts
Ferry sailings cancelled as strike bites
Leave a comment
Your email address will not be published. Required fields are marked *
The views expressed in this article are the author's own and do not necessarily reflect those of the Harbour Herald.
© 2025 Harbour Herald. All rights reserved.
"""

# Story 2: a football transfer in Lisbon, with navigation at the top and a prompt in the middle.
TRANSFER = """Home | Sport | Football

Striker joins Lisbon club in record deal

14

The Lisbon club confirmed on Monday that it had signed the striker for 45 million euros.

Read more: Fans queue for shirts outside the stadium

The club's president called the deal historic. The striker will wear the number nine shirt.

“Share this with everyone,” the striker wrote on Instagram after the signing.

Supporters can subscribe to the club's TV channel to watch the first training session.

We use cookies to improve your experience on our site.

Subscribe to our newsletter for the latest transfer news.
"""


def _kinds(raw: str, headline: str = "") -> dict[str, str]:
    return {s.text: s.kind for s in split_sentences(raw, headline)}


def test_page_text_of_a_harbour_strike_is_boilerplate():
    kinds = _kinds(HARBOUR, "Wellington port workers walk out over roster changes")
    page = ["Share this:", "Facebook | Twitter | Email", "Related posts", "Ferry sailings cancelled as strike bites",
            "Leave a comment", "Your email address will not be published.", "Required fields are marked *",
            "The views expressed in this article are the author's own and do not necessarily reflect those of "
            "the Harbour Herald.", "© 2025 Harbour Herald.", "All rights reserved."]
    assert {text: kinds[text] for text in page} == {text: "boilerplate" for text in page}


def test_reporting_that_mentions_comments_or_newsletters_stays_body():
    kinds = _kinds(HARBOUR, "Wellington port workers walk out over roster changes")
    report = [
        "Wellington's harbour came to a standstill on Tuesday as 300 port workers walked off the job.",
        "The union asked residents to leave a comment on its petition page before the weekend.",
        "More than 2,000 people have signed up for the union's newsletter since the strike began.",
        "Comments by the port's chief executive angered the union.",
        "Sign up for the strike fund, union organisers told members on Monday.",  # a reporting verb: reporting
    ]
    assert {text: kinds[text] for text in report} == {text: "body" for text in report}
    assert kinds["Wellington port workers walk out over roster changes"] == "headline"


def test_navigation_counters_and_prompts_of_a_transfer_story():
    kinds = _kinds(TRANSFER, "Striker joins Lisbon club in record deal")
    assert kinds["Home | Sport | Football"] == "boilerplate"  # a line of navigation words
    assert kinds["14"] == "boilerplate"  # a counter: digits, no letter
    assert kinds["Read more: Fans queue for shirts outside the stadium"] == "boilerplate"
    assert kinds["We use cookies to improve your experience on our site."] == "boilerplate"
    assert kinds["Subscribe to our newsletter for the latest transfer news."] == "boilerplate"
    # a prompt in the middle does not swallow the reporting after it
    for text in ["The club's president called the deal historic.", "The striker will wear the number nine shirt.",
                 "“Share this with everyone,” the striker wrote on Instagram after the signing.",
                 "Supporters can subscribe to the club's TV channel to watch the first training session."]:
        assert kinds[text] == "body", text


def test_a_sentence_after_a_lone_disclaimer_stays_body():
    cues = boilerplate_cues([(1, "body", "The port reopened on Friday."), (2, "body", "The views expressed are mine."),
                             (3, "body", "The union will meet again in March.")])
    assert [bool(c) for c in cues] == [False, True, False]


def test_the_closing_block_takes_a_bio_between_two_notices():
    cues = boilerplate_cues([(1, "body", "The transfer fee was 45 million euros."), (2, "body", "About the author:"),
                             (3, "body", "Ana Lopes covers Portuguese football."), (4, "body", "All rights reserved.")])
    assert [bool(c) for c in cues] == [False, True, True, True]
    assert cues[2].startswith("closing block")


def test_the_cue_names_the_rule_and_the_words():
    assert boilerplate_cue("Click to share on WhatsApp") == "page phrase: 'Click to share'"
    assert boilerplate_cue("Disclaimer: the club paid for our travel.") == "page phrase: 'Disclaimer'"
    assert boilerplate_cue("The disclaimer was added later.") == ""  # a label counts only before a colon
    assert boilerplate_cue("“Leave a comment on our page” reads the banner of the Lisbon club.") == ""  # quoted
    assert boilerplate_cue("[Become a member](https://example.org)") .startswith("page phrase")
    assert boilerplate_cue("[Next story](https://example.org)").startswith("link line")
    assert boilerplate_cue("Share | Print", whole_line=False) == ""  # shape rules read whole lines only
    assert boilerplate_cue("Wellington | Auckland | Christchurch ferries resume.") == ""  # a sentence, not a menu
    assert [name for name, _ in RULES] == ["page phrase", "navigation line", "menu line", "link line", "counter"]


def test_a_case_lexicon_adds_phrases(tmp_path):
    (tmp_path / "lexicon.csv").write_text("kind,word,value\nboilerplate,ask the harbourmaster,\n", encoding="utf-8")
    raw = "The port closed.\nAsk the harbourmaster: write to us.\n"
    assert [s.kind for s in split_sentences(raw, "", tmp_path)] == ["body", "boilerplate"]
    assert [s.kind for s in split_sentences(raw)] == ["body", "body"]


def _line():
    words = st.sampled_from(["Share", "this", "port", "strike", "Leave", "a", "comment", "club", "signed", "Read",
                             "more", "The", "views", "expressed", "12", "|", "said", "“quote”"])
    ends = st.sampled_from(["", ".", ":", "?"])
    return st.tuples(st.lists(words, min_size=1, max_size=8), ends).map(lambda t: " ".join(t[0]) + t[1])


@settings(max_examples=60, deadline=None)
@given(st.lists(_line(), min_size=1, max_size=8), st.booleans())
def test_marking_never_moves_a_sentence(lines, with_headline):
    """Only ``kind`` may change: texts, spans and paragraphs are those of the plain split, and a headline stays one."""
    from kit.core.text import _split  # the split before marking (rules 1 to 5)

    raw = "\n".join(lines) + "\n"
    headline = lines[0] if with_headline else ""
    plain, marked = _split(raw, headline), split_sentences(raw, headline)
    assert [(s.text, s.start, s.end, s.paragraph) for s in plain] == [(s.text, s.start, s.end, s.paragraph) for s in marked]
    assert all(m.kind == p.kind for p, m in zip(plain, marked) if m.kind != "boilerplate")
    assert all(s.kind != "boilerplate" for s in marked if s.kind == "headline")
    assert all(p.kind != "headline" for p, m in zip(plain, marked) if m.kind == "boilerplate")


def test_boilerplate_is_left_out_of_claims_and_measures(tmp_path):
    case = make_case(tmp_path, {"01_harbour.txt": HARBOUR, "02_transfer.txt": TRANSFER}, {
        "01_harbour.txt": {"headline": "Wellington port workers walk out over roster changes", "genre": "news"},
        "02_transfer.txt": {"headline": "Striker joins Lisbon club in record deal", "genre": "news"}})
    loaded = kit.load_case(case, cached=False)
    page = loaded.sentences[loaded.sentences["kind"] == "boilerplate"]
    assert len(page) >= 12
    guesses = kit.guess_sentences(loaded)
    assert not set(guesses["sentence_id"]) & set(page["sentence_id"])
    words = report_words(loaded)
    for aid in ("A1", "A2"):
        mine = loaded.sentences[loaded.sentences["article_id"] == aid]
        everything = kit.core.text.count_words(" ".join(mine["text"]))
        assert words[aid] < everything
        assert framing_measures(loaded).set_index("article_id").loc[aid, "words"] == words[aid]
    assert not set(loaded_words(loaded)["sentence_id"]) & set(page["sentence_id"])


def test_a_note_on_where_the_text_comes_from_stays_in_the_report_even_in_a_closing_block():
    from kit.core.boilerplate import boilerplate_cues

    harbour = [(1, "body", "The port reopened on Monday."), (2, "body", "Share this:"),
               (3, "body", "This article was originally published by Coast Radio."), (4, "body", "Jo Bloggs writes on ports."),
               (5, "body", "All rights reserved.")]
    transfer = [(1, "body", "The striker signed for three years."), (2, "body", "Related posts"),
                (3, "body", "This story first appeared in the Lisbon Gazette."), (4, "body", "Follow us on X")]
    for story in (harbour, transfer):
        cues = boilerplate_cues(story)
        assert cues[0] == "" and cues[2] == "", cues
        assert cues[1] and cues[-1]


def test_sentence_kinds_and_the_sentences_export_say_why_a_sentence_is_page_text(tmp_path):
    import csv
    import subprocess
    import sys

    from tests.helpers import make_case

    articles = {
        "ferry.txt": "Ferry aground\n\nThe ferry ran aground on Monday.\n\nShare this article:\n\nFacebook | X | Email\n",
        "club.txt": "Striker signs\n\nThe striker signed on Friday, the club said.\n\nLeave a comment\n",
    }
    case = make_case(tmp_path, articles, {f: {"headline": t.split("\n", 1)[0]} for f, t in articles.items()})
    table = kit.sentence_kinds(case)
    page = table[table["kind"] == "boilerplate"]
    assert set(page["text"]) == {"Share this article:", "Facebook | X | Email", "Leave a comment"}
    assert page["cue"].str.len().gt(0).all() and table.loc[table["kind"] != "boilerplate", "cue"].eq("").all()
    out = subprocess.run([sys.executable, "-m", "kit", "export", "sentences", "--case", str(case)],
                         capture_output=True, text=True, check=True).stdout
    rows = list(csv.DictReader(out.splitlines()))
    assert list(rows[0]) == ["file", "sentence_id", "paragraph", "kind", "cue", "text"] and len(rows) == len(table)
