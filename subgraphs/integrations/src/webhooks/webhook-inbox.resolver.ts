import type { RequestContext } from '@nexara/kit';
import { Arg, Ctx, Directive, Mutation, Resolver } from 'type-graphql';
import type { ReceiveWebhookResult, WebhookInboxService } from './webhook-inbox.service';
import { ReceiveWebhookInput, ReceiveWebhookPayload } from './webhook-inbox.types';

@Resolver()
export class WebhookInboxResolver {
  constructor(private readonly inbox: WebhookInboxService) {}

  @Directive('@inaccessible')
  @Mutation(() => ReceiveWebhookPayload, {
    description:
      'Internal (the webhook shim, service identity only): authenticates, stores and queues one delivery; ' +
      'answers only once it is committed.',
  })
  receiveWebhook(
    @Arg('input', () => ReceiveWebhookInput) input: ReceiveWebhookInput,
    @Ctx() context: RequestContext,
  ): Promise<ReceiveWebhookResult> {
    return this.inbox.receiveWebhook(context.identity, input);
  }
}
