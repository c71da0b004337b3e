import { appError, type RequestContext } from '@nexara/kit';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { ConnectionService, ConnectionView } from '../connections/connection.service';
import { ProviderConnection } from '../connections/connection.types';
import { OrderRef } from '../webhooks/webhook-event.types';
import type { AlertStatus as StatusName } from './alert-rules';
import type { AlertRecord } from './alert.repository';
import type { AlertService } from './alert.service';
import { AlertStatus, AlertType } from './alert.types';

@Resolver(() => AlertType)
export class AlertResolver {
  constructor(
    private readonly service: AlertService,
    private readonly connections: ConnectionService,
  ) {}

  @Query(() => [AlertType], {
    description: "The acting tenant's alerts, newest first; all statuses unless one is given.",
  })
  alerts(
    @Arg('status', () => AlertStatus, { nullable: true }) status: StatusName | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 100, description: 'At most 500.' }) first: number | null,
    @Ctx() context: RequestContext,
  ): Promise<AlertRecord[]> {
    return this.service.listAlerts(context.identity, { status, first });
  }

  @Query(() => AlertType, {
    nullable: true,
    description: 'One alert of your tenant; null if there is none with that id.',
  })
  alert(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<AlertRecord | null> {
    return this.service.findAlert(context.identity, id);
  }

  @Mutation(() => AlertType, {
    description:
      'Marks an alert as being handled (tenant admins, managers): it stays unresolved, so its rule opens no other for the same subject, ' +
      'and it still resolves by itself when the cause clears. NOT_FOUND for an unknown id; BAD_USER_INPUT for a RESOLVED alert.',
  })
  acknowledgeAlert(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<AlertRecord> {
    return this.service.acknowledgeAlert(context.identity, id);
  }

  @Mutation(() => AlertType, {
    description:
      'Resolves an alert by hand (tenant admins, managers). If its cause is still there, the next evaluation opens a new alert. ' +
      'NOT_FOUND for an unknown id; resolving a resolved alert changes nothing.',
  })
  resolveAlert(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<AlertRecord> {
    return this.service.resolveAlert(context.identity, id);
  }

  /** Declared here so it is in the composed schema; the gateway serves it by re-reading `alert(id)` for every `alert.raised` event. */
  @Subscription(() => AlertType, {
    description: 'An alert opened in your tenant. Served by the gateway over graphql-ws on /graphql.',
    subscribe: () => {
      throw appError('BAD_USER_INPUT', 'Subscribe through the gateway over WebSocket (graphql-ws) on /graphql.');
    },
  })
  alertRaised(@Root() alert: AlertRecord): AlertRecord {
    return alert;
  }

  @FieldResolver(() => ProviderConnection, {
    nullable: true,
    description: 'The connection concerned (null if it was deleted).',
  })
  async connection(@Root() alert: AlertRecord, @Ctx() context: RequestContext): Promise<ConnectionView | null> {
    return alert.connectionId ? this.connections.findConnection(context.identity, alert.connectionId) : null;
  }

  @FieldResolver(() => OrderRef, { nullable: true, description: 'The order concerned (ACCEPTANCE_AT_RISK).' })
  order(@Root() alert: AlertRecord): OrderRef | null {
    return alert.subjectType === 'Order' ? { id: alert.subjectId } : null;
  }
}
