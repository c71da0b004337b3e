import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './paths';

const hasDockerCompose = spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0;
const composeFile = path.join(REPO_ROOT, 'docker-compose.yml');
const requiredSecrets = {
  POSTGRES_PASSWORD: 'example-only',
  DATABASE_OWNER_PASSWORD: 'example-only-owner',
  DATABASE_TENANTS_PASSWORD: 'example-only-tenants',
  DATABASE_ORDERS_PASSWORD: 'example-only-orders',
  DATABASE_INTEGRATIONS_PASSWORD: 'example-only-integrations',
  DATABASE_CATALOG_PASSWORD: 'example-only-catalog',
  DATABASE_GATEWAY_PASSWORD: 'example-only-gateway',
  AUTH_TOKEN_SECRET: 'example-only',
  INTERNAL_TOKEN_SECRET: 'example-only',
  SECRETS_ENCRYPTION_KEYS: 'example-only',
};

function validate(extraEnv: Record<string, string>): { status: number | null; stderr: string } {
  const env: Record<string, string | undefined> = { PATH: process.env['PATH'], ...extraEnv };
  const result = spawnSync('docker-compose', ['-f', composeFile, 'config', '-q'], { env, encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr };
}

// `.ci/run` installs docker-compose; elsewhere the check is skipped rather than faked.
(hasDockerCompose ? describe : describe.skip)('docker-compose.yml', () => {
  it('is a valid compose file once its secrets are provided', () => {
    const result = validate(requiredSecrets);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('refuses to start without its secrets, naming the missing one', () => {
    const withoutAuthSecret: Record<string, string> = { ...requiredSecrets };
    delete withoutAuthSecret['AUTH_TOKEN_SECRET'];
    const result = validate(withoutAuthSecret);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('AUTH_TOKEN_SECRET');
  });
});

describe('docker-compose.yml database passwords', () => {
  type Service = { environment?: Record<string, string> };
  const services = (parse(fs.readFileSync(composeFile, 'utf8')) as { services: Record<string, Service> }).services;

  it("gives each service only its own role's password", () => {
    const checked: string[] = [];
    for (const [name, service] of Object.entries(services)) {
      const env = service.environment ?? {};
      const role = /^postgres:\/\/nexara_(\w+)@/.exec(env['DATABASE_URL'] ?? '')?.[1];
      if (!role) continue;
      checked.push(name);
      expect([name, env['PGPASSWORD']]).toEqual([
        name,
        `\${DATABASE_${role.toUpperCase()}_PASSWORD:?set DATABASE_${role.toUpperCase()}_PASSWORD}`,
      ]);
    }
    expect(checked).toEqual(['tenants', 'orders', 'integrations', 'catalog', 'worker']);
  });

  it("gives the owner's password to the migration step alone", () => {
    const holders = Object.entries(services)
      .filter(([, service]) => JSON.stringify(service.environment ?? {}).includes('DATABASE_OWNER_PASSWORD'))
      .map(([name]) => name);
    expect(holders).toEqual(['migrate']);
  });
});

describe('docker-compose.yml traces', () => {
  type Service = { command?: string[]; environment?: Record<string, string> };
  const services = (
    parse(fs.readFileSync(composeFile, 'utf8'), { merge: true }) as { services: Record<string, Service> }
  ).services;

  it('lets every service export traces to the endpoint the operator names (none by default)', () => {
    const nodeServices = Object.entries(services).filter(([, service]) =>
      /\/dist\/(worker\/)?main\.js$/.test(service.command?.[1] ?? ''),
    );
    expect(nodeServices.map(([name]) => name)).toEqual([
      'tenants',
      'orders',
      'integrations',
      'catalog',
      'worker',
      'gateway',
    ]);
    for (const [name, service] of nodeServices) {
      expect([name, service.environment?.['OTEL_EXPORTER_OTLP_ENDPOINT']]).toEqual([
        name,
        '${OTEL_EXPORTER_OTLP_ENDPOINT:-}',
      ]);
    }
  });
});

describe('Dockerfile', () => {
  const stages = fs
    .readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8')
    .split(/^FROM /m)
    .slice(1)
    .map((stage) => ({ name: /^\S+ AS (\S+)/.exec(stage)?.[1], body: stage }));

  it('runs the services in production unless told otherwise', () => {
    const app = stages.find((stage) => stage.name === 'app');
    expect(app?.body).toMatch(/^ENV NODE_ENV=production$/m);
    expect(app?.body).toMatch(/^USER node$/m);
  });
});
