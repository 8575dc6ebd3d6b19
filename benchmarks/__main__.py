"""`python -m benchmarks`: the pipeline sections, then every other benchmarks/<name>.py with `run() -> dict`.

Prints one table and writes the figures to benchmarks/results/<UTC timestamp>.json.

    python -m benchmarks --quick                 # a few documents: checks the harness, figures are noise
    python -m benchmarks --docs 300 --repeats 3  # the figures to report, on a quiet machine
    python -m benchmarks --memory-run 10000      # adds resident memory sampled every 1000 documents
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib
import inspect
import json
import os
import platform
import sys
import time
import traceback
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
OWN_MODULES = {"__init__", "__main__", "corpus", "pipeline"}


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    sections: dict[str, Any] = {}
    failed = []
    for name in _section_names(args.only):
        started = time.perf_counter()
        print(f"running {name} …", file=sys.stderr, flush=True)
        try:
            sections[name] = _run_section(name, args)
        except Exception as e:  # noqa: BLE001 - one broken section must not hide the others
            failed.append(name)
            sections[name] = {"error": f"{type(e).__name__}: {e}"}
            print(f"section {name} FAILED: {type(e).__name__}: {e}", file=sys.stderr)
            traceback.print_exc(limit=3, file=sys.stderr)
        print(f"  {name}: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    _add_store_share(sections)
    print(render({"machine": _machine(), **sections}))
    if not args.no_save:
        path = save(sections, argv if argv is not None else sys.argv[1:])
        print(f"\nwrote {path.relative_to(HERE.parent)}")
    return 1 if failed else 0


def _parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--docs", type=int, default=200, help="documents in the generated corpus (default 200)")
    p.add_argument("--repeats", type=int, default=3, help="timed rounds per engine; the best is kept (default 3)")
    p.add_argument("--workers", type=int, default=0,
                   help="workers to compare with one (default: all cores, at least 2)")
    p.add_argument("--memory-run", type=int, default=0, metavar="N",
                   help="also stream N documents and sample resident memory every 1000")
    p.add_argument("--profile", action="store_true",
                   help="also profile the pipeline on one worker (cProfile): hot spots per module and function")
    p.add_argument("--quick", action="store_true", help="24 documents, one round: checks the harness only")
    p.add_argument("--only", action="append", metavar="SECTION", help="run only this section (repeatable)")
    p.add_argument("--no-save", action="store_true", help="do not write benchmarks/results/<timestamp>.json")
    return p.parse_args(argv)


def _section_names(only: list[str] | None) -> list[str]:
    others = sorted(p.stem for p in HERE.glob("*.py") if p.stem not in OWN_MODULES)
    names = ["pipeline", *others]
    return [n for n in names if not only or n in only]


def _run_section(name: str, args: argparse.Namespace) -> dict[str, Any]:
    module = importlib.import_module(f"benchmarks.{name}")
    run = getattr(module, "run", None)
    if not callable(run):
        raise TypeError(f"benchmarks/{name}.py has no run() -> dict")
    offered = {"docs": args.docs, "quick": args.quick, "repeats": args.repeats, "workers": args.workers,
               "memory_run": args.memory_run, "profile": args.profile}
    accepted = inspect.signature(run).parameters
    result = run(**{k: v for k, v in offered.items() if k in accepted})
    if not isinstance(result, dict):
        raise TypeError(f"benchmarks/{name}.py run() returned {type(result).__name__}, not dict")
    return result


def _add_store_share(sections: dict[str, Any]) -> None:
    """The store's share of `ingest` time: its SQLite write time per document beside the pipeline's."""
    try:
        extract_s = 1 / sections["pipeline"]["pipeline_1_worker"]["docs_per_s"]
        store_s = 1 / sections["store"]["sqlite"]["write"]["docs_per_s"]
    except (KeyError, TypeError, ZeroDivisionError):
        return
    sections["pipeline"]["ingest_store_share"] = store_s / (extract_s + store_s)


def render(sections: dict[str, Any]) -> str:
    """One table: section, metric (nested keys joined by '.'), value; targets show whether they are met."""
    rows = [(section, *row) for section, data in sections.items() for row in _rows(data)]
    widths = [max(len(r[i]) for r in rows + [("section", "metric", "value")]) for i in range(3)]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    out = [line.format("section", "metric", "value"), line.format(*("-" * w for w in widths))]
    out += [line.format(*r).rstrip() for r in rows]
    return "\n".join(out)


def _rows(data: Any, prefix: str = "") -> list[tuple[str, str]]:
    if isinstance(data, dict) and {"value", "target", "met"} <= data.keys():
        verdict = "met" if data["met"] else "NOT MET"
        return [(prefix, f"{_fmt(data['value'])}  (target {data['target']}: {verdict})")]
    if isinstance(data, dict):
        return [row for k, v in data.items() for row in _rows(v, f"{prefix}.{k}" if prefix else str(k))]
    if isinstance(data, list) and data and all(isinstance(v, dict) for v in data):
        return [(f"{prefix}[{i}]", json.dumps(v, default=str)) for i, v in enumerate(data)]
    return [(prefix, _fmt(data))]


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 10 else f"{value:,.1f}"
    if isinstance(value, list):
        return json.dumps(value, default=str)
    return str(value)


def save(sections: dict[str, Any], argv: list[str]) -> Path:
    RESULTS.mkdir(exist_ok=True)
    now = dt.datetime.now(dt.UTC)
    path = RESULTS / f"{now:%Y%m%dT%H%M%SZ}.json"
    record = {"timestamp": now.isoformat(timespec="seconds"), "command": ["python", "-m", "benchmarks", *argv],
              "machine": _machine(), "sections": sections}
    path.write_text(json.dumps(record, indent=2, default=str) + "\n", encoding="utf-8")
    return path


def _machine() -> dict[str, Any]:
    from importlib.metadata import version

    load = [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None
    return {"python": platform.python_version(), "platform": platform.platform(), "cpu": _cpu_model(),
            "cores": os.cpu_count(), "load_average": load, "spacy": version("spacy"),
            "eventwire": version("eventwire")}


def _cpu_model() -> str:
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
    except OSError:
        return platform.processor()
    return next((ln.split(":", 1)[1].strip() for ln in lines if ln.startswith("model name")), platform.processor())


if __name__ == "__main__":
    sys.exit(main())
