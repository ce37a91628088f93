import sys

try:
    from generator.cli import main

    raise SystemExit(main())
except ModuleNotFoundError as missing:  # run by a Python without the project's packages
    sys.stderr.write(
        f"python -m generator: the package {missing.name!r} is not installed for {sys.executable}\n"
        "  hint: run it through the task runner, which installs what it needs (python3 tasks.py check, "
        "build, serve...),\n  or with the project's own Python: .venv/bin/python -m generator ...\n")
    raise SystemExit(2) from None
