#!/usr/bin/env bash
# Installs the WAF engines and tools the LLM WAF tests need. Idempotent; safe on a fresh machine.
#  - Debian: nginx, libnginx-mod-http-modsecurity (libmodsecurity 3), wrk
#    (WAF_DEBIAN_PACKAGES and the tested versions in conformance/versions.env)
#  - Coraza harness (conformance/go/coraza-waf, Coraza v3 + CRS v4 embedded, with Coraza's operators or with
#    coraza-wasilibs' RE2 ones as coraza-proxy-wasm registers them: -operators) built from the Go module proxy;
#    its -cost mode measures Coraza's CPU time per request in-process, with the same operators
#  - coraza-proxy-wasm-host (conformance/go/coraza-proxy-wasm-host): coraza-proxy-wasm's plugin code under the proxy-wasm
#    host emulator, with the Coraza and CRS coraza-proxy-wasm pins, built from the Go module proxy
#  - go-ftw (conformance/go/go-ftw), the OWASP CRS regression test runner, built from the Go module proxy
#  - libmodsecurity 3.0.14 (LIBMODSECURITY_* in conformance/versions.env), built from Debian's source pool
#    against bookworm's -dev packages; Debian's nginx connector loads it through LD_LIBRARY_PATH
#  - msc-cost (conformance/c/msc-cost), libmodsecurity's cost per request in-process, built with gcc
#    against Debian's libmodsecurity 3.0.9 and against the 3.0.14 build
# Binaries go to ${CDK8S_SECURE_AI_CACHE:-$HOME/.cache/cdk8s-secure-ai}/<tool>-<key>/ (conformance/cache.sh),
# keyed by a hash of each tool's sources, so a change rebuilds and a fresh clone finds what an
# earlier run built.
set -euo pipefail
# shellcheck source=../cache.sh
. "$(dirname "${BASH_SOURCE[0]}")/../cache.sh"
mkdir -p "$TOOL_CACHE"

# shellcheck disable=SC2206 # a space-separated list of package names
pkgs=($WAF_DEBIAN_PACKAGES $LIBMODSECURITY_BUILD_DEBIAN_PACKAGES)
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
# shellcheck disable=SC2086 # a space-separated list of package names
for p in $WAF_DEBIAN_PACKAGES libmodsecurity3; do
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

# Also Coraza's CPU time per request in-process (-cost, the counterpart of msc-cost), for waf:bench and waf:rule-cost.
build_go coraza-waf coraza-waf . >/dev/null
build_go go-ftw go-ftw github.com/coreruleset/go-ftw >/dev/null
# coraza-proxy-wasm's plugin under the proxy-wasm host emulator, with the Coraza it pins, built with
# the build tag released coraza-proxy-wasm builds use (the harness refuses to run without it).
build_go coraza-proxy-wasm-host coraza-proxy-wasm-host . coraza.rule.multiphase_evaluation >/dev/null

