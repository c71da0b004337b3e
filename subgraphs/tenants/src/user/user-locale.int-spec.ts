import { errorCodes, graphql, graphqlOk } from '../testing/graphql-client';
import {
  aPlatformAdmin,
  aTenant,
  aUser,
  startTenantsForTest,
  stopTenantsForTest,
  type TenantFixture,
  type TenantsTestContext,
  type UserFixture,
} from '../testing/tenants-test-server';

jest.setTimeout(60_000);

const SET_MY_LOCALE = `mutation ($locale: Locale!, $arabicDigits: Boolean) {
  setMyLocale(locale: $locale, arabicDigits: $arabicDigits) { id locale arabicDigits }
}`;
const ME = `{ me { id locale arabicDigits } }`;

type Preference = { id: string; locale: 'EN' | 'AR'; arabicDigits: boolean };

describe('a user chooses the dashboard language', () => {
  let context: TenantsTestContext;
  let tenant: TenantFixture;
  let staff: UserFixture;
  let admin: UserFixture;

  beforeAll(async () => {
    context = await startTenantsForTest();
    tenant = await aTenant(context.url);
    staff = await aUser(context.url, tenant.owner.identity, 'STAFF');
    admin = await aPlatformAdmin(context.url);
  });

  afterAll(async () => {
    await stopTenantsForTest(context);
  });

  const stored = async (id: string) =>
    context.db.queryAsAdmin<{ locale: string; arabic_digits: boolean }>(
      'select locale, arabic_digits from tenants.users where id = $1',
      [id],
    );

  it('starts in English and keeps the choice for the next request, for the user only', async () => {
    expect((await graphqlOk<{ me: Preference }>(context.url, ME, {}, staff.identity)).me).toEqual({
      id: staff.id,
      locale: 'EN',
      arabicDigits: false,
    });

    const set = await graphqlOk<{ setMyLocale: Preference }>(
      context.url,
      SET_MY_LOCALE,
      { locale: 'AR', arabicDigits: true },
      staff.identity,
    );
    expect(set.setMyLocale).toEqual({ id: staff.id, locale: 'AR', arabicDigits: true });
    expect((await graphqlOk<{ me: Preference }>(context.url, ME, {}, staff.identity)).me.locale).toBe('AR');
    expect(await stored(staff.id)).toEqual([{ locale: 'ar', arabic_digits: true }]);
    expect(await stored(tenant.owner.id)).toEqual([{ locale: 'en', arabic_digits: false }]);

    // Digits omitted: only the language changes.
    await graphqlOk(context.url, SET_MY_LOCALE, { locale: 'EN' }, staff.identity);
    expect(await stored(staff.id)).toEqual([{ locale: 'en', arabic_digits: true }]);
  });

  it('lands on a platform admin acting in a customer tenant, in the operator tenant', async () => {
    const acting = { ...admin.identity, tenantId: tenant.tenantId };
    const set = await graphqlOk<{ setMyLocale: Preference }>(context.url, SET_MY_LOCALE, { locale: 'AR' }, acting);
    expect(set.setMyLocale).toEqual({ id: admin.id, locale: 'AR', arabicDigits: false });
    expect(await stored(admin.id)).toEqual([{ locale: 'ar', arabic_digits: false }]);
  });

  it('refuses anyone not signed in and an unknown language, changing nothing', async () => {
    const anonymous = await graphql(context.url, SET_MY_LOCALE, { locale: 'AR' }, { kind: 'anonymous' });
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
    const unknown = await graphql(context.url, SET_MY_LOCALE, { locale: 'FR' }, tenant.owner.identity);
    expect(unknown.errors.length).toBeGreaterThan(0);
    expect(await stored(tenant.owner.id)).toEqual([{ locale: 'en', arabic_digits: false }]);
  });
});
