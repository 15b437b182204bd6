import * as net from 'net';
import { freePort } from '../../../conformance/gateway/free-port';

test('gives a port on 127.0.0.1 that a server can listen on', async () => {
  const port = await freePort();
  expect(port).toBeGreaterThan(0);
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => { server.on('error', reject); server.listen(port, '127.0.0.1', () => resolve()); });
  expect((server.address() as net.AddressInfo).port).toBe(port);
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
