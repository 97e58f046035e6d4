import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';

/** `sha256:` and 64 lower-case hexadecimal digits (GraphQL over HTTP, appendix A: a SHA256 hex document identifier). */
const DOCUMENT_ID = /^sha256:([0-9a-f]{64})$/;

/** Apollo keeps automatic persisted queries under this prefix (APQ_CACHE_PREFIX of @apollo/server). */
const APQ_PREFIX = 'apq:';

/** Why a `documentId` names no document the hub holds. */
export type DocumentIdRefusal = { kind: 'malformed'; message: string } | { kind: 'unknown'; message: string };

/**
 * The persisted documents the hub knows: the dashboard's own queries, written at build time
 * (scripts/build-web.js → dist/web/persisted-documents.json, public). A client sends
 * `documentId=sha256:<hex>` (GraphQL over HTTP, appendix A) or Apollo's `persistedQuery` extension with
 * the same hash, and the hub runs the document stored under it: the URL stays short and canonical, and
 * the parsed, validated document and its cost are kept from the first request on. The list is fixed:
 * no client can add to it (Apollo's automatic registration stores nothing), so it takes no memory a
 * client controls.
 */
export class PersistedDocuments {
  private constructor(private readonly byHash: ReadonlyMap<string, string>) {}

  /** The documents of a manifest file (`{ "sha256:<hex>": "<document>" }`); none when the file is missing. */
  static load(file: string): PersistedDocuments {
    if (!fs.existsSync(file)) return new PersistedDocuments(new Map());
    return PersistedDocuments.of(Object.values(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>));
  }

  /** The documents given, each under the hash of its exact text. */
  static of(documents: Iterable<string>): PersistedDocuments {
    return new PersistedDocuments(new Map([...documents].map((text) => [PersistedDocuments.hashOf(text), text])));
  }

  /** The lower-case hex SHA-256 of a document's UTF-8 text (its id without the `sha256:` prefix, and its APQ hash). */
  static hashOf(text: string): string {
    return createHash('sha256').update(text, 'utf8').digest('hex');
  }

  /** The text a `documentId` names, or why it names none. */
  resolve(documentId: unknown): { text: string } | DocumentIdRefusal {
    const match = typeof documentId === 'string' ? DOCUMENT_ID.exec(documentId) : null;
    if (!match)
      return {
        kind: 'malformed',
        message:
          'documentId must be "sha256:" followed by the 64 lower-case hexadecimal digits of the document\'s SHA-256',
      };
    const text = this.byHash.get(match[1]);
    if (text === undefined)
      return {
        kind: 'unknown',
        message: `No persisted document has the id ${documentId as string}: send the document itself as "query" (the persisted documents are listed at /persisted-documents.json)`,
      };
    return { text };
  }

  /**
   * The store behind Apollo's automatic persisted queries: the same documents, read-only (a hash the hub
   * does not hold gets PERSISTED_QUERY_NOT_FOUND; a registration is run but not kept).
   */
  apqCache(): KeyValueCache<string> {
    return {
      get: async (key) => (key.startsWith(APQ_PREFIX) ? this.byHash.get(key.slice(APQ_PREFIX.length)) : undefined),
      set: async () => undefined,
      delete: async () => false,
    };
  }
}
