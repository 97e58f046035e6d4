import { type ClassType, Extensions, Field, Int, ObjectType } from 'type-graphql';
import { badUserInput } from '../errors/codes';

/** The bytes a cursor takes in a response. */
const CURSOR_BYTES = 48;

@ObjectType({ simpleResolvers: true, description: 'Relay pagination state of a connection.' })
export class PageInfo {
  @Field({ description: 'Whether more items follow this page (request them with `after: endCursor`).' })
  hasNextPage: boolean;

  @Field({ description: 'Whether items precede this page.' })
  hasPreviousPage: boolean;

  // base64url of "c2hub:offset:<offset>".
  @Extensions({ size: CURSOR_BYTES })
  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the first item of the page; null when the page is empty.',
  })
  startCursor: string | null;

  @Extensions({ size: CURSOR_BYTES })
  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last item of the page; pass it as `after` for the next page.',
  })
  endCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
const CURSOR_PREFIX = 'c2hub:offset:';

export function encodeCursor(offset: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${offset}`, 'utf8').toString('base64url');
}

/** Validated `first` / `after`: BAD_USER_INPUT naming the argument otherwise. */
export function pageWindow(
  first: number | null | undefined,
  after: string | null | undefined,
): { offset: number; limit: number } {
  const limit = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw badUserInput('first', `must be between 1 and ${MAX_PAGE_SIZE}, got ${limit}`);
  }
  if (after === null || after === undefined) return { offset: 0, limit };
  const decoded = /^[A-Za-z0-9_-]+$/.test(after) ? Buffer.from(after, 'base64url').toString('utf8') : '';
  // Cursors this API returns hold a plain offset; a forged one (huge, exponent, sign) is refused.
  const digits = decoded.startsWith(CURSOR_PREFIX) ? decoded.slice(CURSOR_PREFIX.length) : '';
  const offset = /^\d{1,9}$/.test(digits) ? Number(digits) : NaN;
  if (!Number.isInteger(offset) || offset < 0) throw badUserInput('after', 'is not a cursor returned by this API');
  return { offset: offset + 1, limit };
}

export interface Page<T> {
  rows: T[];
  totalCount: number;
  offset: number;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** An edge whose cursor is encoded when read: most clients select only the nodes (and `pageInfo`). */
class PageEdge<T> {
  constructor(
    readonly node: T,
    private readonly offset: number,
  ) {}

  get cursor(): string {
    return encodeCursor(this.offset);
  }
}

export function toConnection<T>({ rows, totalCount, offset }: Page<T>): ConnectionShape<T> {
  return {
    edges: rows.map((node, index) => new PageEdge(node, offset + index)),
    totalCount,
    pageInfo: {
      hasNextPage: offset + rows.length < totalCount,
      hasPreviousPage: offset > 0,
      startCursor: rows.length > 0 ? encodeCursor(offset) : null,
      endCursor: rows.length > 0 ? encodeCursor(offset + rows.length - 1) : null,
    },
  };
}

/** `XConnection` and `XEdge` types for a node type, as GitHub's API has them. */
export function Connection<T extends object>(NodeType: ClassType<T>, name: string, what: string) {
  @ObjectType(`${name}Edge`, {
    simpleResolvers: true,
    description: `An edge of a ${name}Connection: one ${what} and its cursor.`,
  })
  class Edge {
    @Extensions({ size: CURSOR_BYTES })
    @Field({ description: 'Opaque cursor of this edge; pass it as `after` to continue after it.' })
    cursor: string;

    @Field(() => NodeType, { description: `The ${what}.` })
    node: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true, description: `A page of ${what}s (Relay connection).` })
  class ConnectionType {
    @Field(() => [Edge], { description: `The ${what}s of this page, each with its cursor.` })
    edges: Edge[];

    @Field(() => PageInfo, { description: 'Pagination state.' })
    pageInfo: PageInfo;

    @Field(() => Int, { description: `Number of ${what}s matching the filter, over all pages.` })
    totalCount: number;
  }
  return ConnectionType;
}
