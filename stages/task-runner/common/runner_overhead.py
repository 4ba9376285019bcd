"""Task- and hook-runner steps for one RUNNER (pre-commit, tox, nox): an adapter's steps.py calls
`runner_steps(RUNNER)`, and the step named on its command line runs with that runner.

The same lint (ruff check, default rules, no cache) over the same fixed corpus as the ci-cd stage (rich,
copied from its wheel; cicd.py's helpers are reused: the adapters put ci-cd's common/ on PYTHONPATH too), run
directly and through the runner's own configuration: pre-commit (a local `language: system` hook), tox (an
environment with skip_install that calls the ruff next to it) and nox (a session with venv_backend "none").
One untimed warm-up call each first (tox creates its environment then), then REPEATS interleaved calls; the
overhead is the difference of the medians, clamped at 0, and flagged as noise when within the larger median
absolute deviation of the two series. The runner must report the same findings as the direct call."""
import functools, os, shutil, subprocess, sys, time
sys.dont_write_bytecode = True
from bakeoff_step import dispatch, done, fail
from cicd import REPEATS, TOOL_ENV, WORK, HOME, copy_corpus, count_output, exe, mad, median, run, version

LINT = ["ruff", "check", "--isolated", "--no-cache", "--output-format", "concise"]
GIT_ENV = dict(TOOL_ENV, GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="bakeoff", GIT_AUTHOR_EMAIL="bakeoff@localhost",
               GIT_COMMITTER_NAME="bakeoff", GIT_COMMITTER_EMAIL="bakeoff@localhost", PRE_COMMIT_COLOR="never",
               PRE_COMMIT_HOME=os.path.join(HOME, ".cache", "pre-commit"))


def git(repo, *args):
    p = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=GIT_ENV)
    if p.returncode != 0:
        fail(f"git {' '.join(args)} failed: {p.stderr.strip()[-400:]}")
    return p


def prepare(runner):
    """A git repository holding the corpus and the runner's configuration; returns (repo, runner argv)."""
    repo = os.path.join(WORK, "runner-repo")
    shutil.rmtree(repo, ignore_errors=True)
    root, files, _ = copy_corpus("runner-repo")
    package = os.path.basename(root)
    git(repo, "init", "-q", "-b", "main", ".")
    if runner == "pre-commit":
        with open(os.path.join(repo, ".pre-commit-config.yaml"), "w") as f:
            f.write("repos:\n  - repo: local\n    hooks:\n      - id: ruff\n        name: ruff\n"
                    f"        entry: {' '.join(LINT)}\n        language: system\n        types: [python]\n"
                    "        require_serial: true\n")
        argv = [exe("pre-commit"), "run", "--all-files", "--color", "never"]
    elif runner == "tox":
        with open(os.path.join(repo, "tox.ini"), "w") as f:
            f.write(f"[tox]\nenv_list = lint\nno_package = true\n\n[testenv:lint]\nskip_install = true\n"
                    f"allowlist_externals = ruff\ncommands = {' '.join(LINT)} {package}\n")
        argv = [exe("tox"), "-e", "lint"]
    elif runner == "nox":
        with open(os.path.join(repo, "noxfile.py"), "w") as f:
            f.write("import nox\n\n\n@nox.session(venv_backend=\"none\")\ndef lint(session):\n"
                    f"    session.run(*{LINT + [package]!r}, success_codes=[0, 1])\n")
        argv = [exe("nox"), "-s", "lint", "--no-color"]
    else:
        fail(f"unknown runner {runner}")
    git(repo, "add", "-A")
    return repo, argv, [package], files


def timed(argv, repo):
    env = dict(GIT_ENV, PATH=os.environ["PATH"])
    t = time.perf_counter()
    p = subprocess.run(argv, cwd=repo, capture_output=True, text=True, env=env)
    return p, time.perf_counter() - t


def step_overhead(runner):
    repo, argv, target, files = prepare(runner)
    direct_argv = [exe("ruff")] + LINT[1:] + target
    warm, warmup_s = timed(argv, repo)
    direct_times, runner_times = [], []
    for _ in range(REPEATS):
        direct, s = timed(direct_argv, repo)
        direct_times.append(s)
        through, s = timed(argv, repo)
        runner_times.append(s)
    direct_s, runner_s = median(direct_times), median(runner_times)
    raw = runner_s - direct_s
    spread = max(mad(direct_times), mad(runner_times))
    n_direct = count_output("ruff", direct.stdout + direct.stderr, repo + "/x")
    n_runner = count_output("ruff", through.stdout + through.stderr, repo + "/x")
    out = dict(runner_s=round(runner_s, 3), direct_s=round(direct_s, 3), overhead_s=round(max(0.0, raw), 3),
               overhead_raw_s=round(raw, 3), overhead_noise=abs(raw) <= spread, spread_s=round(spread, 3),
               warmup_s=round(warmup_s, 3), repeats=REPEATS, findings=n_runner, direct_findings=n_direct,
               same_findings=n_runner == n_direct, files=len(files), version=version(runner))
    if n_direct == 0:
        fail(f"the direct lint printed no finding: {(direct.stdout + direct.stderr)[-500:]}", **out)
    if n_runner != n_direct:
        fail(f"{runner} reported {n_runner} findings (exit {through.returncode}), the direct call {n_direct}: "
             f"{(through.stdout + through.stderr).strip()[-600:]}", **out)
    done(True, **out)


def step_git_hook(runner):
    """pre-commit installs itself as the repository's git pre-commit hook; a commit must then run the lint
    and be refused because the corpus has findings."""
    if runner != "pre-commit":
        fail(f"{runner} has no git hook installer")
    repo, argv, target, files = prepare(runner)
    t = time.perf_counter()
    p = subprocess.run([exe("pre-commit"), "install"], cwd=repo, capture_output=True, text=True, env=GIT_ENV)
    install_s = time.perf_counter() - t
    if p.returncode != 0:
        fail(f"pre-commit install failed: {p.stderr[-400:]}")
    env = dict(GIT_ENV, PATH=os.environ["PATH"])
    t = time.perf_counter()
    c = subprocess.run(["git", "commit", "-qm", "corpus"], cwd=repo, capture_output=True, text=True, env=env)
    commit_s = time.perf_counter() - t
    ran = "ruff" in (c.stdout + c.stderr)
    refused = c.returncode != 0
    out = dict(hook_ran=ran, commit_refused=refused, install_s=round(install_s, 3), commit_s=round(commit_s, 3))
    if not (ran and refused):
        fail(f"the commit did not run the hook or was not refused (exit {c.returncode}): {(c.stdout + c.stderr)[-400:]}", **out)
    done(True, **out)


def runner_steps(runner):
    """Runs the step named on the command line with `runner`: an adapter's whole steps.py is `runner_steps("tox")`."""
    dispatch(overhead=functools.partial(step_overhead, runner), git_hook=functools.partial(step_git_hook, runner))
