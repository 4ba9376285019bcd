"""Trunk-based development in the branching stage: the simulation is the stage's own (common/simulate.py), run with this
strategy."""
from bakeoff_step import dispatch
from simulate import simulate

dispatch(simulate=lambda: simulate("trunk-based"))
