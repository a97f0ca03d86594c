"""Writing batches into the lake so that a crash at any instant neither loses nor repeats one.

A batch is committed in four steps:

1. its bronze and dead-letter Parquet files are written, fsynced, into `bronze/_staging/<batch>/`;
2. (Kafka) its dead letters are published to the DLQ topic and acknowledged;
3. its manifest `bronze/_offsets/<batch>.json` is written atomically: **the commit point**. It
   names the source positions the batch covers (`kafka:<topic>:<partition>` offsets, or
   `file:<sha256>` line numbers) and the files it publishes;
4. the staged files are renamed into `bronze/events/ingest_date=…/` and `deadletter/records/…`.

On start, `recover()` rolls a staged batch forward when its manifest exists and deletes it when
not, and `positions()` reads the manifests: a source resumes after the last position in them,
whatever its consumer group committed. Readers of bronze never see a file of a batch that was
not committed, and a committed batch is never written twice.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from trappe.core.errors import StorageError
from trappe.core.settings import Settings
from trappe.core.storage import atomic_file, fsync_dir, write_json_atomically


def write_parquet_durably(table: pa.Table, path: Path) -> None:
    """Write to a temporary name, fsync, rename: the file is complete or absent."""
    with atomic_file(path) as handle:
        pq.write_table(table, handle, compression="zstd")


class LakeStore:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.home = settings.home
        self.staging_dir = settings.bronze_dir.parent / "_staging"
        self.offsets_dir = settings.bronze_offsets_dir

    def _manifest_path(self, batch_id: str) -> Path:
        return self.offsets_dir / f"{batch_id}.json"

    def manifests(self) -> list[dict[str, Any]]:
        if not self.offsets_dir.is_dir():
            return []
        result = []
        for path in sorted(self.offsets_dir.glob("*.json")):
            with open(path, encoding="utf-8") as handle:
                result.append(json.load(handle))
        return result

    def positions(self) -> dict[str, int]:
        """The last position committed to the lake per source stream."""
        last: dict[str, int] = {}
        for manifest in self.manifests():
            for stream, (_, end) in manifest["streams"].items():
                last[stream] = max(end, last.get(stream, -1))
        return last

    def recover(self) -> list[str]:
        """Finish or undo the batches a crash left half-way; returns what was done."""
        done: list[str] = []
        if not self.staging_dir.is_dir():
            return done
        for staged in sorted(p for p in self.staging_dir.iterdir() if p.is_dir()):
            manifest_path = self._manifest_path(staged.name)
            if manifest_path.exists():
                with open(manifest_path, encoding="utf-8") as handle:
                    self._publish(staged, json.load(handle))
                done.append(f"rolled forward batch {staged.name}")
            else:
                shutil.rmtree(staged)
                done.append(f"discarded uncommitted batch {staged.name}")
        return done

    def commit(
        self,
        batch_id: str,
        *,
        bronze: pa.Table | None,
        deadletters: pa.Table | None,
        ingest_date: str,
        manifest: dict[str, Any],
        before_commit_point: Callable[[], None] = lambda: None,
    ) -> dict[str, Any]:
        """Stage, (hook), write the manifest, publish. Returns the manifest as written.

        A write the OS refuses (disk full, read-only, permission) is a `StorageError` saying
        whether the batch was committed; either way the next run completes or redoes it.
        """
        staged = self.staging_dir / batch_id
        files: dict[str, str] = {}
        try:
            staged.mkdir(parents=True, exist_ok=True)
            if bronze is not None and bronze.num_rows:
                write_parquet_durably(bronze, staged / "bronze.parquet")
                files["bronze"] = str(
                    (
                        self.settings.bronze_dir
                        / f"ingest_date={ingest_date}"
                        / f"{batch_id}.parquet"
                    ).relative_to(self.home)
                )
            if deadletters is not None and deadletters.num_rows:
                write_parquet_durably(deadletters, staged / "deadletter.parquet")
                files["deadletter"] = str(
                    (
                        self.settings.deadletter_dir
                        / f"ingest_date={ingest_date}"
                        / f"{batch_id}.parquet"
                    ).relative_to(self.home)
                )
        except OSError as exc:
            shutil.rmtree(staged, ignore_errors=True)  # frees what it took; never committed
            raise StorageError.from_os_error(
                exc,
                f"cannot write batch {batch_id} into the lake at {self.home} (not "
                "committed: the next run reads its records again)",
            ) from exc
        before_commit_point()
        manifest = {**manifest, "batch_id": batch_id, "files": files}
        try:
            write_json_atomically(manifest, self._manifest_path(batch_id))
            self._publish(staged, manifest)
        except OSError as exc:
            if not self._manifest_path(batch_id).exists():
                shutil.rmtree(staged, ignore_errors=True)
                raise StorageError.from_os_error(
                    exc,
                    f"cannot commit batch {batch_id} to the lake at {self.home} (not "
                    "committed: the next run reads its records again)",
                ) from exc
            raise StorageError.from_os_error(
                exc,
                f"batch {batch_id} is committed to the lake at {self.home} but not yet "
                "in place (the next run puts it there)",
            ) from exc
        return manifest

    def _publish(self, staged: Path, manifest: dict[str, Any]) -> None:
        for kind, relative in manifest["files"].items():
            source = staged / f"{kind}.parquet"
            target = self.home / relative
            if source.exists():  # absent when an earlier attempt already moved it
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(source, target)
                fsync_dir(target.parent)
        shutil.rmtree(staged, ignore_errors=True)
