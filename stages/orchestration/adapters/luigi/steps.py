"""Luigi adapter: file targets under the work dir, the local scheduler, 2 workers (one process each, one per
core here). A task is complete when its output exists, so a re-run skips finished work; retries come from
the scheduler's retry settings (luigi.cfg written at setup: retry_delay 0, worker keep_alive). Luigi has no
time-based trigger of its own (its execution model page: trigger it with crontab or another scheduler)."""
import json, os, sys, time
sys.dont_write_bytecode = True
from bakeoff_step import dispatch, done
from common import (WORK, body, data_path, evaluate, fan_out, fan_out_result, flaky_train, model_path, prepare,
                    rerun_result, results_digest, retry_result, set_phase, train)

CFG = os.path.join(WORK, "luigi.cfg")
os.environ["LUIGI_CONFIG_PATH"] = CFG
t0 = time.time()
import luigi
import_s = time.time() - t0


class Prepare(luigi.Task):
    def output(self):
        return luigi.LocalTarget(data_path())

    def run(self):
        with body("prepare"):
            prepare()


class Train(luigi.Task):
    i = luigi.IntParameter()

    def requires(self):
        return Prepare()

    def output(self):
        return luigi.LocalTarget(model_path(self.i))

    def run(self):
        with body("train"):
            train(self.i, self.input().path)


class Evaluate(luigi.Task):
    n = luigi.IntParameter()

    def requires(self):
        return [Train(i=i) for i in range(self.n)]

    def output(self):
        return luigi.LocalTarget(os.path.join(WORK, "results.json"))

    def run(self):
        with body("evaluate"):
            evaluate(self.n, data_path())


class Flaky(luigi.Task):
    def output(self):
        return luigi.LocalTarget(model_path(99))

    def run(self):
        flaky_train(data_path())


def build(tasks):
    return luigi.build(tasks, local_scheduler=True, workers=2, detailed_summary=True, log_level="WARNING")


def best():
    p = os.path.join(WORK, "results.json")
    return json.load(open(p))["best_accuracy"] if os.path.exists(p) else None


def setup():
    t = time.time()
    with open(CFG, "w") as f:
        f.write("[core]\nno_configure_logging = false\n[scheduler]\nretry_delay = 0\nretry_count = 2\n"
                "[worker]\nkeep_alive = true\nwait_interval = 0.1\n")
    os.makedirs(os.path.join(WORK, "luigid-logs"), exist_ok=True)       # luigid --logdir (the ui step) must exist
    init_s = time.time() - t
    done(True, import_s=import_s, init_s=init_s)


def fan_out_step():
    n = fan_out(); set_phase("fan_out")
    t = time.time(); res = build([Evaluate(n=n)]); t_end = time.time()
    fan_out_result("fan_out", n, best(), t, t_end, tool_ok=res.status.name.startswith("SUCCESS"), import_s=import_s)


def retry():
    set_phase("retry")
    t = time.time(); res = build([Flaky()]); run_s = time.time() - t
    retry_result("retry", run_s, res.status.name in ("SUCCESS", "SUCCESS_WITH_RETRY"))


def cached_rerun():
    n = fan_out(); set_phase("rerun")
    before = results_digest()
    t = time.time(); res = build([Evaluate(n=n)]); run_s = time.time() - t
    rerun_result("rerun", n, best(), before, run_s, tool_ok=res.status.name.startswith("SUCCESS"))


dispatch(setup, retry, cached_rerun, fan_out=fan_out_step)
