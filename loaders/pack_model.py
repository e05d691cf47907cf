"""The country pack format (YAML or JSON), as pydantic models.

The models check shape, types, enums and dates; loaders.pack then resolves
references across the pack and the store. Unknown keys are errors, so a typo
never silently drops a fact.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from graph.model import BodyKind, MemberRole, ParticipationRole, PartnerType

Id = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Iso3 = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
SdgCode = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^[0-9]{1,2}(\.[0-9a-z]{1,2})?$")
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CountryEntry(Strict):
    iso3: Iso3
    name: Text


class FrameworkEntry(Strict):
    id: Id
    title: Text
    start_year: int | None = Field(default=None, ge=1990, le=2100)
    end_year: int | None = Field(default=None, ge=1990, le=2100)
    source: str | None = None

    @model_validator(mode="after")
    def _years_in_order(self) -> FrameworkEntry:
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValueError("end_year is before start_year")
        return self


class AgencyPresence(Strict):
    id: Id
    resident: bool | None = None
    name: Text | None = None  # only to create an agency the UN entities list lacks


class PartnerEntry(Strict):
    id: Id
    name: Text
    type: PartnerType = PartnerType.OTHER
    source: str | None = None


class Dated(Strict):
    since: date | None = None
    until: date | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Dated:
        if self.since and self.until and self.until < self.since:
            raise ValueError("until is before since")
        return self


class ReportingLine(Dated):
    body: Id
    source: str | None = None


class Member(Dated):
    agency: Id | None = None
    partner: Id | None = None
    role: MemberRole = MemberRole.MEMBER
    source: str | None = None

    @model_validator(mode="after")
    def _one_member(self) -> Member:
        if (self.agency is None) == (self.partner is None):
            raise ValueError("a member names exactly one of agency or partner")
        return self


class BodyEntry(Strict):
    id: Id
    kind: BodyKind
    name: Text
    description: str | None = None
    source: str | None = None
    reports_to: list[Id | ReportingLine] = []
    members: list[Member] = []
    outcomes: list[Id] = []

    def reporting_lines(self) -> list[ReportingLine]:
        return [
            r if isinstance(r, ReportingLine) else ReportingLine(body=r) for r in self.reports_to
        ]


class OutcomeEntry(Strict):
    id: Id
    code: Text
    title: Text
    description: str | None = None
    source: str | None = None
    sdg_targets: list[SdgCode] = []
    sdg_goals: list[SdgCode] = []
    contributors: list[Id] = []


class Participant(Strict):
    agency: Id
    role: ParticipationRole = ParticipationRole.PARTICIPATING


class JointProgrammeEntry(Strict):
    id: Id
    title: Text
    start: date | None = None
    end: date | None = None
    budget: float | None = Field(default=None, ge=0)
    source: str | None = None
    agencies: list[Participant] = []
    outcomes: list[Id] = []
    sdg_targets: list[SdgCode] = []
    sdg_goals: list[SdgCode] = []


class CountryPack(Strict):
    country: CountryEntry
    framework: FrameworkEntry | None = None
    agencies: list[AgencyPresence] = []
    partners: list[PartnerEntry] = []
    bodies: list[BodyEntry] = []
    outcomes: list[OutcomeEntry] = []
    joint_programmes: list[JointProgrammeEntry] = []

    @model_validator(mode="before")
    @classmethod
    def _is_mapping(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            raise ValueError("a country pack is a mapping with at least `country`")
        return data
