# EStreamer Emulator as a container: `docker compose up` (see docker-compose.yml) or
#   docker build -t estreamer-emulator . && docker run -p 8302:8302 -p 127.0.0.1:8303:8303 -v estreamer-data:/data estreamer-emulator
# The image also runs the other commands: `docker run --rm -v estreamer-data:/data estreamer-emulator peers list`.

# The version is set once, in Directory.Build.props (<Version>); it becomes the image's label when given as
#   --build-arg ESTREAMER_VERSION=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)
# and the build stops if the two differ. .ci/check-docker-build.sh passes it that way. Without it the label is
# empty (the program inside still carries the version); there is no second copy of the number to fall out of date.
ARG ESTREAMER_VERSION=""

# ---- build: restore first, on the project files alone, so a source edit does not re-download packages.
# (Directory.Build.props is among them: a version bump restores again, as it should.)
# Paths stay relative to WORKDIR: .ci/check-docker-build.sh replays this stage's COPY and RUN lines outside Docker.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG ESTREAMER_VERSION
WORKDIR /src
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY protocol/EStreamer.Protocol.csproj protocol/
COPY client/EStreamer.Client.csproj client/
COPY scenarios/EStreamer.Scenarios.csproj scenarios/
COPY emulator/EStreamer.Emulator.csproj emulator/
COPY cli/EStreamer.Emulator.Cli.csproj cli/CompositeReadyToRun.targets cli/
# Every project cli/ references, directly or not, needs its .csproj above and its sources below.
# Self-contained and ReadyToRun as one composite image: the runtime, ASP.NET Core and the program compiled ahead
# together for the target CPU, so even generic code shared across them needs no compiling at start-up; `serve`
# is ready about a third sooner (docs/performance.md, "Ready"). It needs the platform's runtime
# identifier, which BuildKit passes as TARGETARCH; without one (the classic builder) the SDK's own platform is used.
ARG TARGETARCH
RUN case "${TARGETARCH:-}" in \
      amd64) echo "-r linux-x64" ;; \
      arm64) echo "-r linux-arm64" ;; \
      *) echo "--use-current-runtime" ;; \
    esac > publish.args \
 && echo "-p:SelfContained=true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true" >> publish.args
RUN dotnet restore cli/EStreamer.Emulator.Cli.csproj $(cat publish.args)
RUN version="$(dotnet msbuild cli/EStreamer.Emulator.Cli.csproj -getProperty:Version)" \
 && if [ -n "$ESTREAMER_VERSION" ] && [ "$ESTREAMER_VERSION" != "$version" ]; then \
      echo "ESTREAMER_VERSION=$ESTREAMER_VERSION but Directory.Build.props says $version" >&2; exit 1; fi
COPY protocol/ protocol/
COPY client/ client/
COPY scenarios/ scenarios/
COPY emulator/ emulator/
COPY cli/ cli/
RUN dotnet publish cli/EStreamer.Emulator.Cli.csproj -c Release --no-restore $(cat publish.args) -o publish

# ---- runtime: no SDK, non-root. Only the runtime's native dependencies: the program brings its own runtime and
# ASP.NET Core (the control API runs on Kestrel).
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0
ARG ESTREAMER_VERSION
LABEL org.opencontainers.image.title="estreamer-emulator" \
      org.opencontainers.image.version="$ESTREAMER_VERSION"
WORKDIR /app
COPY --from=build /src/publish ./
# /data holds the CA, the server certificate, peers.yaml and the clients' PKCS#12 files. Owned by the
# image's non-root user so that a named volume, which starts as a copy of it, is writable.
RUN mkdir -p /data /scenarios && chown "$APP_UID" /data
ENV ESTREAMER_DATA_DIR=/data
# 8302 eStreamer (reference 1.1); 8303 the control API (docs/control-api.md).
EXPOSE 8302 8303
USER $APP_UID
ENTRYPOINT ["/app/estreamer-emulator"]
# Listen on every interface: inside a container, 127.0.0.1 is unreachable from the published port. The
# control API too; publish it on the host's loopback (-p 127.0.0.1:8303:8303) or set ESTREAMER_CONTROL_TOKEN.
CMD ["serve", "--bind", "0.0.0.0", "--control-bind", "0.0.0.0", "--data-dir", "/data"]
