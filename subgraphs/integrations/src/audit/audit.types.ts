import { GraphQLJSONObject } from 'graphql-scalars';
import { ArgsType, Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { AuditKind as AuditKindName } from './audit.service';
import { PageInfoType } from '@nexara/contracts';

export const AuditKind: { [K in AuditKindName]: K } = {
  ADMIN_ACTION: 'ADMIN_ACTION',
  SECURITY_EVENT: 'SECURITY_EVENT',
};
registerEnumType(AuditKind, {
  name: 'AuditKind',
  description:
    'ADMIN_ACTION: a change someone made; SECURITY_EVENT: a rejected webhook (the first of its kind each minute).',
});

@ObjectType('AuditEntry', { description: 'One entry of the integrations audit trail. Never holds a secret.' })
export class AuditEntryType {
  @Field(() => ID)
  id: string;

  @Field(() => GraphQLISODateTime)
  at: Date;

  @Field(() => AuditKind)
  kind: AuditKindName;

  @Field(() => String, { description: 'Who: user:<id>, service:<name>, api-key:<id>, or webhook-sender.' })
  actor: string;

  @Field(() => String, { description: 'What, e.g. CONNECTION_SECRET_ROTATED or WEBHOOK_REJECTED:BAD_SIGNATURE.' })
  action: string;

  @Field(() => String)
  subjectType: string;

  @Field(() => String, { nullable: true })
  subjectId: string | null;

  @Field(() => GraphQLJSONObject)
  detail: Record<string, unknown>;
}

@ObjectType('AuditLogEdge')
export class AuditLogEdgeType {
  @Field()
  cursor: string;

  @Field(() => AuditEntryType)
  node: AuditEntryType;
}

@ObjectType('AuditLogConnection')
export class AuditLogConnectionType {
  @Field(() => Int, { description: 'Entries of the tenant, on every page.' })
  totalCount: number;

  @Field(() => [AuditLogEdgeType])
  edges: AuditLogEdgeType[];

  @Field(() => PageInfoType)
  pageInfo: PageInfoType;
}

@ArgsType()
export class AuditLogArgs {
  @Field(() => Int, { nullable: true, defaultValue: 50, description: 'At most 200.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'An endCursor or edge cursor from a previous page.' })
  after?: string | null;
}
