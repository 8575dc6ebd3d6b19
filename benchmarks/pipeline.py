"""Throughput of the whole extract pipeline beside spaCy's parse alone, stage shares, memory and scaling.

Every engine runs in its own child process that builds its models once; the parent then asks each for
one timed pass over the same corpus in turn, round after round, so the ratios compare runs taken side
by side. Wall-clock and CPU seconds are both kept: on a busy machine CPU seconds are the steadier
measure of work per core, while the speed-up from more workers can only be read from wall-clock time.
"""
from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import resource
import signal
import sys
import time
from collections import deque
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from eventwire import settings
from eventwire.batch import default_workers, extract_many, process_pipeline
from eventwire.records import RawInput

from . import corpus

TARGET_VS_PARSE = 0.8       # pipeline throughput ≥ this × spaCy parse-only throughput
TARGET_SPEEDUP = 1.7        # two workers ≥ this × one worker
TARGET_RSS_MB = 1500        # peak RSS per worker
FLAT_GROWTH = 0.10          # memory is flat when RSS grows less than this between the first and last sample
MEMORY_SAMPLE_EVERY = 1000  # documents
PASS_TIMEOUT_S = 900        # one pass over the corpus; a stage stuck in a loop must not hang the benchmark
WARM_DOCS = 4               # documents each engine processes before timing starts
PLUMBING = {"eventwire/batch.py", "eventwire/pipeline.py"}  # always ~100% cumulative: left out of hot spots


def run(docs: int = 200, quick: bool = False, repeats: int = 3, workers: int = 0,
        memory_run: int = 0, profile: bool = False) -> dict[str, Any]:
    """Time parse-only, the pipeline on one worker and on `workers` (default all cores, at least 2)."""
    if quick:
        docs, repeats = min(docs, 24), 1
    workers = workers or max(2, default_workers())
    raws = list(corpus.documents(docs))
    batch_size = min(settings.WORKER_CHUNK_SIZE, settings.SPACY_BATCH_SIZE)  # what nlp.pipe sees in extract
    parse, pipeline = _Engine("parse", raws, batch_size), _Engine("pipeline", raws, batch_size)
    own_parse = _Engine("own_parse", raws, batch_size)
    rounds: dict[str, list[dict[str, Any]]] = {"parse": [], "own_parse": [], "1": [], str(workers): []}
    try:
        for n in range(1, repeats + 1):
            rounds["parse"].append(parse.time(1))
            rounds["own_parse"].append(own_parse.time(1))
            rounds["1"].append(pipeline.time(1))
            rounds[str(workers)].append(pipeline.time(workers))
            print(f"  round {n}/{repeats}: parse-only {rounds['parse'][-1]['wall_s']:.1f} s, pipeline "
                  f"{rounds['1'][-1]['wall_s']:.1f} s, on {workers} workers {rounds[str(workers)][-1]['wall_s']:.1f} s",
                  file=sys.stderr, flush=True)
    finally:
        rss = pipeline.close()
        parse.close()
        own_parse.close()
    words = corpus.describe(raws)["words"]
    best = {k: min(v, key=lambda r: r["wall_s"]) for k, v in rounds.items()}
    one, many = best["1"], best[str(workers)]
    result: dict[str, Any] = {
        "corpus": {**corpus.describe(raws), "repeats": repeats, "spacy_batch_size": batch_size},
        "parse_only": _rates(best["parse"], docs, words, 1),
        "eventwire_parse_only": _rates(best["own_parse"], docs, words, 1),
        "pipeline_1_worker": _rates(one, docs, words, 1),
        f"pipeline_{workers}_workers": _rates(many, docs, words, workers),
        "targets": {
            "pipeline_vs_parse_cpu": _target(best["parse"]["cpu_s"] / one["cpu_s"], TARGET_VS_PARSE),
            "pipeline_vs_parse_wall": _target(best["parse"]["wall_s"] / one["wall_s"], TARGET_VS_PARSE),
            f"speedup_{workers}_workers": _target(one["wall_s"] / many["wall_s"], TARGET_SPEEDUP),
            "peak_rss_mb_1_worker": _target(rss["self_mb"], TARGET_RSS_MB, at_most=True),
            f"peak_rss_mb_per_worker_of_{workers}": _target(rss["children_mb"], TARGET_RSS_MB, at_most=True),
        },
        "stage_share": _shares(rounds["1"]),
        # the model with eventwire's array attribute ruler parses faster than spaCy's own: this is what
        # the stages after the parse add on top of that faster parse
        "stages_over_eventwire_parse_cpu": round(one["cpu_s"] / best["own_parse"]["cpu_s"] - 1, 3),
    }
    if profile:
        result["hot_spots"] = hot_spots(docs)
    if memory_run:
        result["memory_run"] = memory_flat(memory_run, workers)
        result["targets"]["memory_flat"] = {"value": result["memory_run"]["worker_growth"],
                                            "target": f"< {FLAT_GROWTH:.0%} growth",
                                            "met": result["memory_run"]["worker_growth"] < FLAT_GROWTH}
    return result


