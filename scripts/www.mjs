// npm run www: serves the repository on 127.0.0.1 and prints the web page's address.
import { serve } from './serve.mjs';

const port = Number(process.env.PORT ?? 0);
const server = await serve(new URL('..', import.meta.url).pathname, port);
console.log(`element-poller web page: ${server.url}/www/index.html  (Ctrl-C to stop)`);
