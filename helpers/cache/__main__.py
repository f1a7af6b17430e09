"""`python -m helpers.cache ...`: the data cache's command line (helpers/cache/cli.py says what it does)."""

import sys

from helpers.cache.cli import main

sys.exit(main(sys.argv[1:]))
