#!/usr/bin/python3
"""Runs Optuna 3.1 on the problems of Wnn.Benchmarks' `peers` mode (benchmarks/Wnn.Benchmarks/Peers/PeerProblems.cs).

Run with Debian's interpreter: /usr/bin/python3 (apt-get install python3-optuna python3-cmaes).

  optuna_bench.py run [--seeds 20] [--seed-from 0] [--problems a,b] [--samplers tpe,cmaes,nsga2,random]
  optuna_bench.py overhead [--sqlite-dir DIR]
  optuna_bench.py points

Every command prints JSON lines on stdout in the same shape as the C# side.
"""
import argparse
import json
import math
import os
import statistics
import sys
import tempfile
import time
import warnings

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core per process on a shared machine
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import optuna  # noqa: E402

# ---------------------------------------------------------------- problems
# Parameters: (name, kind, low, high, log, choices); kind is "float", "int" or "cat" (objective sees the index).


def sphere(x):
    return sum(v * v for v in x)


def ellipsoid(x):
    d = len(x)
    return sum(10.0 ** (6.0 * i / (d - 1)) * x[i] * x[i] for i in range(d))


def rosenbrock(x):
    s = 0.0
    for i in range(len(x) - 1):
        a = x[i + 1] - x[i] * x[i]
        b = 1 - x[i]
        s += 100 * a * a + b * b
    return s


def rastrigin(x):
    return 10.0 * len(x) + sum(v * v - 10 * math.cos(2 * math.pi * v) for v in x)


def ackley(x):
    n = len(x)
    sq = sum(v * v for v in x) / n
    cs = sum(math.cos(2 * math.pi * v) for v in x) / n
    return -20 * math.exp(-0.2 * math.sqrt(sq)) - math.exp(cs) + 20 + math.e


def styblinski_tang(x):
    return 0.5 * sum(v ** 4 - 16 * v * v + 5 * v for v in x)


def branin(x):
    b = 5.1 / (4 * math.pi * math.pi)
    c = 5 / math.pi
    t = 1 / (8 * math.pi)
    a = x[1] - b * x[0] * x[0] + c * x[0] - 6
    return a * a + 10 * (1 - t) * math.cos(x[0]) + 10


