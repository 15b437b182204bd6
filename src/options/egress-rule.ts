import { NetworkPeer } from './network-peer';
import { NetworkPort } from './network-port';

/**
 * A declared egress destination: who may be reached, on which ports, by which pods.
 */
export interface EgressRule {
  /**
   * A short name for the rule; it names the NetworkPolicy (`allow-egress-<name>`).
   */
  readonly name: string;

  /** The destination. */
  readonly peer: NetworkPeer;

  /** The destination ports; at least one (egress to every port must be spelled out port by port). */
  readonly ports: NetworkPort[];

  /**
   * Only pods with these labels may use this egress.
   * @default - every pod in the namespace
   */
  readonly podLabels?: { [key: string]: string };

  /**
   * Let this rule reach the cloud metadata endpoints (169.254.169.254, fd00:ec2::254, 100.100.100.200, ...) when its
   * range contains them. Pods that reach them can take the node's cloud credentials.
   * @default false (the endpoints are carved out with ipBlock.except)
   */
  readonly allowCloudMetadataEndpoints?: boolean;
}
