import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ApiToken } from '../entities';

export enum Role {
  EDITOR = 'EDITOR',
  ADMIN = 'ADMIN',
}

/** Who a request acts for: an API token that was checked, or nobody (reading needs nobody). */
export interface Caller {
  tokenId: number;
  name: string;
  role: Role;
  /** The municipalities an EDITOR may write. */
  municipalityCodes: string[];
}

const PREFIX = 'c2h';
/** scrypt cost: N = 2^14 (Node's default), ~50 ms of one libuv thread per check. */
const KEY_BYTES = 32;
const TOKEN_FORMAT = /^c2h_(\d{1,9})_([A-Za-z0-9_-]{43})$/;

function hashSecret(secret: string, salt: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, Buffer.from(salt, 'hex'), KEY_BYTES, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export class TokenInputError extends Error {}

/** Creates a token; the returned string is the only time its secret exists outside the holder's hands. */
export async function createToken(
  manager: EntityManager,
  input: { name: string; role: Role; municipalityCodes: string[] },
): Promise<{ token: string; id: number }> {
  const name = input.name.trim();
  if (!name) throw new TokenInputError("--name: give the holder's name");
  if (!Object.values(Role).includes(input.role))
    throw new TokenInputError(`--role: must be EDITOR or ADMIN, not "${input.role}"`);
  const codes = [...new Set(input.municipalityCodes.map((code) => code.trim().toUpperCase()))];
  if (input.role === Role.EDITOR && codes.length === 0)
    throw new TokenInputError('--municipality: an EDITOR token needs at least one municipality code');
  if (input.role === Role.ADMIN && codes.length > 0)
    throw new TokenInputError('--municipality: an ADMIN token may write every municipality; give no code');
  if (codes.length > 0) {
    const known = new Set<string>(
      (await manager.query('SELECT code FROM municipalities WHERE code = ANY($1::text[])', [codes])).map(
        (row: { code: string }) => row.code,
      ),
    );
    const unknown = codes.filter((code) => !known.has(code));
    if (unknown.length > 0)
      throw new TokenInputError(`--municipality: unknown municipality code(s): ${unknown.join(', ')}`);
  }
  const secret = randomBytes(32).toString('base64url');
  const salt = randomBytes(16).toString('hex');
  const hash = (await hashSecret(secret, salt)).toString('hex');
  const [row] = await manager.query(
    `INSERT INTO api_tokens (name, role, municipality_codes, salt, hash, created_at) VALUES ($1, $2, $3, $4, $5, now()) RETURNING id`,
    [name, input.role, codes, salt, hash],
  );
  return { id: row.id, token: `${PREFIX}_${row.id}_${secret}` };
}

/** A salt for the checks of tokens that do not exist: they cost the same scrypt as a live one. */
const DUMMY_SALT = randomBytes(16).toString('hex');

/**
 * A token's check in two steps, so that its attempt can be counted before the costly part: `liveId` is
 * the id of a live token the string names (a cheap lookup; null for a malformed, unknown or revoked one),
 * `verify` the scrypt comparison. Every failure costs the same scrypt as a success, so the time of an
 * answer does not tell which token ids exist.
 */
export async function prepareTokenCheck(
  manager: EntityManager,
  token: string,
): Promise<{ liveId: number | null; verify: () => Promise<Caller | null> }> {
  const match = TOKEN_FORMAT.exec(token);
  const stored = match ? await manager.findOne(ApiToken, { where: { id: Number(match[1]) } }) : null;
  const live = stored && !stored.revokedAt ? stored : null;
  return {
    liveId: live?.id ?? null,
    verify: async () => {
      const actual = await hashSecret(match?.[2] ?? token, live?.salt ?? DUMMY_SALT);
      if (!live) return null;
      return finishCheck(manager, live, actual);
    },
  };
}

async function finishCheck(manager: EntityManager, stored: ApiToken, actual: Buffer): Promise<Caller | null> {
  const expected = Buffer.from(stored.hash, 'hex');
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  await manager.query(
    'WITH used AS (UPDATE api_tokens SET last_used_at = now() WHERE id = $1 RETURNING id) SELECT count(*) FROM used',
    [stored.id],
  );
  return {
    tokenId: stored.id,
    name: stored.name,
    role: stored.role as Role,
    municipalityCodes: stored.municipalityCodes,
  };
}

export interface TokenListing {
  id: number;
  name: string;
  role: string;
  municipalityCodes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Every token, without any secret or hash. */
export async function listTokens(manager: EntityManager): Promise<TokenListing[]> {
  const rows = await manager.find(ApiToken, { order: { id: 'ASC' } });
  return rows.map(({ id, name, role, municipalityCodes, createdAt, lastUsedAt, revokedAt }) => ({
    id,
    name,
    role,
    municipalityCodes,
    createdAt,
    lastUsedAt,
    revokedAt,
  }));
}

/** Revokes a token at once: its next request is UNAUTHENTICATED. False when there is no such live token. */
export async function revokeToken(manager: EntityManager, id: number): Promise<boolean> {
  const [{ n }] = await manager.query(
    'WITH revoked AS (UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id) SELECT count(*)::int AS n FROM revoked',
    [id],
  );
  return n > 0;
}

/** How a revision names its writer. */
export function authorOf(caller: Caller): string {
  return `token ${caller.tokenId} (${caller.name})`;
}
