#!/usr/bin/env bash
# Proves the fixture works as a NuGet package: packs EStreamer.Protocol, EStreamer.Scenarios,
# EStreamer.Emulator and EStreamer.Emulator.Fixture into samples/packages, then builds and runs
# samples/FixtureSample, which references the fixture package from that folder only (samples/NuGet.config)
# and none of this repository's build settings (samples/Directory.*.props).
# The sample restores into a package folder of its own, so an earlier package of the same version in the
# machine's NuGet cache cannot stand in for the one packed here.
set -euo pipefail
cd "$(dirname "$0")/.."

work="$(mktemp -d "${TMPDIR:-/tmp}/estreamer-fixture-check.XXXXXX")"
trap 'rm -rf "$work"' EXIT
feed=samples/packages
sample=samples/FixtureSample/FixtureSample.csproj

version="$(dotnet msbuild fixture/EStreamer.Emulator.Fixture.csproj -getProperty:Version)"
rm -rf "$feed" && mkdir -p "$feed"
dotnet build fixture/EStreamer.Emulator.Fixture.csproj -c Release -v quiet -nologo
for project in protocol/EStreamer.Protocol.csproj scenarios/EStreamer.Scenarios.csproj \
               emulator/EStreamer.Emulator.csproj fixture/EStreamer.Emulator.Fixture.csproj; do
    dotnet pack "$project" -c Release --no-build --no-restore -o "$feed" -v quiet -nologo
done
echo "check-fixture-package: packed $(cd "$feed" && echo *.nupkg)"

export NUGET_PACKAGES="$work/nuget-packages"
dotnet restore "$sample" -p:EStreamerEmulatorVersion="$version"
# The fixture and the emulator must come in as packages of this version, not as projects of this tree.
python3 - samples/FixtureSample/obj/project.assets.json "$version" <<'PY'
import json, sys
assets, version = json.load(open(sys.argv[1], encoding="utf-8")), sys.argv[2]
libraries = assets["libraries"]
for name in ("EStreamer.Emulator.Fixture", "EStreamer.Emulator", "EStreamer.Scenarios", "EStreamer.Protocol"):
    kind = libraries.get(f"{name}/{version}", {}).get("type")
    if kind != "package":
        sys.exit(f"check-fixture-package: {name} {version} restored as {kind or 'nothing'}, not as a package")
projects = [key for key, value in libraries.items() if value.get("type") == "project"]
if projects:
    sys.exit(f"check-fixture-package: the sample references projects: {projects}")
PY
dotnet test "$sample" -c Release --no-restore -p:EStreamerEmulatorVersion="$version"
echo "check-fixture-package: samples/FixtureSample passes on EStreamer.Emulator.Fixture $version from $feed"
