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
import random
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


def rotated(x):
    # Householder reflection R = I - 2 v v^T / (v^T v), v = (1, 2, ..., d): a fixed rotation both sides can build.
    d = len(x)
    v = [i + 1.0 for i in range(d)]
    vv = sum(t * t for t in v)
    vx = sum(v[i] * x[i] for i in range(d))
    return [x[i] - 2 * v[i] * vx / vv for i in range(d)]


def rotated_ellipsoid(x):
    return ellipsoid(rotated(x))


def bent_cigar(x):
    return x[0] * x[0] + 1e6 * sum(v * v for v in x[1:])


def discus(x):
    return 1e6 * x[0] * x[0] + sum(v * v for v in x[1:])


def griewank(x):
    prod = 1.0
    for i, v in enumerate(x):
        prod *= math.cos(v / math.sqrt(i + 1))
    return 1 + sum(v * v for v in x) / 4000 - prod


def schwefel(x):
    return 418.9828872724339 * len(x) - sum(v * math.sin(math.sqrt(abs(v))) for v in x)


def levy(x):
    w = [1 + (v - 1) / 4 for v in x]
    s = math.sin(math.pi * w[0]) ** 2
    for i in range(len(w) - 1):
        s += (w[i] - 1) ** 2 * (1 + 10 * math.sin(math.pi * w[i] + 1) ** 2)
    return s + (w[-1] - 1) ** 2 * (1 + math.sin(2 * math.pi * w[-1]) ** 2)


def michalewicz(x):
    return -sum(math.sin(v) * math.sin((i + 1) * v * v / math.pi) ** 20 for i, v in enumerate(x))


def shifted_sphere(x):
    return sum((v - (((7 * i + 3) % 15) - 7)) ** 2 for i, v in enumerate(x))


def log_rosenbrock(x):
    return rosenbrock([math.log10(v) for v in x])


def categorical_grid(x):
    k = [int(v) for v in x[:5]]
    s = sum((i + 2 * k[i]) % 5 for i in range(5))
    return s + (x[5] - 0.5 * k[0] + 1) ** 2 + (0.0 if k[1] == k[2] else 1.5)


MLP_LR = [-1.0, -3.0, -3.5]          # best log10 lr per optimizer (sgd, adam, rmsprop)
MLP_OPTIMIZER = [0.05, 0.0, 0.02]
MLP_ACTIVATION = [0.02, 0.06, 0.0]   # relu, tanh, gelu


def mlp_surrogate(x):
    lr, batch, dropout, layers, units, opt, act = x
    d = math.log10(lr) - MLP_LR[int(opt)]
    return (0.25 + 0.1 * d * d + 0.03 * (math.log2(batch) - 6.5 - 0.5 * d) ** 2 + 0.2 * (dropout - 0.1 * layers) ** 2
            + 0.02 * (layers - 3) ** 2 + 0.05 * (math.log2(units) - 8) ** 2 + 0.03 * math.sin(2 * math.log2(units)) ** 2
            + MLP_OPTIMIZER[int(opt)] + MLP_ACTIVATION[int(act)])


def conditional(x):
    model, alpha, depth, leaf, lr, width, dropout = x
    if int(model) == 0:
        return 0.6 + 0.05 * (math.log10(alpha) + 2) ** 2
    if int(model) == 1:
        return 0.3 + 0.01 * (depth - 8) ** 2 + 0.5 * (leaf - 0.3) ** 2
    return 0.1 + 0.1 * (math.log10(lr) + 3) ** 2 + 0.05 * (math.log2(width) - 7) ** 2 + 0.4 * (dropout - 0.2) ** 2


def conditional_nested(x):
    branch, x0, a1, a2, b1, b2 = x
    if int(branch) == 0:
        return (x0 - 1) ** 2 + (a1 + 2) ** 2 + a2 * a2 - 2 * math.cos(2 * math.pi * a2) + 2
    return 1 + (x0 + 1) ** 2 / 4 + (b1 - 7) ** 2 / 10 + (math.log10(b2) - 1) ** 2


