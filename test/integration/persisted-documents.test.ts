import fs from 'node:fs';
import path from 'node:path';
import { parse, validate } from 'graphql';
import { PersistedDocuments } from '../../src/graphql/persisted-documents';
import { buildGraphqlSchema } from '../../src/schema';
import { startApiServer, type ApiServer } from '../helpers/api-server';

/** The manifest the dashboard's build writes (dist/web), as the hub loads it. */
const MANIFEST = path.resolve(__dirname, '..', '..', 'dist', 'web', 'persisted-documents.json');
const manifest = (): Record<string, string> => JSON.parse(fs.readFileSync(MANIFEST, 'utf8'));
/** The dashboard's list of metrics, found in the manifest by its text. */
const metricsDocument = () => Object.entries(manifest()).find(([, text]) => text.startsWith('{ metrics {'))!;

describe('persisted documents (documentId, GraphQL over HTTP appendix A)', () => {
  let api: ApiServer;
  beforeAll(async () => {
    api = await startApiServer({ env: { HUB_THROTTLE_BUCKET: '100000' } });
  });
  afterAll(() => api.close());
  const get = (search: string, headers: Record<string, string> = {}) =>
    fetch(`${api.url}/graphql?${search}`, { headers: { accept: 'application/json', ...headers } });

  it('holds every dashboard document under the SHA-256 of its exact text, each valid against the schema', async () => {
    const schema = await buildGraphqlSchema();
    const entries = Object.entries(manifest());
    expect(entries.length).toBeGreaterThanOrEqual(7);
    for (const [id, text] of entries) {
      expect(id).toBe(`sha256:${PersistedDocuments.hashOf(text)}`);
      expect(validate(schema, parse(text))).toEqual([]);
    }
    // Public: a client may use the same ids.
    const listed = await fetch(`${api.url}/persisted-documents.json`);
    expect(await listed.json()).toEqual(manifest());
  });

  it('answers a GET naming a document by id as it answers the text, with the same ETag, and 304 on revalidation', async () => {
    const [id, text] = metricsDocument();
    const byId = await get(`documentId=${id}`);
    const byText = await get(`query=${encodeURIComponent(text)}`);
    expect(byId.status).toBe(200);
    const body = await byId.json();
    expect(body.data.metrics.length).toBeGreaterThan(5);
    expect(body).toEqual(await byText.json());
    expect(byId.headers.get('etag')).toMatch(/^"r\d+-/);
    expect(byId.headers.get('etag')).toBe(byText.headers.get('etag'));
    expect(byId.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    api.db.resetQueries();
    const again = await get(`documentId=${id}`, { 'if-none-match': byId.headers.get('etag')! });
    expect(again.status).toBe(304);
    expect(api.db.queries).toHaveLength(1); // the data revision
  });

  it('takes variables beside the id, and a documentId in a POST body', async () => {
    const [id] = Object.entries(manifest()).find(([, text]) => text.includes('municipality(code: $code)'))!;
    const variables = JSON.stringify({ code: 'SZR12', currency: 'BGN' });
    const byGet = await (await get(`documentId=${id}&variables=${encodeURIComponent(variables)}`)).json();
    expect(byGet.data.municipality.code).toBe('SZR12');
    const byPost = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ documentId: id, variables: JSON.parse(variables) }),
    });
    expect(await byPost.json()).toEqual(byGet);
  });

  it('refuses an unknown id (PERSISTED_QUERY_NOT_FOUND), a malformed one and one beside a query (BAD_REQUEST), running no SQL', async () => {
    api.db.resetQueries();
    const unknown = await get(`documentId=sha256:${'0'.repeat(64)}`);
    expect(unknown.status).toBe(400);
    const refusal = (await unknown.json()).errors[0];
    expect(refusal.extensions).toEqual({ code: 'PERSISTED_QUERY_NOT_FOUND', parameter: 'documentId' });
    expect(refusal.message).toMatch(/send the document itself as "query"/);
    expect(unknown.headers.get('cache-control')).not.toMatch(/public/);
    for (const search of [
      `documentId=sha256:${'A'.repeat(64)}`,
      'documentId=abc',
      `documentId=md5:${'0'.repeat(32)}`,
    ]) {
      const malformed = await get(search);
      expect(malformed.status).toBe(400);
      const error = (await malformed.json()).errors[0];
      expect(error.extensions.code).toBe('BAD_REQUEST');
      expect(error.message).toMatch(/^documentId must be "sha256:"/);
    }
    const [id, text] = metricsDocument();
    const both = await get(`documentId=${id}&query=${encodeURIComponent(text)}`);
    expect(both.status).toBe(400);
    expect((await both.json()).errors[0].message).toBe('Send either "query" or "documentId", not both');
    const twice = await get(`documentId=${id}&documentId=${id}`);
    expect(twice.status).toBe(400);
    expect(api.db.queries).toEqual([]);
  });

  it("serves Apollo's persisted-query hashes from the same documents and keeps none a client registers", async () => {
    const [id] = metricsDocument();
    const hashOnly = (hash: string) =>
      get(`extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }))}`);
    const known = await (await hashOnly(id.slice('sha256:'.length))).json();
    expect(known.data.metrics.length).toBeGreaterThan(5);
    // A registration (text and hash) runs, but the hub keeps nothing a client sends.
    const text = '{ municipalities(first: 1) { totalCount } }';
    const hash = PersistedDocuments.hashOf(text);
    const registered = await api.query(text, undefined, {});
    expect(registered.body.data.municipalities.totalCount).toBe(265);
    const withHash = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: text, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
    });
    expect((await withHash.json()).data.municipalities.totalCount).toBe(265);
    const later = await hashOnly(hash);
    expect((await later.json()).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});
