"""Ruff in the ci-cd stage: every step is the stage's own (common/cicd.py), run with ruff."""
from cicd import tool_steps

tool_steps("ruff")
