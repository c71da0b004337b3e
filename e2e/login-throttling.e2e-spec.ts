import { startGateway } from './support/gateway';
import { rawPost, signIn, startTestPlatform, type TestPlatform } from './support/platform';

/**
 * Password guessing through the real gateway and database, with the default
 * limits (5 attempts per account per 5 minutes, 30 failed attempts per
 * address per 15 minutes). The gateway here trusts X-Forwarded-For
 * (TRUST_PROXY), so each case comes from its own address.
 */
let platform: TestPlatform;
let gateway: Awaited<ReturnType<typeof startGateway>>;
let owner: Awaited<ReturnType<typeof signIn>>;

beforeAll(async () => {
  platform = await startTestPlatform({ ordersPerTenant: 1 });
  gateway = await startGateway(platform, { TRUST_PROXY: 'true' });
  owner = await signIn(platform, 'owner@demo-bistro.test');
});

afterAll(async () => {
  await gateway?.stop();
  await platform?.stop();
});

const PASSWORD = 'throttle-test-password';
let sequence = 0;

async function aUser(): Promise<string> {
  const email = `throttle-${(sequence += 1)}@demo-bistro.test`;
  await owner.query(`mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
    input: { email, name: 'Throttle', role: 'STAFF', password: PASSWORD },
  });
  return email;
}

type Attempt = { email: string; password: string };
type Outcome = { code: string | null; retryAfterSeconds?: number };

/** Sends the attempts as aliased `login` fields of one request, from `address`; one outcome per attempt, in order. */
async function logins(address: string, attempts: Attempt[]): Promise<Outcome[]> {
  const fields = attempts.map((_, i) => `a${i}: login(email: $e${i}, password: $p${i}) { token }`).join('\n');
  const declarations = attempts.map((_, i) => `$e${i}: String!, $p${i}: String!`).join(', ');
  const variables = Object.fromEntries(
    attempts.flatMap((a, i) => [
      [`e${i}`, a.email],
      [`p${i}`, a.password],
    ]),
  );
  const { body } = await rawPost(
    `${gateway.url}/graphql`,
    { query: `mutation(${declarations}) { ${fields} }`, variables },
    { 'x-forwarded-for': address },
  );
  const data = (body.data ?? {}) as Record<string, { token: string } | null>;
  return attempts.map((_, i) => {
    if (data[`a${i}`]?.token) return { code: null };
    const error = body.errors?.find((e) => (e as { path?: string[] }).path?.[0] === `a${i}`);
    const retry = error?.extensions?.['retryAfterSeconds'];
    return {
      code: String(error?.extensions?.['code'] ?? 'NO_ANSWER'),
      ...(typeof retry === 'number' ? { retryAfterSeconds: retry } : {}),
    };
  });
}

const one = async (address: string, attempt: Attempt): Promise<Outcome> => (await logins(address, [attempt]))[0]!;

describe('login throttling', () => {
  it('throttles guessing at one account while another account signs in fine from the same address', async () => {
    const victim = await aUser();
    const colleague = await aUser();
    const address = '198.51.100.1';
    for (let guess = 0; guess < 5; guess += 1) {
      expect(await one(address, { email: victim, password: `guess-${guess}` })).toEqual({
        code: 'INVALID_CREDENTIALS',
      });
    }
    const throttled = await one(address, { email: victim, password: 'guess-5' });
    expect(throttled.code).toBe('LOGIN_THROTTLED');
    // Back off, not lock out: the owner waits at most one window (5 minutes), however long the guessing goes on.
    expect(throttled.retryAfterSeconds).toBeGreaterThan(0);
    expect(throttled.retryAfterSeconds).toBeLessThanOrEqual(300);
    // Even the right password waits: the answer must not tell a guesser that it was right.
    expect((await one(address, { email: victim, password: PASSWORD })).code).toBe('LOGIN_THROTTLED');
    expect(await one(address, { email: colleague, password: PASSWORD })).toEqual({ code: null });
  });

  it('gives an account 5 password checks however the attempts are packed into aliased requests', async () => {
    const victim = await aUser();
    const outcomes: Outcome[] = [];
    // A failed non-null mutation field stops the fields after it, so a request checks as many passwords
    // as it gets to; whatever that is, every attempt counts and the sixth is throttled.
    for (let request = 0; request < 6 && !outcomes.some((o) => o.code === 'LOGIN_THROTTLED'); request += 1) {
      outcomes.push(
        ...(await logins(
          '198.51.100.2',
          Array.from({ length: 20 }, (_, i) => ({ email: victim, password: `guess-${request}-${i}` })),
        )),
      );
    }
    const checked = outcomes.filter((outcome) => outcome.code === 'INVALID_CREDENTIALS').length;
    expect(checked).toBe(5);
    expect(outcomes.some((outcome) => outcome.code === 'LOGIN_THROTTLED')).toBe(true);
  });

  it('throttles one address spraying many accounts, and not the next address', async () => {
    const sprayer = '198.51.100.3';
    for (let i = 0; i < 30; i += 1) {
      expect(await one(sprayer, { email: `nobody-${i}@spray.test`, password: 'Winter2026!' })).toEqual({
        code: 'INVALID_CREDENTIALS',
      });
    }
    const colleague = await aUser();
    expect((await one(sprayer, { email: colleague, password: PASSWORD })).code).toBe('LOGIN_THROTTLED');
    expect(await one('198.51.100.4', { email: colleague, password: PASSWORD })).toEqual({ code: null });
  });

  it('a successful sign-in starts the account over: its owner’s typos do not add up', async () => {
    const user = await aUser();
    const address = '198.51.100.5';
    for (let round = 0; round < 3; round += 1) {
      for (let typo = 0; typo < 4; typo += 1) {
        expect((await one(address, { email: user, password: `typo-${typo}` })).code).toBe('INVALID_CREDENTIALS');
      }
      expect(await one(address, { email: user, password: PASSWORD })).toEqual({ code: null });
    }
  });
});
