#!/usr/bin/env python3
"""Stands in for `python -m thesis_ml.phase1` in the seed-004 multirun examples.

Reads its Hydra-style overrides (`phase1/latent_space=vq phase1.trainer.globals_beta=10 …`) and the
composed config the sweep wrote to $WNN_CONFIG (cfg.yaml), "trains" for phase1.trainer.epochs epochs, and
leaves what the real trainer leaves in its run directory: model.pt, figures/, facts/ and metrics.jsonl
(rec_tokens, rec_globals, total_loss per epoch). Standard library only.
"""
import json
import os
import sys
import time

overrides = dict(a.split("=", 1) for a in sys.argv[1:])
latent = overrides.get("phase1/latent_space", "none")
beta = float(overrides.get("phase1.trainer.globals_beta", "1"))
epochs = int(overrides.get("phase1.trainer.epochs", "20"))
tokens_floor = {"none": 0.20, "linear": 0.25, "vq": 0.32}[latent]
print(f"phase1: latent_space={latent} globals_beta={beta} epochs={epochs} config={os.environ.get('WNN_CONFIG')}", flush=True)
os.makedirs("figures", exist_ok=True)
os.makedirs("facts", exist_ok=True)
metrics = os.environ.get("WNN_METRICS_FILE", "metrics.jsonl")
for step in range(epochs):
    decay = 0.85 ** step
    rec_tokens = tokens_floor + 0.8 * decay + 0.004 * beta
    rec_globals = 0.0 if beta == 0 else (0.1 + 0.6 * decay) / (1 + 0.1 * beta)
    with open(metrics, "a") as f:
        f.write(json.dumps({"step": step, "rec_tokens": rec_tokens, "rec_globals": rec_globals,
                            "total_loss": rec_tokens + beta * rec_globals}) + "\n")
    time.sleep(0.005)
with open("facts/best.json", "w") as f:
    json.dump({"rec_tokens": rec_tokens, "rec_globals": rec_globals}, f)
with open("figures/loss.svg", "w") as f:
    f.write("<svg xmlns='http://www.w3.org/2000/svg'/>\n")
with open("model.pt", "wb") as f:
    f.write(b"stub checkpoint\n")
