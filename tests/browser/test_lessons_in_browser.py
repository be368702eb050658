"""Every lesson in a real browser: JupyterLab in Chromium, run all cells, look at what a student sees."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT, SHOTS

pytestmark = pytest.mark.browser

LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))


def accept_dialogs(page, wait_ms: int = 0):
    """Accept a dialog such as "Select Kernel" (shown when the kernel was slow to start), if one is open."""
    if wait_ms:
        try:
            page.wait_for_selector(".jp-Dialog", timeout=wait_ms)
        except Exception:
            return
    dialogs = page.locator(".jp-Dialog .jp-mod-accept")
    if dialogs.count():
        dialogs.first.click()
        page.wait_for_timeout(500)


def open_notebook(page, lab, path: str):
    page.goto(f"{lab['base']}/lab/tree/{path}?token={lab['token']}&reset")
    page.wait_for_selector(".jp-NotebookPanel:visible .jp-Notebook", timeout=60_000)
    accept_dialogs(page, wait_ms=3_000)
    wait_idle(page)
    accept_dialogs(page)


def wait_idle(page, timeout: float = 120_000):
    """Wait until the notebook's kernel is idle and no cell is queued ([*])."""
    page.wait_for_function(
        """() => {
            const panel = [...document.querySelectorAll('.jp-NotebookPanel')].find(p => p.offsetParent !== null);
            if (!panel) return false;
            const status = document.querySelector('.jp-Notebook-ExecutionIndicator');
            const idle = status && status.getAttribute('data-status') === 'idle';
            const busy = [...panel.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')].some(p => p.textContent.includes('*'));
            return idle && !busy;
        }""",
        timeout=timeout,
    )


def run_all(page):
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_text("Run All Cells", exact=True).click()
    page.wait_for_timeout(500)
    accept_dialogs(page)
    wait_idle(page)


def last_cell_run(page, code: str) -> str:
    """Append a code cell at the end, run it, and return its output text."""
    panel = page.locator(".jp-NotebookPanel:visible")
    panel.locator(".jp-Cell").last.click()
    page.keyboard.press("Escape")
    page.keyboard.press("b")
    page.wait_for_timeout(200)
    page.keyboard.press("Enter")
    page.keyboard.type(code)
    page.keyboard.press("Shift+Enter")
    page.wait_for_timeout(300)
    wait_idle(page)
    cells = panel.locator(".jp-CodeCell")
    count = cells.count()
    for i in range(count - 1, -1, -1):  # the cell we typed is the last one with that source
        if code in cells.nth(i).locator(".jp-InputArea").inner_text():
            return cells.nth(i).locator(".jp-OutputArea").inner_text()
    raise AssertionError(f"the cell {code!r} was not found")


def assert_fits(page, selector: str) -> None:
    """The visible widget matching ``selector`` and the output area holding it do not scroll sideways at 1280 px."""
    sizes = page.evaluate("""(s) => { const w = [...document.querySelectorAll(s)].find(e => e.offsetParent !== null);
        const out = w.closest('.jp-OutputArea-output');
        return [[w.scrollWidth, w.clientWidth], [out.scrollWidth, out.clientWidth], [w.getBoundingClientRect().right, 1280]]; }""",
                          selector)
    for scroll, client in sizes:
        assert scroll <= client + 1, f"{selector} overflows sideways: {sizes}"


def expected_charts(path: Path) -> int:
    nb = nbformat.read(path, as_version=4)
    return sum(1 for c in nb.cells for o in c.get("outputs", []) if "image/svg+xml" in o.get("data", {}))


def expected_widgets(path: Path) -> int:
    nb = nbformat.read(path, as_version=4)
    return sum(
        1 for c in nb.cells for o in c.get("outputs", []) if "application/vnd.jupyter.widget-view+json" in o.get("data", {})
    )


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_lesson_runs_with_charts_and_widgets(page, lab, path):
    open_notebook(page, lab, f"lessons/{path.name}")
    run_all(page)
    panel = page.locator(".jp-NotebookPanel:visible")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{path.stem}.png"))
    # no error output, and every cell ran
    prompts = [t.strip() for t in panel.locator(".jp-CodeCell .jp-InputArea-prompt").all_text_contents()]
    assert prompts and all(re.fullmatch(r"\[\d+\]:", p) for p in prompts), prompts
    errors = panel.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    assert errors.count() == 0, errors.all_text_contents()[:3]
    # every chart drawn: an svg with marks, not an empty box
    charts = panel.locator(".jp-RenderedSVG")
    assert charts.count() == expected_charts(path)
    for i in range(charts.count()):
        charts.nth(i).scroll_into_view_if_needed()
        drawn = charts.nth(i).evaluate(
            """el => {
                const svg = el.querySelector('svg');
                if (svg) return {width: svg.getBoundingClientRect().width, marks: svg.querySelectorAll('path, rect, line').length};
                const img = el.querySelector('img');
                if (!img || !img.complete) return {width: 0, marks: 0};
                const source = decodeURIComponent(img.src);
                return {width: img.naturalWidth, marks: (source.match(/<(path|rect|line)\\b/g) || []).length};
            }"""
        )
        assert drawn["width"] > 100 and drawn["marks"] > 10, f"chart {i} is not drawn: {drawn}"
    # every widget rendered
    text = panel.text_content()
    assert "Error displaying widget" not in text and "model not found" not in text.lower()
    widgets = panel.locator(".jp-OutputArea-output .jupyter-widgets.widget-container, .jp-OutputArea-output .widget-vbox")
    assert widgets.count() >= expected_widgets(path)
    assert_nothing_clipped_or_raw(panel)


