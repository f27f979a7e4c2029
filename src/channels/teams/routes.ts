/**
 * POST /api/messages on the shared HTTP server: JSON parsed on this route only (the server has
 * no global body parser), then the CloudAdapter authenticates the request and runs the turn.
 * The adapter answers: 401 for a bad or missing token, 200 (with the invoke response for
 * invokes) once the turn is done, 500 when the turn failed so Teams redelivers.
 */
import express, { type ErrorRequestHandler, type Request, type Response } from 'express';
import type { CloudAdapter } from 'botbuilder';
import type { HttpServer } from '../../http/server.js';
import { onTeamsTurn, type TeamsBotDeps } from './bot.js';

export const TEAMS_PATH = '/api/messages';

export function registerTeamsRoutes(http: Pick<HttpServer, 'routes'>, adapter: CloudAdapter, deps: TeamsBotDeps): void {
  const router = express.Router();
  router.post(TEAMS_PATH, express.json({ limit: '256kb' }), (req: Request, res: Response) => adapter.process(req, res, (context) => onTeamsTurn(context, deps)));
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
