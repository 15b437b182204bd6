#!/usr/bin/env bash
# The library from Python: builds the wheel (npm run package:python -> dist/python/), installs it
# into a virtual environment, runs every examples/python-<name>/main.py and checks that it
# synthesises the same objects as the TypeScript example examples/<name>/main.ts
# (scripts/python/compare-manifests.ts: by apiVersion/kind/namespace/name, content deep-equal).
#
# The wheel is rebuilt only when its inputs changed (their hash is kept in dist/python/.key). The
# virtual environment is cached, keyed by the example's requirements.txt and the Python version:
# ${CDK8S_SECURE_AI_CACHE:-$HOME/.cache/cdk8s-secure-ai}/python-examples-<key>; only the wheel is
# reinstalled into it on each run.
#
# Usage: scripts/python/examples.sh [python-<name>...]   (or: npm run python:examples)
# Environment: PYTHON (default python3, 3.10 or later), CDK8S_SECURE_AI_CACHE,
#              PYTHON_WHEEL_PREBUILT=1 to use the wheel in dist/python/ whatever its key.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
python=${PYTHON:-python3}
cache="${CDK8S_SECURE_AI_CACHE:-$HOME/.cache/cdk8s-secure-ai}"
ts_node=(node "$root/node_modules/ts-node/dist/bin.js" -T -P "$root/tsconfig.dev.json")
t0=$SECONDS
elapsed() { printf '[%3ds] %s\n' "$((SECONDS - t0))" "$*"; }

if [ $# -gt 0 ]; then
  examples=("$@")
else
  examples=()
  for d in examples/python-*/; do
    [ -f "$d/main.py" ] && examples+=("$(basename "$d")")
  done
fi
[ ${#examples[@]} -gt 0 ] || { echo "no examples/python-<name>/main.py found" >&2; exit 1; }
for name in "${examples[@]}"; do
  [[ $name == python-* ]] || { echo "$name: a Python example is named python-<TypeScript example>" >&2; exit 1; }
  [ -f "examples/$name/main.py" ] || { echo "examples/$name/main.py: no such file" >&2; exit 1; }
  [ -f "examples/$name/requirements.txt" ] || { echo "examples/$name/requirements.txt: no such file" >&2; exit 1; }
  [ -f "examples/${name#python-}/main.ts" ] || { echo "$name: no TypeScript example examples/${name#python-}/main.ts to compare with" >&2; exit 1; }
done
"$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' \
  || { echo "$python is $("$python" --version 2>&1); the package needs Python 3.10 or later (set PYTHON)" >&2; exit 1; }

# The wheel is rebuilt when what goes into it changed: the sources, the package's metadata and
# README, and the jsii toolchain. Its key is written beside it.
wheel_key() {
  { find src -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum
    sha256sum package.json tsconfig.json README.md LICENSE node_modules/jsii/package.json node_modules/jsii-pacmak/package.json
  } | sha256sum | cut -c1-12
}
if [ "${PYTHON_WHEEL_PREBUILT:-}" != 1 ]; then
  key=$(wheel_key)
  if [ -f dist/python/.key ] && [ "$(cat dist/python/.key)" = "$key" ] && compgen -G 'dist/python/*.whl' > /dev/null; then
    elapsed "wheel in dist/python/ is current (key $key)"
  else
    rm -rf dist/python
    npx projen package:python
    echo "$key" > dist/python/.key
    elapsed "wheel built (key $key)"
  fi
fi
wheels=(dist/python/*.whl)
[ -f "${wheels[0]}" ] || { echo "no wheel in dist/python/ (npm run package:python)" >&2; exit 1; }

# The TypeScript originals, with their security reports.
# Type-checking the examples is synth:examples' and the unit tests' job; here they only run.
TS_NODE_TRANSPILE_ONLY=true "${ts_node[@]}" scripts/synth-examples.ts "${examples[@]#python-}"
elapsed "TypeScript examples synthesised"

failed=()
for name in "${examples[@]}"; do
  requirements="examples/$name/requirements.txt"
  key=$({ "$python" --version 2>&1; cat "$requirements"; } | sha256sum | cut -c1-12)
  venv="$cache/python-examples-$key"
  if [ ! -f "$venv/.complete" ]; then
    rm -rf "$venv"
    mkdir -p "$cache"
    "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --no-input --require-virtualenv -r "$requirements"
    touch "$venv/.complete"
    elapsed "virtual environment $venv created"
  fi
  # The wheel's own requirements are pinned in requirements.txt: pip check proves they are met.
  "$venv/bin/python" -m pip install --quiet --no-input --require-virtualenv --no-deps --force-reinstall "${wheels[0]}"
  "$venv/bin/python" -m pip check
  outdir="$root/dist/examples/$name"
  rm -rf "$outdir"
  (cd "examples/$name" && CDK8S_OUTDIR="$outdir" "$venv/bin/python" main.py)
  elapsed "$name synthesised"
  if "${ts_node[@]}" scripts/python/compare-manifests.ts "dist/examples/${name#python-}" "dist/examples/$name"; then
    echo "$name: same objects as examples/${name#python-}/main.ts"
  else
    failed+=("$name")
  fi
done

elapsed "done"
if [ ${#failed[@]} -gt 0 ]; then
  echo "differ from their TypeScript example: ${failed[*]}" >&2
  exit 1
fi
