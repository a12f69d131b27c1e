#!/usr/bin/env python
import os
import sys


def main():
    # `manage.py test` runs the test suite (config/runner.py), under the test settings.
    testing = sys.argv[1:2] == ["test"]
    os.environ.setdefault(
        "DJANGO_SETTINGS_MODULE", "config.settings.test" if testing else "config.settings.local"
    )
    from django.core.management import execute_from_command_line

    from config.refusals import Refused

    try:
        execute_from_command_line(sys.argv)
    except Refused as refusal:
        sys.exit(f"Refused to start: {refusal}")


if __name__ == "__main__":
    main()
