import { ApolloLink } from '@apollo/client';
import { getMainDefinition } from '@apollo/client/utilities';
import { GraphQLError } from 'graphql';
import { Observable, type Subscriber } from 'rxjs';

/** An answer to one operation, by its variables: data, or a thrown GraphQLError. */
export type FakeAnswer = (variables: Record<string, unknown>) => unknown;

export type FakeGateway = {
  link: ApolloLink;
  /** Every operation sent, in order. */
  calls: { operationName: string; variables: Record<string, unknown> }[];
  /** Sends a subscription event to everyone subscribed to `operationName`. */
  push: (operationName: string, data: Record<string, unknown>) => void;
  subscribers: (operationName: string) => number;
  /** Replaces an answer (the server's state changed). */
  answer: (operationName: string, answer: FakeAnswer) => void;
};

/**
 * A link standing in for the gateway in component tests (jsdom has no
 * network): answers queries and mutations by operation name, one microtask
 * later like a real round trip, records what was sent, and keeps
 * subscriptions open for the test to push events into.
 */
export function fakeGateway(answers: Record<string, FakeAnswer>): FakeGateway {
  const calls: FakeGateway['calls'] = [];
  const open = new Map<string, Set<Subscriber<ApolloLink.Result>>>();
  const link = new ApolloLink(
    (operation) =>
      new Observable<ApolloLink.Result>((observer) => {
        const operationName = operation.operationName ?? '';
        calls.push({ operationName, variables: operation.variables });
        const definition = getMainDefinition(operation.query);
        if (definition.kind === 'OperationDefinition' && definition.operation === 'subscription') {
          const set = open.get(operationName) ?? new Set();
          open.set(operationName, set.add(observer));
          return () => set.delete(observer);
        }
        let cancelled = false;
        void Promise.resolve()
          .then(() => {
            const answer = answers[operationName];
            if (!answer) throw new GraphQLError(`The fake gateway has no answer for ${operationName}.`);
            return answer(operation.variables);
          })
          .then(
            (data) => !cancelled && observer.next({ data: data as Record<string, unknown> }),
            (error: GraphQLError) => !cancelled && observer.next({ errors: [error] }),
          )
          .then(() => !cancelled && observer.complete());
        return () => {
          cancelled = true;
        };
      }),
  );
  return {
    link,
    calls,
    push: (operationName, data) => open.get(operationName)?.forEach((observer) => observer.next({ data })),
    subscribers: (operationName) => open.get(operationName)?.size ?? 0,
    answer: (operationName, answer) => {
      answers[operationName] = answer;
    },
  };
}

/** The Workspace query's answer: a user of `role` in a tenant in Riyadh time. */
export function workspaceAnswer(role = 'STAFF', tenant: { name?: string; currency?: string; timeZone?: string } = {}) {
  return {
    me: {
      __typename: 'User',
      id: 'u-1',
      email: 'cook@example.test',
      name: 'Cook',
      role,
      tenant: { __typename: 'Tenant', id: 't-1', name: tenant.name ?? 'Demo Bistro' },
    },
    tenant: {
      __typename: 'Tenant',
      id: 't-1',
      name: tenant.name ?? 'Demo Bistro',
      slug: 'demo-bistro',
      currency: tenant.currency ?? 'SAR',
      timeZone: tenant.timeZone ?? 'Asia/Riyadh',
    },
  };
}
