"""Charts (altair) and notebook set-up: offline, deterministic rendering."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .core import cache
from .chart_text import counted, described, extremes, plural
from .display import PALETTE, article_label

if TYPE_CHECKING:
    import altair as alt

    from .core.case import Case

PNG_SCALE = 2
"""The PNG in a chart's bundle is drawn at this multiple of the chart's size (sharp on high-DPI screens)."""
CACHE_NAMESPACE = "charts"
"""The folder of :mod:`kit.core.cache` that holds rendered charts."""

GENRE_COLOURS = PALETTE["genre"]
"""One colour per genre, the same in every chart (from :mod:`kit.display`)."""


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
    The images come from :func:`render_images`, so a chart drawn before on
    this machine is not drawn again.

    Args:
        spec: a Vega-Lite specification (``chart.to_dict()``).

    Returns:
        ``(data, metadata)`` for IPython's display machinery.

    >>> from kit import articles_chart, load_case
    >>> data, meta = offline_bundle(articles_chart(load_case()).to_dict())
    >>> sorted(data), data["text/plain"].startswith("<chart: Articles in case 'seeds' by length> Bar chart of the 5")
    (['image/png', 'image/svg+xml', 'text/plain'], True)
    """
    svg, png = render_images(spec)
    width = int.from_bytes(png[16:20], "big") // PNG_SCALE
    height = int.from_bytes(png[20:24], "big") // PNG_SCALE
    title = spec.get("title", "")
    if isinstance(title, dict):
        title = title.get("text", "")
    description = spec.get("description", "")
    summary = f"<chart: {title}>" if title else "<chart>"
    summary += f" {description}" if description else ""
    data = {"image/svg+xml": labelled_svg(svg, description), "image/png": png, "text/plain": summary}
    return data, {"image/png": {"width": width, "height": height}}


def labelled_svg(svg: str, description: str) -> str:
    """Give an SVG chart its written description: ``role="img"``, an ``aria-label`` and a ``<title>``.

    Screen readers read the label; browsers show the title on hover. Without a description the SVG is unchanged.

    >>> labelled_svg('<svg width="1"><rect/></svg>', "Bars: A1 < A2.")
    '<svg role="img" aria-label="Bars: A1 &lt; A2." width="1"><title>Bars: A1 &lt; A2.</title><rect/></svg>'
    """
    import html
    import re

    if not description:
        return svg
    text = html.escape(description, quote=True)
    return re.sub(r"<svg\b([^>]*)>", lambda m: f'<svg role="img" aria-label="{text}"{m.group(1)}><title>{text}</title>',
                  svg, count=1)


@lru_cache(maxsize=1)
def fonts_fingerprint() -> str:
    """Return a digest of the fonts installed on this machine (names, sizes, times), read once per process.

    Text is measured with the system's fonts, so a chart drawn before a font was
    installed is drawn again afterwards: the chart cache keys include this.

    >>> len(fonts_fingerprint())
    64
    """
    folders = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts",
               Path.home() / ".local" / "share" / "fonts", Path("/Library/Fonts"), Path("C:/Windows/Fonts")]
    found = []
    for folder in folders:
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    stat = path.stat()
                    found.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return cache.digest(*found)


def render_images(spec: dict) -> tuple[str, bytes]:
    """Return a Vega-Lite spec drawn as SVG text and as a PNG at twice the size, offline.

    The PNG is rasterised from that SVG (what vl-convert's own PNG export does,
    without laying the chart out a second time). Both are kept in the kit's
    on-disk cache (:mod:`kit.core.cache`) under a digest of the spec and the
    vl-convert version, so drawing the same chart again, in any kernel on the
    machine, returns the same bytes without starting the renderer.

    >>> spec = {"data": {"values": [{"n": 1}]}, "mark": "bar", "encoding": {"x": {"field": "n", "type": "quantitative"}}}
    >>> svg, png = render_images(spec)
    >>> svg.startswith("<svg"), png[1:4]
    (True, b'PNG')
    """
    import vl_convert as vlc

    text = json.dumps(spec, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    name = cache.digest(text, vlc.__version__, f"png-scale={PNG_SCALE}", fonts_fingerprint())
    svg = cache.load(CACHE_NAMESPACE, f"{name}.svg")
    png = cache.load(CACHE_NAMESPACE, f"{name}.png") if svg is not None else None
    if svg is not None and png is not None:
        return svg.decode("utf-8"), png
    svg_text = vlc.vegalite_to_svg(spec)
    png = vlc.svg_to_png(svg_text, scale=PNG_SCALE)
    cache.save(CACHE_NAMESPACE, f"{name}.png", png)  # the PNG first: a present SVG means both are there
    cache.save(CACHE_NAMESPACE, f"{name}.svg", svg_text.encode("utf-8"))
    return svg_text, png


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
    data["label"] = [article_label(a, o if o != "not stated" else "") for a, o in zip(data["article_id"], data["outlet"])]
    data = data[["article_id", "label", "outlet", "author", "genre", "published", "words"]]
    genres = [g for g in GENRE_COLOURS if g in set(data["genre"])]
    text = (f"Bar chart of the {plural(len(data), 'article')} of case '{case.name}' by length in words, coloured "
            f"by genre ({counted(data['genre'])}); {extremes(data, 'label', 'words', 'words')}.")
    return described(
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
            tooltip=["article_id", "outlet", "author", "genre", "published", "words"],
        )
        .properties(width=420, height=alt.Step(28)),
        text,
    )
