import { ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { forgetSessionOnLogout, type SessionChecker } from './sessions';

describe('forgetSessionOnLogout', () => {
  const ended: string[] = [];
  const sessions: SessionChecker = { isActive: async () => true, ended: (id) => void ended.push(id) };
  let refuse = false;
  const server = new ApolloServer<{ sessionId?: string }>({
    typeDefs: 'type Query { me: String } type Mutation { logout: Boolean! rename: String }',
    resolvers: {
      Query: { me: () => 'me' },
      Mutation: {
        logout: () => {
          if (refuse) throw new GraphQLError('no', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
          return true;
        },
        rename: () => 'x',
      },
    },
    plugins: [forgetSessionOnLogout(sessions)],
  });

  beforeAll(() => server.start());
  afterAll(() => server.stop());
  beforeEach(() => {
    ended.length = 0;
    refuse = false;
  });

  const run = (query: string, sessionId?: string) =>
    server.executeOperation({ query }, { contextValue: sessionId ? { sessionId } : {} });

  it('forgets the session of a logout that answered, aliased or not', async () => {
    await run('mutation { logout }', 's1');
    await run('mutation { out: logout rename }', 's2');
    expect(ended).toEqual(['s1', 's2']);
  });

  it('keeps it for other operations, for a logout that failed, and without a session', async () => {
    await run('query { me }', 's1');
    await run('mutation { rename }', 's1');
    await run('mutation { logout }');
    refuse = true;
    await run('mutation { logout }', 's1');
    expect(ended).toEqual([]);
  });
});
