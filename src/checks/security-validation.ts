import { App } from 'cdk8s';
import { CheckStatus } from './check-result';
import { RuleSuppression } from './rule-suppression';
import { SecurityReport } from './security-report';

/** How the rule pack judges an app or a cdk8s-cli synthesis. */
export interface SecurityValidationProps {
  /**
   * Findings accepted for a while, each with a reason and an expiry date.
   * @default - none
   */
  readonly suppressions?: RuleSuppression[];
  /**
   * The day suppressions are judged on, `YYYY-MM-DD` (UTC).
   * @default - today (UTC)
   */
  readonly asOf?: string;
}

const registered = new WeakSet<App>();

/**
 * The rule pack as a validation of a cdk8s app: `app.synth()` fails, before writing any
 * manifest, when a rule fails on what the app's charts synthesise (each failure named with its
 * rule, object, detail and fix). Registered once per app, whatever the number of charts.
 */
export class SecurityValidation {
  /**
   * Registers the rule pack on the app. Returns false, and changes nothing, when it is already
   * registered on that app.
   */
  public static register(app: App, props: SecurityValidationProps = {}): boolean {
    if (registered.has(app)) return false;
    registered.add(app);
    let running = false;
    app.node.addValidation({
      validate: () => {
        // Reading the charts' objects validates the app again: that nested run adds nothing.
        if (running) return [];
        running = true;
        try {
          return SecurityReport.fromApp(app, props).findings.filter((f) => f.status === CheckStatus.FAIL)
            .map((f) => `${f.ruleId} ${f.object}: ${f.detail}. Fix: ${f.fix}`);
        } finally {
          running = false;
        }
      },
    });
    return true;
  }

  private constructor() {}
}
