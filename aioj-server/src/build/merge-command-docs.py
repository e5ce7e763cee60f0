#!/usr/bin/env python3
"""Builds src/main/resources/dev/aioj/server/redis-7.0-commands.json from Redis's
src/commands/*.json (the files Redis's own utils/generate-command-code.py reads).

    git clone --branch 7.0.15 --depth 1 https://github.com/redis/redis /tmp/redis
    python3 aioj-server/src/build/merge-command-docs.py /tmp/redis/src/commands \
        > aioj-server/src/main/resources/dev/aioj/server/redis-7.0-commands.json

One object keyed by full command name in lower case ("get", "client|id"), each
value the command's description as Redis ships it. Redis is BSD-3-Clause,
Copyright (c) Redis Ltd.; the file records its source in "_source".
"""
import glob
import json
import os
import sys

commands = {}
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.json"))):
    with open(path) as f:
        for name, desc in json.load(f).items():
            full = (desc["container"] + "|" + name if desc.get("container") else name).lower()
            if full in commands:
                sys.exit("defined twice: " + full)
            commands[full] = desc
commands["_source"] = ("Redis 7.0.15 src/commands/*.json, BSD-3-Clause, Copyright (c) Redis Ltd.; "
                       "merged by aioj-server/src/build/merge-command-docs.py")
json.dump(commands, sys.stdout, separators=(",", ":"), sort_keys=True)
