import { graphql } from '../gql';

/** Ends this session at the gateway: its token is refused from now on, sockets included (docs/security.md). */
export const LOGOUT = graphql(`
  mutation SignOut {
    logout
  }
`);
