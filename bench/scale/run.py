#!/usr/bin/env python3
"""How `bakeoff build` and `bakeoff score` scale with candidates per stage and with recorded runs.

Usage: bench/scale/run.py [--bakeoff PATH] [--project DIR] [--candidates 1,4] [--runs 1,100] [--repeat N]
                          [--warmup N] [--extra-args "..."] [--keep DIR]

For each (candidates × k, runs × n) it copies the project (bakeoff.yaml, criteria/, stages/, integrations/,
evidence/) into a temporary folder and grows it:
- candidates × k: each candidate of each stage gets k - 1 copies (`ID-c2`, `Name (c2)`, same facts, adapter and
  assessor) and, in every run file, copies of its environments and observations with the wall and CPU times
  scaled by 1 + 0.05 × (copy - 1), so the copies rank apart; hand-offs between stages are not copied;
- runs × n: every run file gets n - 1 copies, each moved 7 × c days earlier with a new id, so the copies are
  older history and the evidence each stage reads is the same as with × 1.
It builds once untimed (the first build imports the run files into a new ledger; its time is printed), then
times `build --out DIR` and `score` with hyperfine when installed (else a loop of wall and child CPU times), and
prints one row per project: the candidates per stage, run files, the medians, the CPU times and the largest page
the build wrote. Every setting that moves a figure is printed with it: the binary, repeats, the machine's cores
and load average before and after.
"""
import argparse, datetime, glob, hashlib, json, os, re, resource, shutil, statistics, subprocess, sys, tempfile, time

ROOT_ITEMS = ["bakeoff.yaml", "criteria", "stages", "integrations", "templates"]


def copy_project(src, dst):
    for item in ROOT_ITEMS:
        s = os.path.join(src, item)
        if os.path.isdir(s):
            shutil.copytree(s, os.path.join(dst, item))
        elif os.path.exists(s):
            shutil.copy(s, os.path.join(dst, item))
    for folder in ["evidence/runs", "evidence/stack"]:
        s = os.path.join(src, folder)
        if os.path.isdir(s):
            shutil.copytree(s, os.path.join(dst, folder))


def multiply_candidates(root, k):
    """Gives every candidate k - 1 copies: stage.yaml, adapter, bakeoff.yaml assessors, run files. Returns the
    (smallest, largest) number of candidates per assessed stage."""
    copies = {}  # stage -> {tool: [copy ids]}
    for path in sorted(glob.glob(os.path.join(root, "stages", "*", "stage.yaml"))):
        stage = os.path.basename(os.path.dirname(path))
        text = open(path).read()
        head, sep, body = text.partition("\ncandidates:\n")
        if not sep:
            continue
        blocks = re.split(r"(?m)^(?=  - id: )", body)
        preamble, blocks = blocks[0], blocks[1:]
        out = []
        for block in blocks:
            out.append(block if block.endswith("\n") else block + "\n")
            tool = re.match(r"  - id: (\S+)", block).group(1)
            for c in range(2, k + 1):
                new = f"{tool}-c{c}"
                copy = block.replace(f"  - id: {tool}", f"  - id: {new}", 1)
                copy = re.sub(r"(?m)^(    name: )(.*)$", lambda m: f"{m.group(1)}{m.group(2).strip(chr(34))} (c{c})", copy, count=1)
                out.append(copy if copy.endswith("\n") else copy + "\n")
                copies.setdefault(stage, {}).setdefault(tool, []).append(new)
                adapter = os.path.join(root, "stages", stage, "adapters", tool)
                if os.path.isdir(adapter):
                    shutil.copytree(adapter, os.path.join(root, "stages", stage, "adapters", new), symlinks=True)
        with open(path, "w") as f:
            f.write(head + sep + preamble + "".join(out))
    # bakeoff.yaml: `    tool: [member]` under a stage of `stages:` gets its copies, same assessors.
    path = os.path.join(root, "bakeoff.yaml")
    out, stage, in_stages, counts = [], None, False, {}
    for line in open(path).read().split("\n"):
        out.append(line)
        if re.match(r"^stages:\s*(#.*)?$", line):
            in_stages = True
            continue
        if in_stages and re.match(r"^\S", line):
            in_stages = False
        if not in_stages:
            continue
        m = re.match(r"^  ([\w.-]+):\s*(#.*)?$", line)
        if m:
            stage = m.group(1)
            continue
        m = re.match(r"^    ([\w.-]+):(.*)$", line)
        if m and stage:
            news = copies.get(stage, {}).get(m.group(1), [])
            out += [f"    {new}:{m.group(2)}" for new in news]
            counts[stage] = counts.get(stage, 0) + 1 + len(news)
    with open(path, "w") as f:
        f.write("\n".join(out))
    for path in glob.glob(os.path.join(root, "evidence", "runs", "*.json")):
        run = json.load(open(path))
        for key in ["environments", "observations"]:
            extra = []
            for item in run[key]:
                for c, new in enumerate(copies.get(item["stage"], {}).get(item["tool"], []), start=2):
                    copy = dict(item, tool=new)
                    for seconds in ["wallSeconds", "cpuSeconds"]:
                        if copy.get(seconds) is not None:
                            copy[seconds] = copy[seconds] * (1 + 0.05 * (c - 1))
                    extra.append(copy)
            run[key] += extra
        with open(path, "w") as f:
            json.dump(run, f, indent=2, sort_keys=True)
            f.write("\n")
    return (min(counts.values()), max(counts.values())) if counts else (0, 0)


