import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An API token for the write API (`importProjects`). Only a scrypt hash of its secret is stored; the
 * token itself is printed once, at creation. Reading the API needs no token.
 */
@Entity('api_tokens')
export class ApiToken {
  @PrimaryGeneratedColumn({ name: 'id' })
  id: number;

  /** Who holds it, e.g. "Община Русе". */
  @Column('text')
  name: string;

  /** EDITOR (its municipalities only) or ADMIN. */
  @Column('text')
  role: string;

  /** The municipality codes an EDITOR may write; empty for an ADMIN. */
  @Column('text', { array: true })
  municipalityCodes: string[];

  /** Random salt and scrypt hash of the secret, hex. */
  @Column('text')
  salt: string;

  @Column('text')
  hash: string;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  lastUsedAt: Date | null;
}
