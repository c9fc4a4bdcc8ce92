#!/usr/bin/env python3
"""Validate the bundled pace-bench benchmark (stdlib only).

For every task directory under Sources/PaceDatasets/Resources/pace-bench:

  * checks that task.json, prompt.py, reference.py, slow.py, generator.py,
    tests.json and at least two samples exist and are well formed;
  * runs the doctest examples of prompt.py against reference.py;
  * runs tests.json against reference.py, slow.py and every sample;
  * generates the inputs of every level exactly the way Pace does
    (random.seed(998244353 ^ task_index ^ (offset + cid)) before each
    generate_input call), checks that slow.py agrees with reference.py on
    all of them, and checks every sample against reference.py;
  * times reference, slow and each sample (time.perf_counter, one call per
    input, inputs deep-copied before every call) and prints a table.

A sample call that runs longer than --sample-timeout seconds (default 5) is
interrupted and the sample is skipped for the rest of the task.  A sample is
marked "slow>2x" on a level when its worst time there exceeds twice the
slowest reference time (max of reference.py and slow.py) on that level.

Usage:
    python3 scripts/check_pace_bench.py [--root DIR] [--only TASK ...]
                                        [--sample-timeout S] [--quiet]
Exit status is non-zero when a reference or slow solution fails anything,
when the speed gap between them is too small, or when a file is missing.
"""
import argparse
import copy
import doctest
import gc
import io
import json
import math
import os
import random
import signal
import sys
import time
import traceback

DEFAULT_N_TESTS = [8, 4, 4, 4]
REQUIRED = ["task.json", "prompt.py", "reference.py", "slow.py", "generator.py", "tests.json"]


class CallTimeout(Exception):
    pass


def _alarm(signum, frame):
    raise CallTimeout()


def load_program(path, name_hint):
    """Execute a complete program file in a fresh namespace and return it."""
    with open(path, encoding="utf-8") as fh:
        source = fh.read()
    namespace = {"__name__": "pace_" + name_hint, "__file__": path}
    code = compile(source, path, "exec")
    exec(code, namespace)
    return namespace


def canonical(value):
    """Tuples become lists, as they would after a JSON round trip."""
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in value.items()}
    return value


def equal(a, b, atol):
    a = canonical(a)
    b = canonical(b)
    if atol is not None and isinstance(a, (int, float)) and isinstance(b, (int, float)) \
            and not isinstance(a, bool) and not isinstance(b, bool):
        return math.isclose(a, b, rel_tol=0.0, abs_tol=atol)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(equal(x, y, atol) for x, y in zip(a, b))
    if type(a) is bool or type(b) is bool:
        return type(a) is type(b) and a == b
    return a == b


def timed_call(fn, args, timeout=None):
    """Return (status, result, seconds). status: ok | error | timeout."""
    args = copy.deepcopy(args)
    gc.collect()  # keep garbage from earlier calls out of the measurement
    if timeout:
        signal.setitimer(signal.ITIMER_REAL, timeout)
    start = time.perf_counter()
    try:
        result = fn(*args)
        elapsed = time.perf_counter() - start
        return "ok", result, elapsed
    except CallTimeout:
        return "timeout", None, time.perf_counter() - start
    except RecursionError as exc:
        return "error", "RecursionError: " + str(exc)[:60], time.perf_counter() - start
    except Exception as exc:  # noqa: BLE001 - we report whatever a sample raises
        return "error", type(exc).__name__ + ": " + str(exc)[:60], time.perf_counter() - start
    finally:
        if timeout:
            signal.setitimer(signal.ITIMER_REAL, 0)


def short(value, limit=70):
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def fmt_ms(seconds):
    if seconds is None:
        return "-"
    ms = seconds * 1000.0
    if ms < 10:
        return "%.2f" % ms
    if ms < 100:
        return "%.1f" % ms
    return "%.0f" % ms


def run_doctests(prompt_path, namespace, entry):
    import ast
    with open(prompt_path, encoding="utf-8") as fh:
        tree = ast.parse(fh.read())
    source = ""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == entry:
            source = ast.get_docstring(node) or ""
    parser = doctest.DocTestParser()
    test = parser.get_doctest(source, dict(namespace), entry, prompt_path, 0)
    out = io.StringIO()
    runner = doctest.DocTestRunner(verbose=False)
    runner.run(test, out=out.write)
    return runner.failures, runner.tries, out.getvalue()


def check_prompt(prompt_path, entry):
    problems = []
    import ast
    with open(prompt_path, encoding="utf-8") as fh:
        tree = ast.parse(fh.read())
    funcs = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    if not funcs or funcs[-1].name != entry:
        problems.append("prompt.py must end with def %s" % entry)
    else:
        body = funcs[-1].body
        if len(body) != 1 or not isinstance(body[0], ast.Expr) or \
                not isinstance(getattr(body[0], "value", None), ast.Constant):
            problems.append("prompt.py: function must contain only a docstring")
    return problems


