#!/usr/bin/env python3
"""Paired benchmark: `bakeoff build` against the anchor DESIGN.md names (Hugo building a 7-page site with
tables, plus pandoc rendering a 12-slide reveal.js deck), run alternately in one loop on the same machine.

Usage: bench/build/compare.py [--bakeoff PATH] [--project DIR] [--runs N] [--warmup N] [--extra-args "..."]
Prints, per side, the median wall and CPU (user + sys of the child) time, and the ratios of the medians and
the median of the per-pair ratios. Hugo and pandoc come from Debian (apt-get install hugo pandoc).
Every setting that moves a figure is printed with it: runs, warm-ups, the machine's load before and after.
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bakeoff", default=".build/release/bakeoff")
    ap.add_argument("--project", default=".")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--extra-args", default="")
    a = ap.parse_args()
    for tool in ["hugo", "pandoc"]:
        if not shutil.which(tool):
            sys.exit(f"{tool} is not installed: apt-get install hugo pandoc")
    root = tempfile.mkdtemp(prefix="bakeoff-bench-")
    try:
        site, deck = make_anchor(root)
        out = os.path.join(root, "reports")
        bakeoff = [a.bakeoff, "build", "--project", a.project, "--out", out] + a.extra_args.split()

        def anchor():
            w1, c1 = timed(["hugo", "--quiet", "-s", site, "-d", os.path.join(root, "public")])
            w2, c2 = timed(["pandoc", "-s", "-t", "revealjs", deck, "-o", os.path.join(root, "deck.html")])
            return w1 + w2, c1 + c2

        load0 = os.getloadavg()[0]
        for _ in range(a.warmup):
            timed(bakeoff)
            anchor()
        b, h = [], []
        for _ in range(a.runs):  # alternate, so both sides see the same machine
            b.append(timed(bakeoff))
            h.append(anchor())
        load1 = os.getloadavg()[0]
    finally:
        shutil.rmtree(root, ignore_errors=True)

    def med(xs, i):
        return statistics.median(x[i] for x in xs)

    print(f"runs {a.runs} (alternating, after {a.warmup} warm-ups); load average {load0:.2f} before, {load1:.2f} after")
    print(f"bakeoff build:       wall {med(b, 0) * 1000:7.1f} ms   cpu {med(b, 1) * 1000:7.1f} ms")
    print(f"hugo + pandoc:       wall {med(h, 0) * 1000:7.1f} ms   cpu {med(h, 1) * 1000:7.1f} ms")
    print(f"ratio of medians:    wall {med(b, 0) / med(h, 0):.2f}        cpu {med(b, 1) / med(h, 1):.2f}")
    pair = statistics.median(x[0] / y[0] for x, y in zip(b, h))
    print(f"median pair ratio:   wall {pair:.2f}")


if __name__ == "__main__":
    main()
