import { gql, type MunicipalityPage, type ProjectPage, type Project, type Statement } from './api';
import {
  citedTitle,
  currencyParam,
  english,
  h,
  link,
  nameBeside,
  params,
  published,
  script,
  sourceLinks,
  tableCsvLink,
} from './dom';
import { type Key, lang, named, t } from './i18n';
import { label, programmeLabel } from './labels';
import { municipalityMetrics } from './municipality-metrics';
import { reproduce, revisionNotice } from './revision';

/**
 * A municipality's page and a project's page. The project page shows everything the API holds about the
 * project (a browser test compares it with the API's full answer): every statement with its value as
 * published, its check against the quote and its source; codes in words in the reader's language.
 */

const money = (value: { amount: string; currency: string } | null | undefined): string =>
  value ? `${value.amount} ${value.currency}` : t('noValue');
export async function renderMunicipality(main: HTMLElement): Promise<void> {
  const code = params().get('code') ?? '';
  const currency = currencyParam();
  const [{ municipality }, metrics] = await Promise.all([
    gql<MunicipalityPage>('municipalityPage', { code, currency }),
    municipalityMetrics(code, currency),
  ]);
  if (!municipality) throw new Error(`${t('municipality')} ${code}?`);
  const exportFilter = encodeURIComponent(JSON.stringify({ municipalityCodes: [municipality.code] }));
  main.replaceChildren(
    h('h1', { 'data-municipality': municipality.code }, named(municipality)),
    revisionNotice(),
    h(
      'p',
      {},
      `${t('oblast')}: ${named(municipality.oblast)} · ${t('population')}: `,
      h('span', { 'data-population': '' }, municipality.population === null ? '—' : String(municipality.population)),
    ),
    metrics,
    h('h2', {}, t('projects')),
    h(
      'ul',
      {},
      ...municipality.projects.edges.map(({ node }) =>
        h(
          'li',
          { 'data-project': node.key },
          h(
            'a',
            { href: link({ view: 'project', id: node.id, code: null }) },
            nameBeside(node.title ?? node.key, node.titleLatin),
          ),
          ` · ${t('budget')}: `,
          h('span', { class: 'budget' }, money(node.budget)),
          ` · ${node.period.startDate ?? '?'} – ${node.period.endDate ?? '?'} · ${label('ProjectStatus', node.status)} · ${label('Confirmation', node.confirmation)}`,
        ),
      ),
    ),
    reproduce(named(municipality), 'municipalityPage', { code, currency }),
    h(
      'p',
      {},
      h(
        'a',
        {
          class: 'download',
          download: `${municipality.code}-projects.csv`,
          href: `/export/projects.csv?currency=${currency}&filter=${exportFilter}`,
        },
        `${t('download')}: ${t('projects')}`,
      ),
      ' · ',
      h(
        'a',
        {
          class: 'download',
          download: `${municipality.code}-indicator-values.csv`,
          href: `/export/indicator-values.csv?filter=${exportFilter}`,
        },
        `${t('download')}: ${t('indicators')}`,
      ),
    ),
  );
}

/** A statement's check: verified in its source's text, or what the check found. */
function checked(row: Pick<Statement, 'verified' | 'verification'>): HTMLElement {
  if (row.verified) return h('span', { class: 'ok' }, `✓ ${t('verified')}`);
  const found = [
    row.verification?.quoteInSource ? t('quoteInSource') : '',
    row.verification?.valueInQuote ? t('valueInQuote') : '',
  ].filter(Boolean);
  return h(
    'span',
    { class: 'muted' },
    [t('notVerified'), ...found].join('; '),
    row.verification?.note ? h('br') : '',
    row.verification?.note ? english(row.verification.note, 'small') : '',
  );
}

/** "As published" and the curator's note of a statement (the note is English, and marked so). */
const statedAs = (row: Pick<Statement, 'asPublished' | 'note'>): HTMLElement =>
  h('span', {}, published(row.asPublished ?? ''), row.note ? h('br') : '', row.note ? english(row.note, 'small') : '');

