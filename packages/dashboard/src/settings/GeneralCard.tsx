import { useState } from 'react';
import { projectApi, type ProjectSettings } from './projectApi.js';
import { ActionStatus } from './ActionStatus.js';
import { useAction } from './useAction.js';

/** Name, retention and allowed origins of a project. */
export function GeneralCard({ project, canEdit, onSaved }: { project: ProjectSettings; canEdit: boolean; onSaved: () => void }) {
  const [name, setName] = useState(project.name);
  const [retention, setRetention] = useState(project.retentionDays ? String(project.retentionDays) : '');
  const [origins, setOrigins] = useState(project.allowedOrigins.join('\n'));
  const { busy, error, done, run } = useAction(onSaved);

  const save = () => run(() => projectApi.update(project.id, {
    name,
    retentionDays: retention.trim() === '' ? null : Number(retention),
    allowedOrigins: origins.split(/\s+/).filter(Boolean),
  }));

  return (
    <section className="settings-card" data-testid="settings-general">
      <h2>General</h2>
      <div className="settings-row">
        <label className="form-field">
          <span>Name</span>
          <input value={name} disabled={!canEdit} onChange={(e) => setName(e.target.value)} data-testid="project-name" />
        </label>
        <label className="form-field">
          <span>Keep sessions (days)</span>
          <input type="number" min={1} placeholder="server default" value={retention} disabled={!canEdit}
            onChange={(e) => setRetention(e.target.value)} data-testid="project-retention" />
        </label>
      </div>
      <label className="form-field">
        <span>Allowed origins, one per line (empty: pages anywhere may send with this project's keys)</span>
        <textarea value={origins} disabled={!canEdit} placeholder="https://shop.example" onChange={(e) => setOrigins(e.target.value)}
          data-testid="project-origins" />
      </label>
      {canEdit && (
        <div className="settings-row">
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void save()} data-testid="project-save">Save</button>
          <ActionStatus error={error} done={done} />
        </div>
      )}
    </section>
  );
}
