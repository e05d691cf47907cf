"""GraphQL names from Python names, each worked out once.

strawberry converts every argument's Python name to camel case on every call
of its field (to read the argument from the request): for a field such as
`contributors(via:)` inside a list of thousands of outcomes, that conversion
took a quarter of the answer's time. The conversion is a pure function of the
name, so it is kept.
"""

from __future__ import annotations

from strawberry.schema.name_converter import NameConverter


class CachedNameConverter(NameConverter):
    def __init__(self, auto_camel_case: bool = True) -> None:
        super().__init__(auto_camel_case)
        self._names: dict[str, str] = {}

    def apply_naming_config(self, name: str) -> str:
        converted = self._names.get(name)
        if converted is None:
            converted = self._names[name] = super().apply_naming_config(name)
        return converted
