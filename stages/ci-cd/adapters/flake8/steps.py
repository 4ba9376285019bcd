"""Flake8 (with isort) in the ci-cd stage: every step is the stage's own (common/cicd.py), run with flake8."""
from cicd import tool_steps

tool_steps("flake8")
