"""The country pack format (YAML or JSON), as pydantic models.

The models check shape, types, enums and dates, entry by entry, so one bad
entry does not hide the problems of the others; loaders.pack then resolves
references across the pack and the store. Unknown keys are errors, so a typo
never silently drops a fact.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, get_args, get_origin

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    model_validator,
)

from graph.model import (
    AccountabilityKind,
    BodyKind,
    MemberRole,
    ParticipationRole,
    PartnerType,
    PostKind,
)

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
    # The plan's name in UN INFO exports, when it is the same plan: the export's
    # outcomes then join this framework (they match by country, years and title too).
    uninfo_plan: Text | None = None
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


class Accountability(Dated):
    """The body's chair answers to a post (the Resident Coordinator)."""

    post: Id
    kind: AccountabilityKind = AccountabilityKind.OTHER
    source: str | None = None


class BodyEntry(Strict):
    id: Id
    kind: BodyKind
    name: Text
    description: str | None = None
    source: str | None = None
    reports_to: list[Id | ReportingLine] = []
    members: list[Member] = []
    outcomes: list[Id] = []
    accountable_to: list[Accountability] = []

    def reporting_lines(self) -> list[ReportingLine]:
        return [
            r if isinstance(r, ReportingLine) else ReportingLine(body=r) for r in self.reports_to
        ]


class Led(Dated):
    body: Id
    source: str | None = None


class Holder(Dated):
    """Someone who held the post for a period; the name may be unknown."""

    name: Text | None = None
    source: str | None = None


class PostEntry(Strict):
    """A post held by one person at a time (W3C ORG org:Post): the Resident Coordinator."""

    id: Id
    title: Text
    kind: PostKind = PostKind.RESIDENT_COORDINATOR
    source: str | None = None
    leads: list[Id | Led] = []
    holders: list[Holder] = []

    def led(self) -> list[Led]:
        return [b if isinstance(b, Led) else Led(body=b) for b in self.leads]


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


@dataclass
class PackEntries:
    """A pack's entries that have the right shape, each with its index in the file.

    Entries with shape errors are left out (their errors are reported), and
    their ids remembered, so that a reference to one is not reported again
    as unresolved: every problem of a file is reported once, in one run.
    """

    country: CountryEntry | None = None
    framework: FrameworkEntry | None = None
    framework_given: bool = False
    agencies: list[tuple[int, AgencyPresence]] = field(default_factory=list)
    partners: list[tuple[int, PartnerEntry]] = field(default_factory=list)
    bodies: list[tuple[int, BodyEntry]] = field(default_factory=list)
    outcomes: list[tuple[int, OutcomeEntry]] = field(default_factory=list)
    joint_programmes: list[tuple[int, JointProgrammeEntry]] = field(default_factory=list)
    posts: list[tuple[int, PostEntry]] = field(default_factory=list)
    invalid_ids: set[str] = field(default_factory=set)
    # What could be read of entries with shape errors (their id and the
    # well-shaped parts of their lists), so their references are checked too.
    partial: dict[str, list[tuple[int, Any]]] = field(default_factory=dict)


# The sections of a pack that list entries, and the shape of each entry.
SECTIONS: dict[str, type[Strict]] = {
    "agencies": AgencyPresence,
    "partners": PartnerEntry,
    "bodies": BodyEntry,
    "outcomes": OutcomeEntry,
    "joint_programmes": JointProgrammeEntry,
    "posts": PostEntry,
}
SINGLE: dict[str, type[Strict]] = {"country": CountryEntry, "framework": FrameworkEntry}
Error = dict[str, Any]


def validate(data: Any) -> tuple[PackEntries, list[Error]]:
    """Every entry checked on its own; the good ones, and every error with its location."""
    entries = PackEntries()
    if not isinstance(data, dict):
        return entries, [_error((), "a country pack is a mapping with at least `country`")]
    errors = [_error((key,), "unknown key") for key in data if key not in SECTIONS | SINGLE]
    if data.get("country") is None:
        errors.append(_error(("country",), "missing (the pack's country, {iso3, name})"))
    for key, model in SINGLE.items():
        if data.get(key) is not None:
            entry, found = _one(model, data[key], (key,))
            setattr(entries, key, entry)
            errors += found
    entries.framework_given = data.get("framework") is not None
    for key, model in SECTIONS.items():
        items = data.get(key)
        if items is None:
            continue
        if not isinstance(items, list):
            errors.append(_error((key,), "must be a list"))
            continue
        valid = getattr(entries, key)
        for index, item in enumerate(items):
            entry, found = _one(model, item, (key, index))
            if entry is not None:
                valid.append((index, entry))
            elif (salvaged := _salvage(model, item)) is not None:
                entries.invalid_ids.add(salvaged.id)
                entries.partial.setdefault(key, []).append((index, salvaged))
            errors += found
    return entries, errors


def _one(model: type[Strict], item: Any, where: tuple[str | int, ...]) -> tuple[Any, list[Error]]:
    try:
        return model.model_validate(item), []
    except ValidationError as e:
        found: list[Error] = []
        for error in e.errors():
            found.append({**error, "loc": (*where, *error["loc"])})
        return None, found


def _salvage(model: type[Strict], item: Any) -> Any:
    """An unvalidated entry of the well-shaped parts of `item`: its id and list elements.

    Never written anywhere; it lets the references inside a broken entry be
    checked in the same run as the entry's own errors.
    """
    if not isinstance(item, dict) or not isinstance(item.get("id"), str):
        return None
    values: dict[str, Any] = {"id": item["id"].strip()}
    for name, info in model.model_fields.items():
        if get_origin(info.annotation) is list and isinstance(item.get(name), list):
            element: TypeAdapter[Any] = TypeAdapter(get_args(info.annotation)[0])
            values[name] = [v for v in map(_valid(element), item[name]) if v is not None]
    return model.model_construct(**values)


def _valid(adapter: TypeAdapter[Any]) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        try:
            return adapter.validate_python(value)
        except ValidationError:
            return None

    return check


def _error(location: tuple[str | int, ...], message: str) -> Error:
    return {"loc": location, "msg": message, "type": "pack"}
