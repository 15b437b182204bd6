import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  CACHE_DIR, checkHarnessRxEngine, CORAZA_HARNESS_OPERATORS, corazaCostArgs, corazaCostRows, isModSecurity, libModSecurityDir, mappedLibModSecurity,
  modSecurityCrsCopy, mscCostBinary, parseEngine, REPO_ROOT, WAF_ENGINES,
} from '../../../conformance/waf/engines';

describe('the WAF engines the harness runs', () => {
  test('are libmodsecurity 3.0.9 (Debian), libmodsecurity 3.0.14, Coraza and Coraza on RE2, and --engine names them when it is none of them', () => {
    expect(WAF_ENGINES).toStrictEqual(['modsecurity', 'modsecurity-3.0.14', 'coraza', 'coraza-re2']);
    expect(WAF_ENGINES.filter(isModSecurity)).toStrictEqual(['modsecurity', 'modsecurity-3.0.14']);
    expect(parseEngine('modsecurity-3.0.14')).toBe('modsecurity-3.0.14');
    expect(parseEngine('coraza-re2')).toBe('coraza-re2');
    expect(() => parseEngine('modsecurity-3.0.12')).toThrow('--engine must be one of modsecurity, modsecurity-3.0.14, coraza, coraza-re2 (got modsecurity-3.0.12)');
    expect(() => parseEngine(undefined)).toThrow(/\(got nothing\)/);
  });

  test('find libmodsecurity 3.0.14 and its msc-cost where conformance/cache.sh and install.sh put them', () => {
    const script = '. conformance/cache.sh; printf "%s\\n" "$LIBMODSECURITY_DIR" "$(file_key conformance/c/msc-cost/msc-cost.c)"';
    const [dir, key] = execFileSync('bash', ['-c', script], { cwd: REPO_ROOT, env: { ...process.env, CDK8S_SECURE_AI_CACHE: CACHE_DIR } })
      .toString().trim().split('\n');
    expect(libModSecurityDir()).toBe(dir);
    expect(path.basename(dir)).toMatch(/^libmodsecurity-3\.0\.14-[0-9a-f]{12}$/);
    expect(mscCostBinary('modsecurity-3.0.14')).toBe(path.join(dir, 'bin', `msc-cost-${key}`));
    expect(mscCostBinary('modsecurity')).toBe(path.join(CACHE_DIR, `msc-cost-${key}`, 'msc-cost'));
  });

  test('run the Coraza harness with Coraza\'s own operators for coraza and coraza-proxy-wasm\'s (coraza-wasilibs) for coraza-re2', () => {
    expect(CORAZA_HARNESS_OPERATORS).toStrictEqual({ 'coraza': 'coraza', 'coraza-re2': 'wasilibs' });
  });

  test('take a Go harness\'s startup line as proof of the @rx engine: Go\'s regexp for coraza, RE2 for coraza-re2 and coraza-proxy-wasm', () => {
    const line = (rx: string) => `2026/12/01 06:00:00 coraza-waf mode=profile operators=wasilibs rx=${rx} listening on 127.0.0.1:18100\n`;
    expect(() => checkHarnessRxEngine('coraza', line('go-regexp'))).not.toThrow();
    expect(() => checkHarnessRxEngine('coraza-re2', line('re2'))).not.toThrow();
    expect(() => checkHarnessRxEngine('coraza-proxy-wasm', line('re2'))).not.toThrow();
    expect(() => checkHarnessRxEngine('coraza-re2', line('go-regexp')))
      .toThrow('coraza-re2: @rx must run on re2, the harness reports rx=go-regexp: rebuild it with conformance/waf/install.sh');
    expect(() => checkHarnessRxEngine('coraza-proxy-wasm', 'coraza-proxy-wasm-host listening on 127.0.0.1:18100\n'))
      .toThrow('coraza-proxy-wasm: @rx must run on re2, the harness reports no rx= line');
    expect(() => checkHarnessRxEngine('coraza', line('re2'))).toThrow('coraza: @rx must run on go-regexp, the harness reports rx=re2');
    expect(() => checkHarnessRxEngine('modsecurity', line('re2'))).toThrow('modsecurity is not a Go harness engine');
  });

  test('measure a Coraza harness engine in-process with the harness\'s -cost mode and that engine\'s operators', () => {
    const positional = ['llm.example.com', 'body.json', '5', '3', 'a.conf', 'b.conf'];
    expect(corazaCostArgs('coraza-re2', positional)).toStrictEqual(['-cost', '-operators', 'wasilibs', ...positional]);
    expect(corazaCostArgs('coraza', positional)).toStrictEqual(['-cost', '-operators', 'coraza', ...positional]);
    expect(() => corazaCostArgs('modsecurity', positional)).toThrow('modsecurity is not a Coraza harness engine');
    expect(() => corazaCostArgs('coraza-proxy-wasm', positional)).toThrow('coraza-proxy-wasm is not a Coraza harness engine');
  });

  test('take the in-process figures only once the -cost mode\'s first line shows the engine\'s @rx engine', () => {
    const output = (rx: string) => `coraza-waf cost operators=wasilibs rx=${rx}\n812.4 0 /tmp/a.conf\n95.0 1 /tmp/b.conf\n`;
    expect(corazaCostRows('coraza-re2', output('re2'))).toStrictEqual([['812.4', '0', '/tmp/a.conf'], ['95.0', '1', '/tmp/b.conf']]);
    expect(corazaCostRows('coraza', output('go-regexp'))).toStrictEqual([['812.4', '0', '/tmp/a.conf'], ['95.0', '1', '/tmp/b.conf']]);
    expect(() => corazaCostRows('coraza-re2', output('go-regexp')))
      .toThrow('coraza-re2: @rx must run on re2, the harness reports rx=go-regexp: rebuild it with conformance/waf/install.sh');
    // What the retired coraza-cost tool printed: figures with no word of the engine they are of.
    expect(() => corazaCostRows('coraza-re2', '812.4 0 /tmp/a.conf\n95.0 1 /tmp/b.conf\n'))
      .toThrow('coraza-re2: @rx must run on re2, the harness reports no rx= line');
  });

  test('refuse a process that has no libmodsecurity mapped as proof of the engine', () => {
    expect(() => mappedLibModSecurity(process.pid)).toThrow(`nginx ${process.pid} maps 0 libmodsecurity libraries`);
  });
});

