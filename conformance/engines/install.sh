#!/usr/bin/env bash
# Installs every engine the conformance suite runs, idempotently, into a versioned cache
# (${CDK8S_SECURE_AI_CACHE:-$HOME/.cache/cdk8s-secure-ai}/<tool>-<version>, see conformance/cache.sh):
#   - kube-apiserver, kube-controller-manager, kubectl and etcd, built from conformance/go/k8s (Go module proxy)
#   - kubectl-validate, kube-score (go install), netpolicy (np-guard netpol-analyzer, from conformance/go/netpol)
#   - Checkov (PyPI) in a virtualenv
# Versions are pinned in conformance/versions.env. Run `. conformance/engines/env.sh` afterwards.
set -euo pipefail
# shellcheck source=../cache.sh
. "$(dirname "${BASH_SOURCE[0]}")/../cache.sh"

export GOFLAGS="${GOFLAGS:--p=2}"
log() { printf '[engines] %s\n' "$*" >&2; }
have_all() { local d=$1; shift; for b in "$@"; do [[ -x "$d/$b" ]] || return 1; done; }

install_k8s() {
  local bins=(kube-apiserver kube-controller-manager kubectl etcd)
  if have_all "$K8S_BIN" "${bins[@]}"; then log "kubernetes v$K8S_VERSION + etcd present in $K8S_BIN"; return; fi
  local mod="$CONFORMANCE_DIR/go/k8s"
  grep -Eq "^(require )?[[:space:]]*k8s.io/kubernetes v$K8S_VERSION\$" "$mod/go.mod" || {
    log "conformance/go/k8s/go.mod does not require k8s.io/kubernetes v$K8S_VERSION: run conformance/engines/gen-k8s-gomod.sh"; exit 1; }
  grep -Eq "^[[:space:]]*go.etcd.io/etcd/server/v3 v$ETCD_VERSION\$" "$mod/go.mod" || {
    log "conformance/go/k8s/go.mod does not pin etcd v$ETCD_VERSION (ETCD_VERSION in conformance/versions.env)"; exit 1; }
  local minor=${K8S_VERSION#*.}; minor=${minor%%.*}
  local ver=k8s.io/component-base/version cver=k8s.io/client-go/pkg/version
  local ld="-s -w -X $ver.gitVersion=v$K8S_VERSION -X $ver.gitMajor=1 -X $ver.gitMinor=$minor -X $ver.gitTreeState=clean"
  ld+=" -X $cver.gitVersion=v$K8S_VERSION -X $cver.gitMajor=1 -X $cver.gitMinor=$minor -X $cver.gitTreeState=clean"
  local tmp="$K8S_BIN.partial.$$"
  mkdir -p "$tmp"
  log "building kubernetes v$K8S_VERSION and etcd v$ETCD_VERSION into $K8S_BIN (cold: ~20-30 min on 2 cores)"
  local t0=$SECONDS
  (cd "$mod" && go build -mod=readonly -trimpath -ldflags "$ld" -o "$tmp/" \
    k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
    k8s.io/kubernetes/cmd/kubectl)
  (cd "$mod" && go build -mod=readonly -trimpath -ldflags "-s -w" -o "$tmp/etcd" go.etcd.io/etcd/server/v3)
  rm -rf "$K8S_BIN"; mv "$tmp" "$K8S_BIN"
  log "kubernetes built in $((SECONDS - t0)) s"
}

install_go_tools() {
  if have_all "$GO_TOOLS_BIN" kubectl-validate netpolicy kube-score; then log "go tools present in $GO_TOOLS_BIN"; return; fi
  local t0=$SECONDS
  mkdir -p "$GO_TOOLS_BIN"
  [[ -x "$GO_TOOLS_BIN/kubectl-validate" ]] || GOBIN="$GO_TOOLS_BIN" go install "sigs.k8s.io/kubectl-validate@$KUBECTL_VALIDATE_VERSION"
  if [[ ! -x "$GO_TOOLS_BIN/netpolicy" ]]; then
    # built from conformance/go/netpol, whose go.sum pins the checksums (the module is not in the checksum database)
    grep -Eq "^(require )?[[:space:]]*github.com/np-guard/netpol-analyzer $NETPOL_ANALYZER_VERSION\$" "$CONFORMANCE_DIR/go/netpol/go.mod" || {
      log "conformance/go/netpol/go.mod does not require netpol-analyzer $NETPOL_ANALYZER_VERSION"; exit 1; }
    (cd "$CONFORMANCE_DIR/go/netpol" && go build -mod=readonly -trimpath -o "$GO_TOOLS_BIN/netpolicy" github.com/np-guard/netpol-analyzer/cmd/netpolicy)
  fi
  [[ -x "$GO_TOOLS_BIN/kube-score" ]] || GOBIN="$GO_TOOLS_BIN" go install "github.com/zegl/kube-score/cmd/kube-score@$KUBE_SCORE_VERSION"
  log "go tools built in $((SECONDS - t0)) s"
}

install_checkov() {
  if [[ -x "$CHECKOV_VENV/bin/checkov" ]]; then log "checkov $CHECKOV_VERSION present in $CHECKOV_VENV"; return; fi
  local t0=$SECONDS tmp="$CHECKOV_VENV.partial.$$"
  python3 -m venv "$tmp"
  "$tmp/bin/pip" install --quiet --disable-pip-version-check "checkov==$CHECKOV_VERSION"
  rm -rf "$CHECKOV_VENV"; mv "$tmp" "$CHECKOV_VENV"
  # a venv records its own path: rewrite the shebangs after the move
  grep -rlI "$tmp" "$CHECKOV_VENV/bin" | xargs -r sed -i "s#$tmp#$CHECKOV_VENV#g"
  log "checkov installed in $((SECONDS - t0)) s"
}

want=("${@:-all}")
for w in "${want[@]}"; do
  case "$w" in
    k8s) install_k8s ;;
    go-tools) install_go_tools ;;
    checkov) install_checkov ;;
    all) install_go_tools; install_checkov; install_k8s ;;
    *) log "unknown component $w (k8s|go-tools|checkov|all)"; exit 2 ;;
  esac
done

log "installed:"
for b in "$K8S_BIN"/kube-apiserver "$K8S_BIN"/kube-controller-manager "$K8S_BIN"/kubectl "$K8S_BIN"/etcd \
  "$GO_TOOLS_BIN"/kubectl-validate "$GO_TOOLS_BIN"/netpolicy "$GO_TOOLS_BIN"/kube-score "$CHECKOV_VENV"/bin/checkov; do
  [[ -x "$b" ]] && printf '  %-24s %s\n' "$(basename "$b")" "$b" >&2
done
exit 0
