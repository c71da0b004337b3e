import { Field, Float, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  CONNECTION_HEALTH_STATES,
  HEALTH_THRESHOLDS,
  type ConnectionHealthState as StateName,
} from './connection-health.rules';

const t = HEALTH_THRESHOLDS;

export const ConnectionHealthState = Object.fromEntries(CONNECTION_HEALTH_STATES.map((value) => [value, value])) as {
  [K in StateName]: K;
};
registerEnumType(ConnectionHealthState, {
  name: 'ConnectionHealthState',
  description:
    'The health rule, first match wins: FAILING, then SILENT, then DEGRADED, else HEALTHY. ' +
    '"Finished" deliveries are those received in the last hour that are PROCESSED, FAILED or DEAD. stateReason says which rule fired.',
  valuesConfig: {
    HEALTHY: { description: 'None of the rules below holds.' },
    DEGRADED: {
      description:
        `Under ${t.degradedBelowSuccessRate * 100}% of the finished deliveries were processed, or deliveries are DEAD/FAILED ` +
        `waiting for a replay, or the last hour's p95 processing time is over ${t.degradedAboveP95Ms} ms.`,
    },
    FAILING: { description: `Under ${t.failingBelowSuccessRate * 100}% of the finished deliveries were processed.` },
    SILENT: {
      description:
        'An ACTIVE connection received nothing for silentAfterMinutes (default 60) during its expected hours (default: all day).',
    },
  },
});

@ObjectType('ExpectedHours', {
  description: 'When deliveries are expected (opening hours), in the connection time zone.',
})
export class ExpectedHoursType {
  @Field(() => String, { description: 'HH:MM, 24 h.' })
  opensAt: string;

  @Field(() => String, { description: 'HH:MM, 24 h; earlier than opensAt means open past midnight.' })
  closesAt: string;

  @Field(() => String, { description: 'IANA time zone, e.g. Asia/Riyadh.' })
  timeZone: string;
}

@ObjectType('ConnectionHealth', { description: "One provider connection's webhook health, computed when read." })
export class ConnectionHealthType {
  @Field(() => ID, { description: 'The connection id.' })
  connectionId: string;

  // `connection` is resolved by ConnectionHealthResolver.

  @Field(() => ConnectionHealthState)
  state: StateName;

  @Field(() => String, { description: 'Which rule decided the state, with the numbers it looked at.' })
  stateReason: string;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When the last delivery was received; null if none ever was.',
  })
  lastDeliveryAt: Date | null;

  @Field(() => Int, { description: 'Deliveries received in the last hour, whatever their status.' })
  deliveriesLastHour: number;

  @Field(() => Int, { description: 'Of those, FAILED or DEAD.' })
  failuresLastHour: number;

  @Field(() => Float, {
    nullable: true,
    description: 'PROCESSED / (PROCESSED + FAILED + DEAD) over the last hour; null when none finished.',
  })
  successRate: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "95th percentile of processingMs over the last hour's processed deliveries.",
  })
  p95ProcessingMs: number | null;

  @Field(() => Int, { description: 'DEAD deliveries waiting for a replay (any age).' })
  deadCount: number;

  @Field(() => Int, { description: 'FAILED deliveries waiting for a replay (any age).' })
  failedCount: number;

  @Field(() => Int, {
    description: 'Webhooks refused in the last hour because authentication failed (signature, token, timestamp).',
  })
  authFailuresLastHour: number;

  @Field(() => Int, { description: 'Minutes a silence must last, during expected hours, to count as SILENT.' })
  silentAfterMinutes: number;

  @Field(() => ExpectedHoursType, { nullable: true, description: 'Null: deliveries are expected all day.' })
  expectedHours: ExpectedHoursType | null;

  @Field(() => GraphQLISODateTime, { description: 'The database time the numbers were computed at.' })
  checkedAt: Date;
}

@InputType('ConnectionExpectedHoursInput', {
  description:
    'When a connection is expected to receive deliveries. Branch opening hours are not modelled, so they are set here.',
})
export class ConnectionExpectedHoursInput {
  @Field(() => ID)
  connectionId: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Silence this long during expected hours makes the connection SILENT (5 to 10080; default 60).',
  })
  silentAfterMinutes?: number | null;

  @Field(() => String, { nullable: true, description: 'HH:MM; with closesAt, or both null for all day.' })
  opensAt?: string | null;

  @Field(() => String, { nullable: true, description: 'HH:MM; earlier than opensAt means open past midnight.' })
  closesAt?: string | null;

  @Field(() => String, { nullable: true, description: 'IANA time zone of opensAt/closesAt (default UTC).' })
  timeZone?: string | null;
}
