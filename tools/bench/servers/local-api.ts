// The toolkit's local API (sam-local-node's startLocalApi) as `npm start` runs it, minus watch mode: started by
// lib/local-api.ts under `node --import tsx`, which reads its URL over IPC and sends 'close' to stop it.
// Usage: node --import tsx servers/local-api.ts <template.yaml> <build dir>
import { startLocalApi } from 'sam-local-node';

async function main(): Promise<void> {
  const [templatePath, buildDir] = process.argv.slice(2);
  if (!templatePath || !buildDir || !process.send)
    throw new Error('usage: local-api.ts <template> <build dir>, with IPC');
  const api = await startLocalApi({ templatePath, buildDir, host: '127.0.0.1', port: 0 });
  process.on('message', (message) => {
    if (message === 'close') void api.close().then(() => process.exit(0));
  });
  process.send({ url: api.url });
}

main().catch((error: unknown) => {
  const reason = (error as Error).stack ?? String(error);
  process.stderr.write(`local-api server: ${reason}\n`);
  process.send?.({ error: reason }, () => process.exit(1));
});