RAW_OUTPUT = re.compile(r"\bNaN\b|\bNaT\b|object at 0x|<bound method|\bdtype: |^\[\]$|^\(\s*\)$|Name: \w+, dtype", re.M)
"""What a student must never see in an output: missing-value markers, default reprs, bare empty lists or tuples."""


def assert_nothing_clipped_or_raw(panel) -> None:
    """No output is wider than its area at 1280 px (a table or chart cut at the right edge), none shows a raw repr."""
    outputs = panel.locator(".jp-OutputArea-output")
    for i in range(outputs.count()):
        output = outputs.nth(i)
        output.scroll_into_view_if_needed()
        widths = output.evaluate(
            """el => {
                const area = el.getBoundingClientRect();
                let widest = 0;
                for (const child of el.querySelectorAll('table, svg, img, .widget-vbox, .widget-hbox, pre')) {
                    const box = child.getBoundingClientRect();
                    if (box.width > 0) widest = Math.max(widest, box.right - area.left);
                }
                return {area: area.width, content: widest, scroll: el.scrollWidth, client: el.clientWidth};
            }"""
        )
        assert widths["content"] <= widths["area"] + 2 and widths["scroll"] <= widths["client"] + 2, (
            f"output {i} is clipped at the right edge: {widths}; {output.inner_text()[:120]!r}")
        text = output.inner_text()
        raw = RAW_OUTPUT.search(text)
        assert raw is None, f"output {i} shows raw output {raw.group(0)!r}: {text[:200]!r}"


def test_lesson_00_check_is_saved_and_survives_a_kernel_restart(page, lab):
    open_notebook(page, lab, "lessons/00_start_here.ipynb")
    run_all(page)
    out = last_cell_run(page, 'kit.check("q0.2", "A2")')
    assert "q0.2: Correct." in out or "q0.2 ✓ Correct." in out, out
    attempts = json.loads(Path(lab["answers"]).read_text(encoding="utf-8"))["attempts"]
    assert any(a["question"] == "q0.2" and a["status"] == "correct" for a in attempts)
    page.get_by_role("menuitem", name="Kernel", exact=True).click()
    page.get_by_text("Restart Kernel…", exact=True).click()
    page.locator(".jp-Dialog .jp-mod-accept").click()
    page.wait_for_timeout(1000)
    wait_idle(page)
    out = last_cell_run(page, 'import kit; kit.progress("q0.2")')
    assert "q0.2" in out and "True" in out and "correct" in out, out


def sorter(page):
    return page.locator(".jp-NotebookPanel:visible .kit-claim-sorter").first


def feedback_after(page, action) -> float:
    box = sorter(page)
    before = box.locator(".kit-feedback").count()
    start = time.monotonic()
    action()
    page.wait_for_function(
        "n => { const b = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .kit-claim-sorter');"
        " return b && b.querySelectorAll('.kit-feedback.kit-correct, .kit-feedback.kit-incorrect').length > n; }",
        arg=before,
        timeout=5_000,
    )
    return time.monotonic() - start


def test_lesson_01_sorter_by_clicking_and_by_keyboard(page, lab):
    open_notebook(page, lab, "lessons/01_classify_claims.ipynb")
    run_all(page)
    box = sorter(page)
    box.scroll_into_view_if_needed()
    answered_before = len(json.loads(Path(lab["answers"]).read_text(encoding="utf-8"))["attempts"]) if Path(lab["answers"]).exists() else 0

    for _ in range(3):  # by clicking
        box.locator(".widget-toggle-buttons button", has_text="4").click()
        seconds = feedback_after(page, lambda: box.get_by_role("button", name="opinion", exact=True).click())
        assert seconds < 1.0, f"feedback took {seconds:.2f} s"
        box.get_by_role("button", name="Next →").click()
        page.wait_for_timeout(200)

    for _ in range(3):  # by keyboard alone: Tab to a confidence, Enter; Tab to a label, Enter
        box.locator("select").focus()
        target_confidence = box.locator(".widget-toggle-buttons button", has_text="3")
        for _ in range(12):
            page.keyboard.press("Tab")
            if target_confidence.evaluate("el => el === document.activeElement"):
                break
        else:
            raise AssertionError("Tab never reached the confidence buttons")
        page.keyboard.press("Enter")
        label = box.get_by_role("button", name="speculation", exact=True)
        for _ in range(12):
            page.keyboard.press("Tab")
            if label.evaluate("el => el === document.activeElement"):
                break
        else:
            raise AssertionError("Tab never reached the label buttons")
        seconds = feedback_after(page, lambda: page.keyboard.press("Enter"))
        assert seconds < 1.0, f"feedback took {seconds:.2f} s"
        next_button = box.get_by_role("button", name="Next →")
        for _ in range(12):
            page.keyboard.press("Tab")
            if next_button.evaluate("el => el === document.activeElement"):
                break
        page.keyboard.press("Enter")
        page.wait_for_timeout(200)

    attempts = json.loads(Path(lab["answers"]).read_text(encoding="utf-8"))["attempts"]
    mine = attempts[answered_before:]
    assert [a["answer"]["label"] for a in mine] == ["opinion"] * 3 + ["speculation"] * 3
    assert [a["answer"]["confidence"] for a in mine] == [4] * 3 + [3] * 3
    assert len({a["question"] for a in mine}) == 6, "each answer was for a new claim"
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "01_claim_sorter.png"))