def check_task(task_dir, task_index, args, report):
    name = os.path.basename(task_dir)
    problems = []   # hard failures (reference / slow / files)
    notes = []      # sample observations

    for fname in REQUIRED:
        if not os.path.isfile(os.path.join(task_dir, fname)):
            problems.append("missing " + fname)
    sample_dir = os.path.join(task_dir, "samples")
    samples = sorted(f for f in os.listdir(sample_dir) if f.endswith(".py")) \
        if os.path.isdir(sample_dir) else []
    if len(samples) < 2:
        problems.append("needs at least two samples")
    if problems:
        return problems, None

    with open(os.path.join(task_dir, "task.json"), encoding="utf-8") as fh:
        meta = json.load(fh)
    entry = meta["entry_point"]
    if meta.get("task_id") != "pace/" + name:
        problems.append("task_id should be pace/" + name)
    levels = meta["input_levels"]
    n_tests = meta.get("n_tests", DEFAULT_N_TESTS)
    atol = meta.get("atol")
    if len(levels) != 4 or len(n_tests) != 4:
        problems.append("input_levels and n_tests need four entries")
    with open(os.path.join(task_dir, "tests.json"), encoding="utf-8") as fh:
        tests = json.load(fh)
    if len(tests) < 5:
        problems.append("tests.json needs at least 5 tests")

    problems += check_prompt(os.path.join(task_dir, "prompt.py"), entry)

    ref_ns = load_program(os.path.join(task_dir, "reference.py"), "reference")
    slow_ns = load_program(os.path.join(task_dir, "slow.py"), "slow")
    gen_ns = load_program(os.path.join(task_dir, "generator.py"), "generator")
    ref = ref_ns[entry]
    slow = slow_ns[entry]
    gen = gen_ns["generate_input"]
    sample_fns = {}
    for s in samples:
        try:
            sample_fns[s] = load_program(os.path.join(sample_dir, s), "sample")[entry]
        except Exception as exc:  # noqa: BLE001
            sample_fns[s] = None
            notes.append("%s: does not load (%s)" % (s, exc))

    failures, tries, text = run_doctests(os.path.join(task_dir, "prompt.py"), ref_ns, entry)
    if tries == 0:
        problems.append("prompt.py has no doctest example")
    if failures:
        problems.append("prompt.py doctest fails against reference:\n" + text)

    # ---- tests.json -------------------------------------------------------
    test_result = {}
    for label, fn in [("reference", ref), ("slow", slow)] + list(sample_fns.items()):
        if fn is None:
            test_result[label] = "noload"
            continue
        bad = 0
        first = None
        for t in tests:
            status, out, _ = timed_call(fn, t["input"], args.sample_timeout)
            if status != "ok" or not equal(out, t["output"], atol):
                bad += 1
                if first is None:
                    first = "%s -> %s (expected %s)" % (short(t["input"], 50),
                                                       status if status != "ok" else short(out, 40),
                                                       short(t["output"], 30))
                    if status == "error":
                        first += " " + str(out)
        test_result[label] = "pass" if bad == 0 else "FAIL %d/%d" % (bad, len(tests))
        if bad and label in ("reference", "slow"):
            problems.append("%s fails tests.json: %s" % (label, first))
        elif bad:
            notes.append("%s tests.json: %s" % (label, first))

    # ---- generated levels -------------------------------------------------
    offset = 0
    level_rows = []
    sample_dead = {s: None for s in samples}
    for lid, size in enumerate(levels):
        count = n_tests[lid]
        ref_times, slow_times = [], []
        s_times = {s: [] for s in samples}
        s_state = {s: "ok" for s in samples}
        for cid in range(count):
            random.seed(998244353 ^ task_index ^ (offset + cid))
            inp = gen(size, lid, cid)
            if not isinstance(inp, tuple):
                problems.append("generate_input must return a tuple (level %d cid %d)" % (lid, cid))
                inp = tuple(inp)
            try:
                json.dumps(canonical(list(inp)))
            except (TypeError, ValueError):
                problems.append("generated input not JSON representable (level %d cid %d)" % (lid, cid))
            status, expected, t_ref = timed_call(ref, inp)
            if status != "ok":
                problems.append("reference %s on level %d cid %d: %s" % (status, lid, cid, expected))
                continue
            ref_times.append(t_ref)
            if args.show:
                print("    [%s L%d c%d] ref %.2f ms -> %s" % (name, lid, cid, t_ref * 1000, short(expected, 60)))
            status, got, t_slow = timed_call(slow, inp)
            slow_times.append(t_slow)
            if status != "ok" or not equal(got, expected, atol):
                problems.append("slow disagrees on level %d cid %d: %s vs %s"
                                % (lid, cid, short(got, 40), short(expected, 40)))
            for s, fn in sample_fns.items():
                if fn is None or sample_dead[s] is not None:
                    if s_state[s] != "TIMEOUT":
                        s_state[s] = "skip"
                    continue
                status, got, t = timed_call(fn, inp, args.sample_timeout)
                if status == "timeout":
                    sample_dead[s] = (lid, cid)
                    s_state[s] = "TIMEOUT"
                    s_times[s].append(t)
                    continue
                s_times[s].append(t)
                if status == "error":
                    if s_state[s] == "ok":
                        s_state[s] = "ERROR"
                        notes.append("%s level %d cid %d raised %s" % (s, lid, cid, got))
                elif not equal(got, expected, atol):
                    if s_state[s] == "ok":
                        s_state[s] = "WRONG"
                        notes.append("%s level %d cid %d: got %s expected %s"
                                     % (s, lid, cid, short(got, 40), short(expected, 40)))
        offset += count
        level_rows.append((lid, size, ref_times, slow_times, s_times, s_state))

    # ---- report -------------------------------------------------------------
    # Speed gap: only meaningful at the top level.
    top = level_rows[-1]
    if top[2] and top[3]:
        ref_max = max(top[2])
        slow_max = max(top[3])
        ratio = slow_max / max(ref_max, 1e-9)
        if ratio < args.min_ratio:
            problems.append("slow is only %.1fx slower than reference at the top level" % ratio)
        if slow_max > args.max_slow:
            problems.append("slow takes %.2fs at the top level (limit %.1fs)" % (slow_max, args.max_slow))

    report.append((name, entry, levels, test_result, level_rows, samples, problems, notes))
    return problems, notes


