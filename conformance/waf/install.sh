#!/usr/bin/env bash
# Installs the WAF engines and tools the LLM WAF tests need. Idempotent; safe on a fresh machine.
#  - Debian: nginx, libnginx-mod-http-modsecurity (libmodsecurity 3), modsecurity-crs (CRS 3.3), wrk
#    (WAF_DEBIAN_PACKAGES and the tested versions in conformance/versions.env)
#  - Coraza harness (conformance/go/coraza-waf, Coraza v3 + CRS v4 embedded) built from the Go module proxy
#  - coraza-proxy-wasm-host (conformance/go/coraza-proxy-wasm-host): coraza-proxy-wasm's plugin code under the proxy-wasm
#    host emulator, with the Coraza and CRS coraza-proxy-wasm pins, built from the Go module proxy
#  - go-ftw (conformance/go/go-ftw), the OWASP CRS regression test runner, built from the Go module proxy
#  - msc-cost (conformance/c/msc-cost), libmodsecurity's cost per request in-process, built with gcc
# Binaries go to ${CDK8S_SECURE_AI_CACHE:-$HOME/.cache/cdk8s-secure-ai}/<tool>-<key>/ (conformance/cache.sh),
# keyed by a hash of each tool's sources, so a change rebuilds and a fresh clone finds what an
# earlier run built.
set -euo pipefail
# shellcheck source=../cache.sh
. "$(dirname "${BASH_SOURCE[0]}")/../cache.sh"
mkdir -p "$TOOL_CACHE"

# shellcheck disable=SC2206 # a space-separated list of package names
pkgs=($WAF_DEBIAN_PACKAGES)
need_pkgs=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need_pkgs+=("$p")
done
if [ ${#need_pkgs[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "install.sh: apt-get install ${need_pkgs[*]}"
  $SUDO apt-get update -qq
  # Debian's nginx package starts a system nginx where it can; the tests start their own on loopback.
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
fi
# Installed by name (see versions.env); say so when a package differs from the version tested.
for p in "${pkgs[@]}" libmodsecurity3; do
  var="DEB_$(printf %s "$p" | tr 'a-z-' 'A-Z_')_VERSION"
  tested="${!var:-}" installed="$(dpkg-query -W -f='${Version}' "$p" 2>/dev/null || true)"
  if [ -n "$tested" ] && [ "$installed" != "$tested" ]; then
    echo "install.sh: note: $p $installed installed; tested with $tested (conformance/versions.env)"
  fi
done

build_go() { # <module dir under conformance/go> <name> <package> [build tags]
  local dir="$CONFORMANCE_DIR/go/$1" out tags="${4:-}"
  local key; key="$(go_source_key "$dir")"
  out="$(cache_dir "$2" "$key")/$2"
  if [ ! -x "$out" ]; then
    echo "install.sh: building $2 ($key)"
    mkdir -p "$(dirname "$out")"
    (cd "$dir" && GOFLAGS="-mod=readonly -p=2" go build -trimpath ${tags:+-tags "$tags"} -o "$out.tmp" "$3" && mv "$out.tmp" "$out")
  fi
  echo "$out"
}

build_go coraza-waf coraza-waf . >/dev/null
build_go go-ftw go-ftw github.com/coreruleset/go-ftw >/dev/null
# coraza-proxy-wasm's plugin under the proxy-wasm host emulator, with the Coraza it pins, built with
# the build tag released coraza-proxy-wasm builds use (the harness refuses to run without it).
build_go coraza-proxy-wasm-host coraza-proxy-wasm-host . coraza.rule.multiphase_evaluation >/dev/null

# msc-cost, keyed by its source.
src="$CONFORMANCE_DIR/c/msc-cost/msc-cost.c"
key="$(file_key "$src")"
out="$(cache_dir msc-cost "$key")/msc-cost"
if [ ! -x "$out" ]; then
  echo "install.sh: building msc-cost ($key)"
  mkdir -p "$(dirname "$out")"
  gcc -O2 -Wall -Wextra -o "$out.tmp" "$src" -lmodsecurity && mv "$out.tmp" "$out"
fi
echo "install.sh: engines ready (nginx $(nginx -v 2>&1 | sed 's/.*\///'), libmodsecurity $(dpkg-query -W -f='${Version}' libmodsecurity3), modsecurity-crs $(dpkg-query -W -f='${Version}' modsecurity-crs), Coraza harness, go-ftw and msc-cost in $TOOL_CACHE)"
