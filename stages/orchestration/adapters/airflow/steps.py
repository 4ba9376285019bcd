"""Airflow setup: the dags folder with the scenario's DAG file, then `airflow db migrate` (sqlite metadata
database under AIRFLOW_HOME), timed apart from the import."""
import os, shutil, subprocess, sys, time
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import done

home = os.environ["AIRFLOW_HOME"]
t = time.time()
import airflow
import_s = time.time() - t
os.makedirs(os.path.join(home, "dags"), exist_ok=True)
shutil.copy(os.path.join(os.path.dirname(os.path.abspath(__file__)), "bakeoff_dag.py"), os.path.join(home, "dags"))
t = time.time()
p = subprocess.run([os.path.join(os.path.dirname(sys.executable), "airflow"), "db", "migrate"], capture_output=True, text=True)
init_s = time.time() - t
if p.returncode != 0:
    done(False, f"airflow db migrate failed: {p.stderr[-800:]}")
done(os.path.exists(os.path.join(home, "airflow.db")), "no metadata database after migrate", import_s=import_s, init_s=init_s)
