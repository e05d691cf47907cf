"""What every resolver of one request can reach."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from strawberry.types import Info as StrawberryInfo

from graph.keys import ANONYMOUS, Principal
from graph.repository import Graph
from graph.store import GraphStore
from schema.dataloaders import Loaders

T = TypeVar("T")


@dataclass
class Context:
    graph: Graph
    loaders: Loaders
    store: GraphStore  # for edits, which go through graph.apply
    principal: Principal = ANONYMOUS
    # "As of" defaults to the day the request arrived, the same for every field.
    today: date = field(default_factory=date.today)
    # The largest `first` a connection accepts (graph.settings).
    max_page_size: int = 100

    @classmethod
    def for_request(
        cls, store: GraphStore, principal: Principal = ANONYMOUS, max_page_size: int = 100
    ) -> Context:
        graph = Graph(store)
        return cls(
            graph=graph,
            loaders=Loaders(graph),
            store=store,
            principal=principal,
            max_page_size=max_page_size,
        )

    # Objects built from rows, shared by every place of the answer that names them.
    _built: dict[Hashable, Any] = field(default_factory=dict)

    def built(self, key: Hashable, make: Callable[[], T]) -> T:
        """`make()`, once per key and request."""
        if key not in self._built:
            self._built[key] = make()
        found: T = self._built[key]
        return found

    def forget(self) -> None:
        """Drops what this request has read so far: an edit just changed it."""
        self.loaders = Loaders(self.graph)
        self._built.clear()


Info = StrawberryInfo[Context, None]
