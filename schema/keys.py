"""API keys managed over GraphQL, for admin keys only (graph.keys does the work).

The same as `unct-graph keys create|list|revoke`, for an admin who has no
shell on the server. A new key's secret is in the answer once and nowhere
else; listing keys shows names, roles and dates, never a secret or a hash.
"""

from __future__ import annotations

from datetime import datetime

import strawberry

from graph import keys
from graph.keys import Key, Role
from schema.context import Info
from schema.cost import size
from schema.mutations import NotAllowedError

KeyRole = strawberry.enum(Role, name="KeyRole", description="What a key may do.")


@strawberry.type(description="An API key, without its secret.")
class ApiKey:
    name: str
    role: KeyRole  # type: ignore[valid-type]
    created_at: datetime
    revoked_at: datetime | None

    @classmethod
    def of(cls, key: Key) -> ApiKey:
        revoked = datetime.fromisoformat(key.revoked_at) if key.revoked_at else None
        return cls(
            name=key.name,
            role=key.role,
            created_at=datetime.fromisoformat(key.created_at),
            revoked_at=revoked,
        )


@strawberry.type(description="A key just created: its secret is shown this once.")
class CreatedApiKey:
    key: ApiKey
    secret: str = strawberry.field(
        description="Send it as `Authorization: Bearer <secret>`; it cannot be shown again."
    )


def _admin(info: Info) -> None:
    principal = info.context.principal
    if not principal.may(Role.ADMIN):
        raise NotAllowedError(f"managing keys needs an admin key; {principal.kind} may not")


async def _named(info: Info, name: str) -> Key:
    found = await keys.named(info.context.store, name)
    assert found is not None  # just created or revoked, and keys are never deleted
    return found


@strawberry.type
class KeysQuery:
    @strawberry.field(
        metadata=size(10), description="Every API key, active and revoked; admin keys only."
    )
    async def api_keys(self, info: Info) -> list[ApiKey]:
        _admin(info)
        return [ApiKey.of(k) for k in await keys.all_keys(info.context.store)]


@strawberry.type
class KeysMutation:
    @strawberry.mutation(description="Create a key (names are never reused); admin keys only.")
    async def create_api_key(self, info: Info, name: str, role: KeyRole) -> CreatedApiKey:  # type: ignore[valid-type]
        _admin(info)
        secret = await keys.create(info.context.store, name, Role(role))
        return CreatedApiKey(key=ApiKey.of(await _named(info, name)), secret=secret)

    @strawberry.mutation(description="Revoke a key: it stops working at once; admin keys only.")
    async def revoke_api_key(self, info: Info, name: str) -> ApiKey:
        _admin(info)
        await keys.revoke(info.context.store, name)
        return ApiKey.of(await _named(info, name))
