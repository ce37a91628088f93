import gc
import os
import sys

# `check` and `render`, which an editor runs after every save, end at once with os._exit below.
ENDS_AT_ONCE = sys.argv[1:2] in (["check"], ["render"])
if ENDS_AT_ONCE:
    # Python's cycle collector would walk the objects the imports make (pydantic's models among
    # them) again and again: 20 to 40 ms of each command. The work itself runs with it paused
    # anyway (generator/speed.py), and memory is still freed as each object is let go.
    gc.disable()

try:
    from generator.cli import main

    code = main()
except ModuleNotFoundError as missing:  # run by a Python without the project's packages
    sys.stderr.write(
        f"python -m generator: the package {missing.name!r} is not installed for {sys.executable}\n"
        "  hint: run it through the task runner, which installs what it needs (python3 tasks.py check, "
        "build, serve...),\n  or with the project's own Python: .venv/bin/python -m generator ...\n")
    raise SystemExit(2) from None

if ENDS_AT_ONCE:
    # When they return, every page is written and closed, and no thread, child process or
    # temporary folder is left; what remains is Python freeing the story's objects one by one
    # (0.3 s of a 2,000-event render), which the system does at once when the process ends.
    # Other commands exit the usual way.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
raise SystemExit(code)