HARTMANN_ALPHA = [1.0, 1.2, 3.0, 3.2]
HARTMANN_A = [
    [10, 3, 17, 3.5, 1.7, 8],
    [0.05, 10, 17, 0.1, 8, 14],
    [3, 3.5, 1.7, 10, 17, 8],
    [17, 8, 0.05, 10, 0.1, 14],
]
HARTMANN_P = [
    [0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886],
    [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
    [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650],
    [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381],
]


def hartmann6(x):
    s = 0.0
    for i in range(4):
        inner = 0.0
        for j in range(6):
            d = x[j] - HARTMANN_P[i][j]
            inner += HARTMANN_A[i][j] * d * d
        s += HARTMANN_ALPHA[i] * math.exp(-inner)
    return -s


MIXED_OFFSETS = [1.0, 0.0, 0.5, 2.0]


def mixed(x):
    lr = math.log10(x[1]) + 2.5
    units = x[2] - 7
    return (x[0] - 1.5) ** 2 + lr * lr + units * units / 4 + abs(x[3] - 3) + MIXED_OFFSETS[int(x[4])]


def zdt(x, concave):
    g = 1 + 9 * sum(x[1:]) / (len(x) - 1)
    r = x[0] / g
    return [x[0], g * (1 - (r * r if concave else math.sqrt(r)))]


def box(name, budget, dims, low, high, f):
    return {
        "name": name,
        "budget": budget,
        "params": [(f"x{i}", "float", low, high, False, None) for i in range(dims)],
        "evaluate": lambda x: [f(x)],
        "reference": None,
    }


def unit(dims):
    return [(f"x{i}", "float", 0.0, 1.0, False, None) for i in range(dims)]


PROBLEMS = [
    box("sphere-2", 100, 2, -5, 5, sphere),
    box("sphere-10", 200, 10, -5, 5, sphere),
    box("ellipsoid-6", 200, 6, -5, 5, ellipsoid),
    box("rosenbrock-2", 150, 2, -5, 10, rosenbrock),
    box("rosenbrock-6", 200, 6, -5, 10, rosenbrock),
    box("rastrigin-2", 100, 2, -5.12, 5.12, rastrigin),
    box("rastrigin-8", 200, 8, -5.12, 5.12, rastrigin),
    box("ackley-2", 100, 2, -32.768, 32.768, ackley),
    box("ackley-6", 200, 6, -32.768, 32.768, ackley),
    box("styblinski-tang-4", 150, 4, -5, 5, styblinski_tang),
    box("styblinski-tang-10", 200, 10, -5, 5, styblinski_tang),
    {
        "name": "branin",
        "budget": 50,
        "params": [("x0", "float", -5, 10, False, None), ("x1", "float", 0, 15, False, None)],
        "evaluate": lambda x: [branin(x)],
        "reference": None,
    },
    box("hartmann-6", 200, 6, 0, 1, hartmann6),
    {
        "name": "mixed",
        "budget": 100,
        "params": [
            ("x", "float", -5, 5, False, None),
            ("lr", "float", 1e-4, 1, True, None),
            ("units", "int", 0, 20, False, None),
            ("layers", "int", 1, 8, False, None),
            ("kind", "cat", 0, 3, False, ["a", "b", "c", "d"]),
        ],
        "evaluate": lambda x: [mixed(x)],
        "reference": None,
    },
    {"name": "zdt1-5", "budget": 200, "params": unit(5), "evaluate": lambda x: zdt(x, False), "reference": [1.1, 1.1]},
    {"name": "zdt2-5", "budget": 200, "params": unit(5), "evaluate": lambda x: zdt(x, True), "reference": [1.1, 1.1]},
]

SAMPLERS = ["tpe", "cmaes", "nsga2", "random"]
# Diagnostic only: Optuna 3.1's TPE with its truncated-normal log density corrected (optuna issue #5109, fixed upstream
# in late 2023): 3.1's logpdf omits -log(scale), so each kernel's density is multiplied by its own width.
EXTRA_SAMPLERS = ["tpe-logpdf-fixed"]
_ORIGINAL_LOGPDF = None


def patch_truncnorm_logpdf():
    global _ORIGINAL_LOGPDF
    import numpy as np
    from optuna.samplers._tpe import _truncnorm

    if _ORIGINAL_LOGPDF is None:
        _ORIGINAL_LOGPDF = _truncnorm.logpdf

        def logpdf(x, a, b, loc=0, scale=1):
            return _ORIGINAL_LOGPDF(x, a, b, loc, scale) - np.log(scale)

        _truncnorm.logpdf = logpdf


def make_sampler(name, seed):
    if name == "tpe":
        return optuna.samplers.TPESampler(seed=seed)
    if name == "tpe-logpdf-fixed":
        patch_truncnorm_logpdf()
        return optuna.samplers.TPESampler(seed=seed)
    if name == "cmaes":
        return optuna.samplers.CmaEsSampler(seed=seed)
    if name == "nsga2":
        return optuna.samplers.NSGAIISampler(seed=seed)
    if name == "random":
        return optuna.samplers.RandomSampler(seed=seed)
    raise ValueError(f"unknown sampler {name!r}; known: {', '.join(SAMPLERS)}")


def suggest(trial, param):
    name, kind, low, high, log, choices = param
    if kind == "float":
        return trial.suggest_float(name, low, high, log=log)
    if kind == "int":
        return trial.suggest_int(name, int(low), int(high))
    return choices.index(trial.suggest_categorical(name, choices))


def hypervolume_2d(points, reference):
    """Area dominated by minimized 2-d points and bounded by the reference point (own sweep, not Optuna's)."""
    inside = sorted((p for p in points if p[0] < reference[0] and p[1] < reference[1]), key=lambda p: (p[0], p[1]))
    area = 0.0
    best_y = reference[1]
    for x, y in inside:
        if y < best_y:
            area += (reference[0] - x) * (best_y - y)
            best_y = y
    return area


def run_one(problem, sampler, seed):
    multi = problem["reference"] is not None
    study = optuna.create_study(
        directions=["minimize"] * (2 if multi else 1),
        sampler=make_sampler(sampler, seed),
        pruner=optuna.pruners.NopPruner(),
    )

    def objective(trial):
        values = problem["evaluate"]([suggest(trial, p) for p in problem["params"]])
        return tuple(values) if multi else values[0]

    start = time.perf_counter()
    study.optimize(objective, n_trials=problem["budget"])
    elapsed = time.perf_counter() - start
    complete = [t for t in study.trials if t.state == optuna.trial.TrialState.COMPLETE]
    if multi:
        value = hypervolume_2d([t.values for t in complete], problem["reference"])
    else:
        value = min(t.value for t in complete)
    return {
        "impl": "optuna",
        "problem": problem["name"],
        "sampler": sampler,
        "seed": seed,
        "trials": len(study.trials),
        "metric": "hypervolume" if multi else "best",
        "value": value,
        "elapsed_s": elapsed,
    }


def cmd_run(args):
    # Seeds outermost, so that a sweep cut short still has the same seeds for every problem.
    names = args.problems.split(",") if args.problems else [p["name"] for p in PROBLEMS]
    samplers = args.samplers.split(",") if args.samplers else SAMPLERS
    by_name = {p["name"]: p for p in PROBLEMS}
    for seed in range(args.seed_from, args.seed_from + args.seeds):
        for name in names:
            problem = by_name[name]
            for sampler in SAMPLERS + EXTRA_SAMPLERS:
                if sampler not in samplers or (sampler == "cmaes" and problem["reference"] is not None):
                    continue
                result = run_one(problem, sampler, seed)
                print(json.dumps(result), flush=True)
                print(f"seed {seed} {name} {sampler}: {result['value']:.6g} in {result['elapsed_s']:.2f} s", file=sys.stderr, flush=True)


def ask_tell(study, dims):
    trial = study.ask()
    s = 0.0
    for i in range(dims):
        x = trial.suggest_float(f"x{i}", -5, 5)
        s += x * x
    study.tell(trial, s)


def cmd_overhead(args):
    # TPE: fill 1,000 finished trials with the same sampler, then time the next 100 ask + tell (as TpeOverhead.cs does).
    study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=0), pruner=optuna.pruners.NopPruner())
    for _ in range(1000):
        ask_tell(study, 8)
    ms = []
    cpu_start = time.process_time()
    for _ in range(100):
        start = time.perf_counter()
        ask_tell(study, 8)
        ms.append((time.perf_counter() - start) * 1000)
    cpu = (time.process_time() - cpu_start) * 1000 / len(ms)
    print(json.dumps({"impl": "optuna", "measure": "tpe_ask_tell_ms", "finished": 1000, "median": statistics.median(ms),
                      "mean": statistics.fmean(ms), "cpu_mean": cpu, "n": len(ms), "unit": "ms"}), flush=True)

    # SQLite end to end: create the database and run 1,000 random-sampler trials of the same 8-parameter sphere.
    with tempfile.TemporaryDirectory(dir=args.sqlite_dir) as tmp:
        url = "sqlite:///" + os.path.join(tmp, "study.db")
        start = time.perf_counter()
        cpu_start = time.process_time()
        study = optuna.create_study(storage=url, sampler=optuna.samplers.RandomSampler(seed=0), pruner=optuna.pruners.NopPruner())
        for _ in range(1000):
            ask_tell(study, 8)
        seconds = time.perf_counter() - start
        cpu = time.process_time() - cpu_start
    print(json.dumps({"impl": "optuna", "measure": "sqlite_random_1000_s", "median": seconds, "mean": seconds, "cpu_mean": cpu,
                      "n": 1, "unit": "s"}), flush=True)


