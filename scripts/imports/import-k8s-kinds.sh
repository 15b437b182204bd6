#!/usr/bin/env bash
# Regenerates src/imports/k8s.ts from the OpenAPI document of the Kubernetes
# release the library targets as its floor, fetched through the Go module proxy.
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
K8S_FLOOR_VERSION="${K8S_FLOOR_VERSION:-v1.30.14}"
dir=$(go mod download -json "k8s.io/kubernetes@${K8S_FLOOR_VERSION}" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);if(j.Error){console.error(j.Error);process.exit(1)}console.log(j.Dir)})')
npx ts-node -P tsconfig.dev.json scripts/imports/import-k8s-kinds.ts "$dir/api/openapi-spec/swagger.json" src/imports
echo "src/imports/k8s.ts generated from k8s.io/kubernetes@${K8S_FLOOR_VERSION}"
