"""``python -m newsnb`` is the ``newsnb`` command."""
import sys

from .cli import main

sys.exit(main())
