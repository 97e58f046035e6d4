// The GraphQL explorer served at GET /graphql (HTML), bundled: it works offline.
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';

const fetcher = createGraphiQLFetcher({ url: `${location.origin}/graphql` });
const defaultQuery = `# Component 2 Hub: every figure with its source, planned kept apart from achieved.
{
  comparison(metrics: [COST_PER_PERSON_EMPLOYED], basis: BEST_AVAILABLE) {
    rows { municipality { name nameLatin } cells { value basis qualifier rank caveats { code message } } }
  }
}
`;
// The dashboard's "Query" links open this page with a document and its variables in the fragment
// (`#query=…&variables=…`): the page loads as always, then shows exactly what drew a chart or table.
const linked = new URLSearchParams(location.hash.slice(1));
const query = linked.get('query') ?? undefined;
const variables = linked.get('variables') ?? undefined;
createRoot(document.getElementById('graphiql')!).render(
  <GraphiQL fetcher={fetcher} defaultQuery={defaultQuery} query={query} variables={variables} />,
);
