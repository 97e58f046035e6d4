import type { ApolloServerPlugin } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import Negotiator from 'negotiator';

export const MEDIA_JSON = 'application/json';
export const MEDIA_GRAPHQL_RESPONSE = 'application/graphql-response+json';

/** The media type chosen for each Accept header met lately ('' for none): clients send a handful of them. */
const chosen = new LRUCache<string, string>({ max: 256 });

/** The response media type a request's Accept header asks for (Apollo's own preference order); null: neither is acceptable. */
export function responseMediaType(accept: string | undefined | null): string | null {
  if (!accept) return MEDIA_JSON;
  let type = chosen.get(accept);
  if (type === undefined) {
    type = new Negotiator({ headers: { accept } }).mediaType([MEDIA_JSON, MEDIA_GRAPHQL_RESPONSE]) ?? '';
    chosen.set(accept, type);
  }
  return type || null;
}

/**
 * GraphQL over HTTP status codes. With `application/graphql-response+json` a request error (no `data`:
 * parse, validation, variables, cost) is 400, as Apollo answers. With `application/json` the spec says a
 * well-formed request SHOULD get 200 whatever GraphQL errors it carries, so those 400s become 200. Not
 * touched: 429 (throttled: an HTTP-level refusal with Retry-After), 405 (mutation over GET), 5xx, and a 400 for a
 * request that is not GraphQL over HTTP at all (no `query`, or one that is not a string: BAD_REQUEST).
 * Sets the answer's Content-Type from the same choice (with `charset=utf-8`, as Apollo writes it).
 */
export function graphqlOverHttpPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response }) {
          if (response.body.kind !== 'single') return;
          const mediaType = responseMediaType(request.http?.headers.get('accept'));
          // Apollo would negotiate it again from the Accept header (negotiator, some µs a request).
          if (mediaType && !response.http.headers.has('content-type'))
            response.http.headers.set('content-type', `${mediaType}; charset=utf-8`);
          if (response.http.status !== 400) return;
          // Not a GraphQL-over-HTTP request at all (no query, a query that is not a string): 400 whatever the media type.
          if (response.body.singleResult.errors?.some((error) => error.extensions?.code === 'BAD_REQUEST')) return;
          if (mediaType === MEDIA_JSON) response.http.status = 200;
        },
      };
    },
  };
}
