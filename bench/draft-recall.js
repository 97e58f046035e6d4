// The editor's desk's extractor measured on the hub's own corpus: every curated source text
// (seeds/projects/<source>.txt) read by `makeDraft`, its proposals compared with the curated seeds'
// statements citing that source. Per kind, recall (curated statements the draft proposes) and precision
// (proposals a curated statement confirms), as a table; then the time of a draft of the longest curated
// page and of a 200,000-character text (the limit). The seeds are never made by the extractor: this is
// only a measurement. A curated file records what its editor chose to record, so a proposal it lacks is
// counted as wrong even where the text states it. Amounts and counts are compared by value (with qualifier,
// currency, basis), and again with their programme and kind, or indicator. `--smoke`: the table only, one timing run (CI).
//   node bench/draft-recall.js [--smoke]     (after npm run build)
const fs = require('node:fs');
const path = require('node:path');
const { makeDraft } = require('../dist/ingest/draft.js');

const root = path.resolve(__dirname, '..');
const seeds = path.join(root, 'seeds', 'projects');
const smoke = process.argv.includes('--smoke');

/** Names compared without case, quote marks, punctuation and spacing. */
const plain = (text) =>
  String(text)
    .toLowerCase()
    .replace(/[„“”"«»'’.,;:()–-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The keys a curated statement and a proposal are compared by, per kind. */
const KINDS = {
  amount: {
    gold: (file, source) =>
      file.funding
        .filter((f) => f.source === source)
        .map((f) => `${Number(f.amount).toFixed(2)} ${f.currency} ${f.qualifier}`),
    draft: (p) => (p.kind === 'amount' ? [`${Number(p.amount).toFixed(2)} ${p.currency} ${p.qualifier}`] : []),
  },
  'amount with programme and kind': {
    gold: (file, source) =>
      file.funding
        .filter((f) => f.source === source)
        .map((f) => `${Number(f.amount).toFixed(2)} ${f.currency} ${f.qualifier} ${f.programme} ${f.kind}`),
    draft: (p) =>
      p.kind === 'amount'
        ? [`${Number(p.amount).toFixed(2)} ${p.currency} ${p.qualifier} ${p.programme} ${p.fundingKind}`]
        : [],
  },
  date: {
    gold: (file, source) =>
      file.period
        .filter((s) => s.source === source)
        .map((s) => (s.field === 'DURATION_MONTHS' ? `DURATION ${s.months}` : `${s.field} ${s.date}`)),
    draft: (p) =>
      p.kind === 'date' ? [`${p.field} ${p.date}`] : p.kind === 'duration' ? [`DURATION ${p.months}`] : [],
  },
  contract: {
    gold: (file, source) => [
      ...file.contracts.filter((c) => c.source === source).map((c) => `C ${c.number}`),
      ...(file.registrationNumber && file.registrationNumber.source === source
        ? [`R ${file.registrationNumber.value}`]
        : []),
    ],
    draft: (p) => (p.kind === 'contract' ? [`C ${p.number}`] : p.kind === 'registration' ? [`R ${p.value}`] : []),
  },
  count: {
    gold: (file, source) => file.indicators.filter((i) => i.source === source).map((i) => `${i.value} ${i.basis}`),
    draft: (p) => (p.kind === 'count' ? [`${p.value} ${p.basis}`] : []),
  },
  'count with indicator': {
    gold: (file, source) =>
      file.indicators.filter((i) => i.source === source).map((i) => `${i.value} ${i.basis} ${i.code}`),
    draft: (p) => (p.kind === 'count' ? [`${p.value} ${p.basis} ${p.code}`] : []),
  },
  partner: {
    gold: (file, source) => file.partners.filter((p) => p.source === source).map((p) => plain(p.name)),
    draft: (p) => (p.kind === 'partner' ? [plain(p.name)] : []),
    same: (a, b) => a === b || (a.length > 8 && b.length > 8 && (a.includes(b) || b.includes(a))),
  },
  title: {
    gold: (file, source) => (file.title && file.title.source === source ? [plain(file.title.value)] : []),
    draft: (p) => (p.kind === 'title' ? [plain(p.value)] : []),
    same: (a, b) => a === b,
  },
};

function main() {
  const totals = Object.fromEntries(
    Object.keys(KINDS).map((kind) => [kind, { gold: 0, found: 0, proposed: 0, confirmed: 0 }]),
  );
  let longest = { text: '', key: '' };
  let texts = 0;
  // Each source text once, against the statements of every curated file that cites it (a procedure page is
  // cited by several projects).
  const bySource = new Map();
  for (const name of fs
    .readdirSync(seeds)
    .filter((file) => file.endsWith('.json'))
    .sort()) {
    const file = JSON.parse(fs.readFileSync(path.join(seeds, name), 'utf8'));
    for (const source of file.sources) {
      if (!fs.existsSync(path.join(seeds, `${source.key}.txt`))) continue;
      const entry = bySource.get(source.key) ?? { source, files: [] };
      entry.files.push(file);
      bySource.set(source.key, entry);
    }
  }
  for (const { source, files } of bySource.values()) {
    const text = fs
      .readFileSync(path.join(seeds, `${source.key}.txt`), 'utf8')
      .split('\n')
      .slice(1)
      .join('\n');
    texts += 1;
    if (text.length > longest.text.length) longest = { text, key: source.key };
    const draft = makeDraft({
      text,
      municipalityCode: files[0].municipalityCode,
      municipalityNameLatin: files[0].key,
      sourceUrl: source.url,
      publisher: source.publisher,
      publishedOn: source.publishedOn,
    });
    const proposed = draft.proposals.map((proposal) => proposal.proposed);
    for (const [kind, rule] of Object.entries(KINDS)) {
      const same = rule.same ?? ((a, b) => a === b);
      const gold = [...new Set(files.flatMap((file) => rule.gold(file, source.key)))];
      const drafted = [...new Set(proposed.flatMap(rule.draft))];
      const total = totals[kind];
      total.gold += gold.length;
      total.proposed += drafted.length;
      total.found += gold.filter((g) => drafted.some((d) => same(g, d))).length;
      total.confirmed += drafted.filter((d) => gold.some((g) => same(g, d))).length;
    }
  }
  const percent = (part, whole) => (whole ? `${((100 * part) / whole).toFixed(0)} %` : '—');
  console.log(`${texts} curated source texts (each once, against every curated file citing it)\n`);
  console.log('| kind | curated statements | proposals | found (recall) | confirmed (precision) |');
  console.log('|---|---|---|---|---|');
  for (const [kind, t] of Object.entries(totals))
    console.log(
      `| ${kind} | ${t.gold} | ${t.proposed} | ${t.found} (${percent(t.found, t.gold)}) | ${t.confirmed} (${percent(t.confirmed, t.proposed)}) |`,
    );
  const time = (text, runs) => {
    const times = [];
    for (let run = 0; run < runs; run += 1) {
      const started = process.hrtime.bigint();
      makeDraft({
        text,
        municipalityCode: 'PAZ08',
        municipalityNameLatin: 'Velingrad',
        sourceUrl: null,
        publisher: null,
        publishedOn: null,
      });
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)];
  };
  const runs = smoke ? 1 : 21;
  console.log(
    `\nthe longest curated page (${longest.key}, ${longest.text.length} characters): ${time(longest.text, runs).toFixed(1)} ms (median of ${runs})`,
  );
  let limit = '';
  while (limit.length < 200_000) limit += `${longest.text}\n`;
  console.log(
    `a 200,000-character text (that page repeated): ${time(limit.slice(0, 200_000), smoke ? 1 : 5).toFixed(0)} ms`,
  );
}

main();
