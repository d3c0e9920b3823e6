"""The story cases of the course, with their numbers (案例).

* :mod:`crmkit.cases.taxi` -- chapter 00, how a taxi driver chooses his passengers.
"""
