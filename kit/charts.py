"""Charts (altair) and notebook set-up: offline, deterministic rendering."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import altair as alt

    from .core.case import Case

GENRE_COLOURS = {
    "news": "#4c78a8",
    "opinion": "#e45756",
    "analysis": "#72b7b2",
    "press_release": "#b279a2",
    "blog": "#ff9da6",
    "other": "#9d755d",
    "unknown": "#bab0ac",
}


def setup() -> None:
    """Prepare a notebook for the course: offline charts and one-sentence errors.

    * Altair charts render as static images made on this machine (vl-convert;
      see :func:`offline_bundle`), so they show without the internet and their
      output is the same every run.
    * An error the kit raises for a person (a ``KitError``, such as a malformed
      case folder) is shown as its one sentence, not as a traceback.

    Call it once, in the first code cell. It prints nothing and returns ``None``.

    >>> setup()
    """
    import altair as alt

    if "kit" not in alt.renderers.names():
        alt.renderers.register("kit", offline_bundle)
    alt.renderers.enable("kit")
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with Jupyter
        return
    shell = get_ipython()
    if shell is not None:
        from .core.errors import KitError

        def _friendly(shell, etype, value, tb, tb_offset=None):
            import sys

            print(f"{etype.__name__}: {value}", file=sys.stderr)
            return None

        shell.set_custom_exc((KitError,), _friendly)


def offline_bundle(spec: dict, **metadata) -> tuple[dict, dict]:
    """Render a Vega-Lite spec as an offline MIME bundle: SVG, PNG and a text summary.

    JupyterLab shows the SVG for outputs made in this session. A committed
    notebook opened untrusted may not render SVG, so a PNG (safe everywhere)
    is included too; nbval compares the SVG and the text, never the PNG.

    Args:
        spec: a Vega-Lite specification (``chart.to_dict()``).

    Returns:
        ``(data, metadata)`` for IPython's display machinery.

    >>> from kit import articles_chart, load_case
    >>> data, meta = offline_bundle(articles_chart(load_case()).to_dict())
    >>> sorted(data), data["text/plain"]
    (['image/png', 'image/svg+xml', 'text/plain'], "<chart: Articles in case 'seeds' by length>")
    """
    import vl_convert as vlc

    svg = vlc.vegalite_to_svg(spec)
    scale = 2
    png = vlc.vegalite_to_png(spec, scale=scale)
    width = int.from_bytes(png[16:20], "big") // scale
    height = int.from_bytes(png[20:24], "big") // scale
    title = spec.get("title", "")
    if isinstance(title, dict):
        title = title.get("text", "")
    summary = f"<chart: {title}>" if title else "<chart>"
    data = {"image/svg+xml": svg, "image/png": png, "text/plain": summary}
    return data, {"image/png": {"width": width, "height": height}}


def articles_chart(case: Case) -> alt.Chart:
    """Bar chart of the case's articles by length, coloured by genre.

    Articles whose genre is unknown are grey; the tooltip gives outlet, author
    and publication date (or "not stated").

    Args:
        case: a loaded case.

    Returns:
        An ``alt.Chart``.

    >>> from kit import load_case
    >>> spec = articles_chart(load_case()).to_dict()
    >>> spec["mark"]["type"], spec["encoding"]["x"]["field"]
    ('bar', 'words')
    """
    import altair as alt

    data = case.articles.copy()
    data["genre"] = data["genre"].replace("", "unknown")
    for column in ("outlet", "author"):
        data[column] = data[column].replace("", "not stated")
    data["published"] = data["published"].dt.strftime("%Y-%m-%d").fillna("not stated")
    data["label"] = data["article_id"] + "  " + data["file"]
    data = data[["article_id", "label", "file", "outlet", "author", "genre", "published", "words"]]
    genres = [g for g in GENRE_COLOURS if g in set(data["genre"])]
    return (
        alt.Chart(data, title=f"Articles in case '{case.name}' by length")
        .mark_bar()
        .encode(
            x=alt.X("words:Q", title="Words"),
            y=alt.Y("label:N", title=None, sort=list(data["label"])),
            color=alt.Color(
                "genre:N",
                title="Genre",
                scale=alt.Scale(domain=genres, range=[GENRE_COLOURS[g] for g in genres]),
            ),
            tooltip=["article_id", "file", "outlet", "author", "genre", "published", "words"],
        )
        .properties(width=420, height=alt.Step(28))
    )
