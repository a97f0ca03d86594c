"""Time: the contract's local time zone, and the run ids every layer stamps its runs with."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

# Times without an offset are Copenhagen local time (the event contract), and local dates
# (episode days, periods) are Copenhagen dates.
LOCAL_TZ_NAME = "Europe/Copenhagen"
LOCAL_TZ = ZoneInfo(LOCAL_TZ_NAME)


def new_run_id(now: datetime | None = None) -> str:
    """A run id that sorts by its start (UTC, to the microsecond) and is unique across hosts."""
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    return moment.strftime("%Y%m%dT%H%M%S%fZ") + "-" + uuid.uuid4().hex[:8]
