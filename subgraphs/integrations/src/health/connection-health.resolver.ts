import { appError, type RequestContext } from '@nexara/kit';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { ConnectionService, ConnectionView } from '../connections/connection.service';
import { ProviderConnection } from '../connections/connection.types';
import type { ConnectionHealthService, ConnectionHealthView } from './connection-health.service';
import { ConnectionExpectedHoursInput, ConnectionHealthType } from './connection-health.types';

// Health of every connection, computed once per request however many connections a response shows.
const healthByRequest = new WeakMap<RequestContext, Promise<Map<string, ConnectionHealthView>>>();

@Resolver(() => ConnectionHealthType)
export class ConnectionHealthResolver {
  constructor(
    private readonly health: ConnectionHealthService,
    private readonly connections: ConnectionService,
  ) {}

  @Query(() => [ConnectionHealthType], {
    description: "Webhook health of each of the acting tenant's provider connections.",
  })
  integrationHealth(@Ctx() context: RequestContext): Promise<ConnectionHealthView[]> {
    return this.health.listHealth(context.identity);
  }

  @Query(() => ConnectionHealthType, {
    nullable: true,
    description: 'Health of one connection of your tenant; null if there is none with that id.',
  })
  connectionHealth(
    @Arg('connectionId', () => ID) connectionId: string,
    @Ctx() context: RequestContext,
  ): Promise<ConnectionHealthView | null> {
    return this.health.findHealth(context.identity, connectionId);
  }

  @Mutation(() => ConnectionHealthType, {
    description:
      'Sets when a connection is expected to receive deliveries, which decides SILENT (tenant admins, managers).',
  })
  setConnectionExpectedHours(
    @Arg('input', () => ConnectionExpectedHoursInput) input: ConnectionExpectedHoursInput,
    @Ctx() context: RequestContext,
  ): Promise<ConnectionHealthView> {
    return this.health.setExpectedHours(context.identity, input);
  }

  /**
   * Declared here so the field is in the composed schema; the gateway serves it
   * over graphql-ws by re-reading `connectionHealth(connectionId)` for every
   * `connection.health` event (at most one per connection per second).
   */
  @Subscription(() => ConnectionHealthType, {
    description:
      'A connection of your tenant may have changed health (deliveries arrived, finished, died, were refused). Served by the gateway over graphql-ws on /graphql.',
    subscribe: () => {
      throw appError('BAD_USER_INPUT', 'Subscribe through the gateway over WebSocket (graphql-ws) on /graphql.');
    },
  })
  integrationHealthChanged(@Root() health: ConnectionHealthView): ConnectionHealthView {
    return health;
  }

  @FieldResolver(() => ProviderConnection)
  async connection(
    @Root() health: ConnectionHealthView,
    @Ctx() context: RequestContext,
  ): Promise<ConnectionView | null> {
    return this.connections.findConnection(context.identity, health.connectionId);
  }
}

/** `ProviderConnection.health`: the same numbers, reachable from the connection. */
@Resolver(() => ProviderConnection)
export class ConnectionHealthFieldResolver {
  constructor(private readonly service: ConnectionHealthService) {}

  @FieldResolver(() => ConnectionHealthType, {
    nullable: true,
    description: 'Webhook health of this connection (see ConnectionHealthState).',
  })
  async health(
    @Root() connection: ConnectionView,
    @Ctx() context: RequestContext,
  ): Promise<ConnectionHealthView | null> {
    let loaded = healthByRequest.get(context);
    if (!loaded) {
      loaded = this.service
        .listHealth(context.identity)
        .then((all) => new Map(all.map((row) => [row.connectionId, row])));
      healthByRequest.set(context, loaded);
    }
    return (await loaded).get(connection.id) ?? null;
  }
}
