"""Dispatch inputs by kind: .txt / .html / .jsonl files, directories, stdin, URLs."""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import Failure
from ..records import RawInput


def iter_inputs(names: Iterable[str], published: dt.date | None = None, allow_private: bool = False) -> Iterator[RawInput | Failure]:
    """Yield a RawInput per document, or a Failure naming the input and the reason; ids are unique."""
    seen: set[str] = set()
    for name in names:
        for item in _expand(name):
            if isinstance(item, RawInput):
                if item.doc_id in seen:
                    item = Failure(item.origin, item.doc_id, "ingest", f"duplicate id {item.doc_id!r}")
                else:
                    seen.add(item.doc_id)
                    if published is not None:
                        item.published = published
            yield item


def _expand(name: str) -> Iterator[RawInput | Failure]:
    path = Path(name)
    if path.is_dir():
        for p in sorted(path.rglob("*")):
            if p.is_file() and p.suffix.lower() in (".txt", ".jsonl"):
                yield from _read_file(p)
    elif path.is_file():
        yield from _read_file(path)
    else:
        yield Failure(name, None, "ingest", "no such file or directory")


def _read_file(path: Path) -> Iterator[RawInput | Failure]:
    if path.suffix.lower() == ".jsonl":
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                rec = json.loads(line)
                pub = dt.date.fromisoformat(rec["published"]) if rec.get("published") else None
                yield RawInput(doc_id=str(rec["id"]), origin=f"{path}:{n}", text=rec.get("text"),
                               html=rec.get("html"), url=rec.get("url"), title=rec.get("title"), published=pub)
    else:
        yield RawInput(doc_id=path.stem, origin=str(path), text=path.read_text(encoding="utf-8"))
