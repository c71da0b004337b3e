import { Directive, Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { OrderType, ProviderOrderEventErrorType } from '../orders/order.types';
import { CALLBACK_OUTCOMES, type CallbackOutcome } from './order-callback.entity';

export const CallbackOutcomeEnum = Object.fromEntries(CALLBACK_OUTCOMES.map((value) => [value, value])) as {
  [K in CallbackOutcome]: K;
};

registerEnumType(CallbackOutcomeEnum, {
  name: 'CallbackOutcome',
  description: 'What came of telling the provider about a change of the order.',
  valuesConfig: {
    DELIVERED: { description: 'The provider accepted the call.' },
    RETRYING: { description: 'The call failed and will be tried again.' },
    FAILED: { description: 'The call failed on its last attempt; the provider was not told.' },
    NOT_SUPPORTED: { description: 'The provider has no call for this change.' },
  },
});

@ObjectType('ProviderCallback', {
  description: 'One reported outcome of telling the provider about a change of the order.',
})
export class ProviderCallbackType {
  @Field({ description: 'What the provider was to be told, e.g. ACCEPTED.' })
  action: string;

  @Field(() => CallbackOutcomeEnum)
  outcome: CallbackOutcome;

  @Field(() => Int, { description: 'Which try this was (1 = the first call); 0 when no call was made.' })
  attempt: number;

  @Field(() => Int, { nullable: true, description: "The provider's HTTP answer, if it answered." })
  httpStatus: number | null;

  @Field(() => String, { nullable: true, description: 'What went wrong, as the worker saw it.' })
  detail: string | null;

  @Field(() => GraphQLISODateTime)
  at: Date;
}

@Directive('@inaccessible')
@InputType('RecordProviderCallbackInput', {
  description: 'An outcome of a provider callback, as the integrations worker reports it.',
})
export class RecordProviderCallbackInput {
  @Field(() => ID)
  orderId: string;

  @Field({ description: 'The callback action kind, e.g. ACCEPTED.' })
  action: string;

  @Field(() => CallbackOutcomeEnum)
  outcome: CallbackOutcome;

  @Field(() => Int, { description: 'Which try this was (1 = the first call); 0 when no call was made.' })
  attempt: number;

  @Field(() => Int, { nullable: true })
  httpStatus?: number | null;

  @Field(() => String, { nullable: true })
  detail?: string | null;
}

@Directive('@inaccessible')
@ObjectType('RecordProviderCallbacksResult', { description: 'One report of recordProviderCallbacks, in input order.' })
export class RecordProviderCallbacksResult {
  @Field(() => OrderType, { nullable: true, description: 'The order as the report left it; null when not recorded.' })
  order: OrderType | null;

  @Field(() => ProviderOrderEventErrorType, { nullable: true })
  error: ProviderOrderEventErrorType | null;
}
