// A real OpenID provider for the gateway's oidc tests: panva's oidc-provider (OpenID certified)
// with its development login and consent pages. Listens on 127.0.0.1 at a free port and prints
// "READY <port>". Clients (redirect URIs from the REDIRECT_URIS variable, space-separated):
// - "agw" (secret "agw-secret", client_secret_basic): ID tokens last 10 minutes;
// - "short" (secret "short-secret", client_secret_post): ID tokens last SHORT_TTL seconds (3).
// Accounts: any login is an account whose sub is the login and whose email is <login>@example.test.
import http from 'node:http';
import Provider from 'oidc-provider';

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = server.address().port;
const redirectUris = (process.env.REDIRECT_URIS || '').split(' ').filter(Boolean);
const shortTtl = Number(process.env.SHORT_TTL || '3');

const client = (id, method) => ({
  client_id: id,
  client_secret: `${id}-secret`,
  redirect_uris: redirectUris,
  response_types: ['code'],
  grant_types: ['authorization_code'],
  token_endpoint_auth_method: method,
});

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [client('agw', 'client_secret_basic'), client('short', 'client_secret_post')],
  pkce: { required: () => true },
  ttl: { IdToken: (ctx, token, c) => (c.clientId === 'short' ? shortTtl : 600) },
  claims: { openid: ['sub'], email: ['email'] },
  findAccount: (ctx, id) => ({
    accountId: id,
    claims: () => ({ sub: id, email: `${id}@example.test` }),
  }),
  // The scopes' claims (email) go into the ID token itself, where the gateway reads them.
  conformIdTokenClaims: false,
  cookies: { keys: ['agw-test-cookie-key'] },
  features: { devInteractions: { enabled: true } },
});
server.on('request', provider.callback());
console.log(`READY ${port}`);
