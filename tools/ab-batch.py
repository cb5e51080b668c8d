#!/usr/bin/env python3
"""CPU time per document of two or more vitae binaries on the same batch, run alternately.

On a shared machine a busy moment slows whichever command runs then; running the binaries in
turn, round after round, spreads such moments over all of them, so their medians compare.

    python3 tools/ab-batch.py OLD/vitae,NEW/vitae IN_DIR [--jobs N] [--rounds R]
    python3 tools/ab-batch.py OLD/vitae,NEW/vitae IN_DIR --make 300 samples/indradhanush-gupta.yaml

`--make N SAMPLE` first fills IN_DIR with N distinct variants of SAMPLE, made as the benchmark
makes its corpus (benches/vitae/corpus.rs): the plain lowercase words of each line of a block
scalar shuffled, and the name numbered, so that no cache makes two documents identical.

Each round renders IN_DIR with `vitae render IN_DIR --out-dir OUT --jobs N -q` once per binary
(OUT is a fresh temporary folder each time) and reads the child's CPU time (user + system) from
`os.wait4`. Prints, per binary, the median CPU milliseconds per document written, every round's
figure, and the mean PDF size. Used for the before/after tables of docs/performance.md.
"""
import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile


def variant(text, n):
    """Returns variant n of a profile's text (see the module documentation)."""
    rng = random.Random(n)
    lines, block = [], None
    for line in text.split("\n"):
        indent = len(line) - len(line.lstrip())
        inside = block is not None and indent > block and line.strip() != ""
        if not inside:
            block = None
        if inside:
            words = line.split()
            plain = [i for i, w in enumerate(words) if w.isascii() and w.isalpha() and w.islower()]
            picked = [words[i] for i in plain]
            rng.shuffle(picked)
            for i, w in zip(plain, picked):
                words[i] = w
            lines.append(line[:indent] + " ".join(words))
        elif line.startswith("name: "):
            lines.append(f"{line} {n}")
        else:
            lines.append(line)
        if not inside and any(line.rstrip().endswith(" " + m) for m in ("|", "|-", ">", ">-")):
            block = indent
    return "\n".join(lines)


def make(folder, count, sample):
    """Writes `count` variants of `sample` into `folder`."""
    os.makedirs(folder, exist_ok=True)
    text = open(sample, encoding="utf-8").read()
    for n in range(1, count + 1):
        with open(os.path.join(folder, f"cv{n:05}.yaml"), "w", encoding="utf-8") as f:
            f.write(variant(text, n))


def run(binary, inputs, jobs):
    """Renders the batch once; returns (CPU ms per document, mean bytes per document)."""
    out = tempfile.mkdtemp(prefix="vitae-ab-")
    try:
        pid = os.fork()
        if pid == 0:
            os.execv(binary, [binary, "render", inputs, "--out-dir", out, "--jobs", str(jobs), "-q"])
        _, status, usage = os.wait4(pid, 0)
        if status != 0:
            sys.exit(f"{binary} failed on {inputs} (status {status})")
        sizes = [os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(out) for f in fs]
        if not sizes:
            sys.exit(f"{binary} wrote nothing for {inputs}")
        cpu_ms = (usage.ru_utime + usage.ru_stime) * 1000
        return cpu_ms / len(sizes), sum(sizes) / len(sizes)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binaries", help="comma-separated paths of vitae binaries")
    parser.add_argument("inputs", help="a folder of profiles")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--make", nargs=2, metavar=("N", "SAMPLE"), help="first write N variants of SAMPLE")
    args = parser.parse_args()
    if args.make:
        make(args.inputs, int(args.make[0]), args.make[1])
    binaries = args.binaries.split(",")
    times = {b: [] for b in binaries}
    sizes = {}
    for _ in range(args.rounds):
        for b in binaries:
            ms, size = run(b, args.inputs, args.jobs)
            times[b].append(ms)
            sizes[b] = size
    for b in binaries:
        rounds = " ".join(f"{t:.2f}" for t in times[b])
        print(f"{b}: median {statistics.median(times[b]):.2f} ms CPU per document "
              f"({rounds}); {sizes[b] / 1024:.1f} KiB per PDF")


if __name__ == "__main__":
    main()
