import { ROLES, type Role } from '@nexara/kit';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** The roles as a GraphQL enum; the list itself lives in the kit so the gateway and every subgraph agree. */
export const RoleEnum = Object.fromEntries(ROLES.map((role) => [role, role])) as { [R in Role]: R };

registerEnumType(RoleEnum, {
  name: 'Role',
  description: 'PLATFORM_ADMIN runs Nexara itself; the others are roles inside one tenant, from most to least trusted.',
});

@Directive('@key(fields: "id")')
@ObjectType('User')
@Entity({ schema: 'tenants', name: 'users' })
export class User {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'Stored in lowercase; unique across Nexara.' })
  @Column({ type: 'text' })
  email: string;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field(() => RoleEnum)
  @Column({ type: 'text' })
  role: Role;

  /** `scrypt$N$r$p$salt$hash`; never leaves this subgraph. */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash: string;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
