"""GraphQL enums: the model's own enums, registered with strawberry.

`strawberry.enum(cls)` registers the class in place, so resolvers use the
model's enums directly and the API and the store cannot drift apart.
"""

from __future__ import annotations

import strawberry

from graph import model
from graph.provenance import Basis

strawberry.enum(model.BodyKind, description="What kind of coordination body.")
strawberry.enum(model.MemberRole, description="A member's role in a body.")
strawberry.enum(model.PartnerType, description="What kind of partner.")
strawberry.enum(model.PostKind, description="What kind of post.")
strawberry.enum(model.AccountabilityKind, description="How a body's chair answers to a post.")
strawberry.enum(
    Basis,
    description="The basis of a fact: a document it quotes (DOCUMENT), a data file (DATA), an "
    "edit through the API (API_EDIT), or an illustration added to a demo (ILLUSTRATIVE).",
)
strawberry.enum(
    model.ParticipationRole, description="How an agency takes part in a joint programme."
)
strawberry.enum(
    model.ContributionPath,
    description="How an agency comes to contribute to an outcome. "
    + " ".join(f"{path.value}: {text}" for path, text in model.CONTRIBUTION_PATHS.items()),
)
