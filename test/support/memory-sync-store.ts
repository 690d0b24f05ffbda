import { newest } from '../../lib/db/progress';
import type { ProgressRecord, WebStoryRecord } from '../../lib/db/schema';
import type { SyncStore } from '../../lib/sync/engine';

/** A device's IndexedDB for sync tests: the same newest-wins rule as lib/db/progress.ts. */
export class MemorySyncStore implements SyncStore {
  readonly progress = new Map<string, ProgressRecord>();
  readonly stories = new Map<string, WebStoryRecord>();

  /** This device's own reading. */
  save(record: ProgressRecord, story?: WebStoryRecord): void {
    this.progress.set(record.key, newest(this.progress.get(record.key), record));
    if (story) this.stories.set(story.key, story);
  }

  async recent(limit: number) {
    const progress = [...this.progress.values()].sort((a, b) => b.updatedAt - a.updatedAt).slice(0, limit);
    const stories = progress.flatMap((r) => this.stories.get(r.key) ?? []);
    return { progress, stories };
  }

  async get(key: string) {
    return this.progress.get(key);
  }

  async webStory(key: string) {
    return this.stories.get(key);
  }

  async apply(progress: ProgressRecord, story?: WebStoryRecord) {
    this.save(progress, story);
  }
}