describe('CRS v4 for libmodsecurity', () => {
  test('is the module\'s rule files byte for byte, with an empty line after each rule without actions', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'crs-copy-test-'));
    try {
      const mod = path.join(tmp, 'v4@v4.0.0', 'rules');
      fs.mkdirSync(path.join(mod, '@owasp_crs'), { recursive: true });
      fs.writeFileSync(path.join(mod, '@crs-setup.conf.example'), 'SecAction "id:900990,phase:1,pass,nolog,setvar:tx.crs_setup_version=400"\n');
      const chained = [
        'SecRule TX:A "@ge 1" "id:949111,phase:1,deny,chain"',
        '    SecRule TX:EARLY_BLOCKING "@eq 1"',
        'SecRule TX:A "@ge 1" "id:949110,phase:2,deny"',
        '',
      ].join('\n');
      const plain = 'SecRule ARGS "@rx a" "id:942100,phase:2,block"\n';
      fs.writeFileSync(path.join(mod, '@owasp_crs', 'REQUEST-949-BLOCKING-EVALUATION.conf'), chained);
      fs.writeFileSync(path.join(mod, '@owasp_crs', 'REQUEST-942-APPLICATION-ATTACK-SQLI.conf'), plain);
      fs.writeFileSync(path.join(mod, '@owasp_crs', 'sql-errors.data'), 'SecRule X "@eq 1"\n');
      const out = path.join(tmp, 'crs-v4.0.0-modsecurity');
      const [setup, rules] = modSecurityCrsCopy(mod, out);
      expect(setup).toBe(path.join(out, 'crs-setup.conf'));
      expect(rules).toBe(path.join(out, 'rules'));
      expect(`${setup}${rules}`).not.toContain('@');
      expect(fs.readFileSync(setup, 'utf8')).toBe(fs.readFileSync(path.join(mod, '@crs-setup.conf.example'), 'utf8'));
      expect(fs.readFileSync(path.join(rules, 'REQUEST-949-BLOCKING-EVALUATION.conf'), 'utf8')).toBe([
        'SecRule TX:A "@ge 1" "id:949111,phase:1,deny,chain"',
        '    SecRule TX:EARLY_BLOCKING "@eq 1"',
        '',
        'SecRule TX:A "@ge 1" "id:949110,phase:2,deny"',
        '',
      ].join('\n'));
      expect(fs.readFileSync(path.join(rules, 'REQUEST-942-APPLICATION-ATTACK-SQLI.conf'), 'utf8')).toBe(plain);
      // Data files are not rules: copied as they are.
      expect(fs.readFileSync(path.join(rules, 'sql-errors.data'), 'utf8')).toBe('SecRule X "@eq 1"\n');
      // Made once: a second call keeps the copy.
      fs.writeFileSync(path.join(rules, 'sql-errors.data'), 'kept');
      modSecurityCrsCopy(mod, out);
      expect(fs.readFileSync(path.join(rules, 'sql-errors.data'), 'utf8')).toBe('kept');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
