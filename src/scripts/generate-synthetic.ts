/**
 * `npm run bench:generate -- --municipalities 265 --projects 20 [--indicators 30] [--out bench/out/synthetic]`
 * Writes SYNTHETIC project files in the public import format over the real municipality codes, for
 * benchmarks only: every file has `"synthetic": true`, keys and source keys start with `synthetic-`,
 * titles start with "[SYNTHETIC]". Never written under seeds/, never loaded at start, and refused by
 * the importer in a database holding the real dataset (unless --allow-mixing).
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config';
import type { ProjectFile } from '../ingest/project-file';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

/** Small deterministic PRNG (mulberry32), so that runs are comparable. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INDICATORS = [
  'PERSONS_EMPLOYED',
  'CHILDREN_REACHED',
  'CAREER_GUIDANCE_PARTICIPANTS',
  'PEOPLE_REACHED',
  'PUBLIC_DISCUSSIONS',
  'CULTURAL_EVENTS',
  'EQUIPMENT_ITEMS',
  'LEARNING_GROUPS',
  'FAMILY_HOUSES',
  'TEMPORARY_JOBS',
];
const CATEGORIES = [
  'EMPLOYMENT_AND_ACTIVATION',
  'TRAINING',
  'SOCIAL_AND_HEALTH_SERVICES',
  'COMMUNITY_AND_STEREOTYPES',
  'ADDITIONAL_EDUCATION',
  'EDUCATIONAL_ENVIRONMENT',
] as const;
const TYPES = ['SCHOOL', 'KINDERGARTEN', 'NGO', 'MUNICIPAL_ENTERPRISE', 'COMPANY'] as const;

function main(): void {
  const municipalityCount = Number(option('municipalities', '265'));
  const perMunicipality = Number(option('projects', '20'));
  const indicatorCount = Number(option('indicators', '30'));
  const out = path.resolve(option('out', path.join(PROJECT_ROOT, 'bench', 'out', 'synthetic')));
  if (path.relative(path.join(PROJECT_ROOT, 'seeds'), out).split(path.sep)[0] !== '..') {
    throw new Error('synthetic data must never be written under seeds/');
  }
  const csv = fs
    .readFileSync(path.join(PROJECT_ROOT, 'seeds', 'reference', 'municipalities.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  const codes = csv.map((line) => line.split(',')[0]).slice(0, municipalityCount);
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const next = random(2056);
  const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)];
  const cents = (min: number, max: number) => Math.round((min + next() * (max - min)) * 100);
  let serial = 0;
  for (const code of codes) {
    for (let i = 1; i <= perMunicipality; i += 1) {
      serial += 1;
      const key = `synthetic-${code.toLowerCase()}-${String(i).padStart(3, '0')}`;
      const number = String(serial).padStart(4, '0').slice(-4);
      const source = `synthetic-source-${serial}`;
      const hrd = cents(800_000, 1_200_000);
      const sesg = cents(200_000, 400_000);
      const money = (value: number) => `${Math.floor(value / 100)}.${String(value % 100).padStart(2, '0')}`;
      const startMonth = 1 + Math.floor(next() * 12);
      const start = `2021-${String(startMonth).padStart(2, '0')}-01`;
      const months = 12 + Math.floor(next() * 14);
      const endDate = new Date(Date.UTC(2021, startMonth - 1 + months, 0)).toISOString().slice(0, 10);
      const document: ProjectFile = {
        formatVersion: 1,
        synthetic: true,
        key,
        municipalityCode: code,
        procedureCode: 'BG05M9OP001-2.056',
        sources: [
          {
            key: source,
            url: null,
            title: `[SYNTHETIC] generated source ${serial}`,
            publisher: 'component2-hub bench:generate',
            publishedOn: '2023-01-01',
            kind: 'EXCERPT' as never,
            language: 'en',
          },
        ],
        title: { value: `[SYNTHETIC] Проект ${serial} за социално-икономическа интеграция`, source },
        registrationNumber:
          serial <= 9999
            ? { value: `BG05M9OP001-2.056-${number}`, asPublished: `BG05M9OP001-2.056-${number}`, source }
            : null,
        status: { value: pick(['ONGOING', 'COMPLETED'] as const) as never, asOf: '2023-01-01', source },
        aim: { value: '[SYNTHETIC] generated aim', source },
        procedureCitations: [{ quote: '[SYNTHETIC] BG05M9OP001-2.056', source }],
        period: [
          { field: 'START_DATE' as never, date: start, source },
          { field: 'END_DATE' as never, date: endDate, source },
          { field: 'DURATION_MONTHS' as never, months, source },
        ],
        contracts:
          serial <= 9999
            ? [
                {
                  programme: 'BG05M9OP001',
                  number: `BG05M9OP001-2.056-${number}-C01`,
                  asPublished: `BG05M9OP001-2.056-${number}-C01`,
                  signedOn: start,
                  source,
                },
                {
                  programme: 'BG05M2OP001',
                  number: `BG05M9OP001-2.056-${number}-2014BG05M2OP001-C01`,
                  asPublished: `BG05M9OP001-2.056-${number}-2014BG05M2OP001-C01`,
                  signedOn: start,
                  source,
                },
              ]
            : [],
        funding: [
          {
            programme: null,
            kind: 'TOTAL' as never,
            amount: money(hrd + sesg),
            currency: 'BGN',
            qualifier: 'EXACT' as never,
            asPublished: money(hrd + sesg),
            source,
          },
          {
            programme: 'BG05M9OP001',
            kind: 'TOTAL' as never,
            amount: money(hrd),
            currency: 'BGN',
            qualifier: 'EXACT' as never,
            asPublished: money(hrd),
            source,
          },
          {
            programme: 'BG05M2OP001',
            kind: 'TOTAL' as never,
            amount: money(sesg),
            currency: 'BGN',
            qualifier: 'EXACT' as never,
            asPublished: money(sesg),
            source,
          },
        ],
        partners: Array.from({ length: 5 }, (_unused, n) => ({
          name: `[SYNTHETIC] Организация ${code}-${n + 1}`,
          type: TYPES[n] as never,
          role: 'PARTNER' as never,
          programme: n < 2 ? 'BG05M2OP001' : 'BG05M9OP001',
          source,
        })),
        activities: CATEGORIES.map((category, n) => ({
          programme: n < 4 ? 'BG05M9OP001' : 'BG05M2OP001',
          number: n < 4 ? n + 1 : n - 3,
          title: `[SYNTHETIC] Дейност ${n + 1}`,
          category: category as never,
          source,
        })),
        targetGroups: [
          { programme: null, description: '[SYNTHETIC] уязвими групи', category: 'VULNERABLE_GROUPS' as never, source },
        ],
        indicators: Array.from({ length: indicatorCount }, (_unused, n) => ({
          code: INDICATORS[n % INDICATORS.length],
          value: 1 + Math.floor(next() * 400),
          qualifier: 'EXACT' as never,
          basis: (n % 2 === 0 ? 'PLANNED' : 'ACHIEVED') as never,
          asOf: n % 2 === 0 ? null : '2023-06-30',
          breakdown: n < INDICATORS.length ? null : `[SYNTHETIC] part ${Math.floor(n / INDICATORS.length)}`,
          asPublished: 'generated',
          source,
        })),
        missing: [],
        notes: ['SYNTHETIC benchmark data generated by npm run bench:generate; not a real project.'],
      };
      fs.writeFileSync(path.join(out, `${key}.json`), JSON.stringify(document));
    }
  }
  console.log(`wrote ${serial} synthetic project files to ${path.relative(process.cwd(), out) || out}`);
}

main();
