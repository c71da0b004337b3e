import type { Provider as ProviderName } from '@nexara/providers/display';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Directive, Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Provider } from '../connections/connection.types';
import { WEBHOOK_VERDICTS, type WebhookVerdict as WebhookVerdictName } from './webhook-inbox.service';

export const WebhookVerdict = Object.fromEntries(WEBHOOK_VERDICTS.map((value) => [value, value])) as {
  [K in WebhookVerdictName]: K;
};
// type-graphql cannot put @inaccessible on an enum; only the inaccessible receiveWebhook reaches it.
registerEnumType(WebhookVerdict, {
  name: 'WebhookVerdict',
  description:
    'Internal: what the inbox made of a delivery (ACCEPTED and stored, DUPLICATE of a stored one, REJECTED).',
});

@Directive('@inaccessible')
@InputType('ReceiveWebhookInput', { description: 'Internal: one delivery as the webhook shim received it.' })
export class ReceiveWebhookInput {
  @Field(() => Provider)
  provider: ProviderName;

  @Field(() => String)
  connectionKey: string;

  @Field(() => String)
  method: string;

  @Field(() => String, {
    description: 'The path after /webhooks/:provider/:connectionKey, without slashes at the ends.',
  })
  subPath: string;

  @Field(() => GraphQLJSONObject)
  headers: Record<string, unknown>;

  @Field(() => String, { description: 'The raw body, base64: signatures cover these exact bytes.' })
  bodyBase64: string;

  @Field(() => GraphQLISODateTime)
  receivedAt: Date;
}

@Directive('@inaccessible')
@ObjectType('ReceiveWebhookPayload', { description: 'Internal: what the shim answers the provider, verbatim.' })
export class ReceiveWebhookPayload {
  @Field(() => WebhookVerdict)
  verdict: WebhookVerdictName;

  @Field(() => Int)
  httpStatus: number;

  @Field(() => String)
  responseBody: string;

  @Field(() => ID, { nullable: true })
  eventId: string | null;

  @Field(() => String, { nullable: true })
  errorCode: string | null;
}
