import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A restaurant location of a tenant; provider connections and orders belong to one. */
@Directive('@key(fields: "id")')
@ObjectType('Branch')
@Entity({ schema: 'tenants', name: 'branches' })
export class Branch {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field({ description: 'IANA time zone of the branch, e.g. "Asia/Dubai".' })
  @Column({ name: 'time_zone', type: 'text' })
  timeZone: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Field()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
