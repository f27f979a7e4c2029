/**
 * POST /api/messages on the shared HTTP server: JSON parsed on this route only (the server has
 * no global body parser), then the CloudAdapter authenticates the request and runs the turn.
 * The handler (requests.ts) answers as CloudAdapter.process would, without its console noise:
 * 400 for a body that is not an activity, 401 for a bad or missing token (one JSON log line),
 * 200 (with the invoke response for invokes) once the turn is done, 500 when the turn failed so
 * Teams redelivers.
 */
import express, { type ErrorRequestHandler } from 'express';
import type { HttpServer } from '../../http/server.js';
import type { TeamsAdapter } from './adapter.js';
import { onTeamsTurn, type TeamsBotDeps } from './bot.js';
import { activityHandler } from './requests.js';

export const TEAMS_PATH = '/api/messages';

export function registerTeamsRoutes(http: Pick<HttpServer, 'routes'>, adapter: TeamsAdapter, deps: TeamsBotDeps): void {
  const router = express.Router();
  router.post(TEAMS_PATH, express.json({ limit: '256kb' }), activityHandler(adapter, (context) => onTeamsTurn(context, deps), deps.log));
  router.use(TEAMS_PATH, bodyErrors);
  http.routes.use(router);
}

/** Malformed or oversized JSON: a plain 400/413, like any other bad input. */
const bodyErrors: ErrorRequestHandler = (error, _req, res, next) => {
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.parse.failed') res.status(400).json({ error: 'the request body is not valid JSON' });
  else if (type === 'entity.too.large') res.status(413).json({ error: 'the request body is too large' });
  else next(error);
};
