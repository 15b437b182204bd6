import { assertPulumiSdkInstalled, MISSING_PULUMI_SDK_MESSAGE } from '../../src/pulumi/pulumi-sdk-check';

describe('assertPulumiSdkInstalled', () => {
  test('passes when both SDKs resolve (they are dev dependencies here)', () => {
    expect(() => assertPulumiSdkInstalled()).not.toThrow();
  });

  test('fails with what to install, naming what is missing', () => {
    const resolveWithout = (missing: string) => (id: string) => {
      if (id === missing) throw new Error(`Cannot find module '${id}'`);
      return `/node_modules/${id}/index.js`;
    };
    expect(() => assertPulumiSdkInstalled(resolveWithout('@pulumi/kubernetes')))
      .toThrow(`${MISSING_PULUMI_SDK_MESSAGE} (not found: @pulumi/kubernetes)`);
    expect(MISSING_PULUMI_SDK_MESSAGE).toBe(
      'cdk8s-secure-ai/pulumi needs @pulumi/pulumi and @pulumi/kubernetes: npm install @pulumi/pulumi @pulumi/kubernetes');
  });
});
