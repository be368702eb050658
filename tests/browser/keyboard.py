"""Keyboard helpers shared by the real-browser tests of the kit's widgets: what has the focus, Tab to a control, a button."""

from __future__ import annotations


def focused(page, scope: str) -> dict:
    """What has the keyboard focus: tag, classes, text, tooltip, its label, whether it is inside ``scope`` and shows a ring."""
    return page.evaluate(
        """(scope) => {
            const a = document.activeElement, s = getComputedStyle(a);
            return {tag: a.tagName, classes: a.className.toString(), text: (a.textContent || '').trim(),
                    title: a.title || '', label: a.labels && a.labels.length ? a.labels[0].textContent.trim() : '',
                    inside: !!a.closest(scope),
                    ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
                    outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`};
        }""",
        scope,
    )


def tab_to(page, what, scope: str, *, back: bool = False, limit: int = 30) -> dict:
    """Press Tab (Shift+Tab with ``back``) until ``what(focused)`` holds; return what has the focus then.

    Every control inside ``scope`` that the focus passes on the way must show a focus ring.
    """
    seen = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        now = focused(page, scope)
        seen.append(f"{now['tag']} {(now['text'] or now['label'])[:24]!r}")
        assert now["ring"] or not now["inside"], f"{seen[-1]} has the focus but shows no ring: {now['outline']}"
        if what(now):
            return now
    raise AssertionError(f"the keyboard never reached the control; the focus went: {seen}")


def button(text: str):
    """A test for ``tab_to``: the focus is on this widget's button labelled ``text``."""
    return lambda f: f["inside"] and f["tag"] == "BUTTON" and f["text"] == text
