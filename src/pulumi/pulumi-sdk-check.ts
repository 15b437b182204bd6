/**
 * The Pulumi SDKs are not dependencies of this package (a jsii package may not depend on
 * non-jsii packages, and bundling them would be wrong): the Pulumi program installs them.
 * Imported first by the entry point, so a missing SDK fails at import with what to install.
 */
export const MISSING_PULUMI_SDK_MESSAGE =
  'cdk8s-secure-ai/pulumi needs @pulumi/pulumi and @pulumi/kubernetes: npm install @pulumi/pulumi @pulumi/kubernetes';

/** Throws the install instruction when a Pulumi SDK cannot be resolved from this package. */
export function assertPulumiSdkInstalled(resolve: (id: string) => string = require.resolve): void {
  const missing = ['@pulumi/pulumi', '@pulumi/kubernetes'].filter((id) => {
    try {
      resolve(id);
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length > 0) {
    throw new Error(`${MISSING_PULUMI_SDK_MESSAGE} (not found: ${missing.join(', ')})`);
  }
}

assertPulumiSdkInstalled();
