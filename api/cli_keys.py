"""`unct-graph keys create | list | revoke`: API keys, managed where the store is."""

from __future__ import annotations

import argparse
import asyncio

from api.cli_common import with_store
from graph import keys
from graph.open import open_store
from graph.settings import Settings


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("keys", help="create, list and revoke API keys")
    actions = parser.add_subparsers(dest="action", required=True)
    create = with_store(actions.add_parser("create", help="create a key; prints it once"))
    create.add_argument("--name", required=True, help="who or what holds the key")
    create.add_argument("--role", required=True, choices=[r.value for r in keys.Role])
    create.set_defaults(run=_create)
    listing = with_store(actions.add_parser("list", help="list keys (never the keys themselves)"))
    listing.set_defaults(run=_list)
    revoke = with_store(actions.add_parser("revoke", help="revoke a key by name"))
    revoke.add_argument("name")
    revoke.set_defaults(run=_revoke)


def _create(args: argparse.Namespace, settings: Settings) -> int:
    async def go() -> str:
        store = open_store(settings)
        try:
            await store.setup()
            return await keys.create(store, args.name, keys.Role(args.role))
        finally:
            await store.close()

    secret = asyncio.run(go())
    print(f"created {args.role} key {args.name!r}; it is shown only now:")
    print(secret)
    return 0


def _list(args: argparse.Namespace, settings: Settings) -> int:
    async def go() -> list[keys.Key]:
        store = open_store(settings)
        try:
            await store.setup()
            return await keys.all_keys(store)
        finally:
            await store.close()

    found = asyncio.run(go())
    for key in found:
        state = f"revoked {key.revoked_at}" if key.revoked_at else "active"
        print(f"{key.name}\t{key.role.value}\tcreated {key.created_at}\t{state}")
    if not found:
        print("no keys")
    return 0


def _revoke(args: argparse.Namespace, settings: Settings) -> int:
    async def go() -> None:
        store = open_store(settings)
        try:
            await store.setup()
            await keys.revoke(store, args.name)
        finally:
            await store.close()

    asyncio.run(go())
    print(f"revoked {args.name!r}")
    return 0
