#!/usr/bin/env bash
# Generates the CustomResourceDefinitions the library targets. Everything comes
# from the Go module proxy, at the versions pinned in tools/crdgen/go.mod; nothing
# is copied into the repository:
#   - cert-manager, F5 NGINX and Envoy Gateway: controller-gen from the Go API types;
#   - Gateway API: the standard-channel CRDs the module ships
#     (config/crd/standard/*.yaml), read in place from the Go module cache;
#   - Gateway API Inference Extension: InferencePool, from the CRDs the module ships
#     (config/crd/bases/*.yaml), read in place from the Go module cache;
#   - Envoy AI Gateway: its module is refused by the proxy, so its released CRDs are
#     schema data beside the clone (../shared/crds/envoy-ai-gateway-<version>/), read in place.
# Writes one YAML file per CRD into OUTDIR and checks each one with the
# kube-apiserver's own CRD validation (tools/crdgen/cmd/crdcheck).
#
# Usage: scripts/crds/generate.sh OUTDIR
#
# Idempotent: results are cached under
#   ${CDK8S_SECURE_AI_CACHE:-$HOME/.cache/cdk8s-secure-ai}/crds-<versions>-<hash>/
# keyed by the pinned versions and by this script, so a version bump regenerates.
# Set CRDS_FORCE=1 to regenerate anyway.
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi
outdir=$1

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
mod="$root/tools/crdgen"
cache_root=${CDK8S_SECURE_AI_CACHE:-$HOME/.cache/cdk8s-secure-ai}

command -v go > /dev/null || { echo "generate.sh: 'go' is required (Go toolchain)" >&2; exit 1; }

# API packages to generate from: "<label> <go package> <kinds to keep>".
# A kind list of '*' keeps every CRD of the package.
sources=(
  "cert-manager github.com/cert-manager/cert-manager/pkg/apis/certmanager/v1 Certificate,Issuer,ClusterIssuer"
  "nginx-ingress github.com/nginxinc/kubernetes-ingress/pkg/apis/configuration/v1 *"
  "envoy-gateway github.com/envoyproxy/gateway/api/v1alpha1 SecurityPolicy,BackendTrafficPolicy,ClientTrafficPolicy,EnvoyExtensionPolicy,Backend"
)

# CRDs a module ships as YAML, taken as released: "<label> <module> <directory in the module> <kinds to keep>".
# Gateway API: the standard channel only (no experimental fields), with every version upstream serves.
released=(
  "gateway-api sigs.k8s.io/gateway-api config/crd/standard GatewayClass,Gateway,HTTPRoute,GRPCRoute,ReferenceGrant,BackendTLSPolicy,ListenerSet"
  "inference-extension sigs.k8s.io/gateway-api-inference-extension config/crd/bases InferencePool"
)

