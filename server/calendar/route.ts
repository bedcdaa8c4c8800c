// GET /calendar/<secret>.ics: a private feed, for calendar apps (which send no token: the
// secret in the URL is the credential). Unknown and revoked secrets answer 404 alike.
import express from 'express';
import { calendarForSecret } from './feeds';

export function calendarRoutes(): express.Router {
  const router = express.Router();
  router.get('/calendar/:file', async (req, res, next) => {
    try {
      const secret = /^(.+)\.ics$/.exec(String(req.params.file))?.[1] ?? '';
      const text = await calendarForSecret(secret);
      // Never cached by shared caches, and the URL is not passed on as a referrer.
      res.set({ 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' });
      if (text === null) return void res.status(404).type('text/plain').send('No such calendar (the link may have been revoked).');
      res.type('text/calendar; charset=utf-8').send(text);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
