"""Disjoint sets over ``0 … n-1``: the one union-find behind entity clusters and event records.

Subclasses keep their own per-root data (labels, documents, intervals, evidence) and decide
whether two roots may join; this class only finds roots and attaches one root to another.
"""

from __future__ import annotations


class UnionFind:
    """Union-find with path halving (no ranks: the caller chooses which root survives)."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        """The root of ``i``'s set."""
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def attach(self, child: int, root: int) -> None:
        """Make root ``child`` part of ``root``'s set (both must be roots)."""
        self.parent[child] = root