# Released CRDs of projects whose Go module the proxy refuses, kept as schema data in a
# directory beside the clone: "<label> <directory, relative to the clone's parent> <kinds to keep>".
# SOURCE.md in that directory names the release they come from.
ai_gateway_version=v1.1.0
shared_crds=(
  "ai-gateway shared/crds/envoy-ai-gateway-${ai_gateway_version} AIGatewayRoute,AIServiceBackend"
)
shared_root=${CDK8S_SECURE_AI_SHARED_DIR:-$(cd "$root/.." && pwd)}
shared_files() {
  local source label dir kinds
  for source in "${shared_crds[@]}"; do
    read -r label dir kinds <<< "$source"
    [[ -d "$shared_root/$dir" ]] || { echo "generate.sh: $shared_root/$dir does not exist (the $label CRDs, schema data beside the clone)" >&2; exit 1; }
    ls "$shared_root/$dir"/*.yaml
  done
}

version_of() { (cd "$mod" && go list -m -f '{{.Version}}' "$1"); }
cg_version=$(version_of sigs.k8s.io/controller-tools)
cm_version=$(version_of github.com/cert-manager/cert-manager)
nic_version=$(version_of github.com/nginxinc/kubernetes-ingress)
gw_version=$(version_of sigs.k8s.io/gateway-api)
eg_version=$(version_of github.com/envoyproxy/gateway)
gie_version=$(version_of sigs.k8s.io/gateway-api-inference-extension)
go_version=$(go env GOVERSION)

# The tools are keyed by the Go module and crdcheck's source; the CRDs also by this script.
tools_fp=$(cat "$mod/go.mod" "$mod/go.sum" "$mod/cmd/crdcheck/main.go" | sha256sum | cut -c1-12)
mapfile -t shared_inputs < <(shared_files)
fingerprint=$(cat "$mod/go.mod" "$mod/go.sum" "$mod/cmd/crdcheck/main.go" "${BASH_SOURCE[0]}" "${shared_inputs[@]}" | sha256sum | cut -c1-12)
key="crds-cg${cg_version}-cm${cm_version}-nic${nic_version}-gw${gw_version}-eg${eg_version}-gie${gie_version}-aig${ai_gateway_version}-${fingerprint}"
bin_dir="$cache_root/crdgen-bin-cg${cg_version}-${go_version}-${tools_fp}"
cache="$cache_root/$key"

build_tools() {
  if [[ -x "$bin_dir/controller-gen" && -x "$bin_dir/crdcheck" ]]; then
    return
  fi
  echo "generate.sh: building controller-gen $cg_version and crdcheck into $bin_dir" >&2
  bin_tmp=$(mktemp -d "$cache_root/.bin.XXXXXX")
  trap 'rm -rf "$bin_tmp"' EXIT
  (cd "$mod" && GOFLAGS="${GOFLAGS:--p=2}" go build -o "$bin_tmp/controller-gen" sigs.k8s.io/controller-tools/cmd/controller-gen)
  (cd "$mod" && GOFLAGS="${GOFLAGS:--p=2}" go build -o "$bin_tmp/crdcheck" ./cmd/crdcheck)
  rm -rf "$bin_dir"
  mv "$bin_tmp" "$bin_dir"
  trap - EXIT
}

# keep_kinds FILE KINDS: 0 if the CRD in FILE is one of KINDS ('*' = all).
keep_kind() {
  local file=$1 kinds=$2 kind
  [[ $kinds == '*' ]] && return 0
  kind=$(awk '/^  names:/{n=1} n && /^    kind:/{print $2; exit}' "$file")
  [[ ",$kinds," == *",$kind,"* ]]
}

# The API server refuses CRDs in the protected *.k8s.io / *.kubernetes.io groups
# unless they carry the api-approved.kubernetes.io annotation. Released CRDs (Gateway
# API) carry it already; controller-gen output does not, so add it where missing.
approve_protected_group() {
  local file=$1 group
  group=$(awk '/^spec:/{s=1} s && /^  group:/{print $2; exit}' "$file")
  if [[ $group == *.k8s.io || $group == *.kubernetes.io ]] && ! grep -q 'api-approved.kubernetes.io:' "$file"; then
    awk '{print} !done && /^  annotations:$/{print "    api-approved.kubernetes.io: https://github.com/kubernetes-sigs/gateway-api"; done=1}' \
      "$file" > "$file.tmp"
    mv "$file.tmp" "$file"
  fi
}

generate() {
  build_tools
  local label pkg kinds f
  tmp=$(mktemp -d "$cache_root/.crds.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  for source in "${sources[@]}"; do
    read -r label pkg kinds <<< "$source"
    mkdir -p "$tmp/$label"
    # crdVersions=v1: apiextensions.k8s.io/v1 only. allowDangerousTypes: Envoy
    # Gateway has float fields (fault injection percentages), as upstream generates.
    # No maxDescLen: descriptions become the doc comments of the TypeScript bindings.
    (cd "$mod" && "$bin_dir/controller-gen" crd:crdVersions=v1,allowDangerousTypes=true \
      paths="$pkg" output:crd:dir="$tmp/$label")
    for f in "$tmp/$label"/*.yaml; do
      if keep_kind "$f" "$kinds"; then
        mv "$f" "$tmp/"
      fi
    done
    rm -rf "${tmp:?}/$label"
  done
  local module dir src
  for source in "${released[@]}"; do
    read -r label module dir kinds <<< "$source"
    # the module zip is in the Go module cache after `go mod download`; read it in place
    (cd "$mod" && go mod download "$module")
    src="$(cd "$mod" && go list -m -f '{{.Dir}}' "$module")/$dir"
    [[ -d $src ]] || { echo "generate.sh: $src does not exist" >&2; exit 1; }
    for f in "$src"/*.yaml; do
      # keep_kind skips what is not a CRD of the list (e.g. the ValidatingAdmissionPolicy upstream ships)
      if keep_kind "$f" "$kinds"; then
        cp "$f" "$tmp/$(basename "$f")"
        chmod u+w "$tmp/$(basename "$f")"
      fi
    done
  done
  for source in "${shared_crds[@]}"; do
    read -r label dir kinds <<< "$source"
    for f in "$shared_root/$dir"/*.yaml; do
      if keep_kind "$f" "$kinds"; then
        cp "$f" "$tmp/$(basename "$f")"
        chmod u+w "$tmp/$(basename "$f")"
      fi
    done
  done
  for f in "$tmp"/*.yaml; do
    approve_protected_group "$f"
  done
  "$bin_dir/crdcheck" "$tmp"/*.yaml >&2
  {
    echo "controller-tools $cg_version"
    echo "github.com/cert-manager/cert-manager $cm_version"
    echo "github.com/nginxinc/kubernetes-ingress $nic_version"
    echo "sigs.k8s.io/gateway-api $gw_version (config/crd/standard, as released)"
    echo "github.com/envoyproxy/gateway $eg_version"
    echo "sigs.k8s.io/gateway-api-inference-extension $gie_version (config/crd/bases, as released)"
    echo "envoy AI Gateway $ai_gateway_version (released CRDs, schema data beside the clone)"
    echo "go $go_version"
  } > "$tmp/VERSIONS"
  rm -rf "$cache"
  mv "$tmp" "$cache"
  trap - EXIT
}

mkdir -p "$cache_root"
if [[ ${CRDS_FORCE:-0} == 1 || ! -f "$cache/VERSIONS" ]]; then
  generate
else
  echo "generate.sh: using cached CRDs in $cache" >&2
fi

mkdir -p "$outdir"
cp "$cache"/*.yaml "$outdir"/
count=$(find "$cache" -maxdepth 1 -name '*.yaml' | wc -l)
echo "generate.sh: wrote $count CRDs to $outdir" >&2
