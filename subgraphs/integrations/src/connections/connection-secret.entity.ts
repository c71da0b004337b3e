import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One provider secret of a connection, sealed by the SecretBox (AES-256-GCM).
 * `expiresAt` null marks the current secret; a rotated-out one keeps verifying until it expires.
 */
@Entity({ schema: 'integrations', name: 'connection_secrets' })
export class ConnectionSecretEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @PrimaryColumn({ name: 'id', type: 'uuid', default: () => 'gen_random_uuid()' })
  id: string;

  @Column({ name: 'connection_id', type: 'uuid' })
  connectionId: string;

  /** Which configured encryption key sealed it. */
  @Column({ name: 'key_id', type: 'text' })
  keyId: string;

  @Column({ name: 'iv', type: 'bytea' })
  iv: Buffer;

  @Column({ name: 'ciphertext', type: 'bytea' })
  ciphertext: Buffer;

  @Column({ name: 'auth_tag', type: 'bytea' })
  authTag: Buffer;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;
}
