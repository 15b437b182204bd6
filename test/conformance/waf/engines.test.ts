import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  CACHE_DIR, isModSecurity, libModSecurityDir, mappedLibModSecurity, modSecurityCrsCopy, mscCostBinary, parseEngine, REPO_ROOT, WAF_ENGINES,
} from '../../../conformance/waf/engines';

describe('the WAF engines the harness runs', () => {
  test('are libmodsecurity 3.0.9 (Debian), libmodsecurity 3.0.14 and Coraza, and --engine names them when it is none of them', () => {
    expect(WAF_ENGINES).toStrictEqual(['modsecurity', 'modsecurity-3.0.14', 'coraza']);
    expect(WAF_ENGINES.filter(isModSecurity)).toStrictEqual(['modsecurity', 'modsecurity-3.0.14']);
    expect(parseEngine('modsecurity-3.0.14')).toBe('modsecurity-3.0.14');
    expect(() => parseEngine('modsecurity-3.0.12')).toThrow('--engine must be one of modsecurity, modsecurity-3.0.14, coraza (got modsecurity-3.0.12)');
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
