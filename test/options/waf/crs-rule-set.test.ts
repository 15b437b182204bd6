import { CrsRuleSet } from '../../../src/options/waf/crs-rule-set';

describe('CrsRuleSet', () => {
  test('presets', () => {
    expect(CrsRuleSet.DEBIAN.rulesDir).toBe('/usr/share/modsecurity-crs/rules');
    expect(CrsRuleSet.CORAZA_EMBEDDED.setupFile).toBe('@crs-setup.conf.example');
    expect(CrsRuleSet.CORAZA_PROXY_WASM.setupFile).toBe('@crs-setup-conf');
    expect(CrsRuleSet.CORAZA_PROXY_WASM.rulesDir).toBe('@owasp_crs');
  });
  test('custom location drops a trailing slash', () => {
    expect(CrsRuleSet.at('/crs/setup.conf', '/crs/rules/').rulesDir).toBe('/crs/rules');
  });
  test('fails when a path has spaces', () => {
    expect(() => CrsRuleSet.at('/a b', '/c')).toThrow(/must be non-empty paths without spaces/);
  });
});
