"""Branching-strategy simulation on real git repositories (system python3 and git; no network).

The same eight feature changes, each worked in its own developer clone of a bare `origin`, are worked hour
by hour under one strategy. Each hour of work is one commit that rewrites the change's own setting lines
(`key = value  # C<n> step <k>`); two pairs of changes set the same keys at overlapping hours, so they can
meet real git conflicts. A conflict is resolved the same scripted way everywhere: the change being
integrated wins on the conflicting lines (`checkout --theirs`), stage, continue. Every git invocation is
counted against the change it serves, or against releasing.

  trunk-based  on main: edit, commit, `pull --rebase`, push, every hour; main is released (tagged) at the end
               of every hour in which it changed
  github-flow  a branch per change from main, pushed every hour; when done: update main, `merge --no-ff`,
               push, delete the branch; main is released at the end of every hour in which it changed
  gitflow      a branch per change from develop, merged into develop when done; every RELEASE_EVERY hours a
               release branch is cut from develop, merged into main (tagged) and back into develop

An adapter's steps.py runs it for its strategy: `dispatch(simulate=lambda: simulate("gitflow"))`.
Reported (the verdict line): conflicts met (merges or rebases stopped by a conflict), changes that met one,
git commands per change (releasing included, spread over the changes), mean and max hours from a change's
first commit to the release that ships it, releases, and whether main ends with every change's last lines."""
import os, subprocess, sys, time

from bakeoff_step import done, fail

WORK = os.environ.get("BAKEOFF_WORK", os.getcwd())
RELEASE_EVERY = 6
FILES = {
    "src/model.py": ["threshold", "learning_rate", "epochs", "batch_size", "dropout", "seed"],
    "src/features.py": ["window", "lags", "scaler", "impute", "encode", "clip"],
    "config.yaml": ["bucket", "region", "schedule", "retries", "alert", "owner"],
}
# (id, start hour, hours of work, file, keys): C2/C5 and C4/C7 set the same keys while both are open.
CHANGES = [
    ("C1", 0, 3, "src/features.py", ["window", "lags"]),
    ("C2", 1, 4, "src/model.py", ["threshold", "learning_rate"]),
    ("C3", 2, 2, "src/features.py", ["encode"]),
    ("C4", 3, 3, "config.yaml", ["schedule", "retries"]),
    ("C5", 3, 3, "src/model.py", ["threshold", "learning_rate"]),
    ("C6", 5, 2, "src/model.py", ["seed"]),
    ("C7", 4, 2, "config.yaml", ["schedule", "retries"]),
    ("C8", 7, 3, "src/features.py", ["clip"]),
]


