import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  ClientTrafficPolicy,
  ClientTrafficPolicySpecClientIpDetection,
  ClientTrafficPolicySpecTls,
  ClientTrafficPolicySpecTlsClientValidationMode,
  ClientTrafficPolicySpecTlsMinVersion,
} from '../../imports/gateway.envoyproxy.io';
import {
  ListenerSet,
  ListenerSetSpecListenersAllowedRoutesNamespacesFrom,
  ListenerSetSpecListenersTlsMode,
} from '../../imports/gateway.networking.k8s.io';
import { EndpointModel } from '../../model/endpoint-model';
import { ClientAddressMode } from '../../options/client-address';
import { ClientCertificateVerification } from '../../options/tls-options';

/** Gateway API's group, for references. */
const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/** The endpoint's own listener: its ListenerSet, and the ClientTrafficPolicy on it. @internal */
export interface RenderedGatewayListener {
  /** The `ListenerSet` on the platform's Gateway. */
  readonly listenerSet: ApiObject;
  /** The `ClientTrafficPolicy` targeting the ListenerSet. */
  readonly clientTrafficPolicy: ApiObject;
  /** The parent reference the endpoint's HTTPRoute attaches with. */
  readonly parentRef: { group: string; kind: string; name: string; namespace: string };
}

const MIN_VERSIONS: { [name: string]: ClientTrafficPolicySpecTlsMinVersion } = {
  'TLSv1.2': ClientTrafficPolicySpecTlsMinVersion.VALUE_1_2,
  'TLSv1.3': ClientTrafficPolicySpecTlsMinVersion.VALUE_1_3,
};

/**
 * Renders the endpoint's own listener on the platform's Gateway (Gateway API standard channel
 * `ListenerSet`, `gateway.networking.k8s.io/v1`): one HTTPS listener per host, named after the
 * host, terminating TLS with the endpoint's certificate Secret and admitting HTTPRoutes of the
 * endpoint's namespace only (so no other namespace's route can claim its hosts there); and a
 * `ClientTrafficPolicy` targeting the ListenerSet with the minimum TLS version, the client
 * certificates it requires (`tls.clientCertificate`: `clientValidation` with the CA bundle and
 * `RequireAndVerify`, or `VerifyIfGiven` when optional) and how client addresses are read.
 * @internal
 */
export function renderGatewayListener(scope: Construct, m: EndpointModel, labels: { [k: string]: string }): RenderedGatewayListener {
  const gateway = m.controller.gateway!;
  const own = gateway.own!;
  const metadata = { name: m.name, namespace: m.namespace, labels };
  const listenerSet = new ListenerSet(scope, 'listener-set', {
    metadata,
    spec: {
      parentRef: { group: GATEWAY_GROUP, kind: 'Gateway', name: gateway.name, namespace: gateway.namespace },
      listeners: m.hosts.map((host) => ({
        name: host,
        hostname: host,
        port: own.port,
        protocol: 'HTTPS',
        tls: { mode: ListenerSetSpecListenersTlsMode.TERMINATE, certificateRefs: [{ group: '', kind: 'Secret', name: m.tls.secretName }] },
        allowedRoutes: { namespaces: { from: ListenerSetSpecListenersAllowedRoutesNamespacesFrom.SAME }, kinds: [{ group: GATEWAY_GROUP, kind: 'HTTPRoute' }] },
      })),
    },
  });

  const clientTrafficPolicy = new ClientTrafficPolicy(scope, 'client-traffic-policy', {
    metadata,
    spec: {
      targetRefs: [{ group: GATEWAY_GROUP, kind: 'ListenerSet', name: m.name }],
      tls: listenerTls(m),
      clientIpDetection: clientIpDetection(m),
    },
  });
  clientTrafficPolicy.addDependency(listenerSet);

  return { listenerSet, clientTrafficPolicy, parentRef: { group: GATEWAY_GROUP, kind: 'ListenerSet', name: m.name, namespace: m.namespace } };
}

/**
 * The listener's TLS: the minimum version and, with client certificates, their validation: Envoy
 * ends the handshake of a client without a certificate signed by the bundle's CA (`RequireAndVerify`),
 * or verifies one only when given (`VerifyIfGiven`, a weakening the model records).
 */
function listenerTls(m: EndpointModel): ClientTrafficPolicySpecTls {
  const cc = m.tls.clientCertificate;
  return {
    minVersion: MIN_VERSIONS[m.tls.minimumVersion],
    ...(cc !== undefined ? {
      clientValidation: {
        caCertificateRefs: [{ group: '', kind: cc.caKind, name: cc.caName }],
        mode: cc.verification === ClientCertificateVerification.REQUIRED
          ? ClientTrafficPolicySpecTlsClientValidationMode.REQUIRE_AND_VERIFY : ClientTrafficPolicySpecTlsClientValidationMode.VERIFY_IF_GIVEN,
      },
    } : {}),
  };
}

/** The TCP peer, or X-Forwarded-For from trusted CIDRs (the model refuses what Envoy Gateway cannot limit to trusted peers). */
function clientIpDetection(m: EndpointModel): ClientTrafficPolicySpecClientIpDetection {
  const c = m.controller.clientAddress;
  if (c.mode === ClientAddressMode.FORWARDED_HEADER) return { xForwardedFor: { trustedCidRs: c.trustedCidrs } };
  return { directSourceIp: {} };
}
