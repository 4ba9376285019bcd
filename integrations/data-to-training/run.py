"""data-to-training: python run.py publish|train_at_version (see integration.yaml)."""
import json
import os
import sys

sys.dont_write_bytecode = True
from bakeoff_step import Timer, check, dispatch, done, param  # noqa: E402
import pair  # noqa: E402


def publish():
    rows = param("rows", 2000)
    versions = []
    for name, seed, shift in [("v1", 1, 0.0), ("v2", 2, 0.7)]:
        file = pair.path("source", f"{name}.csv")
        pair.write_csv(pair.dataset(rows, seed, shift), file)
        versions.append((name, file))
    os.makedirs(pair.path("repo", ".keep"), exist_ok=True)
    os.rmdir(pair.path("repo", ".keep"))
    data = pair.role("data-versioning")
    timer = Timer()
    pair.calling(data.publish, pair.path("repo"), versions)
    publish_s = timer()
    with open(pair.path("expected.json"), "w") as f:
        json.dump({name: pair.sha256(file) for name, file in versions}, f)
    done(True, publish_s=publish_s, rows=rows)


def train_at_version():
    expected = json.load(open(pair.path("expected.json")))
    orchestrator = pair.role("orchestration")
    timer = Timer()
    pair.calling(orchestrator.run_pipeline, "train-at-version", ["handoff:fetch", "handoff:train"])
    run_s = timer()
    check(os.path.exists(pair.path("trained.json")), "the pipeline ended without the training task's output")
    trained = json.load(open(pair.path("trained.json")))
    fetch_s = round(json.load(open(pair.path("fetch.json")))["fetch_s"], 4)
    version = param("version", "v1")
    same = trained["data_sha256"] == expected[version]
    other = [name for name, digest in expected.items() if digest == trained["data_sha256"] and name != version]
    metrics = dict(run_s=run_s, fetch_s=fetch_s, data_is_named_version=same, accuracy=round(trained["accuracy"], 4))
    check(same, f"trained on {other[0] if other else 'data matching no stored version'}, not on {version}", **metrics)
    check(trained["accuracy"] >= 0.8, f"accuracy {trained['accuracy']:.3f} is below 0.8", **metrics)
    done(True, **metrics)


if __name__ == "__main__":
    dispatch(publish, train_at_version)
