"""CI/CD steps for one linter (stage ci-cd) or formatter (stage formatting): an adapter's steps.py calls
`tool_steps(TOOL)`, and the step named on its command line runs with that tool.

Both stages' adapters use this one file (on their PYTHONPATH). The corpus is the
source of a pinned package (BAKEOFF_PARAM_CORPUS, e.g. rich==14.1.0) installed in this environment from the
lock file; each step copies its .py files into the work folder and works on the copy. The tool is timed as
its own process (time.perf_counter around subprocess.run); the runner also measures the whole step.
Ends with the verdict line (bakeoff_step); "ok": false (with the reason on stderr) when a check fails.
"""
import ast
import functools
import hashlib
import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
import time

from bakeoff_step import dispatch, done, fail, param

WORK = os.environ.get("BAKEOFF_WORK", os.getcwd())
HOME = os.environ.get("HOME", WORK)
CORPUS = param("corpus", "rich==14.1.0")
# The measured tools run in the step's environment without its PYTHONPATH, which only reaches this module and
# bakeoff_step: nothing of the harness is on a tool's path.
TOOL_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}

# Rule concepts every linter knows, mapped to each tool's codes (agreement between tools).
CONCEPTS = {
    "unused_import": {"F401", "W0611"},
    "unused_variable": {"F841", "W0612"},
    "undefined_name": {"F821", "E0602"},
    "line_too_long": {"E501", "C0301"},
    "bare_except": {"E722", "W0702"},
}
# pylint's message types, by the first letter of the message id.
PYLINT_TYPES = {"C": "convention", "R": "refactor", "W": "warning", "E": "error", "F": "fatal", "I": "info"}


def exe(name):
    """The tool's console script in this environment (sys.executable's bin folder comes first)."""
    path = os.path.join(os.path.dirname(sys.executable), name)
    return path if os.path.exists(path) else name


CALLS = [0]


def fresh_env(base=None):
    """Environment for one measured call: black's and pylint's caches in a new, empty folder every time."""
    CALLS[0] += 1
    env = dict(base or TOOL_ENV)
    for var, name in (("BLACK_CACHE_DIR", "black"), ("PYLINTHOME", "pylint")):
        d = os.path.join(HOME, ".cache", f"{name}-{os.getpid()}-{CALLS[0]}")
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        env[var] = d
    return env


def run(cmd, cwd=None):
    env = fresh_env()
    t = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env)
    return p, time.perf_counter() - t


def copy_corpus(dest_name):
    """Copy the corpus package's .py files to WORK/dest_name/<package>; return (root, files, lines)."""
    name, _, version = CORPUS.partition("==")
    installed = importlib.metadata.version(name)
    if version and installed != version:
        fail(f"corpus {name} is {installed}, expected {version}")
    dist = importlib.metadata.distribution(name)
    src_files = [f for f in dist.files if str(f).endswith(".py") and str(f).split("/")[0] == name]
    if not src_files:
        fail(f"no .py files found in the {name} distribution")
    dest = os.path.join(WORK, dest_name)
    shutil.rmtree(dest, ignore_errors=True)
    files, lines = [], 0
    for f in sorted(src_files, key=str):
        src = dist.locate_file(f)
        out = os.path.join(dest, str(f))
        os.makedirs(os.path.dirname(out), exist_ok=True)
        shutil.copyfile(src, out)
        files.append(out)
        with open(out, "rb") as fh:
            lines += fh.read().count(b"\n")
    return os.path.join(dest, name), files, lines


def empty_config():
    """An empty configuration file, so no config found above the work folder changes a tool's defaults."""
    path = os.path.join(WORK, "empty-config.toml")
    if not os.path.exists(path):
        open(path, "w").close()
    return path


def empty_dir():
    path = os.path.join(WORK, "empty-config-dir")
    os.makedirs(path, exist_ok=True)
    return path


def rel(path, root):
    return os.path.relpath(os.path.abspath(path), os.path.dirname(root))


