#!/usr/bin/env python3
"""Benchmark of the protocol engine: 10,000 cases evaluated in one process.

The cases are a realistic mix built from ../shared/cases (and engine-test shapes), each
with varied fictitious data: dates of birth and diagnosis, WBC in both units, day-8
blasts, end-of-induction marrow and MRD, MRD after cycle 1, checklist answers, weights
and heights. Prints the CPU time to parse and validate, to evaluate, to build the JSON
answer, the total, the time per case, and a baseline measured in the same run
(json.loads + json.dumps of the same documents) with the ratio. It also prints the floor
the answer's size sets: the time C code (orjson.loads, json.loads) takes to build the same
answers from their own text, which no to_json written in Python can beat.

usage: .venv/bin/python benchmarks/bench_engine.py [--cases N] [--seed S] [--shared DIR]
                                                   [--profile PHASE]

``--profile parse|evaluate|to_json`` prints, instead of the timings, that phase's cProfile
(top functions by own time and by cumulative time) and the size of input and answer (JSON
objects per case), to see where a phase's time goes before changing the engine.
"""

from __future__ import annotations

import argparse
import copy
import cProfile
import datetime as dt
import gc
import io
import json
import pstats
import random
import sys
import time
from pathlib import Path
from typing import Any

import orjson

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from interfant_desktop.protocol import evaluate, load_protocol, parse_case  # noqa: E402
from interfant_desktop.protocol.answer_text import answer_bytes, answer_text  # noqa: E402
from interfant_desktop.protocol.case_json import decode_case_json  # noqa: E402

TODAY = dt.date(2026, 11, 27)


def templates(shared: Path) -> list[dict[str, Any]]:
    """The sample cases, round 2 included (its subfolders: round2, bags, infusion)."""
    found = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(shared.glob("**/*.case.json"))]
    if not found:
        raise SystemExit(f"no *.case.json in {shared}")
    return found


def _shift(stamp: str, days: int) -> str:
    when = dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M") + dt.timedelta(days=days)
    return when.strftime("%Y-%m-%dT%H:%M")


def varied(template: dict[str, Any], rng: random.Random, index: int) -> dict[str, Any]:
    """A fictitious patient shaped like ``template`` with new, plausible, consistent data."""
    doc = copy.deepcopy(template)
    doc["patient"]["study_id"] = f"BENCH-{index:05d}"
    doc["patient"].pop("name", None)
    doc["patient"].pop("hospital_number", None)
    dob = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 330))
    age = rng.choice([rng.randint(0, 179), rng.randint(150, 365), 182, rng.randint(300, 420)])
    dx = min(dob + dt.timedelta(days=age), TODAY - dt.timedelta(days=120))
    dx = max(dx, dob)
    doc["patient"]["date_of_birth"] = dob.isoformat()
    diagnosis = doc.get("diagnosis")
    if diagnosis:
        diagnosis["date"] = dx.isoformat()
        if diagnosis.get("wbc") is not None or rng.random() < 0.5:
            per_nl = rng.choice([rng.uniform(1, 299), rng.uniform(301, 900), 300.0, 299.999])
            diagnosis["wbc"] = ({"value": round(per_nl, 3), "unit": "10^9/L"} if rng.random() < 0.6
                                else {"value": round(per_nl * 1000), "unit": "/uL"})
    pr = doc.get("prednisone_response")
    if pr:
        pr["date"] = (dx + dt.timedelta(days=7)).isoformat()
        if "blasts_per_uL" in pr:
            pr["blasts_per_uL"] = rng.choice([rng.randint(0, 999), rng.randint(1000, 30000), 999, 1000])
    eoi_day = dx + dt.timedelta(days=33)
    if doc.get("end_of_induction"):
        doc["end_of_induction"]["date"] = eoi_day.isoformat()
        doc["end_of_induction"]["marrow"] = rng.choice(["M1"] * 8 + ["M2", "M3"])
    for sample in doc.get("mrd") or []:
        offset = {"end_of_induction": 33, "after_blinatumomab_1": 63}.get(sample["timepoint"], 90)
        sample["date"] = (dx + dt.timedelta(days=offset)).isoformat()
        sample["result"] = rng.choice([
            "undetectable", {"percent": rng.choice([0.001, 0.009, 0.01, 0.02, 0.05, 0.3, 1, 4])},
            {"positive_not_quantifiable": True, "quantitative_range_percent": rng.choice([0.01, 0.05, 1])}])
    checklist = doc.get("blinatumomab_checklist")
    if checklist and rng.random() < 0.1:
        checklist[rng.choice(list(checklist))] = None
    for n, cycle in enumerate(doc.get("blinatumomab") or []):
        start = eoi_day + dt.timedelta(days=2 + 60 * n)
        old = cycle.get("start_date")
        cycle["start_date"] = start.isoformat()
        cycle["weight_kg"] = round(rng.uniform(3, 12), 2)
        cycle["height_cm"] = round(rng.uniform(50, 85), 1)
        for key in ("weight_date", "height_date"):
            if cycle.get(key):
                cycle[key] = (start - dt.timedelta(days=1)).isoformat()
        # round-2 times move with their cycle (interruptions, toxicity assessments)
        moved = (start - dt.date.fromisoformat(old)).days if old else 0
        for stop in cycle.get("interruptions") or []:
            stop["stopped"] = _shift(stop["stopped"], moved)
            if stop.get("restarted"):
                stop["restarted"] = _shift(stop["restarted"], moved)
        for assessment in doc.get("toxicity") or []:
            if assessment["cycle"] == cycle["cycle"]:
                assessment["at"] = _shift(assessment["at"], moved)
    return doc


