import { appliedByDeployer, deployerObjects, isPlatformOwned, PLATFORM_OWNED_FILE } from '../../../conformance/suite/checks/deployers';
import { ManifestObject } from '../../../conformance/suite/manifests';

const labels = { 'secure-ai.cdk8s.io/endpoint': 'chat' };
const at = (file: string, kind: string, name: string, namespace?: string): ManifestObject =>
  ({ file: `dist/examples/vllm/${file}`, object: { apiVersion: 'v1', kind, metadata: { name, ...(namespace ? { namespace } : {}), labels } } });

describe('who applies an object', () => {
  const deployerChart = at('vllm.k8s.yaml', 'Service', 'chat', 'serving');
  const platformFile = at(PLATFORM_OWNED_FILE, 'NetworkPolicy', 'platform-policy', 'serving');
  const roleInDeployerChart = at('vllm.k8s.yaml', 'Role', 'chat-deployer', 'serving');

  test('everything in the platform-owned file is the platform team\'s, whatever its kind; platform kinds are anywhere', () => {
    expect(PLATFORM_OWNED_FILE).toBe('secure-ai-platform-owned.k8s.yaml');
    expect(isPlatformOwned(platformFile)).toBe(true);
    expect(isPlatformOwned(roleInDeployerChart)).toBe(true);
    expect(isPlatformOwned(deployerChart)).toBe(false);
  });

  test('a deployer applies only the namespaced objects of its endpoint outside the platform-owned file', () => {
    const objects = [deployerChart, platformFile, roleInDeployerChart];
    expect(deployerObjects(objects, 'chat')).toStrictEqual([deployerChart]);
    expect(deployerObjects(objects, 'other')).toStrictEqual([]);
    const deployers = [{ endpoint: 'chat', as: 'chat-deployer' }];
    expect(objects.map((m) => appliedByDeployer(deployers, m))).toStrictEqual([true, false, false]);
  });
});