def print_report(report, quiet):
    for name, entry, levels, test_result, level_rows, samples, problems, notes in report:
        print("=" * 100)
        print("%s  (entry %s, levels %s)" % (name, entry, levels))
        print("  tests.json: " + ", ".join("%s=%s" % (k, v) for k, v in test_result.items()))
        header = "  %-30s" % "level:" + "".join("%18s" % ("L%d n=%s" % (r[0], r[1])) for r in level_rows)
        print(header)

        def row(label, cells):
            print("  %-30s" % label + "".join("%18s" % c for c in cells))

        row("reference max ms", [fmt_ms(max(r[2]) if r[2] else None) for r in level_rows])
        row("slow max ms", [fmt_ms(max(r[3]) if r[3] else None) for r in level_rows])
        row("slow / reference", ["%.1fx" % (max(r[3]) / max(max(r[2]), 1e-9)) if r[2] and r[3] else "-"
                                 for r in level_rows])
        for s in samples:
            cells = []
            for r in level_rows:
                times = r[4][s]
                state = r[5][s]
                limit = 2 * max(r[2] + r[3]) if (r[2] or r[3]) else None
                if state == "skip":
                    cells.append("skip")
                    continue
                t = max(times) if times else None
                tag = state
                if state == "ok" and r[0] > 0 and t is not None and limit is not None and t > limit:
                    tag = "slow>2x"
                cells.append("%s %s" % (tag, fmt_ms(t)))
            row(s + " [" + test_result.get(s, "?") + "]", cells)
        for p in problems:
            print("  PROBLEM: " + p)
        if not quiet:
            for n in notes:
                print("  note: " + n)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_root = os.path.join(here, "..", "Sources", "PaceDatasets", "Resources", "pace-bench")
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", default=default_root)
    ap.add_argument("--only", nargs="*", help="check only these task names")
    ap.add_argument("--sample-timeout", type=float, default=5.0)
    ap.add_argument("--min-ratio", type=float, default=5.0, help="required slow/reference ratio at the top level")
    ap.add_argument("--max-slow", type=float, default=1.0, help="max seconds for slow.py at the top level")
    ap.add_argument("--show", action="store_true", help="print the reference output for every generated input")
    ap.add_argument("--quiet", action="store_true", help="do not print per-sample notes")
    args = ap.parse_args()

    signal.signal(signal.SIGALRM, _alarm)
    root = os.path.abspath(args.root)
    tasks = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
    if len(tasks) < 12:
        print("warning: only %d tasks (want at least 12)" % len(tasks))
    report = []
    bad = 0
    for index, name in enumerate(tasks):
        if args.only and name not in args.only:
            continue
        try:
            problems, _ = check_task(os.path.join(root, name), index, args, report)
        except Exception:  # noqa: BLE001
            print("=" * 100)
            print(name + ": CRASHED")
            traceback.print_exc()
            bad += 1
            continue
        if problems:
            bad += 1
        print_report(report[-1:], args.quiet)
        sys.stdout.flush()
    print("=" * 100)
    print("%d task(s) checked, %d with problems" % (len(report), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
