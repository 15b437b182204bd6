/**
 * A family of OWASP CRS rules (one CRS rule file, the same number in CRS 3.3 and 4).
 */
export class CrsFamily {
  /** 911: method enforcement (the profile's route allow-list is stricter). */
  public static readonly METHOD_ENFORCEMENT = new CrsFamily(911, 'method-enforcement');
  /** 913: scanner detection (user agents of security scanners). */
  public static readonly SCANNER_DETECTION = new CrsFamily(913, 'scanner-detection');
  /** 920: protocol enforcement (the profile enforces methods, content types and bodies itself). */
  public static readonly PROTOCOL_ENFORCEMENT = new CrsFamily(920, 'protocol-enforcement');
  /** 921: protocol attacks (request smuggling, header injection, response splitting). */
  public static readonly PROTOCOL_ATTACK = new CrsFamily(921, 'protocol-attack');
  /** 930: local file inclusion and path traversal. */
  public static readonly LFI = new CrsFamily(930, 'lfi');
  /** 931: remote file inclusion. */
  public static readonly RFI = new CrsFamily(931, 'rfi');
  /** 932: remote command execution. */
  public static readonly RCE = new CrsFamily(932, 'rce');
  /** 933: PHP injection. */
  public static readonly PHP = new CrsFamily(933, 'php');
  /** 934: generic / Node.js injection. */
  public static readonly GENERIC = new CrsFamily(934, 'generic');
  /** 941: cross-site scripting. */
  public static readonly XSS = new CrsFamily(941, 'xss');
  /** 942: SQL injection. */
  public static readonly SQLI = new CrsFamily(942, 'sqli');
  /** 943: session fixation. */
  public static readonly SESSION_FIXATION = new CrsFamily(943, 'session-fixation');
  /** 944: Java attacks (deserialisation, Log4Shell in CRS 4). */
  public static readonly JAVA = new CrsFamily(944, 'java');

  /** Every request family. */
  public static all(): CrsFamily[] {
    return [
      CrsFamily.METHOD_ENFORCEMENT, CrsFamily.SCANNER_DETECTION, CrsFamily.PROTOCOL_ENFORCEMENT, CrsFamily.PROTOCOL_ATTACK,
      CrsFamily.LFI, CrsFamily.RFI, CrsFamily.RCE, CrsFamily.PHP, CrsFamily.GENERIC, CrsFamily.XSS, CrsFamily.SQLI,
      CrsFamily.SESSION_FIXATION, CrsFamily.JAVA,
    ];
  }

  /**
   * The profile's default: the injection families that matter for an inference API.
   * Method and protocol enforcement are done, stricter, by the profile; PHP, Node.js, session
   * fixation and scanner user agents do not apply to a JSON model API.
   */
  public static defaults(): CrsFamily[] {
    return [CrsFamily.PROTOCOL_ATTACK, CrsFamily.LFI, CrsFamily.RFI, CrsFamily.RCE, CrsFamily.XSS, CrsFamily.SQLI, CrsFamily.JAVA];
  }

  private constructor(
    /** The CRS file number (REQUEST-<number>-*.conf). */
    public readonly number: number,
    /** Short name of the family. */
    public readonly name: string,
  ) {}
}
