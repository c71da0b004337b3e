import { graphql } from '../../gql';

/** Connections for pickers (filters, test tool). */
export const CONNECTION_CHOICES = graphql(`
  query ConnectionChoices {
    connections {
      id
      name
      provider
      status
    }
  }
`);
