"""Black in the formatting stage: every step is the ci-cd stage's (ci-cd/common/cicd.py, shared by both stages),
run with black."""
from cicd import tool_steps

tool_steps("black")
