import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './paths';

const hasDockerCompose = spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0;
const composeFile = path.join(REPO_ROOT, 'docker-compose.yml');
const requiredSecrets = {
  POSTGRES_PASSWORD: 'example-only',
  DATABASE_ROLE_PASSWORD: 'example-only',
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
