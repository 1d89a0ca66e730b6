/**
 * Child process for crash.test.ts: writes through the write path in a loop and prints
 * "ACK <n> <directiveId> <taskId>" after each commit returns. The parent SIGKILLs it at a
 * random moment. Each write is multi-op (two creates + an update) so atomicity is
 * exercised as well as durability.
 */
import fs from 'node:fs';
import { newId, openStore } from '../../../electron/core/store';
import { BLANK_TASK } from '../../../shared/domain';

const [file, trial] = process.argv.slice(2) as [string, string];
const store = openStore({ path: file });
const ctx = { userId: `crash-${trial}` };
for (let n = 0; ; n++) {
  const directiveId = newId();
  const taskId = newId();
  store.write(ctx, [
    // Child first: foreign keys are checked at commit.
    {
      op: 'create',
      entity: 'task',
      id: taskId,
      fields: {
        ...BLANK_TASK,
        title: `Nhiệm vụ ${trial}/${n}`,
        description: 'x'.repeat(n % 7 === 0 ? 3000 : 10), // some writes span pages
        directiveId,
        assigneeOrg: 'Sở Y tế',
        createdAt: new Date().toISOString(),
      },
    },
    {
      op: 'create',
      entity: 'directive',
      id: directiveId,
      fields: { code: `${trial}/${n}`, title: 'Chỉ thị', issuer: 'UBND', issuedDate: '2021-12-01', groups: [] },
    },
    { op: 'upsert', entity: 'setting', id: `crash.last.${trial}`, fields: { key: `crash.last.${trial}`, value: n } },
  ]);
  // Synchronous write to the pipe: once the parent reads this line, the commit had returned.
  fs.writeSync(1, `ACK ${n} ${directiveId} ${taskId}\n`);
}
