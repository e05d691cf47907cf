"""Which countries a generated set covers, and which agencies work in each.

Countries are real ISO 3166 codes, so the loaders accept them. Those UN INFO
reports on come first (loaders/data/entities/uninfo-agencies-per-country.csv),
each with the agencies reporting there; past them, other ISO countries, with
the agencies most UN country teams have. A country depends only on the seed
and its code, never on how many countries are asked for, so a small set is
the first part of a larger one.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import pycountry

from loaders.countries import country_by_code, resolve_country
from loaders.synthetic import bundled

# Agencies present in most countries, busiest first: what a country UN INFO
# lists few agencies for is topped up with.
COMMON_AGENCIES = (
    "UNDP", "UNICEF", "UNFPA", "WHO", "FAO", "IOM", "ILO", "UNESCO", "UNHCR", "UN-Women",
    "UNODC", "UNEP", "WFP", "UNIDO", "UNAIDS", "OHCHR", "UNOPS", "UN-Habitat", "IFAD",
    "UNDRR", "ITC", "ITU", "UNCDF", "UNV",
)  # fmt: skip
# Territories without a population or a UN presence to speak of.
_UNINHABITED = {"ATA", "ATF", "BVT", "HMD", "IOT", "SGS", "UMI", "CCK", "CXR", "NFK", "PCN"}
# Names with a comma and no common name without one, said without it, so they
# can sit inside partner names (UN INFO splits partner cells at commas).
_WITHOUT_COMMA = {
    "BES": "Bonaire Sint Eustatius and Saba",
    "COD": "Democratic Republic of the Congo",
    "FSM": "Federated States of Micronesia",
    "PSE": "State of Palestine",
    "SHN": "Saint Helena",
    "VGB": "British Virgin Islands",
    "VIR": "United States Virgin Islands",
}
MIN_AGENCIES, MAX_AGENCIES = 16, 24
MIN_RESIDENT, MAX_RESIDENT = 8, 20


@dataclass(frozen=True)
class Agency:
    id: str  # canonical, as packs name it
    spelling: str  # as UN INFO writes it
    name: str
    resident: bool


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str  # as UN INFO writes it; resolves back to iso3
    label: str  # the name without commas, to build other names from
    number: int  # ISO 3166 numeric: keeps UN INFO IDs unique across countries
    agencies: tuple[Agency, ...]  # busiest first

    def agency(self, agency_id: str) -> Agency | None:
        return next((a for a in self.agencies if a.id == agency_id), None)


def choose(count: int, seed: int) -> list[Country]:
    """`count` countries: UN INFO's first, then other ISO countries, each order shuffled."""
    reported = [iso3 for iso3 in bundled.presence() if pycountry.countries.get(alpha_3=iso3)]
    others = sorted(
        c.alpha_3
        for c in pycountry.countries
        if c.alpha_3 not in reported and c.alpha_3 not in _UNINHABITED
    )
    rng = random.Random(f"{seed}:countries")
    rng.shuffle(reported)
    rng.shuffle(others)
    codes = (reported + others)[:count]
    if len(codes) < count:
        raise ValueError(f"at most {len(reported) + len(others)} countries can be generated")
    return [country(iso3, seed) for iso3 in codes]


def country(iso3: str, seed: int) -> Country:
    record = pycountry.countries.get(alpha_3=iso3)
    known = country_by_code(iso3)
    if record is None or known is None:
        raise ValueError(f"{iso3} is not an ISO 3166 alpha-3 code")
    uninfo_name, reported = bundled.presence().get(iso3, ("", ()))
    resolved = resolve_country(uninfo_name) if uninfo_name else None
    name = uninfo_name if resolved and resolved.iso3 == iso3 else known.name
    label = _WITHOUT_COMMA.get(iso3) or _short(name, getattr(record, "common_name", None))
    rng = random.Random(f"{seed}:{iso3}:agencies")
    return Country(iso3, name, label, int(record.numeric), _agencies(reported, rng))


def _short(name: str, common: str | None) -> str:
    """`Iran, Islamic Republic of` -> `Iran`: the common name, where ISO's has a comma."""
    if "," not in name:
        return name
    return common if common and "," not in common else name.replace(",", "")


def _agencies(reported: tuple[bundled.Reported, ...], rng: random.Random) -> tuple[Agency, ...]:
    """The agencies UN INFO lists for the country, topped up with common ones."""
    names = bundled.agency_names()
    spellings: dict[str, str] = {}
    for entry in reported:
        agency_id = bundled.resolve_agency(entry.spelling)
        if agency_id is not None:  # spellings no UN entity goes by are left out
            spellings.setdefault(agency_id, entry.spelling)
    wanted = max(len(spellings), rng.randint(MIN_AGENCIES, MAX_AGENCIES))
    for agency_id in COMMON_AGENCIES:
        if len(spellings) >= wanted:
            break
        spellings.setdefault(agency_id, agency_id)
    resident = max(MIN_RESIDENT, min(MAX_RESIDENT, round(len(spellings) * 0.6)))
    return tuple(
        Agency(agency_id, spelling, names[agency_id], index < resident)
        for index, (agency_id, spelling) in enumerate(spellings.items())
    )
