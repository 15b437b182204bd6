import { ipBlockContains, normaliseConns, parseConnList } from '../../conformance/suite/netpol-output';

describe('parseConnList', () => {
  test('parses src => dst : connections lines and normalises the connections', () => {
    const lines = parseConnList([
      '0.0.0.0-9.255.255.255 => ml/trainer[Pod] : All Connections',
      'ml/trainer[Pod] => kube-system/kube-dns[Pod] : UDP 53,TCP 53',
      'some header without an arrow',
    ].join('\n'));
    expect(lines).toStrictEqual([
      { src: '0.0.0.0-9.255.255.255', dst: 'ml/trainer[Pod]', conns: 'all' },
      { src: 'ml/trainer[Pod]', dst: 'kube-system/kube-dns[Pod]', conns: 'TCP 53, UDP 53' },
    ]);
  });
});

describe('normaliseConns', () => {
  test('intent and analyzer spellings compare equal', () => {
    expect(normaliseConns(['UDP 53', 'tcp 53'])).toBe(normaliseConns(['TCP 53,UDP 53']));
    expect(normaliseConns(['all'])).toBe('all');
    expect(normaliseConns([])).toBe('none');
    expect(normaliseConns(['TCP 443,5000'])).toBe(normaliseConns(['TCP 5000', 'TCP 443']));
  });
});

describe('ipBlockContains', () => {
  test('ranges, CIDRs and single addresses', () => {
    const carved = '0.0.0.0-169.254.169.253,169.254.169.255-255.255.255.255';
    expect(ipBlockContains(carved, '8.8.8.8')).toBe(true);
    expect(ipBlockContains(carved, '169.254.169.254')).toBe(false);
    expect(ipBlockContains('10.20.0.0/16', '10.20.1.5')).toBe(true);
    expect(ipBlockContains('10.20.0.0/16', '10.21.0.1')).toBe(false);
    expect(ipBlockContains('1.2.3.4', '1.2.3.4')).toBe(true);
  });

  test('a workload is not an IP block', () => {
    expect(ipBlockContains('ml/trainer[Pod]', '1.2.3.4')).toBe(false);
  });
});
