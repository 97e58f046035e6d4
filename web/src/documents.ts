/**
 * Every GraphQL document the dashboard sends, by name. The build (scripts/build-web.js) persists them:
 * it writes each under its id (`sha256:` + the SHA-256 of its exact text) to persisted-documents.json, and
 * the dashboard sends the id (`documentId`, GraphQL over HTTP appendix A) in a GET, so its requests are
 * short, canonical URLs that any HTTP cache can keep. Only constant texts here: the id is of the text.
 */

/** A comparison's cells with everything a section shows (caveats and sources). */
const CELLS = `rows { municipality { code name nameLatin } cells { metric value rank numerator denominator basis qualifier caveats { code message } sources { key url publisher } } }`;

export const DOCUMENTS = {
  municipalitiesWithProjects:
    '{ comparison(metrics: [TOTAL_BUDGET]) { rows { municipality { code name nameLatin } } } }',
  metrics: '{ metrics { key name nameEn unit numerator denominator usesBasis rankDirection description } }',
  comparisonValues: `query($metrics: [MetricKey!]!, $codes: [String!], $currency: Currency!, $basis: ComparisonBasis!) {
    comparison(metrics: $metrics, municipalityCodes: $codes, currency: $currency, basis: $basis) {
      rows { municipality { code name nameLatin } cells { metric value rank numerator denominator basis qualifier } } } }`,
  comparisonDetails: `query($metrics: [MetricKey!]!, $codes: [String!], $currency: Currency!, $basis: ComparisonBasis!) {
    comparison(metrics: $metrics, municipalityCodes: $codes, currency: $currency, basis: $basis) { ${CELLS} } }`,
  municipalityPage: `query($code: String!, $currency: Currency!) { municipality(code: $code) { code name nameLatin population oblast { name nameLatin }
    projects(first: 100) { edges { node { id key title titleLatin confirmation budget(currency: $currency) { amount currency } period { startDate endDate } } } } } }`,
  projectPage: `query($id: ID!, $currency: Currency!) { node(id: $id) { ... on Project {
    key title titleLatin confirmation status aim budget(currency: $currency) { amount currency }
    municipality { code name nameLatin }
    period { startDate endDate durationMonths statedDurationMonths statements { field date months asPublished verified source { key url publisher } } }
    funding { programme { code name } kind qualifier asPublished verified amount(currency: $currency) { amount currency } source { key url publisher } }
    indicators { indicator { code name unit } value qualifier basis asOf breakdown asPublished verified source { key url publisher } }
    qualityFlags { code severity field message }
    revisions { revision importedAt author changedFields }
    sources { key url title publisher textSha256 text } } } }`,
  aggregate: `query($groupBy: [Dimension!]!, $filter: ProjectFilter, $currency: Currency!) {
    aggregate(groupBy: $groupBy, measures: [BUDGET_SUM, PROJECT_COUNT], filter: $filter, currency: $currency) { keys { dimension value label } values { measure value leftOut leftOutReasons { reason projects } } } }`,
  // The editor's desk (/edit): a draft read from a text, and the import of the accepted file.
  draft: `query($text: String!, $municipalityCode: String!, $sourceUrl: String, $publisher: String, $publishedOn: Date, $projectKey: String) {
    draftFromText(text: $text, municipalityCode: $municipalityCode, sourceUrl: $sourceUrl, publisher: $publisher, publishedOn: $publishedOn, projectKey: $projectKey) {
      proposals { id kind statement quote { start end text } sentence { start end text } flags } missing { field reason } file } }`,
  importFile: `mutation($input: ImportProjectsInput!) { importProjects(input: $input) {
    dryRun projects { key municipalityCode action revision changedFields qualityFlags { code severity field message } } warnings { file path code message } } }`,
} as const;

export type DocumentName = keyof typeof DOCUMENTS;

/** The id of each document (`sha256:<hex>`), written in by the build (scripts/build-web.js). */
declare const __DOCUMENT_IDS__: Record<DocumentName, string>;

/** A document's id, for `documentId` (read when called: the build evaluates this module without the ids). */
export const documentId = (name: DocumentName): string => __DOCUMENT_IDS__[name];
