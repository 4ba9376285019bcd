"""Ruff in the formatting stage: every step is the ci-cd stage's (ci-cd/common/cicd.py, shared by both stages),
run with ruff."""
from cicd import tool_steps

tool_steps("ruff")
