# Measures the reference tool `enam` (ENAMEL): wall time (test generation / reference answers / evaluation) and pass@k, eff@k of one sample file.
# Run from the repo root: python3 Benchmarks/enam_baseline.py [SAMPLES.json]  (default humaneval-canonical.json; --help for options)
# Env: PACE_REF_PYTHON = python with enam installed (default /work/venvs/ref/bin/python); PACE_DATA_DIR = shared data dir (default ../shared/data).
"""Full ENAMEL evaluation with enam, mirroring enam's demo.py defaults.

demo.py defaults used: seed 998244353, n_tests 8,4,4,4, n_reps 6, hardness 0,3,3,4, memory 4 GiB,
timeout_factor (alpha) 2, tolerance 0.01 s, eval_k 1,10,100, subset = enam.PROBLEMSET (142 problems),
tests generated fresh (demo without --tests), results saved like demo (save_name prefix, in a temp dir).
The last stdout line is one JSON object with the figures.
"""
import os
import sys

_REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_REF_PYTHON = os.environ.get("PACE_REF_PYTHON", "/work/venvs/ref/bin/python")

# Re-exec under the reference venv's python if we are not already running in it.
if os.path.realpath(sys.prefix) != os.path.realpath(os.path.dirname(os.path.dirname(_REF_PYTHON))) \
        and os.environ.get("_ENAM_BASELINE_REEXEC") != "1":
    os.environ["_ENAM_BASELINE_REEXEC"] = "1"
    os.execv(_REF_PYTHON, [_REF_PYTHON, os.path.abspath(__file__)] + sys.argv[1:])

import argparse
import importlib.metadata
import json
import tempfile
import time


def main():
    data_dir = os.environ.get("PACE_DATA_DIR", os.path.join(_REPO_ROOT, "..", "shared", "data"))
    enamel_dir = os.path.join(data_dir, "enamel")
    ap = argparse.ArgumentParser(description="enam (ENAMEL) baseline timing")
    ap.add_argument("samples", nargs="?", default=os.path.join(enamel_dir, "humaneval-canonical.json"),
                    help="ENAMEL JSON sample file (list or dict of lists of full programs)")
    ap.add_argument("--dataset", default=os.path.join(enamel_dir, "enamel.csv"))
    ap.add_argument("--save_dir", default=None, help="where demo-style result files go (default: a temp dir)")
    ap.add_argument("--verbose", action="store_true", help="enam per-test verbose output")
    args = ap.parse_args()

    import enam
    import enam.evaluate as ev

    # Phase boundaries: make_tests opens two tqdm bars (input generation, then reference answers);
    # evaluate opens one. Record when each bar is created.
    bar_starts = []
    _tqdm = ev.tqdm

    def tqdm_marking(*a, **kw):
        bar_starts.append(time.perf_counter())
        return _tqdm(*a, **kw)

    ev.tqdm = tqdm_marking

    ref_retime = [0.0]

    class TimedEvaluator(ev.Evaluator):
        def compute_refs(self, i):  # re-timing of the reference inside evaluate(), per problem
            t = time.perf_counter()
            try:
                return super().compute_refs(i)
            finally:
                ref_retime[0] += time.perf_counter() - t

    save_dir = args.save_dir or tempfile.mkdtemp(prefix="enam-baseline-")
    os.makedirs(save_dir, exist_ok=True)
    save_name = os.path.join(save_dir, "eval")
    load_name = os.path.splitext(os.path.basename(args.samples))[0]

    t_start = time.perf_counter()
    evaluator = TimedEvaluator(
        problems=args.dataset, subset=enam.PROBLEMSET,
        n_tests=[8, 4, 4, 4], n_reps=6, hardness=[0., 3., 3., 4.],
        memory_giga=4., timeout_factor=2., tolerence_sec=0.01, seed=998244353,
    )
    evaluator.make_tests(save_name=save_name)
    t_tests_done = time.perf_counter()

    with open(args.samples) as fi:  # same as demo.py's Loader for JSON files
        codes = json.load(fi)
    if isinstance(codes, dict):
        codes = {int(i): c for i, c in codes.items()}
    print(">>>", load_name, flush=True)
    t_eval0 = time.perf_counter()
    metrics = evaluator.evaluate(codes, k=[1, 10, 100], save_name=f"{save_name}~{load_name}", verbose=args.verbose)
    t_end = time.perf_counter()
    print(metrics, flush=True)

    gen_end = bar_starts[1] if len(bar_starts) >= 2 else t_tests_done
    result = {
        "tool": "enam", "enam_version": importlib.metadata.version("enam"),
        "samples": os.path.abspath(args.samples), "n_problems": len(enam.PROBLEMSET),
        "wall_total_s": round(t_end - t_start, 3),
        "wall_test_generation_s": round(gen_end - t_start, 3),
        "wall_reference_answers_s": round(t_tests_done - gen_end, 3),
        "wall_evaluate_s": round(t_end - t_eval0, 3),
        "wall_evaluate_reference_retiming_s": round(ref_retime[0], 3),
        "wall_evaluate_samples_s": round(t_end - t_eval0 - ref_retime[0], 3),
        "save_dir": save_dir,
    }
    result.update({k: float(v) for k, v in metrics.items()})
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
