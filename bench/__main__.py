"""`python -m bench` (make bench): the district-scale benchmark in bench/run.py."""

import sys

from bench.run import main

sys.exit(main())
