/**
 * One measurement of `npm run bench:synth`, in a process of its own so that its peak memory is
 * its own: synthesises N endpoints or N training namespaces with the library (`library`), or the
 * very same manifests re-emitted as plain ApiObjects in one chart (`floor`), and prints one JSON
 * line: { kind, mode, count, objects, wallMs, peakRssMiB }.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ApiObject, App, Chart, YamlOutputType } from 'cdk8s';
import {
  AITrainingNamespace, Authentication, CertificateIssuer, DataClassification, EdgeController, InferenceBackend, ModelServer,
  SecureInferenceEndpoint,
} from '../../src';

const [kind, mode, countText] = process.argv.slice(2);
const count = Number(countText);
const IMAGE = `registry.example.com/ml/vllm@sha256:${'a'.repeat(64)}`;

function libraryApp(outdir: string): App {
  const app = new App({ outdir, yamlOutputType: YamlOutputType.FILE_PER_CHART });
  const chart = new Chart(app, 'bench');
  for (let i = 0; i < count; i++) {
    if (kind === 'endpoint') {
      new SecureInferenceEndpoint(chart, `llm-${i}`, {
        namespace: `serving-${i}`,
        hosts: [`llm-${i}.example.com`],
        modelServer: ModelServer.vllm(),
        backend: InferenceBackend.workload({ image: IMAGE }),
        controller: EdgeController.ingressNginx(),
        tls: { issuer: CertificateIssuer.clusterIssuer('letsencrypt') },
        authentication: Authentication.external({ url: 'http://oauth2-proxy.auth.svc.cluster.local/oauth2/auth' }),
      });
    } else {
      new AITrainingNamespace(chart, `team-${i}`, {
        name: `team-${i}`,
        owner: 'ml-platform',
        purpose: 'benchmark',
        dataClassification: DataClassification.INTERNAL,
        admission: { allowedRegistries: ['registry.example.com/ml'] },
      });
    }
  }
  return app;
}

function manifestsOf(app: App): any[] {
  return app.charts.flatMap((c) => c.toJson());
}

const outdir = mkdtempSync(join(tmpdir(), 'bench-synth-'));
try {
  let objects = 0;
  let wallMs: number;
  if (mode === 'library') {
    const t0 = process.hrtime.bigint();
    const app = libraryApp(outdir);
    app.synth();
    wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
    objects = manifestsOf(app).length;
  } else {
    // The floor: the same manifests, made by the library outside the timed part, re-emitted as
    // plain ApiObjects in one chart and synthesised the same way.
    const manifests = manifestsOf(libraryApp(mkdtempSync(join(tmpdir(), 'bench-synth-src-'))));
    global.gc?.();
    const t0 = process.hrtime.bigint();
    const app = new App({ outdir, yamlOutputType: YamlOutputType.FILE_PER_CHART });
    const chart = new Chart(app, 'floor');
    manifests.forEach((m, i) => new ApiObject(chart, `o${i}`, m));
    app.synth();
    wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
    objects = manifests.length;
  }
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ kind, mode, count, objects, wallMs: Math.round(wallMs), peakRssMiB: Math.round(peakRssMiB) }));
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
