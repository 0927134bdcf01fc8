"""Allow ``python -m thoisu.cli``."""

from thoisu.cli.main import main

main()
