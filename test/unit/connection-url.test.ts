import { describeDatabaseUrl, scrubSecrets } from '../../src/db/connection-url';

/** The password of DATABASE_URL never appears in anything the hub prints, whatever form the URL takes. */
describe('DATABASE_URL descriptions and scrubbing', () => {
  const FORMS: [string, string, string][] = [
    ['user and password', 'postgres://hub:s3cret-pw@db.example:5432/hub', 's3cret-pw'],
    ['empty user name', 'postgres://:s3cret-pw@db.example:5432/hub', 's3cret-pw'],
    ['unencoded @ in the password', 'postgres://hub:s3cret@pw@db.example/hub', 's3cret@pw'],
    ['?password= parameter', 'postgresql://hub@db.example/hub?password=s3cret-pw&sslmode=disable', 's3cret-pw'],
    ['URL-encoded password', 'postgres://hub:s3cret%40pw@db.example/hub', 's3cret@pw'],
  ];

  it.each(FORMS)('%s: the description holds user, host, port and database only', (_name, url, secret) => {
    const description = describeDatabaseUrl(url);
    expect(description).toMatch(/^postgres:\/\/(hub@)?db\.example(:5432)?\/hub$/);
    expect(description).not.toContain(secret);
    expect(description).not.toContain('pw');
  });

  it.each(FORMS)('%s: every spelling of the password is scrubbed from a message', (_name, url, secret) => {
    const message = `connect failed for ${url}: password ${secret} / ${encodeURIComponent(secret)} rejected; after the @: ${secret.split('@').pop()}`;
    const scrubbed = scrubSecrets(message, url);
    expect(scrubbed).not.toContain(secret);
    expect(scrubbed).not.toContain(encodeURIComponent(secret));
    expect(scrubbed).not.toContain(url);
  });
});
