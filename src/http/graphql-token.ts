import type { IncomingMessage } from 'node:http';
import { type Caller, prepareTokenCheck } from '../auth/tokens';
import type { Database } from '../db/database';
import { ErrorCode } from '../errors/codes';
import { CostThrottle } from '../graphql/throttle';
import { clientOf } from './request-scope';

/** Why a token was not accepted: the refusal's code, message and headers (a flat `[name, value, …]` list). */
export interface TokenRefusal {
  code: ErrorCode.THROTTLED | ErrorCode.UNAUTHENTICATED;
  message: string;
  headers: string[];
}

/**
 * The check of a request's `Authorization: Bearer <token>`, before its body is read. Failed checks are
 * throttled per token id (per address for tokens that do not exist): 10 at once, then one every 6 s (each
 * check costs a scrypt).
 */
export function tokenCheck(database: Database) {
  const failures = new CostThrottle({ bucketSize: 10, restorePerSecond: 1 / 6, maxClients: 10_000 });
  return async (req: IncomingMessage): Promise<{ caller: Caller } | { refusal: TokenRefusal }> => {
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
    if (bearer) {
      const check = await prepareTokenCheck(database.dataSource.manager, bearer[1]);
      // Failures count against the token they name, or, for a token that does not exist, the address; the
      // attempt is counted before its scrypt and given back when it succeeds.
      const key = check.liveId !== null ? `token ${check.liveId}` : `address ${clientOf(req)}`;
      const taken = failures.take(key, 1);
      if (!taken.ok)
        return {
          refusal: {
            code: ErrorCode.THROTTLED,
            message:
              check.liveId !== null
                ? 'Too many failed checks of this token; retry later'
                : 'Too many failed token checks from this address; retry later',
            headers: ['retry-after', String(taken.retryAfterSeconds)],
          },
        };
      const caller = await check.verify();
      if (caller) {
        failures.refund(key, 1);
        return { caller };
      }
    }
    return {
      refusal: {
        code: ErrorCode.UNAUTHENTICATED,
        message: bearer ? 'The API token is unknown, revoked or wrong' : 'Authorization must be "Bearer <token>"',
        headers: ['www-authenticate', 'Bearer'],
      },
    };
  };
}
