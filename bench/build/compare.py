#!/usr/bin/env python3
"""Paired benchmarks against the anchors issue #18 names, each run alternately in one loop on the same machine:
- `bakeoff build` against Hugo building a 7-page site with tables plus pandoc rendering a 12-slide reveal.js
  deck (DESIGN.md's anchor), target ratio <= 1.0;
- `bakeoff score` against `python3 -c "import numpy"`, target ratio <= 0.3.

Usage: bench/build/compare.py [--bakeoff PATH] [--project DIR] [--runs N] [--warmup N] [--extra-args "..."]
                              [--python PATH] [--only build|score]
Prints, per pair, the median wall and CPU (user + sys of the child) time of each side, the ratios of the
medians, the median of the per-pair ratios, and whether the target is met (on the ratio of the wall medians).
Hugo and pandoc come from Debian (apt-get install hugo pandoc); numpy from the python given.
Every setting that moves a figure is printed with it: runs, warm-ups, the extra arguments (e.g. --samples), the
BLAS thread variables numpy's import sees, the machine's cores and load before and after.
"""
import argparse, os, resource, shutil, statistics, subprocess, sys, tempfile, time

PAGE = """---
title: "{title}"
---
{para}

| tool | score | cost | lock-in | support | interop | perf |
|---|---|---|---|---|---|---|
{rows}
"""
LAYOUT = """<!doctype html><html><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><nav>{{ range .Site.RegularPages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav>
<main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>
"""


def make_anchor(root):
    site = os.path.join(root, "site")
    os.makedirs(os.path.join(site, "content"))
    os.makedirs(os.path.join(site, "layouts", "_default"))
    with open(os.path.join(site, "hugo.toml"), "w") as f:
        f.write('baseURL = "https://example.org/"\ntitle = "anchor"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n')
    for name in ["single.html", "list.html"]:
        with open(os.path.join(site, "layouts", "_default", name), "w") as f:
            f.write(LAYOUT)
    para = "Evidence for the stage, measured on this machine and scored under the team's weights. " * 6
    for p in range(7):
        rows = "\n".join(f"| tool{t} | {8.5 - t / 3:.2f} | 10.0 | 9.0 | 8.4 | 6.7 | 7.{t} |" for t in range(8))
        with open(os.path.join(site, "content", f"page{p}.md"), "w") as f:
            f.write(PAGE.format(title=f"Stage {p}", para=para, rows=rows))
    deck = os.path.join(root, "deck.md")
    with open(deck, "w") as f:
        f.write("---\ntitle: Anchor deck\n---\n\n")
        for s in range(12):
            f.write(f"# Slide {s}\n\n- a point about stage {s}\n- another point\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n")
    return site, deck


def timed(cmd, cwd=None):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def paired(name_a, run_a, name_b, run_b, runs, warmup, target):
    """Runs a and b alternately (so both see the same machine) and prints their medians and ratios."""
    for _ in range(warmup):
        run_a()
        run_b()
    a, b = [], []
    for _ in range(runs):
        a.append(run_a())
        b.append(run_b())

    def med(xs, i):
        return statistics.median(x[i] for x in xs)

    ratio = med(a, 0) / med(b, 0)
    width = max(len(name_a), len(name_b)) + 1
    print(f"{name_a + ':':<{width}} wall {med(a, 0) * 1000:7.1f} ms   cpu {med(a, 1) * 1000:7.1f} ms")
    print(f"{name_b + ':':<{width}} wall {med(b, 0) * 1000:7.1f} ms   cpu {med(b, 1) * 1000:7.1f} ms")
    print(f"{'ratio of medians:':<{width}} wall {ratio:.2f}        cpu {med(a, 1) / med(b, 1):.2f}")
    pair = statistics.median(x[0] / y[0] for x, y in zip(a, b))
    print(f"{'median pair ratio:':<{width}} wall {pair:.2f}")
    print(f"{'target:':<{width}} wall ratio <= {target}: {'met' if ratio <= target else 'NOT met'}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bakeoff", default=".build/release/bakeoff")
    ap.add_argument("--project", default=".")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--extra-args", default="")
    ap.add_argument("--python", default="python3")
    ap.add_argument("--only", choices=["build", "score"])
    a = ap.parse_args()
    if a.only != "score":
        for tool in ["hugo", "pandoc"]:
            if not shutil.which(tool):
                sys.exit(f"{tool} is not installed: apt-get install hugo pandoc")
    blas = {k: os.environ.get(k, "(unset)") for k in ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"]}
    print(f"bakeoff {a.bakeoff}, project {a.project}, extra arguments: {a.extra_args or '(none)'}")
    print(f"{os.cpu_count()} cores; numpy import sees " + ", ".join(f"{k}={v}" for k, v in blas.items()))
    if a.only != "build":
        # The interpreter itself: a launcher in front of it (a pyenv shim is a bash script) would add its own
        # start-up to the anchor and flatter the ratio.
        found = subprocess.run(
            [a.python, "-c", "import sys, numpy; print(sys.executable); print(numpy.__version__)"], capture_output=True, text=True)
        if found.returncode != 0:
            sys.exit(f"{a.python} cannot import numpy: pip install numpy, or pass --python")
        a.python, numpy_version = found.stdout.split()
        print(f"numpy {numpy_version} imported by {a.python}")
    root = tempfile.mkdtemp(prefix="bakeoff-bench-")
    try:
        site, deck = make_anchor(root)
        out = os.path.join(root, "reports")
        extra = a.extra_args.split()
        build = [a.bakeoff, "build", "--project", a.project, "--out", out] + extra
        score = [a.bakeoff, "score", "--project", a.project] + extra

        def anchor():
            w1, c1 = timed(["hugo", "--quiet", "-s", site, "-d", os.path.join(root, "public")])
            w2, c2 = timed(["pandoc", "-s", "-t", "revealjs", deck, "-o", os.path.join(root, "deck.html")])
            return w1 + w2, c1 + c2

        if a.only != "score":
            load0 = os.getloadavg()[0]
            print(f"\n== build: {a.runs} runs, alternating, after {a.warmup} warm-ups")
            paired("bakeoff build", lambda: timed(build), "hugo + pandoc", anchor, a.runs, a.warmup, 1.0)
            print(f"load average {load0:.2f} before, {os.getloadavg()[0]:.2f} after")
        if a.only != "build":
            load0 = os.getloadavg()[0]
            print(f"\n== score: {a.runs} runs, alternating, after {a.warmup} warm-ups")
            paired(
                "bakeoff score", lambda: timed(score), "python -c 'import numpy'",
                lambda: timed([a.python, "-c", "import numpy"]), a.runs, a.warmup, 0.3)
            print(f"load average {load0:.2f} before, {os.getloadavg()[0]:.2f} after")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
