"""Charts are tested by their spec, not their pixels."""

import kit
from helpers import copy_seeds, edit_row, kit_attribute


def test_articles_chart_spec():
    spec = kit.articles_chart(kit.load_case()).to_dict()
    assert spec["mark"]["type"] == "bar"
    enc = spec["encoding"]
    assert enc["x"]["field"] == "words" and enc["x"]["type"] == "quantitative"
    assert enc["color"]["field"] == "genre"
    assert enc["color"]["scale"]["domain"] == ["news", "opinion"]
    tooltips = [t["field"] for t in enc["tooltip"]]
    assert tooltips == ["article_id", "outlet", "author", "genre", "published", "words"]  # no file names
    rows = next(iter(spec["datasets"].values()))
    assert len(rows) == 5
    a2 = next(r for r in rows if r["article_id"] == "A2")
    assert a2["published"] == "2024-11-13" and a2["author"] == "Andrew Korybko"
    a1 = next(r for r in rows if r["article_id"] == "A1")
    assert a1["published"] == "not stated" and a1["outlet"] == "not stated"


def test_unknown_genre_is_grey(tmp_path):
    case = copy_seeds(tmp_path)
    edit_row(case / "metadata.csv", 1, genre="")
    spec = kit.articles_chart(kit.load_case(case)).to_dict()
    scale = spec["encoding"]["color"]["scale"]
    assert scale["domain"] == ["news", "opinion", "unknown"]
    assert scale["range"][-1] == kit_attribute("GENRE_COLOURS")["unknown"]


def test_chart_renders_offline_to_svg():
    import vl_convert as vlc

    svg = vlc.vegalite_to_svg(kit.articles_chart(kit.load_case()).to_dict())
    assert svg.count("<path") > 5 and "A2 · Global Research" in svg


def test_setup_selects_the_offline_svg_renderer():
    import altair as alt

    kit.setup()
    assert alt.renderers.active == "kit"
    bundle = alt.renderers.get()(kit.articles_chart(kit.load_case()).to_dict())
    data, meta = bundle
    assert data["image/png"][:8] == b"\x89PNG\r\n\x1a\n"
    assert meta["image/png"]["width"] > 300
    assert "<svg" in data["image/svg+xml"]


def test_setup_shows_kit_errors_as_one_sentence_in_ipython(capsys):
    from IPython.testing.globalipapp import start_ipython

    shell = start_ipython()
    shell.run_cell("import kit; kit.setup()")
    capsys.readouterr()
    shell.run_cell("kit.load_case('/no/such/case')")
    shell.run_cell("kit.load_case().sentence('A0.S999')")
    err = capsys.readouterr()
    text = err.out + err.err
    assert "Traceback" not in text
    assert "CaseError: The case folder /no/such/case does not exist" in text
    assert "NotInCaseError: 'A0.S999' is not a sentence id of case 'seeds'" in text
    shell.run_cell("1/0")  # other errors keep their traceback
    assert "ZeroDivisionError" in "".join(capsys.readouterr())
