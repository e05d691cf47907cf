"""The IATI code lists an activity file is checked against (bundled, see PROVENANCE.md)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

from graph.model import ActivityRole, PartnerType
from loaders.read import read_table

IATI_DIR = Path(__file__).parent / "data" / "iati"
CODELISTS = IATI_DIR / "codelists"
ORGANISATIONS = IATI_DIR / "organisations.csv"

# IATI OrganisationRole codes -> the roles the graph keeps.
ROLES = {
    "1": ActivityRole.FUNDING,
    "2": ActivityRole.ACCOUNTABLE,
    "3": ActivityRole.EXTENDING,
    "4": ActivityRole.IMPLEMENTING,
}
# IATI OrganisationType codes -> partner types (a UN agency becomes an Agency).
PARTNER_TYPES = {
    "10": PartnerType.GOVERNMENT,
    "11": PartnerType.GOVERNMENT,
    "15": PartnerType.GOVERNMENT,
    "21": PartnerType.CIVIL_SOCIETY,
    "22": PartnerType.CIVIL_SOCIETY,
    "23": PartnerType.CIVIL_SOCIETY,
    "24": PartnerType.CIVIL_SOCIETY,
    "30": PartnerType.OTHER,
    "40": PartnerType.INTERNATIONAL_ORGANIZATION,
    "60": PartnerType.OTHER,
    "70": PartnerType.PRIVATE_SECTOR,
    "71": PartnerType.PRIVATE_SECTOR,
    "72": PartnerType.PRIVATE_SECTOR,
    "73": PartnerType.PRIVATE_SECTOR,
    "80": PartnerType.ACADEMIA,
    "90": PartnerType.OTHER,
}
# IATI ActivityStatus (an embedded list of the standard, not among the bundled files).
STATUSES = {
    "1": "Pipeline/identification",
    "2": "Implementation",
    "3": "Finalisation",
    "4": "Closed",
    "5": "Cancelled",
    "6": "Suspended",
}
# IATI TransactionType codes summed into the activity's totals.
TRANSACTIONS = {"2": "commitments", "3": "disbursements", "4": "expenditures"}
# Vocabularies that carry SDGs: tag 2 (goals) and 3 (targets), sector 7 and 8.
SDG_TAGS = {"2": "goal", "3": "target"}
SDG_SECTORS = {"7": "goal", "8": "target"}


@cache
def codes(name: str) -> frozenset[str]:
    """Every code of the bundled code list `name` (e.g. "UNSDG-Targets")."""
    tree = etree.parse(str(CODELISTS / f"{name}.xml"))
    return frozenset(str(code.text).strip() for code in tree.iter("code"))


@cache
def agency_refs() -> dict[str, str]:
    """IATI organisation identifier (with or without `XM-DAC-`) -> agency id."""
    found: dict[str, str] = {}
    for row in read_table(ORGANISATIONS, ("ref", "agency"), "an organisations list").rows:
        ref, agency = str(row.get("ref") or "").strip(), str(row.get("agency") or "").strip()
        found[ref] = agency
        found[ref.removeprefix("XM-DAC-")] = agency
    return found