# libmodsecurity $LIBMODSECURITY_VERSION from Debian's source pool. The source comes through apt: a
# deb-src entry for $LIBMODSECURITY_DEBIAN_SUITE on the mirror this machine's apt already uses, in a
# sources file of its own. `apt-get source` fetches the orig tarball and checks it against the
# Sources index; it may still fail on the .dsc or the Debian patches (the pool keeps only some), so
# what counts is the orig tarball and the checksum pinned in versions.env.
build_libmodsecurity() {
  local out="$LIBMODSECURITY_DIR" orig="modsecurity_$LIBMODSECURITY_VERSION.orig.tar.gz" src work mirror
  [ -f "$out/.complete" ] && return 0
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  mirror="$({ cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null || true; } | grep -E '^(URIs:|deb )' \
    | grep -v security | head -1 | sed -E 's/^URIs: *//; s/^deb (\[[^]]*\] )?//; s/ .*//' || true)"
  [ -n "$mirror" ] || { echo "install.sh: no Debian mirror in the apt sources" >&2; return 1; }
  src=/etc/apt/sources.list.d/cdk8s-secure-ai-$LIBMODSECURITY_DEBIAN_SUITE-src.sources
  if [ ! -f "$src" ]; then
    printf 'Types: deb-src\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
      "$mirror" "$LIBMODSECURITY_DEBIAN_SUITE" | $SUDO tee "$src" >/dev/null
  fi
  $SUDO apt-get update -qq
  work="$(mktemp -d)"
  (cd "$work" && apt-get source --download-only -qq modsecurity >apt-source.log 2>&1) \
    || echo "install.sh: apt-get source modsecurity failed ($(grep -c '^E:' "$work/apt-source.log") errors); using its orig tarball"
  if [ ! -f "$work/$orig" ]; then
    # The orig tarball from the same pool path, checked against the Sources index below.
    local dir; dir="$(apt-cache showsrc modsecurity 2>/dev/null | sed -n 's/^Directory: //p' | head -1)"
    [ -n "$dir" ] || { echo "install.sh: modsecurity $LIBMODSECURITY_VERSION is not in the $LIBMODSECURITY_DEBIAN_SUITE Sources index" >&2; return 1; }
    curl -fsS -o "$work/$orig" "$mirror/$dir/$orig"
  fi
  if ! apt-cache showsrc modsecurity | grep -q " $LIBMODSECURITY_ORIG_SHA256 [0-9]* $orig\$"; then
    echo "install.sh: the Sources index does not list $orig with the SHA-256 in versions.env" >&2; return 1
  fi
  echo "$LIBMODSECURITY_ORIG_SHA256  $work/$orig" | sha256sum -c --quiet - || return 1
  echo "install.sh: building libmodsecurity $LIBMODSECURITY_VERSION into $out (make -j2)"
  local t0=$SECONDS
  rm -rf "$out"
  tar -xzf "$work/$orig" -C "$work"
  # shellcheck disable=SC2086 # a space-separated list of flags
  (cd "$work/modsecurity-$LIBMODSECURITY_VERSION" \
    && ./configure --prefix="$out" $LIBMODSECURITY_CONFIGURE_FLAGS >"$work/configure.log" 2>&1 \
    && make -j2 >"$work/make.log" 2>&1 && make install >"$work/install.log" 2>&1) \
    || { echo "install.sh: libmodsecurity build failed; logs in $work" >&2; return 1; }
  touch "$out/.complete"
  echo "install.sh: libmodsecurity $LIBMODSECURITY_VERSION built in $((SECONDS - t0)) s"
  rm -rf "$work"
}
build_libmodsecurity

# msc-cost, keyed by its source, once against Debian's libmodsecurity and once against the build above.
src="$CONFORMANCE_DIR/c/msc-cost/msc-cost.c"
key="$(file_key "$src")"
out="$(cache_dir msc-cost "$key")/msc-cost"
if [ ! -x "$out" ]; then
  echo "install.sh: building msc-cost ($key)"
  mkdir -p "$(dirname "$out")"
  gcc -O2 -Wall -Wextra -o "$out.tmp" "$src" -lmodsecurity && mv "$out.tmp" "$out"
fi
out="$LIBMODSECURITY_DIR/bin/msc-cost-$key"
if [ ! -x "$out" ]; then
  echo "install.sh: building msc-cost ($key) against libmodsecurity $LIBMODSECURITY_VERSION"
  mkdir -p "$(dirname "$out")"
  gcc -O2 -Wall -Wextra -I"$LIBMODSECURITY_DIR/include" -o "$out.tmp" "$src" \
    -L"$LIBMODSECURITY_DIR/lib" -Wl,-rpath,"$LIBMODSECURITY_DIR/lib" -lmodsecurity && mv "$out.tmp" "$out"
fi
echo "install.sh: engines ready (nginx $(nginx -v 2>&1 | sed 's/.*\///'), libmodsecurity $(dpkg-query -W -f='${Version}' libmodsecurity3) and $LIBMODSECURITY_VERSION, Coraza harness, go-ftw and msc-cost in $TOOL_CACHE)"
