"""UN INFO's markers of a sub-output, in the values and proportions real exports show.

The values are those of the bundled exports (loaders/data/uninfo); the
weights are roughly how often each appears there.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

WOMENS = "women\u2019s"  # with UN INFO's typographic apostrophe
GENDER = (
    (f"2 - Gender equality/ {WOMENS} empowerment is a significant objective", 50),
    (f"1 - Contributes to gender equality/{WOMENS} empowerment in a limited way", 26),
    (f"3 - Gender equality/ {WOMENS} empowerment is the principal objective", 13),
    (f"0 - Not expected to contribute to gender equality/{WOMENS} empowerment", 4),
    ("-", 7),
)
HUMAN_RIGHTS = (
    ("2 - Significant contribution to realization of human rights", 47),
    ("1 - Limited contribution to realization of human rights", 27),
    ("3 - Principal contribution is to the realization of human rights", 14),
    ("0 - Not expected to contribute to realization of human rights", 4),
    ("-", 8),
)
SUSTAINING_PEACE = (
    ("1 - Contributes to sustaining peace empowerment in a limited way", 19),
    ("0 - Not expected to contribute towards sustaining peace", 10),
    ("2 - Sustaining Peace is a significant objective", 10),
    ("3 - Sustaining Peace is the principal objective", 2),
    ("-", 59),
)
HUMANITARIAN = (("-", 92), ("Appeal", 5), ("Emergency", 3))
LNOB_GROUPS = (
    "Youth", "Children", "Women & Girls", "Persons With Disabilities", "Refugees & Asylum Seekers",
    "Minorities", "Internally Displaced Persons", "Migrants", "Indigenous Peoples",
    "Peasants & Rural Workers", "Older Persons", "Stateless Persons",
)  # fmt: skip
QCPR_FUNCTIONS = (
    ("Capacity Development/Technical Assistance", 40),
    ("Convening/Partnerships/Knowledge Sharing", 14),
    ("Direct Support/ Service Delivery", 12),
    ("Policy Advice and Thought Leadership", 10),
    ("Data Collection and Analysis", 8),
    ("Normative Support", 6),
    ("Support Functions", 3),
    ("Other (including coordination)", 2),
)


@dataclass(frozen=True)
class Markers:
    gender: str
    human_rights: str
    humanitarian: str
    sustaining_peace: str
    lnob_groups: tuple[str, ...]
    qcpr_functions: tuple[str, ...]


def _one(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


def draw(rng: random.Random) -> Markers:
    lnob = rng.sample(LNOB_GROUPS, rng.choices((0, 1, 2, 3), (45, 30, 15, 10))[0])
    functions = {_one(rng, QCPR_FUNCTIONS) for _ in range(rng.choice((1, 1, 2)))}
    return Markers(
        gender=_one(rng, GENDER),
        human_rights=_one(rng, HUMAN_RIGHTS),
        humanitarian=_one(rng, HUMANITARIAN),
        sustaining_peace=_one(rng, SUSTAINING_PEACE),
        lnob_groups=tuple(lnob),
        qcpr_functions=tuple(sorted(functions)),
    )
