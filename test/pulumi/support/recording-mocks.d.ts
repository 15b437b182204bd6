/** One resource registration, as the Pulumi engine (here: its mock monitor) received it. */
export interface Registration {
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly parent?: string;
  /** `<provider URN>::<provider id>`, when the resource has an explicit provider. */
  readonly provider?: string;
  /** URNs of the resources it explicitly depends on. */
  readonly dependencies: string[];
  readonly inputs: any;
  /** The custom timeouts it was given (Pulumi duration strings such as `30m`). */
  readonly customTimeouts?: { readonly create?: string; readonly update?: string; readonly delete?: string };
  /** Set once the registration has completed. */
  readonly urn?: string;
  /** What a component passed to `registerOutputs`, once sent. */
  readonly outputs?: any;
}

export interface RecordingMocksOptions {
  readonly project?: string;
  readonly stack?: string;
  readonly preview?: boolean;
}

export declare function installRecordingMocks(pulumi: typeof import('@pulumi/pulumi'), options?: RecordingMocksOptions): Registration[];

export declare function promiseOf<T>(output: import('@pulumi/pulumi').Output<T>): Promise<T>;

/** Waits until every registration sent so far has been answered. */
export declare function settled(pulumi: typeof import('@pulumi/pulumi')): Promise<void>;
