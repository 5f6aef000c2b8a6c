#!/usr/bin/env python3
"""The house rules of docs/architecture.md: a folder of src/ includes only headers of the folders
upstream of it in the flow of data, a public header only the public headers of those folders,
and nothing in src/ prints, exits or changes process-wide state (umask, setlocale, signal
handlers).

    check_layers.py SOURCE_DIR

Exits 1 and lists every include that breaks the rule; prints one line per folder otherwise.
The table below is the map of docs/architecture.md: keep them the same."""
import os
import re
import sys

# folder -> folders whose headers it may include (its own always). Public header mnsim/X.h
# belongs to folder X (mnsim.h includes everything; absorption.h is the absorption stage).
UPSTREAM = {
    "core": [],
    "numerics": ["core"],
    "scenario": ["core"],
    "skin": ["core", "scenario"],
    "device": ["core", "scenario"],
    # numerics has no physics: the laser's MTZ (puncture/laser_mtz.c) runs its bioheat solver
    "puncture": ["core", "scenario", "numerics", "skin", "device"],
    "transport": ["core", "scenario", "numerics", "skin", "device", "puncture"],
    "spatial": ["core", "scenario", "numerics", "skin", "device", "puncture", "transport"],
    "absorption": ["core", "scenario", "numerics", "skin", "device", "puncture", "transport",
                   "spatial"],
    "healing": ["core", "scenario", "numerics", "skin", "device", "puncture"],
    "outcome": ["core", "scenario", "numerics", "skin", "device", "puncture", "healing"],
    # The planner sits below run: mn_run applies its safety rules (plan/safety.c) to every
    # scenario it runs, and the output writes them.
    "plan": ["core", "scenario", "numerics", "skin", "device", "puncture", "transport",
             "spatial", "absorption", "healing", "outcome"],
    "run": ["core", "scenario", "numerics", "skin", "device", "puncture", "transport",
            "spatial", "absorption", "healing", "outcome", "plan"],
    # Two protocols side by side: runs both (run), reads their results.
    "compare": ["core", "scenario", "numerics", "skin", "device", "puncture", "transport",
                "spatial", "absorption", "healing", "outcome", "plan", "run"],
    "output": ["core", "scenario", "numerics", "skin", "device", "puncture", "transport",
               "spatial", "absorption", "healing", "outcome", "plan", "run", "compare"],
    "study": ["core", "scenario", "numerics", "skin", "device", "puncture", "transport",
              "spatial", "absorption", "healing", "outcome", "plan", "run", "output"],
    "validate": ["core", "scenario", "numerics", "skin", "device", "puncture", "transport",
                 "spatial", "absorption", "healing", "outcome", "plan", "run", "compare",
                 "output", "study"],
}
# Public headers that are not a folder's own.
PUBLIC_ALIAS = {"mnsim": None}  # mnsim.h, the umbrella, may include every public header

INCLUDE = re.compile(r'^\s*#\s*include\s+["<]([^">]+)[">]')


def folder_of_include(path):
    """The folder an include names: "spatial/axisym_int.h" -> spatial, "mnsim/skin.h" -> skin;
    None for headers outside the layered tree (system, tests)."""
    parts = path.split("/")
    if parts[0] == "mnsim" and len(parts) == 2:
        stem = parts[1][:-2] if parts[1].endswith(".h") else parts[1]
        return stem if stem in UPSTREAM else ("*" if stem == "mnsim" else None)
    if parts[0] in UPSTREAM:
        return parts[0]
    return None


# The library never prints, exits or changes process-wide state (docs/architecture.md): calls
# that would, outside comments.
# Signal handlers are the host's (the library polls the context's cancel hook instead).
FORBIDDEN = re.compile(r'\b(umask|setlocale|exit|_Exit|abort|printf|puts|putchar|perror|signal'
                       r'|sigaction|sigprocmask|pthread_sigmask)\s*\('
                       r'|\bfprintf\s*\(\s*std(out|err)')
COMMENT = re.compile(r'/\*.*?\*/|//.*$', re.S)


def check_calls(path, errors):
    with open(path, encoding="utf-8") as f:
        text = COMMENT.sub(lambda m: re.sub(r'[^\n]', ' ', m.group(0)), f.read())
    for n, line in enumerate(text.split("\n"), 1):
        m = FORBIDDEN.search(line)
        if m:
            errors.append(f"{path}:{n}: the library calls {m.group(0).rstrip('(').strip()}()")


def check_file(path, folder, errors, is_public=False):
    allowed = set(UPSTREAM[folder]) | {folder}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            name = m.group(1)
            if ".." in name.split("/"):
                errors.append(f"{path}:{n}: a relative include ({name}): name the folder")
                continue
            if is_public and folder_of_include(name) is not None and not name.startswith("mnsim/"):
                errors.append(f"{path}:{n}: a public header includes {name}, a src/ header")
                continue
            target = folder_of_include(name)
            if target is None:
                continue
            if target == "*" and folder != "validate":
                errors.append(f"{path}:{n}: {folder} includes the umbrella mnsim/mnsim.h")
            elif target != "*" and target not in allowed:
                errors.append(f"{path}:{n}: {folder} includes {m.group(1)} ({target} is not "
                              f"upstream of {folder})")


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "."
    errors = []
    counts = {}
    for folder in sorted(os.listdir(os.path.join(src, "src"))):
        root = os.path.join(src, "src", folder)
        if not os.path.isdir(root):
            continue
        if folder not in UPSTREAM:
            errors.append(f"src/{folder}: a folder the map does not know")
            continue
        for dirpath, _, names in os.walk(root):
            for name in names:
                if name.endswith((".c", ".h")):
                    check_file(os.path.join(dirpath, name), folder, errors)
                    check_calls(os.path.join(dirpath, name), errors)
                    counts[folder] = counts.get(folder, 0) + 1
    inc = os.path.join(src, "include", "mnsim")
    for name in sorted(os.listdir(inc)):
        stem = name[:-2]
        if stem == "mnsim":
            continue
        if stem not in UPSTREAM:
            errors.append(f"include/mnsim/{name}: a public header of no folder")
            continue
        check_file(os.path.join(inc, name), stem, errors, is_public=True)
    for e in errors:
        print(e)
    for folder, n in sorted(counts.items()):
        print(f"ok {folder}: {n} files")
    print(f"{0 if errors else 1} passed, {1 if errors else 0} failed")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