export async function renderProject(main: HTMLElement): Promise<void> {
  const id = params().get('id') ?? '';
  const currency = currencyParam();
  const { node: project } = await gql<ProjectPage>('projectPage', { id, currency });
  if (!project) throw new Error(`${t('project')} ${id}?`);
  const table = <T>(caption: Key, headers: Key[], rows: T[], cells: (row: T) => (Node | string)[]) => {
    if (rows.length === 0)
      return h('section', { 'data-table': caption }, h('h2', {}, t(caption)), h('p', {}, t('none')));
    const element = h(
      'table',
      { 'data-table': caption },
      h('caption', {}, t(caption)),
      h('thead', {}, h('tr', {}, ...headers.map((name) => h('th', { scope: 'col' }, t(name))))),
      h('tbody', {}, ...rows.map((row) => h('tr', {}, ...cells(row).map((cell) => h('td', {}, cell))))),
    );
    return h(
      'div',
      { class: 'scroll' },
      element,
      tableCsvLink(element as HTMLTableElement, `${project.key}-${caption}.csv`),
    );
  };
  /** A table of statements: its own columns, then each one's words as published, its check and its source. */
  const statements = <T extends Statement>(
    caption: Key,
    headers: Key[],
    rows: T[],
    cells: (row: T) => (Node | string)[],
  ) =>
    table(caption, [...headers, 'asPublished', 'check', 'sources'], rows, (row) => [
      ...cells(row),
      statedAs(row),
      checked(row),
      sourceLinks([row.source]),
    ]);
  const programme = (row: { programme: { code: string } | null }) =>
    programmeLabel(row.programme?.code, t('wholeProject'));
  const title = lang() === 'en' && project.titleLatin ? project.titleLatin : (project.title ?? project.key);
  main.replaceChildren(
    h('h1', { 'data-project': project.key, lang: script(title) }, title),
    revisionNotice(),
    overview(project),
    h('h2', {}, t('period')),
    h(
      'p',
      { 'data-period': '' },
      `${project.period.startDate ?? '?'} – ${project.period.endDate ?? '?'} · ${t('computedDuration')}: ${project.period.durationMonths === null ? '—' : `${project.period.durationMonths} ${t('months')}`} · ${t('statedDuration')}: ${project.period.statedDurationMonths === null ? '—' : `${project.period.statedDurationMonths} ${t('months')}`}`,
    ),
    statements('period', ['field', 'value'], project.period.statements, (row) => [
      label('PeriodField', row.field),
      row.date ?? (row.months === null ? '—' : `${row.months} ${t('months')}`),
    ]),
    statements('funding', ['programme', 'kind', 'value', 'qualifier', 'publishedAmount'], project.funding, (row) => [
      programme(row),
      label('FundingKind', row.kind),
      money(row.amount),
      label('Qualifier', row.qualifier),
      money(row.publishedAmount),
    ]),
    statements('contracts', ['number', 'programme', 'signedOn'], project.contracts, (row) => [
      h('span', { translate: 'no' }, row.number),
      programme(row),
      row.signedOn ?? '—',
    ]),
    table('procedureCited', ['asPublished', 'check', 'sources'], project.procedureCitations, (row) => [
      h('span', {}, published(row.quote), row.note ? h('br') : '', row.note ? english(row.note, 'small') : ''),
      checked(row),
      sourceLinks([row.source]),
    ]),
    statements('partners', ['organisation', 'type', 'role', 'programme'], project.partners, (row) => [
      nameBeside(row.organisation.name, row.organisation.nameLatin),
      label('OrganisationType', row.organisation.type),
      label('PartnerRole', row.role),
      programme(row),
    ]),
    statements('activities', ['number', 'description', 'category', 'programme'], project.activities, (row) => [
      row.number === null ? '—' : String(row.number),
      nameBeside(row.title, row.titleLatin),
      label('ActivityCategory', row.category),
      programme(row),
    ]),
    statements('targetGroups', ['description', 'category', 'programme'], project.targetGroups, (row) => [
      nameBeside(row.description, row.descriptionLatin),
      label('TargetGroupCategory', row.category),
      programme(row),
    ]),
    statements(
      'indicators',
      ['indicators', 'value', 'basis', 'qualifier', 'asOf', 'breakdown'],
      project.indicators,
      (row) => [
        lang() === 'en' ? row.indicator.nameEn : row.indicator.name,
        String(row.value),
        label('Basis', row.basis),
        label('Qualifier', row.qualifier),
        row.asOf ?? '—',
        row.breakdown ? published(row.breakdown) : '—',
      ],
    ),
    h('h2', {}, t('flags')),
    h(
      'ul',
      { 'data-flags': project.qualityFlags.length },
      ...project.qualityFlags.map((flag) =>
        h(
          'li',
          { 'data-flag': flag.code },
          h('strong', {}, label('QualityFlagCode', flag.code)),
          ` (${label('Severity', flag.severity)}`,
          flag.field ? h('code', { translate: 'no' }, ` ${flag.field}`) : '',
          '): ',
          english(flag.message),
        ),
      ),
    ),
    project.qualityFlags.length ? '' : h('p', {}, t('none')),
    table('missing', ['field', 'reason'], project.missing, (row) => [
      h('code', { translate: 'no' }, row.field),
      english(row.reason),
    ]),
    h('h2', {}, t('notes')),
    project.notes.length
      ? h('ul', { 'data-notes': project.notes.length }, ...project.notes.map((note) => h('li', {}, english(note))))
      : h('p', {}, t('none')),
    table('revisions', ['revisions', 'period', 'author', 'changed'], project.revisions, (row) => [
      String(row.revision),
      row.importedAt,
      row.author ? h('span', { translate: 'no' }, row.author) : '—',
      h('code', { translate: 'no' }, row.changedFields.join(', ')),
    ]),
    h('h2', {}, t('sources')),
    ...project.sources.map((source) =>
      h(
        'section',
        { class: 'source', 'data-source': source.key },
        h(
          'h3',
          {},
          source.url
            ? h('a', { href: source.url, rel: 'noopener' }, citedTitle(source.title))
            : citedTitle(source.title),
        ),
        h(
          'p',
          { class: 'muted' },
          sourceLinks([{ publisher: source.publisher, url: null }]),
          ` · ${source.publishedOn ?? '—'} · ${t('extent')}: ${label('SourceKind', source.kind)} · ${t('language_')}: `,
          h('span', { translate: 'no' }, source.language),
        ),
        source.text
          ? h(
              'details',
              {},
              h('summary', {}, `${t('sourceText')} (SHA-256 ${(source.textSha256 ?? '').slice(0, 12)}…)`),
              h('pre', { lang: source.language }, source.text),
            )
          : '',
      ),
    ),
    reproduce(title, 'projectPage', { id, currency }),
  );
}

