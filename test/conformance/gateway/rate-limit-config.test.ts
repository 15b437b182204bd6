import { rateLimitServiceConfig } from '../../../conformance/gateway/rate-limit-config';

/** A route of Envoy Gateway's xDS IR with these global rules. */
const route = (name: string, rules: any[]) => ({ name, traffic: { rateLimit: { global: { rules } } } });
const cidr = (c: string) => ({ cidr: c, distinct: true, invert: false });

describe('rateLimitServiceConfig', () => {
  test('one domain per listener, one descriptor per route, and a chain per rule ending in its limit', () => {
    const ir = {
      http: [{
        name: 'edge/gw/https',
        routes: [
          route('httproute/llm/chat/rule/0/match/0/chat', [
            { name: 'llm/chat/rule/0', headerMatches: [], pathMatch: { prefix: '/' }, cidrMatch: cidr('0.0.0.0/0'), limit: { requests: 5, unit: 'Second' } },
            { name: 'llm/chat/rule/1', headerMatches: [{ name: 'x-user', distinct: true }], limit: { requests: 2000, unit: 'Minute' } },
            { name: 'llm/chat/rule/2', limit: { requests: 9, unit: 'Hour' } },
          ]),
          { name: 'httproute/llm/chat/rule/0/match/1/chat', traffic: {} },
        ],
      }],
    };
    expect(rateLimitServiceConfig(ir)).toStrictEqual([{
      domain: 'edge/gw/https',
      descriptors: [{
        key: 'httproute/llm/chat/rule/0/match/0/chat',
        value: 'httproute/llm/chat/rule/0/match/0/chat',
        descriptors: [
          {
            key: 'rule-0-path',
            value: 'rule-0-path',
            descriptors: [{ key: 'masked_remote_address', value: '0.0.0.0/0', descriptors: [{ key: 'remote_address', rate_limit: { unit: 'second', requests_per_unit: 5 } }] }],
          },
          { key: 'rule-1-match-0', rate_limit: { unit: 'minute', requests_per_unit: 2000 } },
          { key: 'rule-2-match--1', value: 'rule-2-match--1', rate_limit: { unit: 'hour', requests_per_unit: 9 } },
        ],
      }],
    }]);
  });

  test('rules with the same selectors get the same chain, and, as in Envoy Gateway, only the first one\'s limit is configured', () => {
    const rules = [
      { name: 'llm/chat/rule/0', cidrMatch: cidr('0.0.0.0/0'), limit: { requests: 5, unit: 'Second' } },
      { name: 'llm/chat/rule/1', cidrMatch: cidr('0.0.0.0/0'), limit: { requests: 120, unit: 'Minute' } },
    ];
    const [config] = rateLimitServiceConfig({ http: [{ name: 'l', routes: [route('r', rules)] }] });
    expect(config.descriptors[0].descriptors).toStrictEqual([
      { key: 'masked_remote_address', value: '0.0.0.0/0', descriptors: [{ key: 'remote_address', rate_limit: { unit: 'second', requests_per_unit: 5 } }] },
    ]);
  });

  test('a shared rule goes to a domain of its own, under its name; shadow mode and inverted CIDRs are kept', () => {
    const rules = [{ name: 'llm/chat/rule/0', shared: true, shadowMode: true, cidrMatch: { cidr: '10.0.0.0/8', distinct: false, invert: true }, limit: { requests: 1, unit: 'Day' } }];
    expect(rateLimitServiceConfig({ http: [{ name: 'l', routes: [route('r', rules)] }] })).toStrictEqual([{
      domain: 'llm/chat',
      descriptors: [{
        key: 'llm/chat/rule/0',
        value: 'llm/chat/rule/0',
        descriptors: [{ key: 'masked_remote_address', value: '!10.0.0.0/8', shadow_mode: true, rate_limit: { unit: 'day', requests_per_unit: 1 } }],
      }],
    }]);
  });

  test('no global rules, no configuration', () => {
    expect(rateLimitServiceConfig({ http: [{ name: 'l', routes: [{ name: 'r' }] }] })).toStrictEqual([]);
    expect(rateLimitServiceConfig({})).toStrictEqual([]);
  });
});
