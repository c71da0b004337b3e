import { ROLES, type Role } from '@nexara/kit';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** The roles as a GraphQL enum; the list itself lives in the kit so the gateway and every subgraph agree. */
export const RoleEnum = Object.fromEntries(ROLES.map((role) => [role, role])) as { [R in Role]: R };

/** The dashboard's languages (docs/dashboard.md, "Language"). */
export const LOCALES = ['en', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];
export const LocaleEnum = { EN: 'en', AR: 'ar' } as const;

registerEnumType(LocaleEnum, {
  name: 'Locale',
  description: 'A language of the dashboard: EN (English, left to right) or AR (Arabic, right to left).',
});

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

  @Field(() => LocaleEnum, { description: "The user's dashboard language; EN until they choose." })
  @Column({ type: 'text', default: 'en' })
  locale: Locale;

  @Field({ description: 'Whether the dashboard shows Arabic-Indic digits (٠١٢) in Arabic; Western digits otherwise.' })
  @Column({ name: 'arabic_digits', type: 'boolean', default: false })
  arabicDigits: boolean;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
