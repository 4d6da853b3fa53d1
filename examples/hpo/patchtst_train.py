#!/usr/bin/env python3
"""A compact PatchTST-style forecaster (patching, a transformer encoder, a linear head), trained on a small
multivariate time series generated deterministically in this file (no downloads).

Arguments are Hydra-style key=value overrides, e.g.

    python3 examples/hpo/patchtst_train.py d_model=64 n_layers=2 n_heads=4 d_ff=128 learning_rate=3e-4 epochs=5

Each epoch appends {"step", "epoch", "train_loss", "val_loss", "seconds"} as one JSON line to the metrics file
($WNN_METRICS_FILE if set, else ./metrics.jsonl); the first line carries the architecture and "param_count", the
last one {"final": true, "best_val_loss", "best_epoch", ...}. Losses are MSE on standardized values.

Helper modes (no training):
    --count-params [key=value ...]   print {"param_count": N, ...} for the model those arguments build
    --count-params-batch             read one JSON object per line on stdin ({"model": "patchtst" |
                                     "transformer-encoder", "d_model": ..., ...}), print one count per line
Bad arguments exit with code 2 and one line on stderr.
"""
import json
import math
import os
import sys
import time

PROG = "patchtst_train.py"

# key: (type, default, description). One table: parsing, defaults and the usage line derive from it.
KEYS = {
    "model": (str, "patchtst", "patchtst | transformer-encoder (the latter: count only)"),
    "d_model": (int, 64, "encoder width"),
    "n_layers": (int, 2, "encoder layers"),
    "n_heads": (int, 4, "attention heads (must divide d_model)"),
    "d_ff": (int, 128, "feed-forward width"),
    "dropout": (float, 0.1, "dropout in the encoder and after the patch embedding"),
    "n_vars": (int, 5, "variables of the generated series"),
    "seq_len": (int, 96, "input window (steps)"),
    "patch_len": (int, 16, "patch length (steps)"),
    "stride": (int, 16, "stride between patches (steps)"),
    "horizon": (int, 1, "steps forecast per window"),
    "learning_rate": (float, 3e-4, "peak AdamW learning rate"),
    "weight_decay": (float, 1e-4, "AdamW weight decay"),
    "warmup_steps": (int, 100, "linear warm-up steps, then cosine decay to 0"),
    "epochs": (int, 10, "training epochs"),
    "batch_size": (int, 64, "windows per batch"),
    "seed": (int, 0, "seed of the initialization and the batch order"),
    "data_seed": (int, 0, "seed of the generated series"),
    "data_len": (int, 1400, "length of the generated series (steps)"),
    "window_stride": (int, 4, "steps between consecutive training windows"),
    "threads": (int, 2, "torch intra-op threads"),
    "count_only": (bool, False, "print the parameter count as JSON and exit"),
    "arch_idx": (int, -1, "index into the sweep's architecture list (informational; logged)"),
    "expect_param_count": (int, 0, "exit 2 unless the built model has exactly this many parameters (0: no check)"),
}


class ArgumentError(Exception):
    pass


def parse_bool(text):
    low = text.lower()
    if low in ("true", "1", "yes"):
        return True
    if low in ("false", "0", "no"):
        return False
    raise ValueError(text)


def parse_args(argv):
    cfg = {k: v[1] for k, v in KEYS.items()}
    for arg in argv:
        # Hydra's "+key=value" (append) and "++key=value" (force) mean the same here: every key exists.
        arg = arg.lstrip("+")
        if "=" not in arg:
            raise ArgumentError(f"argument '{arg}' is not key=value; allowed keys: {', '.join(KEYS)}")
        key, _, text = arg.partition("=")
        if key not in KEYS:
            raise ArgumentError(f"unknown key '{key}'; allowed keys: {', '.join(KEYS)}")
        kind = KEYS[key][0]
        try:
            if kind is bool:
                value = parse_bool(text)
            elif kind is int:
                f = float(text)
                if not f.is_integer():
                    raise ValueError(text)
                value = int(f)
            elif kind is float:
                value = float(text)
                if not math.isfinite(value):
                    raise ValueError(text)
            else:
                value = text
        except ValueError:
            raise ArgumentError(f"{key}={text}: expected {kind.__name__}") from None
        cfg[key] = value
    validate(cfg)
    return cfg


