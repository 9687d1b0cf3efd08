import type { FastifyInstance } from 'fastify';

/** Marks a body that claimed to be JSON but did not parse (Graph answers 400 BadRequest). */
export class InvalidJson {
  constructor(readonly text: string) {}
}

/** JSON bodies parse leniently (empty → undefined, invalid → {@link InvalidJson}); any other type is kept as text. */
export function registerBodyParsers(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    ['application/json', 'text/json'],
    { parseAs: 'string' },
    (_request, body, done) => {
      const text = String(body);
      if (text.trim() === '') return done(null, undefined);
      try {
        done(null, JSON.parse(text));
      } catch {
        done(null, new InvalidJson(text));
      }
    },
  );
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(null, text);
    }
  });
}
