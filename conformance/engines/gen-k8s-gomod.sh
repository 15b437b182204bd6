#!/usr/bin/env bash
# Regenerates conformance/go/k8s/go.mod and go.sum for K8S_VERSION in conformance/versions.env: requires
# k8s.io/kubernetes at that version and replaces each staging module that Kubernetes' own go.mod
# lists as v0.0.0 with the matching v0.<minor>.<patch> from the Go module proxy.
set -euo pipefail
# shellcheck source=../cache.sh
. "$(dirname "${BASH_SOURCE[0]}")/../cache.sh"
mod="$CONFORMANCE_DIR/go/k8s"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && go mod init tmp >/dev/null 2>&1 && go mod download -json "k8s.io/kubernetes@v$K8S_VERSION" > dl.json)
gomod=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["GoMod"])' "$tmp/dl.json")
staging=$(awk '$2 == "v0.0.0" && $1 ~ /^k8s.io\// {print $1}' "$gomod" | sort -u)
{
  echo "// Wrapper module: builds kube-apiserver, kube-controller-manager, kubectl and etcd of a pinned"
  echo "// Kubernetes release from the Go module proxy. Regenerate with conformance/engines/gen-k8s-gomod.sh."
  echo "module cdk8s-secure-ai/conformance/go/k8s"
  echo
  echo "go $(awk '$1 == "go" {print $2; exit}' "$gomod")"
  echo
  echo "require k8s.io/kubernetes v$K8S_VERSION"
  echo
  echo "replace ("
  for m in $staging; do printf '\t%s => %s v0.%s\n' "$m" "$m" "${K8S_VERSION#1.}"; done
  echo ")"
} > "$mod/go.mod"
rm -f "$mod/go.sum"
(cd "$mod" && GOFLAGS=-mod=mod go mod tidy)
etcd=$(awk '$1 == "go.etcd.io/etcd/server/v3" {print $2}' "$mod/go.mod")
echo "conformance/go/k8s now requires k8s.io/kubernetes v$K8S_VERSION, etcd $etcd (set ETCD_VERSION=${etcd#v} in conformance/versions.env)"
