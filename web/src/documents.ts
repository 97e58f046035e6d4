/**
 * Every GraphQL document the dashboard sends, by name. The build (scripts/build-web.js) persists them:
 * it writes each under its id (`sha256:` + the SHA-256 of its exact text) to persisted-documents.json, and
 * the dashboard sends the id (`documentId`, GraphQL over HTTP appendix A) in a GET, so its requests are
 * short, canonical URLs that any HTTP cache can keep. Only constant texts here: the id is of the text.
 */

/** The data revision an answer was read at: every view shows it, cites it and pins its URL to it. */
const REVISION = 'dataRevision { revision changedAt }';
/** A source as a page cites it: publisher and date (and the address behind the link). */
const SOURCE = 'source { key url title publisher publishedOn }';
/** A sourced statement's common fields. */
const STATED = `asPublished verified note verification { quoteInSource valueInQuote note } ${SOURCE}`;
/** A comparison's cells with everything a section shows (caveats and sources). */
const CELLS = `rows { municipality { code name nameLatin } cells { metric value rank numerator denominator basis qualifier caveats { code message } sources { key url title publisher publishedOn } } }`;

export const DOCUMENTS = {
  municipalitiesWithProjects:
    '{ comparison(metrics: [TOTAL_BUDGET]) { rows { municipality { code name nameLatin } } } }',
  metrics: '{ metrics { key name nameEn unit numerator denominator usesBasis rankDirection description } }',
  comparisonValues: `query($metrics: [MetricKey!]!, $codes: [String!], $currency: Currency!, $basis: ComparisonBasis!) { ${REVISION}
    comparison(metrics: $metrics, municipalityCodes: $codes, currency: $currency, basis: $basis) {
      rows { municipality { code name nameLatin } cells { metric value rank numerator denominator basis qualifier } } } }`,
  comparisonDetails: `query($metrics: [MetricKey!]!, $codes: [String!], $currency: Currency!, $basis: ComparisonBasis!) { ${REVISION}
    comparison(metrics: $metrics, municipalityCodes: $codes, currency: $currency, basis: $basis) { ${CELLS} } }`,
  // The league table: every municipality × every metric, with what each cell's marks need.
  league: `query($metrics: [MetricKey!]!, $currency: Currency!, $basis: ComparisonBasis!) { ${REVISION}
    comparison(metrics: $metrics, currency: $currency, basis: $basis) {
      rows { municipality { code name nameLatin } cells { metric value rank basis qualifier caveatCount } } } }`,
  // One cell explained: its figures, caveats, sources and the projects behind it.
  cell: `query($metrics: [MetricKey!]!, $codes: [String!], $currency: Currency!, $basis: ComparisonBasis!) { ${REVISION}
    comparison(metrics: $metrics, municipalityCodes: $codes, currency: $currency, basis: $basis) { ${CELLS}
      rows { projects { id key title titleLatin } } } }`,
  municipalityPage: `query($code: String!, $currency: Currency!) { ${REVISION} municipality(code: $code) {
    code name nameLatin population populationReferenceDate oblast { name nameLatin }
    projects(first: 100) { edges { node { id key title titleLatin status confirmation budget(currency: $currency) { amount currency } period { startDate endDate } } } } } }`,
  projectPage: `query($id: ID!, $currency: Currency!) { ${REVISION} node(id: $id) { ... on Project {
    key title titleLatin titleVerification { quoteInSource valueInQuote note } titleSource { key url title publisher publishedOn }
    confirmation status statusAsOf statusSource { key url title publisher publishedOn }
    aim aimSource { key url title publisher publishedOn } revision createdAt updatedAt
    budget(currency: $currency) { amount currency }
    municipality { code name nameLatin }
    registrationNumber registrationNumberAsPublished registrationNumberVerification { quoteInSource valueInQuote note }
    registrationNumberSource { key url title publisher publishedOn }
    procedure { code name } procedureCitations { quote ${STATED} }
    contracts { number signedOn programme { code } ${STATED} }
    period { startDate endDate durationMonths statedDurationMonths statements { field date months ${STATED} } }
    funding { programme { code } kind qualifier amount(currency: $currency) { amount currency } publishedAmount { amount currency } ${STATED} }
    partners { organisation { name nameLatin type } role programme { code } ${STATED} }
    activities { number title titleLatin category programme { code } ${STATED} }
    targetGroups { description descriptionLatin category programme { code } ${STATED} }
    indicators { indicator { code name nameEn unit } value qualifier basis asOf breakdown ${STATED} }
    qualityFlags { code severity field message }
    missing { field reason }
    notes
    revisions { revision importedAt author changedFields }
    sources { key url title publisher publishedOn kind language textSha256 text } } } }`,
  aggregate: `query($groupBy: [Dimension!]!, $filter: ProjectFilter, $currency: Currency!) { ${REVISION}
    aggregate(groupBy: $groupBy, measures: [BUDGET_SUM, PROJECT_COUNT], filter: $filter, currency: $currency) { keys { dimension value label labelLatin } values { measure value leftOut leftOutReasons { reason projects } } } }`,
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
