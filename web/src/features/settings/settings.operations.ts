import { graphql } from '../../gql';

export const USERS = graphql(`
  query Users {
    users {
      id
      email
      name
      role
      disabled
      lastLoginAt
      createdAt
    }
  }
`);

export const CREATE_USER = graphql(`
  mutation InviteUser($input: CreateUserInput!) {
    createUser(input: $input) {
      id
      email
      name
      role
      disabled
      lastLoginAt
      createdAt
    }
  }
`);

export const DISABLE_USER = graphql(`
  mutation DisableUser($id: ID!) {
    disableUser(id: $id) {
      id
      disabled
    }
  }
`);

export const ENABLE_USER = graphql(`
  mutation EnableUser($id: ID!) {
    enableUser(id: $id) {
      id
      disabled
    }
  }
`);

graphql(`
  fragment ApiKeyFields on ApiKey {
    id
    name
    prefix
    scopes
    createdAt
    expiresAt
    revokedAt
    lastUsedAt
    active
  }
`);

export const API_KEYS = graphql(`
  query ApiKeys {
    apiKeys {
      ...ApiKeyFields
    }
  }
`);

export const CREATE_API_KEY = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      secret
      apiKey {
        ...ApiKeyFields
      }
    }
  }
`);

export const REVOKE_API_KEY = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      ...ApiKeyFields
    }
  }
`);
