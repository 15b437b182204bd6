import { InferenceBackend, ModelServer } from '../../../src';
import { backendModel } from '../../../src/model/endpoint/backend';
import { DIGEST_IMAGE } from '../../support/endpoint-fixtures';

const GRPC_TRITON = ModelServer.triton(['resnet50'], undefined, { grpc: true });
const workload = (o: { port?: number; metricsPort?: number; args?: string[] } = {}) =>
  backendModel('backend', InferenceBackend.workload({ image: DIGEST_IMAGE, args: ['tritonserver', ...(o.args ?? [])], port: o.port, metricsPort: o.metricsPort }), 'llm', GRPC_TRITON, 600, []);

describe('a backend of a preset with a gRPC API', () => {
  test('the workload declares the gRPC port and tells the server (--grpc-port); HTTP only, it does neither', () => {
    const b = workload();
    expect(b.grpcPort).toBe(8001);
    expect(b.workload!.grpcPort).toBe(8001);
    expect(b.workload!.args).toEqual(expect.arrayContaining(['--grpc-port', '8001']));
    const plain = backendModel('backend', InferenceBackend.workload({ image: DIGEST_IMAGE, args: ['tritonserver'] }), 'llm', ModelServer.triton(['resnet50']), 600, []);
    expect(plain.grpcPort).toBeUndefined();
    expect(plain.workload!.args!.join(' ')).not.toContain('--grpc-port');
  });

  test('a serving or metrics port on the gRPC port, or --grpc-port in args, is refused', () => {
    expect(() => workload({ port: 8001 })).toThrow(/^Invalid backend\.port: 8001\. triton serves its gRPC API on port 8001 \(--grpc-port\): give backend\.port another port\./);
    expect(() => workload({ metricsPort: 8001 })).toThrow(/^Invalid backend\.metricsPort: 8001\. triton serves its gRPC API on port 8001/);
    expect(() => workload({ args: ['--grpc-port=9001'] })).toThrow(/^Invalid backend\.args: "--grpc-port=9001"\. The pod declares the gRPC port 8001 and the library passes --grpc-port 8001: remove --grpc-port from args\./);
  });

  test('an existing Service is refused: the library declares the gRPC port on the workload it creates', () => {
    expect(() => backendModel('backend', InferenceBackend.service('triton', 8000, { app: 'triton' }), 'llm', GRPC_TRITON, 600, []))
      .toThrow(/^Invalid backend: "InferenceBackend\.service\(triton\)"\. ModelServer\.triton\(\.\.\., \{ grpc: true \}\) exposes the server's gRPC port[^]*use InferenceBackend\.workload/);
  });
});
