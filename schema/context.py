"""What every resolver of one request can reach."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from strawberry.types import Info as StrawberryInfo

from graph.keys import ANONYMOUS, Principal
from graph.repository import Graph
from graph.store import GraphStore
from schema.dataloaders import Loaders


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

    def forget(self) -> None:
        """Drops what this request has read so far: an edit just changed it."""
        self.loaders = Loaders(self.graph)


Info = StrawberryInfo[Context, None]