# ---------------------------------------------------------------- findings: list of (relpath, code)

def lint_cmd(tool, root, concise=False):
    if tool == "ruff":
        fmt = "concise" if concise else "json"
        return [exe("ruff"), "check", "--isolated", "--no-cache", "--output-format", fmt, root]
    if tool == "flake8":
        return [exe("flake8"), "--isolated", root]
    if tool == "pylint":
        return [exe("pylint"), "-j", "2", "--recursive=y", "--score=n", "--output-format=text", "--rcfile", empty_config(), root]
    raise SystemExit(f"{tool} has no lint")


LINE_RE = re.compile(r"^(?P<path>[^\s:][^:]*\.py):(?P<row>\d+):(?:(?P<col>\d+):?)?\s*(?P<code>[A-Z]+\d+)")


def parse_findings(tool, stdout, root):
    if tool == "ruff" and stdout.lstrip().startswith("["):
        return [(rel(d["filename"], root), d["code"] or "syntax") for d in json.loads(stdout)]
    found = []
    for line in stdout.splitlines():
        m = LINE_RE.match(line.strip())
        if m:
            found.append((rel(m.group("path"), root), m.group("code")))
    return found


def category(tool, code):
    """pylint: its message type; ruff and flake8: the rule prefix (F pyflakes, E/W pycodestyle, C mccabe, UP ...)."""
    if tool == "pylint":
        return PYLINT_TYPES.get(code[:1], "other")
    prefix = re.match(r"[A-Z]+", code)
    return prefix.group(0).lower() if prefix else "other"


def summarize(tool, findings):
    out = {c: sum(1 for _, code in findings if code in codes) for c, codes in CONCEPTS.items()}
    cats = {}
    for _, code in findings:
        k = "cat_" + category(tool, code)
        cats[k] = cats.get(k, 0) + 1
    out.update(sorted(cats.items()))
    return out


def lint(tool, root):
    p, secs = run(lint_cmd(tool, root))
    if p.returncode not in (0, 1) and not (tool == "pylint" and p.returncode < 32):
        fail(f"{tool} exited {p.returncode}: {p.stderr.strip()[-500:]}")
    return parse_findings(tool, p.stdout, root), secs, p


# ---------------------------------------------------------------- format check: set of relpaths

def format_check(tool, root):
    """Files the tool says break its style, without writing; returns (set of relpaths, seconds)."""
    if tool == "ruff":
        p, secs = run([exe("ruff"), "format", "--isolated", "--no-cache", "--check", "--output-format", "json", root])
        files = {rel(d["filename"], root) for d in json.loads(p.stdout or "[]")}
        ok_rc = (0, 1)
    elif tool == "black":
        p, secs = run([exe("black"), "--config", empty_config(), "--check", root])
        files = {rel(l[len("would reformat "):].strip(), root) for l in p.stderr.splitlines() if l.startswith("would reformat ")}
        ok_rc = (0, 1)
    elif tool == "flake8":
        # pycodestyle's layout classes (indentation, whitespace, blank lines, line length, W) plus isort.
        p, secs = run([exe("flake8"), "--isolated", "--select", "E1,E2,E3,E5,W1,W2,W3,W5,W6", root])
        files = {path for path, _ in parse_findings("flake8", p.stdout, root)}
        q, secs2 = run([exe("isort"), "--settings-path", empty_dir(), "--check-only", root])
        files |= {rel(l.split("ERROR: ", 1)[1].split(" Imports are")[0].strip(), root)
                  for l in q.stderr.splitlines() if "Imports are incorrectly sorted" in l}
        secs += secs2
        ok_rc = (0, 1)
        if q.returncode not in (0, 1):
            fail(f"isort exited {q.returncode}: {q.stderr.strip()[-500:]}")
    elif tool == "pylint":
        p, secs = run([exe("pylint"), "-j", "2", "--recursive=y", "--score=n", "--rcfile", empty_config(), "--disable=all", "--enable=format", root])
        files = {path for path, _ in parse_findings("pylint", p.stdout, root)}
        ok_rc = tuple(range(32))
    else:
        raise SystemExit(tool)
    if p.returncode not in ok_rc:
        fail(f"{tool} exited {p.returncode}: {(p.stderr or p.stdout).strip()[-500:]}")
    if p.returncode != 0 and not files:
        fail(f"{tool} exited {p.returncode} but no file was understood as flagged: {(p.stderr or p.stdout).strip()[-500:]}")
    return files, secs


