# Source me: puts the engines installed by scripts/engines/install.sh on PATH.
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export PATH="$K8S_BIN:$GO_TOOLS_BIN:$CHECKOV_VENV/bin:$PATH"
