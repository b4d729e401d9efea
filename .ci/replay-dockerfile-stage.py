#!/usr/bin/env python3
"""Replays one build stage of a Dockerfile without Docker: its COPY lines (honouring .dockerignore) from the
build context into an empty folder that stands for the stage's file system, then its RUN lines there, each in
the stage's WORKDIR with its ARG and ENV values. Everything it does is read from the Dockerfile; a file the
Dockerfile forgets to copy is missing here as it would be in the image.

    replay-dockerfile-stage.py --context DIR --root EMPTY_DIR [--stage NAME] [--build-arg NAME=VALUE]...

The stage defaults to the one the last stage copies from (COPY --from=NAME). On success it prints, one per
line, where in ROOT the paths that the last stage copies from it ended up, so the caller can run them.
Limits, by design: RUN lines must use paths relative to WORKDIR (an absolute path would escape ROOT and
touch this machine), and only the instructions a build stage of this project uses are understood.
"""

import argparse
import fnmatch
import json
import os
import re
import shlex
import shutil
import subprocess
import sys


class ReplayError(Exception):
    pass


def logical_lines(path):
    """(line number, text) per instruction: continuations joined, comments and blank lines dropped."""
    pending, start = "", 0
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if line.lstrip().startswith("#"):
                continue
            if not pending:
                start = number
                if not line.strip():
                    continue
            if line.rstrip().endswith("\\"):
                pending += line.rstrip()[:-1] + " "
                continue
            pending += line
            yield start, pending.strip()
            pending = ""
    if pending.strip():
        yield start, pending.strip()


def parse_stages(dockerfile):
    """Global ARG defaults and a list of stages, each {'name', 'line', 'instructions': [(line, KEYWORD, rest)]}."""
    global_args, stages = {}, []
    for number, text in logical_lines(dockerfile):
        keyword, _, rest = text.partition(" ")
        keyword, rest = keyword.upper(), rest.strip()
        if keyword == "FROM":
            words = rest.split()
            name = words[2] if len(words) >= 3 and words[1].upper() == "AS" else str(len(stages))
            stages.append({"name": name, "line": number, "instructions": []})
        elif not stages:
            if keyword == "ARG":
                key, _, value = rest.partition("=")
                global_args[key.strip()] = unquote(value.strip())
        else:
            stages[-1]["instructions"].append((number, keyword, rest))
    if not stages:
        raise ReplayError(f"{dockerfile}: no FROM line")
    return global_args, stages


def unquote(value):
    return shlex.split(value)[0] if value else ""


def expand(text, variables):
    """$NAME and ${NAME} from the stage's ARG and ENV values, as Docker expands them in COPY and WORKDIR."""
    return re.sub(r"\$\{(\w+)\}|\$(\w+)", lambda m: variables.get(m.group(1) or m.group(2), ""), text)


def split_arguments(rest):
    """COPY/RUN arguments: the JSON form or whitespace-separated words; leading --flags returned apart."""
    words = json.loads(rest) if rest.startswith("[") else shlex.split(rest)
    flags = [w for w in words if w.startswith("--")]
    return flags, [w for w in words if not w.startswith("--")]


class DockerIgnore:
    """The .dockerignore rules: the last pattern that matches a path, or one of its parent folders, decides."""

    def __init__(self, context):
        self.rules = []
        path = os.path.join(context, ".dockerignore")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                for line in f:
                    line = line.strip()
                    if not line or line.startswith("#"):
                        continue
                    keep = line.startswith("!")
                    pattern = os.path.normpath(line[1:] if keep else line).lstrip("/")
                    self.rules.append((keep, re.compile(self._regex(pattern))))

    @staticmethod
    def _regex(pattern):
        out, i = "", 0
        while i < len(pattern):
            if pattern.startswith("**/", i):
                out, i = out + "(?:.*/)?", i + 3
            elif pattern.startswith("**", i):
                out, i = out + ".*", i + 2
            elif pattern[i] == "*":
                out, i = out + "[^/]*", i + 1
            elif pattern[i] == "?":
                out, i = out + "[^/]", i + 1
            elif pattern[i] == "[":
                end = pattern.find("]", i)
                out, i = out + pattern[i:end + 1], end + 1
            elif pattern[i] == "\\" and i + 1 < len(pattern):
                out, i = out + re.escape(pattern[i + 1]), i + 2
            else:
                out, i = out + re.escape(pattern[i]), i + 1
        return "^" + out + "$"

    def excluded(self, relative):
        parts = relative.split("/")
        candidates = ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]
        verdict = False
        for keep, regex in self.rules:
            if any(regex.match(c) for c in candidates):
                verdict = not keep
        return verdict


def context_files(context, ignore):
    """Every file of the build context that .dockerignore lets through, as paths relative to the context."""
    files = []
    for folder, dirs, names in os.walk(context):
        relative_folder = os.path.relpath(folder, context)
        relative_folder = "" if relative_folder == "." else relative_folder + "/"
        dirs[:] = [d for d in dirs if not ignore.excluded(relative_folder + d) or any(k for k, _ in ignore.rules)]
        files.extend(relative_folder + n for n in names if not ignore.excluded(relative_folder + n))
    return sorted(files)


