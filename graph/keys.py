"""API keys: created once, stored only as a hash, revoked by name.

A key is a random secret shown once when it is created. The graph keeps its
SHA-256 (a key has 256 random bits, so a fast hash is enough: there is
nothing to guess), its name and its role. Roles are ordered: a reader may
query, an editor may also edit and load, an admin may also manage keys.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from graph import queries
from graph.errors import UnctGraphError
from graph.store import GraphStore, Reader, Row, Transaction

PREFIX = "ugk_"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")


class Role(StrEnum):
    READER = "reader"
    EDITOR = "editor"
    ADMIN = "admin"

    def allows(self, needed: Role) -> bool:
        order = list(Role)
        return order.index(self) >= order.index(needed)


class KeyProblem(UnctGraphError):
    """A key cannot be created or revoked as asked."""


@dataclass(frozen=True)
class Key:
    name: str
    role: Role
    created_at: str
    revoked_at: str | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


@dataclass(frozen=True)
class Principal:
    """Who a request acts as: a key's name and role, or nobody."""

    name: str
    role: Role | None = None  # None: anonymous

    def may(self, needed: Role) -> bool:
        return self.role is not None and self.role.allows(needed)

    @property
    def kind(self) -> str:
        """Who is asking, for a refusal: `anonymous requests`, `reader keys`."""
        return "anonymous requests" if self.role is None else f"{self.role.value} keys"


ANONYMOUS = Principal("anonymous")


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _key(row: Row) -> Key:
    return Key(row["name"], Role(row["role"]), row["createdAt"], row["revokedAt"])


async def create(store: GraphStore, name: str, role: Role) -> str:
    """Creates a key and returns its secret, which is not stored anywhere."""
    if not _NAME.match(name):
        raise KeyProblem(
            f"invalid key name {name!r}: 1-64 letters, digits and . _ @ -, starting with a "
            "letter or digit"
        )
    secret = PREFIX + secrets.token_urlsafe(32)

    async def work(tx: Transaction) -> None:
        if await tx.read(queries.KEY_BY_NAME, {"name": name}):
            raise KeyProblem(f"a key named {name!r} exists already (names are never reused)")
        now = datetime.now(UTC).replace(microsecond=0).isoformat()
        params = {"name": name, "role": role.value, "hash": digest(secret), "at": now}
        await tx.run(queries.KEY_CREATE, params)

    await store.transact(work)
    return secret


async def revoke(store: GraphStore, name: str) -> None:
    async def work(tx: Transaction) -> None:
        rows = await tx.read(queries.KEY_BY_NAME, {"name": name})
        if not rows:
            raise KeyProblem(f"no key named {name!r}")
        if rows[0]["revokedAt"] is None:
            now = datetime.now(UTC).replace(microsecond=0).isoformat()
            await tx.run(queries.KEY_REVOKE, {"name": name, "at": now})

    await store.transact(work)


async def named(reader: Reader, name: str) -> Key | None:
    rows = await reader.read(queries.KEY_BY_NAME, {"name": name})
    return _key(rows[0]) if rows else None


async def all_keys(reader: Reader) -> list[Key]:
    return sorted((_key(r) for r in await reader.read(queries.KEYS)), key=lambda k: k.name)


async def authenticate(reader: Reader, secret: str) -> Key | None:
    """The active key with this secret, or None."""
    if not secret.startswith(PREFIX):
        return None
    rows = await reader.read(queries.KEY_BY_HASH, {"hash": digest(secret)})
    keys = [_key(r) for r in rows]
    return keys[0] if keys and keys[0].active else None