def validate(cfg):
    if cfg["model"] not in ("patchtst", "transformer-encoder"):
        raise ArgumentError(f"model={cfg['model']}: allowed patchtst, transformer-encoder")
    positive = ["d_model", "n_layers", "n_heads", "d_ff", "n_vars", "seq_len", "patch_len", "stride", "horizon",
                "epochs", "batch_size", "data_len", "window_stride", "threads"]
    for key in positive:
        if cfg[key] <= 0:
            raise ArgumentError(f"{key}={cfg[key]}: must be a positive integer")
    if cfg["d_model"] % cfg["n_heads"] != 0:
        divisors = [h for h in range(1, min(cfg["d_model"], 64) + 1) if cfg["d_model"] % h == 0]
        raise ArgumentError(f"n_heads={cfg['n_heads']} does not divide d_model={cfg['d_model']}; "
                            f"allowed n_heads: {', '.join(map(str, divisors))}")
    if cfg["patch_len"] > cfg["seq_len"]:
        raise ArgumentError(f"patch_len={cfg['patch_len']} is longer than seq_len={cfg['seq_len']}")
    if not (0.0 <= cfg["dropout"] < 1.0):
        raise ArgumentError(f"dropout={cfg['dropout']}: must be in [0, 1)")
    if cfg["expect_param_count"] < 0:
        raise ArgumentError(f"expect_param_count={cfg['expect_param_count']}: must be >= 0 (0: no check)")
    if cfg["learning_rate"] <= 0 or cfg["weight_decay"] < 0 or cfg["warmup_steps"] < 0:
        raise ArgumentError("learning_rate must be > 0, weight_decay and warmup_steps >= 0")
    if cfg["data_len"] < 4 * (cfg["seq_len"] + cfg["horizon"]):
        raise ArgumentError(f"data_len={cfg['data_len']}: needs at least 4 x (seq_len + horizon) = "
                            f"{4 * (cfg['seq_len'] + cfg['horizon'])} steps")


def fail(message, code=2):
    print(f"{PROG}: error: {message}", file=sys.stderr)
    sys.exit(code)


# OpenBLAS (Debian's libblas.so.3 alternative) reads its thread count at load time: match `threads` before torch loads.
for _arg in sys.argv[1:]:
    if _arg.lstrip("+").startswith("threads="):
        os.environ.setdefault("OPENBLAS_NUM_THREADS", _arg.partition("=")[2])
os.environ.setdefault("OPENBLAS_NUM_THREADS", str(KEYS["threads"][1]))
os.environ.setdefault("OMP_NUM_THREADS", os.environ["OPENBLAS_NUM_THREADS"])
# Spinning OpenMP workers starve each other on a shared machine (30 s instead of 2 s an epoch on 2 busy cores).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

try:
    import torch
    from torch import nn
except ImportError:
    fail("PyTorch is not installed for this interpreter (" + sys.executable + "); "
         "install Debian's python3-torch (scripts/test-prereqs.sh does) and run it with /usr/bin/python3", 3)


class PatchTST(nn.Module):
    """Channel-independent PatchTST: per-window instance normalization (no parameters), patches of patch_len
    every stride steps embedded by Linear(patch_len, d_model) plus a learned position embedding, a pre-norm
    transformer encoder with a final LayerNorm, and a flatten head Linear(n_patches * d_model, horizon)."""

    def __init__(self, cfg):
        super().__init__()
        e = cfg["d_model"]
        self.patch_len = cfg["patch_len"]
        self.stride = cfg["stride"]
        self.n_patches = (cfg["seq_len"] - cfg["patch_len"]) // cfg["stride"] + 1
        self.horizon = cfg["horizon"]
        self.embed = nn.Linear(cfg["patch_len"], e)
        self.position = nn.Parameter(torch.zeros(self.n_patches, e))
        nn.init.normal_(self.position, std=0.02)
        self.dropout = nn.Dropout(cfg["dropout"])
        layer = nn.TransformerEncoderLayer(e, cfg["n_heads"], cfg["d_ff"], dropout=cfg["dropout"],
                                           batch_first=True, norm_first=True)
        self.encoder = nn.TransformerEncoder(layer, cfg["n_layers"], norm=nn.LayerNorm(e),
                                             enable_nested_tensor=False)
        self.head = nn.Linear(self.n_patches * e, cfg["horizon"])

    def forward(self, x):  # x: [batch, seq_len, n_vars] -> [batch, horizon, n_vars]
        mean = x.mean(dim=1, keepdim=True)
        std = torch.sqrt(x.var(dim=1, keepdim=True, unbiased=False) + 1e-5)
        z = ((x - mean) / std).permute(0, 2, 1)  # [B, C, T]
        b, c, _ = z.shape
        patches = z.unfold(-1, self.patch_len, self.stride)  # [B, C, N, P]
        tokens = self.dropout(self.embed(patches) + self.position)  # [B, C, N, E]
        encoded = self.encoder(tokens.reshape(b * c, self.n_patches, -1))
        out = self.head(encoded.reshape(b * c, -1)).reshape(b, c, self.horizon).permute(0, 2, 1)
        return out * std + mean


