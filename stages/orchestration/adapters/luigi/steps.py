"""Luigi adapter: file targets under the work dir, the local scheduler, 2 workers. A task is complete when its
output exists, so a re-run skips finished work; retries come from the scheduler's retry settings
(luigi.cfg written at setup: retry_delay 0, worker keep_alive)."""
import os, sys, time
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import WORK, done, expected, fan_out, mark, marks, set_phase, timing

CFG = os.path.join(WORK, "luigi.cfg")
os.environ["LUIGI_CONFIG_PATH"] = CFG
t0 = time.time()
import luigi
import_s = time.time() - t0
OUT = os.path.join(WORK, "out")


class Source(luigi.Task):
    n = luigi.IntParameter()

    def output(self):
        return luigi.LocalTarget(f"{OUT}/source.txt")

    def run(self):
        mark("source")
        with self.output().open("w") as f:
            f.write("\n".join(map(str, range(self.n))))


class Square(luigi.Task):
    n = luigi.IntParameter()
    i = luigi.IntParameter()

    def requires(self):
        return Source(n=self.n)

    def output(self):
        return luigi.LocalTarget(f"{OUT}/square-{self.i}.txt")

    def run(self):
        mark("square")
        x = int(self.input().open().read().split("\n")[self.i])
        with self.output().open("w") as f:
            f.write(str(x * x))


class Total(luigi.Task):
    n = luigi.IntParameter()

    def requires(self):
        return [Square(n=self.n, i=i) for i in range(self.n)]

    def output(self):
        return luigi.LocalTarget(f"{OUT}/total.txt")

    def run(self):
        mark("total")
        s = sum(int(t.open().read()) for t in self.input())
        with self.output().open("w") as f:
            f.write(str(s))


class Flaky(luigi.Task):
    def output(self):
        return luigi.LocalTarget(f"{OUT}/flaky.txt")

    def run(self):
        mark("flaky")
        if len(marks("retry", "flaky")) == 1:
            raise RuntimeError("first attempt fails on purpose")
        with self.output().open("w") as f:
            f.write("ok")


def build(tasks):
    return luigi.build(tasks, local_scheduler=True, workers=2, detailed_summary=True, log_level="WARNING")


def setup():
    t = time.time()
    with open(CFG, "w") as f:
        f.write("[core]\nno_configure_logging = false\n[scheduler]\nretry_delay = 0\nretry_count = 2\n"
                "[worker]\nkeep_alive = true\nwait_interval = 0.1\n")
    os.makedirs(OUT, exist_ok=True)
    init_s = time.time() - t
    done(True, import_s=import_s, init_s=init_s)


def fan_out_step():
    n = fan_out(); set_phase("fan_out")
    t = time.time(); res = build([Total(n=n)]); t_end = time.time()
    total = int(open(f"{OUT}/total.txt").read())
    ok = res.status.name == "SUCCESS" and total == expected(n)
    done(ok, f"status {res.status.name}, total {total}, expected {expected(n)}", result_correct=total == expected(n),
         import_s=import_s, **timing("fan_out", t, t_end))


def retry():
    set_phase("retry")
    t = time.time(); res = build([Flaky()]); run_s = time.time() - t
    attempts = len(marks("retry", "flaky"))
    ok = res.status.name in ("SUCCESS", "SUCCESS_WITH_RETRY") and attempts == 2 and os.path.exists(f"{OUT}/flaky.txt")
    done(ok, f"status {res.status.name} after {attempts} attempts", attempts=attempts, retried_ok=ok, run_s=run_s)


def cached_rerun():
    n = fan_out(); set_phase("rerun")
    t = time.time(); res = build([Total(n=n)]); run_s = time.time() - t
    executed = len(marks("rerun"))
    total = int(open(f"{OUT}/total.txt").read())
    ok = res.status.name.startswith("SUCCESS") and total == expected(n) and executed == 0
    done(ok, f"status {res.status.name}, {executed} bodies ran again, total {total}", tasks_executed=executed,
         tasks_skipped=n + 2 - executed, result_correct=total == expected(n), run_s=run_s)


{"setup": setup, "fan_out": fan_out_step, "retry": retry, "cached_rerun": cached_rerun}[sys.argv[1]]()
