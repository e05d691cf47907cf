"""Splitting a whole number into random shares that add up exactly."""

from __future__ import annotations

import random


def split(total: int, parts: int, rng: random.Random, minimum: int = 0) -> list[int]:
    """`total` in `parts` random shares of at least `minimum` each, adding up to `total`."""
    weights = [rng.gammavariate(2.0, 1.0) for _ in range(parts)]
    spare = total - minimum * parts
    shares = [minimum + int(spare * w / sum(weights)) for w in weights]
    for i in range(total - sum(shares)):  # what rounding down left, one by one
        shares[i % parts] += 1
    return shares
