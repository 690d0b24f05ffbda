import { it } from 'vitest';
import { click, evaluate, launch, poll } from './support/harness';
it('dbg', async () => {
  const h = await launch('chromium');
  const lib = await h.openExtensionPage('/sidepanel.html#library');
  await poll(lib, `!!document.querySelector('.sync-toggle input')`, 10000, 'x');
  await click(lib, '.sync-toggle input');
  await new Promise((r) => setTimeout(r, 1500));
  console.log('items', await evaluate(lib, `chrome.storage.local.get(null)`));
  console.log('sync', await evaluate(lib, `chrome.storage.sync.get(null)`));
  console.log('html', await evaluate(lib, `document.querySelector('.sync').outerHTML`));
  console.log('reply', await evaluate(lib, `chrome.runtime.sendMessage({type:'sync-now'}).then((r) => JSON.stringify(r), (e) => 'ERR ' + e)`));
  await h.close();
}, 60000);
