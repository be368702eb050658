"""The trust bank in a student release: readable items, sealed judgements, nothing of the test forms."""

from __future__ import annotations

import json

import pandas as pd

from kit.trust.bank import reason_table, trust_items
from kit.trust.sealing import FORMAT, revealed, seal_bank, sealed_items

HEADER = "id,set,format,topic,source,text,trust,reasons,difficulty,explanation\n"
ROWS = [  # two invented stories: a ferry timetable in Wellington, a transfer rumour in Lisbon
    'p01,prebunk,post,transport,"Post by @WgtnFerries (verified), 3 March 2031",Sailings resume at 6am.,yes,'
    'known_source,1,"The verified operator account states its own timetable: a source that answers for it."',
    's01,sorter,headline,sport,"Headline, unnamed blog, shared 4 May 2031",SHOCKING: star striker sold!,no,'
    'emotional_language;no_source,2,"SHOCKING does the persuading and nobody is named: find the club\'s own statement."',
    'a01,form_a,quote,health,"Quote, Harbour Gazette, 2 June 2031","""Wash your hands,"" said Dr Lee.",yes,'
    'attributed,1,"Attributed to a named doctor with a neutral verb."',
]


def bank(tmp_path):
    path = tmp_path / "items.csv"
    path.write_text(HEADER + "\n".join(ROWS) + "\n", encoding="utf-8")
    return trust_items(path=path)


def test_a_sealed_bank_shows_no_judgement_and_nothing_of_a_test_item(tmp_path):
    items = bank(tmp_path)
    sealed = seal_bank(items, "pepper")
    text = json.dumps(sealed)
    assert sealed["format"] == FORMAT
    for row in ROWS:
        explanation = row.rsplit(",", 1)[-1].strip('"')[:30]
        assert explanation not in text
    assert "emotional_language" not in text and '"yes"' not in text
    test_item = next(r for r in sealed["items"] if r["id"] == "a01")
    assert set(test_item) == {"id", "set", "format", "topic", "source", "text", "difficulty"}


def test_revealed_opens_a_practice_item_after_an_answer_and_never_a_test_item(tmp_path):
    items = bank(tmp_path)
    table = sealed_items(seal_bank(items, "pepper")).set_index("id", drop=False)
    ids = list(reason_table().index)
    opened = revealed(table.loc["s01"].to_dict(), ids)
    assert (opened["trust"], opened["trustworthy"]) == ("no", False)
    assert set(opened["reasons"].split(";")) == {"emotional_language", "no_source"}
    assert opened["explanation"].startswith("SHOCKING does the persuading")
    assert revealed(table.loc["p01"].to_dict(), ids)["trustworthy"] is True
    closed = revealed(table.loc["a01"].to_dict(), ids)
    assert closed["trustworthy"] is None and closed["explanation"] == ""
    plain = items.iloc[0].to_dict()
    assert revealed(plain, ids) is plain


def test_trust_items_reads_the_sealed_bank_when_the_plain_one_is_gone(tmp_path):
    items = bank(tmp_path)
    (tmp_path / "items.csv").unlink()
    (tmp_path / "items.sealed.json").write_text(json.dumps(seal_bank(items, "pepper")), encoding="utf-8")
    loaded = trust_items("sorter", path=tmp_path / "items.csv")
    assert loaded["id"].tolist() == ["s01"] and loaded["text"].iloc[0] == "SHOCKING: star striker sold!"
    assert isinstance(loaded, pd.DataFrame) and loaded["sealed"].all()
