"""Printed output: patient handouts (handout.py) and the doctor report from the diary (report.py)."""