/** The project's identity and standing: municipality, stage, procedure, registration number, budget, aim. */
function overview(project: Project): HTMLElement {
  const registration = project.registrationNumber
    ? h(
        'span',
        {},
        h('span', { translate: 'no', 'data-registration': project.registrationNumber }, project.registrationNumber),
        project.registrationNumberAsPublished && project.registrationNumberAsPublished !== project.registrationNumber
          ? ` (${t('asPublished')}: ${project.registrationNumberAsPublished}; ${t('canonical')}: ${project.registrationNumber})`
          : '',
        ' ',
        project.registrationNumberVerification
          ? checked({
              verified: verifiedBy(project.registrationNumberVerification),
              verification: project.registrationNumberVerification,
            })
          : '',
        ' ',
        sourceLinks([project.registrationNumberSource]),
      )
    : t('noValue');
  const rows: [Key, Node | string][] = [
    [
      'titlePublished',
      h(
        'span',
        {},
        published(project.title ?? project.key),
        ' ',
        project.titleVerification
          ? checked({ verified: verifiedBy(project.titleVerification), verification: project.titleVerification })
          : '',
        ' ',
        sourceLinks([project.titleSource]),
      ),
    ],
    [
      'municipality',
      h(
        'a',
        { href: link({ view: 'municipality', code: project.municipality.code, id: null }) },
        named(project.municipality),
      ),
    ],
    [
      'status',
      h(
        'span',
        {},
        label('ProjectStatus', project.status),
        project.statusAsOf ? ` (${t('asOfDate')} ${project.statusAsOf}) ` : ' ',
        sourceLinks([project.statusSource]),
      ),
    ],
    [
      'confirmation',
      h('span', {}, label('Confirmation', project.confirmation), ' · ', published(project.procedure.name)),
    ],
    ['registrationNumber', registration],
    ['budget', h('strong', { 'data-budget': project.budget?.amount ?? '' }, money(project.budget))],
    ['aim', project.aim ? h('span', {}, published(project.aim), ' ', sourceLinks([project.aimSource])) : t('noValue')],
    [
      'revisions',
      `${project.revision} · ${t('created')} ${project.createdAt.slice(0, 10)} · ${t('updated')} ${project.updatedAt.slice(0, 10)}`,
    ],
  ];
  return h(
    'dl',
    { class: 'overview' },
    ...rows.flatMap(([name, value]) => [h('dt', {}, t(name)), h('dd', { 'data-field': name }, value)]),
  );
}

/** A single statement (title, registration number) is verified when its quote is in the source and every check passed. */
const verifiedBy = (verification: { quoteInSource: boolean | null; note: string | null }): boolean =>
  verification.quoteInSource === true && verification.note === null;