def build(n: int, shared: Path, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    shapes = templates(shared)
    return [varied(shapes[i % len(shapes)], rng, i) for i in range(n)]


def timed(fn: Any) -> tuple[float, Any]:
    gc.collect()
    start = time.process_time()
    out = fn()
    return time.process_time() - start, out


def _objects(value: Any) -> int:
    """JSON values in ``value``: every object, array, string, number, boolean and null."""
    if isinstance(value, dict):
        return 1 + sum(_objects(v) for v in value.values())
    if isinstance(value, list):
        return 1 + sum(_objects(v) for v in value)
    return 1


def profile(phase: str, texts: list[str], protocol: Any) -> None:
    """cProfile of one phase over every case (the earlier phases run unprofiled), with the
    number of JSON values per case read and written: the answer's size bounds to_json."""
    docs = [decode_case_json(t) for t in texts]
    cases = [parse_case(d, protocol, TODAY) for d in docs]
    results = [evaluate(c, protocol, TODAY) for c in cases]
    work = {"parse": lambda: [parse_case(d, protocol, TODAY) for d in docs],
            "evaluate": lambda: [evaluate(c, protocol, TODAY) for c in cases],
            "to_json": lambda: [r.to_json() for r in results]}[phase]
    profiler = cProfile.Profile()
    profiler.runcall(work)
    answers = [r.to_json() for r in results]
    n = len(texts)
    print(f"{phase}: {n} cases; per case {sum(map(len, texts)) / n:.0f} bytes and "
          f"{sum(map(_objects, docs)) / n:.0f} JSON values in, "
          f"{sum(len(answer_bytes(a)) for a in answers) / n:.0f} bytes and "
          f"{sum(map(_objects, answers)) / n:.0f} JSON values out")
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(25)
        print(out.getvalue())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "cases")
    ap.add_argument("--profile", choices=("parse", "evaluate", "to_json"),
                    help="print this phase's cProfile instead of the timings")
    args = ap.parse_args()

    protocol = load_protocol()
    documents = build(args.cases, args.shared, args.seed)
    texts = [json.dumps(d, ensure_ascii=False) for d in documents]
    # warm-up: compile the schema validator and import lazily loaded modules
    for text in texts[:50]:
        answer_text(evaluate(parse_case(decode_case_json(text), protocol, TODAY), protocol, TODAY).to_json())
    if args.profile:
        profile(args.profile, texts, protocol)
        return 0

    # 1. Batch as an application runs it: one case after the other, each answer serialised
    #    and dropped. Every phase is timed per case and summed.
    gc.collect()
    t_parse = t_eval = t_json = 0.0
    mix: dict[str, int] = {}
    review = 0
    # CPU time of this process (the machine may be shared; wall time is printed too)
    clock = time.process_time
    wall0 = time.perf_counter()
    t_read = t_dump = t_bytes = 0.0
    for text in texts:
        tr = clock()
        doc = decode_case_json(text)  # the one strict reader (D12), as every entry point
        t0 = clock()
        case = parse_case(doc, protocol, TODAY)
        t1 = clock()
        result = evaluate(case, protocol, TODAY)
        t2 = clock()
        answer = result.to_json()
        t3 = clock()
        answer_text(answer)  # the answer as text
        t4 = clock()
        answer_bytes(answer)  # the same as UTF-8 bytes, what the evaluate command writes
        t_bytes += clock() - t4
        t_read += t0 - tr
        t_dump += t4 - t3
        t_parse += t1 - t0
        t_eval += t2 - t1
        t_json += t3 - t2
        key = answer["risk"]["current"] or answer["risk"]["status"]
        mix[key] = mix.get(key, 0) + 1
        review += bool(answer["review"])
    wall = time.perf_counter() - wall0
    gc.collect()
    t0 = clock()
    for text in texts:
        json.dumps(json.loads(text), ensure_ascii=False)
    t_base = clock() - t0
    # The floor the answer's size sets: the same answers built by C code from their own
    # text (orjson.loads, the fastest decoder installed; json.loads beside it). to_json
    # builds these dicts and lists in Python, one by one; it cannot do so for less. The
    # answers are written again here, after the baseline, so that holding them in memory
    # cannot change the baseline.
    written = [answer_bytes(evaluate(parse_case(decode_case_json(text), protocol, TODAY), protocol,
                                     TODAY).to_json()) for text in texts[:2000]]
    floor = {}
    for name, loads in (("orjson.loads", orjson.loads), ("json.loads", json.loads)):
        gc.collect()
        t0 = clock()
        for out in written:
            loads(out)
        floor[name] = (clock() - t0) / len(written)
    values = sum(_objects(orjson.loads(out)) for out in written) / len(written)
    del written  # not held during the phases below either

    # 2. The same phases with every intermediate result kept in memory (10,000 cases,
    #    evaluations and answers alive at once: the cyclic GC then dominates).
    k_parse, cases = timed(lambda: [parse_case(d, protocol, TODAY) for d in documents])
    k_eval, results = timed(lambda: [evaluate(c, protocol, TODAY) for c in cases])
    k_json, _answers = timed(lambda: [r.to_json() for r in results])

    total = t_parse + t_eval + t_json
    full = t_read + total + t_dump
    kept = k_parse + k_eval + k_json
    n = len(documents)
    print(f"interfant-desktop engine benchmark: {n} cases, protocol {protocol.label}, "
          f"Python {sys.version.split()[0]}")
    print(f"  mix: {', '.join(f'{k} {v}' for k, v in sorted(mix.items()))}; with review items {review}")
    print("  one case after the other (answer serialised, then dropped), CPU time:")
    print(f"    parse + validate : {t_parse * 1000:8.1f} ms  ({t_parse / n * 1e6:6.1f} µs/case)")
    print(f"    evaluate         : {t_eval * 1000:8.1f} ms  ({t_eval / n * 1e6:6.1f} µs/case)")
    print(f"    to_json          : {t_json * 1000:8.1f} ms  ({t_json / n * 1e6:6.1f} µs/case)")
    print(f"    total            : {total * 1000:8.1f} ms  ({total / n * 1e6:6.1f} µs/case); "
          f"wall clock {wall * 1000:.1f} ms")
    print(f"    baseline json.loads + json.dumps of the same documents: {t_base * 1000:.1f} ms "
          f"({t_base / n * 1e6:.1f} µs/case); engine total / baseline = {total / t_base:.1f}×")
    print(f"    parse + evaluate alone, before any answer is built: "
          f"{(t_parse + t_eval) / n * 1e6:.1f} µs/case; / baseline = {(t_parse + t_eval) / t_base:.1f}×")
    print(f"  text to text (strict read {t_read * 1000:.1f} ms + the above + writing the "
          f"answer {t_dump * 1000:.1f} ms): {full * 1000:.1f} ms ({full / n * 1e6:.1f} µs/case); "
          f"/ baseline = {full / t_base:.1f}×")
    full_bytes = t_read + total + t_bytes
    print(f"  bytes to bytes (the same, the answer written as UTF-8 bytes {t_bytes * 1000:.1f} ms, as the "
          f"evaluate command writes it): {full_bytes * 1000:.1f} ms ({full_bytes / n * 1e6:.1f} µs/case); "
          f"/ baseline = {full_bytes / t_base:.1f}×")
    print(f"  floor of the answer's size ({values:.0f} JSON values per case): building the same answers "
          f"from their text in C takes " + ", ".join(
              f"{k} {v * 1e6:.1f} µs/case ({v / (t_base / n):.1f}× baseline)" for k, v in floor.items()))
    print("  all results kept in memory at once (phase by phase), CPU time:")
    print(f"    parse + validate {k_parse * 1000:.1f} ms, evaluate {k_eval * 1000:.1f} ms, "
          f"to_json {k_json * 1000:.1f} ms, total {kept * 1000:.1f} ms ({kept / n * 1e6:.1f} µs/case)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
