/**
 * Every `secure-ai.cdk8s.io/*` label and annotation key the library writes, in one place:
 * renderers write them, checks and the report read them back from the manifests.
 */
const PREFIX = 'secure-ai.cdk8s.io/';

/** Annotation: what an object is for, in a sentence for reviewers. */
export const DESCRIPTION_ANNOTATION = `${PREFIX}description`;
/** Annotation: the options that weaken a secure default for this object (`; ` separated). */
export const WEAKENED_CONTROLS_ANNOTATION = `${PREFIX}weakened-controls`;
/** Annotation: the settings of the platform's controller or Gateway an endpoint's route relies on and does not write (`; ` separated). */
export const RELIES_ON_PLATFORM_ANNOTATION = `${PREFIX}relies-on-platform`;
/** Label: the endpoint an object belongs to. */
export const ENDPOINT_LABEL = `${PREFIX}endpoint`;
/** Label: the training namespace an object belongs to. */
export const TRAINING_NAMESPACE_LABEL = `${PREFIX}training-namespace`;
/** Label: the owner (team or cost centre) of a training namespace. */
export const OWNER_LABEL = `${PREFIX}owner`;
/** Label: the team of a training namespace. */
export const TEAM_LABEL = `${PREFIX}team`;
/** Annotation: what a training namespace is for. */
export const PURPOSE_ANNOTATION = `${PREFIX}purpose`;
/** Annotation: the data sources a training namespace reads. */
export const DATA_SOURCES_ANNOTATION = `${PREFIX}data-sources`;
/** Label: the data classification of a namespace and of the data a pod mounts. */
export const DATA_CLASSIFICATION_LABEL = `${PREFIX}data-classification`;
/** Label: the model configuration a training pod declares. */
export const MODEL_CONFIG_LABEL = `${PREFIX}model-config`;
/** Label: the WAF profile a rules ConfigMap carries. */
export const WAF_PROFILE_LABEL = `${PREFIX}waf-profile`;
/** Annotation: the hosts a WAF rules file was rendered for (comma separated). */
export const WAF_HOSTS_ANNOTATION = `${PREFIX}waf-hosts`;

/** The `app.kubernetes.io/managed-by` value on every object the library writes. */
export const MANAGED_BY = 'cdk8s-secure-ai';

/** Annotation: the settings of a controller ConfigMap that change behaviour for every tenant (`, ` separated). */
export const CONTROLLER_WIDE_SETTINGS_ANNOTATION = `${PREFIX}controller-wide-settings`;
/** Annotation: the endpoints whose settings a composed controller ConfigMap carries (`, ` separated). */
export const COMPOSED_FROM_ANNOTATION = `${PREFIX}composed-from`;
