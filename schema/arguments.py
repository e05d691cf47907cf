"""Resolving the ids a client passes as arguments, or saying clearly why not.

A country code that names no country in the graph is an error, not an empty
answer: `sdgCoverage(country: "XXX")` must not report that all 17 goals are
uncovered. Body ids match whatever their case, like agency ids; when
several ids differ only in case, the error lists them.
"""

from __future__ import annotations

from graph.errors import UnctGraphError
from graph.model import NodeKind
from schema.context import Info


class UnknownArgumentError(UnctGraphError):
    """An argument names something the graph does not hold."""


async def country_code(info: Info, country: str | None) -> str | None:
    """The ISO3 code of a country in the graph (any case); None when none was asked."""
    code = iso3_of(country)
    if code is not None:
        await known_country(info, code, country or code)
    return code


def iso3_of(country: str | None) -> str | None:
    """The code a country argument names (any case), not yet checked against the graph."""
    return None if country is None else country.strip().upper()


async def known_country(info: Info, code: str, asked: str) -> None:
    """Raises unless the graph holds the country `code`.

    A field whose answer is found by country may check only when it found
    nothing: a country with outcomes exists, and the check is a round trip.
    """
    if await info.context.loaders.country.load((code,)) is None:
        raise UnknownArgumentError(
            f"no country {asked!r} in the graph (countries are ISO 3166 alpha-3 codes, "
            "e.g. VNM; `countries` lists them)"
        )


async def body_id(info: Info, body: str) -> str | None:
    """The id of the body `body` names, exactly or ignoring case; None when none does."""
    if await info.context.loaders.body.load((body,)) is not None:
        return body
    found = await info.context.graph.ids_ignoring_case(NodeKind.BODY, body)
    if len(found) > 1:
        raise UnknownArgumentError(
            f"body id {body!r} matches several bodies that differ only in case: "
            f"{', '.join(found)}; give one exactly"
        )
    return found[0] if found else None
