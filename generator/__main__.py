import os
import sys

try:
    from generator.cli import main

    code = main()
except ModuleNotFoundError as missing:  # run by a Python without the project's packages
    sys.stderr.write(
        f"python -m generator: the package {missing.name!r} is not installed for {sys.executable}\n"
        "  hint: run it through the task runner, which installs what it needs (python3 tasks.py check, "
        "build, serve...),\n  or with the project's own Python: .venv/bin/python -m generator ...\n")
    raise SystemExit(2) from None

if sys.argv[1:2] in (["check"], ["render"]):
    # An editor waits for these two after every save. When they return, every page is written
    # and closed, and no thread, child process or temporary folder is left; what remains is
    # Python freeing the story's objects one by one (0.3 s of a 2,000-event render), which the
    # system does at once when the process ends. Other commands exit the usual way.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
raise SystemExit(code)
