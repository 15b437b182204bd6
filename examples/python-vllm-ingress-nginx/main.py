"""The vllm-ingress-nginx example (examples/vllm-ingress-nginx/main.ts) written in Python.

A vLLM server on ingress-nginx: cert-manager ClusterIssuer (ACME HTTP-01), OIDC through
oauth2-proxy, LLM-sized limits, a canary model version, metrics for Prometheus, egress to the
model store, scheduled onto tainted GPU nodes with the NVIDIA runtime and a private registry's
pull Secret. `npm run python:examples` checks it synthesises the same objects as the TypeScript
example.
"""
from cdk8s import App, Chart
from cdk8s_secure_ai import (
    Authentication,
    CanaryOptions,
    CertificateChallenge,
    CertificateIssuer,
    ChangeControlOptions,
    EdgeController,
    EgressRule,
    InferenceBackend,
    MetricsScrapeOptions,
    ModelServer,
    NetworkPeer,
    NetworkPort,
    PodToleration,
    RolloutStrategy,
    SecureInferenceEndpoint,
    ServingNamespaceQuota,
    Subject,
    TlsOptions,
    TolerationEffect,
    TolerationOperator,
    TrafficLimits,
)

app = App()
chart = Chart(app, "vllm-ingress-nginx")

SecureInferenceEndpoint(
    chart,
    "chat",
    namespace="llm-serving",
    hosts=["chat.example.com"],
    model_server=ModelServer.vllm(),
    backend=InferenceBackend.workload(
        image="registry.example.com/ml/vllm-openai@sha256:4f0b5a2c9d3e8f1a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a",
        args=["--model", "/models/llama-3.1-8b-instruct", "--served-model-name", "llama-3.1-8b", "--port", "8000"],
        gpus=1,
        replicas=2,
        model_volume_claim="llama-3-1-8b-weights",
        # GPU nodes: tainted for GPU workloads, labelled by the GPU operator, with the NVIDIA container runtime.
        tolerations=[
            PodToleration(key="nvidia.com/gpu", operator=TolerationOperator.EXISTS, effect=TolerationEffect.NO_SCHEDULE),
        ],
        node_selector={"nvidia.com/gpu.present": "true"},
        runtime_class_name="nvidia",
        image_pull_secrets=["ml-registry"],
        # A full cluster has no spare GPU: replace one pod at a time (the default, spelt out), and give
        # the 8B model 40 minutes to load from the volume.
        rollout=RolloutStrategy.REPLACE_ONE_AT_A_TIME,
        startup_timeout_seconds=2400,
    ),
    controller=EdgeController.ingress_nginx(),
    # Let's Encrypt with an http01.ingress solver: cert-manager may create its solver objects, and only those.
    tls=TlsOptions(
        issuer=CertificateIssuer.cluster_issuer("letsencrypt-production"),
        challenge=CertificateChallenge.http01(),
    ),
    authentication=Authentication.external(
        url="http://oauth2-proxy.auth.svc.cluster.local/oauth2/auth",
        signin_url="https://chat.example.com/oauth2/start",
        response_headers=["X-Auth-Request-User", "X-Auth-Request-Email"],
    ),
    limits=TrafficLimits(requests_per_second=5, requests_per_minute=120, burst=10, max_connections=10, max_body_mib=32),
    canary=CanaryOptions(
        backend=InferenceBackend.service("chat-v2", 8000, {"app.kubernetes.io/name": "chat-v2"}),
        weight_percent=10,
    ),
    # The namespace's quota counts the GPUs of the workload it creates (2 replicas x 1 GPU); the
    # canary's pods (chat-v2, one replica on one GPU) are deployed by another pipeline: add them.
    namespace_quota=ServingNamespaceQuota.from_workloads(additional_gpus=1),
    metrics_scrape=MetricsScrapeOptions(
        namespace="monitoring", port=8000, scraper_pod_labels={"app.kubernetes.io/name": "prometheus"},
    ),
    egress=[EgressRule(name="model-store", peer=NetworkPeer.cidr("10.50.0.0/16"), ports=[NetworkPort.tcp(443)])],
    # The construct creates the chat-deployer ServiceAccount; platform-oncall is the break-glass group (reported).
    change_control=ChangeControlOptions(auditors=[Subject.group("security-auditors")], break_glass_group="platform-oncall"),
)

app.synth()
