/**
 * Where the OWASP Core Rule Set lives in the engine that loads the rules file.
 *
 * The profile includes the CRS setup and rules itself, at the place where its
 * tuning (before) and its prompt-field exclusions (after) must go.
 */
export class CrsRuleSet {
  /** Debian's `modsecurity-crs` package (CRS 3.3) as used with nginx or Apache. */
  public static readonly DEBIAN = new CrsRuleSet(
    'debian',
    '/etc/modsecurity/crs/crs-setup.conf',
    '/usr/share/modsecurity-crs/rules/*.conf',
  );

  /** The CRS shipped inside the ingress-nginx controller image. */
  public static readonly INGRESS_NGINX = new CrsRuleSet(
    'ingress-nginx',
    '/etc/nginx/owasp-modsecurity-crs/crs-setup.conf',
    '/etc/nginx/owasp-modsecurity-crs/rules/*.conf',
  );

  /** The CRS v4 embedded in Coraza builds (coraza-coreruleset, coraza-proxy-wasm). */
  public static readonly CORAZA_EMBEDDED = new CrsRuleSet(
    'coraza-embedded',
    '@crs-setup.conf.example',
    '@owasp_crs/*.conf',
  );

  /** CRS at custom paths. */
  public static at(setupFile: string, rulesGlob: string): CrsRuleSet {
    if (!setupFile || !rulesGlob || /\s/.test(setupFile + rulesGlob)) {
      throw new Error(`CrsRuleSet.at: setupFile "${setupFile}" and rulesGlob "${rulesGlob}" must be non-empty paths without spaces.`);
    }
    return new CrsRuleSet('custom', setupFile, rulesGlob);
  }

  private constructor(
    /** Short name of the location. */
    public readonly name: string,
    /** The CRS setup file (crs-setup.conf). */
    public readonly setupFile: string,
    /** The glob of the CRS rule files. */
    public readonly rulesGlob: string,
  ) {}
}
