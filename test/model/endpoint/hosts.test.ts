import { hostsModel } from '../../../src/model/endpoint/hosts';

describe('hostsModel', () => {
  test('accepts fully-qualified names', () => {
    expect(hostsModel(['llm.example.com', 'a1.example.com'])).toStrictEqual(['llm.example.com', 'a1.example.com']);
  });

  test.each(['10.0.0.1', '192.168.1.20', '2001:db8::1', '[2001:db8::1]', '::1'])('fails when a host is the IP address %s', (ip) => {
    expect(() => hostsModel(['llm.example.com', ip])).toThrow(
      new RegExp(`^Invalid hosts\\[1\\]: ${JSON.stringify(ip).replace(/[[\]]/g, '\\$&')}\\. An Ingress host must be a DNS name, not an IP address`));
  });
});
