/**
 * The Content-Security-Policy of the hub's own pages (the dashboard, GraphiQL): every script is one of the
 * hub's own files (bundled from web/, nothing inline, no eval), and every request goes to the hub itself.
 * Styles may be inline: the charts (Observable Plot) and GraphiQL set style attributes. The Apollo Sandbox
 * page (`?sandbox`, off in production) is Apollo's, from its CDN, and is not served under this policy.
 */
export const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');
