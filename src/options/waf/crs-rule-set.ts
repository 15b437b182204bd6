/**
 * Where the OWASP Core Rule Set lives in the engine that loads the rules file.
 *
 * The profile includes the CRS setup and the rule files of the families it keeps itself,
 * at the place where its tuning (before) and its prompt-field exclusions (after) must go.
 */
export class CrsRuleSet {
  /** Debian's `modsecurity-crs` package (CRS 3.3) as used with nginx or Apache. */
  public static readonly DEBIAN = new CrsRuleSet('debian', '/etc/modsecurity/crs/crs-setup.conf', '/usr/share/modsecurity-crs/rules');

  /** The CRS shipped inside the ingress-nginx controller image. */
  public static readonly INGRESS_NGINX = new CrsRuleSet(
    'ingress-nginx', '/etc/nginx/owasp-modsecurity-crs/crs-setup.conf', '/etc/nginx/owasp-modsecurity-crs/rules');

  /** The CRS v4 embedded in Coraza builds that use coraza-coreruleset's file names. */
  public static readonly CORAZA_EMBEDDED = new CrsRuleSet('coraza-embedded', '@crs-setup.conf.example', '@owasp_crs');

  /**
   * The CRS v4 embedded in coraza-proxy-wasm (the Envoy filter): its setup file is named
   * `@crs-setup-conf` there; `@crs-setup.conf.example` does not exist in its tree.
   */
  public static readonly CORAZA_PROXY_WASM = new CrsRuleSet('coraza-proxy-wasm', '@crs-setup-conf', '@owasp_crs');

  /** CRS at custom paths. */
  public static at(setupFile: string, rulesDir: string): CrsRuleSet {
    if (!setupFile || !rulesDir || /\s/.test(setupFile + rulesDir)) {
      throw new Error(`CrsRuleSet.at: setupFile "${setupFile}" and rulesDir "${rulesDir}" must be non-empty paths without spaces.`);
    }
    return new CrsRuleSet('custom', setupFile, rulesDir.replace(/\/+$/, ''));
  }

  private constructor(
    /** Short name of the location. */
    public readonly name: string,
    /** The CRS setup file (crs-setup.conf). */
    public readonly setupFile: string,
    /** The folder of the CRS rule files (REQUEST-9xx-*.conf). */
    public readonly rulesDir: string,
  ) {}
}
