import type { Admission } from '../config.js';
import { Cooldown } from '../concurrency/cooldown.js';
import type { Tarpit } from '../concurrency/tarpit.js';
import { CoolingDownError } from '../errors.js';
import { sendJson } from './respond.js';
import type { Route } from './server.js';

/**
 * Refusing an over-budget request costs the server what reading it costs: under a flood of 90 KB
 * filters, parsing and walking them took ~7 ms of the one thread each and took a cheap query's
 * p50 from 5 to 200 ms (README "Limits and admission"). So once a client's request has been
 * refused as QUERY_TOO_COMPLEX (or its body as over 1 MB), its next requests with a body over `cooldownBodyBytes` (or of
 * unknown length) are refused unread with TOO_MANY_REQUESTS for `cooldownMs`; small requests,
 * such as the same client's cheap queries, are read as usual. The cost walk still decides what
 * is over budget: this only notes its refusals. The refusal is held by `tarpit` for its
 * retryAfterSeconds, so a client that sends again at once is paced by the server, not served a
 * 429 as fast as it can ask for one.
 */
export function withRefusalCooldown(route: Route, admission: Admission, tarpit: Tarpit): Route {
  if (admission.cooldownMs === 0) return route;
  const cooldown = new Cooldown(admission.cooldownMs);
  return async (req, res, url, scope) => {
    const client = req.socket.remoteAddress ?? 'unknown';
    const length = Number(req.headers['content-length'] ?? Infinity);
    const left = length > admission.cooldownBodyBytes ? cooldown.left(client) : 0;
    if (left > 0) {
      const error = new CoolingDownError(Math.ceil(left / 1000));
      const { code, retryAfterSeconds } = error.extensions;
      scope.errorCodes.push(String(code));
      // Discarded while held (node would discard it after the answer anyway): a body left unread
      // would stop the request from completing and meet HTTP_REQUEST_TIMEOUT_MS.
      req.resume();
      // For the whole retryAfterSeconds (rounded up), not to the cooldown's end: refusals held to one
      // instant would come back together and all be read before the first is refused again.
      await tarpit.hold(Number(retryAfterSeconds) * 1000);
      res.setHeader('retry-after', String(retryAfterSeconds));
      return sendJson(res, 429, { errors: [{ message: error.message, extensions: { code, retryAfterSeconds } }] });
    }
    await route(req, res, url, scope);
    // A body over the 1 MB cap (413) is refused before it is read, but node still reads it to
    // keep the connection: a client sending them in a loop cools down as an over-budget one does.
    if (scope.errorCodes.includes('QUERY_TOO_COMPLEX') || res.statusCode === 413) cooldown.note(client);
  };
}
