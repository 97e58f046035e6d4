import { draftFile } from '../../src/ingest/draft-file';
import type { Proposal as DomainProposal } from '../../src/domain/draft/extract';
import { type DocumentName, documentId } from './documents';
import { h } from './dom';
import { label } from './labels';
import { type Key, t } from './i18n';

/**
 * The editor's desk (/edit): a published text → proposals (draftFromText) → the editor accepts, corrects or
 * rejects each → the project file → a dry run of importProjects → publish. The API token stays in this
 * tab's sessionStorage and travels as a Bearer header, never as a cookie. The file is assembled here by the
 * same code as the API's (src/ingest/draft-file.ts).
 */

const TOKEN = 'component2-hub-token';

type Kind = DomainProposal['proposed']['kind'];

interface ApiProposal {
  id: string;
  kind: Uppercase<Kind>;
  statement: Record<string, unknown>;
  quote: { start: number; end: number; text: string };
  sentence: { start: number; end: number; text: string };
  flags: DomainProposal['flags'];
}

interface DraftAnswer {
  draftFromText: {
    proposals: ApiProposal[];
    missing: { field: string; reason: string }[];
    file: { key: string; sources: Record<string, unknown>[] } & Record<string, unknown>;
  };
}

interface ImportAnswer {
  importProjects: {
    dryRun: boolean;
    projects: {
      key: string;
      action: 'CREATED' | 'UPDATED' | 'UNCHANGED';
      revision: number;
      changedFields: string[];
      qualityFlags: { code: string; severity: string; field: string; message: string }[];
    }[];
    warnings: { path: string; code: string; message: string }[];
  };
}

/** The value an editor may correct, per kind (the rest of a statement follows its quote). */
const EDITABLE: Record<Kind, string | null> = {
  title: 'value',
  procedure: null,
  registration: 'value',
  contract: 'number',
  amount: 'amount',
  date: 'date',
  duration: 'months',
  count: 'value',
  partner: 'name',
};

/** A persisted document over POST (its variables may be long), with the token when there is one. */
async function post<T>(
  name: DocumentName,
  variables: Record<string, unknown>,
  token?: string,
): Promise<{
  data?: T;
  errors?: { message: string; extensions?: { code?: string; errors?: { path: string; reason: string }[] } }[];
}> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ documentId: documentId(name), variables }),
  });
  return response.json();
}

const field = (label: Key, input: HTMLElement) => h('label', { class: 'field' }, `${t(label)} `, input);

