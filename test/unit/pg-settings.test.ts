import { postgresSettings } from '../../src/config';

/** HUB_PG_SETTINGS reaches pg_ctl's command line: only name=value settings pass, never anything a shell or pg_ctl would read more into. */
describe('HUB_PG_SETTINGS (more settings for the embedded PostgreSQL)', () => {
  it('turns name=value pairs into -c options, and nothing into nothing', () => {
    expect(postgresSettings('shared_buffers=512MB  max_wal_size=8GB\tpg_stat_statements.track=all')).toEqual([
      '-c shared_buffers=512MB',
      '-c max_wal_size=8GB',
      '-c pg_stat_statements.track=all',
    ]);
    expect(postgresSettings(undefined)).toEqual([]);
    expect(postgresSettings('  ')).toEqual([]);
  });

  it.each([
    "work_mem='1GB'",
    'work_mem=1GB;rm',
    'shared_buffers',
    'listen_addresses=*',
    'a=b -c c=d',
    '-c=1',
    'max_wal_size=$(id)',
  ])('refuses %s, naming it', (text) => {
    expect(() => postgresSettings(text)).toThrow(/HUB_PG_SETTINGS: ".*" is not a name=value setting/);
  });
});
