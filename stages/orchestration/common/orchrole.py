"""Shared by the orchestration role modules (adapters/<tool>/integrate.py): the work folder, task references,
pipeline names as identifiers, and a guard that keeps stdout clean while a tool runs (the integration
driver's last stdout line is its verdict, and tools, their servers and the tasks may print)."""
import contextlib
import importlib
import os
import re
import sys


def work(*parts):
    """A folder under BAKEOFF_WORK, created."""
    folder = os.path.join(os.environ["BAKEOFF_WORK"], *parts)
    os.makedirs(folder, exist_ok=True)
    return folder


def references(tasks):
    """The pipeline's task references as a list, checked before any tool starts."""
    tasks = list(tasks)
    if not tasks:
        raise ValueError("a pipeline needs at least one task")
    for reference in tasks:
        module, _, name = reference.partition(":")
        if not module or not name:
            raise ValueError(f"task reference {reference!r} is not 'module:function'")
    return tasks


def call(reference):
    """Imports a "module:function" reference and calls the function with no arguments."""
    module, _, name = reference.partition(":")
    getattr(importlib.import_module(module), name)()


def identifier(name):
    """`name` as an ASCII identifier (job, DAG, flow and step names): other characters become '_'."""
    ident = re.sub(r"[^0-9A-Za-z_]", "_", name)
    return ident if ident[:1].isalpha() else "p_" + ident


@contextlib.contextmanager
def stdout_to_stderr():
    """Sends this process's stdout, and that of every child started meanwhile, to stderr (also a decorator)."""
    sys.stdout.flush()
    saved, python_stdout = os.dup(1), sys.stdout
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    try:
        yield
    finally:
        python_stdout.flush()        # what went to the old object while fd 1 was stderr
        sys.stderr.flush()
        sys.stdout = python_stdout
        os.dup2(saved, 1)
        os.close(saved)
