# Shared settings for scripts/engines/*.sh (sourced, not executed).
ENGINES_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=../../tools/versions.env
. "$ENGINES_REPO_ROOT/tools/versions.env"
ENGINES_CACHE="${CDK8S_SECURE_AI_CACHE:-$HOME/.cache/cdk8s-secure-ai}"
K8S_BIN="$ENGINES_CACHE/k8s-$K8S_VERSION/bin"
GO_TOOLS_BIN="$ENGINES_CACHE/go-tools-kv$KUBECTL_VALIDATE_VERSION-np$NETPOL_ANALYZER_VERSION-ks$KUBE_SCORE_VERSION/bin"
CHECKOV_VENV="$ENGINES_CACHE/checkov-$CHECKOV_VERSION"
