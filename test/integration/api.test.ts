import { startApiServer, type ApiServer } from '../helpers/api-server';

/** Every root field over real HTTP against the seeded dataset, with exact expected values. */
describe('GraphQL query API', () => {
  let api: ApiServer;
  beforeAll(async () => {
    // The N+1 checks below read 100 municipalities with nested lists in one request: above the default cost limit.
    api = await startApiServer({ env: { HUB_MAX_COST: '1000000' } });
  });
  afterAll(() => api.close());

  const data = async (query: string, variables?: Record<string, unknown>) => {
    const { status, body } = await api.query(query, variables);
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    return body.data;
  };
  const keys = (connection: { edges: { node: { key: string } }[] }) => connection.edges.map((edge) => edge.node.key);

  describe('municipalities', () => {
    it('lists all 265 with Relay paging, 20 by default', async () => {
      const first = await data(
        '{ municipalities { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { code } } } }',
      );
      expect(first.municipalities.totalCount).toBe(265);
      expect(first.municipalities.edges).toHaveLength(20);
      expect(first.municipalities.edges[0].node.code).toBe('BGS01');
      expect(first.municipalities.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
      // Each edge's cursor resumes after that edge; the last one is the page's endCursor.
      expect(first.municipalities.edges[19].cursor).toBe(first.municipalities.pageInfo.endCursor);
      const afterFifth = await data(
        'query($after: String) { municipalities(first: 1, after: $after) { edges { node { code } } } }',
        { after: first.municipalities.edges[4].cursor },
      );
      expect(afterFifth.municipalities.edges[0].node.code).toBe(first.municipalities.edges[5].node.code);
      const next = await data(
        'query($after: String) { municipalities(first: 100, after: $after) { pageInfo { hasPreviousPage } edges { node { code } } } }',
        { after: first.municipalities.pageInfo.endCursor },
      );
      const twentyOne = await data('{ municipalities(first: 21) { edges { node { code } } } }');
      expect(next.municipalities.edges[0].node.code).toBe(twentyOne.municipalities.edges[20].node.code);
      expect(next.municipalities.edges).toHaveLength(100);
      expect(next.municipalities.pageInfo.hasPreviousPage).toBe(true);
      const last = await data(
        '{ municipalities(first: 100, orderBy: { field: CODE, direction: DESC }) { edges { node { code } } } }',
      );
      expect(last.municipalities.edges[0].node.code).toBe('VTR32'); // Yambol's codes start with JAM
    });

    it('filters by codes, oblast (code or name) and name in either script', async () => {
      const byCodes = await data(
        '{ municipalities(filter: { codes: ["SML31", "szr12"] }) { totalCount edges { node { code name nameLatin } } } }',
      );
      expect(byCodes.municipalities.edges.map((edge: any) => edge.node)).toEqual([
        { code: 'SML31', name: 'Смолян', nameLatin: 'Smolyan' },
        { code: 'SZR12', name: 'Казанлък', nameLatin: 'Kazanlak' },
      ]);
      const byOblast = await data(
        '{ a: municipalities(filter: { oblast: "SZR" }) { totalCount } b: municipalities(filter: { oblast: "Stara Zagora" }) { totalCount } c: municipalities(filter: { oblast: "Стара Загора" }) { totalCount } }',
      );
      expect(byOblast).toEqual({ a: { totalCount: 11 }, b: { totalCount: 11 }, c: { totalCount: 11 } });
      const byName = await data(
        '{ cyr: municipalities(filter: { nameContains: "КАЗАН" }) { edges { node { code } } } lat: municipalities(filter: { nameContains: "kazan" }) { edges { node { code } } } }',
      );
      expect(byName.cyr.edges).toEqual([{ node: { code: 'SZR12' } }]);
      expect(byName.lat.edges).toEqual([{ node: { code: 'SZR12' } }]);
      const withProjects = await data(
        '{ municipalities(filter: { hasProjects: true }, orderBy: { field: POPULATION, direction: DESC }) { totalCount edges { node { code population } } } }',
      );
      expect(withProjects.municipalities.totalCount).toBe(16);
      expect(withProjects.municipalities.edges[0].node).toEqual({ code: 'VAR06', population: 319613 });
    });

    it('answers municipality(code) with oblast, census population and its source, and its projects', async () => {
      const { municipality } =
        await data(`{ municipality(code: "SZR12") { id code name nameLatin nuts3 population populationReferenceDate
        oblast { code name nameLatin } populationSource { key } projects { totalCount edges { node { key title } } } } }`);
      expect(municipality).toMatchObject({
        code: 'SZR12',
        name: 'Казанлък',
        nameLatin: 'Kazanlak',
        nuts3: 'BG344',
        population: 65721,
        populationReferenceDate: '2021-09-07',
        oblast: { code: 'SZR', name: 'Стара Загора', nameLatin: 'Stara Zagora' },
        populationSource: { key: 'nsi-census-2021-municipalities' },
        projects: {
          totalCount: 1,
          edges: [
            {
              node: {
                key: 'kazanlak',
                title: 'Социално-икономическа интеграция и подобрен достъп до образование в община Казанлък',
              },
            },
          ],
        },
      });
      expect((await data('{ municipality(code: "XXX99") { code } }')).municipality).toBeNull();
    });
  });

  describe('projects', () => {
    it('filters by status, confirmation, programme, indicator, title (Cyrillic or Latin), dates and budget', async () => {
      const result = await data(`{
        completed: projects(filter: { status: [COMPLETED] }) { edges { node { key } } }
        probable: projects(filter: { confirmation: [PROBABLE] }) { edges { node { key } } }
        sesg: projects(filter: { programmeCodes: ["OP_SESG"] }) { totalCount }
        employed: projects(filter: { hasIndicator: ["PERSONS_EMPLOYED"] }) { edges { node { key } } }
        cyr: projects(filter: { titleContains: "ЗАЕДНО" }) { edges { node { key } } }
        lat: projects(filter: { titleContains: "Zaedno" }) { edges { node { key } } }
        started2021: projects(filter: { startDateFrom: "2021-07-01", startDateTo: "2021-12-31" }) { edges { node { key } } }
        endsJune2023: projects(filter: { endDateFrom: "2023-06-30", endDateTo: "2023-06-30" }) { edges { node { key } } }
        budget: projects(filter: { minTotalBudget: "1580000", maxTotalBudget: 1589870 }) { edges { node { key } } }
        flagged: projects(filter: { qualityFlags: [DURATION_MISMATCH] }) { edges { node { key } } }
        combined: projects(filter: { municipalityCodes: ["SZR12", "SML31"], hasIndicator: ["CHILDREN_REACHED"] }) { edges { node { key } } }
      }`);
      expect(keys(result.completed)).toEqual(['velingrad', 'vidin', 'montana', 'smolyan']); // by municipality name: Велинград, Видин, Монтана, Смолян
      expect(keys(result.probable)).toEqual(['gotse-delchev', 'montana']); // Гоце Делчев, Монтана
      expect(result.sesg.totalCount).toBe(11); // kazanlak, smolyan, haskovo, shumen, varna, vidin, ruse, kardzhali, gotse-delchev, velingrad, burgas (its partner school)
      expect(keys(result.employed)).toEqual(['velingrad', 'kazanlak', 'plovdiv', 'smolyan']);
      expect(keys(result.cyr)).toEqual(['haskovo']);
      expect(keys(result.lat)).toEqual(['haskovo']);
      expect(keys(result.started2021)).toEqual([
        'varna',
        'velingrad',
        'gotse-delchev',
        'kazanlak',
        'ruse',
        'stara-zagora',
        'haskovo',
        'shumen',
      ]);
      // Haskovo has 30.06.2023 among three end dates: its sources split, so it is left out (and reported as disputed).
      expect(keys(result.endsJune2023)).toEqual([
        'burgas',
        'varna',
        'velingrad',
        'vidin',
        'kazanlak',
        'kardzhali',
        'shumen',
      ]);
      expect(keys(result.budget)).toEqual(['stara-zagora', 'haskovo']); // 1 586 159,73 and 1 589 860,38; Varna's 1 589 878,46 is above the maximum
      expect(keys(result.flagged)).toEqual(['varna', 'haskovo']); // Варна before Хасково
      expect(keys(result.combined)).toEqual(['smolyan']);
    });

    it('sorts by total budget, dates, title and municipality name, unknowns last', async () => {
      const result = await data(`{
        budget: projects(first: 100, orderBy: { field: TOTAL_BUDGET, direction: DESC }) { edges { node { key budget { amount } } } }
        start: projects(first: 3, orderBy: { field: START_DATE }) { edges { node { key period { startDate } } } }
        title: projects(first: 2, orderBy: { field: TITLE }) { edges { node { key } } }
        name: projects(first: 100) { edges { node { key } } }
      }`);
      expect(result.budget.edges.map((edge: any) => [edge.node.key, edge.node.budget?.amount ?? null])).toEqual([
        ['varna', '1589878.46'],
        ['haskovo', '1589860.38'],
        ['stara-zagora', '1586159.73'],
        ['smolyan', '1573417.65'],
        ['plovdiv', '1563955.00'],
        ['kazanlak', '1555364.20'],
        ['kardzhali', '1467233.46'],
        ['shumen', '1216919.00'],
        ['gotse-delchev', '774224.43'],
        ['ruse', '761123.15'],
        ...result.budget.edges.slice(10).map((edge: any) => [edge.node.key, null]),
      ]);
      expect(
        result.budget.edges
          .slice(10)
          .map((edge: any) => edge.node.key)
          .sort(),
      ).toEqual(['burgas', 'montana', 'pernik', 'svishtov', 'velingrad', 'vidin']);
      expect(result.start.edges.map((edge: any) => edge.node.period.startDate)).toEqual([
        '2021-07-06',
        '2021-08-01',
        '2021-08-01',
      ]); // Stara Zagora, then Gotse Delchev and Ruse
      expect(keys(result.title)).toEqual(['varna', 'vidin']);
      expect(keys(result.name)).toEqual([
        'burgas',
        'varna',
        'velingrad',
        'vidin',
        'gotse-delchev',
        'kazanlak',
        'kardzhali',
        'montana',
        'pernik',
        'plovdiv',
        'ruse',
        'svishtov',
        'smolyan',
        'stara-zagora',
        'haskovo',
        'shumen',
      ]);
    });

    it('finds a project by any spelling of its contract or registration number', async () => {
      const result = await data(`{
        a: project(contractNumber: "BG05M9OP001-2.056-0020-C01") { key }
        b: project(contractNumber: "BG05M9OP001-2.056-0020-2014BG05M2OP001-C01") { key }
        c: project(contractNumber: "BG05M9OP001-2.056-20") { key }
        d: project(contractNumber: "ВG05М9ОР001-2.056-0020-С01") { key }
        e: project(contractNumber: "BG05М90Р001 - 2.056 - 0002") { key }
        f: project(contractNumber: "BG05M9OP001-2.056-0099") { key }
      }`);
      expect(result).toEqual({
        a: { key: 'kazanlak' },
        b: { key: 'kazanlak' },
        c: { key: 'kazanlak' },
        d: { key: 'kazanlak' },
        e: { key: 'plovdiv' },
        f: null,
      });
    });

    it('returns every fact of a project with its source: Kazanlak', async () => {
      const { project } = await data(`{ project(contractNumber: "BG05M9OP001-2.056-0020") {
        key title titleLatin registrationNumber confirmation status revision
        budget { amount currency } eur: budget(currency: EUR) { amount currency }
        contracts { number signedOn programme { shortCode } source { key } }
        funding { kind programme { code } amount { amount } eur: amount(currency: EUR) { amount } publishedAmount { amount currency } qualifier asPublished source { key } }
        period { startDate endDate statedDurationMonths durationMonths statements { field date asPublished source { key } } }
        partners { role programme { shortCode } organisation { name nameLatin type } }
        activities { programme { shortCode } number title category }
        targetGroups { category }
        indicators(filter: { codes: ["PERSONS_EMPLOYED"], wholeOnly: true }) { value qualifier basis breakdown source { key } }
        employers: indicators(filter: { codes: ["PERSONS_EMPLOYED"], wholeOnly: false }) { value breakdown }
        planned: indicators(filter: { basis: PLANNED, domains: [SOCIAL, EDUCATION] }) { indicator { code unit domain } value }
        qualityFlags { code }
        missing { field }
        procedureCitations { source { key } }
        sources { key kind }
      } }`);
      expect(project).toMatchObject({
        key: 'kazanlak',
        titleLatin: 'Sotsialno-ikonomicheska integratsia i podobren dostap do obrazovanie v obshtina Kazanlak',
        registrationNumber: 'BG05M9OP001-2.056-0020',
        confirmation: 'CONFIRMED',
        status: 'UNKNOWN',
        revision: 1,
        budget: { amount: '1555364.20', currency: 'BGN' },
        eur: { amount: '795245.09', currency: 'EUR' },
        period: { startDate: '2021-12-15', endDate: '2023-06-30', statedDurationMonths: null, durationMonths: 18.5 },
        qualityFlags: [],
      });
      expect(project.contracts.map((contract: any) => [contract.number, contract.programme.shortCode])).toEqual([
        ['BG05M9OP001-2.056-0020-C01', 'OP_HRD'],
        ['BG05M9OP001-2.056-0020-2014BG05M2OP001-C01', 'OP_SESG'],
      ]);
      expect(project.funding.slice(0, 3)).toEqual([
        {
          kind: 'TOTAL',
          programme: null,
          amount: { amount: '1555364.20' },
          eur: { amount: '795245.09' },
          publishedAmount: { amount: '1555364.20', currency: 'BGN' },
          qualifier: 'EXACT',
          asPublished: '1 555 364,20 лв.',
          source: { key: 'kazanlak-project-summary-2022-01-20' },
        },
        {
          kind: 'TOTAL',
          programme: { code: 'BG05M9OP001' },
          amount: { amount: '1198848.43' },
          eur: { amount: '612961.47' },
          publishedAmount: { amount: '1198848.43', currency: 'BGN' },
          qualifier: 'EXACT',
          asPublished: '1 198 848,43 лв.',
          source: { key: 'kazanlak-project-summary-2022-01-20' },
        },
        {
          kind: 'TOTAL',
          programme: { code: 'BG05M2OP001' },
          amount: { amount: '356515.77' },
          eur: { amount: '182283.62' },
          publishedAmount: { amount: '356515.77', currency: 'BGN' },
          qualifier: 'EXACT',
          asPublished: '356 515,77 лв.',
          source: { key: 'kazanlak-project-summary-2022-01-20' },
        },
      ]);
      expect(project.partners).toHaveLength(15);
      expect(
        project.partners
          .filter((partner: any) => partner.role === 'EMPLOYER')
          .map((partner: any) => partner.organisation.type),
      ).toEqual(['MUNICIPAL_ENTERPRISE', 'NGO']);
      expect(project.partners.filter((partner: any) => partner.organisation.type === 'KINDERGARTEN')).toHaveLength(3);
      expect(project.activities.map((activity: any) => `${activity.programme.shortCode} ${activity.number}`)).toEqual([
        'OP_HRD 1',
        'OP_HRD 2',
        'OP_HRD 3',
        'OP_SESG 1',
        'OP_SESG 2',
        'OP_SESG 3',
        'OP_SESG 4',
        'OP_SESG 5',
        'OP_SESG 6',
      ]);
      expect(project.targetGroups).toHaveLength(6);
      expect(project.indicators).toEqual([
        {
          value: 92,
          qualifier: 'EXACT',
          basis: 'PLANNED',
          breakdown: null,
          source: { key: 'kazanlak-zakazanlak-92-jobs' },
        },
        {
          value: 92,
          qualifier: 'EXACT',
          basis: 'PLANNED',
          breakdown: null,
          source: { key: 'kazanlak-namrb-approval' },
        },
        { value: 92, qualifier: 'EXACT', basis: 'PLANNED', breakdown: null, source: { key: 'kazanlak-tvstz-project' } },
      ]);
      expect(project.employers.map((row: any) => row.value).sort((a: number, b: number) => a - b)).toEqual([
        6, 6, 6, 80,
      ]);
      expect(project.planned.map((row: any) => row.indicator.code).sort()).toEqual(['CHILDREN_CLUBS', 'FAMILY_HOUSES']);
      expect(project.sources.map((source: any) => source.key).sort()).toEqual([
        'kazanlak-namrb-approval',
        'kazanlak-partner-invitation-2020-10-06',
        'kazanlak-project-summary-2022-01-20',
        'kazanlak-tvstz-project',
        'kazanlak-zakazanlak-92-jobs',
      ]);
    });

    it('shows contradictions instead of resolving them: Haskovo’s three end dates', async () => {
      const { project } = await data(`{ project(contractNumber: "BG05M9OP001-2.056-0014") {
        period { endDate statedDurationMonths durationMonths statements { field date months source { key } } }
        qualityFlags { code severity field message }
        funding { kind amount { amount converted } eur: amount(currency: EUR) { amount converted }
          publishedAmount { amount currency } } } }`);
      expect(project.period.endDate).toBeNull();
      expect(project.period.durationMonths).toBeNull();
      expect(
        project.period.statements.filter((s: any) => s.field === 'END_DATE').map((s: any) => [s.date, s.source.key]),
      ).toEqual([
        ['2023-10-31', 'haskovo-ou-voyvodovo-project-card'],
        ['2023-11-30', 'haskovo-atastroy-project-page'],
        ['2023-06-30', 'haskovo-kohesio-Q3888515'],
      ]);
      expect(project.qualityFlags.map((flag: any) => [flag.code, flag.field])).toEqual([
        ['CONTRADICTORY_SOURCES', 'period.endDate'],
        ['DURATION_MISMATCH', 'period.statedDurationMonths'],
      ]);
      // Kohesio's EUR figures: in EUR as published; in BGN converted at 1.95583 and marked so
      // (810,828.79 × 1.95583 = 1,585,843.27; 689,204.48 × 1.95583 = 1,347,966.80), never flagged as a second
      // budget beside the card's 1,589,860.38 BGN (their ratio, 1.9608, is Kohesio's own rate).
      expect(project.funding.filter((row: any) => row.publishedAmount.currency === 'EUR')).toEqual([
        {
          kind: 'TOTAL',
          amount: { amount: '1585843.27', converted: true },
          eur: { amount: '810828.79', converted: false },
          publishedAmount: { amount: '810828.79', currency: 'EUR' },
        },
        {
          kind: 'EU',
          amount: { amount: '1347966.80', converted: true },
          eur: { amount: '689204.48', converted: false },
          publishedAmount: { amount: '689204.48', currency: 'EUR' },
        },
      ]);
      expect(project.funding.find((row: any) => row.publishedAmount.amount === '1589860.38')).toMatchObject({
        amount: { amount: '1589860.38', converted: false },
        eur: { amount: '812882.70', converted: true },
      });
    });
  });

  it('reads only the columns a list selects, and every column a fragment or a fact field needs, compiled or not', async () => {
    const light =
      '{ projects(first: 5, orderBy: { field: TITLE }) { edges { node { key title municipality { name } } } } }';
    const heavy = `{ projects(first: 5, orderBy: { field: TITLE }) { edges { node { key ...Budget } } } }
      fragment Budget on Project { title budget { amount } period { startDate } notes }`;
    const full = await api.query(
      '{ projects(first: 5, orderBy: { field: TITLE }) { edges { node { key title budget { amount } period { startDate } notes } } } }',
    );
    for (let run = 0; run < 2; run += 1) {
      // the second run of a document is compiled
      const lightResult = await api.query(light);
      const page = lightResult.statements.find((sql) => /FROM projects p/.test(sql) && /LIMIT/.test(sql))!;
      expect(page).not.toMatch(/"p"\."(notes|missing|total_budget_bgn)"/);
      expect(page).toMatch(/"p"\."title"/);
      expect(lightResult.body.data.projects.edges.map((edge: any) => edge.node.title)).toEqual(
        full.body.data.projects.edges.map((edge: any) => edge.node.title),
      );
      expect(lightResult.body.data.projects.edges[0].node.municipality.name).toEqual(expect.any(String));
      const heavyResult = await api.query(heavy);
      expect(heavyResult.statements.find((sql) => /FROM projects p/.test(sql) && /LIMIT/.test(sql))).toMatch(
        /"p"\."notes"/,
      );
      expect(heavyResult.body.data).toEqual(full.body.data);
    }
  });

  it('reads a list’s municipalities in the page’s own statement, only the selected columns, with the same answers as municipality(code)', async () => {
    const plain =
      '{ projects(first: 20, orderBy: { field: TITLE }) { totalCount edges { node { key municipality { id code name nameLatin population } } } } }';
    // oblast and populationSource are resolvers over other columns: every column is read for them.
    const withResolvers = `{ projects(first: 20, orderBy: { field: TITLE }) { edges { node { key
      municipality { ...M oblast { code name } populationSource { key } } } } } } fragment M on Municipality { code name }`;
    for (let run = 0; run < 2; run += 1) {
      // the second run of a document is compiled
      const light = await api.query(plain);
      expect(light.body.errors).toBeUndefined();
      expect(light.statements).toHaveLength(1);
      expect(light.statements[0]).toMatch(/LEFT JOIN municipalities m/);
      // Without a filter the total is the one kept with the data: no project is counted.
      expect(light.statements[0]).toMatch(/\(SELECT projects FROM data_revision WHERE id = 1\)/);
      expect(light.statements[0]).not.toMatch(/count\(\*\)/);
      const [{ n }] = await api.db.dataSource.query('SELECT count(*)::int AS n FROM projects');
      expect(light.body.data.projects.totalCount).toBe(n);
      // With one, the count reads projects alone (the join would make it scan a wider index).
      const filtered = await api.query(plain.replace('first: 20,', 'first: 20, filter: { status: [COMPLETED] },'));
      expect(filtered.statements[0]).toMatch(/\(SELECT count\(\*\) FROM projects p\s+WHERE/);
      expect(filtered.body.data.projects.totalCount).toBe(4);
      expect(light.statements[0]).not.toMatch(/"m"\."(oblast_code|search_text)"/);
      expect(light.statements[0]).toMatch(/"m"\."name_latin"/);
      const edges = light.body.data.projects.edges;
      expect(edges).toHaveLength(light.body.data.projects.totalCount);
      for (const edge of edges) {
        const { municipality } = await data(
          'query($code: String!) { municipality(code: $code) { id code name nameLatin population } }',
          { code: edge.node.municipality.code },
        );
        expect(edge.node.municipality).toEqual(municipality);
      }
      const full = await api.query(withResolvers);
      expect(full.body.errors).toBeUndefined();
      expect(full.statements[0]).toMatch(/"m"\."oblast_code"/);
      const kazanlak = full.body.data.projects.edges.find((edge: any) => edge.node.municipality.code === 'SZR12').node
        .municipality;
      expect(kazanlak).toEqual({
        code: 'SZR12',
        name: 'Казанлък',
        oblast: { code: 'SZR', name: 'Стара Загора' },
        populationSource: { key: expect.any(String) },
      });
    }
  });

  it('resolves statements, quality flags and revisions by node(id) too', async () => {
    const { project } = await data(
      '{ project(contractNumber: "BG05M9OP001-2.056-0014") { funding { id kind } qualityFlags { id code } revisions { id revision } } }',
    );
    const ids = { f: project.funding[1].id, q: project.qualityFlags[0].id, r: project.revisions[0].id };
    const result = await data(
      `query($f: ID!, $q: ID!, $r: ID!) {
      f: node(id: $f) { __typename id ... on FundingAmount { kind publishedAmount { amount } source { key } } }
      q: node(id: $q) { __typename ... on QualityFlag { code } }
      r: node(id: $r) { __typename ... on ProjectRevision { revision } } }`,
      ids,
    );
    expect(result).toEqual({
      f: {
        __typename: 'FundingAmount',
        id: ids.f,
        kind: 'EU',
        publishedAmount: { amount: '1351381.32' },
        source: { key: 'haskovo-ou-voyvodovo-project-card' },
      },
      q: { __typename: 'QualityFlag', code: project.qualityFlags[0].code },
      r: { __typename: 'ProjectRevision', revision: 1 },
    });
  });

  it('resolves any object by node(id), and project(id) for projects', async () => {
    const { project } = await data(
      '{ project(contractNumber: "BG05M9OP001-2.056-0017") { id municipality { id } sources { id key } } }',
    );
    const result = await data(
      `query($p: ID!, $m: ID!, $s: ID!) {
      p: node(id: $p) { __typename ... on Project { key } }
      m: node(id: $m) { __typename ... on Municipality { code } }
      s: node(id: $s) { __typename ... on Source { key } }
      again: project(id: $p) { key } }`,
      { p: project.id, m: project.municipality.id, s: project.sources[0].id },
    );
    expect(result).toEqual({
      p: { __typename: 'Project', key: 'varna' },
      m: { __typename: 'Municipality', code: 'VAR06' },
      s: { __typename: 'Source', key: project.sources[0].key },
      again: { key: 'varna' },
    });
  });

  it('lists sources, the indicator catalogue, the programmes and the procedure', async () => {
    const result = await data(`{
      sources(filter: { municipalityCodes: ["SML31"] }) { totalCount edges { node { key url kind publisher } } }
      excerpts: sources(filter: { kind: FULL_PAGE }) { totalCount }
      indicators { code unit domain }
      programmes { code shortCode name nameEn abbreviation fund }
      procedure(code: "BG05M9OP001-2.056") { name nameLatin component source { key publishedOn } }
    }`);
    expect(result.sources.totalCount).toBe(2);
    expect(result.sources.edges).toContainEqual({
      node: { key: 'smolyan-final-press-conference', url: null, kind: 'FULL_PAGE', publisher: 'Община Смолян' },
    });
    expect(result.excerpts.totalCount).toBe(6); // the five full pages named in sources/README.md + the census table
    const all = (await data('{ sources(first: 100) { totalCount pageInfo { endCursor } } }')).sources;
    expect(all.totalCount).toBe(54); // 50 cited by the project files + 4 reference sources (procedure, programmes, census)
    const beyond = await data(
      'query($after: String) { sources(first: 100, after: $after) { totalCount edges { cursor } pageInfo { hasNextPage hasPreviousPage } } }',
      {
        after: all.pageInfo.endCursor,
      },
    );
    expect(beyond.sources.edges).toEqual([]);
    expect(beyond.sources.totalCount).toBe(54);
    expect(beyond.sources.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
    expect(result.indicators).toHaveLength(15);
    expect(result.indicators).toContainEqual({ code: 'COMMUNITY_MEDIATORS', unit: 'persons', domain: 'COMMUNITY' });
    expect(result.indicators).toContainEqual({ code: 'PERSONS_EMPLOYED', unit: 'persons', domain: 'EMPLOYMENT' });
    expect(result.programmes).toEqual([
      {
        code: 'BG05M9OP001',
        shortCode: 'OP_HRD',
        name: 'Развитие на човешките ресурси',
        nameEn: 'Human Resources Development',
        abbreviation: 'ОП РЧР',
        fund: 'ESF',
      },
      {
        code: 'BG05M2OP001',
        shortCode: 'OP_SESG',
        name: 'Наука и образование за интелигентен растеж',
        nameEn: 'Science and Education for Smart Growth',
        abbreviation: 'ОП НОИР',
        fund: 'ESF',
      },
    ]);
    expect(result.procedure).toEqual({
      name: 'Социално-икономическа интеграция на уязвими групи. Интегрирани мерки за подобряване достъпа до образование',
      nameLatin:
        'Sotsialno-ikonomicheska integratsia na uyazvimi grupi. Integrirani merki za podobryavane dostapa do obrazovanie',
      component: 'Компонент 2',
      source: { key: 'procedure-namrb-2020-12-07-conditions-amended', publishedOn: '2020-12-07' },
    });
  });

  describe('errors', () => {
    it.each([
      ['{ projects(first: 0) { totalCount } }', 'first', /between 1 and 100/],
      ['{ municipalities(first: 101) { totalCount } }', 'first', /between 1 and 100/],
      ['{ projects(after: "not-a-cursor") { totalCount } }', 'after', /not a cursor/],
      ['{ project { key } }', 'id', /exactly one/],
      [
        '{ project(contractNumber: "BG16RFOP001-1.024-0005-C01") { key } }',
        'contractNumber',
        /not a contract or registration number/,
      ],
      ['{ node(id: "%%%") { id } }', 'id', /not a global ID/],
    ])('%s → BAD_USER_INPUT naming "%s"', async (query, argument, reason) => {
      const { body } = await api.query(query);
      expect(body.errors).toHaveLength(1);
      expect(body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      expect(body.errors![0].message).toMatch(reason);
    });

    it('reports an unknown field as GRAPHQL_VALIDATION_FAILED and a bad Decimal or Date as BAD_USER_INPUT', async () => {
      const unknown = await api.query('{ projects { nope } }');
      expect(unknown.body.errors![0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const decimal = await api.query(
        'query($v: Decimal) { projects(filter: { minTotalBudget: $v }) { totalCount } }',
        { v: '1.234' },
      );
      expect(decimal.body.errors![0].extensions.code).toBe('BAD_USER_INPUT');
      const date = await api.query('query($v: Date) { projects(filter: { startDateFrom: $v }) { totalCount } }', {
        v: '2023-02-30',
      });
      expect(date.body.errors![0].extensions.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(date.body)).not.toMatch(/stacktrace|node_modules|\/src\//);
    });
  });

  describe('no N+1', () => {
    const nested = `query($filter: MunicipalityFilter, $first: Int) {
      municipalities(first: $first, filter: $filter) { edges { node { code projects(first: 2) { edges { node {
        key funding { amount { amount } programme { code } source { key url } }
        partners { role organisation { name type } source { key } }
        activities { title programme { code } source { key } }
        indicators { value indicator { code unit } source { key } }
      } } } } } } }`;

    it('runs the same number of statements (6) for 2 municipalities, for all 16 with projects, and for 100', async () => {
      const two = await api.query(nested, { filter: { codes: ['SZR12', 'SML31'] }, first: 100 });
      const withProjects = await api.query(nested, { filter: { hasProjects: true }, first: 100 });
      const hundred = await api.query(nested, { first: 100 });
      for (const run of [two, withProjects, hundred]) expect(run.body.errors).toBeUndefined();
      const projectCount = (run: typeof two) =>
        run.body.data.municipalities.edges.reduce((n: number, edge: any) => n + edge.node.projects.edges.length, 0);
      expect([projectCount(two), projectCount(withProjects)]).toEqual([2, 16]);
      // municipalities, projects, funding, partners, activities, indicator values: one statement per list level.
      expect(two.statements).toHaveLength(6);
      expect(withProjects.statements).toHaveLength(6);
      expect(hundred.statements).toHaveLength(6);
    });
  });

  it('masks unexpected errors: INTERNAL_SERVER_ERROR with a request id, no SQL, stack or path', async () => {
    await api.db.dataSource.query('ALTER TABLE quality_flags RENAME TO quality_flags_gone');
    try {
      const { body } = await api.query('{ projects(first: 1) { edges { node { key qualityFlags { code } } } } }');
      expect(body.errors).toHaveLength(1);
      expect(body.errors![0].message).toBe('Internal server error');
      expect(body.errors![0].extensions).toEqual({
        code: 'INTERNAL_SERVER_ERROR',
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
      expect(JSON.stringify(body)).not.toMatch(/quality_flags|SELECT|relation|at \/|node_modules/);
    } finally {
      await api.db.dataSource.query('ALTER TABLE quality_flags_gone RENAME TO quality_flags');
    }
  });
});
