import { ManifestRule } from './manifest-rule';
import { clientAddress } from './rules/client-address';
import { controllerWideSettings } from './rules/controller-wide-settings';
import { metadataEndpointBlocked } from './rules/metadata-endpoint-blocked';
import { namespaceDefaultDeny } from './rules/namespace-default-deny';
import { namespaceQuota } from './rules/namespace-quota';
import { noSnippetAnnotations } from './rules/no-snippet-annotations';
import { podHardening } from './rules/pod-hardening';
import { podSecurityRestricted } from './rules/pod-security-level';
import { rbacLeastPrivilege } from './rules/rbac-least-privilege';
import { reliesOnPlatform } from './rules/relies-on-platform';
import { secretsReaders } from './rules/secrets-readers';
import { weakenedControls } from './rules/weakened-controls';

/** Every rule the security report and the command line run, in report order. @internal */
export const RULE_PACK: readonly ManifestRule[] = [
  podSecurityRestricted, namespaceDefaultDeny, namespaceQuota, metadataEndpointBlocked, rbacLeastPrivilege, secretsReaders,
  podHardening, noSnippetAnnotations, controllerWideSettings, clientAddress, reliesOnPlatform, weakenedControls,
];
