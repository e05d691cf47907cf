"""The partners generated sub-outputs and packs name: donors, ministries, civil society.

Names never hold a comma followed by a capital: UN INFO joins partner names
with commas, and the loader splits them there.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from loaders.synthetic.countries import Country
from loaders.synthetic.themes import THEMES


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(";"))


# Contributing partners: who funds sub-outputs, in many countries.
DONORS = _names(
    "European Union; Government of Sweden; Government of Norway; Government of Germany; "
    "Government of Japan; Government of the United Kingdom; Government of Canada; "
    "Government of Australia; Government of Switzerland; Government of the Netherlands; "
    "Government of Denmark; Government of Finland; Government of Ireland; "
    "Government of the Republic of Korea; Government of Italy; Government of France; "
    "Government of Spain; Government of Luxembourg; Government of New Zealand; "
    "Government of Belgium; Joint SDG Fund; Global Partnership for Education; "
    "The Global Fund; Gavi the Vaccine Alliance; Green Climate Fund; "
    "Global Environment Facility; World Bank; Peacebuilding Fund; "
    "Central Emergency Response Fund; Education Cannot Wait; Core Funding; "
    "Bill & Melinda Gates Foundation; Adaptation Fund; Spotlight Initiative Fund"
)
# Implementation partners besides the ministries of the themes.
_INSTITUTIONS = (
    "National Statistics Office of {c}; National Human Rights Commission of {c}; "
    "National Disaster Management Authority of {c}; Ministry of Local Government of {c}; "
    "Ministry of Youth and Sports of {c}; Central Bank of {c}; Electoral Commission of {c}; "
    "National AIDS Council of {c}; Social Security Fund of {c}; Parliament of {c}; "
    "Supreme Court of {c}; National Police of {c}; Office of the Ombudsperson of {c}; "
    "Ministry of Water Resources of {c}; Ministry of Trade and Industry of {c}; "
    "Ministry of Information and Communications of {c}; Ministry of Transport of {c}; "
    "Ministry of Tourism of {c}; Ministry of Fisheries of {c}; Ministry of Mines of {c}; "
    "National Water Authority of {c}; Food Safety Authority of {c}; "
    "National Employment Agency of {c}; Investment Promotion Agency of {c}; "
    "Bureau of Standards of {c}; Meteorological Department of {c}; "
    "Anti-Corruption Commission of {c}; Gender Equality Commission of {c}; "
    "Child Protection Authority of {c}; Prison Service of {c}; "
    "Public Procurement Authority of {c}; Revenue Authority of {c}; "
    "Environmental Protection Agency of {c}; Forestry Department of {c}; "
    "Roads Authority of {c}; Rural Electrification Agency of {c}"
)
_SOCIETY = (
    "{c} Red Cross Society; {c} Women Lawyers Association; {c} National Youth Council; "
    "{c} Federation of Farmers' Organizations; {c} Chamber of Commerce and Industry; "
    "{c} Federation of Employers; {c} Confederation of Trade Unions; "
    "{c} Union of Persons with Disabilities; {c} Network of People Living with HIV; "
    "{c} Environmental Alliance; {c} Association of Local Authorities; "
    "{c} Family Planning Association; {c} Teachers' Union; {c} Press Council; "
    "National University of {c}; {c} Institute of Public Health; "
    "{c} Institute for Development Studies; {c} Microfinance Network; "
    "{c} Coalition against Gender-Based Violence; {c} Child Rights Coalition"
)
SHARED = ("Local and international NGOs", "Civil society organisations", "Private sector")


@dataclass(frozen=True)
class CountryPartners:
    """Who implements in one country: its ministries by theme, and everyone else."""

    ministries: dict[str, str]  # theme key -> ministry name
    others: tuple[str, ...]
    government: str

    def implementers(self, theme: str, rng: random.Random) -> list[str]:
        """0-3 implementation partners of a sub-output, its theme's ministry most often."""
        count = rng.choices((0, 1, 2, 3), (10, 30, 35, 25))[0]
        chosen: list[str] = []
        if count and rng.random() < 0.6:
            chosen.append(self.ministries[theme])
        while len(chosen) < count:
            name = rng.choice(self.others) if rng.random() < 0.9 else rng.choice(SHARED)
            if name not in chosen:
                chosen.append(name)
        return chosen

    def funders(self, rng: random.Random) -> list[str]:
        """1-3 contributing partners: donors, sometimes the government itself."""
        count = rng.choices((1, 2, 3), (45, 35, 20))[0]
        chosen = [self.government] if rng.random() < 0.15 else []
        while len(chosen) < count:
            name = rng.choice(DONORS)
            if name not in chosen:
                chosen.append(name)
        return chosen


def of(country: Country) -> CountryPartners:
    def named(templates: str) -> tuple[str, ...]:
        return tuple(t.strip().format(c=country.label) for t in templates.split(";"))

    return CountryPartners(
        ministries={t.key: f"{t.ministry} of {country.label}" for t in THEMES},
        others=named(_INSTITUTIONS) + named(_SOCIETY),
        government=f"Government of {country.label}",
    )
