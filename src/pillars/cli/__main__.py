"""`python -m pillars.cli`."""

from pillars.cli import main

main()
