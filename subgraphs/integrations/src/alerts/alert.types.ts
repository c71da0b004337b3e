import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from 'type-graphql';
import {
  ALERT_RULE_DESCRIPTIONS,
  ALERT_RULES,
  ALERT_STATUSES,
  type AlertRule as RuleName,
  type AlertStatus as StatusName,
} from './alert-rules';

const enumOf = <T extends string>(values: readonly T[]): { [K in T]: K } =>
  Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };

export const AlertRule = enumOf(ALERT_RULES);
registerEnumType(AlertRule, {
  name: 'AlertRule',
  description: 'What raised an alert. Each rule keeps at most one unresolved alert per subject.',
  valuesConfig: Object.fromEntries(ALERT_RULES.map((rule) => [rule, { description: ALERT_RULE_DESCRIPTIONS[rule] }])),
});

export const AlertStatus = enumOf(ALERT_STATUSES);
registerEnumType(AlertStatus, {
  name: 'AlertStatus',
  description: 'OPEN -> ACKNOWLEDGED (someone is on it) -> RESOLVED (by hand, or by itself when its cause clears).',
});

@ObjectType('Alert', {
  description: 'Something in the integrations that needs a person, raised by a rule and deduplicated per subject.',
})
export class AlertType {
  @Field(() => ID)
  id: string;

  @Field(() => AlertRule)
  rule: RuleName;

  @Field(() => AlertStatus)
  status: StatusName;

  @Field(() => String, { description: 'What is wrong and what to do, as last evaluated.' })
  message: string;

  @Field(() => String, { description: 'ProviderConnection or Order.' })
  subjectType: string;

  @Field(() => ID, { description: 'The id of the connection or order the alert is about.' })
  subjectId: string;

  // `connection` and `order` are resolved by AlertResolver.

  @Field(() => GraphQLJSONObject, { description: 'The numbers the rule saw.' })
  detail: Record<string, unknown>;

  @Field(() => GraphQLISODateTime)
  openedAt: Date;

  @Field(() => GraphQLISODateTime, { description: 'The last evaluation that found the cause still there.' })
  lastSeenAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  acknowledgedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Who acknowledged it (user:<id>).' })
  acknowledgedBy: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  resolvedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Who resolved it: user:<id>, or system:cause-cleared.' })
  resolvedBy: string | null;

  /** Not a field: resolves `connection`. */
  connectionId: string | null;
}
