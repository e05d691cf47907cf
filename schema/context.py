"""What every resolver of one request can reach."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from strawberry.types import Info as StrawberryInfo

from graph.repository import Graph
from schema.dataloaders import Loaders


@dataclass
class Context:
    graph: Graph
    loaders: Loaders
    # "As of" defaults to the day the request arrived, the same for every field.
    today: date = field(default_factory=date.today)
    # The largest `first` a connection accepts (graph.settings).
    max_page_size: int = 100

    @classmethod
    def for_request(cls, graph: Graph, max_page_size: int = 100) -> Context:
        return cls(graph=graph, loaders=Loaders(graph), max_page_size=max_page_size)


Info = StrawberryInfo[Context, None]