def shift(time_text, days):
    """An ISO 8601 UTC time moved `days` earlier, in the same form (fractions kept)."""
    if time_text is None:
        return None
    base, _, fraction = time_text[:-1].partition(".")
    moved = datetime.datetime.strptime(base, "%Y-%m-%dT%H:%M:%S") - datetime.timedelta(days=days)
    return moved.strftime("%Y-%m-%dT%H:%M:%S") + ("." + fraction if fraction else "") + "Z"


def multiply_runs(root, n):
    folder = os.path.join(root, "evidence", "runs")
    for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
        original = open(path).read()
        source_id = json.loads(original)["id"]
        for c in range(1, n):
            run = json.loads(original)
            days = 7 * c
            run["startedAt"], run["endedAt"] = shift(run["startedAt"], days), shift(run.get("endedAt"), days)
            for o in run["observations"]:
                o["startedAt"] = shift(o["startedAt"], days)
            stamp = run["startedAt"][:19].replace("-", "").replace(":", "") + "Z"
            run["id"] = stamp + "-" + hashlib.sha256(f"{source_id}/{c}".encode()).hexdigest()[:4]
            with open(os.path.join(folder, run["id"] + ".json"), "w") as f:
                json.dump(run, f, indent=2, sort_keys=True)
                f.write("\n")
    return len(glob.glob(os.path.join(folder, "*.json")))


