"""The claim labels of lesson 01: a fixed set, each with a definition and its traps.

One label per claim: the label says what kind of statement it is, which tells
a reader *how* it could be checked, not whether it is true.
"""

from __future__ import annotations

LABELS = (
    "verifiable_fact",
    "attributed_statement",
    "opinion",
    "speculation",
    "prediction",
    "loaded_framing",
)
"""The six labels, in the order the lesson teaches them."""

DEFINITIONS = {
    "verifiable_fact": (
        "A statement about the world, made in the article's own voice, that records, documents or other "
        "sources could confirm or refute: who did what, when, where, how many. Verifiable means checkable, "
        "not true: a checkable statement can be false or out of date (an article written after the election "
        "that calls Trump a 'candidate' makes a checkable statement that was no longer true)."
    ),
    "attributed_statement": (
        "The article reports what a named or unnamed source said, claimed or reported; the article vouches "
        "only that it was said, and the claim itself rests on the source. The reporting verb carries the "
        "writer's judgement: 'said', 'stated', 'told' and 'according to' are neutral, while 'claimed', "
        "'admitted', 'insisted', 'dismissed' or 'debunked' tell you what the writer thinks of the statement."
    ),
    "opinion": (
        "A judgement of value in the writer's own voice: what is good or bad, important, valid, credible, "
        "apt, realistic or necessary. Evidence can inform it but cannot settle it. Opinion is often written "
        "as certainty ('It is important not to...', 'These are certainly valid questions')."
    ),
    "speculation": (
        "A guess about facts the writer cannot know from the evidence given: hidden motives, secret "
        "arrangements, what happened behind closed doors, why someone acted. It may be hedged ('may', "
        "'could', 'probably', a question) or written as certainty ('It is clear that...'); either way, "
        "ask what evidence would settle it and whether the article has it."
    ),
    "prediction": (
        "A claim about what will happen, or is likely to happen, after the article was written. It cannot "
        "be checked yet, only later: note who predicts it and on what grounds."
    ),
    "loaded_framing": (
        "Wording whose main work is to make the reader feel or judge, beyond what the facts support: "
        "loaded labels ('propagandists', 'so-called'), a question headline that plants doubt without "
        "asserting anything, or an evaluative verb that turns a report into a verdict ('swiftly debunked' "
        "for a denial). The words, not the facts, are the claim."
    ),
}

TRAPS = (
    "Verifiable means checkable, not true: some checkable statements in the seeds are false or out of date.",
    "A quotation is an attributed statement even when the speaker is wrong; judge the reporting verb, "
    "which carries the writer's view ('said' is neutral; 'claimed', 'admitted', 'debunked' are not).",
    "Speculation and opinion can be written as certainty ('It is clear that...'): the grammar is not the label.",
    "A question can make a claim: a headline that asks 'Did Trump really call Putin?' plants doubt "
    "without having to support it.",
)


def describe_labels():
    """Return the labels with their definitions as a table.

    Returns:
        A DataFrame indexed by label with one ``definition`` column.

    >>> describe_labels().index.tolist() == list(LABELS)
    True
    """
    import pandas as pd

    return pd.DataFrame({"definition": [DEFINITIONS[label] for label in LABELS]}, index=pd.Index(LABELS, name="label"))


def normalise_label(value: object) -> str | None:
    """Return the label a student meant, forgiving case, spaces and hyphens; ``None`` if unknown.

    >>> normalise_label("Verifiable fact"), normalise_label("loaded-framing"), normalise_label("fact")
    ('verifiable_fact', 'loaded_framing', None)
    """
    if not isinstance(value, str):
        return None
    key = "_".join(value.strip().lower().replace("-", " ").split())
    return key if key in LABELS else None
