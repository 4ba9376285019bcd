"""MLflow role: runs, params and metrics go to a sqlite tracking store (<work>/mlflow/mlflow.db) and the model
file to the run's artifacts in a local folder (<work>/mlflow/artifacts). Registering creates a version in
MLflow's model registry (same sqlite store) whose source is the run's `model` artifact folder; loading asks
the registry for that version's source and downloads it. MLflow 3's `mlflow.register_model` only accepts
logged MLflow models, so the plain pickle is registered with the client's `create_model_version`."""
import os
import time
from pathlib import Path

os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")

from mlflow import MlflowClient
from mlflow.artifacts import download_artifacts
from mlflow.entities import Metric, Param
from mlflow.exceptions import MlflowException

WORK = os.environ["BAKEOFF_WORK"]
ROOT = os.path.join(WORK, "mlflow")
STORE = f"sqlite:///{ROOT}/mlflow.db"
EXPERIMENT = "bakeoff-integrations"
UNSUPPORTED = {}


def _client():
    os.makedirs(ROOT, exist_ok=True)
    return MlflowClient(tracking_uri=STORE, registry_uri=STORE)


def log_run(params: dict[str, str], metrics: dict[str, float], model_path: str) -> str:
    client = _client()
    experiment = client.get_experiment_by_name(EXPERIMENT)
    experiment_id = experiment.experiment_id if experiment else client.create_experiment(
        EXPERIMENT, artifact_location=Path(ROOT, "artifacts").as_uri())
    run_id = client.create_run(experiment_id).info.run_id
    try:
        now = int(time.time() * 1000)
        client.log_batch(run_id, metrics=[Metric(k, float(v), now, 0) for k, v in metrics.items()],
                         params=[Param(k, str(v)) for k, v in params.items()])
        client.log_artifact(run_id, model_path, artifact_path="model")
    except Exception:
        client.set_terminated(run_id, status="FAILED")
        raise
    client.set_terminated(run_id)
    return run_id


def read_run(run_id: str) -> dict[str, float]:
    return dict(_client().get_run(run_id).data.metrics)


def register(run_id: str, model_name: str) -> str:
    client = _client()
    try:
        client.create_registered_model(model_name)
    except MlflowException as error:
        if error.error_code != "RESOURCE_ALREADY_EXISTS":
            raise
    version = client.create_model_version(model_name, f"runs:/{run_id}/model", run_id=run_id)
    if version.status != "READY":
        raise RuntimeError(f"MLflow model version {model_name}/{version.version} is {version.status}, not READY")
    return str(version.version)


def load_registered(model_name: str, version: str) -> str:
    source = _client().get_model_version_download_uri(model_name, version)
    dest = download_artifacts(artifact_uri=source, tracking_uri=STORE,
                              dst_path=os.path.join(ROOT, "registry-downloads", model_name, version))
    files = [os.path.join(dest, f) for f in os.listdir(dest)]
    if len(files) != 1 or not os.path.isfile(files[0]):
        raise RuntimeError(f"{model_name} version {version} ({source}) holds {files}, expected one model file")
    return files[0]
