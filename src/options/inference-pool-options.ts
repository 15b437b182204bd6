/**
 * The endpoint picker an InferencePool names: an ext_proc server (e.g. the Gateway API Inference
 * Extension's reference picker) that the Gateway calls for each request to choose the model pod.
 * The platform or the user deploys it, in the endpoint's namespace; the library writes only the
 * NetworkPolicies that let the Gateway reach it and let it read the model pods' metrics.
 */
export interface EndpointPickerOptions {
  /** The picker's Service, in the endpoint's namespace. */
  readonly serviceName: string;

  /** The Service port the Gateway calls (the picker's gRPC ext_proc port, 9002 for the reference picker). */
  readonly port: number;

  /**
   * The port the picker pods listen on, the Service's `targetPort` (NetworkPolicies admit traffic
   * on the pod port).
   * @default - the Service port
   */
  readonly targetPort?: number;

  /** Labels of the picker's pods: they alone may scrape the model pods' metrics, and only the Gateway reaches them. */
  readonly podLabels: { [key: string]: string };
}

/**
 * An InferencePool (Gateway API Inference Extension, `inference.networking.k8s.io/v1`) in front of
 * the model pods: the route sends requests to the pool, and the Gateway asks the endpoint picker
 * which pod serves each one (by queue depth, KV cache, LoRA adapters), instead of balancing over
 * the model Service. If the picker does not answer, requests fail (FailClose).
 */
export interface InferencePoolOptions {
  /** The endpoint picker the pool names. */
  readonly endpointPicker: EndpointPickerOptions;
}
