import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../paths';

/**
 * deploy/k8s rendered (packages/stack/scripts/k8s-render.mjs: kubernetes-models
 * is an ES module, so it runs in a node process of its own) and validated
 * against the Kubernetes JSON schemas, then held to what the design promises.
 */
type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
};
type Container = {
  name: string;
  image: string;
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  readinessProbe?: { httpGet?: { path: string } };
  livenessProbe?: { httpGet?: { path: string } };
};

function render(dir: string): { objects: K8sObject[]; errors: string[] } {
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'packages/stack/scripts/k8s-render.mjs'), dir], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`rendering ${dir} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as { objects: K8sObject[]; errors: string[] };
}

const containersOf = (object: K8sObject): Container[] =>
  ((object.spec?.['template'] as { spec: { containers: Container[] } }).spec.containers ?? []) as Container[];

const SERVICES = ['gateway', 'tenants', 'orders', 'integrations', 'catalog', 'worker'];

describe.each(['deploy/k8s/base', 'deploy/k8s/overlays/production'])('%s', (dir) => {
  const { objects, errors } = render(path.join(REPO_ROOT, dir));
  const named = (kind: string, name: string): K8sObject | undefined =>
    objects.find((o) => o.kind === kind && o.metadata.name === name);

  it('renders objects that all pass the Kubernetes schemas', () => {
    expect(objects.length).toBeGreaterThan(15);
    expect(errors).toEqual([]);
  });

  it.each(SERVICES)(
    '%s: a Deployment with /readyz and /healthz probes, a Service and a PodDisruptionBudget',
    (name) => {
      const deployment = named('Deployment', name)!;
      const [container] = containersOf(deployment);
      expect(container!.readinessProbe?.httpGet?.path).toBe('/readyz');
      expect(container!.livenessProbe?.httpGet?.path).toBe('/healthz');
      expect(named('Service', name)).toBeDefined();
      expect(named('PodDisruptionBudget', name)).toBeDefined();
    },
  );

  it('autoscales the gateway and the worker, and runs migrations as a Job', () => {
    const targets = objects
      .filter((o) => o.kind === 'HorizontalPodAutoscaler')
      .map((o) => (o.spec!['scaleTargetRef'] as { name: string }).name);
    expect(targets.sort()).toEqual(['gateway', 'worker']);
    const job = named('Job', 'migrate')!;
    expect(JSON.stringify(job)).toContain('migrate-cli.js');
  });

  it('holds no secret: every password and key comes by reference, each service with its own database role and password', () => {
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    const rolePasswords = new Map<string, string>();
    for (const name of ['tenants', 'orders', 'integrations', 'catalog']) {
      const env = containersOf(named('Deployment', name)!)[0]!.env!;
      expect(env.find((e) => e.name === 'DATABASE_URL')?.value).toContain(`//nexara_${name}@`);
      const secret = env.find((e) => e.name === 'PGPASSWORD')?.valueFrom?.secretKeyRef;
      expect(secret).toBeDefined();
      rolePasswords.set(name, secret!.name);
      for (const variable of env) {
        if (/SECRET|PASSWORD|KEYS/.test(variable.name))
          expect([variable.name, variable.value]).toEqual([variable.name, undefined]);
      }
    }
    expect(new Set(rolePasswords.values()).size).toBe(4);
  });
});

it('the production overlay runs in its namespace on a released image with two replicas of each subgraph', () => {
  const { objects } = render(path.join(REPO_ROOT, 'deploy/k8s/overlays/production'));
  expect(objects.every((o) => o.metadata.namespace === 'nexara')).toBe(true);
  for (const deployment of objects.filter((o) => o.kind === 'Deployment')) {
    expect(containersOf(deployment)[0]!.image).toBe('nexara/app:0.1.0');
  }
  for (const name of ['tenants', 'orders', 'integrations', 'catalog']) {
    expect(objects.find((o) => o.kind === 'Deployment' && o.metadata.name === name)!.spec!['replicas']).toBe(2);
  }
});

it('the validator refuses what the schemas refuse', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nexara-k8s-'));
  try {
    fs.writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources: [broken.yaml]\n');
    fs.writeFileSync(
      path.join(dir, 'broken.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: broken }\nspec:\n  replicas: many\n  selector: {}\n  template: { spec: { containers: [{ image: x }] } }\n',
    );
    const { errors } = render(dir);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^Deployment\/broken: /);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
