"""The names framing keys may use: SemEval frames and persuasion techniques, coverage statuses, stances.

Frames and techniques are spelled exactly as in the SemEval-2023 Task 3 data,
so that a class's keys can be compared with the shared task's; the statuses
and stances are the kit's own.

>>> len(FRAMES), len(TECHNIQUES), COVERAGE_STATUSES
(14, 23, ('included', 'distorted', 'omitted'))
"""

from __future__ import annotations

FRAMES = (
    "Economic",
    "Capacity_and_resources",
    "Morality",
    "Fairness_and_equality",
    "Legality_Constitutionality_and_jurisprudence",
    "Policy_prescription_and_evaluation",
    "Crime_and_punishment",
    "Security_and_defense",
    "Health_and_safety",
    "Quality_of_life",
    "Cultural_identity",
    "Public_opinion",
    "Political",
    "External_regulation_and_reputation",
)
"""The 14 generic frames of SemEval-2023 Task 3, subtask 2, spelled as in its data, in codebook order.

They are the dimensions of the Media Frames Corpus codebook (its 15th, "Other", is not used).
"""

FRAMES_CITATION = (
    "J. Piskorski, N. Stefanovitch, G. Da San Martino and P. Nakov (2023), SemEval-2023 Task 3: "
    "Detecting the Category, the Framing, and the Persuasion Techniques in Online News in a "
    "Multi-lingual Setup, Proceedings of SemEval-2023 (subtask 2: frames; subtask 3: persuasion "
    "techniques); the frames come from the Media Frames Corpus codebook: D. Card, A. E. Boydstun, "
    "J. H. Gross, P. Resnik and N. A. Smith (2015), The Media Frames Corpus, ACL."
)
"""Where :data:`FRAMES` and :data:`TECHNIQUES` come from."""

FRAME_HINTS = {
    "Economic": "costs, benefits, money, trade, jobs",
    "Capacity_and_resources": "whether there is enough of something: weapons, aid, time, people",
    "Morality": "right and wrong, honesty, duty, ethics",
    "Fairness_and_equality": "whether people or groups are treated equally",
    "Legality_Constitutionality_and_jurisprudence": "laws, rights, courts, what is legal",
    "Policy_prescription_and_evaluation": "what a government should do, and whether a policy works",
    "Crime_and_punishment": "breaking laws, enforcement, punishment",
    "Security_and_defense": "war, armies, threats, escalation, defence",
    "Health_and_safety": "health, injury, safety of people",
    "Quality_of_life": "how people's daily lives are affected",
    "Cultural_identity": "traditions, values and identity of a people or civilisation",
    "Public_opinion": "what the public or the media think, say or report; attention and credibility",
    "Political": "politicians, elections, parties, political strategy and manoeuvres",
    "External_regulation_and_reputation": "relations between states, diplomacy, a country's standing abroad",
}
"""One line per frame, written for the kit, to help decide (media credibility counts as Public_opinion)."""

TECHNIQUE_GROUPS = {
    "Attack on reputation": ("Name_Calling-Labeling", "Guilt_by_Association", "Doubt", "Appeal_to_Hypocrisy",
                             "Questioning_the_Reputation"),
    "Justification": ("Flag_Waving", "Appeal_to_Authority", "Appeal_to_Popularity", "Appeal_to_Values",
                      "Appeal_to_Fear-Prejudice"),
    "Simplification": ("Causal_Oversimplification", "False_Dilemma-No_Choice", "Consequential_Oversimplification"),
    "Distraction": ("Straw_Man", "Red_Herring", "Whataboutism"),
    "Call": ("Slogans", "Conversation_Killer", "Appeal_to_Time"),
    "Manipulative wording": ("Loaded_Language", "Obfuscation-Vagueness-Confusion", "Exaggeration-Minimisation",
                             "Repetition"),
}
"""The 23 persuasion techniques of SemEval-2023 Task 3, subtask 3, in its six groups."""

TECHNIQUES = tuple(t for group in TECHNIQUE_GROUPS.values() for t in group)
"""The 23 technique names, spelled as in the SemEval-2023 Task 3 data."""

COVERAGE_STATUSES = ("included", "distorted", "omitted")
"""How an article treats a key fact of the story (the ``status`` of ``keys/coverage.csv``)."""

STATUS_MARKS = {"included": "+", "distorted": "!", "omitted": "–"}
"""The mark printed in a coverage cell beside its colour, for readers who do not see colour."""

STANCES = ("credible", "doubtful", "neutral")
"""An article's stance toward the report at the centre of the story (the ``stance`` of ``keys/stance.csv``)."""
