import { ROLES, type Role } from '@nexara/kit';
import { mayCreateRole } from './user.service';

describe('mayCreateRole', () => {
  const allowed: Record<Role, Role[]> = {
    PLATFORM_ADMIN: ['PLATFORM_ADMIN', 'TENANT_ADMIN', 'MANAGER', 'STAFF'],
    TENANT_ADMIN: ['TENANT_ADMIN', 'MANAGER', 'STAFF'],
    MANAGER: ['STAFF'],
    STAFF: [],
  };
  const pairs = ROLES.flatMap((creator) =>
    ROLES.map((role) => [creator, role, allowed[creator].includes(role)] as const),
  );

  it.each(pairs)('%s creating %s: %p', (creator, role, expected) => {
    expect(mayCreateRole(creator, role)).toBe(expected);
  });
});
