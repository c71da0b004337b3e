import { PUBLIC_TAG } from '@nexara/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A customer of Nexara (a restaurant group), or the operator tenant platform admins belong to. */
@Directive('@key(fields: "id")')
@ObjectType('Tenant', { description: 'A restaurant group using Nexara; every other record belongs to exactly one.' })
@Entity({ schema: 'tenants', name: 'tenants' })
export class Tenant {
  @Directive(PUBLIC_TAG)
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'Lowercase letters, digits and hyphens; unique across Nexara.' })
  @Column({ type: 'text' })
  slug: string;

  @Directive(PUBLIC_TAG)
  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field({ description: 'ISO 4217 code of the currency the tenant trades in by default.' })
  @Column({ type: 'char', length: 3 })
  currency: string;

  @Field({ description: 'IANA time zone, e.g. "Asia/Dubai".' })
  @Column({ name: 'time_zone', type: 'text' })
  timeZone: string;

  /** The operator tenant ("Nexara"); not part of the API. */
  @Column({ name: 'is_platform', type: 'boolean', default: false })
  isPlatform: boolean;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