def memory_flat(docs: int, workers: int) -> dict[str, Any]:
    """Stream `docs` generated documents through `workers` and sample resident memory as they pass."""
    return _in_child(_sample_memory, docs, workers)


def hot_spots(docs: int, top: int = 20) -> dict[str, Any]:
    """Profile the pipeline on one worker with cProfile: own time per module, and the top functions."""
    return _in_child(_profile, docs, top)


def _profile(docs: int, top: int) -> dict[str, Any]:
    import cProfile
    import pstats

    raws = list(corpus.documents(docs))
    deque(extract_many(raws[:WARM_DOCS]), maxlen=0)
    profiler = cProfile.Profile()
    profiler.enable()
    deque(extract_many(raws), maxlen=0)
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = sum(own for _, _, own, _, _ in stats.values())
    by_module: dict[str, float] = {}
    own_time, cumulative_time = [], []
    for (path, line, func), (_, _, own, cumulative, _) in stats.items():
        where = _module_of(path, func)
        by_module[where] = by_module.get(where, 0.0) + own / total
        own_time.append((own / total, f"{where}:{line} {func}"))
        if where.startswith("eventwire/") and where not in PLUMBING:
            cumulative_time.append((cumulative / total, f"{where}:{line} {func}"))

    def ranked(pairs: list[tuple[float, str]]) -> dict[str, str]:
        return {name: f"{share:.1%}" for share, name in sorted(pairs, reverse=True)[:top]}

    return {"documents": docs, "profiled_s": round(total, 2),
            "own_time_by_module": ranked([(v, k) for k, v in by_module.items()]),
            "own_time_by_function": ranked(own_time),
            "eventwire_cumulative_by_function": ranked(cumulative_time)}


def _module_of(path: str, func: str) -> str:
    """`eventwire/events/triggers.py`, a package (`spacy`, `thinc/…pyx` for compiled code), or a built-in."""
    if path == "~":
        return f"builtin {func.split(' of ')[0].strip('<>{}')}"
    parts = path.replace("\\", "/").split("/")
    if "eventwire" in parts:
        return "eventwire/" + "/".join(parts[len(parts) - parts[::-1].index("eventwire"):])
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1]
    if not path.startswith("/") and len(parts) > 1:
        return f"{parts[0]} {parts[-1]}"  # a compiled module names its source relative to its package
    return "python " + parts[-1]


class _Engine:
    """A child process that builds one engine, then times one pass over the corpus per request."""

    def __init__(self, kind: str, raws: list[RawInput], batch_size: int) -> None:
        ctx = mp.get_context("fork")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(kind, raws, batch_size, child), name=f"bench-{kind}")
        self.proc.start()
        child.close()
        self._reply()

    def time(self, workers: int) -> dict[str, Any]:
        self.conn.send(workers)
        return self._reply()

    def close(self) -> dict[str, Any]:
        """Stop the engine; return its peak memory (nothing if it had failed)."""
        reply: dict[str, Any] = {}
        if self.proc.is_alive():
            with contextlib.suppress(Exception):  # a failure was raised already: closing must not mask it
                self.conn.send(None)
                reply = self._reply()
        self.proc.join(timeout=30)
        if self.proc.is_alive():
            _kill_tree(self.proc.pid)
            self.proc.join()
        return reply

    def _reply(self) -> dict[str, Any]:
        if not self.conn.poll(PASS_TIMEOUT_S):
            _kill_tree(self.proc.pid)
            raise TimeoutError(f"benchmark engine {self.proc.name} took over {PASS_TIMEOUT_S} s: a stage may loop")
        reply: dict[str, Any] = self.conn.recv()
        if "error" in reply:
            raise RuntimeError(f"benchmark engine {self.proc.name} failed: {reply['error']}")
        return reply


