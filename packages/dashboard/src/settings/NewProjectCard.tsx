import { useState } from 'react';
import { projectApi } from './projectApi.js';
import { ActionStatus } from './ActionStatus.js';
import { useAction } from './useAction.js';

/** Server admins: a new project, with its own ingest key. */
export function NewProjectCard({ onCreated }: { onCreated: (id: string) => void }) {
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const { busy, error, done, run } = useAction();
  return (
    <section className="settings-card" data-testid="settings-new-project">
      <h2>New project</h2>
      <form className="settings-row" onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          await projectApi.create(id.trim(), name.trim());
          onCreated(id.trim());
        }, `Project ${id.trim()} created.`);
      }}>
        <label className="form-field">
          <span>Id (a-z, 0-9, - and _)</span>
          <input required pattern="[a-z0-9][a-z0-9_\-]{0,62}" value={id} onChange={(e) => setId(e.target.value)} data-testid="new-project-id" />
        </label>
        <label className="form-field">
          <span>Name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} data-testid="new-project-name" />
        </label>
        <button type="submit" className="button" disabled={busy} data-testid="new-project-submit">Create</button>
        <ActionStatus error={error} done={done} />
      </form>
    </section>
  );
}
