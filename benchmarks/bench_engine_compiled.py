#!/usr/bin/env python3
"""The engine benchmark (bench_engine.py) run against a mypyc-compiled copy of the engine.

Measures what compiling interfant_desktop/protocol with mypyc would give, without touching
the repository: the package is copied to a temporary folder (with interfant_desktop's
``__init__`` and ``paths`` beside it, and a link to ``resources/``), compiled there, and
deleted at the end; no ``.so`` file is ever written into the repository tree.

Each run starts two fresh processes on the same cases: the interpreted engine (this
checkout) and the compiled copy, in alternating order. Each process times the same phases
as bench_engine.py's "one case after the other" loop and the json.loads + json.dumps
baseline of the same documents, so every ratio is measured within one process. The
answers of both engines are compared byte for byte on every timed case (a SHA-256 of each
answer's UTF-8 bytes and of its text); any difference stops the benchmark with an error.

usage: .venv/bin/python benchmarks/bench_engine_compiled.py [--cases N] [--seed S]
           [--shared DIR] [--runs R] [--skip MODULE ...] [--build-dir DIR] [--without-quick-init]

``--skip protocol_file`` leaves a module interpreted (to see what one module is worth).
Two are always left interpreted (``ALWAYS_INTERPRETED``): the package's ``__init__``, whose
names load their module on first use through a module ``__getattr__`` (compiled, the
process crashes), and ``case_json``, which mypyc cannot compile (its ``_Pairs`` subclasses
``list``).
``--without-quick-init`` is an experiment: the copy's records become native mypyc classes.
Prints the build time, the compiled modules, and the
median over the runs of each phase (µs/case) and of each ratio.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
PHASES = ("read", "parse", "evaluate", "to_json", "text", "bytes")
#: engine modules never compiled (see the module docstring)
ALWAYS_INTERPRETED = ("__init__", "case_json")


def _drop_quick_init(source: str) -> str:
    """The module without its ``@quick_init`` decorators, except on Evaluation (its ``once``
    views need an instance ``__dict__``). quick_init only makes ``__init__`` faster (same
    signature, same result), but mypyc compiles a decorated class as an ordinary Python
    class; without it the frozen dataclasses become native classes."""
    lines = source.split("\n")
    return "\n".join(line for i, line in enumerate(lines)
                     if line.strip() != "@quick_init" or "class Evaluation" in "".join(lines[i + 1:i + 3]))


def build_compiled(dest: Path, skip: list[str], native: bool = False) -> tuple[float, list[str]]:
    """Copy the engine into ``dest`` and compile it there with mypyc; (seconds, modules)."""
    package = dest / "interfant_desktop"
    shutil.rmtree(package, ignore_errors=True)  # a kept --build-dir: fresh sources, mypyc's cache kept
    (package / "protocol").mkdir(parents=True)
    for name in ("__init__.py", "paths.py"):
        shutil.copy2(REPO / "interfant_desktop" / name, package / name)
    for source in sorted((REPO / "interfant_desktop" / "protocol").glob("*.py")):
        shutil.copy2(source, package / "protocol" / source.name)
        if native:
            copy = package / "protocol" / source.name
            copy.write_text(_drop_quick_init(copy.read_text(encoding="utf-8")), encoding="utf-8")
    # paths.resources_dir() looks beside the package, as in a development checkout
    if not (dest / "resources").exists():
        (dest / "resources").symlink_to(REPO / "resources")
    modules = [f"interfant_desktop/protocol/{p.name}" for p in sorted((package / "protocol").glob("*.py"))
               if p.stem not in skip and p.stem not in ALWAYS_INTERPRETED]
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "mypyc", *modules], cwd=dest,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.stdout.write(done.stdout)
        sys.stderr.write(done.stderr)
        raise SystemExit(f"mypyc failed (exit {done.returncode}); try --skip MODULE")
    return seconds, [Path(m).stem for m in modules]


def worker(args: argparse.Namespace) -> int:
    """One timed pass in this process: phases, baseline and answer digests, as JSON on stdout."""
    import interfant_desktop.protocol as engine
    from interfant_desktop.protocol.answer_text import answer_bytes, answer_text
    from interfant_desktop.protocol.case_json import decode_case_json

    # after the engine: bench_engine puts REPO first on sys.path (PYTHONPATH picked the engine)
    bench = importlib.import_module("bench_engine")
    loaded = {name: getattr(mod, "__file__", "") or "" for name, mod in sys.modules.items()
              if name.startswith("interfant_desktop.protocol.")}
    protocol = engine.load_protocol()
    documents = bench.build(args.cases, args.shared, args.seed)
    texts = [json.dumps(d, ensure_ascii=False) for d in documents]
    today = bench.TODAY
    for text in texts[:50]:  # warm-up, as bench_engine.py
        answer_text(engine.evaluate(engine.parse_case(decode_case_json(text), protocol, today),
                                    protocol, today).to_json())
    clock = time.process_time
    spent = dict.fromkeys(PHASES, 0.0)
    digests = []
    import gc

    gc.collect()
    for text in texts:
        t0 = clock()
        doc = decode_case_json(text)
        t1 = clock()
        case = engine.parse_case(doc, protocol, today)
        t2 = clock()
        result = engine.evaluate(case, protocol, today)
        t3 = clock()
        answer = result.to_json()
        t4 = clock()
        written = answer_text(answer)
        t5 = clock()
        raw = answer_bytes(answer)
        t6 = clock()
        for phase, took in zip(PHASES, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5), strict=True):
            spent[phase] += took
        digests.append(hashlib.sha256(raw + b"\0" + written.encode("utf-8")).hexdigest())
    gc.collect()
    t0 = clock()
    for text in texts:
        json.dumps(json.loads(text), ensure_ascii=False)
    baseline = clock() - t0
    json.dump({"spent": spent, "baseline": baseline, "cases": len(texts), "digests": digests,
               "modules": loaded}, sys.stdout)
    return 0


def run_worker(args: argparse.Namespace, compiled_dir: Path | None) -> dict[str, Any]:
    env = dict(os.environ)
    if compiled_dir is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(compiled_dir), env.get("PYTHONPATH")]))
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", "--cases", str(args.cases),
               "--seed", str(args.seed), "--shared", str(args.shared)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=REPO)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"worker failed (exit {done.returncode})")
    out: dict[str, Any] = json.loads(done.stdout)
    return out


def check_modules(out: dict[str, Any], compiled: list[str] | None) -> None:
    """The worker ran the engine it was meant to: compiled modules are extension modules."""
    for name, where in out["modules"].items():
        stem = name.rsplit(".", 1)[1]
        is_ext = not where.endswith(".py")
        want = compiled is not None and stem in compiled
        if is_ext != want:
            raise SystemExit(f"{name} loaded from {where}: expected {'compiled' if want else 'source'}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "cases")
    ap.add_argument("--runs", type=int, default=3, help="process pairs; medians are printed")
    ap.add_argument("--skip", nargs="*", default=[], help="engine modules left interpreted")
    ap.add_argument("--build-dir", type=Path,
                    help="build here (outside the repository) and keep it; a rebuild there is incremental")
    ap.add_argument("--without-quick-init", action="store_true",
                    help="experiment: compile without @quick_init (native classes, see _drop_quick_init)")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    args.shared = args.shared.resolve()
    if args.worker:
        return worker(args)

    if args.build_dir is not None:
        tmp = args.build_dir.resolve()
        if tmp == REPO or REPO in tmp.parents:
            raise SystemExit("--build-dir must be outside the repository (no .so files in the tree)")
        tmp.mkdir(parents=True, exist_ok=True)
    else:
        tmp = Path(tempfile.mkdtemp(prefix="interfant-mypyc-"))
    try:
        build_seconds, compiled = build_compiled(tmp, args.skip, args.without_quick_init)
        print(f"mypyc build of {len(compiled)} modules in {tmp}: {build_seconds:.1f} s wall "
              f"(Python {sys.version.split()[0]})", flush=True)
        runs: dict[str, list[dict[str, Any]]] = {"interpreted": [], "compiled": []}
        for i in range(args.runs):
            order = ("interpreted", "compiled") if i % 2 == 0 else ("compiled", "interpreted")
            for kind in order:
                out = run_worker(args, tmp if kind == "compiled" else None)
                check_modules(out, compiled if kind == "compiled" else None)
                runs[kind].append(out)
            reference = runs["interpreted"][0]["digests"]
            for kind in order:
                differ = [n for n, (a, b) in enumerate(zip(reference, runs[kind][-1]["digests"], strict=True))
                          if a != b]
                if differ:
                    raise SystemExit(f"ANSWERS DIFFER: {kind} run {i + 1}, {len(differ)} cases, "
                                     f"first at case {differ[0]}")
            print(f"  run {i + 1}/{args.runs}: answers of both engines byte-identical on all "
                  f"{len(reference)} cases", flush=True)
    finally:
        if args.build_dir is None:
            shutil.rmtree(tmp, ignore_errors=True)
    report(runs, compiled, args.skip, args.without_quick_init)
    return 0


def report(runs: dict[str, list[dict[str, Any]]], compiled: list[str], skip: list[str], native: bool) -> None:
    n = runs["interpreted"][0]["cases"]

    def med(kind: str, fn: Any) -> float:
        return float(statistics.median(fn(r) for r in runs[kind]))

    def engine(r: dict[str, Any]) -> float:
        return float(r["spent"]["parse"] + r["spent"]["evaluate"] + r["spent"]["to_json"])

    def text_to_text(r: dict[str, Any]) -> float:
        return engine(r) + float(r["spent"]["read"] + r["spent"]["text"])

    def bytes_to_bytes(r: dict[str, Any]) -> float:
        return engine(r) + float(r["spent"]["read"] + r["spent"]["bytes"])

    print(f"compiled: {', '.join(compiled)}" + (f"; left interpreted: {', '.join(skip)}" if skip else "")
          + ("; @quick_init dropped in the compiled copy (native classes)" if native else ""))
    print(f"{n} cases, median of {len(runs['interpreted'])} runs, CPU time µs/case:")
    print(f"  {'phase':<34}{'interpreted':>12}{'compiled':>10}{'speed-up':>10}")
    rows: list[tuple[str, Any]] = [(p, lambda r, p=p: r["spent"][p]) for p in PHASES]
    rows += [("engine (parse + evaluate + to_json)", engine), ("text to text", text_to_text),
             ("bytes to bytes", bytes_to_bytes),
             ("baseline json.loads + json.dumps", lambda r: r["baseline"])]
    for name, fn in rows:
        a, b = med("interpreted", fn) / n * 1e6, med("compiled", fn) / n * 1e6
        print(f"  {name:<34}{a:>12.1f}{b:>10.1f}{a / b:>9.2f}×")
    print("  ratios to the baseline measured in the same process (median over runs):")
    for name, fn in rows[len(PHASES):-1]:
        a = med("interpreted", lambda r, fn=fn: fn(r) / r["baseline"])
        b = med("compiled", lambda r, fn=fn: fn(r) / r["baseline"])
        print(f"    {name:<34} interpreted {a:5.1f}×   compiled {b:5.1f}×")


if __name__ == "__main__":
    raise SystemExit(main())