def build(cfg):
    if cfg["model"] == "transformer-encoder":
        # Exactly nn.TransformerEncoder(nn.TransformerEncoderLayer(d_model, n_heads, d_ff), n_layers), PyTorch defaults.
        return nn.TransformerEncoder(nn.TransformerEncoderLayer(cfg["d_model"], cfg["n_heads"], cfg["d_ff"]), cfg["n_layers"])
    return PatchTST(cfg)


def param_count(model):
    return sum(p.numel() for p in model.parameters())


def count_json(cfg):
    keys = ["model", "d_model", "n_layers", "n_heads", "d_ff"]
    if cfg["model"] == "patchtst":
        keys += ["n_vars", "seq_len", "patch_len", "stride", "horizon"]
    out = {"param_count": param_count(build(cfg))}
    out.update({k: cfg[k] for k in keys})
    return json.dumps(out)


def generate_series(cfg):
    """Sum of seasonal components (periods 24 and 168 scaled per variable), a slow trend, cross-variable coupling
    (each variable mixes in its lagged neighbour) and AR(1) noise; fully determined by data_seed."""
    g = torch.Generator().manual_seed(cfg["data_seed"])
    n, c = cfg["data_len"], cfg["n_vars"]
    t = torch.arange(n, dtype=torch.float64).unsqueeze(1)
    period = 12.0 + 36.0 * torch.rand(1, c, generator=g, dtype=torch.float64)
    phase = 2 * math.pi * torch.rand(1, c, generator=g, dtype=torch.float64)
    amp = 0.5 + torch.rand(1, c, generator=g, dtype=torch.float64)
    base = amp * torch.sin(2 * math.pi * t / period + phase) + 0.3 * torch.sin(2 * math.pi * t / (5.0 * period))
    base = base + 0.0005 * t * torch.linspace(-1.0, 1.0, c, dtype=torch.float64)
    eps = torch.randn(n, c, generator=g, dtype=torch.float64) * 0.2
    noise = torch.zeros(n, c, dtype=torch.float64)
    for i in range(1, n):
        noise[i] = 0.7 * noise[i - 1] + eps[i]
    series = base + noise
    lagged = torch.roll(series, shifts=(3, 1), dims=(0, 1))
    lagged[:3] = 0.0
    series = series + 0.4 * lagged
    return series.float()


def windows(series, seq_len, horizon, start, stop, step):
    xs, ys = [], []
    for i in range(start, stop - seq_len - horizon + 1, step):
        xs.append(series[i:i + seq_len])
        ys.append(series[i + seq_len:i + seq_len + horizon])
    return torch.stack(xs), torch.stack(ys)


def metrics_path():
    return os.environ.get("WNN_METRICS_FILE") or os.path.join(os.getcwd(), "metrics.jsonl")


def emit(handle, record):
    handle.write(json.dumps(record) + "\n")
    handle.flush()


