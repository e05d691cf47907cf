"""Country names as UN INFO writes them -> ISO 3166 alpha-3 codes.

pycountry knows the ISO names; the table below holds only what it cannot
know: UN short names that differ from ISO's, Kosovo (XKX, the code in common
use, as ISO has none), and multi-country offices that UN INFO lists like
countries. Those get codes from ISO 3166's user-assigned X range, and are
marked multiCountry so no one mistakes them for states.
"""

from __future__ import annotations

from dataclasses import dataclass

import pycountry


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    multi_country: bool = False


_NOT_IN_ISO: dict[str, Country] = {
    "kosovo": Country("XKX", "Kosovo"),
    "pacific": Country("XPA", "Pacific (multi-country office)", multi_country=True),
    "the caribbean": Country("XCA", "Caribbean (multi-country office)", multi_country=True),
    "caribbean": Country("XCA", "Caribbean (multi-country office)", multi_country=True),
}

_UN_NAMES: dict[str, str] = {
    "democratic republic of the congo": "COD",
    "lao pdr": "LAO",
    "palestine": "PSE",
    "state of palestine": "PSE",
    "turkiye": "TUR",
    "türkiye": "TUR",
}


def resolve_country(name: str) -> Country | None:
    key = " ".join(name.split()).lower()
    if key in _NOT_IN_ISO:
        return _NOT_IN_ISO[key]
    code = _UN_NAMES.get(key)
    try:
        record = pycountry.countries.lookup(code or key)
    except LookupError:
        return None
    return Country(record.alpha_3, getattr(record, "common_name", None) or record.name)


def country_by_code(iso3: str) -> Country | None:
    for country in _NOT_IN_ISO.values():
        if country.iso3 == iso3:
            return country
    record = pycountry.countries.get(alpha_3=iso3)
    if record is None:
        return None
    return Country(record.alpha_3, getattr(record, "common_name", None) or record.name)