class Sim:
    def __init__(self, strategy):
        self.strategy = strategy
        self.commands = {c[0]: 0 for c in CHANGES}
        self.commands["release"] = 0
        self.conflicts = 0
        self.conflicted = set()
        self.released_at = {}
        self.merged_at = {}
        self.releases = 0
        self.git_s = 0.0
        self.root = os.path.join(WORK, "sim")

    def git(self, who, cwd, *args, check=True):
        """One counted git command; `who` is a change id or "release"."""
        self.commands[who] += 1
        t = time.time()
        p = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                           env=dict(os.environ, GIT_EDITOR="true", GIT_MERGE_AUTOEDIT="no"))
        self.git_s += time.time() - t
        if check and p.returncode != 0:
            raise RuntimeError(f"git {' '.join(args)} in {cwd} failed: {p.stderr.strip()[-400:]}")
        return p

    def clone_of(self, dev):
        return os.path.join(self.root, dev)

    def setup(self):
        """origin (bare) with the initial files on main (and develop for gitflow); one clone per developer
        and one for releasing. Not counted: every strategy starts from the same repositories."""
        os.makedirs(self.root)
        run = lambda *a, cwd=self.root: subprocess.run(["git", *a], cwd=cwd, check=True, capture_output=True)
        run("init", "-q", "--bare", "-b", "main", "origin.git")
        seed = os.path.join(self.root, "seed")
        run("init", "-q", "-b", "main", seed)
        for path, keys in FILES.items():
            os.makedirs(os.path.dirname(os.path.join(seed, path)) or seed, exist_ok=True)
            with open(os.path.join(seed, path), "w") as f:
                f.write("".join(f"{k} = 0\n" for k in keys))
        run("add", "-A", cwd=seed); run("commit", "-qm", "initial", cwd=seed)
        run("remote", "add", "origin", os.path.join(self.root, "origin.git"), cwd=seed)
        run("push", "-q", "origin", "main", cwd=seed)
        if self.strategy == "gitflow":
            run("push", "-q", "origin", "main:develop", cwd=seed)
        for who in [c[0] for c in CHANGES] + ["release"]:
            run("clone", "-q", os.path.join(self.root, "origin.git"), who)

    # ---- editing and conflict resolution --------------------------------------------------------------

    @staticmethod
    def edit(clone, change, step):
        """Rewrites the change's own lines: its tagged line for a key if present, else the key's first line."""
        cid, _, _, path, keys = change
        full = os.path.join(clone, path)
        lines = open(full).read().splitlines()
        for key in keys:
            mine = [i for i, l in enumerate(lines) if l.startswith(f"{key} =") and f"# {cid} " in l]
            i = mine[0] if mine else next(i for i, l in enumerate(lines) if l.startswith(f"{key} ="))
            lines[i] = f"{key} = {step}  # {cid} step {step}"
        with open(full, "w") as f:
            f.write("\n".join(lines) + "\n")

    def integrate(self, who, clone, args, continue_args):
        """Runs a merge or rebase; on a conflict the change being integrated wins on the conflicting lines
        (`checkout --theirs`: the merged branch, or the commit being replayed), then it continues (counted)."""
        p = self.git(who, clone, *args, check=False)
        while p.returncode != 0:
            files = subprocess.run(["git", "diff", "--name-only", "--diff-filter=U"], cwd=clone, capture_output=True,
                                   text=True).stdout.split()
            if not files:
                raise RuntimeError(f"git {' '.join(args)} failed without a conflict: {p.stderr.strip()[-400:]}")
            self.conflicts += 1
            self.conflicted.add(who)
            self.git(who, clone, "checkout", "--theirs", "--", *files)
            self.git(who, clone, "add", *files)
            p = self.git(who, clone, *continue_args, check=False)

    # ---- strategies ---------------------------------------------------------------------------------

    def work(self, change, step, hour, last):
        cid = change[0]
        clone = self.clone_of(cid)
        branch = f"feature/{cid}"
        if self.strategy == "trunk-based":
            if step == 1:                 # start from the current trunk; later hours edit what was pulled last
                self.git(cid, clone, "pull", "-q", "--rebase", "origin", "main")
            self.edit(clone, change, step)
            self.git(cid, clone, "commit", "-qam", f"{cid} step {step}")
            self.integrate(cid, clone, ["pull", "-q", "--rebase", "origin", "main"], ["rebase", "--continue"])
            self.git(cid, clone, "push", "-q", "origin", "HEAD:main")
            if last:
                self.merged_at[cid] = hour
            return
        base = "main" if self.strategy == "github-flow" else "develop"
        if step == 1:
            self.git(cid, clone, "fetch", "-q", "origin")
            self.git(cid, clone, "switch", "-q", "-c", branch, f"origin/{base}")
        self.edit(clone, change, step)
        self.git(cid, clone, "commit", "-qam", f"{cid} step {step}")
        self.git(cid, clone, "push", "-q", "origin", branch)
        if last:                       # the pull request is merged
            self.git(cid, clone, "fetch", "-q", "origin")
            self.git(cid, clone, "switch", "-q", "-C", base, f"origin/{base}")
            self.integrate(cid, clone, ["merge", "-q", "--no-ff", "-m", f"merge {cid}", branch], ["commit", "-q", "--no-edit"])
            self.git(cid, clone, "push", "-q", "origin", base)
            self.git(cid, clone, "branch", "-q", "-D", branch)
            self.git(cid, clone, "push", "-q", "origin", "--delete", branch)
            self.merged_at[cid] = hour

    def release(self, hour, pending):
        """Ships what is merged and not yet released: a tag on main (trunk, GitHub flow) or a release branch
        through main and back into develop (gitflow)."""
        if not pending:
            return
        clone = self.clone_of("release")
        tag = f"r{hour:03d}"
        self.git("release", clone, "fetch", "-q", "origin")
        if self.strategy == "gitflow":
            rel = f"release/{tag}"
            self.git("release", clone, "switch", "-q", "-C", rel, "origin/develop")
            self.git("release", clone, "switch", "-q", "-C", "main", "origin/main")
            self.integrate("release", clone, ["merge", "-q", "--no-ff", "-m", f"release {tag}", rel], ["commit", "-q", "--no-edit"])
            self.git("release", clone, "tag", tag)
            self.git("release", clone, "switch", "-q", "-C", "develop", "origin/develop")
            self.integrate("release", clone, ["merge", "-q", "--no-ff", "-m", f"back-merge {tag}", rel], ["commit", "-q", "--no-edit"])
            self.git("release", clone, "push", "-q", "origin", "main", "develop", "--tags")
            self.git("release", clone, "branch", "-q", "-D", rel)
        else:
            self.git("release", clone, "tag", tag, "origin/main")
            self.git("release", clone, "push", "-q", "origin", tag)
        self.releases += 1
        for cid in pending:
            self.released_at[cid] = hour

    def run(self):
        self.setup()
        hour = 0
        while len(self.released_at) < len(CHANGES):
            for change in CHANGES:            # the same order every hour: the simulation is deterministic
                cid, start, hours = change[:3]
                if start <= hour < start + hours:
                    self.work(change, hour - start + 1, hour, last=hour == start + hours - 1)
            pending = sorted(c for c in self.merged_at if c not in self.released_at)
            if self.strategy != "gitflow" or (hour + 1) % RELEASE_EVERY == 0:
                self.release(hour, pending)
            hour += 1
            if hour > 100:
                raise RuntimeError("the simulation did not release every change in 100 hours")
        return hour

    def main_has_every_change(self):
        """After the last release, main has every key exactly once, holding the last step of a change that sets
        it (for a key two changes set, either one: the later integration wins)."""
        clone = self.clone_of("release")
        subprocess.run(["git", "fetch", "-q", "origin"], cwd=clone, check=True)
        missing = []
        for path, keys in FILES.items():
            lines = subprocess.run(["git", "show", f"origin/main:{path}"], cwd=clone, capture_output=True,
                                   text=True).stdout.splitlines()
            for key in keys:
                found = [l for l in lines if l.startswith(f"{key} =")]
                setters = [c for c in CHANGES if c[3] == path and key in c[4]]
                wanted = {f"{key} = {c[2]}  # {c[0]} step {c[2]}" for c in setters} or {f"{key} = 0"}
                if len(found) != 1 or found[0] not in wanted:
                    missing.append(f"{path}:{key}")
        return missing


def simulate(strategy):
    if strategy not in ("trunk-based", "github-flow", "gitflow"):
        fail(f"unknown strategy {strategy!r}")
    sim = Sim(strategy)
    t = time.time()
    try:
        hours = sim.run()
        missing = sim.main_has_every_change()
    except RuntimeError as e:
        fail(str(e))
    lead = [sim.released_at[c[0]] - c[1] + 1 for c in CHANGES]
    total = sum(sim.commands.values())
    simulation_s = round(time.time() - t, 4)
    for cid in sorted(sim.commands):
        print(f"{cid}: {sim.commands[cid]} git commands", file=sys.stderr)
    done(not missing, f"main does not end with each change's last lines: {', '.join(missing)}",
         conflicts=sim.conflicts, changes_with_conflict=len(sim.conflicted - {"release"}), git_commands=total,
         git_commands_per_change=round(total / len(CHANGES), 4), release_commands=sim.commands["release"],
         lead_time_hours_mean=round(sum(lead) / len(lead), 4), lead_time_hours_max=max(lead), releases=sim.releases,
         simulated_hours=hours, git_s=round(sim.git_s, 4), simulation_s=simulation_s,
         changes=len(CHANGES))
