"""Pylint in the ci-cd stage: every step is the stage's own (common/cicd.py), run with pylint."""
from cicd import tool_steps

tool_steps("pylint")
