"""Which event_ids bronze already holds, in memory a national-scale lake can afford.

A set of 20 M event_id strings costs ~1.5 GB of Python objects. The index keeps a 64-bit hash
per id instead: one sorted NumPy array (8 bytes an event: 160 MB at 20 M) built at start from
the `event_id` column of bronze, plus a small set of the ids this run has added, merged into
the array now and then. A hash hit is only a candidate: before an event is called a duplicate
its id is looked up exactly in bronze, so a hash collision (about 1 in 10^5 at 20 M events)
can never drop an event. Real duplicates are rare, so the exact look-up is rare too.
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd
import pyarrow.compute as pc
import pyarrow.dataset as ds

MERGE_EVERY = 500_000


def hash_ids(ids: Sequence[str]) -> np.ndarray:
    # pandas' SipHash with its fixed key: vectorised and stable across processes
    return pd.util.hash_array(np.asarray(ids, dtype=object), categorize=False)


def _bronze_dataset(bronze_dir: Path) -> ds.Dataset | None:
    files = sorted(str(p) for p in bronze_dir.rglob("*.parquet")) if bronze_dir.is_dir() else []
    return ds.dataset(files, format="parquet") if files else None


class EventIdIndex:
    def __init__(self, bronze_dir: Path) -> None:
        self.bronze_dir = bronze_dir
        dataset = _bronze_dataset(bronze_dir)
        if dataset is None:
            self._sorted = np.empty(0, dtype=np.uint64)
        else:
            chunks = [hash_ids(batch.column(0).to_numpy(zero_copy_only=False))
                      for batch in dataset.to_batches(columns=["event_id"]) if batch.num_rows]
            self._sorted = np.unique(np.concatenate(chunks)) if chunks else np.empty(0, np.uint64)
        self._recent: set[int] = set()

    def __len__(self) -> int:
        return len(self._sorted) + len(self._recent)

    def known(self, ids: Sequence[str]) -> set[str]:
        """The ids of `ids` that bronze already holds (exactly, not by hash)."""
        if len(ids) == 0:
            return set()
        hashes = hash_ids(ids)
        hit = np.zeros(len(ids), dtype=bool)
        if len(self._sorted):
            where = np.searchsorted(self._sorted, hashes)
            where[where == len(self._sorted)] = 0
            hit = self._sorted[where] == hashes
        if self._recent:
            hit |= np.fromiter((int(h) in self._recent for h in hashes), bool, len(hashes))
        candidates = [ids[i] for i in np.flatnonzero(hit)]
        return self._confirm(candidates) if candidates else set()

    def _confirm(self, candidates: list[str]) -> set[str]:
        dataset = _bronze_dataset(self.bronze_dir)
        if dataset is None:
            return set()
        found = dataset.to_table(columns=["event_id"],
                                 filter=pc.field("event_id").isin(candidates))
        return set(found.column(0).to_pylist())

    def add(self, ids: Sequence[str]) -> None:
        """Record ids that are now durably in bronze."""
        if len(ids) == 0:
            return
        self._recent.update(int(h) for h in hash_ids(ids))
        if len(self._recent) >= MERGE_EVERY:
            recent = np.fromiter(self._recent, dtype=np.uint64, count=len(self._recent))
            self._sorted = np.union1d(self._sorted, recent)
            self._recent.clear()