def from_unit(param, u):
    """Same mapping as PeerParameter.FromUnit, only to check that both sides define the same functions."""
    name, kind, low, high, log, choices = param
    if kind == "float":
        return math.exp(math.log(low) + u * (math.log(high) - math.log(low))) if log else low + u * (high - low)
    if kind == "int":
        return min(high, math.floor(low + u * (high - low + 1)))
    return min(len(choices) - 1, math.floor(u * len(choices)))


def cmd_points(args):
    for p in PROBLEMS:
        for k in range(6):
            x = []
            for i, param in enumerate(p["params"]):
                u = 0.5 + (k + 1) * 0.6180339887498949 * (i + 1)
                x.append(from_unit(param, u - math.floor(u)))
            print(json.dumps({"problem": p["name"], "point": k, "values": p["evaluate"](x)}))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run")
    run.add_argument("--seeds", type=int, default=20)
    run.add_argument("--seed-from", type=int, default=0)
    run.add_argument("--problems")
    run.add_argument("--samplers")
    overhead = sub.add_parser("overhead")
    overhead.add_argument("--sqlite-dir", default=None)
    sub.add_parser("points")
    args = parser.parse_args()

    optuna.logging.set_verbosity(optuna.logging.ERROR)
    warnings.simplefilter("ignore")
    {"run": cmd_run, "overhead": cmd_overhead, "points": cmd_points}[args.command](args)


if __name__ == "__main__":
    main()
