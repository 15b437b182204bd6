/**
 * The library's layers, lowest first. A layer imports only the layers listed before it
 * (and itself); `import/no-restricted-paths` enforces it in lint. docs/architecture.md draws it.
 */
export interface Layer {
  /** What the layer is. */
  readonly name: string;
  /** Its folders under src/. */
  readonly folders: string[];
}

export const LAYERS: Layer[] = [
  { name: 'generated CRD and Kubernetes bindings', folders: ['imports'] },
  { name: 'facts shared by every layer (label keys, HTTP methods, metadata endpoints)', folders: ['facts'] },
  { name: 'options: the public typed props, enum-like classes and early validation', folders: ['options'] },
  { name: 'policy model: options normalised into plain data, the capability table', folders: ['model'] },
  { name: 'renderers: pure functions from the model to objects and rules text', folders: ['render'] },
  { name: 'constructs and façades', folders: ['platform', 'endpoint', 'training', 'waf'] },
  { name: 'checks and the security report, over synthesised manifests', folders: ['checks'] },
  { name: 'adapters: Pulumi components and the command line', folders: ['pulumi', 'cli'] },
];

/**
 * Exceptions to "only the layers below": the generated bindings import nothing of ours, and
 * checks judge manifests, so they do not read renderers or constructs.
 */
const FORBIDDEN_EXTRA: { [folder: string]: string[] } = {
  checks: ['render', 'endpoint', 'training', 'waf', 'model'],
};

/** The zones of `import/no-restricted-paths`: each layer's folders may not import a higher layer's. */
export function layerZones(): { target: string; from: string[]; message: string }[] {
  const zones: { target: string; from: string[]; message: string }[] = [];
  LAYERS.forEach((layer, i) => {
    const above = LAYERS.slice(i + 1).flatMap((l) => l.folders);
    for (const folder of layer.folders) {
      const from = [...above, ...(FORBIDDEN_EXTRA[folder] ?? [])].filter((f, j, all) => f !== folder && all.indexOf(f) === j);
      if (from.length === 0) continue;
      zones.push({
        target: `./src/${folder}`,
        from: from.map((f) => `./src/${f}`),
        message: `src/${folder} is in the layer "${layer.name}": it imports only lower layers (see docs/architecture.md).`,
      });
    }
  });
  return zones;
}