# ---------------------------------------------------------------- steps

def step_lint(tool):
    root, files, lines = copy_corpus("corpus-lint")
    findings, secs, _ = lint(tool, root)
    per_file = {}
    for path, code in findings:
        per_file.setdefault(path, {}).setdefault(code, 0)
        per_file[path][code] += 1
    with open(os.path.join(WORK, "findings-per-file.json"), "w") as fh:
        json.dump({"tool": tool, "corpus": CORPUS, "files": per_file}, fh, indent=1, sort_keys=True)
    if not findings:
        fail("no findings at all on a 26k-line corpus: the linter's output was not understood")
    unknown = [p for p in per_file if not os.path.exists(os.path.join(os.path.dirname(root), p))]
    if unknown:
        fail(f"findings name files outside the corpus: {unknown[:3]}")
    digest = hashlib.sha256(json.dumps(per_file, sort_keys=True).encode()).hexdigest()[:16]
    done(True, findings=len(findings), files_with_findings=len(per_file), lines=lines, files=len(files),
         lint_s=round(secs, 3), s_per_kloc=round(secs / lines * 1000, 4), **summarize(tool, findings),
         per_file_digest=digest, version=version(tool))


def step_format(tool):
    """The formatter alone rewrites a copy (ruff format, black); then nothing is left to reformat and every
    file still parses."""
    root, files, lines = copy_corpus("corpus-format-write")
    before = {f: hashlib.sha256(open(f, "rb").read()).hexdigest() for f in files}
    n_before = len(format_check(tool, root)[0])
    if tool == "ruff":
        p, secs = run([exe("ruff"), "format", "--isolated", "--no-cache", root])
    elif tool == "black":
        p, secs = run([exe("black"), "--config", empty_config(), root])
    else:
        fail(f"{tool} is not a formatter")
    if p.returncode != 0:
        fail(f"{tool} exited {p.returncode}: {p.stderr[-500:]}")
    left, _ = format_check(tool, root)
    changed = sum(1 for f in files if hashlib.sha256(open(f, "rb").read()).hexdigest() != before[f])
    broken = compiles(files)
    out = dict(files_changed=changed, files_to_reformat_before=n_before, files_left=len(left), format_s=round(secs, 3),
               s_per_kloc=round(secs / lines * 1000, 4), compiles=not broken, files=len(files), lines=lines,
               version=version(tool))
    if broken:
        fail(f"formatted code no longer parses: {broken[:3]}", **out)
    if left:
        fail(f"{len(left)} files still need formatting after the rewrite", **out)
    done(True, **out)


def step_format_check(tool):
    root, files, lines = copy_corpus("corpus-format")
    before = {f: open(f, "rb").read() for f in files}
    flagged, secs = format_check(tool, root)
    if any(open(f, "rb").read() != before[f] for f in files):
        fail("the check changed files")
    bad = [f for f in flagged if not os.path.exists(os.path.join(os.path.dirname(root), f))]
    if bad:
        fail(f"flagged files are not in the corpus: {bad[:3]}")
    done(True, files_to_reformat=len(flagged), files=len(files), lines=lines, check_s=round(secs, 3),
         s_per_kloc=round(secs / lines * 1000, 4), version=version(tool))


def compiles(files):
    bad = []
    for f in files:
        try:
            ast.parse(open(f, "rb").read(), filename=f)
        except SyntaxError:
            bad.append(f)
    return bad


