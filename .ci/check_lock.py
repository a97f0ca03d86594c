"""Fails when requirements.lock does not pin every dependency pyproject.toml declares.

`make check` runs it: a dependency added to pyproject.toml (or a bound moved) without
`make lock` would otherwise install unpinned, or not at all, from `make setup`.
Usage: check_lock.py [--pyproject PATH] [--lock PATH]; exit 1 with one line per gap.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
# the lock is compiled for this interpreter and platform (Makefile, `lock`); evaluate() takes
# the rest of a marker's environment from the running interpreter
ENVIRONMENT = {"python_version": "3.11", "sys_platform": "linux", "platform_system": "Linux"}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def locked_versions(lock: Path) -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in lock.read_text().splitlines():
        match = PIN.match(line)
        if match:
            pins[canonicalize_name(match[1])] = match[2]
    return pins


def declared(pyproject: Path) -> list[str]:
    project = tomllib.loads(pyproject.read_text())["project"]
    return [
        *project.get("dependencies", []),
        *project.get("optional-dependencies", {}).get("dev", []),
    ]


def gaps(pyproject: Path, lock: Path) -> list[str]:
    pins = locked_versions(lock)
    found = []
    for spec in declared(pyproject):
        try:
            requirement = Requirement(spec)
        except InvalidRequirement as exc:
            found.append(f"{pyproject.name}: {spec!r} is not a requirement: {exc}")
            continue
        if requirement.marker is not None and not requirement.marker.evaluate(ENVIRONMENT):
            continue
        version = pins.get(canonicalize_name(requirement.name))
        if version is None:
            found.append(f"{lock.name}: no pin for {spec!r} of {pyproject.name}")
        elif not requirement.specifier.contains(version, prereleases=True):
            found.append(
                f"{lock.name}: {requirement.name}=={version} is outside {spec!r} "
                f"of {pyproject.name}"
            )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pyproject", type=Path, default=ROOT / "pyproject.toml")
    parser.add_argument("--lock", type=Path, default=ROOT / "requirements.lock")
    args = parser.parse_args(argv)
    if not args.lock.is_file():
        print(f"{args.lock}: missing; run `make lock`", file=sys.stderr)
        return 1
    found = gaps(args.pyproject, args.lock)
    for gap in found:
        print(f"{gap}; run `make lock`", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
