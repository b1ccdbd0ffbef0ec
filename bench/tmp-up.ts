import { startBenchDatabase } from './db.js';
import { startApi, startPeer, startFloor } from './servers.js';
(async () => {
  const db = await startBenchDatabase(47810);
  const s = [await startApi(db.url, 47811), await startPeer(db.url, 47812), await startFloor(db.url, 47813)];
  console.log('up', s.map((x) => `${x.name}:${x.pid}`).join(' '));
  process.on('SIGTERM', async () => { for (const x of s) await x.stop(); await db.stop(); process.exit(0); });
  setInterval(() => {}, 1000);
})();