def step_autofix(tool):
    root, files, lines = copy_corpus("corpus-fix")
    before = {f: hashlib.sha256(open(f, "rb").read()).hexdigest() for f in files}
    if tool == "ruff":
        n_before = len(lint(tool, root)[0])
        p1, s1 = run([exe("ruff"), "check", "--isolated", "--no-cache", "--fix", "--output-format", "concise", root])
        p2, s2 = run([exe("ruff"), "format", "--isolated", "--no-cache", root])
        if p1.returncode not in (0, 1) or p2.returncode != 0:
            fail(f"ruff fix/format exited {p1.returncode}/{p2.returncode}: {(p1.stderr + p2.stderr)[-500:]}")
        fix_s = s1 + s2
        n_after = len(lint(tool, root)[0])
        left, _ = format_check(tool, root)
    elif tool == "black":
        n_before = len(format_check(tool, root)[0])
        p, fix_s = run([exe("black"), "--config", empty_config(), root])
        if p.returncode != 0:
            fail(f"black exited {p.returncode}: {p.stderr[-500:]}")
        left, _ = format_check(tool, root)
        n_after = len(left)
    elif tool == "flake8":
        # flake8 only reports; its usual companion isort rewrites the import order.
        def isort_findings():
            q, _ = run([exe("isort"), "--settings-path", empty_dir(), "--check-only", root])
            return sum(1 for l in q.stderr.splitlines() if "Imports are incorrectly sorted" in l)
        n_before = isort_findings()
        p, fix_s = run([exe("isort"), "--settings-path", empty_dir(), root])
        if p.returncode != 0:
            fail(f"isort exited {p.returncode}: {p.stderr[-500:]}")
        n_after = isort_findings()
        left = set()
    else:
        fail(f"{tool} cannot fix code")
    changed = sum(1 for f in files if hashlib.sha256(open(f, "rb").read()).hexdigest() != before[f])
    broken = compiles(files)
    out = dict(files_changed=changed, findings_before=n_before, findings_after=n_after, fix_s=round(fix_s, 3),
               compiles=not broken, files=len(files), lines=lines, version=version(tool))
    if broken:
        fail(f"fixed code no longer parses: {broken[:3]}", **out)
    if changed == 0 and n_before > 0:
        fail("the tool reported fixable problems but changed no file", **out)
    if tool in ("ruff", "black") and left:
        fail(f"{len(left)} files still need formatting after the fix", **out)
    if n_after > n_before:
        fail("more findings after the fix than before", **out)
    done(True, **out)


REPEATS = 3


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def mad(xs):
    """Median absolute deviation from the median."""
    m = median(xs)
    return median([abs(x - m) for x in xs])


HOOKS = {
    "ruff": "ruff check --isolated --no-cache --output-format concise",
    "flake8": "flake8 --isolated",
    "pylint": "pylint -j 2 --score=n --output-format=text --rcfile {empty}",
    "black": "black --config {empty} --check",
}


def count_output(tool, text, root):
    if tool == "black":
        return len({l[len("would reformat "):].strip().split("/")[-1] for l in text.splitlines()
                    if l.startswith("would reformat ")})
    return len(parse_findings(tool if tool != "ruff" else "flake8", text, root))


