# Source me: puts the engines installed by conformance/engines/install.sh on PATH.
# shellcheck source=../cache.sh
. "$(dirname "${BASH_SOURCE[0]}")/../cache.sh"
export PATH="$K8S_BIN:$GO_TOOLS_BIN:$CHECKOV_VENV/bin:$PATH"
