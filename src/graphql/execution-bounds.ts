import { type ExecutionResult, type GraphQLSchema, isObjectType } from 'graphql';
import { ErrorCode, hubError, stoppedCode } from '../errors/codes';
import { jsonBytesOver } from './answer-measure';
import { sampleHeap } from './memory-guard';
import type { RequestContext } from './request-context';

/**
 * What bounds a request once it runs, for graphql-js and compiled execution alike:
 * - its deadline and its client: every field with a resolver first checks whether the request was stopped, so that
 *   after the deadline or a disconnect no resolver starts (no SQL, no loader, no list is completed), and
 *   what execution built meanwhile is dropped for the error instead of being serialised;
 * - the size of its answer: the answer is measured before Apollo serialises it, and one over the limit is
 *   replaced by RESPONSE_TOO_LARGE. The cost (field-cost.ts) bounds the bytes before execution; this is the
 *   guard behind it.
 */

/** Every field resolver of the schema checks whether the request was stopped before it runs. Changes the schema in place. */
export function abortableResolvers(schema: GraphQLSchema): number {
  let wrapped = 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (!resolve) continue;
      field.resolve = (source, args, context: RequestContext, info) => {
        sampleHeap();
        const reason = context.database.stopReason();
        if (reason) throw reason;
        return resolve(source, args, context, info);
      };
      wrapped += 1;
    }
  }
  return wrapped;
}

/**
 * The answer Apollo serialises: the stop's error when the request was stopped meanwhile, RESPONSE_TOO_LARGE
 * when the data are over the limit, else the result as it is.
 */
export function boundedResult(result: ExecutionResult, context: RequestContext, maxBytes: number): ExecutionResult {
  const reason = context.database.stopReason();
  if (reason) {
    return { errors: [hubError(stoppedCode(reason.code), reason.message, { extensions: { reason: reason.code } })] };
  }
  if (result.data && jsonBytesOver(result.data, maxBytes))
    return {
      errors: [
        hubError(
          ErrorCode.RESPONSE_TOO_LARGE,
          `The answer is larger than the limit of ${maxBytes} bytes; ask for fewer fields or a smaller page`,
          { extensions: { limit: maxBytes } },
        ),
      ],
    };
  return result;
}
