import { edgeMigrationModel } from '../../src/model/edge-migration';
import { EdgeController, EdgeControllerKind } from '../../src/options/edge-controller';
import { GatewayListener } from '../../src/options/gateway-listener';

const GATEWAY = { name: 'platform-gateway', namespace: 'envoy-gateway-system' };
const envoy = () => EdgeController.envoyGateway({ gateway: GATEWAY, listener: GatewayListener.own() });

describe('the move between two controllers', () => {
  test('no move: nothing to resolve', () => {
    expect(edgeMigrationModel(EdgeController.ingressNginx())).toBeUndefined();
  });

  test('resolves the controller the endpoint leaves; the one it moves to is the controller itself', () => {
    const c = EdgeController.migrating({ from: EdgeController.ingressNginx({ ingressClassName: 'public' }), to: envoy() });
    expect(c.kind).toBe(EdgeControllerKind.ENVOY_GATEWAY);
    expect(c.envoyGatewayOptions?.gateway).toStrictEqual(GATEWAY);
    const m = edgeMigrationModel(c)!;
    expect(m.target.kind).toBe(EdgeControllerKind.INGRESS_NGINX);
    expect(m.controller).toMatchObject({ kind: EdgeControllerKind.INGRESS_NGINX, ingressClassName: 'public', namespace: 'ingress-nginx' });
  });

  test('fails on a missing side, a move inside a move, or the same controller on both sides, naming the field', () => {
    expect(() => edgeMigrationModel(EdgeController.migrating({ from: undefined as any, to: envoy() })))
      .toThrow(/Invalid controller from: undefined\..*EdgeController\.migrating\(\{ from: EdgeController\.ingressNginx/s);
    expect(() => edgeMigrationModel(EdgeController.migrating({ from: EdgeController.ingressNginx(), to: 'envoy' as any })))
      .toThrow(/Invalid controller to: "envoy"\./);
    const inner = EdgeController.migrating({ from: EdgeController.ingressNginx(), to: envoy() });
    expect(() => edgeMigrationModel(EdgeController.migrating({ from: inner, to: envoy() }))).toThrow(/Invalid controller from: "EdgeController\.migrating\(\.\.\.\)"\..*one controller on each side/s);
    expect(() => edgeMigrationModel(EdgeController.migrating({ from: EdgeController.ingressNginx(), to: EdgeController.ingressNginx() })))
      .toThrow(/Invalid controller from: "ingress-nginx"\. The endpoint already uses ingress-nginx/);
  });
});