# Objective functions by the name problems.json uses; each maps the parameter values (categorical: index) to a list.
FUNCTIONS = {
    "sphere": lambda x: [sphere(x)],
    "ellipsoid": lambda x: [ellipsoid(x)],
    "rotated-ellipsoid": lambda x: [rotated_ellipsoid(x)],
    "bent-cigar": lambda x: [bent_cigar(x)],
    "discus": lambda x: [discus(x)],
    "rosenbrock": lambda x: [rosenbrock(x)],
    "rastrigin": lambda x: [rastrigin(x)],
    "ackley": lambda x: [ackley(x)],
    "griewank": lambda x: [griewank(x)],
    "schwefel": lambda x: [schwefel(x)],
    "levy": lambda x: [levy(x)],
    "michalewicz": lambda x: [michalewicz(x)],
    "styblinski-tang": lambda x: [styblinski_tang(x)],
    "branin": lambda x: [branin(x)],
    "hartmann6": lambda x: [hartmann6(x)],
    "mixed": lambda x: [mixed(x)],
    "shifted-sphere": lambda x: [shifted_sphere(x)],
    "log-rosenbrock": lambda x: [log_rosenbrock(x)],
    "categorical-grid": lambda x: [categorical_grid(x)],
    "mlp-surrogate": lambda x: [mlp_surrogate(x)],
    "conditional": lambda x: [conditional(x)],
    "conditional-nested": lambda x: [conditional_nested(x)],
    "zdt1": lambda x: zdt(x, False),
    "zdt2": lambda x: zdt(x, True),
}

PROBLEMS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "problems.json")


def load_problems(path=PROBLEMS_FILE):
    """Problems from problems.json (the one definition both sides read). Parameters: dicts with name, type, low, high,
    log, choices, when."""
    with open(path) as f:
        spec = json.load(f)
    problems = []
    for p in spec["problems"]:
        if "box" in p:
            b = p["box"]
            params = [{"name": f"x{i}", "type": "float", "low": b["low"], "high": b["high"]} for i in range(b["dims"])]
        else:
            params = p["params"]
        problems.append({
            "name": p["name"],
            "kind": p.get("kind", ""),
            "budget": p["budget"],
            "params": params,
            "evaluate": FUNCTIONS[p["function"]],
            "noise": p.get("noise", 0.0),
            "reference": p.get("reference"),
        })
    return problems


PROBLEMS = load_problems()

SAMPLERS = ["tpe", "cmaes", "nsga2", "random"]
# Diagnostic only: Optuna 3.1's TPE with its truncated-normal log density corrected (optuna issue #5109, fixed upstream
# in late 2023): 3.1's logpdf omits -log(scale), so each kernel's density is multiplied by its own width.
EXTRA_SAMPLERS = ["tpe-logpdf-fixed", "tpe-multivariate"]
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
    if name == "tpe-multivariate":
        return optuna.samplers.TPESampler(seed=seed, multivariate=True)
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


def suggest_all(trial, params):
    """Suggests the active parameters in order; returns the values the objective sees (categorical: index, inactive: NaN)."""
    chosen = {}
    values = []
    for p in params:
        when = p.get("when")
        if when and not all(chosen.get(k) in v for k, v in when.items()):
            values.append(math.nan)
            continue
        kind = p["type"]
        if kind == "float":
            value = trial.suggest_float(p["name"], p["low"], p["high"], log=p.get("log", False))
        elif kind == "int":
            value = trial.suggest_int(p["name"], int(p["low"]), int(p["high"]), log=p.get("log", False))
        else:
            label = trial.suggest_categorical(p["name"], p["choices"])
            chosen[p["name"]] = label
            value = p["choices"].index(label)
        values.append(value)
    return values


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
    # Noisy problems: the sampler sees f + N(0, noise^2) (this side's own generator, seeded by the run's seed); the
    # score is the noise-free f of the trial with the best noisy value, kept in a user attribute.
    noise = random.Random(seed * 1_000_003 + 17) if problem["noise"] > 0 else None

    def objective(trial):
        values = problem["evaluate"](suggest_all(trial, problem["params"]))
        if multi:
            return tuple(values)
        trial.set_user_attr("true", values[0])
        return values[0] + (noise.gauss(0.0, problem["noise"]) if noise else 0.0)

    start = time.perf_counter()
    study.optimize(objective, n_trials=problem["budget"])
    elapsed = time.perf_counter() - start
    complete = [t for t in study.trials if t.state == optuna.trial.TrialState.COMPLETE]
    if multi:
        value = hypervolume_2d([t.values for t in complete], problem["reference"])
    else:
        value = min(complete, key=lambda t: t.value).user_attrs["true"]
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
    kind, low, high = param["type"], param.get("low"), param.get("high")
    if kind == "float":
        return math.exp(math.log(low) + u * (math.log(high) - math.log(low))) if param.get("log") else low + u * (high - low)
    if kind == "int":
        if param.get("log"):
            return min(high, max(low, round(math.exp(math.log(low) + u * (math.log(high) - math.log(low))))))
        return min(high, math.floor(low + u * (high - low + 1)))
    return min(len(param["choices"]) - 1, math.floor(u * len(param["choices"])))


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