def _kill_tree(pid: int | None) -> None:
    """Kill a process and the workers it started (found through /proc, Linux)."""
    if pid is None:
        return
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    for child in children:
        _kill_tree(int(child))
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _serve(kind: str, raws: list[RawInput], batch_size: int, conn: Connection) -> None:
    try:
        one_pass, timings = _build(kind, batch_size)
        one_pass(raws[:WARM_DOCS], 1)
        conn.send({"ready": True})
        while (workers := conn.recv()) is not None:
            before, started, cpu = dict(timings), time.perf_counter(), _cpu_s()
            one_pass(raws, workers)
            conn.send({"wall_s": time.perf_counter() - started, "cpu_s": _cpu_s() - cpu,
                       "stages": {k: v - before.get(k, 0.0) for k, v in timings.items()}})
        conn.send({"self_mb": _peak_mb(resource.RUSAGE_SELF), "children_mb": _peak_mb(resource.RUSAGE_CHILDREN)})
    except Exception as e:  # noqa: BLE001 - reported by the parent, which owns the table
        conn.send({"error": f"{type(e).__name__}: {e}"})


def _build(kind: str, batch_size: int) -> tuple[Callable[[list[RawInput], int], object], dict[str, float]]:
    if kind in ("parse", "own_parse"):
        import spacy

        from eventwire.nlp import load

        nlp = spacy.load(settings.SPACY_MODEL) if kind == "parse" else load()
        return (lambda raws, _: deque(nlp.pipe((r.text or "" for r in raws), batch_size=batch_size), maxlen=0)), {}
    pipeline = process_pipeline()
    return (lambda raws, workers: deque(extract_many(raws, workers=workers), maxlen=0)), pipeline.timings


def _sample_memory(docs: int, workers: int) -> dict[str, Any]:
    samples = []
    for n, _ in enumerate(extract_many(corpus.documents(docs), workers=workers), 1):
        if n % MEMORY_SAMPLE_EVERY == 0 or n == docs:
            pids = [p.pid for p in mp.active_children() if p.pid] or [os.getpid()]
            worker_mb = max(_rss_mb(pid) for pid in pids)
            samples.append({"documents": n, "parent_mb": _rss_mb(os.getpid()), "worker_mb": worker_mb,
                            "worker_private_mb": max(_private_mb(pid) for pid in pids)})
            print(f"  memory run: {n} documents, largest worker {worker_mb:.0f} MB", file=sys.stderr, flush=True)
    first, last = samples[0]["worker_mb"], samples[-1]["worker_mb"]
    return {"documents": docs, "workers": workers, "samples": samples,
            "worker_growth": round((last - first) / first, 3) if first else 0.0}


def _in_child(fn: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """Run `fn` in a fresh process, so its memory figures are its own."""
    ctx = mp.get_context("fork")
    conn, child = ctx.Pipe()

    def target() -> None:
        try:
            child.send(fn(*args))
        except Exception as e:  # noqa: BLE001
            child.send({"error": f"{type(e).__name__}: {e}"})

    proc = ctx.Process(target=target)
    proc.start()
    child.close()
    if not conn.poll(PASS_TIMEOUT_S * 10):
        _kill_tree(proc.pid)
        raise TimeoutError(f"{fn.__name__} took over {PASS_TIMEOUT_S * 10} s: a stage may loop")
    reply: dict[str, Any] = conn.recv()
    proc.join()
    if "error" in reply:
        raise RuntimeError(reply["error"])
    return reply


def _rates(r: dict[str, Any], docs: int, words: int, workers: int) -> dict[str, float]:
    return {"docs_per_s": docs / r["wall_s"], "words_per_s": words / r["wall_s"],
            "docs_per_s_per_core": docs / r["wall_s"] / workers,
            "words_per_cpu_s": words / r["cpu_s"], "ms_per_doc_cpu": 1000 * r["cpu_s"] / docs,
            "wall_s": r["wall_s"], "cpu_s": r["cpu_s"]}


def _shares(rounds: list[dict[str, Any]]) -> dict[str, float]:
    """Each stage's share of the one-worker wall time; `other` is batching and record writing."""
    wall = sum(r["wall_s"] for r in rounds)
    totals: dict[str, float] = {}
    for r in rounds:
        for stage, seconds in r["stages"].items():
            totals[stage] = totals.get(stage, 0.0) + seconds
    shares = {stage: s / wall for stage, s in totals.items()}
    shares["other"] = max(0.0, 1.0 - sum(shares.values()))
    return shares


def _target(value: float, target: float, at_most: bool = False) -> dict[str, Any]:
    return {"value": round(value, 3), "target": f"{'<=' if at_most else '>='} {target}",
            "met": value <= target if at_most else value >= target}


def _cpu_s() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def _private_mb(pid: int) -> float:
    """Memory only this process holds: its RSS less the pages it still shares with the parent."""
    with open(f"/proc/{pid}/smaps_rollup") as f:
        kb = sum(int(line.split()[1]) for line in f if line.startswith(("Private_Clean:", "Private_Dirty:")))
    return kb / 1024


def _rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
