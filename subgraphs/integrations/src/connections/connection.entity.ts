import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Provider } from '@nexara/providers/display';

export const CONNECTION_STATUSES = ['ACTIVE', 'PAUSED'] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

/** A tenant's link to one provider store (`integrations.connections`). */
@Entity({ schema: 'integrations', name: 'connections' })
export class ConnectionEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ name: 'id', type: 'uuid', default: () => 'gen_random_uuid()' })
  id: string;

  @Column({ name: 'provider', type: 'text' })
  provider: Provider;

  @Column({ name: 'name', type: 'text' })
  name: string;

  @Column({ name: 'branch_id', type: 'uuid' })
  branchId: string;

  /** The provider's id for the branch (its page in packages/providers/src/<provider>/ says which field). */
  @Column({ name: 'external_store_id', type: 'text' })
  externalStoreId: string;

  @Column({ name: 'currency', type: 'char', length: 3 })
  currency: string;

  /** Provider API base URL that status callbacks go to. */
  @Column({ name: 'api_base_url', type: 'text' })
  apiBaseUrl: string;

  @Column({ name: 'auto_accept', type: 'boolean', default: false })
  autoAccept: boolean;

  @Column({ name: 'status', type: 'text', default: 'ACTIVE' })
  status: ConnectionStatus;

  /** Opaque, random and globally unique: the last segment of the webhook URL. */
  @Column({ name: 'connection_key', type: 'text' })
  connectionKey: string;

  /** Set while archived: hidden from lists, webhooks refused, history kept (docs/dashboard.md). */
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  /** The provider's other ids for this store, for control calls (docs/control-plane.md): brand id, client id... */
  @Column({ name: 'control_ids', type: 'jsonb', default: () => "'{}'::jsonb" })
  controlIds: Record<string, string>;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
