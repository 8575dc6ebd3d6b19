"""The library API that the CLI, benchmark and tests call."""
from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from .batch import Result, extract_many, process_pipeline
from .errors import Failure
from .ingest import iter_inputs
from .records import RawInput


def extract(text: str, published: dt.date | str | None = None, doc_id: str = "doc",
            html: str | None = None, url: str | None = None) -> dict[str, Any]:
    """Process one document in this process and return its contract record.

    >>> extract("Police arrested 12 protesters in Lagos on Monday.", published="2024-03-06")["events"][0]["event_type"]
    'COERCE'
    """
    pub = dt.date.fromisoformat(published) if isinstance(published, str) else published
    raw = RawInput(doc_id=doc_id, origin=doc_id, text=None if html else text, html=html, url=url, published=pub)
    return process_pipeline()(raw).to_record()


def read_inputs(names: Iterable[str], published: dt.date | None = None,
                allow_private: bool = False) -> Iterator[RawInput | Failure]:
    return iter_inputs(names, published=published, allow_private=allow_private)


def extract_to(names: list[str], output: Path | None, published: dt.date | None = None, workers: int = 1,
               allow_private: bool = False) -> int:
    """Write one JSON record per input document to `output` (atomically) or stdout; report failures on
    stderr, one line each. Returns the number of inputs that failed."""
    from .progress import progress

    failed = 0
    with open_output(output) as out:
        results = extract_many(read_inputs(names, published, allow_private), workers=workers)
        for result in progress(results, label="extract"):
            failed += write_result(result, out)
    return failed


def write_result(result: Result, out: IO[str]) -> int:
    """Write a record line, or report a Failure on stderr; return 1 for a failure."""
    if isinstance(result, Failure):
        print(str(result), file=sys.stderr, flush=True)
        return 1
    for warning in result.get("warnings") or []:
        print(f"warning: {result['doc_id']}: {warning}", file=sys.stderr)
    out.write(json.dumps(result, ensure_ascii=False) + "\n")
    return 0


@contextmanager
def open_output(output: Path | None) -> Iterator[IO[str]]:
    """stdout, or a temporary file beside OUT renamed over it only when the whole batch is written."""
    if output is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
