module.exports = async function globalTeardown() {
  const postgres = globalThis.__HUB_TEST_POSTGRES__;
  if (postgres) await postgres.stop();
};