def step_precommit(tool):
    repo = os.path.join(WORK, "precommit-repo")
    shutil.rmtree(repo, ignore_errors=True)
    os.makedirs(repo)
    root, files, lines = copy_corpus("precommit-repo")
    git_env = dict(TOOL_ENV, GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="bakeoff", GIT_AUTHOR_EMAIL="bakeoff@localhost",
                   GIT_COMMITTER_NAME="bakeoff", GIT_COMMITTER_EMAIL="bakeoff@localhost")
    for cmd in (["git", "init", "-q", "."], ["git", "add", "-A"]):
        p = subprocess.run(cmd, cwd=repo, capture_output=True, text=True, env=git_env)
        if p.returncode != 0:
            fail(f"{' '.join(cmd)} failed: {p.stderr.strip()}")
    with open(os.path.join(repo, ".pre-commit-config.yaml"), "w") as fh:
        fh.write(f"""repos:
  - repo: local
    hooks:
      - id: {tool}
        name: {tool}
        entry: {HOOKS[tool].format(empty=empty_config())}
        language: system
        types: [python]
        require_serial: true
""")
    subprocess.run(["git", "add", ".pre-commit-config.yaml"], cwd=repo, env=git_env, check=True)
    # The direct call, on the same files, from the same folder (relative paths like pre-commit's).
    rel_files = sorted(os.path.relpath(f, repo) for f in files)
    try:  # pre-commit hands files to a hook in a fixed shuffled order; pylint's output depends on the order
        from pre_commit.lang_base import _shuffled
        rel_files = list(_shuffled(rel_files))
    except ImportError:
        pass
    # Interleaved REPEATS times (direct, pre-commit, direct, pre-commit, ...). The overhead is the difference of
    # the medians, clamped at 0; when it is within the calls' own spread (the larger median absolute
    # deviation of the two series) it is flagged as noise rather than read as a cost.
    direct_times, pc_times = [], []
    for _ in range(REPEATS):
        direct, s = run(HOOKS[tool].format(empty=empty_config()).split() + rel_files, cwd=repo)
        direct_times.append(s)
        env = fresh_env(dict(git_env, PRE_COMMIT_HOME=os.path.join(HOME, ".cache", "pre-commit"),
                             PRE_COMMIT_COLOR="never"))
        t = time.perf_counter()
        pc = subprocess.run([exe("pre-commit"), "run", "--all-files", "--color", "never"], cwd=repo,
                            capture_output=True, text=True, env=env)
        pc_times.append(time.perf_counter() - t)
    direct_s, pc_s = median(direct_times), median(pc_times)
    raw = pc_s - direct_s
    spread = max(mad(direct_times), mad(pc_times))
    direct_text = direct.stdout + direct.stderr
    n_direct = count_output(tool, direct_text, repo + "/x")
    n_pc = count_output(tool, pc.stdout + pc.stderr, repo + "/x")
    ran = re.search(rf"^{tool}\.+(Passed|Failed)", pc.stdout, re.M)
    out = dict(precommit_s=round(pc_s, 3), direct_s=round(direct_s, 3), overhead_s=round(max(0.0, raw), 3),
               overhead_raw_s=round(raw, 3), overhead_noise=abs(raw) <= spread, spread_s=round(spread, 3),
               repeats=REPEATS,
               same_findings=n_direct == n_pc and (pc.returncode != 0) == (direct.returncode != 0),
               findings=n_pc, direct_findings=n_direct, files=len(files), version=version(tool))
    if not ran:
        fail(f"pre-commit did not run the hook (exit {pc.returncode}): {(pc.stdout + pc.stderr).strip()[-800:]}", **out)
    # pylint -j 2 is not deterministic: the same files in the same order gave 1442 to 1483 findings here
    # (cyclic-import and inference results depend on which worker sees which module first); allow 5 %.
    out["findings_diff"] = abs(n_pc - n_direct)
    tolerance = round(0.05 * n_direct) if tool == "pylint" else 0
    if out["findings_diff"] > tolerance or (pc.returncode != 0) != (direct.returncode != 0):
        fail(f"pre-commit reported {n_pc} findings (exit {pc.returncode}), the direct call {n_direct} "
             f"(exit {direct.returncode})", **out)
    done(True, **out)


def version(tool):
    return importlib.metadata.version(tool)


def tool_steps(tool):
    """Runs the step named on the command line with `tool`: an adapter's whole steps.py is `tool_steps("ruff")`."""
    steps = {"lint": step_lint, "format_check": step_format_check, "autofix": step_autofix, "format": step_format,
             "precommit": step_precommit}
    dispatch(**{step: functools.partial(function, tool) for step, function in steps.items()})