export async function renderEdit(main: HTMLElement): Promise<void> {
  const status = h('p', { role: 'status', 'aria-live': 'polite', id: 'desk-status' });
  const tokenBox = h('section', { 'aria-labelledby': 'token-heading' });
  const drawToken = () => {
    const saved = sessionStorage.getItem(TOKEN);
    if (saved) {
      const forget = h('button', { type: 'button', id: 'token-forget' }, t('tokenForget'));
      forget.onclick = () => {
        sessionStorage.removeItem(TOKEN);
        drawToken();
      };
      tokenBox.replaceChildren(h('h2', { id: 'token-heading' }, t('token')), h('p', {}, t('tokenSaved'), ' ', forget));
      return;
    }
    const input = h('input', {
      type: 'password',
      id: 'token',
      autocomplete: 'off',
      spellcheck: 'false',
    }) as HTMLInputElement;
    const save = h('button', { type: 'submit' }, t('tokenSave'));
    const form = h('form', { id: 'token-form' }, field('token', input), save);
    form.onsubmit = (event) => {
      event.preventDefault();
      if (input.value.trim()) sessionStorage.setItem(TOKEN, input.value.trim());
      drawToken();
    };
    tokenBox.replaceChildren(
      h('h2', { id: 'token-heading' }, t('token')),
      h(
        'p',
        { id: 'token-help' },
        `${t('tokenHelp')} `,
        h('code', { translate: 'no' }, 'npm run token -- create --role EDITOR --municipality <code> --name <name>'),
        `. ${t('tokenKept')}`,
      ),
      form,
    );
  };
  drawToken();

  const inputs = {
    municipalityCode: h('input', { name: 'municipalityCode', required: true, pattern: '[A-Z]{3}[0-9]{2}', size: 8 }),
    sourceUrl: h('input', { name: 'sourceUrl', type: 'url', size: 50 }),
    publisher: h('input', { name: 'publisher', size: 30 }),
    publishedOn: h('input', { name: 'publishedOn', type: 'date' }),
    projectKey: h('input', { name: 'projectKey', pattern: '[a-z0-9][a-z0-9-]{1,62}', size: 20 }),
    text: h('textarea', { name: 'text', required: true, rows: 12, cols: 80, maxlength: 200000 }),
  } as unknown as Record<string, HTMLInputElement | HTMLTextAreaElement>;
  const form = h(
    'form',
    { id: 'source-form', class: 'controls' },
    field('municipalityCode', inputs.municipalityCode),
    field('sourceUrl', inputs.sourceUrl),
    field('publisher', inputs.publisher),
    field('publishedOn', inputs.publishedOn),
    field('projectKey', inputs.projectKey),
    h('label', { class: 'field wide' }, `${t('text')} `, inputs.text),
    h('button', { type: 'submit', value: 'read' }, t('read')),
    ' ',
    h('button', { type: 'submit', value: 'add', id: 'add-source' }, t('addSource')),
  );
  /** The texts read so far, one per source: the file cites each. */
  let drafts: SourceDraft[] = [];
  const results = h('section', { id: 'draft', 'aria-live': 'polite' });
  main.replaceChildren(h('h1', {}, t('desk')), h('p', {}, t('deskIntro')), tokenBox, form, status, results);

  form.onsubmit = async (event) => {
    event.preventDefault();
    const adding = (event.submitter as HTMLButtonElement | null)?.value === 'add' && drafts.length > 0;
    const token = sessionStorage.getItem(TOKEN);
    if (!token) {
      status.textContent = t('needToken');
      document.getElementById('token')?.focus();
      return;
    }
    status.textContent = t('loading');
    const value = (name: string) => inputs[name].value.trim() || null;
    const answer = await post<DraftAnswer>(
      'draft',
      {
        text: inputs.text.value,
        municipalityCode: value('municipalityCode'),
        sourceUrl: value('sourceUrl'),
        publisher: value('publisher'),
        publishedOn: value('publishedOn'),
        projectKey: value('projectKey'),
      },
      token,
    );
    if (answer.errors?.length || !answer.data) {
      status.textContent = `${t('error')}: ${answer.errors?.map((error) => error.message).join('; ')}`;
      return;
    }
    const read = { text: inputs.text.value, draft: answer.data.draftFromText };
    const sourceKey = (entry: SourceDraft) => String(entry.draft.file.sources[0].key);
    if (adding && drafts.some((entry) => sourceKey(entry) === sourceKey(read))) {
      status.textContent = t('sameSource');
      return;
    }
    status.textContent = '';
    drafts = adding ? [...drafts, read] : [read];
    drawDrafts(results, drafts, status);
  };
}

interface SourceDraft {
  text: string;
  draft: DraftAnswer['draftFromText'];
}