def train(cfg):
    torch.set_num_threads(cfg["threads"])
    torch.manual_seed(cfg["seed"])
    series = generate_series(cfg)
    split = int(cfg["data_len"] * 0.8)
    mean, std = series[:split].mean(0), series[:split].std(0)
    series = (series - mean) / std
    x_train, y_train = windows(series, cfg["seq_len"], cfg["horizon"], 0, split, cfg["window_stride"])
    # Validation windows start where training targets end: no overlap of targets, the input may look back.
    x_val, y_val = windows(series, cfg["seq_len"], cfg["horizon"], split - cfg["seq_len"], cfg["data_len"], 2)
    model = build(cfg)
    count = param_count(model)
    if cfg["expect_param_count"] and count != cfg["expect_param_count"]:
        # The sweep's budget filter counted another model: training it would break the budget silently.
        fail(f"the model has {count} parameters, expect_param_count={cfg['expect_param_count']} "
             f"(d_model={cfg['d_model']} n_layers={cfg['n_layers']} n_heads={cfg['n_heads']} d_ff={cfg['d_ff']}); "
             "the architecture list was counted for another model or shape")
    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg["learning_rate"], weight_decay=cfg["weight_decay"])
    steps_per_epoch = math.ceil(len(x_train) / cfg["batch_size"])
    total = steps_per_epoch * cfg["epochs"]
    warm = cfg["warmup_steps"]

    def factor(step):
        if warm > 0 and step < warm:
            return (step + 1) / warm
        progress = (step - warm) / max(1, total - warm)
        return 0.5 * (1.0 + math.cos(math.pi * min(1.0, progress)))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, factor)
    loss_fn = nn.MSELoss()
    order_gen = torch.Generator().manual_seed(cfg["seed"])
    arch = {k: cfg[k] for k in ("d_model", "n_layers", "n_heads", "d_ff")}
    started = time.monotonic()
    best, best_epoch = math.inf, -1
    with open(metrics_path(), "a", encoding="utf-8") as out:
        emit(out, {"event": "start", "model": "patchtst", "param_count": count, **arch,
                   "train_windows": len(x_train), "val_windows": len(x_val), "steps_per_epoch": steps_per_epoch})
        print(f"{PROG}: {count} parameters (arch_idx {cfg['arch_idx']}), d_model={cfg['d_model']} n_layers={cfg['n_layers']} "
              f"n_heads={cfg['n_heads']} d_ff={cfg['d_ff']}, {len(x_train)} train / {len(x_val)} val windows", flush=True)
        for epoch in range(cfg["epochs"]):
            model.train()
            perm = torch.randperm(len(x_train), generator=order_gen)
            total_loss = 0.0
            for s in range(steps_per_epoch):
                idx = perm[s * cfg["batch_size"]:(s + 1) * cfg["batch_size"]]
                optimizer.zero_grad(set_to_none=True)
                loss = loss_fn(model(x_train[idx]), y_train[idx])
                loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                optimizer.step()
                scheduler.step()
                total_loss += loss.item() * len(idx)
            model.eval()
            with torch.no_grad():
                val = sum(loss_fn(model(x_val[i:i + 256]), y_val[i:i + 256]).item() * len(x_val[i:i + 256])
                          for i in range(0, len(x_val), 256)) / len(x_val)
            train_loss = total_loss / len(x_train)
            elapsed = time.monotonic() - started
            if not math.isfinite(val):
                emit(out, {"step": epoch, "epoch": epoch, "train_loss": train_loss, "val_loss": None, "seconds": elapsed})
                fail(f"epoch {epoch}: validation loss is not finite (diverged; try a lower learning_rate)", 1)
            if val < best:
                best, best_epoch = val, epoch
            emit(out, {"step": epoch, "epoch": epoch, "train_loss": train_loss, "val_loss": val, "seconds": elapsed})
            print(f"{PROG}: epoch {epoch + 1}/{cfg['epochs']} train_loss {train_loss:.5f} val_loss {val:.5f} "
                  f"({elapsed:.1f} s)", flush=True)
        emit(out, {"final": True, "best_val_loss": best, "best_epoch": best_epoch, "param_count": count, **arch,
                   "seconds": time.monotonic() - started})


def main(argv):
    if argv[:1] in (["-h"], ["--help"]):
        print(__doc__.strip())
        print("keys: " + ", ".join(f"{k} ({v[0].__name__}, default {v[1]}): {v[2]}" for k, v in KEYS.items()))
        return 0
    try:
        if argv[:1] == ["--count-params-batch"]:
            for line in sys.stdin:
                if line.strip():
                    spec = json.loads(line)
                    print(count_json(parse_args([f"{k}={v}" for k, v in spec.items()])), flush=True)
            return 0
        count_mode = argv[:1] == ["--count-params"]
        cfg = parse_args(argv[1:] if count_mode else argv)
    except ArgumentError as ex:
        fail(str(ex))
    except json.JSONDecodeError as ex:
        fail(f"--count-params-batch: a line is not JSON: {ex}")
    if count_mode or cfg["count_only"]:
        print(count_json(cfg))
        return 0
    if cfg["model"] != "patchtst":
        fail("model=transformer-encoder is for counting only (--count-params); training needs model=patchtst")
    train(cfg)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
