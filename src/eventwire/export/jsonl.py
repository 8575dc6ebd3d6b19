"""JSON lines: one stored event a line, the contract event record plus its `document` citation."""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO

from .compound import Event


def write_jsonl(events: Iterable[Event], out: IO[str]) -> int:
    n = 0
    for event in events:
        out.write(json.dumps(event, ensure_ascii=False) + "\n")
        n += 1
    return n
