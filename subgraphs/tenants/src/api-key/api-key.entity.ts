import { API_KEY_SCOPES, type ApiKeyScope } from '@nexara/kit';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

type ScopeName<S extends string> = S extends `${infer Resource}:${infer Access}`
  ? `${Uppercase<Resource>}_${Uppercase<Access>}`
  : never;

export function scopeEnumName<S extends ApiKeyScope>(scope: S): ScopeName<S> {
  return scope.replace(':', '_').toUpperCase() as ScopeName<S>;
}

/**
 * GraphQL names (ORDERS_READ) for the kit's scope strings (orders:read), which
 * stay the internal values: the database, the partner gateway and the
 * `partner` identity all use the strings. Built from the kit so they cannot drift.
 */
export const ApiKeyScopeEnum = Object.fromEntries(API_KEY_SCOPES.map((scope) => [scopeEnumName(scope), scope])) as {
  [S in ApiKeyScope as ScopeName<S>]: S;
};

registerEnumType(ApiKeyScopeEnum, {
  name: 'ApiKeyScope',
  description:
    'What a partner API key may do: read orders, act on orders (accept, reject, ...), read provider connections, ' +
    'read the catalog (menus, sync log), change the catalog (import a menu, 86 items, open or pause a branch).',
});

/** A partner API key of one tenant. The secret itself is never stored, only its SHA-256. */
@Directive('@key(fields: "id")')
@ObjectType('ApiKey', {
  description: 'A partner API key (`Authorization: Bearer nxk_...` on /partner/graphql), bound to one tenant.',
})
@Entity({ schema: 'tenants', name: 'api_keys' })
export class ApiKey {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'What the key is for, e.g. "POS integration".' })
  @Column({ type: 'text' })
  name: string;

  @Field({
    description:
      'The first 12 characters after `nxk_`, to tell keys apart; the rest of the secret is never shown again.',
  })
  @Column({ type: 'text' })
  prefix: string;

  /** SHA-256 of the whole secret; never leaves this subgraph and is not even loaded unless asked for. */
  @Column({ name: 'secret_hash', type: 'bytea', select: false })
  secretHash: Buffer;

  @Field(() => [ApiKeyScopeEnum])
  @Column({ type: 'text', array: true })
  scopes: ApiKeyScope[];

  /** The user who created it (a platform admin's id is from the operator tenant). */
  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'After this the key no longer works; null: it does not expire.' })
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'Recorded at most once a minute.' })
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;
}
