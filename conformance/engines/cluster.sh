#!/usr/bin/env bash
# A real Kubernetes control plane on loopback, for conformance tests.
#
#   cluster.sh start <dir> [--audit-policy-file <file>]   # prints the kubeconfig path
#   cluster.sh stop <dir>                                  # kills the processes, removes <dir>
#
# etcd + kube-apiserver + kube-controller-manager (resourcequota, namespace, serviceaccount,
# serviceaccount-token, clusterrole-aggregation, garbage-collector, validatingadmissionpolicy-status controllers) on 127.0.0.1 with
# free ports. Everything lives under <dir>: a CA and certificates made with openssl, the service
# account signing key, an admin kubeconfig (client certificate, O=system:masters), data, logs.
# Authorization Node,RBAC; admission includes PodSecurity, ValidatingAdmissionPolicy, ResourceQuota.
# If start fails, what it started is stopped again. Set KEEP_CLUSTER_DIR=1 to keep <dir> on stop.
set -euo pipefail
# shellcheck source=../cache.sh
. "$(dirname "${BASH_SOURCE[0]}")/../cache.sh"

usage() { echo "usage: $0 start <dir> [--audit-policy-file <file>] | stop <dir>" >&2; exit 2; }
log() { printf '[cluster] %s\n' "$*" >&2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

stop_cluster() {
  local dir=$1
  [[ -d "$dir" ]] || return 0
  local p
  for name in kube-controller-manager kube-apiserver etcd; do
    if [[ -f "$dir/run/$name.pid" ]]; then
      p=$(cat "$dir/run/$name.pid")
      kill "$p" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$p" 2>/dev/null || true
      rm -f "$dir/run/$name.pid"
    fi
  done
  if [[ "${KEEP_CLUSTER_DIR:-0}" != 1 ]]; then rm -rf "$dir"; fi
}

make_cert() { # name subject [san]
  local pki=$1 name=$2 subj=$3 san=${4:-}
  openssl req -new -newkey rsa:2048 -nodes -keyout "$pki/$name.key" -out "$pki/$name.csr" -subj "$subj" 2>/dev/null
  local ext="$pki/$name.ext"
  {
    echo "basicConstraints=CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    if [[ -n "$san" ]]; then echo "extendedKeyUsage=serverAuth"; echo "subjectAltName=$san"; else echo "extendedKeyUsage=clientAuth"; fi
  } > "$ext"
  openssl x509 -req -in "$pki/$name.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
    -days 2 -sha256 -extfile "$ext" -out "$pki/$name.crt" 2>/dev/null
}

kubeconfig() { # file server user
  local file=$1 server=$2 user=$3 pki=$4
  cat > "$file" <<KC
apiVersion: v1
kind: Config
clusters:
- name: local
  cluster:
    server: $server
    certificate-authority: $pki/ca.crt
users:
- name: $user
  user:
    client-certificate: $pki/$user.crt
    client-key: $pki/$user.key
contexts:
- name: local
  context: {cluster: local, user: $user}
current-context: local
KC
}

start_cluster() {
  local dir=$1; shift
  local audit_policy=""
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --audit-policy-file) audit_policy=$(realpath "$2"); shift 2 ;;
      *) usage ;;
    esac
  done
  for b in etcd kube-apiserver kube-controller-manager kubectl; do
    [[ -x "$K8S_BIN/$b" ]] || { log "$K8S_BIN/$b missing: run conformance/engines/install.sh"; exit 1; }
  done
  mkdir -p "$dir"; dir=$(realpath "$dir")
  local pki="$dir/pki" run="$dir/run" logs="$dir/logs"
  mkdir -p "$pki" "$run" "$logs" "$dir/etcd"
  trap 'log "start failed; logs:"; tail -n 5 "$logs"/*.log >&2 || true; stop_cluster "$dir"' ERR
  local t0; t0=$(date +%s.%N)

  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$pki/ca.key" -out "$pki/ca.crt" -days 2 \
    -subj "/CN=conformance-ca" 2>/dev/null
  make_cert "$pki" apiserver "/CN=kube-apiserver" \
    "IP:127.0.0.1,IP:10.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc"
  make_cert "$pki" admin "/O=system:masters/CN=conformance-admin"
  make_cert "$pki" kube-controller-manager "/CN=system:kube-controller-manager"
  openssl genrsa -out "$pki/sa.key" 2048 2>/dev/null
  openssl rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null

  local etcd_port etcd_peer api_port kcm_port
  etcd_port=$(free_port); etcd_peer=$(free_port); api_port=$(free_port); kcm_port=$(free_port)
  local server="https://127.0.0.1:$api_port"
  kubeconfig "$dir/admin.kubeconfig" "$server" admin "$pki"
  kubeconfig "$dir/kube-controller-manager.kubeconfig" "$server" kube-controller-manager "$pki"

  "$K8S_BIN/etcd" --name conformance --data-dir "$dir/etcd" \
    --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$etcd_peer" --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer" \
    --initial-cluster "conformance=http://127.0.0.1:$etcd_peer" \
    --unsafe-no-fsync --quota-backend-bytes 1073741824 >"$logs/etcd.log" 2>&1 &
  echo $! > "$run/etcd.pid"

  local audit_args=()
  if [[ -n "$audit_policy" ]]; then
    audit_args=(--audit-policy-file "$audit_policy" --audit-log-path "$logs/audit.log")
  fi
  "$K8S_BIN/kube-apiserver" \
    --etcd-servers "http://127.0.0.1:$etcd_port" \
    --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$api_port" \
    --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" \
    --client-ca-file "$pki/ca.crt" \
    --service-account-key-file "$pki/sa.pub" --service-account-signing-key-file "$pki/sa.key" \
    --service-account-issuer https://kubernetes.default.svc \
    --service-cluster-ip-range 10.0.0.0/24 \
    --authorization-mode Node,RBAC \
    --enable-admission-plugins NodeRestriction,PodSecurity,ValidatingAdmissionPolicy,ResourceQuota,LimitRanger,ServiceAccount \
    --allow-privileged=true --profiling=false \
    "${audit_args[@]}" >"$logs/kube-apiserver.log" 2>&1 &
  echo $! > "$run/kube-apiserver.pid"

  local ready=""
  for _ in $(seq 1 240); do
    if ! kill -0 "$(cat "$run/kube-apiserver.pid")" 2>/dev/null; then log "kube-apiserver exited"; false; fi
    if "$K8S_BIN/kubectl" --kubeconfig "$dir/admin.kubeconfig" get --raw /readyz >/dev/null 2>&1; then ready=1; break; fi
    sleep 0.5
  done
  [[ -n "$ready" ]] || { log "kube-apiserver not ready after 120 s"; false; }

  "$K8S_BIN/kube-controller-manager" \
    --kubeconfig "$dir/kube-controller-manager.kubeconfig" \
    --authentication-kubeconfig "$dir/kube-controller-manager.kubeconfig" \
    --authorization-kubeconfig "$dir/kube-controller-manager.kubeconfig" \
    --bind-address 127.0.0.1 --secure-port "$kcm_port" --leader-elect=false \
    --controllers resourcequota-controller,namespace-controller,serviceaccount-controller,serviceaccount-token-controller,clusterrole-aggregation-controller,garbage-collector-controller,validatingadmissionpolicy-status-controller \
    --service-account-private-key-file "$pki/sa.key" --root-ca-file "$pki/ca.crt" \
    --use-service-account-credentials=true >"$logs/kube-controller-manager.log" 2>&1 &
  echo $! > "$run/kube-controller-manager.pid"

  # the serviceaccount controller creating "default" in kube-system proves the controller manager runs
  ready=""
  for _ in $(seq 1 120); do
    if ! kill -0 "$(cat "$run/kube-controller-manager.pid")" 2>/dev/null; then log "kube-controller-manager exited"; false; fi
    if "$K8S_BIN/kubectl" --kubeconfig "$dir/admin.kubeconfig" -n kube-system get serviceaccount default >/dev/null 2>&1; then ready=1; break; fi
    sleep 0.5
  done
  [[ -n "$ready" ]] || { log "kube-controller-manager not working after 60 s"; false; }
  trap - ERR
  cat > "$dir/cluster.env" <<ENV
KUBECONFIG=$dir/admin.kubeconfig
API_SERVER=$server
ETCD_ENDPOINT=http://127.0.0.1:$etcd_port
ENV
  log "ready in $(python3 -c "print(round($(date +%s.%N) - $t0, 1))") s: $server (kubeconfig $dir/admin.kubeconfig)"
  echo "$dir/admin.kubeconfig"
}

[[ $# -ge 2 ]] || usage
cmd=$1; dir=$2; shift 2
case "$cmd" in
  start) start_cluster "$dir" "$@" ;;
  stop) stop_cluster "$dir" ;;
  *) usage ;;
esac
