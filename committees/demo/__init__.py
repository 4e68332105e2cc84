"""Demo data from the 2015 plan (자치행정과-23310), split by concern: the bodies and their people
(`bodies`), the fictional names (`names`) and the demo accounts (`accounts`)."""

from committees.demo.accounts import DEMO_PASSWORD, load_accounts
from committees.demo.bodies import load

__all__ = ["DEMO_PASSWORD", "load", "load_accounts"]
