"""The logging `trappe ingest` sets up lasts for the rest of `trappe run`: only our INFO shows."""

from __future__ import annotations

import logging
from contextlib import contextmanager

import pytest

from trappe.app.commands.ingest import OWN_LOGGERS, _setup_logging


@contextmanager
def bare_root():
    """A root logger without handlers, as in a fresh `trappe run` (pytest puts its own there)."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    own = {name: logging.getLogger(name).level for name in OWN_LOGGERS}
    root.handlers = []
    try:
        yield
    finally:
        root.handlers = handlers
        root.setLevel(level)
        for name, own_level in own.items():
            logging.getLogger(name).setLevel(own_level)


@pytest.mark.parametrize("verbose", [False, True])
def test_libraries_info_stays_off_the_console(capsys, verbose):
    with bare_root():
        _setup_logging(verbose)
        gx = logging.getLogger("great_expectations.datasource.fluent.config")
        gx.info("Loading 'datasources' ->\n%s", [])  # what GX logs as the gate opens its context
        gx.warning("a library warning")
        logging.getLogger("trappe.ingest").info("batch committed")
        logging.getLogger("expectations.gate").info("quality run passed")

    err = capsys.readouterr().err
    assert "[]" not in err.splitlines()
    assert "Loading 'datasources'" not in err
    assert "a library warning" in err
    assert "batch committed" in err
    assert "quality run passed" in err
