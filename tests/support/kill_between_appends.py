"""For a test's child process: SIGKILL itself between a batch's dead-letter append and its bronze
append (from the second batch on), so the dead letters are in the lake and the batch is not."""

from __future__ import annotations

import os
import signal

from ingestion import store


def die_between_the_appends() -> None:
    append = store.LakeStore._append
    state = {"dead": False, "bronze": 0}

    def append_then_die(self, path, *args, **kwargs):
        if path == self.bronze_path and state["dead"] and state["bronze"] >= 1:
            os.kill(os.getpid(), signal.SIGKILL)
        state["dead"] = path == self.deadletter_path
        state["bronze"] += path == self.bronze_path
        return append(self, path, *args, **kwargs)

    store.LakeStore._append = append_then_die  # type: ignore[method-assign]
