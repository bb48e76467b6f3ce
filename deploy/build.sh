#!/usr/bin/env bash
# Builds the `boutique` executable and installs it with its resource bundles (templates, static
# files, mail templates, openapi.yaml) and deploy/start.sh into PREFIX/bin.
# The Dockerfile runs this (release); CI runs it too (debug), then starts the installed copy.
#   deploy/build.sh [debug|release] [PREFIX]          (defaults: release, ./dist)
#   BOUTIQUE_BUILD_FLAGS="--static-swift-stdlib"   extra `swift build` flags (the Dockerfile's)
#   BOUTIQUE_SCRATCH=.build                        SwiftPM scratch path (default .build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
config=${1:-release}
prefix=${2:-$root/dist}
case "$config" in debug|release) ;; *) echo "usage: $0 [debug|release] [PREFIX]" >&2; exit 2 ;; esac
scratch=${BOUTIQUE_SCRATCH:-$root/.build}
cd "$root"
# shellcheck disable=SC2086
swift build -c "$config" --product boutique --scratch-path "$scratch" ${BOUTIQUE_BUILD_FLAGS:-}
bin_dir=$(swift build -c "$config" --product boutique --scratch-path "$scratch" ${BOUTIQUE_BUILD_FLAGS:-} --show-bin-path)
mkdir -p "$prefix/bin"
install -m 0755 "$bin_dir/boutique" "$prefix/bin/boutique"
install -m 0755 "$root/deploy/start.sh" "$prefix/bin/start.sh"
# Bundle.module looks for NAME.resources beside the executable first.
for bundle in "$bin_dir"/*.resources; do
  [ -d "$bundle" ] || continue
  rm -rf "$prefix/bin/$(basename "$bundle")"
  cp -R "$bundle" "$prefix/bin/"
done
echo "installed $config build in $prefix/bin"
