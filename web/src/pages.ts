import { gql, type MunicipalityPage, type ProjectPage } from './api';
import { h, link, params, sourceLinks, tableCsvLink } from './dom';
import { type Key, lang, named, t } from './i18n';

/** A municipality's page and a project's page: every figure with its basis, qualifier, verification and source. */

export async function renderMunicipality(main: HTMLElement): Promise<void> {
  const code = params().get('code') ?? '';
  const currency = params().get('currency') === 'EUR' ? 'EUR' : 'BGN';
  const { municipality } = await gql<MunicipalityPage>('municipalityPage', { code, currency });
  if (!municipality) throw new Error(`${code}?`);
  const exportFilter = encodeURIComponent(JSON.stringify({ municipalityCodes: [municipality.code] }));
  main.replaceChildren(
    h('h1', { 'data-municipality': municipality.code }, named(municipality)),
    h(
      'p',
      {},
      `${named(municipality.oblast)} · ${t('population')}: `,
      h('span', { 'data-population': '' }, String(municipality.population ?? '—')),
    ),
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
            lang() === 'en' && node.titleLatin ? node.titleLatin : (node.title ?? node.key),
          ),
          ` · ${t('budget')}: `,
          h('span', { class: 'budget' }, node.budget ? `${node.budget.amount} ${node.budget.currency}` : t('noValue')),
          ` · ${node.period.startDate ?? '?'} – ${node.period.endDate ?? '?'} · ${node.confirmation}`,
        ),
      ),
    ),
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

export async function renderProject(main: HTMLElement): Promise<void> {
  const id = params().get('id') ?? '';
  const currency = params().get('currency') === 'EUR' ? 'EUR' : 'BGN';
  const { node: project } = await gql<ProjectPage>('projectPage', { id, currency });
  if (!project) throw new Error(`${id}?`);
  type Project = NonNullable<ProjectPage['node']>;
  const checked = (row: { verified: boolean }) =>
    h('span', { class: row.verified ? 'ok' : 'muted' }, row.verified ? `✓ ${t('verified')}` : t('notVerified'));
  const table = <T>(caption: Key, headers: Key[], rows: T[], cells: (row: T) => (Node | string)[]) => {
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
  main.replaceChildren(
    h(
      'h1',
      { 'data-project': project.key },
      lang() === 'en' && project.titleLatin ? project.titleLatin : (project.title ?? project.key),
    ),
    h(
      'p',
      {},
      h(
        'a',
        { href: link({ view: 'municipality', code: project.municipality.code, id: null }) },
        named(project.municipality),
      ),
      ` · ${project.confirmation} · ${project.status}`,
    ),
    h(
      'p',
      {},
      `${t('budget')}: `,
      h(
        'strong',
        { 'data-budget': project.budget?.amount ?? '' },
        project.budget ? `${project.budget.amount} ${project.budget.currency}` : t('noValue'),
      ),
    ),
    project.aim ? h('p', { class: 'muted' }, project.aim) : '',
    h('h2', {}, t('period')),
    h(
      'p',
      {},
      `${project.period.startDate ?? '?'} – ${project.period.endDate ?? '?'} (${project.period.durationMonths ?? '?'} / ${project.period.statedDurationMonths ?? '—'})`,
    ),
    table('period', ['period', 'asPublished', 'verified', 'sources'], project.period.statements, (row) => [
      `${row.field} ${row.date ?? row.months ?? ''}`,
      row.asPublished ?? '',
      checked(row),
      sourceLinks([row.source]),
    ]),
    table(
      'funding',
      ['programme', 'value', 'qualifier', 'asPublished', 'verified', 'sources'],
      project.funding,
      (row) => [
        `${row.programme?.code ?? '—'} ${row.kind}`,
        row.amount ? `${row.amount.amount} ${row.amount.currency}` : '—',
        row.qualifier,
        row.asPublished ?? '',
        checked(row),
        sourceLinks([row.source]),
      ],
    ),
    table(
      'indicators',
      ['indicators', 'value', 'basis', 'qualifier', 'asOf', 'breakdown', 'asPublished', 'verified', 'sources'],
      project.indicators,
      (row) => [
        `${row.indicator.code}`,
        String(row.value),
        t(row.basis as Key),
        row.qualifier,
        row.asOf ?? '',
        row.breakdown ?? '',
        row.asPublished ?? '',
        checked(row),
        sourceLinks([row.source]),
      ],
    ),
    h('h2', {}, t('flags')),
    h(
      'ul',
      { 'data-flags': project.qualityFlags.length },
      ...project.qualityFlags.map((flag: Project['qualityFlags'][number]) =>
        h('li', {}, h('strong', {}, `${flag.code} (${flag.severity.toLowerCase()})`), `: ${flag.message}`),
      ),
    ),
    table('revisions', ['revisions', 'period', 'author', 'changed'], project.revisions, (row) => [
      String(row.revision),
      row.importedAt,
      row.author ?? '—',
      row.changedFields.join(', '),
    ]),
    h('h2', {}, t('sources')),
    ...project.sources.map((source: Project['sources'][number]) =>
      h(
        'section',
        { class: 'source' },
        h('h3', {}, source.url ? h('a', { href: source.url, rel: 'noopener' }, source.title) : source.title),
        h('p', { class: 'muted' }, source.publisher),
        source.text
          ? h(
              'details',
              {},
              h('summary', {}, `${t('sourceText')} (SHA-256 ${(source.textSha256 ?? '').slice(0, 12)}…)`),
              h('pre', {}, source.text),
            )
          : '',
      ),
    ),
  );
}
