import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { ApolloServerPlugin } from '@apollo/server';
import { type GraphQLError, Kind, type ValidationContext, type ValidationRule, type ValueNode } from 'graphql';
import type { RequestLimits } from '../config';
import { HOSTILE_TEXT, hostileTextPaths } from '../domain/hostile-text';
import { ErrorCode, hubError } from '../errors/codes';
import type { DataSizes } from './data-sizes';
import type { RequestContext } from './request-context';
import { actualCost } from './answer-measure';
import { fullIntrospectionCost, operationCost, QueryCostError } from './cost';
import { type CostThrottle, rateLimitHeaders, throttledMessage, type ThrottleStatus } from './throttle';

/** A refusal of the whole operation for its size, before any SQL: `QUERY_TOO_COMPLEX`, with the figure and the limit. */
export function queryTooComplex(what: string, found: number | string, limit: number): GraphQLError {
  return hubError(ErrorCode.QUERY_TOO_COMPLEX, `Query too complex: ${what} is ${found}, the limit is ${limit}`, {
    extensions: { limitName: what, found, limit },
    http: true,
  });
}

/**
 * graphql-armor's depth, alias and directive rules (fragments flattened and memoised, so a fan-out of
 * fragment spreads costs linear time), each reporting a QUERY_TOO_COMPLEX validation error. The depth
 * limit leaves `__schema` out: the introspection query tools send is 15 deep, and graphql-js' own
 * MaxIntrospectionDepthRule (among the specified rules) refuses nested introspection, whose cost is
 * also capped separately (cost.ts).
 */
export function limitRules(limits: RequestLimits): ValidationRule[] {
  const report = (what: string, limit: number) => ({
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const found = /found (\d+)/.exec(error.message)?.[1] ?? 'more';
        context?.reportError(queryTooComplex(what, found, limit));
      },
    ],
  });
  return [
    maxDepthRule({
      n: limits.maxDepth,
      flattenFragments: true,
      ignoreIntrospection: true,
      ...report('depth', limits.maxDepth),
    }) as unknown as ValidationRule,
    maxAliasesRule({
      n: limits.maxAliases,
      ...report('the number of aliases', limits.maxAliases),
    }) as unknown as ValidationRule,
    maxDirectivesRule({
      n: limits.maxDirectives,
      ...report('the number of directives', limits.maxDirectives),
    }) as unknown as ValidationRule,
    hostileStringRule,
  ];
}

function hostileStringError(where: string): GraphQLError {
  const reason = 'contains a NUL byte or a lone UTF-16 surrogate, which no text in the hub can contain';
  return hubError(ErrorCode.BAD_USER_INPUT, `Invalid argument "${where}": ${reason}`, {
    extensions: { argument: where, reason },
    http: true,
  });
}

/** String literals in arguments: BAD_USER_INPUT naming the argument (and the path inside it). */
const hostileStringRule: ValidationRule = (context) => ({
  Argument(node) {
    const visit = (value: ValueNode, path: string): void => {
      if (value.kind === Kind.STRING && HOSTILE_TEXT.test(value.value)) context.reportError(hostileStringError(path));
      else if (value.kind === Kind.LIST) value.values.forEach((item, index) => visit(item, `${path}[${index}]`));
      else if (value.kind === Kind.OBJECT)
        for (const field of value.fields) visit(field.value, `${path}.${field.name.value}`);
    };
    visit(node.value, node.name.value);
  },
});

/** What every response says of its cost (`extensions.cost`), as Shopify's API does. */
export interface CostReport {
  requestedQueryCost: number | null;
  actualQueryCost: number | null;
  maximumQueryCost: number;
}

/**
 * Before execution: the operation's cost (graphql-query-complexity, see cost.ts) against the limit,
 * then against the client's throttle bucket; over either → refused, no SQL run. The cost also picks the
 * connection lane. After: the actual cost, a refund of the difference, and `extensions.cost`.
 */
export function costPlugin(options: {
  limits: RequestLimits;
  throttle: CostThrottle;
  sizes: DataSizes;
}): ApolloServerPlugin<RequestContext> {
  const { limits, throttle, sizes } = options;
  return {
    async requestDidStart() {
      const report: CostReport = {
        requestedQueryCost: null,
        actualQueryCost: null,
        maximumQueryCost: limits.maxCost,
      };
      // The client's bucket goes in the RateLimit headers, not the body: the body is the same for everyone.
      let throttleStatus: ThrottleStatus | null = null;
      let charged = 0;
      return {
        async didResolveOperation({ request, document, operationName, schema, contextValue }) {
          const [hostile] = hostileTextPaths(
            Object.entries(request.variables ?? {}).map(([name, value]) => [value, `$${name}`]),
            1,
            100_000,
          );
          if (hostile) throw hostileStringError(hostile);
          let cost: number;
          try {
            const parts = operationCost(
              schema,
              document,
              operationName ?? undefined,
              request.variables,
              limits.maxNodes,
              sizes,
            );
            // Introspection is bounded by the schema itself: its own limit, 1.25 × the full introspection
            // query tools send; it weighs 1/100 in the cost charged to the throttle.
            const maxIntrospection = Math.ceil(fullIntrospectionCost(schema) * 1.25);
            report.requestedQueryCost = parts.data + Math.ceil(parts.introspection / 100);
            if (parts.introspection > maxIntrospection)
              throw queryTooComplex('introspection cost', parts.introspection, maxIntrospection);
            if (parts.data > limits.maxCost) throw queryTooComplex('cost', parts.data, limits.maxCost);
            cost = parts.data + Math.ceil(parts.introspection / 100);
          } catch (error) {
            if (!(error instanceof QueryCostError)) throw error;
            if (error.kind === 'NODES')
              throw queryTooComplex(
                'the number of fields with fragments expanded',
                `over ${limits.maxNodes}`,
                limits.maxNodes,
              );
            throw hubError(ErrorCode.BAD_USER_INPUT, error.message, { http: true });
          }
          report.requestedQueryCost = cost;
          contextValue.database.cost = cost;
          if (!throttle.enabled) return;
          const taken = throttle.take(contextValue.client, cost);
          throttleStatus = taken.status;
          if (!taken.ok) {
            throw hubError(ErrorCode.THROTTLED, throttledMessage(cost, taken.status, taken.retryAfterSeconds), {
              extensions: { retryAfterSeconds: taken.retryAfterSeconds },
              http: true,
              headers: [['retry-after', String(taken.retryAfterSeconds)]],
            });
          }
          charged = cost;
        },
        async willSendResponse({ response, contextValue }) {
          void contextValue.database.release();
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (report.requestedQueryCost !== null && (result.data !== undefined || charged > 0)) {
            report.actualQueryCost = result.data ? actualCost(result.data) : 0;
          }
          if (charged > 0)
            throttleStatus = throttle.refund(contextValue.client, charged - (report.actualQueryCost ?? charged));
          if (throttleStatus)
            for (const [name, value] of rateLimitHeaders(throttleStatus)) response.http.headers.set(name, value);
          result.extensions = { ...result.extensions, cost: report };
        },
      };
    },
  };
}
