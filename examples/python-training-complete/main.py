"""The training-complete example (examples/training-complete/main.ts) written in Python.

An AI training namespace using every option: personas, declared egress to a feature store,
object storage and a registry mirror, GPU quota, metrics scraping and admission settings; and a
second, minimal one beside it: the app writes one audit policy covering both.
`npm run python:examples` checks it synthesises the same objects as the TypeScript example.
"""
from cdk8s import App, Chart
from cdk8s_secure_ai import (
    AdmissionAction,
    AITrainingNamespace,
    ClusterDnsOptions,
    ContainerDefaults,
    DataClassification,
    EgressRule,
    MetricsScrapeOptions,
    NetworkPeer,
    NetworkPort,
    Persona,
    PodSecurityLevel,
    Subject,
    TrainingAdmissionOptions,
    TrainingQuota,
)

app = App()
chart = Chart(app, "training-complete")

AITrainingNamespace(
    chart,
    "llm-finetune",
    name="llm-finetune",
    data_classification=DataClassification.RESTRICTED,
    owner="genai-platform",
    team="llm-research",
    purpose="Fine-tune the support assistant on redacted support tickets",
    data_sources=["s3://support-tickets-redacted/2026", "feature-store/ticket-embeddings"],
    pod_security=PodSecurityLevel.RESTRICTED,
    pod_security_version="v1.30",
    allow_intra_namespace_traffic=True,
    egress=[
        EgressRule(
            name="object-storage",
            peer=NetworkPeer.cidr("0.0.0.0/0"),
            ports=[NetworkPort.tcp(443)],
            pod_labels={"secure-ai.cdk8s.io/egress-object-storage": "true"},
        ),
        EgressRule(
            name="feature-store",
            peer=NetworkPeer.namespace("feature-store", {"app": "redis"}),
            ports=[NetworkPort.tcp(6379)],
        ),
        EgressRule(
            name="registry-mirror",
            peer=NetworkPeer.cidr("10.40.0.0/16"),
            ports=[NetworkPort.tcp(443), NetworkPort.tcp(5000)],
        ),
    ],
    cluster_dns=ClusterDnsOptions(
        namespace_labels={"kubernetes.io/metadata.name": "kube-system"},
        pod_labels={"k8s-app": "kube-dns"},
    ),
    metrics_scrape=MetricsScrapeOptions(
        namespace="monitoring", port=9090, scraper_pod_labels={"app.kubernetes.io/name": "prometheus"},
    ),
    namespace_admins=[Subject.group("genai-platform-admins")],
    ml_engineers=[Subject.group("llm-research"), Subject.user("alice@example.com")],
    viewers=[Subject.group("security-auditors")],
    ci_deployer=True,
    ci_deployer_name="ci-deployer",
    allow_pod_exec=False,
    secret_readers=[Persona.ML_ENGINEER],
    training_service_account_name="training-job",
    quota=TrainingQuota(
        cpu="64",
        memory="512Gi",
        gpus=8,
        gpu_resource_name="nvidia.com/gpu",
        pods=40,
        persistent_volume_claims=10,
        storage="4Ti",
        jobs=50,
        config_maps=50,
        secrets=20,
        services=5,
    ),
    container_defaults=ContainerDefaults(cpu_request="1", cpu_limit="4", memory_request="4Gi", memory_limit="16Gi"),
    admission=TrainingAdmissionOptions(
        allowed_registries=["registry.example.com/ml", "nvcr.io/nvidia"],
        require_image_digest=True,
        action=AdmissionAction.DENY,
    ),
)

# A second team's namespace in the same app: its audit rules join the same policy file.
AITrainingNamespace(
    chart,
    "llm-eval",
    name="llm-eval",
    data_classification=DataClassification.INTERNAL,
    owner="ml-evaluation",
    purpose="Evaluate fine-tuned checkpoints on held-out benchmarks",
    admission=TrainingAdmissionOptions(allowed_registries=["registry.example.com/ml"]),
)

app.synth()