def copy_into(root, workdir, sources, destination, files, number):
    """Docker's COPY: a folder's contents go into the destination, a file keeps its name when the destination is a folder."""
    target = destination if destination.startswith("/") else os.path.join(workdir, destination)
    as_folder = destination.endswith("/") or len(sources) > 1
    for source in sources:
        source = os.path.normpath(source).lstrip("/")
        source = "" if source == "." else source
        matched = [f for f in files if fnmatch.fnmatchcase(f, source)] if any(c in source for c in "*?[") else []
        if not matched and source in files:
            matched = [source]
        if matched:
            for f in matched:
                into = os.path.join(target, os.path.basename(f)) if as_folder or len(matched) > 1 else target
                place(root, f, into, files)
            continue
        under = [f for f in files if not source or f.startswith(source + "/")]
        if not under:
            raise ReplayError(f"line {number}: COPY {source}: not in the build context (missing, or excluded by .dockerignore)")
        for f in under:
            place(root, f, os.path.join(target, f[len(source):].lstrip("/")), files)


def place(root, relative, container_path, files):
    host = os.path.join(root, container_path.lstrip("/"))
    os.makedirs(os.path.dirname(host), exist_ok=True)
    shutil.copy2(os.path.join(files.context, relative), host)


class ContextFiles(list):
    def __init__(self, context, items):
        super().__init__(items)
        self.context = context


ABSOLUTE_PATH = re.compile(r"(?:^|[\s=:'\"(>])(/(?!dev/)[\w.-][^\s'\";)]*)")


def replay(context, root, stage_name, build_args):
    dockerfile = os.path.join(context, "Dockerfile")
    global_args, stages = parse_stages(dockerfile)
    final = stages[-1]
    taken = [split_arguments(rest) for _, keyword, rest in final["instructions"] if keyword == "COPY" and "--from=" in rest]
    if stage_name is None:
        names = {f.split("=", 1)[1] for flags, _ in taken for f in flags if f.startswith("--from=")}
        if len(names) != 1:
            raise ReplayError(f"the last stage copies from {sorted(names) or 'no stage'}; name one with --stage")
        stage_name = names.pop()
    stage = next((s for s in stages if s["name"] == stage_name), None)
    if stage is None:
        raise ReplayError(f"no stage named {stage_name}")

    files = ContextFiles(context, context_files(context, DockerIgnore(context)))
    variables, environment, workdir = {}, {}, "/"
    for number, keyword, rest in stage["instructions"]:
        if keyword == "ARG":
            name, has_default, default = rest.partition("=")
            name = name.strip()
            variables[name] = build_args.get(name, unquote(default.strip()) if has_default else global_args.get(name, ""))
        elif keyword == "ENV":
            words = shlex.split(rest)
            pairs = [w.split("=", 1) for w in words] if "=" in words[0] else [[words[0], " ".join(words[1:])]]
            for name, value in pairs:
                environment[name] = variables[name] = expand(value, variables)
        elif keyword == "WORKDIR":
            workdir = os.path.normpath(os.path.join(workdir, expand(rest, variables)))
            os.makedirs(os.path.join(root, workdir.lstrip("/")), exist_ok=True)
        elif keyword == "COPY":
            flags, words = split_arguments(expand(rest, variables))
            if any(f.startswith("--from=") for f in flags):
                raise ReplayError(f"line {number}: COPY --from inside the replayed stage is not supported")
            print(f"replay: line {number}: COPY {' '.join(words)}", file=sys.stderr)
            copy_into(root, workdir, words[:-1], words[-1], files, number)
        elif keyword == "RUN":
            command = rest
            if command.startswith("["):
                command = shlex.join(json.loads(command))
            escaping = ABSOLUTE_PATH.findall(command)
            if escaping:
                raise ReplayError(f"line {number}: RUN uses absolute path(s) {escaping}; keep build-stage paths relative to WORKDIR")
            print(f"replay: line {number}: RUN {command}", file=sys.stderr)
            env = {**os.environ, **variables, **environment}
            result = subprocess.run(["/bin/sh", "-c", command], cwd=os.path.join(root, workdir.lstrip("/")), env=env,
                                    stdout=sys.stderr)
            if result.returncode != 0:
                raise ReplayError(f"line {number}: RUN failed with exit code {result.returncode}")
        elif keyword in ("LABEL", "EXPOSE", "USER", "SHELL", "CMD", "ENTRYPOINT"):
            continue
        else:
            raise ReplayError(f"line {number}: {keyword} is not understood by this replay")

    outputs = []
    for flags, words in taken:
        if f"--from={stage_name}" in flags:
            for source in words[:-1]:
                host = os.path.join(root, source.lstrip("/"))
                if not os.path.exists(host):
                    raise ReplayError(f"the last stage copies {source} from stage {stage_name}, which did not make it")
                outputs.append(host)
    for output in outputs:
        print(output)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--context", required=True)
    parser.add_argument("--root", required=True)
    parser.add_argument("--stage")
    parser.add_argument("--build-arg", action="append", default=[])
    options = parser.parse_args()
    build_args = dict(a.split("=", 1) for a in options.build_arg)
    if os.listdir(options.root):
        print(f"replay: {options.root} is not empty", file=sys.stderr)
        return 2
    try:
        replay(os.path.abspath(options.context), os.path.abspath(options.root), options.stage, build_args)
    except ReplayError as error:
        print(f"replay: Dockerfile {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
