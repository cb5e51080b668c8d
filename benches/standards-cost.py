#!/usr/bin/env python3
"""CPU time and bytes of rendering every sample in every layout under each standards setting.
usage (from the repository root): python3 benches/standards-cost.py VITAE_BINARY ROUNDS
Runs are alternated round after round so that a busy moment of a shared machine hits every
setting alike; CPU time (user + system) comes from os.wait4."""
import glob, os, sys, tempfile, statistics
vitae, rounds = sys.argv[1], int(sys.argv[2])
samples = sorted(glob.glob("samples/*.yaml"))
layouts = ["classic", "modern", "sidebar", "compact"]
configs = {
    "none (no claim, no source)": ["--standard", "none", "--no-embed-source"],
    "ua-1, no source": ["--standard", "ua-1", "--no-embed-source"],
    "default (ua-1 + source)": [],
    "a-2b,ua-1": ["--standard", "a-2b,ua-1"],
    "a-3b,ua-1 (+ source)": ["--standard", "a-3b,ua-1"],
}
env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
times = {c: [] for c in configs}
sizes = {}
for r in range(rounds):
    for name, flags in configs.items():
        total = 0.0
        with tempfile.TemporaryDirectory() as out:
            for layout in layouts:
                cmd = [vitae, "render", *samples, "--out-dir", f"{out}/{layout}", "--layout", layout, "-j", "1", "-q", *flags]
                pid = os.spawnve(os.P_NOWAIT, vitae, cmd, env)
                _, status, usage = os.wait4(pid, 0)
                assert status == 0, (cmd, status)
                total += usage.ru_utime + usage.ru_stime
            sizes[name] = sum(os.path.getsize(p) for p in glob.glob(f"{out}/**/*.pdf", recursive=True))
        times[name].append(total)
n = len(samples) * len(layouts)
base_t = statistics.median(times["none (no claim, no source)"])
base_b = sizes["none (no claim, no source)"]
print(f"{n} documents per run, {rounds} rounds, median CPU time per run\n")
print("| setting | CPU s per run | vs none | bytes (all 20 PDFs) | vs none |")
print("| --- | --- | --- | --- | --- |")
for name in configs:
    t = statistics.median(times[name])
    b = sizes[name]
    print(f"| {name} | {t:.3f} | {100*(t/base_t-1):+.1f}% | {b} | {100*(b/base_b-1):+.1f}% |")