/** Each text with its proposals' quotes marked, the proposals to accept or correct, and the file's actions. */
function drawDrafts(container: HTMLElement, drafts: SourceDraft[], status: HTMLElement): void {
  // The API's kinds are enum names (AMOUNT); the file's code and the labels use the statement kinds (amount).
  const sources = drafts.map(({ text, draft }, index) => {
    const proposals = draft.proposals.map((proposal) => ({
      ...proposal,
      kind: proposal.kind.toLowerCase() as Kind,
      row: `row-${index + 1}-${proposal.id}`,
    }));
    // The text, each quote a <mark> that leads to its row (the first of overlapping quotes wins).
    const marked = h('div', { class: 'draft-text', 'data-source': index + 1 });
    let at = 0;
    for (const proposal of [...proposals].sort((a, b) => a.quote.start - b.quote.start)) {
      if (proposal.quote.start < at) continue;
      marked.append(text.slice(at, proposal.quote.start));
      marked.append(
        h(
          'mark',
          { class: `k-${proposal.kind}`, title: label('DraftProposalKind', proposal.kind) },
          h('a', { href: `#${proposal.row}` }, proposal.quote.text),
        ),
      );
      at = proposal.quote.end;
    }
    marked.append(text.slice(at));
    const source = draft.file.sources[0] as { key: string; url: string | null; publisher: string };
    return { index, draft, proposals, marked, source };
  });
  const proposals = sources.flatMap(({ index, proposals: own }) =>
    own.map((proposal) => ({ ...proposal, source: index })),
  );

  const rows = proposals.map((proposal) => {
    const accept = h('input', {
      type: 'checkbox',
      checked: true,
      'aria-label': `${t('accept')} ${proposal.id}`,
    }) as HTMLInputElement;
    const key = EDITABLE[proposal.kind];
    const edit = key
      ? (h('input', {
          value: String(proposal.statement[key] ?? ''),
          'aria-label': `${label('DraftProposalKind', proposal.kind)} ${proposal.id}`,
          'data-field': key,
        }) as HTMLInputElement)
      : null;
    const basis =
      proposal.kind === 'count'
        ? (h(
            'select',
            { 'aria-label': `${t('basis')} ${proposal.id}` },
            ...(['PLANNED', 'ACHIEVED'] as const).map((option) =>
              h('option', { value: option, selected: proposal.statement.basis === option }, label('Basis', option)),
            ),
          ) as HTMLSelectElement)
        : null;
    const row = h(
      'tr',
      { id: proposal.row, 'data-kind': proposal.kind, 'data-source': proposal.source + 1 },
      h('td', {}, accept),
      h('td', {}, String(proposal.source + 1)),
      h('td', {}, label('DraftProposalKind', proposal.kind)),
      h('td', {}, edit ?? String(proposal.statement.quote ?? ''), basis ? ' ' : '', basis ?? ''),
      h('td', {}, h('q', {}, proposal.quote.text)),
      h('td', {}, proposal.flags.map((flag) => label('DraftProposalFlag', flag)).join('; ')),
    );
    return { proposal, accept, edit, basis, row };
  });
  const table = h(
    'table',
    { id: 'proposals' },
    h('caption', {}, t('proposals')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...(['accept', 'source', 'kind', 'value', 'quote', 'attention'] as Key[]).map((name) =>
          h('th', { scope: 'col' }, t(name)),
        ),
      ),
    ),
    h('tbody', {}, ...rows.map((entry) => entry.row)),
  );

  /** The project file of the accepted proposals, as corrected, citing each source its proposals come from. */
  const file = () => {
    const accepted = (index: number): DomainProposal[] =>
      rows
        .filter((entry) => entry.accept.checked && entry.proposal.source === index)
        .map(({ proposal, edit, basis }) => {
          const statement: Record<string, unknown> = { ...proposal.statement };
          if (edit) {
            const key = edit.dataset.field!;
            statement[key] =
              ['months', 'value'].includes(key) && proposal.kind !== 'title' && proposal.kind !== 'registration'
                ? Number(edit.value)
                : edit.value.trim();
          }
          if (basis) statement.basis = basis.value;
          const { kind: fundingKind, ...rest } = statement;
          const proposed = { kind: proposal.kind, ...rest, ...(proposal.kind === 'amount' ? { fundingKind } : {}) };
          return {
            id: proposal.id,
            proposed,
            quote: proposal.quote,
            sentence: proposal.sentence,
            flags: proposal.flags,
          } as DomainProposal;
        });
    const first = sources[0].draft;
    return draftFile({
      key: first.file.key,
      municipalityCode: String(first.file.municipalityCode),
      sources: sources.map(({ index, draft }) => ({
        source: draft.file.sources[0] as never,
        proposals: accepted(index),
      })),
      // Missing only where no source states it.
      missing: first.missing.filter(
        (entry) =>
          entry.field !== 'notes' &&
          sources.every(({ draft }) => draft.missing.some((other) => other.field === entry.field)),
      ),
    });
  };

  const result = h('section', { id: 'import-result', 'aria-live': 'polite' });
  const send = async (dryRun: boolean) => {
    const token = sessionStorage.getItem(TOKEN);
    if (!token) {
      status.textContent = t('needToken');
      document.getElementById('token')?.focus();
      return;
    }
    const answer = await post<ImportAnswer>('importFile', { input: { files: [file()], dryRun } }, token);
    if (answer.errors?.length || !answer.data) {
      const details =
        answer.errors?.flatMap(
          (error) => error.extensions?.errors?.map((entry) => `${entry.path}: ${entry.reason}`) ?? [error.message],
        ) ?? [];
      result.replaceChildren(
        h('h2', {}, t('refused')),
        h('ul', { class: 'errors' }, ...details.map((line) => h('li', {}, line))),
      );
      return;
    }
    const outcome = answer.data.importProjects;
    result.replaceChildren(
      h('h2', {}, outcome.dryRun ? t('dryRunResult') : t('published')),
      h(
        'ul',
        {},
        ...outcome.projects.map((project) =>
          h(
            'li',
            { 'data-action': project.action },
            `${project.key}: ${label('ImportAction', project.action)} (rev. ${project.revision}). ${t('changedFields')}: ${project.changedFields.join(', ') || '—'}`,
            project.qualityFlags.length
              ? h(
                  'ul',
                  { class: 'quality-flags', 'aria-label': t('flags') },
                  ...project.qualityFlags.map((flag) =>
                    h(
                      'li',
                      { 'data-severity': flag.severity },
                      `${flag.severity} ${flag.code} (${flag.field}): ${flag.message}`,
                    ),
                  ),
                )
              : '',
          ),
        ),
      ),
      ...(outcome.warnings.length
        ? [
            h('h3', {}, t('warnings')),
            h('ul', {}, ...outcome.warnings.map((w) => h('li', {}, `${w.path}: ${w.message}`))),
          ]
        : []),
    );
  };
  const dry = h('button', { type: 'button', id: 'dry-run' }, t('dryRun'));
  dry.onclick = () => void send(true);
  const publish = h('button', { type: 'button', id: 'publish' }, t('publish'));
  publish.onclick = () => void send(false);
  const download = h(
    'a',
    { href: '#', id: 'download-file', download: `${sources[0].draft.file.key}.json` },
    t('downloadFile'),
  );
  download.addEventListener('click', () => {
    const blob = new Blob([JSON.stringify(file(), null, 2)], { type: 'application/json' });
    download.setAttribute('href', URL.createObjectURL(blob));
  });

  // The draft file as it stands, redrawn on every change of a row.
  const shown = h('pre', { id: 'draft-file', class: 'draft-file' });
  const showFile = () => {
    shown.textContent = JSON.stringify(file(), null, 2);
  };
  table.addEventListener('change', showFile);
  table.addEventListener('input', showFile);
  container.replaceChildren(
    h('h2', {}, t('proposals')),
    ...sources.flatMap(({ index, marked, source }) => [
      h(
        'h3',
        {},
        `${t('source')} ${index + 1}: `,
        source.url ? h('a', { href: source.url, rel: 'noopener' }, source.publisher) : source.publisher,
      ),
      marked,
    ]),
    h('div', { class: 'scroll' }, table),
    h('h2', {}, t('missingFields')),
    h(
      'ul',
      { id: 'missing' },
      ...(file().missing as { field: string; reason: string }[]).map((entry) =>
        h('li', {}, `${entry.field}: ${entry.reason}`),
      ),
    ),
    h('p', { class: 'actions' }, dry, ' ', publish, ' ', download),
    result,
    h('details', {}, h('summary', {}, t('draftFile')), shown),
  );
  showFile();
}
