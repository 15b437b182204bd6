// The options of the training namespace: the same object a cdk8s app would pass to the construct.
import { AITrainingNamespaceProps, DataClassification, NetworkPeer, NetworkPort, Subject } from 'cdk8s-secure-ai/pulumi';

export const trainingOptions: AITrainingNamespaceProps = {
  name: 'fraud-model-training',
  dataClassification: DataClassification.CONFIDENTIAL,
  owner: 'risk-ml',
  purpose: 'Train the card-fraud classifier on anonymised transactions',
  admission: { allowedRegistries: ['registry.example.com/ml'] },
  egress: [{ name: 'warehouse', peer: NetworkPeer.cidr('10.40.0.0/16'), ports: [NetworkPort.tcp(5432)] }],
  mlEngineers: [Subject.group('risk-ml-engineers')],
  viewers: [Subject.group('security-auditors')],
  ciDeployer: true,
  quota: { gpus: 8, gpuResourceName: 'nvidia.com/gpu' },
};
