import { defineBackground } from 'wxt/utils/define-background';
import { createProgressService } from '../platform/progress';
import { listenForReaders } from '../platform/reader-port';

export default defineBackground(() => {
  const progress = createProgressService();
  listenForReaders((record) => progress.save(record));
});
