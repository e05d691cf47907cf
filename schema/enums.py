"""GraphQL enums, derived from graph.model so the API and the store agree."""

from __future__ import annotations

from enum import Enum

import strawberry

from graph import model

BodyKind = strawberry.enum(model.BodyKind, description="What kind of coordination body.")
MemberRole = strawberry.enum(model.MemberRole, description="A member's role in a body.")
PartnerType = strawberry.enum(model.PartnerType, description="What kind of partner.")


@strawberry.enum(description="How an agency comes to contribute to an outcome.")
class ContributionPath(Enum):
    DIRECT = strawberry.enum_value(
        "DIRECT",
        description="The agency delivers the outcome, or an output or sub-output beneath it.",
    )
    RESULTS_GROUP = strawberry.enum_value(
        "RESULTS_GROUP", description="The agency sits in a body that covers the outcome."
    )
    JOINT_PROGRAMME = strawberry.enum_value(
        "JOINT_PROGRAMME",
        description="The agency takes part in a joint programme serving the outcome.",
    )