def child_times(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(commands, repeat, warmup, scratch):
    """name -> (median wall, mean CPU) in seconds, with hyperfine when installed."""
    if shutil.which("hyperfine"):
        export = os.path.join(scratch, "hyperfine.json")
        args = ["hyperfine", "--style", "none", "--warmup", str(warmup), "--runs", str(repeat), "--export-json", export]
        for name, cmd in commands:
            args += ["--command-name", name, " ".join(map(quote, cmd))]
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
        results = json.load(open(export))["results"]
        return {r["command"]: (statistics.median(r["times"]), r["user"] + r["system"]) for r in results}
    out = {}
    for name, cmd in commands:
        for _ in range(warmup):
            child_times(cmd)
        samples = [child_times(cmd) for _ in range(repeat)]
        out[name] = (statistics.median(s[0] for s in samples), statistics.mean(s[1] for s in samples))
    return out


def quote(arg):
    return arg if re.fullmatch(r"[\w./=:,+-]+", arg) else "'" + arg.replace("'", "'\\''") + "'"


def largest_page(folder):
    pages = [(os.path.getsize(p), os.path.relpath(p, folder)) for p in glob.glob(os.path.join(folder, "**", "*.html"), recursive=True)]
    return max(pages) if pages else (0, "none")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bakeoff", default=".build/release/bakeoff")
    ap.add_argument("--project", default=".")
    ap.add_argument("--candidates", default="1,4", help="multipliers of the candidates per stage, comma-separated")
    ap.add_argument("--runs", default="1,100", help="multipliers of the recorded runs, comma-separated")
    ap.add_argument("--repeat", type=int, default=5, help="timed runs per command")
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--extra-args", default="", help="added to both commands, e.g. \"--samples 10000\"")
    ap.add_argument("--keep", help="build the projects here and keep them (default: a temporary folder, removed)")
    a = ap.parse_args()
    bakeoff = os.path.abspath(a.bakeoff)
    if not os.access(bakeoff, os.X_OK):
        sys.exit(f"{a.bakeoff} is not an executable; build it with: swift build -c release --product bakeoff")
    project = os.path.abspath(a.project)
    root = os.path.abspath(a.keep) if a.keep else tempfile.mkdtemp(prefix="bakeoff-scale-")
    os.makedirs(root, exist_ok=True)
    extra = a.extra_args.split()
    rows = []
    load0 = os.getloadavg()
    try:
        for k in [int(x) for x in a.candidates.split(",")]:
            for n in [int(x) for x in a.runs.split(",")]:
                folder = os.path.join(root, f"candidates{k}-runs{n}")
                shutil.rmtree(folder, ignore_errors=True)
                os.makedirs(folder)
                copy_project(project, folder)
                per_stage = multiply_candidates(folder, k)
                files = multiply_runs(folder, n)
                out = os.path.join(folder, "reports")
                build = [bakeoff, "build", "--project", folder, "--out", out] + extra
                score = [bakeoff, "score", "--project", folder] + extra
                first, _ = child_times(build)  # imports every run file into a new ledger
                times = measure([("build", build), ("score", score)], a.repeat, a.warmup, folder)
                size, page = largest_page(out)
                rows.append((k, per_stage, n, files, first, times["build"], times["score"], size, page))
                print(f"done: candidates ×{k} ({per_stage[0]}–{per_stage[1]} a stage), runs ×{n} ({files} files)", file=sys.stderr)
    finally:
        if not a.keep:
            shutil.rmtree(root, ignore_errors=True)
    load1 = os.getloadavg()
    print(f"bakeoff {bakeoff}; {'hyperfine' if shutil.which('hyperfine') else 'a timing loop'}, {a.repeat} runs after {a.warmup} warm-up(s); "
          f"extra args: {a.extra_args or 'none'}")
    print(f"{os.cpu_count()} cores; load average (1, 5, 15 min) {load0[0]:.2f} {load0[1]:.2f} {load0[2]:.2f} before, "
          f"{load1[0]:.2f} {load1[1]:.2f} {load1[2]:.2f} after")
    print()
    print("| candidates | per stage | runs | run files | first build (import) | build median | build CPU | score median | score CPU | largest page |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for k, per_stage, n, files, first, (bw, bc), (sw, sc), size, page in rows:
        print(f"| ×{k} | {per_stage[0]}–{per_stage[1]} | ×{n} | {files:,} | {first:.2f} s | {bw * 1000:.0f} ms | {bc * 1000:.0f} ms "
              f"| {sw * 1000:.0f} ms | {sc * 1000:.0f} ms | {size / 1e6:.2f} MB ({page}) |")
    base = next((r for r in rows if r[0] == 1 and r[2] == 1), None)
    if base:
        print()
        for k, _, n, _, _, (bw, bc), (sw, sc), _, _ in rows:
            if (k, n) != (1, 1):
                print(f"candidates ×{k}, runs ×{n} against ×1/×1: build {bw / base[5][0]:.2f}× wall, {bc / base[5][1]:.2f}× CPU; "
                      f"score {sw / base[6][0]:.2f}× wall, {sc / base[6][1]:.2f}× CPU")


if __name__ == "__main__":
    main()
